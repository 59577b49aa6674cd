import pytest

from cocreate.accounts.models import Role
from cocreate.campaigns.models import Visibility
from cocreate.roadmap import services
from tests.api.conftest import ApiClient
from tests.factories import CampaignFactory, MemberFactory, MilestoneFactory, RoadmapItemFactory, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def anon(client):
    return ApiClient(client)


@pytest.fixture
def as_user(client):
    from cocreate.api.services import token_create

    def make(user):
        _token, raw = token_create(actor=user, name="tests")
        return ApiClient(client, raw)

    return make


def test_roadmap_lists_visible_items_filterable(anon, campaign, item):
    started = RoadmapItemFactory(campaign=campaign, status="in_progress", progress=40)
    MilestoneFactory(item=started, title="Prototype")
    RoadmapItemFactory(campaign=CampaignFactory(visibility=Visibility.MEMBERS))
    body = anon.get("/roadmap").json()
    assert body["count"] == 2
    body = anon.get("/roadmap", {"campaign": campaign.slug, "status": "in_progress"}).json()
    [only] = body["results"]
    assert (only["id"], only["progress"], only["status_label"], only["campaign"]) == (
        started.pk,
        40,
        "In progress",
        campaign.slug,
    )
    assert only["milestones"][0]["title"] == "Prototype" and only["milestones"][0]["done"] is False
    assert anon.get("/roadmap", {"status": "bogus"}).status_code == 422
    assert anon.get("/roadmap", {"campaign": "nope"}).status_code == 404


def test_item_detail_with_history_and_404_when_hidden(anon, item, facilitator):
    services.roadmap_item_progress(actor=facilitator, item=item, status="in_progress", progress=10, note="Begun")
    body = anon.get(f"/roadmap/items/{item.pk}").json()
    assert body["idea_id"] == item.idea_id
    assert [(e["kind"], e["note"], e["actor"]["name"]) for e in body["entries"]] == [
        ("status", "Begun", facilitator.public_name)
    ]
    hidden = RoadmapItemFactory(campaign=CampaignFactory(visibility=Visibility.INVITE))
    response = anon.get(f"/roadmap/items/{hidden.pk}")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_progress_through_the_api(as_user, item, facilitator, roles):
    response = as_user(roles["member"]).post(f"/roadmap/items/{item.pk}/progress", {"status": "shipped"})
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == "planned"
    response = as_user(facilitator).post(
        f"/roadmap/items/{item.pk}/progress", {"status": "in_progress", "progress": 55, "note": "Going"}
    )
    assert response.status_code == 200 and response.json()["progress"] == 55
    response = as_user(facilitator).post(
        f"/roadmap/items/{item.pk}/progress", {"status": "in_progress", "progress": 101}
    )
    assert response.status_code == 422


def test_progress_needs_a_credential(anon, item):
    assert anon.post(f"/roadmap/items/{item.pk}/progress", {"status": "shipped"}).status_code == 401


def test_releases_with_credits(anon, campaign, facilitator, accepted_idea):
    coauthor = MemberFactory(display_name="Cora Coauthor")
    accepted_idea.coauthors.set([coauthor])
    item = RoadmapItemFactory(idea=accepted_idea, status="in_progress")
    release = services.release_create(actor=facilitator, campaign=campaign, title="Spring", version="1.0", items=[item])
    assert anon.get("/releases").json()["count"] == 0  # drafts are not public
    assert anon.get(f"/releases/{release.pk}").status_code == 404
    services.release_publish(actor=facilitator, release=release)
    listing = anon.get("/releases").json()
    assert [(r["version"], r["item_count"]) for r in listing["results"]] == [("1.0", 1)]
    body = anon.get(f"/releases/{release.pk}").json()
    assert [c["person"]["name"] for c in body["credits"]] == [accepted_idea.author.public_name, "Cora Coauthor"]
    assert body["credits"][1]["profile_url"].endswith(f"/accounts/members/{coauthor.pk}/")
    assert body["items"][0]["status"] == "shipped" and body["supporters"] == 0


def test_facilitator_sees_draft_releases(as_user, campaign, facilitator):
    services.release_create(actor=facilitator, campaign=campaign, title="Draft one", version="0.1")
    assert as_user(facilitator).get("/releases").json()["count"] == 1
    assert as_user(staff(Role.MODERATOR, campaign)).get("/releases").json()["count"] == 0


def test_roadmap_list_queries_do_not_grow(anon, django_assert_max_num_queries, campaign):
    for _ in range(15):
        MilestoneFactory(item=RoadmapItemFactory(campaign=campaign, status="in_progress"))
    with django_assert_max_num_queries(5):
        assert anon.get("/roadmap", {"page_size": 100}).json()["count"] == 15
