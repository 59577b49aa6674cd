"""The one write of the activity log. Every service that changes state calls `activity_record` inside its own
transaction, so the entry commits (or rolls back) with the change it describes. There is no update or delete."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from cocreate.core.context import current_ip, hash_value

from .models import ActivityEntry, Verb


@dataclass(frozen=True)
class TargetRef:
    """A target known by its model and id only (the caller has no instance at hand)."""

    model: type
    pk: int | None
    label: str = ""
    campaign_id: int | None = None


def _label(target: Any) -> str:
    if target is None:
        return ""
    if isinstance(target, TargetRef):
        return target.label
    for name in ("title", "public_name", "name", "text", "body"):
        value = getattr(target, name, None)
        if isinstance(value, str) and value:
            return value
    return str(target)


def _content_type(target: Any) -> ContentType | None:
    if target is None:
        return None
    return ContentType.objects.get_for_model(target.model if isinstance(target, TargetRef) else target)


def _json_safe(details: Mapping[str, Any] | None) -> dict[str, Any]:
    import json

    # Dates, decimals and lazy strings become plain JSON values now, not when the entry is read.
    return json.loads(json.dumps(dict(details or {}), cls=DjangoJSONEncoder, default=str))


def activity_record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    verb: Verb | str,
    target: Any = None,
    campaign_id: int | None = None,
    details: Mapping[str, Any] | None = None,
    label: str = "",
    at: datetime | None = None,
) -> ActivityEntry:
    """Append one entry: `actor` (a member, or None/anonymous for the system) did `verb` to `target` (any model
    instance, a TargetRef, or None). The target's label is kept as it reads now; `campaign_id` defaults to the
    target's own. The current request's client address, if any, is stored as a keyed hash. Publishes nothing."""
    verb = Verb(verb)
    if campaign_id is None and target is not None:
        campaign_id = getattr(target, "campaign_id", None)
    # A signed-in member (whatever the user model is); visitors and the system leave the actor empty.
    member = actor if isinstance(actor, AbstractBaseUser) and actor.is_authenticated else None
    entry = ActivityEntry(
        actor_id=getattr(member, "pk", None),
        verb=verb,
        target_type=_content_type(target),
        target_id=getattr(target, "pk", None) if target is not None else None,
        target_label=(label or _label(target))[:200],
        campaign_id=campaign_id,
        details=_json_safe(details),
        created_at=at or timezone.now(),
        ip_hash=hash_value(current_ip.get()),
    )
    entry.save()
    return entry
