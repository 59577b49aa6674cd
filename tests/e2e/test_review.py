"""Review in a real browser: a reviewer scores an idea, a facilitator decides with an explanation, the idea's
timeline shows the decision and its explanation, and a supporter finds the decision among their notifications."""

import re

import pytest
from playwright.sync_api import expect

from cocreate.accounts.models import Role
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.review import services
from cocreate.review.models import Decision, Scorecard
from tests.factories import (
    PASSWORD,
    CampaignFactory,
    CriterionFactory,
    IdeaFactory,
    MemberFactory,
    SupportFactory,
    staff,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EXPLANATION = "Accepted: we will paint the first protected lane on Main Street next spring."


def _sign_in(page, base, user):
    page.context.clear_cookies()
    page.goto(base + "/accounts/login/", timeout=60_000)
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_score_decide_and_see_it_on_the_timeline(page, live_server, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "optional"  # the factories' people never received a verification email
    base = live_server.url
    page.set_default_timeout(30_000)  # the first request imports every app's views; the machine may be busy
    campaign = CampaignFactory(title="Safer cycling", slug="safer-cycling")
    impact = CriterionFactory(campaign=campaign, name="Impact", weight=3, position=0)
    feasibility = CriterionFactory(campaign=campaign, name="Feasibility", weight=1, position=1)
    facilitator = staff(Role.FACILITATOR, campaign, display_name="Fay Facilitator")
    reviewer = staff(Role.REVIEWER, campaign, display_name="Rita Reviewer")
    idea = IdeaFactory(campaign=campaign, status=IdeaStatus.THRESHOLD_REACHED, title="Protected bike lanes")
    supporter = MemberFactory(display_name="Sue Supporter")
    SupportFactory(idea=idea, member=supporter)
    services.review_enter(idea=idea, reason="threshold")
    services.review_assign(actor=facilitator, idea=idea, reviewer=reviewer)

    # 1. The reviewer finds the idea in their queue and scores it.
    _sign_in(page, base, reviewer)
    page.goto(base + "/review/mine/")
    page.get_by_role("link", name="Protected bike lanes").click()
    page.get_by_role("group", name=re.compile("Impact")).get_by_label("4").check()
    page.get_by_role("group", name=re.compile("Feasibility")).get_by_label("2").check()
    page.get_by_label("Public note (optional)").fill("Strong case; costs look fair.")
    page.get_by_role("button", name="Save scorecard").click()
    expect(page.get_by_text("Your scorecard is saved.")).to_be_visible()
    expect(page.get_by_text("3.50 / 5")).to_be_visible()
    assert Scorecard.objects.get(reviewer=reviewer).weighted_total == 3.5
    assert impact.pk and feasibility.pk

    # 2. The facilitator tries to decide without an explanation, then decides with one.
    _sign_in(page, base, facilitator)
    page.goto(base + f"/review/ideas/{idea.pk}/")
    page.get_by_label("Accepted").check()
    page.get_by_role("button", name="Decide and publish the explanation").click()
    assert not Decision.objects.exists()
    page.get_by_label("Accepted").check()
    page.get_by_label("Public explanation").fill(EXPLANATION)
    page.get_by_role("button", name="Decide and publish the explanation").click()

    # 3. The idea page's timeline tells what happened and why.
    expect(page).to_have_url(re.compile(rf"/ideas/{idea.pk}/"))
    timeline = page.locator("#timeline")
    expect(timeline.get_by_text("Strong case; costs look fair.")).to_be_visible()
    expect(timeline.locator(".timeline-decision")).to_contain_text("Accepted")
    expect(timeline.locator(".timeline-decision")).to_contain_text(EXPLANATION)
    expect(page.locator("#comments")).to_contain_text(EXPLANATION)

    # 4. The supporter hears about it in the notification centre.
    _sign_in(page, base, supporter)
    page.goto(base + "/notifications/")
    expect(page.locator("main")).to_contain_text("Protected bike lanes")
    expect(page.locator("main")).to_contain_text(re.compile("accepted", re.I))
