"""Each campaign method's page from the demo data, in a real browser: its own call to action and panels, and none
of another method's parts (no "Submit an idea" or support ladder on an opinion map or a pairwise survey…)."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import expect

from cocreate.campaigns.models import Campaign
from cocreate.demo.builder import DEMO_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

IDEA_PARTS = ["Submit an idea", "Support ladder", "Our promise"]
# method key: (the call to action, what else the page must show, parts of other methods it must not show)
EXPECTED = {
    "idea_challenge": ("Submit an idea", ["Support ladder", "Our promise"], ["Vote on statements", "Start voting"]),
    "design_contest": ("Submit a design", ["Support ladder", "Designs"], ["Submit an idea", "Vote on statements"]),
    "naming_contest": ("Submit an entry", ["Entries", "Up to 3 entries"], ["Submit an idea", "Start voting"]),
    "pairwise": ("Start voting", ["Leading so far", "See the results"], [*IDEA_PARTS, "Vote on statements"]),
    "opinion_map": ("Vote on statements", ["See the opinion map", "Group A"], [*IDEA_PARTS, "Start voting"]),
}


@pytest.fixture
def demo(tmp_path):
    settings = override_settings(
        MEDIA_ROOT=tmp_path,
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
    )
    with settings:
        call_command("seed_demo", "--members", "25", "--ideas", "40", stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield
    from cocreate.search import index

    index.rebuild()  # the full-text table is no model's: leave it empty like the flushed tables


def test_each_method_page_shows_its_own_call_to_action_and_no_foreign_parts(page, live_server, demo):
    base = live_server.url
    page.goto(base + "/accounts/login/", timeout=60_000)
    page.fill("input[name=login]", "member@cocreate.example")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    campaigns = {c.method: c for c in Campaign.objects.all()}
    assert set(campaigns) == set(EXPECTED), "the demo has one campaign of every method"

    for key, (action, shown, foreign) in EXPECTED.items():
        page.goto(base + campaigns[key].get_absolute_url())
        hero = page.locator(".campaign-cta")
        expect(hero.get_by_role("button", name=action, exact=True)).to_be_visible()
        main = page.locator("main")
        for text in shown:
            expect(main.get_by_text(text, exact=False).first).to_be_visible()
        for text in foreign:
            expect(main.get_by_text(text, exact=False)).to_have_count(0)
    # the card list names each method's contributions in its words
    page.goto(base + "/")
    for words in ("votes", "statements", "entries", "designs", "ideas"):
        expect(page.locator(".campaign-counts", has_text=words).first).to_be_visible()
