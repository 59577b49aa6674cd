import pytest

from cocreate.campaigns.models import Visibility
from cocreate.ideas.lifecycle import IdeaStatus
from tests.factories import CampaignFactory, IdeaFactory, SupportFactory

pytestmark = pytest.mark.django_db


def ids(response):
    return [i["id"] for i in response.json()["results"]]


def test_campaign_ideas_sorted_by_most_supported(anon):
    campaign = CampaignFactory()
    low = IdeaFactory(campaign=campaign, support_count=1)
    high = IdeaFactory(campaign=campaign, support_count=9)
    IdeaFactory()  # another campaign

    response = anon.get(f"/campaigns/{campaign.slug}/ideas", {"sort": "most_supported"})

    assert response.status_code == 200
    assert ids(response) == [high.pk, low.pk]


def test_filters_by_tag_status_and_search(anon):
    campaign = CampaignFactory()
    tagged = IdeaFactory(campaign=campaign, tags=["lights"], title="Brighter street lights")
    IdeaFactory(campaign=campaign, title="Wider pavements")
    accepted = IdeaFactory(campaign=campaign, status=IdeaStatus.ACCEPTED)

    assert ids(anon.get(f"/campaigns/{campaign.slug}/ideas", {"tag": "lights"})) == [tagged.pk]
    assert ids(anon.get("/ideas", {"q": "brighter"})) == [tagged.pk]
    assert ids(anon.get("/ideas", {"status": "accepted"})) == [accepted.pk]
    assert ids(anon.get("/ideas", {"campaign": campaign.slug, "q": "nothing-matches"})) == []


def test_random_order_is_stable_for_a_seed_and_links_keep_the_seed(anon):
    campaign = CampaignFactory()
    for _ in range(5):
        IdeaFactory(campaign=campaign)

    first = anon.get("/ideas", {"sort": "random", "seed": 42, "page_size": 2})
    again = anon.get("/ideas", {"sort": "random", "seed": 42, "page_size": 2})
    unseeded = anon.get("/ideas", {"sort": "random", "page_size": 2}).json()

    assert ids(first) == ids(again)
    assert "seed=" in unseeded["next"]


def test_all_ideas_hides_drafts_and_invisible_campaigns(anon):
    visible = IdeaFactory()
    IdeaFactory(status=IdeaStatus.DRAFT, published_at=None)
    IdeaFactory(status=IdeaStatus.PENDING, published_at=None)
    IdeaFactory(campaign=CampaignFactory(visibility=Visibility.INVITE))

    assert ids(anon.get("/ideas")) == [visible.pk]


def test_pagination_envelope_and_links(anon):
    for _ in range(5):
        IdeaFactory()

    body = anon.get("/ideas", {"page": 2, "page_size": 2, "sort": "newest"}).json()

    assert body["count"] == 5
    assert (body["page"], body["page_size"]) == (2, 2)
    assert len(body["results"]) == 2
    assert "page=3" in body["next"] and body["next"].startswith("http://testserver/api/v1/ideas?")
    assert "page=1" in body["previous"]
    last = anon.get("/ideas", {"page": 3, "page_size": 2}).json()
    assert last["next"] is None and len(last["results"]) == 1


def test_page_past_the_end_is_404_and_empty_first_page_is_fine(anon):
    IdeaFactory()

    past = anon.get("/ideas", {"page": 2})
    huge = anon.get("/ideas", {"page": 999999})
    empty = anon.get("/ideas", {"q": "nothing-matches"})

    assert past.status_code == 404 and past.json()["code"] == "invalid_page"
    assert huge.status_code == 404
    assert empty.status_code == 200 and empty.json()["count"] == 0


@pytest.mark.parametrize(
    "params",
    [
        {"page": 0},
        {"page": -1},
        {"page": "abc"},
        {"page": "9" * 40},
        {"page_size": 101},
        {"page_size": 0},
        {"sort": "best"},
        {"status": "bogus"},
        {"seed": -5},
        {"seed": 2**40},
        {"q": "x" * 300},
    ],
)
def test_bad_list_parameters_are_422_json(anon, params):
    IdeaFactory()

    response = anon.get("/ideas", params)

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error"
    assert body["errors"] and body["detail"]


