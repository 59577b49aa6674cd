"""Who may see and run a campaign: the visibility matrix, checked through the rules the views and API use."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from cocreate.accounts.models import Role
from cocreate.campaigns.models import CampaignStatus, Visibility
from cocreate.core.permissions import has_perm, refusal
from tests.factories import CampaignFactory, InvitationFactory, MemberFactory, PhaseFactory, UserFactory, staff

pytestmark = pytest.mark.django_db

VIEWERS = ["visitor", "member", "invited", "campaign_staff", "other_campaign_staff", "sitewide_staff", "admin"]

# Who can read a published campaign, by its visibility.
READABLE = {
    Visibility.PUBLIC: set(VIEWERS),
    Visibility.MEMBERS: set(VIEWERS) - {"visitor"},
    Visibility.INVITE: {"invited", "campaign_staff", "sitewide_staff", "admin"},
}


def make_viewer(kind: str, campaign):
    """One viewer of each kind, relative to `campaign`."""
    if kind == "visitor":
        return AnonymousUser()
    if kind == "member":
        return MemberFactory()
    if kind == "invited":
        member = MemberFactory()
        InvitationFactory(campaign=campaign, email=member.email.upper())
        return member
    if kind == "campaign_staff":
        return staff(Role.REVIEWER, campaign=campaign)
    if kind == "other_campaign_staff":
        return staff(Role.FACILITATOR, campaign=CampaignFactory())
    if kind == "sitewide_staff":
        return staff(Role.MODERATOR)
    if kind == "admin":
        return staff(Role.ADMIN)
    raise AssertionError(kind)


@pytest.mark.parametrize("viewer_kind", VIEWERS)
@pytest.mark.parametrize("visibility", list(Visibility))
def test_published_campaign_visibility_matrix(visibility, viewer_kind):
    # given
    campaign = CampaignFactory(visibility=visibility)
    viewer = make_viewer(viewer_kind, campaign)

    # when
    may_view = has_perm(viewer, "campaigns.view", campaign)

    # then
    assert may_view is (viewer_kind in READABLE[visibility])


@pytest.mark.parametrize("viewer_kind", VIEWERS)
@pytest.mark.parametrize("visibility", list(Visibility))
def test_draft_campaigns_are_seen_only_by_their_staff(visibility, viewer_kind):
    # given
    campaign = CampaignFactory(visibility=visibility, status=CampaignStatus.DRAFT)
    viewer = make_viewer(viewer_kind, campaign)

    # when / then
    assert has_perm(viewer, "campaigns.view", campaign) is (
        viewer_kind in {"campaign_staff", "sitewide_staff", "admin"}
    )


@pytest.mark.parametrize("viewer_kind", VIEWERS)
def test_archived_campaigns_stay_readable_like_published_ones(viewer_kind):
    # given
    campaign = CampaignFactory(visibility=Visibility.MEMBERS, status=CampaignStatus.ARCHIVED)
    viewer = make_viewer(viewer_kind, campaign)

    # when / then
    assert has_perm(viewer, "campaigns.view", campaign) is (viewer_kind in READABLE[Visibility.MEMBERS])


def test_a_superuser_sees_everything():
    campaign = CampaignFactory(visibility=Visibility.INVITE, status=CampaignStatus.DRAFT)
    assert has_perm(UserFactory(is_superuser=True), "campaigns.view", campaign)


@pytest.mark.parametrize(
    ("viewer_kind", "may_change", "may_use_staff_tools"),
    [
        ("member", False, False),
        ("campaign_staff", False, True),
        ("other_campaign_staff", False, False),
        ("sitewide_staff", False, True),
        ("admin", True, True),
    ],
)
def test_running_a_campaign(viewer_kind, may_change, may_use_staff_tools):
    # given
    campaign = CampaignFactory()
    viewer = make_viewer(viewer_kind, campaign)

    # when / then
    assert has_perm(viewer, "campaigns.change", campaign) is may_change
    assert has_perm(viewer, "campaigns.view_staff_tools", campaign) is may_use_staff_tools


def test_a_campaign_facilitator_runs_only_their_campaign():
    # given
    mine, theirs = CampaignFactory(), CampaignFactory()
    runner = staff(Role.FACILITATOR, campaign=mine)

    # when / then
    assert has_perm(runner, "campaigns.change", mine)
    assert not has_perm(runner, "campaigns.change", theirs)
    assert not has_perm(runner, "campaigns.create")


def test_a_site_wide_facilitator_runs_every_campaign_and_creates_new_ones():
    # given
    facilitator = staff(Role.FACILITATOR)

    # when / then
    assert has_perm(facilitator, "campaigns.change", CampaignFactory())
    assert has_perm(facilitator, "campaigns.change", CampaignFactory(status=CampaignStatus.DRAFT))
    assert has_perm(facilitator, "campaigns.create")


def test_submitting_needs_an_account_a_readable_campaign_and_an_open_phase():
    # given
    open_campaign = CampaignFactory()
    closed = CampaignFactory()
    now = timezone.now()
    PhaseFactory(campaign=closed, starts_at=now - timedelta(days=9), ends_at=now - timedelta(days=1))
    hidden = CampaignFactory(visibility=Visibility.INVITE)
    member = MemberFactory()

    # when / then
    assert has_perm(member, "ideas.submit", open_campaign)
    assert not has_perm(AnonymousUser(), "ideas.submit", open_campaign)
    assert not has_perm(member, "ideas.submit", closed)
    assert not has_perm(member, "ideas.submit", hidden)


def test_submit_says_why_not():
    campaign = CampaignFactory()
    member = MemberFactory()
    PhaseFactory(
        campaign=campaign, starts_at=timezone.now() - timedelta(days=9), ends_at=timezone.now() - timedelta(days=1)
    )

    closed = refusal(member, "ideas.submit", campaign)
    visitor = refusal(AnonymousUser(), "ideas.submit", campaign)
    hidden = refusal(member, "ideas.submit", CampaignFactory(visibility=Visibility.INVITE))

    assert (closed.code, str(closed.message)) == (
        "submission_closed",
        "This campaign is not accepting ideas right now.",
    )
    assert (visitor.status, str(visitor.message)) == (401, "Sign in to submit an idea.")
    assert (hidden.status, str(hidden.message)) == (404, "This campaign does not exist.")
    assert refusal(member, "ideas.submit", CampaignFactory()) is None
