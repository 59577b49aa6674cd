"""Moderation endpoints: anyone signed in may flag; moderators read the queue and the audit log, hide and restore
content, suspend members. Rate limits answer 429 `rate_limited`; suspended members get 403 `suspended`."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from pydantic import Field

from cocreate.accounts.models import User
from cocreate.core.permissions import require_perm
from cocreate.moderation import selectors, services
from cocreate.moderation.models import FlagReason

from ..auth import WRITE
from ..pagination import PageParams, paginate
from ..schemas import PageOut
from .common import IdPath, errors

router = Router(tags=["moderation"], auth=WRITE)

KindLiteral = Literal["idea", "comment", "profile"]
ContentKind = Literal["idea", "comment"]


class FlagIn(Schema):
    kind: KindLiteral
    object_id: int = Field(ge=1)
    reason: Literal[tuple(FlagReason.values)]  # type: ignore[valid-type]
    text: str = Field("", max_length=1000)


class FlagOut(Schema):
    id: int
    kind: str
    object_id: int
    reason: str
    text: str
    created_at: datetime


class ReasonIn(Schema):
    reason: str = Field(..., max_length=500)


class ModeratedOut(Schema):
    kind: str
    object_id: int
    hidden: bool
    hidden_reason: str


class QueueItemOut(Schema):
    kind: str
    object_id: int
    label: str
    reports: int
    reasons: dict[str, int]
    hidden: bool
    latest: datetime
    flagged_by_spam_check: bool


class SuspendIn(Schema):
    until: datetime
    reason: str = Field(..., max_length=500)


class SuspensionOut(Schema):
    member_id: int
    until: datetime
    reason: str


class ActionOut(Schema):
    """A moderation entry of the activity log, in the shape this endpoint has always had."""

    id: int
    actor_id: int | None
    action: str
    kind: str
    object_id: int | None
    object_label: str
    reason: str
    created_at: datetime

    @staticmethod
    def resolve_action(entry: Any) -> str:
        return entry.verb.removeprefix("moderation.")

    @staticmethod
    def resolve_kind(entry: Any) -> str:
        return entry.details.get("kind", "")

    @staticmethod
    def resolve_object_id(entry: Any) -> int | None:
        return entry.target_id

    @staticmethod
    def resolve_object_label(entry: Any) -> str:
        return entry.target_label

    @staticmethod
    def resolve_reason(entry: Any) -> str:
        return entry.details.get("reason", "")


def _queue_row(item: Any) -> dict[str, Any]:
    reasons: dict[str, int] = {}
    for f in item.flags:
        reasons[f.reason] = reasons.get(f.reason, 0) + 1
    return {
        "kind": item.kind,
        "object_id": item.object_id,
        "label": services.label_of(item.target),
        "reports": item.count,
        "reasons": reasons,
        "hidden": item.hidden,
        "latest": item.latest,
        "flagged_by_spam_check": item.has_system_flag,
    }


@router.post("/flags", response={201: FlagOut, **errors(400, 401, 403, 404, 409, 422, 429)})
def create_flag(request: HttpRequest, payload: FlagIn):
    """Report an idea, comment or member profile (once per object). 409 `already_flagged` the second time."""
    flag = services.flag_create(
        actor=request.auth, kind=payload.kind, object_id=payload.object_id, reason=payload.reason, text=payload.text
    )
    return Status(201, flag)


@router.get("/moderation/queue", response={200: PageOut[QueueItemOut], **errors(401, 403, 422)})
def queue(request: HttpRequest, query: Query[PageParams], kind: KindLiteral | None = None):
    """Objects with open reports that the caller moderates, most reported first. Moderators only."""
    require_perm(request.auth, "moderation.view_queue")
    items = [_queue_row(i) for i in selectors.moderation_queue(request.auth, kind=kind or "", limit=1000)]
    return paginate(request, items, query)


def _moderated(target: Any, kind: str) -> dict[str, Any]:
    return {"kind": kind, "object_id": target.pk, "hidden": target.hidden_at is not None,
            "hidden_reason": target.hidden_reason}  # fmt: skip


@router.post("/moderation/{kind}/{id}/hide", response={200: ModeratedOut, **errors(400, 401, 403, 404, 422)})
def hide(request: HttpRequest, kind: ContentKind, id: IdPath, payload: ReasonIn):
    """Hide an idea or comment; its author sees the reason."""
    target = services.load_target(kind, id)
    return _moderated(services.content_hide(actor=request.auth, target=target, reason=payload.reason), kind)


@router.post("/moderation/{kind}/{id}/restore", response={200: ModeratedOut, **errors(400, 401, 403, 404, 409, 422)})
def restore(request: HttpRequest, kind: ContentKind, id: IdPath, payload: ReasonIn):
    """Show hidden content again. 409 `not_hidden` if it is not hidden."""
    target = services.load_target(kind, id)
    return _moderated(services.content_restore(actor=request.auth, target=target, reason=payload.reason), kind)


@router.post("/moderation/{kind}/{id}/dismiss", response={204: None, **errors(401, 403, 404, 422)})
def dismiss(request: HttpRequest, kind: KindLiteral, id: IdPath, payload: ReasonIn):
    """Close the open reports on an object without hiding it."""
    services.flags_dismiss(actor=request.auth, kind=kind, object_id=id, reason=payload.reason)
    return Status(204, None)


@router.post("/moderation/members/{id}/suspension", response={201: SuspensionOut, **errors(400, 401, 403, 404, 422)})
def suspend(request: HttpRequest, id: IdPath, payload: SuspendIn):
    """Suspend a member until a date: they can read but not contribute. Site-wide moderators and admins."""
    member = get_object_or_404(User, pk=id)
    suspension = services.member_suspend(actor=request.auth, member=member, until=payload.until, reason=payload.reason)
    return Status(201, {"member_id": member.pk, "until": suspension.ends_at, "reason": suspension.reason})


@router.delete("/moderation/members/{id}/suspension", response={204: None, **errors(401, 403, 404, 409, 422)})
def unsuspend(request: HttpRequest, id: IdPath):
    """Lift a member's suspension. 409 `not_suspended` when there is none."""
    services.member_unsuspend(actor=request.auth, member=get_object_or_404(User, pk=id))
    return Status(204, None)


@router.get("/moderation/log", response={200: PageOut[ActionOut], **errors(401, 403, 422)})
def audit_log(request: HttpRequest, query: Query[PageParams]):
    """Every moderator action the caller may see, newest first."""
    require_perm(request.auth, "moderation.view_queue")
    return paginate(request, selectors.audit_log(request.auth), query)
