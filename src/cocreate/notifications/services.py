"""Writes about notifications: the fan-out of one event, emails (immediate and digests), reading, preferences
and unsubscribing. Notifications publish no domain events: they are the end of the line."""

from __future__ import annotations

import logging
import zoneinfo
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from typing import Any

from django.core.mail import get_connection
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.accounts.models import User
from cocreate.core.errors import ApplicationError
from cocreate.core.permissions import require_perm

from . import emails
from .kinds import DEFAULT_DELIVERY, DIGEST_DELIVERIES, EMAIL_DELIVERIES, Delivery, Kind
from .models import Notification, NotificationPreference
from .recipients import PLANNERS, Plan

logger = logging.getLogger(__name__)

CHUNK = 500  # recipients per query and per bulk insert
EMAIL_BATCH = 200  # emails claimed and sent per connection


def _chunks(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# ---- fan-out -------------------------------------------------------------------------------------------


def notifications_deliver(*, event: str, event_key: str, params: dict[str, Any]) -> dict[str, int]:
    """Compute who hears about `event`, create their notifications and send the immediate emails.

    Idempotent: the unique (recipient, event_key) makes a second run create nothing, and each email is claimed
    (emailed_at set) before it is sent, so none goes out twice."""
    plan = PLANNERS[event](params)
    created = notifications_create(plan=plan, event_key=event_key)
    sent = notifications_send_immediate(event_key=event_key)
    return {"recipients": len(plan.recipients), "created": created, "emailed": sent}


def notifications_create(*, plan: Plan, event_key: str) -> int:
    """Bulk-create one notification per recipient (never the actor), honouring each member's choice per kind."""
    recipients = {pk: kind for pk, kind in plan.recipients.items() if pk != plan.actor_id}
    ids = sorted(recipients)
    created = 0
    for chunk in _chunks(ids, CHUNK):
        active = set(User.objects.filter(pk__in=chunk, is_active=True).values_list("pk", flat=True))
        chosen = {
            (member_id, kind): delivery
            for member_id, kind, delivery in NotificationPreference.objects.filter(member_id__in=chunk).values_list(
                "member_id", "kind", "delivery"
            )
        }
        rows = []
        for member_id in chunk:
            if member_id not in active:
                continue
            kind = recipients[member_id]
            delivery = chosen.get((member_id, kind), DEFAULT_DELIVERY[kind])
            if delivery == Delivery.OFF:
                continue
            rows.append(
                Notification(
                    recipient_id=member_id,
                    kind=kind,
                    event_key=event_key,
                    actor_id=plan.actor_id,
                    idea_id=plan.idea_id,
                    target_url=plan.target_url,
                    data=plan.data,
                    email_delivery=delivery,
                )
            )
        with transaction.atomic():
            before = Notification.objects.filter(event_key=event_key, recipient_id__in=chunk).count()
            Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=CHUNK)
            created += Notification.objects.filter(event_key=event_key, recipient_id__in=chunk).count() - before
    return created


def _claim(queryset: QuerySet[Notification], limit: int, now: datetime) -> list[int]:
    """Mark up to `limit` unsent notifications as emailed and return their ids. Rows another worker holds are
    skipped (PostgreSQL); SQLite serialises writers, and the emailed_at filter on the update makes the claim exact."""
    with transaction.atomic():
        ids = list(queryset.select_for_update(skip_locked=True).values_list("pk", flat=True)[:limit])
        if ids:
            Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).update(emailed_at=now)
    return ids


def _unclaim(ids: list[int]) -> None:
    Notification.objects.filter(pk__in=ids).update(emailed_at=None)


def notifications_send_immediate(*, event_key: str) -> int:
    """Send the immediate emails of one event in batches, each claimed first so a retry never sends twice."""
    pending = Notification.objects.filter(
        event_key=event_key, email_delivery=Delivery.IMMEDIATE, emailed_at__isnull=True
    ).order_by("pk")
    sent = 0
    while True:
        ids = _claim(pending, EMAIL_BATCH, timezone.now())
        if not ids:
            return sent
        batch = Notification.objects.filter(pk__in=ids).select_related("recipient", "idea", "actor").order_by("pk")
        try:
            messages = [emails.immediate_email(n) for n in batch]
            get_connection().send_messages(messages)
        except Exception:
            _unclaim(ids)  # the next retry sends them
            raise
        sent += len(messages)


# ---- digests ---------------------------------------------------------------------------------------------


def period_start(now: datetime, delivery: str, tz_name: str = "") -> datetime:
    """The start of the member's current day (daily) or week, Monday (weekly), in their time zone."""
    try:
        tz = zoneinfo.ZoneInfo(tz_name) if tz_name else timezone.get_default_timezone()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        tz = timezone.get_default_timezone()
    local = now.astimezone(tz)
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    if delivery == Delivery.WEEKLY:
        start -= timedelta(days=local.weekday())
    return start


