"""The visitors' page cache: shared answers for anonymous reads, never for members, fresh after real changes."""

import pytest
from django.core.cache import cache

from cocreate.engagement.services import support_add
from cocreate.ideas.services import idea_create
from cocreate.moderation.services import content_hide
from tests.factories import CampaignFactory, IdeaFactory, MemberFactory, staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.VISITOR_CACHE_SECONDS = 30
    cache.clear()


def get(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200
    return response


def test_a_visitor_gets_the_stored_page_the_second_time(client):
    idea = IdeaFactory(title="Solar benches")
    first = get(client, f"/campaigns/{idea.campaign.slug}/")
    second = get(client, f"/campaigns/{idea.campaign.slug}/")
    assert first["X-Visitor-Cache"] == "miss"
    assert second["X-Visitor-Cache"] == "hit"
    assert second.content == first.content
    assert b"Solar benches" in second.content


def test_the_api_list_is_cached_for_visitors_too(client):
    idea = IdeaFactory()
    url = f"/api/v1/campaigns/{idea.campaign.slug}/ideas"
    assert get(client, url)["X-Visitor-Cache"] == "miss"
    second = get(client, url)
    assert second["X-Visitor-Cache"] == "hit"
    assert second.json()["results"][0]["id"] == idea.pk


def test_a_new_idea_shows_at_once(client, on_commit):
    campaign = CampaignFactory()
    get(client, f"/campaigns/{campaign.slug}/")
    with on_commit(execute=True):
        idea_create(
            actor=MemberFactory(),
            campaign=campaign,
            title="Rain shelters at the bus stop",
            body="Roofs over every bus stop in town.",
        )
    page = get(client, f"/campaigns/{campaign.slug}/")
    assert page["X-Visitor-Cache"] == "miss"
    assert b"Rain shelters at the bus stop" in page.content


def test_hidden_content_disappears_at_once(client, on_commit):
    idea = IdeaFactory(title="Buy my sunglasses")
    url = f"/ideas/{idea.pk}/"
    get(client, url)
    with on_commit(execute=True):
        content_hide(actor=staff("moderator"), target=idea, reason="Advertising")
    assert client.get(url).status_code == 404


def test_a_support_does_not_empty_the_cache(client, on_commit):
    idea = IdeaFactory()
    url = f"/ideas/{idea.pk}/"
    get(client, url)
    with on_commit(execute=True):
        support_add(actor=MemberFactory(), idea=idea)
    # The count may lag for up to VISITOR_CACHE_SECONDS; the page is still served from the cache.
    assert get(client, url)["X-Visitor-Cache"] == "hit"


def test_members_always_get_a_fresh_personal_page(client):
    idea = IdeaFactory()
    url = f"/ideas/{idea.pk}/"
    get(client, url)
    member = MemberFactory(display_name="Ada Visitor")
    client.force_login(member)
    page = get(client, url)
    assert "X-Visitor-Cache" not in page
    assert b"Ada Visitor" in page.content


def test_api_callers_with_a_token_are_not_served_from_the_cache(client):
    idea = IdeaFactory()
    url = f"/api/v1/ideas/{idea.pk}"
    get(client, url)
    response = client.get(url, HTTP_AUTHORIZATION="Bearer cct_unknown")
    assert response.status_code == 401
    assert "X-Visitor-Cache" not in response


def test_pages_outside_the_list_and_writes_are_never_cached(client):
    campaign = CampaignFactory()
    assert "X-Visitor-Cache" not in client.get("/accounts/login/")
    assert "X-Visitor-Cache" not in client.get(f"/campaigns/{campaign.slug}/nope/")
    assert "X-Visitor-Cache" not in client.post(f"/campaigns/{campaign.slug}/")


def test_a_page_that_rendered_a_csrf_token_is_not_stored(client, settings):
    # The sign-in page renders a form; put it on the list to check the guard, not the list.
    settings.VISITOR_CACHE_VIEWS = [*settings.VISITOR_CACHE_VIEWS, "account_login"]

    first = client.get("/accounts/login/")
    second = client.get("/accounts/login/")
    assert first.status_code == 200
    assert "X-Visitor-Cache" not in second
