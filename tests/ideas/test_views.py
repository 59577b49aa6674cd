"""Idea pages for every role: visitor, member, author, staff — and what each must not be able to do."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from cocreate.accounts.models import Role
from cocreate.campaigns.models import Moderation, Visibility
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.ideas.models import Idea
from tests.factories import (
    AgreementFactory,
    CampaignFactory,
    IdeaFactory,
    MemberFactory,
    PhaseFactory,
    SupportFactory,
    UserFactory,
    staff,
)

pytestmark = pytest.mark.django_db


def png_upload(name="photo.png", size=(64, 48)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    buffer.seek(0)
    buffer.name = name
    return buffer


# ---- lists ----------------------------------------------------------------------------------------------


def test_visitor_sees_public_ideas_but_not_drafts(client):
    campaign = CampaignFactory()
    public = IdeaFactory(campaign=campaign, title="Refill stations in every store")
    IdeaFactory(campaign=campaign, title="Secret draft plan", status=IdeaStatus.DRAFT, published_at=None)

    response = client.get(reverse("ideas:all"))

    assert response.status_code == 200
    assert public.title in response.text
    assert "Secret draft plan" not in response.text


def test_list_sorts_filters_and_paginates(client):
    campaign = CampaignFactory()
    popular = IdeaFactory(campaign=campaign, title="Popular idea", support_count=50)
    IdeaFactory(campaign=campaign, title="Quiet idea", support_count=1, tags=["packaging"])

    by_support = client.get(reverse("ideas:all"), {"sort": "most_supported"})
    tagged = client.get(reverse("ideas:all"), {"tag": "packaging"})
    searched = client.get(reverse("ideas:all"), {"q": "popular"})

    assert by_support.text.index("Popular idea") < by_support.text.index("Quiet idea")
    assert "Quiet idea" in tagged.text and popular.title not in tagged.text
    assert "Popular idea" in searched.text and "Quiet idea" not in searched.text


def test_bad_list_parameters_fall_back_instead_of_failing(client):
    IdeaFactory(title="Still listed")

    response = client.get(reverse("ideas:all"), {"sort": "bogus", "page": "999", "status": "nope"})

    assert response.status_code == 200
    assert "Still listed" in response.text


def test_random_order_is_stable_for_one_visitor(client):
    campaign = CampaignFactory()
    for n in range(12):
        IdeaFactory(campaign=campaign, title=f"Shuffled idea {n:02d}")

    first = client.get(reverse("ideas:all"), {"sort": "random"}).text
    second = client.get(reverse("ideas:all"), {"sort": "random"}).text

    def order(html):
        return [line for line in html.split("Shuffled idea ")[1:]]

    assert [o[:2] for o in order(first)] == [o[:2] for o in order(second)]


def test_list_query_count_does_not_grow_with_ideas(client, django_assert_max_num_queries):
    campaign = CampaignFactory()
    member = MemberFactory()
    for _ in range(15):
        idea = IdeaFactory(campaign=campaign, tags=["a", "b"])
        SupportFactory(idea=idea, member=member)
    client.force_login(member)

    with django_assert_max_num_queries(14):
        response = client.get(reverse("ideas:all"))

    assert response.status_code == 200
    assert response.text.count("You support this") == 15


def test_my_ideas_needs_login_and_shows_own_drafts(client):
    member = MemberFactory()
    IdeaFactory(author=member, title="My unfinished draft", status=IdeaStatus.DRAFT, published_at=None)

    assert client.get(reverse("ideas:mine")).status_code == 302
    client.force_login(member)
    response = client.get(reverse("ideas:mine"))

    assert "My unfinished draft" in response.text


# ---- idea page -------------------------------------------------------------------------------------------


def test_idea_page_shows_progress_towards_threshold(client):
    campaign = CampaignFactory(stages=[(100, 60)])
    idea = IdeaFactory(campaign=campaign, support_count=73)

    response = client.get(idea.get_absolute_url())

    assert response.status_code == 200
    assert "73 of 100 supporters" in response.text
    assert "60 days left" in response.text


def test_idea_page_query_count_is_bounded(client, django_assert_max_num_queries):
    idea = IdeaFactory(tags=["x", "y"])
    for _ in range(5):
        SupportFactory(idea=idea)
    member = MemberFactory()
    client.force_login(member)
    from tests.factories import CommentFactory

    for _ in range(6):
        parent = CommentFactory(idea=idea)
        CommentFactory(idea=idea, parent=parent)

    # 24: the timeline adds one query per source (revisions, review actions, roadmap entries).
    with django_assert_max_num_queries(25):  # 24 + the count behind the discussion's pages
        response = client.get(idea.get_absolute_url())

    assert response.status_code == 200


def test_draft_is_hidden_from_others_but_visible_to_author(client):
    author = MemberFactory()
    draft = IdeaFactory(author=author, status=IdeaStatus.DRAFT, published_at=None)

    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(MemberFactory())
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(author)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_moderator_of_campaign_sees_pending_idea(client):
    campaign = CampaignFactory(moderation=Moderation.PRE)
    pending = IdeaFactory(campaign=campaign, status=IdeaStatus.PENDING, published_at=None)
    client.force_login(staff(Role.MODERATOR, campaign=campaign))

    assert client.get(pending.get_absolute_url()).status_code == 200


def test_ideas_of_invite_only_campaign_are_hidden_from_visitors(client):
    idea = IdeaFactory(campaign=CampaignFactory(visibility=Visibility.INVITE))

    assert client.get(idea.get_absolute_url()).status_code == 404


# ---- submit ----------------------------------------------------------------------------------------------


def test_visitor_is_sent_to_login_to_submit(client):
    campaign = CampaignFactory()

    response = client.get(reverse("ideas:submit", args=[campaign.slug]))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_member_without_terms_is_sent_to_accept_them_first(client):
    AgreementFactory()
    member = UserFactory()
    campaign = CampaignFactory()
    client.force_login(member)
    url = reverse("ideas:submit", args=[campaign.slug])

    response = client.post(url, {"title": "A good idea here", "body": "Long enough body for an idea."})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("legal:accept"))
    assert "next=" in response["Location"]
    assert not Idea.objects.exists()


def test_member_submits_idea_with_image_and_tags(client):
    member = MemberFactory()
    campaign = CampaignFactory()
    client.force_login(member)

    response = client.post(
        reverse("ideas:submit", args=[campaign.slug]),
        {
            "title": "Deposit scheme for cups",
            "body": "A one euro deposit on reusable cups, refunded anywhere.",
            "tags": "cups, Deposit",
            "images": [png_upload()],
            "submit_idea": "1",
        },
    )

    idea = Idea.objects.get()
    assert response.status_code == 302 and response["Location"] == idea.get_absolute_url()
    assert idea.status == IdeaStatus.PUBLISHED
    assert sorted(t.name for t in idea.tags.all()) == ["cups", "deposit"]
    assert idea.images.count() == 1


def test_save_as_draft_keeps_it_private(client):
    member = MemberFactory()
    campaign = CampaignFactory()
    client.force_login(member)

    client.post(
        reverse("ideas:submit", args=[campaign.slug]),
        {"title": "Draft idea title", "body": "Some words about a draft idea.", "save_draft": "1"},
    )

    assert Idea.objects.get().status == IdeaStatus.DRAFT


def test_invalid_submission_returns_the_form_filled_with_errors(client):
    member = MemberFactory()
    campaign = CampaignFactory()
    client.force_login(member)

    response = client.post(
        reverse("ideas:submit", args=[campaign.slug]),
        {"title": "Keep my words", "body": "short", "coauthors": "nobody@example.org", "submit_idea": "1"},
    )

    assert response.status_code == 200
    assert "Keep my words" in response.text
    assert "at least 20 characters" in response.text
    assert not Idea.objects.exists()


def test_non_image_upload_is_refused_with_a_clear_message(client):
    member = MemberFactory()
    campaign = CampaignFactory()
    client.force_login(member)
    fake = io.BytesIO(b"this is not an image at all")
    fake.name = "evil.png"

    response = client.post(
        reverse("ideas:submit", args=[campaign.slug]),
        {"title": "Idea with a bad file", "body": "Twenty characters or more.", "images": [fake], "submit_idea": "1"},
    )

    assert response.status_code == 200
    assert "is not an image we can read" in response.text
    assert not Idea.objects.exists()


def test_submission_closed_outside_the_submission_phase(client):
    campaign = CampaignFactory()
    from datetime import timedelta

    from django.utils import timezone

    PhaseFactory(
        campaign=campaign,
        kind="submission",
        starts_at=timezone.now() - timedelta(days=10),
        ends_at=timezone.now() - timedelta(days=1),
    )
    client.force_login(MemberFactory())

    response = client.get(reverse("ideas:submit", args=[campaign.slug]), follow=True)

    assert "not accepting ideas right now" in response.text


# ---- edit, history, withdraw, updates ----------------------------------------------------------------------


def test_author_edit_creates_a_revision_visible_as_a_diff(client):
    idea = IdeaFactory(title="Original title here", body="The original description of the idea.")
    client.force_login(idea.author)

    client.post(
        reverse("ideas:edit", args=[idea.pk]),
        {"title": "Original title here", "body": "The improved description of the idea.", "note": "After feedback"},
    )
    history = client.get(reverse("ideas:history", args=[idea.pk]))

    assert idea.revisions.count() == 2
    assert "<del>original</del>" in history.text
    assert "<ins>improved</ins>" in history.text
    assert "After feedback" in history.text


def test_other_member_cannot_edit_and_nothing_changes(client):
    idea = IdeaFactory(title="Untouched title")
    client.force_login(MemberFactory())

    get = client.get(reverse("ideas:edit", args=[idea.pk]))
    post = client.post(reverse("ideas:edit", args=[idea.pk]), {"title": "Hijacked", "body": "x" * 30})

    idea.refresh_from_db()
    assert get.status_code == 403 and post.status_code == 403
    assert idea.title == "Untouched title"


def test_author_withdraws_with_reason(client):
    idea = IdeaFactory()
    client.force_login(idea.author)

    client.post(reverse("ideas:withdraw", args=[idea.pk]), {"reason": "Found a better way"})

    idea.refresh_from_db()
    assert idea.status == IdeaStatus.WITHDRAWN
    assert idea.status_changes.last().note == "Found a better way"


def test_non_author_cannot_withdraw(client):
    idea = IdeaFactory()
    client.force_login(MemberFactory())

    response = client.post(reverse("ideas:withdraw", args=[idea.pk]), {"reason": "mine now"})

    idea.refresh_from_db()
    assert (
        response.status_code == 200 and "Only the author can withdraw this idea." in response.text
    )  # the rule's own refusal
    assert idea.status == IdeaStatus.PUBLISHED


def test_author_posts_update_shown_on_idea_page(client):
    idea = IdeaFactory()
    client.force_login(idea.author)

    client.post(
        reverse("ideas:post_update", args=[idea.pk]),
        {"title": "Prototype ready", "body": "We built it and tested it with customers."},
    )

    page = client.get(idea.get_absolute_url())
    assert "Prototype ready" in page.text


def test_member_cannot_post_update_on_others_idea(client):
    idea = IdeaFactory()
    client.force_login(MemberFactory())

    client.post(reverse("ideas:post_update", args=[idea.pk]), {"title": "Fake news", "body": "Not my idea at all."})

    assert idea.updates.count() == 0


def test_author_submits_a_draft(client):
    author = MemberFactory()
    draft = IdeaFactory(author=author, status=IdeaStatus.DRAFT, published_at=None, stage_started_at=None)
    client.force_login(author)

    client.post(reverse("ideas:submit_draft", args=[draft.pk]))

    draft.refresh_from_db()
    assert draft.status == IdeaStatus.PUBLISHED
    assert draft.revisions.count() == 1


def test_member_without_terms_learns_nothing_about_a_hidden_campaign():
    from cocreate.core.errors import ApplicationError
    from cocreate.ideas.services import idea_create

    AgreementFactory()
    hidden = CampaignFactory(visibility=Visibility.INVITE)

    with pytest.raises(ApplicationError) as refused:
        idea_create(actor=UserFactory(), campaign=hidden, title="Sneaky idea", body="Twenty characters or more here.")

    assert refused.value.code == "not_found"
    assert not Idea.objects.exists()


def test_draft_cannot_be_submitted_once_the_campaign_is_closed_to_its_author(client):
    author = MemberFactory()
    campaign = CampaignFactory()
    draft = IdeaFactory(campaign=campaign, author=author, status=IdeaStatus.DRAFT, published_at=None)
    campaign.visibility = Visibility.INVITE
    campaign.save()
    client.force_login(author)

    client.post(reverse("ideas:submit_draft", args=[draft.pk]))

    draft.refresh_from_db()
    assert draft.status == IdeaStatus.DRAFT
