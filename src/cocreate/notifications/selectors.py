"""Reads shared by the notification centre, the header count and the API, always scoped to one member."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .kinds import DEFAULT_DELIVERY, EMAIL_DELIVERIES
from .models import Notification, NotificationPreference
from .services import preferences_of_member


def notifications_of(member: Any) -> QuerySet[Notification]:
    """The member's notifications, newest first, with what their text needs (no N+1)."""
    return Notification.objects.filter(recipient=member).select_related("idea", "actor").order_by("-created_at", "-id")


def notification_of(member: Any, pk: int) -> Notification | None:
    if not getattr(member, "is_authenticated", False):
        return None
    return notifications_of(member).filter(pk=pk).first()


def unread_count(member: Any) -> int:
    if not getattr(member, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=member, read_at__isnull=True).count()


def preferences_of(member: Any) -> dict[str, str]:
    """Each kind with the member's delivery (their choice, else the default)."""
    return preferences_of_member(member)


def emails_stopped(member_id: int, kinds: list[str]) -> bool:
    """Whether none of `kinds` is emailed to the member any more (the unsubscribe page says so)."""
    chosen = dict(
        NotificationPreference.objects.filter(member_id=member_id, kind__in=kinds).values_list("kind", "delivery")
    )
    return all(chosen.get(kind, DEFAULT_DELIVERY[kind]) not in EMAIL_DELIVERIES for kind in kinds)
