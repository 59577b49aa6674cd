"""Campaign lists and details show exactly the campaigns the rules let a viewer open."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cocreate.accounts.models import Role
from cocreate.campaigns.models import CampaignStatus, Visibility
from cocreate.campaigns.selectors import campaign_detail, campaign_list, campaigns_visible_to, with_counts
from cocreate.core.permissions import has_perm
from cocreate.ideas.lifecycle import IdeaStatus
from tests.campaigns.test_rules import VIEWERS, make_viewer
from tests.factories import CampaignFactory, IdeaFactory, InvitationFactory, MemberFactory, RoleFactory, staff

pytestmark = pytest.mark.django_db


def _every_kind_of_campaign():
    return [
        CampaignFactory(visibility=visibility, status=status) for visibility in Visibility for status in CampaignStatus
    ]


@pytest.mark.parametrize("viewer_kind", VIEWERS)
def test_the_selector_agrees_with_the_rule_for_every_campaign(viewer_kind):
    # given: every visibility in every status; the viewer is defined against the invite-only draft
    campaigns = _every_kind_of_campaign()
    target = next(c for c in campaigns if c.visibility == Visibility.INVITE and c.status == CampaignStatus.DRAFT)
    viewer = make_viewer(viewer_kind, target)
    for campaign in campaigns:
        if viewer_kind == "invited":
            InvitationFactory(campaign=campaign, email=viewer.email)
        if viewer_kind == "campaign_staff" and campaign != target:
            RoleFactory(user=viewer, role=Role.REVIEWER, campaign=campaign)
    viewer = type(viewer).objects.get(pk=viewer.pk) if viewer.is_authenticated else viewer

    # when
    visible = set(campaigns_visible_to(viewer).filter(pk__in=[c.pk for c in campaigns]))

    # then
    assert visible == {c for c in campaigns if has_perm(viewer, "campaigns.view", c)}


def test_a_visitor_sees_published_and_archived_public_campaigns_only():
    # given
    campaigns = _every_kind_of_campaign()

    # when
    visible = set(campaigns_visible_to(AnonymousUser()))

    # then
    assert visible == {c for c in campaigns if c.visibility == Visibility.PUBLIC and c.status != CampaignStatus.DRAFT}


def test_an_invitation_shows_the_campaign_once_even_with_several_invitations():
    # given
    campaign = CampaignFactory(visibility=Visibility.INVITE)
    member = MemberFactory(email="guest@example.org")
    InvitationFactory(campaign=campaign, email="guest@example.org")
    InvitationFactory(campaign=campaign, email="other@example.org")

    # when
    visible = list(campaigns_visible_to(member))

    # then
    assert visible == [campaign]


def test_campaign_staff_see_their_draft_but_not_others():
    # given
    mine = CampaignFactory(status=CampaignStatus.DRAFT)
    theirs = CampaignFactory(status=CampaignStatus.DRAFT)
    reviewer = staff(Role.REVIEWER, campaign=mine)

    # when
    visible = set(campaigns_visible_to(reviewer))

    # then
    assert mine in visible
    assert theirs not in visible


def test_the_list_counts_public_ideas_and_contributors_and_hides_archived():
    # given
    campaign = CampaignFactory()
    author = MemberFactory()
    IdeaFactory(campaign=campaign, author=author)
    IdeaFactory(campaign=campaign, author=author)
    IdeaFactory(campaign=campaign)
    IdeaFactory(campaign=campaign, status=IdeaStatus.DRAFT)
    IdeaFactory(campaign=campaign, status=IdeaStatus.PENDING)
    archived = CampaignFactory(status=CampaignStatus.ARCHIVED)

    # when
    listed = with_counts(campaign_list(AnonymousUser()))
    with_archived = list(campaign_list(AnonymousUser(), include_archived=True))

    # then
    assert listed == [campaign]
    assert (listed[0].contribution_total, listed[0].participant_total) == (3, 2)
    assert (listed[0].contributions_in_words, listed[0].participants_in_words) == ("3 ideas", "2 contributors")
    assert archived in with_archived


def test_the_list_loads_phases_and_ladders_without_a_query_per_campaign(django_assert_num_queries):
    # given
    CampaignFactory.create_batch(5)

    # when / then: campaigns, then phases, then stages
    with django_assert_num_queries(3):
        for campaign in campaign_list(AnonymousUser()):
            list(campaign.phases.all())
            list(campaign.support_stages.all())


def test_detail_by_address_respects_visibility():
    # given
    campaign = CampaignFactory(slug="secret", visibility=Visibility.MEMBERS)

    # when / then
    assert campaign_detail(AnonymousUser(), "secret") is None
    assert campaign_detail(MemberFactory(), "secret") == campaign
    assert campaign_detail(MemberFactory(), "nowhere") is None
