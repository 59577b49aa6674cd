"""Reads for moderators: the queue of flagged content, pending entries, the audit log, abuse signals, standing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from cocreate.accounts.models import MemberStanding, Suspension, User
from cocreate.accounts.selectors import staff_of_campaign_ids
from cocreate.accounts.standing import active_suspension, trust_level
from cocreate.accounts.types import Actor
from cocreate.activity.models import ActivityEntry
from cocreate.engagement.models import Comment
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.ideas.models import Idea

from .models import AbuseSignal, Flag, Kind, SignalStatus
from .rules import MODERATING_ROLES


@dataclass
class QueueItem:
    kind: str
    object_id: int
    target: Any
    flags: list[Flag] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.flags)

    @property
    def reasons(self) -> list[tuple[str, int]]:
        labels = {f.reason: f.get_reason_display() for f in self.flags}
        return [(labels[r], n) for r, n in Counter(f.reason for f in self.flags).most_common()]

    @property
    def latest(self):
        return max(f.created_at for f in self.flags)

    @property
    def hidden(self) -> bool:
        return getattr(self.target, "hidden_at", None) is not None

    @property
    def has_system_flag(self) -> bool:
        return any(f.reporter_id is None for f in self.flags)


def moderated_campaign_ids(viewer: Actor) -> set[int] | None:
    """None: every campaign (site-wide moderator, facilitator or admin)."""
    return staff_of_campaign_ids(viewer, MODERATING_ROLES)


def _in_scope(scope: set[int] | None, campaign_id: int | None) -> bool:
    return scope is None or campaign_id in scope


def moderation_queue(viewer: Actor, *, kind: str = "", limit: int = 100) -> list[QueueItem]:
    """Objects with open flags that the viewer moderates, most flagged first (a fixed number of queries)."""
    scope = moderated_campaign_ids(viewer)
    flags = Flag.objects.filter(resolved_at__isnull=True).select_related("reporter").order_by("-created_at")
    if kind:
        flags = flags.filter(kind=kind)
    grouped: dict[tuple[str, int], list[Flag]] = {}
    for f in flags[:2000]:
        grouped.setdefault((f.kind, f.object_id), []).append(f)
    ids = {k: [oid for (kk, oid) in grouped if kk == k] for k in Kind.values}
    targets: dict[tuple[str, int], Any] = {}
    for idea in Idea.objects.filter(pk__in=ids[Kind.IDEA]).select_related("campaign", "author"):
        if _in_scope(scope, idea.campaign_id):
            targets[(Kind.IDEA, idea.pk)] = idea
    for comment in Comment.objects.filter(pk__in=ids[Kind.COMMENT]).select_related("idea", "author"):
        if _in_scope(scope, comment.idea.campaign_id):
            targets[(Kind.COMMENT, comment.pk)] = comment
    if scope is None:
        for member in User.objects.filter(pk__in=ids[Kind.PROFILE]):
            targets[(Kind.PROFILE, member.pk)] = member
    items = [QueueItem(k, oid, targets[(k, oid)], fs) for (k, oid), fs in grouped.items() if (k, oid) in targets]
    items.sort(key=lambda i: (-i.count, -i.latest.timestamp()))
    return items[:limit]


def queue_item(viewer: Actor, kind: str, object_id: int, target: Any) -> QueueItem:
    flags = Flag.objects.filter(kind=kind, object_id=object_id).select_related("reporter", "resolved_by")
    return QueueItem(kind, object_id, target, list(flags.order_by("-created_at")))


def pending_by_campaign(viewer: Actor) -> QuerySet:
    """Campaigns the viewer moderates with entries waiting for pre-moderation (approved on the campaign page)."""
    from cocreate.campaigns.models import Campaign

    scope = moderated_campaign_ids(viewer)
    qs = Campaign.objects.all() if scope is None else Campaign.objects.filter(pk__in=scope)
    return qs.annotate(pending=Count("ideas", filter=_pending_q())).filter(pending__gt=0).order_by("-pending", "title")


def _pending_q():
    from django.db.models import Q

    return Q(ideas__status=IdeaStatus.PENDING)


def audit_log(viewer: Actor, *, kind: str = "", object_id: int | None = None) -> QuerySet[ActivityEntry]:
    """Moderation entries of the activity log the viewer may see, newest first; of one object when given."""
    scope = moderated_campaign_ids(viewer)
    qs = ActivityEntry.objects.select_related("actor").filter(verb__startswith="moderation.")
    if scope is not None:
        qs = qs.filter(campaign_id__in=scope)
    if kind:
        qs = qs.filter(details__kind=kind, target_id=object_id)
    return qs.order_by("-created_at", "-id")


def abuse_signals(viewer: Actor, *, status: str = SignalStatus.OPEN) -> QuerySet[AbuseSignal]:
    qs = AbuseSignal.objects.all()
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-detected_at", "-id")


def suspensions_current() -> QuerySet[Suspension]:
    now = timezone.now()
    return (
        Suspension.objects.filter(lifted_at__isnull=True, ends_at__gt=now)
        .select_related("member", "created_by")
        .order_by("ends_at")
    )


def member_standing(member: User) -> dict[str, Any]:

    standing = MemberStanding.objects.filter(member=member).first()
    return {
        "trust_level": trust_level(member),
        "manual": bool(standing and standing.manual),
        "suspension": active_suspension(member),
        "history": Suspension.objects.filter(member=member).select_related("created_by").order_by("-starts_at"),
        "flags": Flag.objects.filter(kind=Kind.PROFILE, object_id=member.pk).select_related("reporter"),
    }
