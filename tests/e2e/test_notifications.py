"""A member sees the unread count in the header, opens the notification centre and marks everything read
(with htmx, and without JavaScript), then follows a notification to its idea."""

import pytest
from playwright.sync_api import expect

from cocreate.notifications.models import Notification
from tests.factories import PASSWORD, AgreementFactory, IdeaFactory, MemberFactory, NotificationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _member(email):
    from allauth.account.models import EmailAddress

    AgreementFactory()
    member = MemberFactory(email=email)
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    return member


def _sign_in(page, base, member):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", member.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()


def test_member_reads_notifications(page, live_server):
    member = _member("reader@example.org")
    idea = IdeaFactory(title="Refill stations for milk")
    NotificationFactory(recipient=member, idea=idea, kind="decision", data={"to": "accepted", "explanation": "Yes!"})
    NotificationFactory.create_batch(2, recipient=member)

    _sign_in(page, live_server.url, member)
    link = page.locator("#notification-link")
    expect(link.locator(".unread-count")).to_have_text("3")
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    expect(page.get_by_text("3 unread notifications")).to_be_visible()
    expect(page.get_by_role("link", name="Decision on “Refill stations for milk”: Accepted.")).to_be_visible()

    page.get_by_role("button", name="Mark all as read").click()  # htmx: the list and the header update in place
    expect(page.get_by_text("0 unread notifications")).to_be_visible()
    expect(page.locator("#notification-link .unread-count")).to_have_count(0)
    assert not Notification.objects.filter(recipient=member, read_at__isnull=True).exists()

    page.get_by_role("link", name="Decision on “Refill stations for milk”: Accepted.").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Refill stations for milk")


def test_mark_all_read_without_javascript(nojs_page, live_server):
    member = _member("plain-reader@example.org")
    NotificationFactory.create_batch(2, recipient=member)
    _sign_in(nojs_page, live_server.url, member)
    nojs_page.goto(live_server.url + "/notifications/")
    expect(nojs_page.locator("#notification-link .unread-count")).to_have_text("2")
    nojs_page.get_by_role("button", name="Mark all as read").click()
    expect(nojs_page.get_by_text("All notifications are marked as read.")).to_be_visible()
    expect(nojs_page.locator("#notification-link .unread-count")).to_have_count(0)
