"""Emails: one per notification (immediate) or one per member per period (digest), each with a one-click
unsubscribe that works without signing in (a signed token in the link and the List-Unsubscribe headers)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from .kinds import Kind
from .models import Notification
from .presenters import describe, detail

UNSUBSCRIBE_SALT = "cocreate.notifications.unsubscribe"


def unsubscribe_token(member_id: int, kinds: Iterable[str]) -> str:
    """A signed, non-expiring token naming the member and the kinds to stop emailing (an old email's link must
    still work). Tampering breaks the signature."""
    return signing.dumps({"m": member_id, "k": sorted(set(kinds))}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, list[str]] | None:
    try:
        payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict):
        return None
    member_id, kinds = payload.get("m"), payload.get("k")
    if not isinstance(member_id, int) or not isinstance(kinds, list):
        return None
    kinds = [k for k in kinds if k in Kind.values]
    return (member_id, kinds) if kinds else None


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path if path.startswith("/") else path


def unsubscribe_url(member_id: int, kinds: Iterable[str]) -> str:
    return absolute(reverse("notifications:unsubscribe", kwargs={"token": unsubscribe_token(member_id, kinds)}))


def _message(
    *, to: str, subject: str, template: str, context: dict[str, Any], unsubscribe: str
) -> EmailMultiAlternatives:
    context = {
        **context,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "unsubscribe_url": unsubscribe,
        "preferences_url": absolute(reverse("notifications:preferences")),
    }
    message = EmailMultiAlternatives(
        subject=f"[{settings.SITE_NAME}] {subject}",
        body=render_to_string(f"notifications/email/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(render_to_string(f"notifications/email/{template}.html", context), "text/html")
    return message


def _item(notification: Notification) -> dict[str, Any]:
    return {
        "text": describe(notification),
        "detail": detail(notification),
        "url": absolute(notification.target_url) if notification.target_url else settings.SITE_URL,
        "kind": notification.get_kind_display(),
        "created_at": notification.created_at,
    }


def immediate_email(notification: Notification) -> EmailMultiAlternatives:
    item = _item(notification)
    return _message(
        to=notification.recipient.email,
        subject=item["text"],
        template="notification",
        context={"item": item, "member": notification.recipient},
        unsubscribe=unsubscribe_url(notification.recipient_id, [notification.kind]),
    )


def digest_email(member: Any, notifications: Sequence[Notification], period: str) -> EmailMultiAlternatives:
    subject = (
        _("Your daily summary: %(n)d things happened")
        if period == "daily"
        else _("Your weekly summary: %(n)d things happened")
    ) % {"n": len(notifications)}
    return _message(
        to=member.email,
        subject=subject,
        template="digest",
        context={"items": [_item(n) for n in notifications], "member": member, "period": period},
        unsubscribe=unsubscribe_url(member.pk, {n.kind for n in notifications}),
    )
