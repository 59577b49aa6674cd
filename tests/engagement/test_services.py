"""Engagement services: supports, comments and follows, with every refusal leaving things as they were."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cocreate.accounts.models import Role
from cocreate.campaigns.models import Visibility
from cocreate.core.errors import ApplicationError, Conflict, PermissionDenied, TermsNotAccepted
from cocreate.engagement.models import Comment, Follow, Support
from cocreate.engagement.selectors import comment_thread
from cocreate.engagement.services import (
    comment_add,
    comment_delete,
    comment_edit,
    follow_add,
    follow_remove,
    support_add,
    support_remove,
    support_toggle,
)
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.ideas.models import Idea, trending_score
from tests.factories import (
    AgreementFactory,
    CampaignFactory,
    CommentFactory,
    IdeaFactory,
    MemberFactory,
    PhaseFactory,
    SupportFactory,
    UserFactory,
    staff,
)

pytestmark = pytest.mark.django_db


def _counts(idea):
    idea = Idea.objects.get(pk=idea.pk)
    return idea.support_count, Support.objects.filter(idea=idea).count(), idea.trending


def _closed_phase(campaign, kind):
    now = timezone.now()
    PhaseFactory(campaign=campaign, kind=kind, starts_at=now - timedelta(days=20), ends_at=now - timedelta(days=1))


# ---- supports -------------------------------------------------------------------------------------------


def test_a_support_is_counted_and_lifts_the_trending_score(on_commit):
    # given
    idea, member = IdeaFactory(), MemberFactory()
    before = Idea.objects.get(pk=idea.pk).trending

    # when
    with on_commit() as callbacks:
        support = support_add(actor=member, idea=idea)

    # then
    idea.refresh_from_db()
    assert (support.idea, support.member) == (idea, member)
    assert idea.support_count == Support.objects.filter(idea=idea).count() == 1
    assert idea.trending == trending_score(1, idea.published_at)

    # when: a second and a third
    support_add(actor=MemberFactory(), idea=idea)
    support_add(actor=MemberFactory(), idea=idea)

    # then
    idea.refresh_from_db()
    assert idea.support_count == 3
    assert idea.trending == trending_score(3, idea.published_at) > before
    assert len(callbacks) == 1


def test_supporting_twice_is_a_conflict_and_counts_once():
    # given
    idea, member = IdeaFactory(), MemberFactory()
    support_add(actor=member, idea=idea)
    before = _counts(idea)

    # when
    with pytest.raises(Conflict) as refusal:
        support_add(actor=member, idea=idea)

    # then
    assert (refusal.value.code, refusal.value.status) == ("already_supported", 409)
    assert _counts(idea) == before == (1, 1, before[2])


@pytest.mark.parametrize("who", ["author", "coauthor"])
def test_contributors_cannot_support_their_own_idea(who):
    # given
    idea = IdeaFactory()
    actor = idea.author
    if who == "coauthor":
        actor = MemberFactory()
        idea.coauthors.add(actor)
    before = _counts(idea)

    # when
    with pytest.raises(ApplicationError) as refusal:
        support_add(actor=actor, idea=idea)

    # then
    assert (refusal.value.code, refusal.value.status) == ("own_idea", 403)
    assert _counts(idea) == before


def test_supports_are_refused_outside_the_support_phase():
    # given
    idea, member = IdeaFactory(), MemberFactory()
    _closed_phase(idea.campaign, "support")
    before = _counts(idea)

    # when
    with pytest.raises(Conflict) as refusal:
        support_add(actor=member, idea=idea)

    # then
    assert refusal.value.code == "support_closed"
    assert _counts(idea) == before


def test_supports_are_taken_while_the_support_phase_is_open():
    # given: the submission phase is over, the support phase runs
    idea, member = IdeaFactory(), MemberFactory()
    _closed_phase(idea.campaign, "submission")
    PhaseFactory(campaign=idea.campaign, kind="support")

    # when
    support_add(actor=member, idea=idea)

    # then
    assert _counts(idea)[:2] == (1, 1)


@pytest.mark.parametrize(
    "status",
    [
        IdeaStatus.DRAFT,
        IdeaStatus.PENDING,
        IdeaStatus.ACCEPTED,
        IdeaStatus.DECLINED,
        IdeaStatus.MERGED,
        IdeaStatus.EXPIRED,
        IdeaStatus.WITHDRAWN,
    ],
)
def test_ideas_no_longer_gathering_support_refuse_it(status):
    # given
    idea, member = IdeaFactory(status=status), MemberFactory()

    # when
    with pytest.raises(Conflict) as refusal:
        support_add(actor=member, idea=idea)

    # then
    assert refusal.value.code == "not_supportable"
    assert _counts(idea)[:2] == (0, 0)


@pytest.mark.parametrize("status", [IdeaStatus.THRESHOLD_REACHED, IdeaStatus.UNDER_REVIEW])
def test_ideas_past_the_threshold_or_in_review_still_take_support(status):
    # given
    idea, member = IdeaFactory(status=status), MemberFactory()

    # when
    support_add(actor=member, idea=idea)

    # then
    assert _counts(idea)[:2] == (1, 1)


def test_a_stale_idea_object_cannot_sneak_a_support_in():
    # given: the page was loaded while the idea was published; it has been withdrawn since
    idea, member = IdeaFactory(), MemberFactory()
    Idea.objects.filter(pk=idea.pk).update(status=IdeaStatus.WITHDRAWN)

    # when
    with pytest.raises(Conflict) as refusal:
        support_add(actor=member, idea=idea)

    # then
    assert refusal.value.code == "not_supportable"
    assert not Support.objects.exists()


def test_ideas_in_campaigns_the_member_cannot_see_refuse_support():
    # given
    idea = IdeaFactory(campaign=CampaignFactory(visibility=Visibility.INVITE))
    member = MemberFactory()

    # when / then
    with pytest.raises(PermissionDenied):
        support_add(actor=member, idea=idea)
    assert _counts(idea)[:2] == (0, 0)


def test_anonymous_visitors_are_asked_to_sign_in():
    # given
    idea = IdeaFactory()

    # when / then
    for service in (support_add, support_remove, support_toggle):
        with pytest.raises(ApplicationError) as refusal:
            service(actor=AnonymousUser(), idea=idea)
        assert (refusal.value.code, refusal.value.status) == ("not_authenticated", 401)
    assert _counts(idea)[:2] == (0, 0)


def test_a_support_can_be_taken_back():
    # given
    idea, member, other = IdeaFactory(), MemberFactory(), MemberFactory()
    support_add(actor=member, idea=idea)
    support_add(actor=other, idea=idea)

    # when
    support_remove(actor=member, idea=idea)

    # then
    idea.refresh_from_db()
    assert idea.support_count == 1
    assert list(Support.objects.filter(idea=idea).values_list("member", flat=True)) == [other.pk]
    assert idea.trending == trending_score(1, idea.published_at)


def test_taking_back_a_support_never_given_is_a_conflict():
    # given
    idea = IdeaFactory()
    support_add(actor=MemberFactory(), idea=idea)
    before = _counts(idea)

    # when
    with pytest.raises(Conflict) as refusal:
        support_remove(actor=MemberFactory(), idea=idea)

    # then
    assert refusal.value.code == "not_supported"
    assert _counts(idea) == before


def test_supports_cannot_be_taken_back_once_the_support_phase_closed():
    # given
    idea, member = IdeaFactory(), MemberFactory()
    support_add(actor=member, idea=idea)
    _closed_phase(idea.campaign, "support")
    idea = Idea.objects.get(pk=idea.pk)
    before = _counts(idea)

    # when
    with pytest.raises(Conflict) as refusal:
        support_remove(actor=member, idea=idea)

    # then
    assert refusal.value.code == "support_closed"
    assert _counts(idea) == before


def test_supports_of_a_decided_idea_stay():
    # given
    idea, member = IdeaFactory(), MemberFactory()
    support_add(actor=member, idea=idea)
    Idea.objects.filter(pk=idea.pk).update(status=IdeaStatus.ACCEPTED)
    before = _counts(idea)

    # when / then
    with pytest.raises(Conflict):
        support_remove(actor=member, idea=idea)
    assert _counts(idea) == before


def test_removing_a_support_never_moves_the_idea_back_down_the_ladder():
    # given
    idea = IdeaFactory(campaign=CampaignFactory(stages=[(1, 10), (5, 10)]))
    member = MemberFactory()
    support_add(actor=member, idea=idea)

    # when
    support_remove(actor=member, idea=idea)

    # then
    idea.refresh_from_db()
    assert (idea.stage_index, idea.support_count, idea.status) == (1, 0, IdeaStatus.PUBLISHED)


def test_toggle_supports_then_takes_back():
    # given
    idea, member = IdeaFactory(), MemberFactory()

    # when / then
    assert support_toggle(actor=member, idea=idea) is True
    assert _counts(idea)[:2] == (1, 1)
    assert support_toggle(actor=member, idea=idea) is False
    assert _counts(idea)[:2] == (0, 0)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 3), st.sampled_from(["add", "remove", "toggle"])), max_size=15))
def test_any_sequence_of_supports_keeps_the_count_equal_to_the_rows(actions):
    with transaction.atomic():
        # given
        idea = IdeaFactory(campaign=CampaignFactory(stages=[(100, 30)]))
        members = MemberFactory.create_batch(4, accepted_terms=False)
        supporting: set[int] = set()

        # when: members add, take back and toggle, repeats included
        for who, action in actions:
            member = members[who]
            try:
                if action == "add":
                    support_add(actor=member, idea=idea)
                    supporting.add(member.pk)
                elif action == "remove":
                    support_remove(actor=member, idea=idea)
                    supporting.discard(member.pk)
                elif support_toggle(actor=member, idea=idea):
                    supporting.add(member.pk)
                else:
                    supporting.discard(member.pk)
            except Conflict as refusal:
                assert refusal.code == ("already_supported" if action == "add" else "not_supported")
                assert (member.pk in supporting) == (action == "add")

        # then
        idea.refresh_from_db()
        assert idea.support_count == idea.supports.count() == len(supporting)
        assert set(idea.supports.values_list("member_id", flat=True)) == supporting
        if idea.supports.exists() or Idea.objects.filter(pk=idea.pk, trending__gt=0).exists():
            assert idea.trending == trending_score(len(supporting), idea.published_at)
        transaction.set_rollback(True)


# ---- comments -------------------------------------------------------------------------------------------


def test_a_comment_is_posted_counted_and_followed():
    # given
    idea, member = IdeaFactory(), MemberFactory()

    # when
    comment = comment_add(actor=member, idea=idea, body="  What about winter?  ", alignment="question")

    # then
    idea.refresh_from_db()
    assert (comment.body, comment.alignment, comment.is_official, comment.parent) == (
        "What about winter?",
        "question",
        False,
        None,
    )
    assert idea.comment_count == 1
    assert Follow.objects.filter(idea=idea, member=member).exists()


@pytest.mark.parametrize(
    ("body", "alignment", "field"),
    [("", "", "body"), ("   ", "", "body"), ("x" * 5001, "", "body"), ("Fine", "angry", "alignment")],
)
def test_a_comment_needs_text_and_a_known_alignment(body, alignment, field):
    # given
    idea, member = IdeaFactory(), MemberFactory()

    # when
    with pytest.raises(ApplicationError) as refusal:
        comment_add(actor=member, idea=idea, body=body, alignment=alignment)

    # then
    assert refusal.value.field == field
    assert not Comment.objects.exists()
    assert Idea.objects.get(pk=idea.pk).comment_count == 0


def test_replies_to_replies_join_the_thread():
    # given
    idea = IdeaFactory()
    top = comment_add(actor=MemberFactory(), idea=idea, body="Great idea.")
    reply = comment_add(actor=MemberFactory(), idea=idea, body="Agreed.", parent=top)

    # when
    deeper = comment_add(actor=MemberFactory(), idea=idea, body="Me too.", parent=reply)

    # then: two levels only
    assert reply.parent == top
    assert deeper.parent == top
    thread = list(comment_thread(idea))
    assert thread == [top]
    assert list(thread[0].replies.all()) == [reply, deeper]


def test_a_reply_must_belong_to_the_same_idea():
    # given
    elsewhere = CommentFactory()
    idea, member = IdeaFactory(), MemberFactory()

    # when / then
    with pytest.raises(ApplicationError) as refusal:
        comment_add(actor=member, idea=idea, body="Wrong thread.", parent=elsewhere)
    assert refusal.value.field == "parent"
    assert Comment.objects.count() == 1


def test_only_staff_post_official_responses():
    # given
    idea, member = IdeaFactory(), MemberFactory()

    # when
    with pytest.raises(PermissionDenied):
        comment_add(actor=member, idea=idea, body="Official: we love it.", official=True)

    # then
    assert not Comment.objects.exists()
    assert Idea.objects.get(pk=idea.pk).comment_count == 0


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.MODERATOR, Role.FACILITATOR])
def test_campaign_staff_post_official_responses(role):
    # given
    idea = IdeaFactory()
    speaker = staff(role, campaign=idea.campaign)

    # when
    comment = comment_add(actor=speaker, idea=idea, body="We will look at this in May.", official=True)

    # then
    assert comment.is_official


def test_staff_of_another_campaign_do_not_speak_for_this_one():
    # given
    idea = IdeaFactory()
    outsider = staff(Role.FACILITATOR, campaign=CampaignFactory())

    # when / then
    with pytest.raises(PermissionDenied):
        comment_add(actor=outsider, idea=idea, body="Official word.", official=True)
    assert not Comment.objects.exists()


def test_commenting_needs_the_current_terms_and_an_account():
    # given
    idea = IdeaFactory()
    AgreementFactory()
    newcomer = UserFactory()

    # when / then
    with pytest.raises(TermsNotAccepted):
        comment_add(actor=newcomer, idea=idea, body="Hello")
    with pytest.raises(ApplicationError) as refusal:
        comment_add(actor=AnonymousUser(), idea=idea, body="Hello")
    assert refusal.value.status == 401
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("status", "open_"),
    [
        (IdeaStatus.PUBLISHED, True),
        (IdeaStatus.UNDER_REVIEW, True),
        (IdeaStatus.ACCEPTED, True),
        (IdeaStatus.DECLINED, True),
        (IdeaStatus.MERGED, False),
        (IdeaStatus.EXPIRED, False),
        (IdeaStatus.WITHDRAWN, False),
        (IdeaStatus.DRAFT, False),
    ],
)
def test_which_ideas_are_open_for_discussion(status, open_):
    # given
    idea, member = IdeaFactory(status=status), MemberFactory()

    # when
    try:
        comment_add(actor=member, idea=idea, body="A thought.")
        posted = True
    except PermissionDenied:
        posted = False

    # then
    assert posted is open_
    assert Comment.objects.filter(idea=idea).count() == int(open_)


def _age(comment, minutes):
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(minutes=minutes))
    return Comment.objects.get(pk=comment.pk)


def test_the_author_edits_within_the_window(settings):
    # given
    settings.COMMENT_EDIT_WINDOW_MINUTES = 30
    comment = _age(CommentFactory(), 29)

    # when
    comment_edit(actor=comment.author, comment=comment, body="Fixed a typo.", alignment="suggestion")

    # then
    comment.refresh_from_db()
    assert (comment.body, comment.alignment) == ("Fixed a typo.", "suggestion")
    assert comment.edited_at is not None


def test_editing_keeps_the_alignment_when_not_given():
    # given
    comment = CommentFactory(alignment="against")

    # when
    comment_edit(actor=comment.author, comment=comment, body="Still against.")

    # then
    assert Comment.objects.get(pk=comment.pk).alignment == "against"


def test_the_window_closes(settings):
    # given
    settings.COMMENT_EDIT_WINDOW_MINUTES = 30
    comment = _age(CommentFactory(), 31)

    # when
    with pytest.raises(PermissionDenied):
        comment_edit(actor=comment.author, comment=comment, body="Rewriting history.")

    # then
    after = Comment.objects.get(pk=comment.pk)
    assert (after.body, after.edited_at) == (comment.body, None)


@pytest.mark.parametrize("who", ["member", "moderator"])
def test_others_cannot_edit_a_comment(who):
    # given
    comment = CommentFactory()
    actor = MemberFactory() if who == "member" else staff(Role.MODERATOR, campaign=comment.idea.campaign)

    # when / then
    with pytest.raises(PermissionDenied):
        comment_edit(actor=actor, comment=comment, body="Words in your mouth.")
    assert Comment.objects.get(pk=comment.pk).body == comment.body


def test_a_deleted_comment_cannot_be_edited():
    # given
    comment = CommentFactory()
    comment_delete(actor=comment.author, comment=comment)

    # when / then
    with pytest.raises(PermissionDenied):
        comment_edit(actor=comment.author, comment=comment, body="Back again.")
    assert Comment.objects.get(pk=comment.pk).body == "I like this, and here is why."


def test_deleting_keeps_the_place_and_the_replies():
    # given
    idea = IdeaFactory()
    top = comment_add(actor=MemberFactory(), idea=idea, body="First!")
    reply = comment_add(actor=MemberFactory(), idea=idea, body="A thoughtful reply.", parent=top)

    # when
    comment_delete(actor=top.author, comment=top)

    # then: the row stays, marked deleted; the reply still reads under it
    top.refresh_from_db()
    assert top.is_deleted
    thread = list(comment_thread(idea))
    assert thread == [top]
    assert list(thread[0].replies.all()) == [reply]
    assert Idea.objects.get(pk=idea.pk).comment_count == 1


def test_a_moderator_of_the_campaign_may_delete():
    # given
    comment = CommentFactory()
    moderator = staff(Role.MODERATOR, campaign=comment.idea.campaign)

    # when
    comment_delete(actor=moderator, comment=comment)

    # then
    assert Comment.objects.get(pk=comment.pk).deleted_at is not None


@pytest.mark.parametrize("who", ["member", "idea_author", "reviewer", "other_moderator"])
def test_others_may_not_delete(who):
    # given
    comment = CommentFactory()
    actor = {
        "member": lambda: MemberFactory(),
        "idea_author": lambda: comment.idea.author,
        "reviewer": lambda: staff(Role.REVIEWER, campaign=comment.idea.campaign),
        "other_moderator": lambda: staff(Role.MODERATOR, campaign=CampaignFactory()),
    }[who]()

    # when / then
    with pytest.raises(PermissionDenied):
        comment_delete(actor=actor, comment=comment)
    assert Comment.objects.get(pk=comment.pk).deleted_at is None


def test_deleting_twice_is_refused_and_counts_once():
    # given
    idea = IdeaFactory()
    comment = comment_add(actor=MemberFactory(), idea=idea, body="Oops.")
    comment_add(actor=MemberFactory(), idea=idea, body="Another.")
    comment_delete(actor=comment.author, comment=comment)

    # when / then
    with pytest.raises(PermissionDenied):
        comment_delete(actor=comment.author, comment=comment)
    assert Idea.objects.get(pk=idea.pk).comment_count == 1


# ---- follows --------------------------------------------------------------------------------------------


def test_following_is_idempotent_and_can_be_undone():
    # given
    idea, member = IdeaFactory(), MemberFactory()

    # when
    first = follow_add(actor=member, idea=idea)
    second = follow_add(actor=member, idea=idea)

    # then
    assert first == second
    assert Follow.objects.filter(idea=idea, member=member).count() == 1

    # when
    follow_remove(actor=member, idea=idea)
    follow_remove(actor=member, idea=idea)

    # then
    assert not Follow.objects.filter(idea=idea, member=member).exists()


def test_ideas_one_cannot_see_cannot_be_followed():
    # given
    idea = IdeaFactory(status=IdeaStatus.DRAFT)

    # when / then
    with pytest.raises(PermissionDenied):
        follow_add(actor=MemberFactory(), idea=idea)
    with pytest.raises(PermissionDenied):
        follow_add(actor=AnonymousUser(), idea=idea)
    assert not Follow.objects.exists()


def test_a_quiet_follow_by_a_visitor_is_ignored():
    # given
    idea = IdeaFactory()

    # when
    result = follow_add(actor=AnonymousUser(), idea=idea, quiet=True)

    # then
    assert result is None
    assert not Follow.objects.exists()


def test_existing_supports_are_not_duplicated_by_the_factory():
    # given: a support row made by the factory (counters are the services' job)
    support = SupportFactory()

    # when / then: the service still refuses a second one for the same member
    with pytest.raises(Conflict):
        support_add(actor=support.member, idea=support.idea)
    assert Support.objects.filter(idea=support.idea).count() == 1
