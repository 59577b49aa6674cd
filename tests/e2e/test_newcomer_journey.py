"""The newcomer journey in a real browser (Debian's Chromium): browse, sign up and verify, accept the terms,
submit an idea with an image, revise it, support another idea with and without JavaScript, comment, post an update."""

import re

import pytest
from django.core import mail
from PIL import Image
from playwright.sync_api import expect

from cocreate.engagement.models import Comment, Support
from cocreate.ideas.models import Idea
from tests.factories import AgreementFactory, CampaignFactory, CommentFactory, IdeaFactory, MemberFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-and-unusual-passphrase-42"


@pytest.fixture
def community():
    agreement = AgreementFactory(title="Contributor agreement", body="You keep your copyright; we may use your idea.")
    campaign = CampaignFactory(
        title="Cut waste in our cafés",
        slug="cut-waste",
        goal="Halve packaging waste by 2027.",
        brief="We serve two million cups a week. **How do we cut the waste?**",
        stages=[(3, 60), (10, 365)],
    )
    other = IdeaFactory(
        campaign=campaign,
        title="Refill stations for milk",
        body="Replace single-use milk portions with refill stations at every counter.",
        tags=["milk"],
    )
    CommentFactory(idea=other, body="Would staff need to clean them hourly?", alignment="question")
    return {"agreement": agreement, "campaign": campaign, "other": other}


def _png(tmp_path):
    path = tmp_path / "cup.png"
    Image.new("RGB", (320, 240), (30, 120, 90)).save(path)
    return str(path)


def test_newcomer_journey(page, live_server, community, tmp_path):
    base = live_server.url
    campaign, other = community["campaign"], community["other"]

    # 1. A visitor browses campaigns and ideas, sorts, and reads an idea with its comments.
    page.goto(base + "/")
    page.get_by_role("link", name=campaign.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(campaign.title)
    page.get_by_role("link", name="Most supported").first.click()
    page.get_by_role("link", name=other.title).first.click()
    expect(page.get_by_text("Would staff need to clean them hourly?")).to_be_visible()
    expect(page.get_by_text("0 of 3 supporters")).to_be_visible()

    # 2. They sign up with email and password and verify their address from the email.
    page.goto(base + "/accounts/signup/")
    page.fill("input[name=email]", "newcomer@example.org")
    page.fill("input[name=display_name]", "Nia Newcomer")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page.get_by_text(re.compile("verif", re.I)).first).to_be_visible()
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mail.outbox[0].body).group(0)
    page.goto(base + link[link.index("/accounts/") :])
    page.locator("main form button[type=submit]").first.click()
    expect(page.get_by_text("Nia Newcomer").first).to_be_visible()

    # 3. Their first contribution asks for the contributor agreement, then the idea goes in with an image.
    page.goto(base + f"/campaigns/{campaign.slug}/submit/")
    expect(page).to_have_url(re.compile(r"/terms/accept/"))
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(rf"/campaigns/{campaign.slug}/submit/"))
    page.fill("input[name=title]", "Deposit scheme for reusable cups")
    page.fill("textarea[name=body]", "Charge a **one euro** deposit on a reusable cup, refunded at any café.")
    page.fill("input[name=tags]", "cups, deposit")
    page.set_input_files("input[name=images]", _png(tmp_path))
    page.get_by_role("button", name=re.compile("Publish idea")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Deposit scheme for reusable cups")
    expect(page.locator(".gallery img")).to_have_count(1)
    mine = Idea.objects.get(title="Deposit scheme for reusable cups")
    assert mine.status == "published"

    # Revising the published idea keeps a revision, shown as a diff.
    page.get_by_role("button", name="Edit").click()
    page.fill("textarea[name=body]", "Charge a **one euro** deposit on a sturdy reusable cup, refunded at any café.")
    page.fill("input[name=note]", "Sturdier cups")
    page.get_by_role("button", name="Save changes").click()
    page.get_by_role("link", name=re.compile("revised 1 time")).click()
    expect(page.locator("ins").first).to_have_text(re.compile("sturdy"))

    # 6. The author posts an update.
    page.goto(base + mine.get_absolute_url())
    page.get_by_role("button", name="Post an update").click()
    page.fill("input[name=title]", "Pilot in two cafés")
    page.fill("textarea[name=body]", "We start a pilot in two cafés next month.")
    page.get_by_role("button", name="Post update").click()
    expect(page.get_by_text("Pilot in two cafés", exact=True)).to_be_visible()

    # 4. They support another idea without a page reload (htmx), and the progress moves.
    page.goto(base + other.get_absolute_url())
    page.evaluate("window.__same_page = true")
    page.get_by_role("button", name="Support this idea").click()
    expect(page.get_by_text("1 of 3 supporters")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("You support this"))).to_be_visible()
    assert page.evaluate("window.__same_page") is True  # no reload happened
    assert Support.objects.filter(idea=other).count() == 1

    # 5. They comment with an alignment.
    page.get_by_label("Suggestion").check()
    page.get_by_label("Your comment", exact=True).fill("Offer a loyalty stamp for every refill.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_text("Offer a loyalty stamp for every refill.")).to_be_visible()
    assert Comment.objects.filter(idea=other, alignment="suggestion").count() == 1


def test_support_works_without_javascript(nojs_page, live_server, community):
    member = MemberFactory(email="plain@example.org")
    member.set_password(PASSWORD)
    member.save()
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    page, other = nojs_page, community["other"]

    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", member.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.goto(live_server.url + other.get_absolute_url())
    page.get_by_role("button", name="Support this idea").click()

    expect(page.get_by_text("1 of 3 supporters")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("You support this"))).to_be_visible()
    assert Support.objects.filter(idea=other, member=member).count() == 1
