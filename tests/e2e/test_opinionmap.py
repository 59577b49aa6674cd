"""A member takes part in an opinion map in a real browser: votes agree / disagree / pass with htmx and without
JavaScript, submits a statement, and sees the map with its groups."""

import pytest
from playwright.sync_api import expect

from cocreate.opinionmap import services
from cocreate.opinionmap.models import Statement, Vote
from tests.factories import (
    PASSWORD,
    MemberFactory,
    OpinionCampaignFactory,
    OpinionMapSettingsFactory,
    OpinionParticipantFactory,
    OpinionVoteFactory,
    StatementFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


TEXTS = ["Bike lanes must be separated.", "Cars should keep their lanes.", "Helmets should be mandatory."]


def _card_text(page) -> str:
    """The statement on the vote card."""
    card = page.locator("blockquote.opinion-statement")
    expect(card).to_have_count(1)
    return card.inner_text().strip()


@pytest.fixture
def conversation():
    campaign = OpinionCampaignFactory(title="Cycling in our city", slug="cycling-opinions")
    OpinionMapSettingsFactory(campaign=campaign, statement_moderation="post", recompute_seconds=1, min_votes=3)
    statements = [StatementFactory(campaign=campaign, text=t) for t in TEXTS]
    for i in range(20):  # two camps, so the map has groups
        participant = OpinionParticipantFactory(campaign=campaign)
        for j, s in enumerate(statements):
            OpinionVoteFactory(participant=participant, statement=s, value=(1 if (i % 2) == (j % 2) else -1))
    services.report_compute(campaign=campaign)
    return campaign


def _verified_member():
    from allauth.account.models import EmailAddress

    member = MemberFactory()
    EmailAddress.objects.update_or_create(user=member, email=member.email, defaults={"verified": True, "primary": True})
    return member


def _login(page, base, member):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", member.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_member_votes_submits_and_sees_the_map(page, nojs_page, live_server, conversation):
    base = live_server.url
    for p in (page, nojs_page):  # the shared 2-core machine can be slow to serve the first pages
        p.set_default_timeout(30_000)
    member = _verified_member()
    _login(page, base, member)
    page.goto(base + conversation.get_absolute_url())
    page.get_by_role("button", name="Vote on statements").click()
    # the order is drawn by Pol.is's priority (selectors.next_statement): each vote brings one not yet answered
    first = _card_text(page)
    page.get_by_role("button", name="Agree", exact=True).click()  # htmx swaps the card
    expect(page.locator("blockquote.opinion-statement", has_text=first)).to_have_count(0)
    second = _card_text(page)
    page.get_by_role("button", name="Disagree", exact=True).click()
    (last,) = set(TEXTS) - {first, second}
    expect(page.locator("blockquote.opinion-statement")).to_have_text(last)

    page.get_by_label("Your statement").fill("Parking should move underground.")
    page.get_by_role("button", name="Submit statement").click()
    expect(page.get_by_text("your statement is shown")).to_be_visible()
    assert Statement.objects.filter(text="Parking should move underground.", moderation=1).exists()

    # Without JavaScript the same form still works (plain POST and redirect).
    _login(nojs_page, base, member)
    nojs_page.goto(base + f"/campaigns/{conversation.slug}/opinions/")
    remaining = {last, "Parking should move underground."}  # a new statement may come first: it gets its chance
    shown = _card_text(nojs_page)
    assert shown in remaining
    nojs_page.get_by_role("button", name="Pass / unsure").click()
    (other,) = remaining - {shown}
    expect(nojs_page.locator("blockquote.opinion-statement")).to_have_text(other)
    assert sorted(Vote.objects.filter(participant__user=member).values_list("value", flat=True)) == [-1, 0, 1]

    services.report_compute(campaign=conversation)
    page.goto(base + f"/campaigns/{conversation.slug}/opinions/report/")
    expect(page.locator("svg.opinion-map-svg")).to_be_visible()
    expect(page.get_by_text("Group A").first).to_be_visible()
    expect(page.get_by_text("Group B").first).to_be_visible()
    expect(page.get_by_role("link", name="Export as CSV")).to_be_visible()


def test_facilitator_opens_the_map_to_visitors_and_recomputes_it(page, nojs_page, live_server, conversation):
    """The settings page in a browser: anonymous participation switched on, then a visitor without an account
    votes (no JavaScript needed); "Recompute now" recomputes from scratch."""
    from tests.factories import staff

    base = live_server.url
    for p in (page, nojs_page):
        p.set_default_timeout(30_000)
    facilitator = staff("facilitator", campaign=conversation)
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=facilitator, email=facilitator.email, verified=True, primary=True)
    _login(page, base, facilitator)
    page.goto(base + f"/campaigns/{conversation.slug}/opinions/report/")
    page.get_by_role("link", name="Settings").click()
    page.get_by_label("Anonymous participants").check()
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Settings saved.")).to_be_visible()
    page.get_by_role("button", name="Recompute now").click()
    expect(page.get_by_text("The map was recomputed from 60 votes")).to_be_visible()
    expect(page.get_by_text("(from scratch)")).to_be_visible()

    before = Vote.objects.count()
    nojs_page.goto(base + f"/campaigns/{conversation.slug}/opinions/")
    expect(nojs_page.get_by_text("You take part anonymously")).to_be_visible()
    first = _card_text(nojs_page)
    nojs_page.get_by_role("button", name="Agree", exact=True).click()
    expect(nojs_page.locator("blockquote.opinion-statement", has_text=first)).to_have_count(0)
    assert _card_text(nojs_page) in TEXTS
    newest = Vote.objects.latest("pk")
    assert Vote.objects.count() == before + 1 and newest.participant.user is None and newest.value == 1
