"""Under the strict Content-Security-Policy the key pages work with htmx and report no violation. (Every test using
the `page` fixture fails on a violation too; this one walks the pages where scripts matter most.)"""

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from cocreate.accounts.models import Role
from cocreate.engagement.models import Support
from cocreate.opinionmap import services as opinion_services
from tests.e2e.conftest import watch_csp
from tests.factories import (
    PASSWORD,
    IdeaFactory,
    MemberFactory,
    OpinionCampaignFactory,
    OpinionMapSettingsFactory,
    OpinionParticipantFactory,
    OpinionVoteFactory,
    PairwiseCampaignFactory,
    PairwiseEntryFactory,
    StatementFactory,
    staff,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _verified(user):
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    return user


def _sign_in(page, base, user):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_the_watch_sees_a_blocked_inline_script(browser, live_server):
    """The checks would pass vacuously if violations went unseen: an injected inline script must be caught."""
    context = browser.new_context()
    violations = watch_csp(context)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.ran = 1'; document.body.append(s); }"
    )
    page.wait_for_timeout(300)
    ran = page.evaluate("() => window.ran")
    context.close()
    assert ran is None  # the inline script did not run
    assert violations and any("script-src" in text for text in violations), violations


def test_key_pages_work_without_a_csp_violation(page, live_server):
    base = live_server.url
    page.set_default_timeout(30_000)  # a shared 2-core machine can be slow to serve the first pages
    idea = IdeaFactory(title="Shade sails over the playground")
    opinions = OpinionCampaignFactory(slug="csp-opinions")
    OpinionMapSettingsFactory(campaign=opinions, min_votes=2)
    statements = [StatementFactory(campaign=opinions, text=f"Statement number {i}") for i in range(4)]
    for i in range(6):
        participant = OpinionParticipantFactory(campaign=opinions)
        for j, statement in enumerate(statements):
            OpinionVoteFactory(participant=participant, statement=statement, value=1 if (i + j) % 2 else -1)
    opinion_services.report_compute(campaign=opinions)
    survey = PairwiseCampaignFactory(slug="csp-pairwise")
    for text in ("Benches", "Trees", "Lights"):
        PairwiseEntryFactory(campaign=survey, text=text)
    member = _verified(MemberFactory())
    facilitator = _verified(staff(Role.FACILITATOR))

    page.goto(base + "/")  # home, as a visitor
    expect(page.locator("main")).to_be_visible()
    page.goto(base + "/api/v1/docs")  # Swagger UI from this site's static files, not a CDN
    expect(page.locator("#swagger-ui .info")).to_be_visible()

    _sign_in(page, base, member)
    page.goto(base + idea.get_absolute_url())
    page.get_by_role("button", name="Support this idea").click()  # htmx swaps the support box
    expect(page.get_by_role("button", name="You support this")).to_be_visible()
    assert Support.objects.filter(idea=idea, member=member).exists()

    page.goto(base + f"/campaigns/{opinions.slug}/opinions/")
    page.get_by_role("button", name="Agree", exact=True).click()
    expect(page.locator("blockquote.opinion-statement")).to_be_visible()
    page.goto(base + f"/campaigns/{opinions.slug}/opinions/report/")
    expect(page.locator("svg.opinion-map-svg")).to_be_visible()

    page.goto(base + f"/campaigns/{survey.slug}/pairwise/")
    page.locator("#pairwise-vote button.pairwise-choice").first.click()
    expect(page.get_by_text("You have voted once.")).to_be_visible()
    page.goto(base + f"/campaigns/{survey.slug}/pairwise/results/")
    band = page.locator(".pairwise-band-range").first
    expect(band).to_be_visible()
    assert band.evaluate("el => el.style.width").endswith("%")  # placed by site.js, not a style attribute

    page.goto(base + "/accounts/logout/")
    page.locator("main form button[type=submit]").first.click()
    _sign_in(page, base, facilitator)
    page.goto(base + "/campaigns/new/")
    page.locator("#campaign-form input[name=method]").last.check()  # htmx re-shows the form for the method
    page.wait_for_load_state("networkidle")
    expect(page.locator("#campaign-form")).to_be_visible()
    # The page fixture fails this test on any Content-Security-Policy violation seen on the way.
