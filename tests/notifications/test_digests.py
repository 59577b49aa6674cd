"""Digests: one email per member per period, with what happened before the period began; never twice."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail

from cocreate.notifications.models import Notification
from cocreate.notifications.services import notifications_send_digests, period_start
from tests.factories import MemberFactory, NotificationFactory

pytestmark = pytest.mark.django_db

# A Wednesday, 09:00 UTC.
NOW = datetime(2030, 5, 15, 9, 0, tzinfo=UTC)


def _at(notification, when):
    Notification.objects.filter(pk=notification.pk).update(created_at=when)


def test_daily_digest_groups_yesterday_per_member_and_sends_once():
    ana, ben = MemberFactory(), MemberFactory()
    for _ in range(3):
        _at(NotificationFactory(recipient=ana, email_delivery="daily"), NOW - timedelta(days=1))
    _at(NotificationFactory(recipient=ben, email_delivery="daily"), NOW - timedelta(hours=20))
    today = NotificationFactory(recipient=ana, email_delivery="daily")
    _at(today, NOW - timedelta(hours=1))  # today's news waits for tomorrow's digest
    _at(NotificationFactory(recipient=ana, email_delivery="in_app"), NOW - timedelta(days=1))

    counts = notifications_send_digests(now=NOW)

    assert counts == {"daily": 2, "weekly": 0, "notifications": 4}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([ana.email, ben.email])
    ana_mail = next(m for m in mail.outbox if m.to == [ana.email])
    assert "daily summary: 3" in ana_mail.subject
    assert ana_mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Notification.objects.get(pk=today.pk).emailed_at is None

    assert notifications_send_digests(now=NOW) == {"daily": 0, "weekly": 0, "notifications": 0}
    assert len(mail.outbox) == 2


def test_weekly_digest_waits_for_the_week_to_end():
    member = MemberFactory()
    last_week = NotificationFactory(recipient=member, email_delivery="weekly")
    _at(last_week, NOW - timedelta(days=4))  # the Saturday before
    this_week = NotificationFactory(recipient=member, email_delivery="weekly")
    _at(this_week, NOW - timedelta(days=1))  # Tuesday of this week

    counts = notifications_send_digests(now=NOW)

    assert counts == {"daily": 0, "weekly": 1, "notifications": 1}
    assert "weekly summary: 1" in mail.outbox[0].subject
    assert Notification.objects.get(pk=this_week.pk).emailed_at is None
    assert notifications_send_digests(now=NOW + timedelta(days=5))["weekly"] == 1  # next Monday


def test_empty_digests_are_not_sent():
    MemberFactory()
    NotificationFactory(email_delivery="in_app")
    assert notifications_send_digests(now=NOW) == {"daily": 0, "weekly": 0, "notifications": 0}
    assert mail.outbox == []


def test_period_follows_the_members_time_zone():
    start = period_start(NOW, "daily", "Pacific/Auckland")  # 21:00 on 15 May there
    assert start.isoformat() == "2030-05-15T00:00:00+12:00"
    assert period_start(NOW, "weekly", "").isoformat() == "2030-05-13T00:00:00+00:00"
    assert period_start(NOW, "daily", "Not/AZone").isoformat() == "2030-05-15T00:00:00+00:00"
