import pytest

from cocreate.campaigns.models import CampaignStatus, Visibility
from tests.factories import CampaignFactory, CriterionFactory, IdeaFactory, InvitationFactory, MemberFactory

pytestmark = pytest.mark.django_db


def test_campaign_list_shows_what_a_visitor_may_see_in_the_envelope(anon):
    public = CampaignFactory(title="Cycling")
    IdeaFactory(campaign=public)
    CampaignFactory(status=CampaignStatus.DRAFT)
    CampaignFactory(visibility=Visibility.MEMBERS)
    CampaignFactory(visibility=Visibility.INVITE)

    response = anon.get("/campaigns")

    body = response.json()
    assert response.status_code == 200
    assert set(body) == {"count", "page", "page_size", "next", "previous", "results"}
    assert [c["slug"] for c in body["results"]] == [public.slug]
    assert body["results"][0]["idea_count"] == 1
    assert body["results"][0]["support_stages"] == [{"position": 0, "threshold": 100, "window_days": 60}]
    assert body["results"][0]["submission_open"] is True


def test_members_see_members_only_campaigns(api):
    members_only = CampaignFactory(visibility=Visibility.MEMBERS)

    slugs = [c["slug"] for c in api.get("/campaigns").json()["results"]]

    assert members_only.slug in slugs


def test_campaign_detail_has_brief_and_criteria(anon):
    campaign = CampaignFactory()
    CriterionFactory(campaign=campaign, name="Safety", weight=3)

    body = anon.get(f"/campaigns/{campaign.slug}").json()

    assert body["slug"] == campaign.slug
    assert "<strong>safer</strong>" in body["brief_html"]
    assert body["criteria"] == [{"name": "Safety", "description": "", "weight": 3}]


@pytest.mark.parametrize(
    "kwargs", [{"status": CampaignStatus.DRAFT}, {"visibility": Visibility.INVITE}, {"visibility": Visibility.MEMBERS}]
)
def test_campaigns_a_visitor_may_not_see_are_404(anon, kwargs):
    campaign = CampaignFactory(**kwargs)

    response = anon.get(f"/campaigns/{campaign.slug}")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_invite_only_campaign_is_404_for_others_and_open_to_the_invited(as_user):
    campaign = CampaignFactory(visibility=Visibility.INVITE)
    invited = MemberFactory()
    InvitationFactory(campaign=campaign, email=invited.email)

    assert as_user(MemberFactory()).get(f"/campaigns/{campaign.slug}").status_code == 404
    assert as_user(invited).get(f"/campaigns/{campaign.slug}").status_code == 200


def test_unknown_campaign_is_404(anon):
    assert anon.get("/campaigns/nope").json()["code"] == "not_found"
    assert anon.get("/campaigns/nope/ideas").status_code == 404
