"""Similar ideas in a real browser: a member starts typing an idea that already exists, sees it suggested while
typing (htmx) and supports it instead; without JavaScript, 'Check for similar ideas' shows the same suggestion."""

import pytest
from playwright.sync_api import expect

from cocreate.engagement.models import Support
from cocreate.ideas.models import Idea
from cocreate.similarity.selectors import clear_cache
from tests.factories import PASSWORD, CampaignFactory, IdeaFactory, MemberFactory, PhaseFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def community():
    clear_cache()
    campaign = CampaignFactory(title="Cut waste in our cafés", slug="cut-waste")
    PhaseFactory(campaign=campaign)
    existing = IdeaFactory(
        campaign=campaign,
        title="Discount for bringing your own cup",
        body="Take 30p off every drink served in a customer's own reusable cup.",
    )
    IdeaFactory(campaign=campaign, title="Bike racks by the door", body="Two racks so cyclists can lock their bikes.")
    member = MemberFactory()
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    yield {"campaign": campaign, "existing": existing, "member": member}
    clear_cache()


def _login(page, base, member):
    page.set_default_timeout(30_000)  # two shared cores: the first render of a page can be slow
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", member.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()


def test_typing_an_existing_idea_suggests_it_and_support_it_instead(page, live_server, community):
    campaign, existing, member = community["campaign"], community["existing"], community["member"]
    _login(page, live_server.url, member)
    page.goto(live_server.url + f"/campaigns/{campaign.slug}/submit/")
    page.get_by_label("Title").press_sequentially("Money off when you bring your own reusable cup", delay=5)
    page.get_by_label("Description").press_sequentially("A discount on every drink in a reusable cup.", delay=5)
    suggestions = page.locator("#similar-ideas")
    expect(suggestions.get_by_role("link", name=existing.title)).to_be_visible()
    expect(suggestions).to_contain_text("Gathering support")
    expect(suggestions).not_to_contain_text("Bike racks")
    ideas_before = Idea.objects.count()
    suggestions.get_by_role("button", name=f"Support “{existing.title}” instead").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(existing.title)
    expect(page.get_by_role("button", name="You support this")).to_be_visible()
    assert Support.objects.filter(idea=existing, member=member).exists()
    assert Idea.objects.count() == ideas_before


def test_without_javascript_check_for_similar_ideas(nojs_page, live_server, community):
    page = nojs_page
    campaign, existing, member = community["campaign"], community["existing"], community["member"]
    _login(page, live_server.url, member)
    page.goto(live_server.url + f"/campaigns/{campaign.slug}/submit/")
    page.get_by_label("Title").fill("Money off when you bring your own reusable cup")
    page.get_by_label("Description").fill("A discount on every drink in a reusable cup.")
    page.get_by_role("button", name="Check for similar ideas").click()
    expect(page.locator("#similar-ideas").get_by_role("link", name=existing.title)).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value("Money off when you bring your own reusable cup")


def test_other_campaigns_on_request_and_not_the_same_dismisses_while_typing(page, live_server, community):
    campaign, existing, member = community["campaign"], community["existing"], community["member"]
    other = CampaignFactory(title="Greener offices", slug="greener-offices")
    elsewhere = IdeaFactory(
        campaign=other,
        title="Money off when you bring your own cup to the office",
        body="A discount on every office coffee in a reusable cup.",
    )
    _login(page, live_server.url, member)
    page.goto(live_server.url + f"/campaigns/{campaign.slug}/submit/")
    page.get_by_label("Title").press_sequentially("Money off when you bring your own reusable cup", delay=5)
    page.get_by_label("Description").press_sequentially("A discount on every drink in a reusable cup.", delay=5)
    suggestions = page.locator("#similar-ideas")
    expect(suggestions.get_by_role("link", name=existing.title)).to_be_visible()
    expect(suggestions.get_by_role("link", name=elsewhere.title)).to_have_count(0)

    page.get_by_label("Also look for similar ideas in other campaigns").check()
    expect(suggestions.get_by_role("link", name=elsewhere.title)).to_be_visible()
    expect(suggestions).to_contain_text("in the campaign “Greener offices”")

    suggestions.get_by_role("button", name=f"“{existing.title}” is not the same idea: stop suggesting it").click()
    expect(suggestions.get_by_role("link", name=existing.title)).to_have_count(0)
    expect(suggestions.get_by_role("link", name=elsewhere.title)).to_be_visible()
    # Typing on keeps it dismissed, and nothing was submitted.
    page.get_by_label("Description").press_sequentially(" Printed on the menu.", delay=5)
    page.wait_for_load_state("networkidle")
    expect(suggestions.get_by_role("link", name=elsewhere.title)).to_be_visible()
    expect(suggestions.get_by_role("link", name=existing.title)).to_have_count(0)
    assert not Idea.objects.filter(title="Money off when you bring your own reusable cup").exists()
