from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from cocreate.accounts.models import MemberStanding, Role, Suspension
from cocreate.accounts.standing import Suspended
from cocreate.activity.models import ActivityEntry
from cocreate.core.errors import ApplicationError, Conflict, NotFound, PermissionDenied
from cocreate.engagement import services as engagement
from cocreate.engagement.models import Comment, Support
from cocreate.ideas.models import Idea
from cocreate.ideas.selectors import idea_list, ideas_visible_to
from cocreate.moderation import services
from cocreate.moderation.events import ContentHidden, ContentRestored, MemberSuspended
from cocreate.moderation.models import Flag
from cocreate.moderation.standing import compute_trust_level
from tests.factories import (
    CampaignFactory,
    CommentFactory,
    FlagFactory,
    IdeaFactory,
    MemberFactory,
    StandingFactory,
    SupportFactory,
    SuspensionFactory,
    staff,
    trusted_member,
)

pytestmark = pytest.mark.django_db


def moderation_log():
    """Moderators' actions, as the activity log holds them."""
    return ActivityEntry.objects.filter(verb__startswith="moderation.")


@pytest.fixture
def events(monkeypatch):
    seen = []
    from cocreate.moderation import services as mod

    monkeypatch.setattr(mod, "publish", seen.append)
    return seen


# ---- flags and auto-hide ---------------------------------------------------------------------------------


def test_member_flags_a_comment_once(events):
    comment = CommentFactory()
    member = MemberFactory()
    flag = services.flag_create(actor=member, kind="comment", object_id=comment.pk, reason="abusive")
    assert flag.reporter == member and flag.resolved_at is None
    with pytest.raises(Conflict) as exc:
        services.flag_create(actor=member, kind="comment", object_id=comment.pk, reason="spam")
    assert exc.value.code == "already_flagged"
    assert Flag.objects.count() == 1


def test_flag_reasons_and_other_needs_text():
    idea = IdeaFactory()
    member = MemberFactory()
    with pytest.raises(ApplicationError) as exc:
        services.flag_create(actor=member, kind="idea", object_id=idea.pk, reason="other")
    assert exc.value.field == "text"
    with pytest.raises(ApplicationError):
        services.flag_create(actor=member, kind="idea", object_id=idea.pk, reason="nonsense")
    flag = services.flag_create(actor=member, kind="idea", object_id=idea.pk, reason="other", text="Copied text")
    assert flag.text == "Copied text"


def test_flag_a_profile_and_not_oneself():
    member, other = MemberFactory(), MemberFactory()
    services.flag_create(actor=member, kind="profile", object_id=other.pk, reason="spam")
    with pytest.raises(ApplicationError) as exc:
        services.flag_create(actor=member, kind="profile", object_id=member.pk, reason="spam")
    assert exc.value.code == "own_content"


def test_cannot_flag_what_one_cannot_see():
    draft = IdeaFactory(status="draft", published_at=None)
    with pytest.raises(NotFound):
        services.flag_create(actor=MemberFactory(), kind="idea", object_id=draft.pk, reason="spam")
    assert not Flag.objects.exists()


def test_auto_hide_at_exactly_n_distinct_trusted_flaggers(settings, events):
    settings.MODERATION_AUTO_HIDE_FLAGS = 3
    comment = CommentFactory()
    for _ in range(2):
        services.flag_create(actor=trusted_member(), kind="comment", object_id=comment.pk, reason="abusive")
    comment.refresh_from_db()
    assert comment.hidden_at is None
    services.flag_create(actor=trusted_member(), kind="comment", object_id=comment.pk, reason="abusive")
    comment.refresh_from_db()
    assert comment.hidden_at is not None and "3 trusted members" in comment.hidden_reason
    assert comment.hidden_by is None
    hidden = [e for e in events if isinstance(e, ContentHidden)]
    assert hidden[0].actor_id is None and hidden[0].author_id == comment.author_id
    assert moderation_log().get().verb == "moderation.auto_hide"
    assert Flag.objects.filter(resolved_at__isnull=True).count() == 3  # still in the queue for a moderator


def test_untrusted_flaggers_do_not_auto_hide(settings):
    settings.MODERATION_AUTO_HIDE_FLAGS = 3
    idea = IdeaFactory()
    for _ in range(5):
        services.flag_create(actor=MemberFactory(), kind="idea", object_id=idea.pk, reason="spam")
    idea.refresh_from_db()
    assert idea.hidden_at is None


def test_one_member_flagging_twice_counts_once(settings):
    settings.MODERATION_AUTO_HIDE_FLAGS = 2
    idea = IdeaFactory()
    member = trusted_member()
    services.flag_create(actor=member, kind="idea", object_id=idea.pk, reason="spam")
    with pytest.raises(Conflict):
        services.flag_create(actor=member, kind="idea", object_id=idea.pk, reason="abusive")
    idea.refresh_from_db()
    assert idea.hidden_at is None
    services.flag_create(actor=staff(Role.MODERATOR), kind="idea", object_id=idea.pk, reason="spam")
    idea.refresh_from_db()
    assert idea.hidden_at is not None


# ---- hide / restore ---------------------------------------------------------------------------------------


