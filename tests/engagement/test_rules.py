"""Who may support, comment, speak officially, follow, edit and delete comments."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from cocreate.accounts.models import Role
from cocreate.campaigns.models import Visibility
from cocreate.core.permissions import has_perm, refusal
from cocreate.engagement.models import Comment
from cocreate.ideas.lifecycle import SUPPORTABLE_STATES, IdeaStatus
from tests.factories import CampaignFactory, CommentFactory, IdeaFactory, MemberFactory, PhaseFactory, staff

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", IdeaStatus.values)
def test_members_support_ideas_that_gather_support(status):
    # given
    idea = IdeaFactory(status=status)

    # when / then
    assert has_perm(MemberFactory(), "engagement.support", idea) is (status in SUPPORTABLE_STATES)
    assert not has_perm(AnonymousUser(), "engagement.support", idea)


def test_contributors_do_not_support_their_own_idea():
    # given
    idea = IdeaFactory()
    coauthor = MemberFactory()
    idea.coauthors.add(coauthor)

    # when / then
    assert not has_perm(idea.author, "engagement.support", idea)
    assert not has_perm(coauthor, "engagement.support", idea)


def test_support_follows_the_support_phase():
    # given
    idea = IdeaFactory()
    now = timezone.now()
    PhaseFactory(campaign=idea.campaign, kind="support", starts_at=now + timedelta(days=1), ends_at=None)
    member = MemberFactory()

    # when / then
    assert not has_perm(member, "engagement.support", idea)
    assert has_perm(member, "engagement.comment", idea)  # discussion does not wait for the phase


def test_ideas_in_a_campaign_one_cannot_read_take_no_engagement():
    # given
    idea = IdeaFactory(campaign=CampaignFactory(visibility=Visibility.MEMBERS))

    # when / then
    for perm in ("engagement.support", "engagement.comment", "engagement.follow"):
        assert not has_perm(AnonymousUser(), perm, idea)
        assert has_perm(MemberFactory(), perm, idea)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("member", False),
        ("author", False),
        ("campaign_reviewer", True),
        ("campaign_moderator", True),
        ("other_campaign_facilitator", False),
        ("sitewide_reviewer", True),
    ],
)
def test_official_responses_come_from_the_campaigns_staff(who, allowed):
    # given
    idea = IdeaFactory()
    actor = {
        "member": MemberFactory,
        "author": lambda: idea.author,
        "campaign_reviewer": lambda: staff(Role.REVIEWER, campaign=idea.campaign),
        "campaign_moderator": lambda: staff(Role.MODERATOR, campaign=idea.campaign),
        "other_campaign_facilitator": lambda: staff(Role.FACILITATOR, campaign=CampaignFactory()),
        "sitewide_reviewer": lambda: staff(Role.REVIEWER),
    }[who]()

    # when / then
    assert has_perm(actor, "engagement.comment_official", idea) is allowed


def test_comment_edit_window(settings):
    # given
    settings.COMMENT_EDIT_WINDOW_MINUTES = 10
    fresh, old = CommentFactory(), CommentFactory()
    Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(minutes=11))
    old.refresh_from_db()

    # when / then
    assert has_perm(fresh.author, "engagement.change_comment", fresh)
    assert not has_perm(old.author, "engagement.change_comment", old)
    assert not has_perm(MemberFactory(), "engagement.change_comment", fresh)


def test_comment_deletion_by_author_or_the_campaigns_moderators():
    # given
    comment = CommentFactory()
    campaign = comment.idea.campaign

    # when / then
    assert has_perm(comment.author, "engagement.delete_comment", comment)
    assert has_perm(staff(Role.MODERATOR, campaign=campaign), "engagement.delete_comment", comment)
    assert has_perm(staff(Role.FACILITATOR, campaign=campaign), "engagement.delete_comment", comment)
    assert not has_perm(staff(Role.REVIEWER, campaign=campaign), "engagement.delete_comment", comment)
    assert not has_perm(staff(Role.MODERATOR, campaign=CampaignFactory()), "engagement.delete_comment", comment)
    assert not has_perm(AnonymousUser(), "engagement.delete_comment", comment)


# ---- the one support rule: who may, and what everyone else is told ----------------------------------------------


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        (IdeaStatus.PUBLISHED, True),
        (IdeaStatus.THRESHOLD_REACHED, True),
        (IdeaStatus.UNDER_REVIEW, True),
        (IdeaStatus.NEEDS_INFO, True),
        (IdeaStatus.ACCEPTED, False),
        (IdeaStatus.WITHDRAWN, False),
    ],
)
def test_support_follows_the_ideas_state(status, allowed):
    idea = IdeaFactory(status=status)
    member = MemberFactory()

    assert has_perm(member, "engagement.support", idea) is allowed
    if not allowed:
        refused = refusal(member, "engagement.support", idea)
        assert (refused.status, refused.code) == (409, "not_supportable")
        assert str(refused.message) == "This idea is no longer gathering support."


def test_support_refusals_say_why():
    idea = IdeaFactory()
    coauthor = MemberFactory()
    idea.coauthors.add(coauthor)

    visitor = refusal(AnonymousUser(), "engagement.support", idea)
    own = refusal(coauthor, "engagement.support", idea)

    assert (visitor.status, str(visitor.message)) == (401, "Sign in to support ideas.")
    assert (own.status, own.code, str(own.message)) == (403, "own_idea", "You cannot support your own idea.")
    assert refusal(idea.author, "engagement.support", idea).code == "own_idea"


def test_support_closes_with_the_support_phase():
    idea = IdeaFactory()
    PhaseFactory(
        campaign=idea.campaign,
        kind="support",
        starts_at=timezone.now() - timedelta(days=9),
        ends_at=timezone.now() - timedelta(days=1),
    )

    refused = refusal(MemberFactory(), "engagement.support", idea)

    assert (refused.code, str(refused.message)) == ("support_closed", "Support is closed for this campaign right now.")
