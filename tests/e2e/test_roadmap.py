"""The roadmap in a real browser: a facilitator moves an accepted idea's item to in progress with a note and
publishes a release; a visitor then sees it shipped, with the idea's author and co-author credited by name."""

import re

import pytest
from playwright.sync_api import expect

from cocreate.accounts.models import Role
from cocreate.ideas.lifecycle import IdeaStatus
from tests.factories import PASSWORD, CampaignFactory, IdeaFactory, MemberFactory, RoadmapItemFactory, staff

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_facilitator_ships_and_visitor_sees_the_credit(page, browser, live_server):
    base = live_server.url
    page.set_default_timeout(60_000)  # two cores shared by many processes: be patient, not flaky
    campaign = CampaignFactory(title="Cut waste in our cafés", slug="cut-waste")
    author = MemberFactory(display_name="Nia Newcomer")
    coauthor = MemberFactory(display_name="Omar Oak")
    idea = IdeaFactory(campaign=campaign, author=author, status=IdeaStatus.ACCEPTED, title="Deposit scheme for cups")
    idea.coauthors.set([coauthor])
    item = RoadmapItemFactory(idea=idea, title="Deposit scheme for cups")
    facilitator = staff(Role.FACILITATOR, campaign, email="fay@example.org", display_name="Fay Facilitator")
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=facilitator, email=facilitator.email, verified=True, primary=True)

    # The facilitator signs in and moves the item to in progress, with a note for the public.
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", facilitator.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    expect(page.get_by_text("Fay Facilitator").first).to_be_visible()
    page.goto(base + item.get_absolute_url())
    page.get_by_label("Status").select_option("in_progress")
    page.get_by_label("Progress (percent)").fill("60")
    page.get_by_label("Note for the public").fill("Ten cafés are testing the deposit.")
    page.get_by_role("button", name="Update the roadmap").click()
    expect(page.get_by_text("60% done").first).to_be_visible()
    expect(page.get_by_text("Ten cafés are testing the deposit.")).to_be_visible()

    # They create a release with the item and publish it.
    page.goto(base + "/roadmap/")
    page.get_by_text("Staff tools").click()
    page.get_by_role("link", name="New release").first.click()
    page.get_by_label("Title").fill("Spring for the planet")
    page.get_by_label("Version").fill("2027.1")
    page.get_by_label(re.compile("Deposit scheme for cups")).check()
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft: not public yet")).to_be_visible()
    page.get_by_role("button", name="Publish the release").click()
    expect(page.get_by_text("The release is published")).to_be_visible()

    # A visitor sees the item shipped on the roadmap and the co-creators credited on the release.
    visitor = browser.new_context().new_page()
    visitor.set_default_timeout(60_000)
    visitor.goto(base + "/roadmap/")
    shipped = visitor.locator(".roadmap-column-shipped")
    expect(shipped.get_by_role("link", name="Deposit scheme for cups")).to_be_visible()
    expect(shipped.get_by_text("100% done")).to_be_visible()
    shipped.get_by_role("link", name="release 2027.1").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Spring for the planet")
    credits = visitor.locator(".release-credits")
    expect(credits.get_by_role("link", name="Nia Newcomer")).to_have_attribute(
        "href", f"/accounts/members/{author.pk}/"
    )
    expect(credits.get_by_role("link", name="Omar Oak")).to_be_visible()
    visitor.context.close()