def test_list_query_count_does_not_grow_with_page_size(api, django_assert_max_num_queries):
    campaign = CampaignFactory()
    for n in range(30):
        idea = IdeaFactory(campaign=campaign, tags=[f"t{n % 3}", "common"])
        SupportFactory(idea=idea)

    api.get("/me")  # records the token's last use, so that write does not count below

    with django_assert_max_num_queries(12) as small:
        api.get(f"/campaigns/{campaign.slug}/ideas", {"page_size": 2})
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        response = api.get(f"/campaigns/{campaign.slug}/ideas", {"page_size": 30})

    assert len(response.json()["results"]) == 30
    assert len(large.captured_queries) == len(small.captured_queries)


def test_idea_detail_has_progress_and_viewer_supports(api, member):
    campaign = CampaignFactory(stages=[(10, 30), (100, 60)])
    idea = IdeaFactory(campaign=campaign, tags=["bikes"])
    SupportFactory(idea=idea, member=member)
    idea.support_count = 1
    idea.save()

    body = api.get(f"/ideas/{idea.pk}").json()

    assert body["viewer_supports"] is True
    assert body["tags"] == [{"name": "bikes", "slug": "bikes"}]
    progress = body["progress"]
    assert (progress["supporters"], progress["threshold"]) == (1, 10)
    assert (progress["stage_number"], progress["stages_total"]) == (1, 2)
    assert progress["days_left"] == 30
    assert progress["deadline"] is not None
    assert body["viewer_can"]["support"] is False  # already supports
    assert body["viewer_can"]["comment"] is True


def test_anonymous_detail_says_viewer_does_not_support(anon):
    idea = IdeaFactory()

    body = anon.get(f"/ideas/{idea.pk}").json()

    assert body["viewer_supports"] is False
    assert body["viewer_can"] == {"edit": False, "withdraw": False, "support": False, "comment": False}


@pytest.mark.parametrize("status", [IdeaStatus.DRAFT, IdeaStatus.PENDING])
def test_unpublished_idea_is_404_for_others_but_visible_to_its_author(anon, as_user, status):
    idea = IdeaFactory(status=status, published_at=None)

    assert anon.get(f"/ideas/{idea.pk}").status_code == 404
    assert as_user(idea.author).get(f"/ideas/{idea.pk}").status_code == 200


def test_idea_in_invite_only_campaign_is_404(api):
    idea = IdeaFactory(campaign=CampaignFactory(visibility=Visibility.INVITE))

    response = api.get(f"/ideas/{idea.pk}")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("path", ["/ideas/999999", "/ideas/abc", "/ideas/0", f"/ideas/{2**70}", "/ideas/-3"])
def test_unknown_or_malformed_idea_ids_never_500(anon, path):
    response = anon.get(path)

    assert response.status_code in (404, 422)
    assert response.json()["code"] in ("not_found", "validation_error")


def test_revisions_with_diffs(api, member):
    idea = IdeaFactory(author=member, title="Bike lanes everywhere")
    api.patch(f"/ideas/{idea.pk}", {"title": "Protected bike lanes everywhere", "note": "More precise"})

    body = api.get(f"/ideas/{idea.pk}/revisions").json()

    assert body["count"] == 2
    first, second = body["results"]
    assert first["number"] == 1 and second["number"] == 2
    assert second["note"] == "More precise"
    assert "<ins>Protected" in second["diff"]["title"]
    assert second["editor"]["id"] == member.pk


def test_revisions_of_invisible_idea_are_404(anon):
    idea = IdeaFactory(status=IdeaStatus.DRAFT, published_at=None)

    assert anon.get(f"/ideas/{idea.pk}/revisions").status_code == 404
