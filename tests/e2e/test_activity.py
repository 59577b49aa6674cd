"""The activity log in a real browser on a 390 px phone: an admin signs in (which is logged), opens the log from the
menu, filters it, and nothing runs off the side of the screen; a visitor reads the public log."""

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from cocreate.accounts.models import Role
from cocreate.activity.models import Verb
from cocreate.activity.services import activity_record
from tests.factories import PASSWORD, IdeaFactory, staff

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _fits(page) -> bool:
    """Nothing in the page's main content reaches past the right edge (the site header is the layout's business)."""
    return page.evaluate(
        "() => [...document.querySelectorAll('main *')].every(e => e.getBoundingClientRect().right <= innerWidth + 1)"
    )


def test_staff_and_public_log_on_a_phone(browser, live_server):
    admin = staff(Role.ADMIN, display_name="Ada Admin")
    EmailAddress.objects.create(user=admin, email=admin.email, verified=True, primary=True)
    idea = IdeaFactory(title="A very long idea title about refill stations for milk in every café of the town")
    activity_record(
        actor=admin,
        verb=Verb.MODERATION_HIDE,
        target=idea,
        details={"kind": "idea", "reason": "Advertising a commercial product, with a long explanation."},
    )
    base = live_server.url
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(20_000)

    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", admin.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.locator(".site-menu > summary").click()  # on a phone the header is folded into the Menu
    page.locator("details.dropdown summary").click()
    page.get_by_role("link", name="Activity log").click()

    expect(page.get_by_role("heading", name="Activity log")).to_be_visible()
    log = page.locator("table.activity-log")
    expect(log.get_by_text("Signed in").first).to_be_visible()  # the sign-in a moment ago
    assert _fits(page)
    page.get_by_label("What").select_option(Verb.MODERATION_HIDE.value)
    page.get_by_role("button", name="Filter").click()
    expect(log.get_by_text("Advertising a commercial product").first).to_be_visible()
    expect(log.get_by_text("Signed in")).to_have_count(0)
    assert _fits(page)
    context.close()

    visitor = browser.new_context(viewport=PHONE)
    page = visitor.new_page()
    page.goto(base + "/activity/")
    expect(page.get_by_text("Advertising a commercial product").first).to_be_visible()
    expect(page.get_by_text("Ada Admin")).to_have_count(0)
    assert _fits(page)
    visitor.close()
