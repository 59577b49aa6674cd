"""A moderator merges two duplicates in a real browser; the old address leads to the target with a notice, and
members who supported both are counted once."""

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from cocreate.accounts.models import Role
from cocreate.engagement.models import Support
from cocreate.ideas.models import Idea
from tests.factories import PASSWORD, CampaignFactory, IdeaFactory, MemberFactory, SupportFactory, staff

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_moderator_merges_duplicates(page, live_server):
    campaign = CampaignFactory(title="Cut waste in our cafés", stages=[(50, 60)])
    moderator = staff(Role.MODERATOR, campaign=campaign, email="mod@example.org")
    EmailAddress.objects.create(user=moderator, email=moderator.email, verified=True, primary=True)
    target = IdeaFactory(campaign=campaign, title="Deposit on reusable cups")
    source = IdeaFactory(campaign=campaign, title="Cup deposit scheme")
    both, other = MemberFactory(), MemberFactory()
    for idea, member in [(target, both), (source, both), (source, other)]:
        SupportFactory(idea=idea, member=member)
    Idea.objects.filter(pk=target.pk).update(support_count=1)
    Idea.objects.filter(pk=source.pk).update(support_count=2)

    page.set_default_timeout(30_000)  # the first request imports every app's views; the machine may be busy
    page.goto(live_server.url + "/accounts/login/", timeout=60_000)
    page.fill("input[name=login]", moderator.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    page.goto(f"{live_server.url}/ideas/{source.pk}/")
    page.get_by_role("link", name="Merge this idea into another one").click()
    page.get_by_label("Search this campaign's ideas").fill("deposit")
    page.locator("main").get_by_role("button", name="Search").click()
    page.get_by_role("link", name=target.title).click()
    expect(page.get_by_text("of which 1 from members who already support the target")).to_be_visible()
    page.get_by_label("Why are these the same idea?").fill("Same scheme, posted twice")
    page.get_by_role("button", name="Merge the ideas").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(target.title)
    assert Idea.objects.get(pk=target.pk).support_count == 2
    assert Support.objects.filter(idea=target, member=both).count() == 1

    page.goto(f"{live_server.url}/ideas/{source.pk}/")
    assert page.url.rstrip("/").endswith(f"/ideas/{target.pk}")
    expect(page.get_by_text(f"“{source.title}” was merged into this idea.").first).to_be_visible()
    expect(page.get_by_text("2 of 50 supporters")).to_be_visible()
