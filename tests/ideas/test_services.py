"""Idea services: submission, drafts, revisions, withdrawal, moderation, staff transitions and updates."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cocreate.accounts.models import Role
from cocreate.campaigns.models import CampaignStatus, Moderation, Visibility
from cocreate.core.errors import ApplicationError, Conflict, PermissionDenied, TermsNotAccepted
from cocreate.engagement.models import Follow
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.ideas.models import Idea, IdeaImage, IdeaRevision, IdeaStatusChange, IdeaUpdate, Tag
from cocreate.ideas.services import (
    MAX_COAUTHORS,
    MAX_TAGS,
    idea_change_status,
    idea_create,
    idea_edit,
    idea_moderate,
    idea_post_update,
    idea_submit_draft,
    idea_withdraw,
    parse_tags,
)
from tests.factories import (
    AgreementFactory,
    CampaignFactory,
    IdeaFactory,
    InvitationFactory,
    MemberFactory,
    PhaseFactory,
    UserFactory,
    image_upload,
    staff,
)

pytestmark = pytest.mark.django_db

TITLE = "Protected bike lanes on Main Street"
BODY = "Separate cyclists from traffic with kerbs, so children can ride to school."


def _create(actor, campaign, **kwargs):
    return idea_create(
        actor=actor, campaign=campaign, title=kwargs.pop("title", TITLE), body=kwargs.pop("body", BODY), **kwargs
    )


def _snapshot(idea):
    idea = Idea.objects.get(pk=idea.pk)
    return (
        idea.title,
        idea.body,
        idea.status,
        sorted(idea.tags.values_list("name", flat=True)),
        idea.revisions.count(),
        idea.status_changes.count(),
    )


# ---- idea_create ---------------------------------------------------------------------------------------


def test_idea_on_a_post_moderated_campaign_is_published_at_once():
    # given
    member, campaign = MemberFactory(), CampaignFactory(moderation=Moderation.POST)

    # when
    idea = _create(member, campaign)

    # then
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.PUBLISHED
    assert idea.published_at is not None
    assert idea.stage_index == 0
    assert idea.stage_started_at == idea.published_at
    assert idea.trending > 0
    assert list(idea.status_changes.values_list("from_status", "to_status")) == [
        ("", IdeaStatus.DRAFT),
        (IdeaStatus.DRAFT, IdeaStatus.PUBLISHED),
    ]
    revision = idea.revisions.get()
    assert (revision.number, revision.title, revision.body, revision.editor) == (1, TITLE, BODY, member)


def test_idea_on_a_pre_moderated_campaign_waits_for_a_moderator():
    # given
    member, campaign = MemberFactory(), CampaignFactory(moderation=Moderation.PRE)

    # when
    idea = _create(member, campaign)

    # then: pending, unpublished, and no public revision yet
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.PENDING
    assert idea.published_at is None
    assert idea.stage_started_at is None
    assert not idea.revisions.exists()


def test_a_draft_stays_a_draft():
    # given
    member, campaign = MemberFactory(), CampaignFactory()

    # when
    idea = _create(member, campaign, draft=True)

    # then
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.DRAFT
    assert idea.published_at is None
    assert not idea.revisions.exists()
    assert list(idea.status_changes.values_list("to_status", flat=True)) == [IdeaStatus.DRAFT]


def test_title_and_body_are_tidied():
    # given
    member, campaign = MemberFactory(), CampaignFactory()

    # when
    idea = _create(member, campaign, title="  Protected   bike\nlanes  ", body=f"\n\n  {BODY}  \n")

    # then
    assert idea.title == "Protected bike lanes"
    assert idea.body == BODY


def test_tags_are_cleaned_deduplicated_and_shared():
    # given
    member, campaign = MemberFactory(), CampaignFactory()
    existing = Tag.objects.count()

    # when
    first = _create(member, campaign, tags="Bikes, bikes ,  Safe   Streets, ,LIGHTS")
    second = _create(member, campaign, tags=["safe streets", "Parking"])

    # then
    assert sorted(first.tags.values_list("name", flat=True)) == ["bikes", "lights", "safe streets"]
    assert sorted(second.tags.values_list("slug", flat=True)) == ["parking", "safe-streets"]
    assert Tag.objects.count() == existing + 4


def test_parse_tags_keeps_order_and_drops_tags_without_letters():
    assert parse_tags("Zeta, alpha, ZETA, !!!, alpha  beta") == ["zeta", "alpha", "alpha beta"]
    assert parse_tags(["x" * 60]) == ["x" * 40]


def test_too_many_tags_are_refused_and_nothing_is_created():
    # given
    member, campaign = MemberFactory(), CampaignFactory()
    tags = ", ".join(f"tag{i}" for i in range(MAX_TAGS + 1))

    # when
    with pytest.raises(ApplicationError) as refusal:
        _create(member, campaign, tags=tags)

    # then
    assert (refusal.value.code, refusal.value.field) == ("too_many_tags", "tags")
    assert not Idea.objects.exists()


def test_co_authors_are_named_by_email():
    # given
    member, campaign = MemberFactory(email="me@example.org"), CampaignFactory()
    ada = MemberFactory(email="ada@example.org", coauthor_listing=True)  # members who allow being named
    bob = MemberFactory(email="bob@example.org", coauthor_listing=True)

    # when: any case, separators, repeats and the author's own address are all fine
    idea = _create(member, campaign, coauthors=" ADA@example.org; bob@example.org, ada@example.org, me@example.org")

    # then
    assert set(idea.coauthors.all()) == {ada, bob}


def test_an_unknown_co_author_is_refused_by_field_and_nothing_is_created():
    # given
    member, campaign = MemberFactory(), CampaignFactory()
    MemberFactory(email="known@example.org")
    UserFactory(email="gone@example.org", is_active=False)

    # when
    with pytest.raises(ApplicationError) as refusal:
        _create(member, campaign, coauthors="known@example.org, nobody@example.org, gone@example.org")

    # then
    assert (refusal.value.code, refusal.value.field) == ("unknown_coauthor", "coauthors")
    assert "nobody@example.org" in str(refusal.value.message)
    assert "gone@example.org" in str(refusal.value.message)
    assert not Idea.objects.exists()


def test_too_many_co_authors_are_refused():
    # given
    member, campaign = MemberFactory(), CampaignFactory()
    others = MemberFactory.create_batch(MAX_COAUTHORS + 1)

    # when / then
    with pytest.raises(ApplicationError) as refusal:
        _create(member, campaign, coauthors=[u.email for u in others])
    assert refusal.value.field == "coauthors"
    assert not Idea.objects.exists()


def test_the_author_follows_their_idea(on_commit):
    # given
    member, campaign = MemberFactory(), CampaignFactory()

    # when: engagement follows it on IdeaSubmitted, once the submission commits
    with on_commit(execute=True):
        idea = _create(member, campaign)

    # then
    assert Follow.objects.filter(idea=idea, member=member).exists()


def test_submission_publishes_its_events_after_commit(on_commit):
    # given
    member, campaign = MemberFactory(), CampaignFactory()

    # when
    with on_commit() as callbacks:
        _create(member, campaign)

    # then: IdeaSubmitted and IdeaStatusChanged wait for the commit
    assert len(callbacks) == 2


def test_terms_not_accepted_refuses_and_creates_nothing():
    # given
    AgreementFactory()
    member, campaign = UserFactory(), CampaignFactory()

    # when
    with pytest.raises(TermsNotAccepted) as refusal:
        _create(member, campaign)

    # then
    assert refusal.value.code == "terms_not_accepted"
    assert refusal.value.status == 403
    assert not Idea.objects.exists()


def test_a_closed_submission_phase_refuses():
    # given: the submission phase ended yesterday
    member, campaign = MemberFactory(), CampaignFactory()
    now = timezone.now()
    PhaseFactory(
        campaign=campaign, kind="submission", starts_at=now - timedelta(days=30), ends_at=now - timedelta(days=1)
    )

    # when
    with pytest.raises(ApplicationError) as refusal:
        _create(member, campaign)

    # then
    assert refusal.value.code == "submission_closed"
    assert not Idea.objects.exists()


def test_a_submission_phase_not_yet_open_refuses():
    # given
    member, campaign = MemberFactory(), CampaignFactory()
    PhaseFactory(campaign=campaign, kind="submission", starts_at=timezone.now() + timedelta(days=1), ends_at=None)

    # when / then
    with pytest.raises(ApplicationError) as refusal:
        _create(member, campaign)
    assert refusal.value.code == "submission_closed"


def test_an_open_submission_phase_accepts():
    # given: another phase kind closed does not matter
    member, campaign = MemberFactory(), CampaignFactory()
    now = timezone.now()
    PhaseFactory(campaign=campaign, kind="submission")
    PhaseFactory(campaign=campaign, kind="support", starts_at=now - timedelta(days=9), ends_at=now - timedelta(days=2))

    # when
    idea = _create(member, campaign)

    # then
    assert idea.status == IdeaStatus.PUBLISHED


def test_an_invite_only_campaign_is_invisible_to_the_uninvited():
    # given
    member, campaign = MemberFactory(), CampaignFactory(visibility=Visibility.INVITE)

    # when
    with pytest.raises(ApplicationError) as refusal:
        _create(member, campaign)

    # then: it does not even admit the campaign exists
    assert (refusal.value.code, refusal.value.status) == ("not_found", 404)
    assert not Idea.objects.exists()


def test_an_invited_member_may_submit_to_an_invite_only_campaign():
    # given
    member, campaign = MemberFactory(email="guest@example.org"), CampaignFactory(visibility=Visibility.INVITE)
    InvitationFactory(campaign=campaign, email="Guest@Example.org")

    # when
    idea = _create(member, campaign)

    # then
    assert idea.status == IdeaStatus.PUBLISHED


@pytest.mark.parametrize("status", [CampaignStatus.DRAFT, CampaignStatus.ARCHIVED])
def test_draft_and_archived_campaigns_take_no_ideas(status):
    # given
    member, campaign = MemberFactory(), CampaignFactory(status=status)

    # when / then
    with pytest.raises(ApplicationError):
        _create(member, campaign)
    assert not Idea.objects.exists()


def test_the_entry_limit_counts_submitted_ideas_only():
    # given: one entry per member
    member, campaign = MemberFactory(), CampaignFactory(entries_per_member=1)
    first = _create(member, campaign)

    # when
    with pytest.raises(ApplicationError) as refusal:
        _create(member, campaign, title="A second idea of mine")

    # then: refused, but drafts and other members are not limited
    assert refusal.value.code == "entry_limit_reached"
    assert Idea.objects.filter(author=member).count() == 1
    assert _create(member, campaign, title="Kept for later", draft=True).status == IdeaStatus.DRAFT
    assert _create(MemberFactory(), campaign).status == IdeaStatus.PUBLISHED

    # and a withdrawn entry frees the place
    idea_withdraw(actor=member, idea=first)
    assert _create(member, campaign, title="Third time lucky").status == IdeaStatus.PUBLISHED


@pytest.mark.parametrize(
    ("title", "body", "field"),
    [
        ("Shrt", BODY, "title"),
        ("   a  b  ", BODY, "title"),
        ("x" * 161, BODY, "title"),
        (TITLE, "Too short body.", "body"),
        (TITLE, " " * 50, "body"),
        (TITLE, "y" * 20001, "body"),
    ],
)
def test_title_and_body_lengths_are_checked(title, body, field):
    # given
    member, campaign = MemberFactory(), CampaignFactory()

    # when
    with pytest.raises(ApplicationError) as refusal:
        _create(member, campaign, title=title, body=body)

    # then
    assert refusal.value.field == field
    assert not Idea.objects.exists()


def test_images_are_stored_with_thumbnails():
    # given
    member, campaign = MemberFactory(), CampaignFactory(max_images_per_idea=2)

    # when
    idea = _create(member, campaign, images=[image_upload("a.jpg"), image_upload("b.png", fmt="PNG")])

    # then
    images = list(idea.images.order_by("position"))
    assert [i.position for i in images] == [0, 1]
    assert all(i.image and i.thumbnail and i.width == 64 for i in images)
    assert images[0].alt_text == TITLE


def test_too_many_images_are_refused_and_nothing_is_created():
    # given
    member, campaign = MemberFactory(), CampaignFactory(max_images_per_idea=1)

    # when
    with pytest.raises(ApplicationError) as refusal:
        _create(member, campaign, images=[image_upload("a.jpg"), image_upload("b.jpg")])

    # then
    assert (refusal.value.code, refusal.value.field) == ("too_many_images", "images")
    assert not Idea.objects.exists()
    assert not IdeaImage.objects.exists()


def test_a_non_image_upload_is_refused_and_nothing_is_created():
    # given
    from django.core.files.uploadedfile import SimpleUploadedFile

    member, campaign = MemberFactory(), CampaignFactory()
    fake = SimpleUploadedFile("plan.png", b"<?php system($_GET['c']); ?>")

    # when
    with pytest.raises(ApplicationError) as refusal:
        _create(member, campaign, images=[image_upload("ok.jpg"), fake])

    # then: the good image is not kept either
    assert (refusal.value.code, refusal.value.field) == ("not_an_image", "images")
    assert not Idea.objects.exists()
    assert not IdeaImage.objects.exists()


def test_an_oversized_upload_is_refused(settings):
    # given
    settings.IDEA_IMAGE_MAX_BYTES = 200
    member, campaign = MemberFactory(), CampaignFactory()

    # when
    with pytest.raises(ApplicationError) as refusal:
        _create(member, campaign, images=[image_upload(size=(300, 300))])

    # then
    assert refusal.value.code == "image_too_large"
    assert not Idea.objects.exists()


# ---- idea_submit_draft --------------------------------------------------------------------------------


def test_submitting_a_draft_publishes_it_with_its_first_revision():
    # given
    member, campaign = MemberFactory(), CampaignFactory()
    draft = _create(member, campaign, draft=True)

    # when
    idea = idea_submit_draft(actor=member, idea=draft)

    # then
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.PUBLISHED
    assert idea.published_at is not None
    assert list(idea.revisions.values_list("number", flat=True)) == [1]


def test_submitting_a_draft_to_a_pre_moderated_campaign_sends_it_to_moderation():
    # given
    member, campaign = MemberFactory(), CampaignFactory(moderation=Moderation.PRE)
    draft = _create(member, campaign, draft=True)

    # when
    idea = idea_submit_draft(actor=member, idea=draft)

    # then
    assert Idea.objects.get(pk=idea.pk).status == IdeaStatus.PENDING


def test_only_the_author_submits_a_draft():
    # given
    draft = _create(MemberFactory(), CampaignFactory(), draft=True)
    before = _snapshot(draft)

    # when
    with pytest.raises(ApplicationError) as refusal:
        idea_submit_draft(actor=MemberFactory(), idea=draft)

    # then
    assert refusal.value.status == 403
    assert _snapshot(draft) == before


def test_submitting_twice_is_refused():
    # given
    member = MemberFactory()
    idea = _create(member, CampaignFactory())

    # when / then
    with pytest.raises(ApplicationError) as refusal:
        idea_submit_draft(actor=member, idea=idea)
    assert (refusal.value.code, refusal.value.status) == ("invalid_transition", 409)


def test_submitting_a_draft_respects_the_entry_limit_and_the_phase():
    # given
    member, campaign = MemberFactory(), CampaignFactory(entries_per_member=1)
    draft = _create(member, campaign, draft=True)
    _create(member, campaign)

    # when / then
    with pytest.raises(ApplicationError) as refusal:
        idea_submit_draft(actor=member, idea=draft)
    assert refusal.value.code == "entry_limit_reached"

    # given the phase closes
    campaign.entries_per_member = None
    campaign.save()
    now = timezone.now()
    PhaseFactory(campaign=campaign, starts_at=now - timedelta(days=5), ends_at=now - timedelta(days=1))
    draft = Idea.objects.get(pk=draft.pk)

    # when / then
    with pytest.raises(ApplicationError) as refusal:
        idea_submit_draft(actor=member, idea=draft)
    assert refusal.value.code == "submission_closed"
    assert Idea.objects.get(pk=draft.pk).status == IdeaStatus.DRAFT


# ---- idea_edit ----------------------------------------------------------------------------------------


def test_editing_a_public_idea_adds_numbered_revisions_only_for_real_changes():
    # given: a published idea has revision 1
    author = MemberFactory()
    idea = _create(author, CampaignFactory(), tags="bikes")

    # when: the body changes
    idea_edit(actor=author, idea=idea, title=TITLE, body=BODY + " Now with a map.", note="added a map")
    # and then nothing changes
    idea_edit(actor=author, idea=idea, title=TITLE, body=BODY + " Now with a map.")
    # and then only the tags change
    idea_edit(actor=author, idea=idea, title=TITLE, body=BODY + " Now with a map.", tags="bikes, Lights")

    # then
    revisions = list(IdeaRevision.objects.filter(idea=idea).order_by("number"))
    assert [r.number for r in revisions] == [1, 2, 3]
    assert revisions[1].body.endswith("Now with a map.")
    assert revisions[1].note == "added a map"
    assert revisions[1].editor == author
    assert revisions[2].tags == "bikes, lights"


def test_editing_a_draft_keeps_no_revisions():
    # given
    author = MemberFactory()
    draft = _create(author, CampaignFactory(), draft=True)

    # when
    idea_edit(actor=author, idea=draft, title="A better title", body=BODY)

    # then
    draft.refresh_from_db()
    assert draft.title == "A better title"
    assert not draft.revisions.exists()


def test_tags_and_co_authors_are_kept_when_not_given():
    # given
    author, ada = MemberFactory(), MemberFactory(coauthor_listing=True)
    idea = _create(author, CampaignFactory(), tags="bikes", coauthors=ada.email)

    # when
    idea_edit(actor=author, idea=idea, title=TITLE, body=BODY)

    # then
    assert list(idea.tags.values_list("name", flat=True)) == ["bikes"]
    assert list(idea.coauthors.all()) == [ada]


def test_someone_elses_idea_cannot_be_edited():
    # given
    idea = IdeaFactory()
    before = _snapshot(idea)

    # when
    with pytest.raises(PermissionDenied):
        idea_edit(actor=MemberFactory(), idea=idea, title="Hijacked title", body=BODY, tags="spam")

    # then
    assert _snapshot(idea) == before


def test_a_co_author_may_edit_but_not_change_the_co_authors():
    # given
    author, ada, bob = MemberFactory(), MemberFactory(coauthor_listing=True), MemberFactory(coauthor_listing=True)
    idea = _create(author, CampaignFactory(), coauthors=ada.email)

    # when
    idea_edit(actor=ada, idea=idea, title="Edited by Ada", body=BODY, coauthors=bob.email)

    # then
    idea.refresh_from_db()
    assert idea.title == "Edited by Ada"
    assert list(idea.coauthors.all()) == [ada]
    assert idea.revisions.last().editor == ada


def test_a_moderator_of_the_campaign_may_edit():
    # given
    idea = IdeaFactory()
    moderator = staff(Role.MODERATOR, campaign=idea.campaign)

    # when
    idea_edit(actor=moderator, idea=idea, title="Title fixed by staff", body=BODY, note="typo")

    # then
    revision = IdeaRevision.objects.filter(idea=idea).order_by("-number").first()
    assert (revision.number, revision.editor, revision.title) == (2, moderator, "Title fixed by staff")


def test_a_moderator_of_another_campaign_may_not_edit():
    # given
    idea = IdeaFactory()
    moderator = staff(Role.MODERATOR, campaign=CampaignFactory())
    before = _snapshot(idea)

    # when / then
    with pytest.raises(PermissionDenied):
        idea_edit(actor=moderator, idea=idea, title="Title fixed by staff", body=BODY)
    assert _snapshot(idea) == before


@pytest.mark.parametrize("status", [IdeaStatus.UNDER_REVIEW, IdeaStatus.ACCEPTED, IdeaStatus.WITHDRAWN])
def test_the_author_cannot_edit_once_the_idea_is_past_editing(status):
    # given
    idea = IdeaFactory(status=status)
    before = _snapshot(idea)

    # when / then
    with pytest.raises(PermissionDenied):
        idea_edit(actor=idea.author, idea=idea, title="Changed afterwards", body=BODY)
    assert _snapshot(idea) == before


def test_editing_can_add_and_remove_images():
    # given
    author = MemberFactory()
    idea = _create(author, CampaignFactory(max_images_per_idea=2), images=[image_upload("a.jpg")])
    old = idea.images.get()

    # when
    idea_edit(
        actor=author, idea=idea, title=TITLE, body=BODY, images=[image_upload("b.jpg")], remove_image_ids=[old.pk]
    )

    # then
    assert list(idea.images.values_list("position", flat=True)) == [0]
    assert not IdeaImage.objects.filter(pk=old.pk).exists()

    # when: one too many
    with pytest.raises(ApplicationError) as refusal:
        idea_edit(actor=author, idea=idea, title=TITLE, body=BODY, images=[image_upload(), image_upload()])

    # then
    assert refusal.value.code == "too_many_images"
    assert idea.images.count() == 1


# ---- idea_withdraw ------------------------------------------------------------------------------------


def test_the_author_may_withdraw():
    # given
    idea = IdeaFactory()

    # when
    idea_withdraw(actor=idea.author, idea=idea, reason="  Found a better way  ")

    # then
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.WITHDRAWN
    change = idea.status_changes.get()
    assert (change.from_status, change.to_status, change.actor, change.note) == (
        IdeaStatus.PUBLISHED,
        IdeaStatus.WITHDRAWN,
        idea.author,
        "Found a better way",
    )


@pytest.mark.parametrize("who", ["member", "coauthor", "moderator"])
def test_only_the_author_may_withdraw(who):
    # given
    idea = IdeaFactory()
    actor = {
        "member": lambda: MemberFactory(),
        "coauthor": lambda: idea.coauthors.add(c := MemberFactory()) or c,
        "moderator": lambda: staff(Role.MODERATOR, campaign=idea.campaign),
    }[who]()
    before = _snapshot(idea)

    # when / then
    with pytest.raises(PermissionDenied):
        idea_withdraw(actor=actor, idea=idea)
    assert _snapshot(idea) == before


def test_a_decided_idea_cannot_be_withdrawn():
    # given
    idea = IdeaFactory(status=IdeaStatus.ACCEPTED)

    # when / then
    with pytest.raises(Conflict) as refusal:
        idea_withdraw(actor=idea.author, idea=idea)
    assert refusal.value.code == "invalid_transition"
    assert Idea.objects.get(pk=idea.pk).status == IdeaStatus.ACCEPTED


# ---- idea_moderate ------------------------------------------------------------------------------------


def test_a_moderator_approves_a_pending_idea():
    # given
    idea = _create(MemberFactory(), CampaignFactory(moderation=Moderation.PRE))
    moderator = staff(Role.MODERATOR, campaign=idea.campaign)

    # when
    idea_moderate(actor=moderator, idea=idea, approve=True)

    # then
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.PUBLISHED
    assert idea.published_at is not None
    assert idea.stage_started_at == idea.published_at
    assert idea.revisions.get().number == 1
    assert idea.status_changes.last().actor == moderator


def test_a_moderator_returns_a_pending_idea_with_a_reason():
    # given
    idea = _create(MemberFactory(), CampaignFactory(moderation=Moderation.PRE))
    moderator = staff(Role.FACILITATOR, campaign=idea.campaign)

    # when
    idea_moderate(actor=moderator, idea=idea, approve=False, reason="Please add where on Main Street.")

    # then
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.DRAFT
    assert idea.status_changes.last().note == "Please add where on Main Street."
    assert not idea.revisions.exists()


def test_returning_an_idea_needs_a_reason():
    # given
    idea = _create(MemberFactory(), CampaignFactory(moderation=Moderation.PRE))
    moderator = staff(Role.MODERATOR, campaign=idea.campaign)
    before = _snapshot(idea)

    # when
    with pytest.raises(ApplicationError) as refusal:
        idea_moderate(actor=moderator, idea=idea, approve=False, reason="   ")

    # then
    assert refusal.value.field == "reason"
    assert _snapshot(idea) == before


@pytest.mark.parametrize("who", ["author", "member", "reviewer", "other_moderator"])
def test_only_moderators_of_the_campaign_moderate(who):
    # given
    idea = _create(MemberFactory(), CampaignFactory(moderation=Moderation.PRE))
    actor = {
        "author": lambda: idea.author,
        "member": lambda: MemberFactory(),
        "reviewer": lambda: staff(Role.REVIEWER, campaign=idea.campaign),
        "other_moderator": lambda: staff(Role.MODERATOR, campaign=CampaignFactory()),
    }[who]()
    before = _snapshot(idea)

    # when / then
    with pytest.raises(PermissionDenied):
        idea_moderate(actor=actor, idea=idea, approve=True)
    assert _snapshot(idea) == before


def test_a_moderator_cannot_publish_a_draft_the_author_has_not_submitted():
    # given
    draft = _create(MemberFactory(), CampaignFactory(moderation=Moderation.PRE), draft=True)
    moderator = staff(Role.MODERATOR, campaign=draft.campaign)
    before = _snapshot(draft)

    # when
    with pytest.raises(Conflict) as refusal:
        idea_moderate(actor=moderator, idea=draft, approve=True)

    # then
    assert refusal.value.code == "invalid_transition"
    assert _snapshot(draft) == before


# ---- idea_change_status --------------------------------------------------------------------------------


def test_staff_move_an_idea_along_the_lifecycle():
    # given
    idea = IdeaFactory()
    facilitator = staff(Role.FACILITATOR, campaign=idea.campaign)

    # when
    idea_change_status(actor=facilitator, idea=idea, transition="start_review", note="Looks promising")
    idea_change_status(actor=facilitator, idea=idea, transition="accept")

    # then
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.ACCEPTED
    assert list(idea.status_changes.values_list("to_status", flat=True)) == [
        IdeaStatus.UNDER_REVIEW,
        IdeaStatus.ACCEPTED,
    ]


def test_an_invalid_transition_is_a_conflict_and_changes_nothing():
    # given
    idea = IdeaFactory()
    facilitator = staff(Role.FACILITATOR, campaign=idea.campaign)
    before = _snapshot(idea)

    # when
    with pytest.raises(Conflict) as refusal:
        idea_change_status(actor=facilitator, idea=idea, transition="accept")

    # then
    assert (refusal.value.code, refusal.value.status) == ("invalid_transition", 409)
    assert _snapshot(idea) == before


def test_an_unknown_transition_is_refused_cleanly():
    # given
    idea = IdeaFactory()
    facilitator = staff(Role.FACILITATOR, campaign=idea.campaign)
    before = _snapshot(idea)

    # when
    with pytest.raises(ApplicationError) as refusal:
        idea_change_status(actor=facilitator, idea=idea, transition="teleport")

    # then
    assert refusal.value.code == "invalid_transition"
    assert _snapshot(idea) == before


@pytest.mark.parametrize(
    ("status", "transition"),
    [
        (IdeaStatus.DRAFT, "publish"),
        (IdeaStatus.DRAFT, "submit_for_moderation"),
        (IdeaStatus.PUBLISHED, "withdraw"),
        (IdeaStatus.PUBLISHED, "reach_threshold"),
        (IdeaStatus.PUBLISHED, "expire"),
        (IdeaStatus.PUBLISHED, "merge"),
    ],
)
def test_transitions_owned_by_other_services_are_refused_to_staff(status, transition):
    # given: the author's, moderation's and the ladder's steps each have their own service
    idea = IdeaFactory(status=status)
    facilitator = staff(Role.FACILITATOR, campaign=idea.campaign)
    before = _snapshot(idea)

    # when
    with pytest.raises(Conflict) as refusal:
        idea_change_status(actor=facilitator, idea=idea, transition=transition)

    # then
    assert refusal.value.code == "invalid_transition"
    assert _snapshot(idea) == before


def test_members_cannot_change_the_status():
    # given
    idea = IdeaFactory()
    before = _snapshot(idea)

    # when / then
    with pytest.raises(PermissionDenied):
        idea_change_status(actor=idea.author, idea=idea, transition="start_review")
    assert _snapshot(idea) == before


def test_reopening_an_expired_idea_restarts_its_clock():
    # given
    long_ago = timezone.now() - timedelta(days=90)
    idea = IdeaFactory(status=IdeaStatus.EXPIRED, published_at=long_ago, stage_index=1)
    facilitator = staff(Role.FACILITATOR, campaign=idea.campaign)

    # when
    idea_change_status(actor=facilitator, idea=idea, transition="reopen")

    # then: same stage, fresh window, original publication date kept
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.PUBLISHED
    assert idea.stage_index == 1
    assert idea.stage_started_at > timezone.now() - timedelta(minutes=1)
    assert idea.published_at == long_ago


# ---- idea_post_update ---------------------------------------------------------------------------------


def test_contributors_post_updates():
    # given
    idea = IdeaFactory()
    ada = MemberFactory()
    idea.coauthors.add(ada)

    # when
    by_author = idea_post_update(actor=idea.author, idea=idea, title="Prototype built", body="We built a prototype.")
    by_coauthor = idea_post_update(actor=ada, idea=idea, title="Tested it", body="Ten people rode it for a week.")

    # then
    assert set(IdeaUpdate.objects.filter(idea=idea)) == {by_author, by_coauthor}
    assert by_coauthor.author == ada


@pytest.mark.parametrize("who", ["member", "moderator"])
def test_others_cannot_post_updates(who):
    # given
    idea = IdeaFactory()
    actor = MemberFactory() if who == "member" else staff(Role.MODERATOR, campaign=idea.campaign)

    # when / then
    with pytest.raises(PermissionDenied):
        idea_post_update(actor=actor, idea=idea, title="Not mine", body="Posting on someone else's idea.")
    assert not IdeaUpdate.objects.exists()


@pytest.mark.parametrize("status", [IdeaStatus.DRAFT, IdeaStatus.PENDING, IdeaStatus.MERGED])
def test_updates_need_a_public_idea(status):
    # given
    idea = IdeaFactory(status=status)

    # when / then
    with pytest.raises(PermissionDenied):
        idea_post_update(actor=idea.author, idea=idea, title="Too early", body="Nobody can read this yet.")
    assert not IdeaUpdate.objects.exists()


@pytest.mark.parametrize(
    ("title", "body", "field"), [("  ", "A long enough body.", "title"), ("Title", "short", "body")]
)
def test_an_update_needs_a_title_and_a_sentence(title, body, field):
    # given
    idea = IdeaFactory()

    # when / then
    with pytest.raises(ApplicationError) as refusal:
        idea_post_update(actor=idea.author, idea=idea, title=title, body=body)
    assert refusal.value.field == field
    assert not IdeaUpdate.objects.exists()


def test_an_update_needs_the_current_terms():
    # given: a new agreement the author has not accepted yet
    idea = IdeaFactory()
    AgreementFactory()
    author = type(idea.author).objects.get(pk=idea.author_id)  # a fresh instance, as a new request would load

    # when / then
    with pytest.raises(TermsNotAccepted):
        idea_post_update(actor=author, idea=idea, title="Prototype", body="We built a prototype.")
    assert not IdeaUpdate.objects.exists()


def test_status_changes_record_every_step():
    # given
    idea = _create(MemberFactory(), CampaignFactory(moderation=Moderation.PRE))
    moderator = staff(Role.MODERATOR, campaign=idea.campaign)

    # when
    idea_moderate(actor=moderator, idea=idea, approve=True)

    # then
    assert list(IdeaStatusChange.objects.filter(idea=idea).values_list("from_status", "to_status")) == [
        ("", IdeaStatus.DRAFT),
        (IdeaStatus.DRAFT, IdeaStatus.PENDING),
        (IdeaStatus.PENDING, IdeaStatus.PUBLISHED),
    ]