def notifications_send_digests(*, now: datetime | None = None) -> dict[str, int]:
    """Periodic job: one email per member per period with everything chosen for that digest that happened before
    the period began (yesterday for daily, last week for weekly). Claimed before sending: never twice; a member
    with nothing pending gets nothing."""
    now = now or timezone.now()
    counts = {"daily": 0, "weekly": 0, "notifications": 0}
    for delivery in (Delivery.DAILY, Delivery.WEEKLY):
        pending = Notification.objects.filter(email_delivery=delivery, emailed_at__isnull=True)
        member_ids = sorted(set(pending.values_list("recipient_id", flat=True)))
        for member in User.objects.filter(pk__in=member_ids, is_active=True).order_by("pk"):
            cutoff = period_start(now, delivery, member.time_zone)
            ids = _claim(pending.filter(recipient=member, created_at__lt=cutoff).order_by("pk"), 1000, now)
            if not ids:
                continue
            items = list(
                Notification.objects.filter(pk__in=ids).select_related("idea", "actor").order_by("created_at", "pk")
            )
            try:
                emails.digest_email(member, items, str(delivery)).send()
            except Exception:
                _unclaim(ids)
                logger.exception("Digest for member %s failed", member.pk)
                continue
            counts[str(delivery)] += 1
            counts["notifications"] += len(items)
    return counts


# ---- reading -------------------------------------------------------------------------------------------


def notification_mark_read(*, actor: User, notification: Notification) -> Notification:
    """Mark one of the actor's notifications read (no-op when it already is)."""
    require_perm(actor, "notifications.manage", notification)
    if notification.read_at is None:
        with transaction.atomic():
            notification.read_at = timezone.now()
            Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
    return notification


def notifications_mark_all_read(*, actor: User) -> int:
    """Mark every unread notification of the actor read; returns how many changed."""
    require_perm(actor, "notifications.use")
    with transaction.atomic():
        return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=timezone.now())


# ---- preferences -----------------------------------------------------------------------------------------


def preferences_update(*, actor: User, choices: dict[str, str]) -> dict[str, str]:
    """Set the actor's delivery per kind. Pending digest emails of a kind no longer emailed are dropped (they
    stay in the notification centre); defaults are stored too, so a later change of defaults keeps the choice."""
    require_perm(actor, "notifications.use")
    for kind, delivery in choices.items():
        if kind not in Kind.values:
            raise ApplicationError(_("There is no such kind of notification."), code="invalid_kind", field=kind)
        if delivery not in Delivery.values:
            raise ApplicationError(_("Choose one of the offered deliveries."), code="invalid_delivery", field=kind)
    with transaction.atomic():
        for kind, delivery in choices.items():
            preference, _created = NotificationPreference.objects.get_or_create(
                member=actor, kind=kind, defaults={"delivery": delivery}
            )
            if preference.delivery != delivery:
                preference.delivery = delivery
                preference.full_clean()
                preference.save(update_fields=["delivery", "updated_at"])
            if delivery not in EMAIL_DELIVERIES:
                _drop_pending_email(actor.pk, kind)
            elif delivery in DIGEST_DELIVERIES:
                # Switching between digests (or from at once) moves what is still waiting to the new digest.
                Notification.objects.filter(
                    recipient=actor, kind=kind, emailed_at__isnull=True, email_delivery__in=DIGEST_DELIVERIES
                ).update(email_delivery=delivery)
    return preferences_of_member(actor)


def _drop_pending_email(member_id: int, kind: str) -> None:
    Notification.objects.filter(recipient_id=member_id, kind=kind, emailed_at__isnull=True).exclude(
        email_delivery=Delivery.IN_APP
    ).update(email_delivery=Delivery.IN_APP)


def preferences_of_member(member: User) -> dict[str, str]:
    chosen = dict(NotificationPreference.objects.filter(member=member).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, DEFAULT_DELIVERY[kind]) for kind in Kind.values}


def unsubscribe_with_token(*, token: str) -> tuple[User, list[str]]:
    """One-click unsubscribe from an email (no sign-in: the signed token is the credential): the kinds it names
    are no longer emailed, but still appear in the notification centre. Idempotent."""
    found = emails.read_unsubscribe_token(token)
    member = User.objects.filter(pk=found[0]).first() if found else None
    if found is None or member is None:
        raise ApplicationError(_("This unsubscribe link is not valid."), code="invalid_token", status=400)
    kinds = found[1]
    with transaction.atomic():
        for kind in kinds:
            current = NotificationPreference.objects.filter(member=member, kind=kind).first()
            if current is None:
                NotificationPreference.objects.create(member=member, kind=kind, delivery=Delivery.IN_APP)
            elif current.delivery in EMAIL_DELIVERIES:
                current.delivery = Delivery.IN_APP
                current.save(update_fields=["delivery", "updated_at"])
            _drop_pending_email(member.pk, kind)
    return member, kinds
