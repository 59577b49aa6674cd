"""A member votes on pairs in a real browser (with htmx, and without JavaScript), adds an entry, and the results
page shows the ranking with its bands."""

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from cocreate.pairwise.models import PairwiseEntry, PairwiseVote
from tests.factories import PASSWORD, MemberFactory, PairwiseCampaignFactory, PairwiseEntryFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def survey():
    campaign = PairwiseCampaignFactory(title="Which café improvement first?", slug="cafe-first")
    for text in ["Faster queue", "Plant-based menu", "Quiet corner", "Longer hours", "Power sockets"]:
        PairwiseEntryFactory(campaign=campaign, text=text)
    member = MemberFactory(email="sam@example.org")
    # Sign-in needs a verified address (verification is mandatory), as for every member of the demo.
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    return campaign, member


def _sign_in(page, base, member):
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(member.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def _vote_buttons(page):
    return page.locator("#pairwise-vote button.pairwise-choice")


def test_member_votes_adds_an_entry_and_reads_the_results(page, nojs_page, live_server, survey):
    campaign, member = survey
    base = live_server.url
    for tab in (page, nojs_page):
        tab.set_default_timeout(30_000)  # a shared 2-core machine can be slow to serve the first pages
    _sign_in(page, base, member)
    page.goto(base + campaign.get_absolute_url())
    page.get_by_role("button", name="Start voting").click()

    # With htmx: each vote swaps in the next pair without a page load.
    for count in range(1, 4):
        _vote_buttons(page).first.click()
        expect(
            page.get_by_text("You have voted once." if count == 1 else f"You have voted {count} times.")
        ).to_be_visible()
    page.get_by_text("I can't decide").click()
    page.get_by_label("Why can't you decide?").select_option("both_good")
    page.get_by_role("button", name="Skip this pair").click()
    expect(page.get_by_text("You have voted 4 times")).to_be_visible()
    assert PairwiseVote.objects.filter(voter=member).count() == 4
    assert PairwiseVote.objects.filter(voter=member, reason="both_good").count() == 1

    # They add their own entry: it waits for a moderator.
    page.get_by_label("Your own answer").fill("Compost the coffee grounds")
    page.get_by_role("button", name="Add entry").click()
    expect(page.get_by_text("Your entry will appear once a moderator approves it")).to_be_visible()
    assert PairwiseEntry.objects.get(text="Compost the coffee grounds").status == "pending"

    # Without JavaScript the same form posts and redirects to the next pair.
    _sign_in(nojs_page, base, member)
    nojs_page.goto(base + f"/campaigns/{campaign.slug}/pairwise/")
    nojs_page.locator("#pairwise-vote button.pairwise-choice").last.click()
    expect(nojs_page.get_by_text("your vote is counted")).to_be_visible()
    assert PairwiseVote.objects.filter(voter=member).count() == 5

    # The results: a ranking with bands drawn and said in words, and comparison counts.
    page.get_by_role("link", name="See the results so far").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Results")
    table = page.locator("table.pairwise-results")
    expect(table.locator("tbody tr")).to_have_count(5)
    expect(table.locator(".pairwise-band-range").first).to_be_visible()
    expect(table.get_by_text("likely between").first).to_be_visible()
    expect(table.get_by_text("comparison").first).to_be_visible()
