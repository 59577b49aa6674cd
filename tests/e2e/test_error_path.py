"""In a real browser, htmx shows a refusal that no view caught in the page's message region, and leaves the
element it targeted alone (the 200 + HX-Retarget answer of core.middleware.ApplicationErrorMiddleware)."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_htmx_refusal_lands_in_the_message_region(page, live_server, settings):
    settings.ROOT_URLCONF = "tests.core.forgetful_urls"  # the project's URLs plus views that catch nothing

    page.set_default_timeout(30_000)  # the first request imports every app's views; the machine may be busy
    page.goto(live_server.url + "/campaigns/", timeout=60_000)
    heading = page.get_by_role("heading", level=1).first
    expect(heading).to_be_visible()
    # A button like any htmx action on the site, aimed at a view whose "service" refuses with a Conflict.
    page.evaluate(
        """() => {
            const button = document.createElement("button");
            button.id = "probe";
            button.textContent = "Try it";
            button.setAttribute("hx-post", "/forgetful/conflict/");
            button.setAttribute("hx-target", "#main");
            document.querySelector("main").prepend(button);
            htmx.process(button);
        }"""
    )
    page.locator("#probe").click()

    expect(page.locator("#htmx-messages [role=alert]")).to_have_text("An idea under review cannot be withdrawn.")
    expect(heading).to_be_visible()  # #main was the target, and it was not replaced
