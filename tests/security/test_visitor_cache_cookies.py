"""F10: the visitors' page cache never serves or stores a page for a request carrying a cookie it does not know:
the anonymous opinion-map identity must not leak one visitor's "You" to another."""

import pytest
from django.core.cache import cache

from cocreate.opinionmap import services
from tests.factories import OpinionCampaignFactory, OpinionParticipantFactory, OpinionVoteFactory, StatementFactory

pytestmark = pytest.mark.django_db

OWN_MARK = b"Answer at least"  # what the report says to a participant not yet on the map


@pytest.fixture
def report(settings):
    settings.VISITOR_CACHE_SECONDS = 30
    cache.clear()
    campaign = OpinionCampaignFactory()
    statements = [StatementFactory(campaign=campaign) for _ in range(6)]
    for i in range(12):
        participant = OpinionParticipantFactory(campaign=campaign)
        for j, statement in enumerate(statements):
            OpinionVoteFactory(participant=participant, statement=statement, value=1 if (i + j) % 2 else -1)
    services.report_compute(campaign=campaign)
    key = services.new_anon_key()
    OpinionParticipantFactory(campaign=campaign, anon_key=key)  # has not voted enough to be placed
    return f"/campaigns/{campaign.slug}/opinions/report/", key


def test_a_participants_page_is_not_shown_to_other_visitors(client, report):
    url, key = report
    client.cookies[services.ANON_COOKIE] = key
    own = client.get(url)
    assert OWN_MARK in own.content
    client.cookies.pop(services.ANON_COOKIE)

    stranger = client.get(url)

    assert OWN_MARK not in stranger.content


def test_a_participant_is_not_served_the_strangers_page(client, report):
    url, key = report
    assert OWN_MARK not in client.get(url).content
    client.cookies[services.ANON_COOKIE] = key

    own = client.get(url)

    assert OWN_MARK in own.content
    assert "X-Visitor-Cache" not in own


def test_cookies_the_page_does_not_depend_on_still_get_the_cache(client, report, settings):
    url, _key = report
    client.cookies[settings.CSRF_COOKIE_NAME] = "x" * 32
    client.cookies["tz"] = "Europe/Paris"
    client.get(url)
    assert client.get(url)["X-Visitor-Cache"] == "hit"
