"""The caller's notifications and notification choices."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from cocreate.core.errors import NotFound
from cocreate.notifications import selectors, services
from cocreate.notifications.emails import absolute
from cocreate.notifications.kinds import Kind
from cocreate.notifications.models import Notification
from cocreate.notifications.presenters import describe, detail

from ..auth import WRITE
from ..pagination import PageParams, paginate
from ..schemas import PageOut
from .common import IdPath, errors

router = Router(tags=["notifications"], auth=WRITE)


class NotificationOut(Schema):
    id: int
    kind: str
    text: str
    detail: str
    url: str | None
    idea_id: int | None
    created_at: datetime
    unread: bool
    read_at: datetime | None


class MarkedOut(Schema):
    marked: int
    unread: int


class PreferenceOut(Schema):
    kind: str
    label: str
    delivery: str


class PreferencesIn(Schema):
    """Kinds to change, each with one of: off, in_app, immediate, daily, weekly. Kinds left out keep their choice."""

    choices: dict[str, str]


def _out(notification: Notification) -> dict[str, Any]:
    return {
        "id": notification.pk,
        "kind": notification.kind,
        "text": describe(notification),
        "detail": detail(notification),
        "url": absolute(notification.target_url) if notification.target_url else None,
        "idea_id": notification.idea_id,
        "created_at": notification.created_at,
        "unread": notification.read_at is None,
        "read_at": notification.read_at,
    }


def _preferences(member) -> list[dict[str, str]]:
    current = selectors.preferences_of(member)
    return [{"kind": k.value, "label": str(k.label), "delivery": current[k.value]} for k in Kind]


@router.get("/notifications", response={200: PageOut[NotificationOut], **errors(401, 404, 422)})
def list_notifications(request: HttpRequest, query: Query[PageParams], unread: bool = False):
    """The caller's notifications, newest first; `unread=true` for the unread ones only."""
    items = selectors.notifications_of(request.auth)
    if unread:
        items = items.filter(read_at__isnull=True)
    page = paginate(request, items, query)
    page["results"] = [_out(n) for n in page["results"]]
    return page


@router.post("/notifications/read-all", response={200: MarkedOut, **errors(401, 403)})
def read_all(request: HttpRequest):
    """Mark every notification of the caller read."""
    marked = services.notifications_mark_all_read(actor=request.auth)
    return {"marked": marked, "unread": selectors.unread_count(request.auth)}


@router.post("/notifications/{id}/read", response={200: NotificationOut, **errors(401, 403, 404, 422)})
def read_one(request: HttpRequest, id: IdPath):
    """Mark one notification read (idempotent). Someone else's notification is 404."""
    notification = selectors.notification_of(request.auth, id)
    if notification is None:
        raise NotFound(_("This notification does not exist."))
    return _out(services.notification_mark_read(actor=request.auth, notification=notification))


@router.get("/notifications/preferences", response={200: list[PreferenceOut], **errors(401)})
def get_preferences(request: HttpRequest):
    """How each kind reaches the caller: off, in_app (notification centre only), immediate, daily or weekly
    email (every choice but off also shows it in the notification centre)."""
    return _preferences(request.auth)


@router.patch("/notifications/preferences", response={200: list[PreferenceOut], **errors(400, 401, 403, 422)})
def update_preferences(request: HttpRequest, payload: PreferencesIn):
    """Change how some kinds reach the caller; 400 `invalid_kind` / `invalid_delivery` for unknown values."""
    services.preferences_update(actor=request.auth, choices=payload.choices)
    return _preferences(request.auth)