def test_moderator_hides_an_idea_with_a_reason(events):
    idea = IdeaFactory(title="Buy cheap watches")
    FlagFactory(kind="idea", object_id=idea.pk)
    moderator = staff(Role.MODERATOR)
    services.content_hide(actor=moderator, target=idea, reason="Advertising")
    idea.refresh_from_db()
    assert idea.hidden_reason == "Advertising" and idea.hidden_by == moderator
    assert Flag.objects.get().resolution == "hidden"
    log = moderation_log().get()
    assert (log.actor, log.verb, log.details["kind"], log.target_id, log.details["reason"]) == (
        moderator,
        "moderation.hide",
        "idea",
        idea.pk,
        "Advertising",
    )
    assert log.target == idea and log.campaign_id == idea.campaign_id
    assert isinstance(events[0], ContentHidden) and events[0].reason == "Advertising"
    # Gone for others, still there for the author and staff.
    assert not idea_list(MemberFactory()).filter(pk=idea.pk).exists()
    assert not ideas_visible_to(None).filter(pk=idea.pk).exists()
    assert idea_list(idea.author).filter(pk=idea.pk).exists()
    assert ideas_visible_to(moderator).filter(pk=idea.pk).exists()


def test_restore_shows_it_again(events):
    comment = CommentFactory()
    moderator = staff(Role.FACILITATOR, campaign=comment.idea.campaign)
    services.content_hide(actor=moderator, target=comment, reason="Insult")
    services.content_restore(actor=moderator, target=comment, reason="Context was fine")
    comment.refresh_from_db()
    assert comment.hidden_at is None and comment.hidden_reason == ""
    assert isinstance(events[-1], ContentRestored)
    assert list(moderation_log().order_by("id").values_list("verb", flat=True)) == [
        "moderation.hide",
        "moderation.restore",
    ]
    with pytest.raises(Conflict):
        services.content_restore(actor=moderator, target=comment, reason="again")


@pytest.mark.parametrize("role", [None, Role.REVIEWER, "other_campaign_moderator"])
def test_non_moderators_cannot_hide_and_nothing_changes(role, events):
    comment = CommentFactory()
    if role is None:
        actor = MemberFactory()
    elif role == "other_campaign_moderator":
        actor = staff(Role.MODERATOR, campaign=CampaignFactory())
    else:
        actor = staff(role)
    with pytest.raises(PermissionDenied):
        services.content_hide(actor=actor, target=comment, reason="no")
    comment.refresh_from_db()
    assert comment.hidden_at is None
    assert not moderation_log().exists() and not events


def test_hide_needs_a_reason():
    idea = IdeaFactory()
    with pytest.raises(ApplicationError) as exc:
        services.content_hide(actor=staff(Role.MODERATOR), target=idea, reason="  ")
    assert exc.value.field == "reason"
    idea.refresh_from_db()
    assert idea.hidden_at is None


def test_dismiss_flags_is_logged():
    comment = CommentFactory()
    FlagFactory(kind="comment", object_id=comment.pk)
    moderator = staff(Role.MODERATOR)
    assert services.flags_dismiss(actor=moderator, kind="comment", object_id=comment.pk, reason="Fine") == 1
    assert Flag.objects.get().resolution == "dismissed"
    assert moderation_log().get().verb == "moderation.dismiss"
    with pytest.raises(PermissionDenied):
        services.flags_dismiss(actor=MemberFactory(), kind="comment", object_id=comment.pk)


# ---- suspensions ------------------------------------------------------------------------------------------


def test_suspend_blocks_contributions_but_not_reading(events):
    member = MemberFactory()
    idea = IdeaFactory()
    moderator = staff(Role.MODERATOR)
    services.member_suspend(actor=moderator, member=member, until=timezone.now() + timedelta(days=3), reason="Spam")
    assert isinstance(events[0], MemberSuspended) and events[0].member_id == member.pk
    with pytest.raises(Suspended) as exc:
        engagement.comment_add(actor=member, idea=idea, body="Hello")
    assert exc.value.code == "suspended" and "Spam" in str(exc.value.message)
    with pytest.raises(Suspended):
        engagement.support_add(actor=member, idea=idea)
    with pytest.raises(Suspended):
        services.flag_create(actor=member, kind="idea", object_id=idea.pk, reason="spam")
    from cocreate.ideas.services import idea_create

    with pytest.raises(Suspended):
        idea_create(actor=member, campaign=idea.campaign, title="A new idea", body="Something long enough here.")
    assert not Comment.objects.exists() and not Support.objects.exists() and Idea.objects.count() == 1
    assert ideas_visible_to(member).filter(pk=idea.pk).exists()


def test_suspension_ends_and_can_be_lifted():
    member = MemberFactory()
    SuspensionFactory(member=member, ends_at=timezone.now() - timedelta(minutes=1))
    idea = IdeaFactory()
    engagement.comment_add(actor=member, idea=idea, body="Back again")
    SuspensionFactory(member=member)
    moderator = staff(Role.MODERATOR)
    assert services.member_unsuspend(actor=moderator, member=member, reason="Appeal accepted") == 1
    engagement.comment_add(actor=member, idea=idea, body="Thanks")
    assert Comment.objects.count() == 2


