"""A survey with no answers shown yet (new, or every entry pending) has results and pages, not an error."""

import pytest
from django.urls import reverse

from cocreate.pairwise import selectors
from tests.factories import PairwiseCampaignFactory, PairwiseEntryFactory, PairwiseSettingsFactory

pytestmark = pytest.mark.django_db


def _survey():
    campaign = PairwiseCampaignFactory()
    PairwiseSettingsFactory(campaign=campaign)
    return campaign


def test_results_of_a_survey_without_answers_are_empty():
    # given
    campaign = _survey()

    # when
    results = selectors.results(campaign)

    # then
    assert results.rows == [] and results.votes == 0


def test_results_page_and_api_of_a_survey_without_shown_answers(client):
    # given: one answer, still waiting for a moderator
    campaign = _survey()
    PairwiseEntryFactory(campaign=campaign, status="pending")

    # when
    page = client.get(reverse("pairwise:results", args=[campaign.slug]))
    api = client.get(f"/api/v1/campaigns/{campaign.slug}/pairwise/results")

    # then
    assert page.status_code == 200
    assert api.status_code == 200 and api.json()["results"] == []
