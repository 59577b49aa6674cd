import pytest
from django.core.cache import cache

from tests.factories import MemberFactory, PairwiseCampaignFactory, PairwiseEntryFactory, PairwiseSettingsFactory, staff


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def survey(db):
    campaign = PairwiseCampaignFactory()
    PairwiseSettingsFactory(campaign=campaign)
    entries = [PairwiseEntryFactory(campaign=campaign) for _ in range(4)]
    return {
        "campaign": campaign,
        "entries": entries,
        "member": MemberFactory(),
        "moderator": staff("moderator", campaign=campaign),
        "facilitator": staff("facilitator", campaign=campaign),
    }
