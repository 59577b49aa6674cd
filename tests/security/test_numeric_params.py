"""F11: numbers a visitor types into a URL or a form are validated: too large for the database, negative, not
ASCII digits or not numbers at all, they are ignored or refused, never a 500."""

import pytest

from cocreate.accounts.models import Role
from tests.factories import (
    CampaignFactory,
    IdeaFactory,
    MemberFactory,
    OpinionMapSettingsFactory,
    PairwiseSettingsFactory,
    StatementFactory,
    ThemeFactory,
    staff,
)

pytestmark = pytest.mark.django_db

BAD_NUMBERS = ["9223372036854775808", "-9223372036854775809", "-1", "²", "١", "1e3"]


@pytest.fixture
def world():
    campaign = CampaignFactory()
    idea = IdeaFactory(campaign=campaign)
    ThemeFactory(campaign=campaign)
    return {"campaign": campaign, "idea": idea}


def _get_pages(world):
    slug, pk = world["campaign"].slug, world["idea"].pk
    return [
        ("/ideas/", ["theme", "page"]),
        (f"/campaigns/{slug}/", ["theme", "page"]),
        ("/search/", ["page", "campaign", "theme"]),
        (f"/ideas/{pk}/", ["comments"]),
        (f"/ideas/{pk}/history/", ["r"]),
        ("/review/", ["assignee", "page"]),
        ("/notifications/", ["page"]),
    ]


@pytest.mark.parametrize("who", ["visitor", "facilitator"])
@pytest.mark.parametrize("value", BAD_NUMBERS)
def test_numeric_query_parameters_never_give_a_server_error(client, world, who, value):
    if who == "facilitator":
        client.force_login(staff(Role.FACILITATOR))
    for path, params in _get_pages(world):
        for param in params:
            response = client.get(path, {param: value, "q": "idea"})
            assert response.status_code < 500, (path, param, value)


@pytest.mark.parametrize("value", BAD_NUMBERS)
def test_numeric_form_fields_never_give_a_server_error(client, world, value):
    member = MemberFactory()
    client.force_login(member)
    opinion = OpinionMapSettingsFactory().campaign
    StatementFactory(campaign=opinion)
    pairwise = PairwiseSettingsFactory().campaign
    posts = [
        (f"/campaigns/{opinion.slug}/opinions/vote/", {"statement": value, "value": "1"}),
        (f"/campaigns/{opinion.slug}/opinions/vote/", {"statement": "1", "value": value}),
        (f"/campaigns/{pairwise.slug}/pairwise/", {"prompt": value, "choice": "left"}),
        (f"/campaigns/{pairwise.slug}/pairwise/", {"prompt": "1", "entry": value}),
        (f"/ideas/{world['idea'].pk}/", {"body": "A reply", "parent": value}),
    ]
    for path, data in posts:
        response = client.post(path, data)
        assert response.status_code < 500, (path, data)


def test_int_param_accepts_only_ascii_integers_in_range():
    from cocreate.core.params import MAX_ID, int_param

    assert int_param("42") == 42
    assert int_param(str(MAX_ID)) == MAX_ID
    for bad in [str(MAX_ID + 1), "0", "-3", "²", "١", "4.0", " ", None, "1" * 40]:
        assert int_param(bad) is None, bad
    assert int_param("-1", min_value=-1, max_value=1) == -1


def test_a_pairwise_survey_without_entries_explains_instead_of_failing(client):
    client.force_login(MemberFactory())
    campaign = PairwiseSettingsFactory().campaign
    response = client.get(f"/campaigns/{campaign.slug}/pairwise/")
    assert response.status_code == 200