def test_only_site_wide_moderators_suspend():
    member = MemberFactory()
    scoped = staff(Role.MODERATOR, campaign=CampaignFactory())
    with pytest.raises(PermissionDenied):
        services.member_suspend(actor=scoped, member=member, until=timezone.now() + timedelta(days=1), reason="x")
    with pytest.raises(PermissionDenied):
        services.member_suspend(
            actor=MemberFactory(), member=member, until=timezone.now() + timedelta(days=1), reason="x"
        )
    assert not Suspension.objects.exists() and not moderation_log().exists()


def test_suspension_end_must_be_in_the_future():
    with pytest.raises(ApplicationError) as exc:
        services.member_suspend(
            actor=staff(Role.ADMIN), member=MemberFactory(), until=timezone.now() - timedelta(days=1), reason="x"
        )
    assert exc.value.field == "until"


# ---- trust levels -----------------------------------------------------------------------------------------


def _aged(days, **kwargs):
    member = MemberFactory(**kwargs)
    member.date_joined = timezone.now() - timedelta(days=days)
    member.save(update_fields=["date_joined"])
    return member


def test_trust_transitions_new_basic_trusted(settings):
    member = _aged(0)
    assert compute_trust_level(member) == "new"
    member = _aged(2)
    assert compute_trust_level(member) == "new"  # email not verified
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    assert compute_trust_level(member) == "new"  # no accepted contribution
    idea = IdeaFactory(author=member)
    assert compute_trust_level(member) == "basic"
    member.date_joined = timezone.now() - timedelta(days=20)
    member.save(update_fields=["date_joined"])
    assert compute_trust_level(member) == "basic"  # not enough contributions yet
    for _ in range(4):
        CommentFactory(author=member)
    assert compute_trust_level(member) == "basic"  # no supports received
    for _ in range(3):
        SupportFactory(idea=idea)
    assert compute_trust_level(member) == "trusted"
    Support.objects.filter(idea=idea).update(discounted_at=timezone.now())
    assert compute_trust_level(member) == "basic"  # discounted supports do not count
    Support.objects.filter(idea=idea).update(discounted_at=None)
    services.content_hide(actor=staff(Role.MODERATOR), target=Comment.objects.filter(author=member).first(), reason="x")
    assert compute_trust_level(member) == "basic"  # hidden content


def test_recompute_keeps_manual_levels():
    member = _aged(0)
    admin = staff(Role.ADMIN)
    services.trust_level_set(actor=admin, member=member, level="trusted", reason="Known local organiser")
    assert services.trust_level_recompute(member=member).trust_level == "trusted"
    services.trust_level_set(actor=admin, member=member, level="auto")
    assert MemberStanding.objects.get(member=member).trust_level == "new"
    assert moderation_log().filter(verb="moderation.set_trust").count() == 2
    with pytest.raises(PermissionDenied):
        services.trust_level_set(actor=MemberFactory(), member=member, level="trusted")
    assert MemberStanding.objects.get(member=member).trust_level == "new"


def test_sweep_recomputes_everyone():
    member = _aged(3)
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    CommentFactory(author=member)
    StandingFactory(member=member, trust_level="new")
    services.moderation_sweep()
    assert MemberStanding.objects.get(member=member).trust_level == "basic"


# ---- discounting supports ---------------------------------------------------------------------------------


def test_discount_and_undo_keep_counts_exact():
    idea = IdeaFactory()
    supports = [engagement.support_add(actor=MemberFactory(), idea=idea) for _ in range(5)]
    moderator = staff(Role.MODERATOR)
    assert services.supports_discount(actor=moderator, supports=supports[:3], reason="Sock puppets") == 3
    idea.refresh_from_db()
    assert idea.support_count == 2
    assert Support.objects.filter(idea=idea).count() == 5  # kept
    # A discounted supporter taking their support back does not lower the count again.
    engagement.support_remove(actor=supports[0].member, idea=idea)
    idea.refresh_from_db()
    assert idea.support_count == 2
    # A counted supporter taking theirs back does.
    engagement.support_remove(actor=supports[4].member, idea=idea)
    idea.refresh_from_db()
    assert idea.support_count == 1
    engagement.support_add(actor=MemberFactory(), idea=idea)
    idea.refresh_from_db()
    assert idea.support_count == 2
    assert services.supports_discount(actor=moderator, supports=supports[1:3], reason="Cleared", undo=True) == 2
    idea.refresh_from_db()
    assert idea.support_count == 4 == Support.objects.filter(idea=idea, discounted_at__isnull=True).count()
    assert moderation_log().filter(verb__in=["moderation.discount", "moderation.undiscount"]).count() == 2


def test_discount_refused_for_members():
    idea = IdeaFactory()
    support = engagement.support_add(actor=MemberFactory(), idea=idea)
    with pytest.raises(PermissionDenied):
        services.supports_discount(actor=MemberFactory(), supports=[support], reason="x")
    support.refresh_from_db()
    idea.refresh_from_db()
    assert support.discounted_at is None and idea.support_count == 1
