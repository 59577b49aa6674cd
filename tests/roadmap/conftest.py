import pytest

from cocreate.accounts.models import Role
from cocreate.ideas.lifecycle import IdeaStatus
from tests.factories import CampaignFactory, IdeaFactory, MemberFactory, RoadmapItemFactory, staff


@pytest.fixture
def campaign():
    return CampaignFactory(title="Better cafés", slug="better-cafes")


@pytest.fixture
def facilitator(campaign):
    return staff(Role.FACILITATOR, campaign, display_name="Fay Facilitator")


@pytest.fixture
def admin():
    return staff(Role.ADMIN, display_name="Ada Admin")


@pytest.fixture
def accepted_idea(campaign):
    return IdeaFactory(campaign=campaign, status=IdeaStatus.ACCEPTED, title="Refill stations for milk")


@pytest.fixture
def item(accepted_idea):
    return RoadmapItemFactory(idea=accepted_idea, title="Refill stations for milk")


@pytest.fixture
def roles(campaign):
    """Everyone who may not run the campaign's roadmap, by name."""
    other = CampaignFactory()
    return {
        "member": MemberFactory(),
        "moderator": staff(Role.MODERATOR, campaign),
        "reviewer": staff(Role.REVIEWER, campaign),
        "other_facilitator": staff(Role.FACILITATOR, other),
    }
