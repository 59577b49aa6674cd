import pytest

from cocreate.similarity import selectors
from tests.factories import CampaignFactory, IdeaFactory

IDEAS = [
    ("Discount for bringing your own cup", "Take 30p off every drink served in a customer's own reusable cup."),
    ("Bike parking outside every café", "There is nowhere to lock a bike. Two or three racks by the door would help."),
    ("Let dogs into the cafés", "Allow dogs in part of each café, with a water bowl by the door for them."),
    ("Quiet hours for remote workers", "Turn the music down in the morning so people working on laptops can focus."),
    ("Compostable packaging for sandwiches", "Replace the plastic sandwich wedges with a single compostable wrap."),
    ("Oat milk at the same price as dairy", "Drop the 40p surcharge on plant milks, it nudges people towards dairy."),
    ("Solar panels on the roofs", "Put solar panels on the cafés we own to power the espresso machines."),
    ("A community noticeboard", "A board for local events, lost cats and choir rehearsals in every café."),
    ("Larger tables for study groups", "Students meet here but all tables seat two. One big shared table please."),
    ("Publish a yearly waste report", "Publish landfill, recycling and compost figures for each café every year."),
]


@pytest.fixture(autouse=True)
def _fresh_index():
    selectors.clear_cache()
    yield
    selectors.clear_cache()


@pytest.fixture
def cafe(db):
    campaign = CampaignFactory(title="Better cafés", slug="better-cafes")
    ideas = [IdeaFactory(campaign=campaign, title=t, body=b) for t, b in IDEAS]
    return campaign, ideas
