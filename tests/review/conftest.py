import pytest

from cocreate.accounts.models import Role
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.review.models import EntryReason
from cocreate.review.services import review_enter
from tests.factories import CampaignFactory, CriterionFactory, IdeaFactory, MemberFactory, staff


@pytest.fixture
def campaign():
    c = CampaignFactory(title="Safer cycling")
    CriterionFactory(campaign=c, name="Impact", weight=3, position=0)
    CriterionFactory(campaign=c, name="Feasibility", weight=1, position=1)
    return c


@pytest.fixture
def facilitator(campaign):
    return staff(Role.FACILITATOR, campaign, display_name="Fay Facilitator")


@pytest.fixture
def reviewer(campaign):
    return staff(Role.REVIEWER, campaign, display_name="Rita Reviewer")


@pytest.fixture
def reviewer2(campaign):
    return staff(Role.REVIEWER, campaign, display_name="Rob Reviewer")


@pytest.fixture
def moderator(campaign):
    return staff(Role.MODERATOR, campaign, display_name="Mo Moderator")


@pytest.fixture
def admin():
    return staff(Role.ADMIN, None, display_name="Ada Admin")


@pytest.fixture
def member():
    return MemberFactory(display_name="Mel Member")


@pytest.fixture
def author():
    return MemberFactory(display_name="Ann Author")


@pytest.fixture
def idea(campaign, author):
    """An idea that reached its threshold and waits in the queue."""
    i = IdeaFactory(campaign=campaign, author=author, status=IdeaStatus.THRESHOLD_REACHED, title="Protected bike lanes")
    review_enter(idea=i, reason=EntryReason.THRESHOLD)
    return i
