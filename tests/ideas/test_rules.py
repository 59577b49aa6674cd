"""Who may see, edit, withdraw, moderate and post updates on ideas; roles scoped to a campaign stay there."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from cocreate.accounts.models import Role
from cocreate.core.permissions import has_perm, refusal
from cocreate.ideas.lifecycle import EDITABLE_STATES, IdeaStatus
from tests.factories import CampaignFactory, IdeaFactory, MemberFactory, PhaseFactory, UserFactory, staff

pytestmark = pytest.mark.django_db


def test_a_reviewer_of_campaign_a_has_no_power_in_campaign_b():
    # given
    a, b = CampaignFactory(), CampaignFactory()
    reviewer = staff(Role.REVIEWER, campaign=a)
    draft_in_a, draft_in_b = (
        IdeaFactory(campaign=a, status=IdeaStatus.DRAFT),
        IdeaFactory(campaign=b, status=IdeaStatus.DRAFT),
    )

    # when / then: a reviewer sees campaign A's unpublished ideas, but neither edits nor moderates
    assert has_perm(reviewer, "ideas.view", draft_in_a)
    assert not has_perm(reviewer, "ideas.change", draft_in_a)
    assert not has_perm(reviewer, "ideas.moderate", draft_in_a)
    assert not has_perm(reviewer, "ideas.view", draft_in_b)
    assert not has_perm(reviewer, "campaigns.view_staff_tools", b)


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.FACILITATOR])
def test_campaign_moderators_moderate_only_their_campaign(role):
    # given
    a, b = CampaignFactory(), CampaignFactory()
    moderator = staff(role, campaign=a)
    in_a, in_b = IdeaFactory(campaign=a), IdeaFactory(campaign=b)

    # when / then
    assert has_perm(moderator, "ideas.moderate", in_a)
    assert has_perm(moderator, "ideas.change", in_a)
    assert not has_perm(moderator, "ideas.moderate", in_b)
    assert not has_perm(moderator, "ideas.change", in_b)


@pytest.mark.parametrize("who", ["sitewide_moderator", "sitewide_facilitator", "admin", "superuser"])
def test_site_wide_roles_apply_everywhere(who):
    # given
    actor = {
        "sitewide_moderator": lambda: staff(Role.MODERATOR),
        "sitewide_facilitator": lambda: staff(Role.FACILITATOR),
        "admin": lambda: staff(Role.ADMIN),
        "superuser": lambda: UserFactory(is_superuser=True),
    }[who]()
    ideas = [IdeaFactory(campaign=CampaignFactory(), status=IdeaStatus.PENDING) for _ in range(2)]

    # when / then
    for idea in ideas:
        assert has_perm(actor, "ideas.view", idea)
        assert has_perm(actor, "ideas.moderate", idea)


def test_a_site_wide_reviewer_sees_everything_but_moderates_nothing():
    # given
    reviewer = staff(Role.REVIEWER)
    idea = IdeaFactory(status=IdeaStatus.PENDING)

    # when / then
    assert has_perm(reviewer, "ideas.view", idea)
    assert not has_perm(reviewer, "ideas.moderate", idea)


@pytest.mark.parametrize("status", IdeaStatus.values)
def test_contributors_edit_while_the_idea_is_editable(status):
    # given
    idea = IdeaFactory(status=status)
    coauthor = MemberFactory()
    idea.coauthors.add(coauthor)

    # when / then
    assert has_perm(idea.author, "ideas.change", idea) is (status in EDITABLE_STATES)
    assert has_perm(coauthor, "ideas.change", idea) is (status in EDITABLE_STATES)
    assert not has_perm(MemberFactory(), "ideas.change", idea)
    assert not has_perm(AnonymousUser(), "ideas.change", idea)


def test_only_the_author_withdraws():
    # given
    idea = IdeaFactory()
    coauthor = MemberFactory()
    idea.coauthors.add(coauthor)

    # when / then
    assert has_perm(idea.author, "ideas.withdraw", idea)
    assert not has_perm(coauthor, "ideas.withdraw", idea)
    assert not has_perm(staff(Role.MODERATOR, campaign=idea.campaign), "ideas.withdraw", idea)
    assert not has_perm(AnonymousUser(), "ideas.withdraw", idea)


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        (IdeaStatus.DRAFT, False),
        (IdeaStatus.PENDING, False),
        (IdeaStatus.PUBLISHED, True),
        (IdeaStatus.ACCEPTED, True),
        (IdeaStatus.EXPIRED, True),
        (IdeaStatus.MERGED, False),
    ],
)
def test_updates_are_posted_by_contributors_on_public_ideas(status, allowed):
    # given
    idea = IdeaFactory(status=status)

    # when / then
    assert has_perm(idea.author, "ideas.post_update", idea) is allowed
    assert not has_perm(MemberFactory(), "ideas.post_update", idea)


def test_public_ideas_are_seen_by_whoever_can_read_the_campaign():
    # given
    idea = IdeaFactory()

    # when / then
    assert has_perm(AnonymousUser(), "ideas.view", idea)
    assert has_perm(MemberFactory(), "ideas.view", idea)
    assert not has_perm(AnonymousUser(), "ideas.view", IdeaFactory(status=IdeaStatus.PENDING))


# ---- rules that explain themselves: withdraw and submit_draft, with the refusal each person sees ----------------


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        (IdeaStatus.DRAFT, True),
        (IdeaStatus.PENDING, True),
        (IdeaStatus.PUBLISHED, True),
        (IdeaStatus.THRESHOLD_REACHED, True),
        (IdeaStatus.UNDER_REVIEW, False),
        (IdeaStatus.NEEDS_INFO, False),
        (IdeaStatus.ACCEPTED, False),
        (IdeaStatus.WITHDRAWN, False),
    ],
)
def test_withdraw_is_the_authors_only_in_the_states_that_allow_it(status, allowed):
    idea = IdeaFactory(status=status)

    assert has_perm(idea.author, "ideas.withdraw", idea) is allowed
    if not allowed:
        refused = refusal(idea.author, "ideas.withdraw", idea)
        assert (refused.status, refused.code) == (409, "invalid_transition")
        assert str(refused.message) == "Once review has started (or the idea is closed) it can no longer be withdrawn."


def test_withdraw_refuses_others_with_the_authors_rule_first():
    idea = IdeaFactory(status=IdeaStatus.UNDER_REVIEW)
    coauthor = MemberFactory()
    idea.coauthors.add(coauthor)

    refused = refusal(coauthor, "ideas.withdraw", idea)

    assert refused.status == 403 and str(refused.message) == "Only the author can withdraw this idea."


def test_submit_draft_may_and_may_not():
    draft = IdeaFactory(status=IdeaStatus.DRAFT, published_at=None)
    submitted = IdeaFactory(status=IdeaStatus.PUBLISHED, author=draft.author, campaign=draft.campaign)
    stranger = MemberFactory()

    assert has_perm(draft.author, "ideas.submit_draft", draft)
    assert str(refusal(stranger, "ideas.submit_draft", draft).message) == "Only the author can submit this draft."
    already = refusal(draft.author, "ideas.submit_draft", submitted)
    assert (already.status, str(already.message)) == (409, "This idea has already been submitted.")


def test_submit_draft_refuses_with_the_campaigns_own_reason_when_submission_closed():
    draft = IdeaFactory(status=IdeaStatus.DRAFT, published_at=None)
    PhaseFactory(
        campaign=draft.campaign,
        starts_at=timezone.now() - timedelta(days=9),
        ends_at=timezone.now() - timedelta(days=1),
    )

    refused = refusal(draft.author, "ideas.submit_draft", draft)

    assert (
        refused.code == "submission_closed"
        and str(refused.message) == "This campaign is not accepting ideas right now."
    )
