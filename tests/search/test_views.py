"""The search page and the header search form."""

import pytest

from cocreate.search import index
from tests.factories import CampaignFactory, CommentFactory, IdeaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def found():
    campaign = CampaignFactory(title="Quiet streets")
    idea = IdeaFactory(campaign=campaign, title="Car-free Sundays", body="Close the centre to cars on Sundays.")
    for n in range(22):
        IdeaFactory(campaign=campaign, title=f"Sunday market {n}", body="A market every week.")
    CommentFactory(idea=idea, body="Sundays are for walking.")
    index.rebuild()
    return {"campaign": campaign, "idea": idea}


def test_the_header_search_goes_to_the_search_page(client):
    page = client.get("/ideas/")
    assert 'action="/search/"' in page.text


def test_results_are_ranked_highlighted_and_paged(client, found, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        page = client.get("/search/", {"q": "sundays"})
    assert page.status_code == 200
    assert "24 results" in page.text
    assert "<mark>Sunday" in page.text
    assert "Page 1 of 2" in page.text and "page=2" in page.text
    second = client.get("/search/", {"q": "sundays", "page": 2})
    assert "Page 2 of 2" in second.text
    assert f'href="/ideas/{found["idea"].pk}/#comment-' in client.get("/search/", {"q": "walking"}).text


def test_filters_and_bad_input_do_not_break_the_page(client, found):
    page = client.get("/search/", {"q": "sundays", "campaign": found["campaign"].pk, "kind": "comment"})
    assert "1 result" in page.text
    for params in [{"q": "x" * 500}, {"q": "a", "page": "nope"}, {"q": "a", "campaign": "abc"}, {"q": '"(*'}]:
        assert client.get("/search/", params).status_code == 200
    bad_dates = client.get("/search/", {"q": "sundays", "date_from": "2030-01-02", "date_to": "2030-01-01"})
    assert "The end date comes before the start date." in bad_dates.text


def test_an_empty_search_explains_itself(client):
    assert "every word must appear" in client.get("/search/").text
    assert "Nothing matches every word" in client.get("/search/", {"q": "zzzzqqq"}).text


def test_the_theme_filter_offers_only_themes_of_campaigns_the_visitor_may_see(client, db):
    from cocreate.campaigns.models import Visibility
    from tests.factories import ThemeFactory

    public, private = CampaignFactory(title="Open town"), CampaignFactory(visibility=Visibility.INVITE)
    ThemeFactory(campaign=public, label="Bike lanes, parking")
    ThemeFactory(campaign=private, label="Secret merger plans")
    page = client.get("/search/", {"q": "bike"})
    assert "Open town: Bike lanes, parking" in page.text
    assert "Secret merger plans" not in page.text
