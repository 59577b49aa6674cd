"""Writes about moderation: flags, hiding and restoring content, suspensions, trust levels, discounting supports,
abuse detection. Every moderator action is written to the activity log."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.accounts import ratelimit
from cocreate.accounts.models import MemberStanding, Role, RoleAssignment, Suspension, TrustLevel, User
from cocreate.accounts.services import standing_store, suspension_add, suspensions_lift
from cocreate.accounts.standing import require_active
from cocreate.activity.models import ActivityEntry
from cocreate.activity.services import TargetRef, activity_record
from cocreate.core.errors import ApplicationError, Conflict, NotFound
from cocreate.core.events import publish
from cocreate.core.permissions import has_perm, require_perm
from cocreate.engagement.models import Comment, Support, SupportOrigin
from cocreate.engagement.services import comment_set_hidden, supports_set_discounted
from cocreate.ideas.models import Idea
from cocreate.ideas.services import idea_set_hidden

from .events import ContentHidden, ContentRestored, MemberSuspended
from .models import (
    AbuseSignal,
    ActionKind,
    Flag,
    FlagReason,
    FlagResolution,
    Kind,
    SignalStatus,
)
from .spam import SpamVerdict, spam_score
from .standing import compute_trust_level

Target = Idea | Comment | User


# ---- helpers ------------------------------------------------------------------------------------------


def load_target(kind: str, object_id: int) -> Target:
    """The idea, comment or member a flag or action is about (404 when there is none)."""
    found: Target | None = None
    if kind == Kind.IDEA:
        found = Idea.objects.select_related("campaign", "author").filter(pk=object_id).first()
    elif kind == Kind.COMMENT:
        found = Comment.objects.select_related("idea", "idea__campaign", "author").filter(pk=object_id).first()
    elif kind == Kind.PROFILE:
        found = User.objects.filter(pk=object_id, is_active=True).first()
    if found is None:
        raise NotFound(_("There is nothing to moderate here."))
    return found


def kind_of(target: Target) -> str:
    if isinstance(target, Idea):
        return Kind.IDEA
    if isinstance(target, Comment):
        return Kind.COMMENT
    return Kind.PROFILE


def author_id_of(target: Target) -> int:
    return target.pk if isinstance(target, User) else target.author_id


def label_of(target: Target) -> str:
    if isinstance(target, Idea):
        return target.title[:200]
    if isinstance(target, Comment):
        return (target.body or "")[:80]
    return target.public_name[:200]


def campaign_id_of(target: Target) -> int | None:
    if isinstance(target, Idea):
        return target.campaign_id
    if isinstance(target, Comment):
        return target.idea.campaign_id
    return None


# What each kind of moderated object is, for the activity log's target.
KIND_MODELS: dict[str, type] = {Kind.IDEA: Idea, Kind.COMMENT: Comment, Kind.PROFILE: User, "signal": AbuseSignal}


def _log(
    *,
    actor: User | None,
    action: str,
    kind: str = "",
    object_id: int | None = None,
    label: str = "",
    campaign_id: int | None = None,
    reason: str = "",
) -> ActivityEntry:
    return activity_record(
        actor=actor,
        verb=f"moderation.{action}",
        target=TargetRef(KIND_MODELS[kind], object_id, label) if kind in KIND_MODELS else None,
        campaign_id=campaign_id,
        details={"kind": kind, "reason": reason[:1000]},
        label=label,
    )


def _clean_reason(reason: str, *, required: bool = True) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise ApplicationError(_("Give a reason: the author will see it."), field="reason", code="reason_required")
    if len(reason) > 500:
        raise ApplicationError(_("Keep the reason under 500 characters."), field="reason")
    return reason


def _require_moderate(actor: User, target: Target) -> None:
    if isinstance(target, User):
        require_perm(actor, "moderation.moderate_profiles")
    else:
        require_perm(actor, "moderation.moderate_content", target)


def _open_flags(kind: str, object_id: int):
    return Flag.objects.filter(kind=kind, object_id=object_id, resolved_at__isnull=True)


def _trusted_ids(user_ids: set[int]) -> set[int]:
    """Which of `user_ids` are trusted members or moderating staff (one query each)."""
    if not user_ids:
        return set()
    trusted = set(
        MemberStanding.objects.filter(member_id__in=user_ids, trust_level=TrustLevel.TRUSTED).values_list(
            "member_id", flat=True
        )
    )
    trusted |= set(
        RoleAssignment.objects.filter(
            user_id__in=user_ids, role__in=[Role.ADMIN, Role.MODERATOR, Role.FACILITATOR]
        ).values_list("user_id", flat=True)
    )
    trusted |= set(User.objects.filter(pk__in=user_ids, is_superuser=True).values_list("pk", flat=True))
    return trusted


# ---- flags --------------------------------------------------------------------------------------------


def flag_create(*, actor: User, kind: str, object_id: int, reason: str, text: str = "") -> Flag:
    """Flag an idea, comment or member profile for moderators (once per member per object). Content flagged by
    MODERATION_AUTO_HIDE_FLAGS distinct trusted members is hidden until a moderator looks at it.

    Publishes ContentHidden when that happens."""
    if not getattr(actor, "is_authenticated", False):
        raise ApplicationError(_("Sign in to report content."), code="not_authenticated", status=401)
    require_perm(actor, "moderation.flag")
    require_active(actor)
    if kind not in Kind.values:
        raise ApplicationError(_("You can report ideas, comments and member profiles."), field="kind")
    target = load_target(kind, object_id)
    if isinstance(target, Idea) and not has_perm(actor, "ideas.view", target):
        raise NotFound(_("There is nothing to moderate here."))
    if isinstance(target, Comment) and (
        target.deleted_at is not None or not has_perm(actor, "ideas.view", target.idea)
    ):
        raise NotFound(_("There is nothing to moderate here."))
    if author_id_of(target) == actor.pk:
        raise ApplicationError(_("You cannot report your own contributions."), code="own_content", status=403)
    if reason not in FlagReason.values:
        raise ApplicationError(_("Choose one of the offered reasons."), field="reason")
    text = (text or "").strip()
    if reason == FlagReason.OTHER and not text:
        raise ApplicationError(_("Tell the moderators what is wrong."), field="text")
    if len(text) > 1000:
        raise ApplicationError(_("Keep it under 1,000 characters."), field="text")
    if getattr(target, "hidden_at", None) is not None:
        raise Conflict(_("A moderator has already hidden this."), code="already_hidden")
    ratelimit.check(actor, "flag")
    with transaction.atomic():
        try:
            with transaction.atomic():
                flag = Flag.objects.create(kind=kind, object_id=object_id, reporter=actor, reason=reason, text=text)
        except IntegrityError as exc:
            raise Conflict(_("You have already reported this."), code="already_flagged") from exc
        if isinstance(target, Idea | Comment):
            _maybe_auto_hide(target)
    return flag


def _maybe_auto_hide(target: Idea | Comment) -> bool:
    kind = kind_of(target)
    needed = int(getattr(settings, "MODERATION_AUTO_HIDE_FLAGS", 3))
    if needed <= 0:
        return False
    reporters = set(_open_flags(kind, target.pk).filter(reporter__isnull=False).values_list("reporter_id", flat=True))
    if len(_trusted_ids(reporters)) < needed:
        return False
    reason = _("Hidden automatically after reports from %(n)d trusted members, until a moderator reviews it.") % {
        "n": needed
    }
    _hide(target, actor=None, reason=reason, action=ActionKind.AUTO_HIDE, resolve_flags=False)
    return True


def flag_system(*, target: Idea | Comment, verdict: SpamVerdict) -> Flag | None:
    """The spam check's own flag: the content goes to the queue with its score and reasons (idempotent)."""
    kind = kind_of(target)
    if _open_flags(kind, target.pk).filter(reporter__isnull=True).exists():
        return None
    return Flag.objects.create(
        kind=kind,
        object_id=target.pk,
        reporter=None,
        reason=FlagReason.SPAM,
        text=_("Spam check (score %(score).1f): %(reasons)s")
        % {"score": verdict.score, "reasons": "; ".join(verdict.reasons)},
        spam_score=verdict.score,
    )


def spam_check(*, kind: str, object_id: int) -> SpamVerdict | None:
    """Score a new or edited idea or comment; above the threshold it goes to the queue."""
    target = load_target(kind, object_id)
    if isinstance(target, Idea):
        text = f"{target.title}\n{target.body}"
        duplicates = Idea.objects.filter(author_id=target.author_id, body=target.body).exclude(pk=target.pk)
    elif isinstance(target, Comment):
        text = target.body
        duplicates = Comment.objects.filter(author_id=target.author_id, body=target.body).exclude(pk=target.pk)  # type: ignore[assignment]
    else:
        return None
    since = timezone.now() - timedelta(days=1)
    verdict = spam_score(text, duplicates=duplicates.filter(created_at__gte=since).count())
    if verdict.is_spam:
        flag_system(target=target, verdict=verdict)
    return verdict


def flags_dismiss(*, actor: User, kind: str, object_id: int, reason: str = "") -> int:
    """Close the open flags on an object without hiding it. Returns how many were closed."""
    target = load_target(kind, object_id)
    _require_moderate(actor, target)
    reason = _clean_reason(reason, required=False)
    with transaction.atomic():
        closed = _open_flags(kind, object_id).update(
            resolution=FlagResolution.DISMISSED, resolved_at=timezone.now(), resolved_by=actor
        )
        _log(
            actor=actor,
            action=ActionKind.DISMISS,
            kind=kind,
            object_id=object_id,
            label=label_of(target),
            campaign_id=campaign_id_of(target),
            reason=reason,
        )
    return closed


# ---- hide / restore -----------------------------------------------------------------------------------


def _set_hidden(target: Idea | Comment, *, hidden: bool, reason: str = "", by: Any = None) -> None:
    # Ideas and comments belong to their contexts: their services write the flag.
    if isinstance(target, Idea):
        idea_set_hidden(idea=target, hidden=hidden, reason=reason, by=by)
    else:
        comment_set_hidden(comment=target, hidden=hidden, reason=reason, by=by)


def _hide(target: Idea | Comment, *, actor: User | None, reason: str, action: str, resolve_flags: bool) -> None:
    _set_hidden(target, hidden=True, reason=reason, by=actor)
    now = target.hidden_at
    kind = kind_of(target)
    if resolve_flags:
        _open_flags(kind, target.pk).update(resolution=FlagResolution.HIDDEN, resolved_at=now, resolved_by=actor)
    _log(
        actor=actor,
        action=action,
        kind=kind,
        object_id=target.pk,
        label=label_of(target),
        campaign_id=campaign_id_of(target),
        reason=reason,
    )
    publish(
        ContentHidden(
            kind=kind,
            object_id=target.pk,
            author_id=target.author_id,
            reason=reason,
            actor_id=target.hidden_by_id,
        )
    )


def content_hide(*, actor: User, target: Idea | Comment, reason: str) -> Idea | Comment:
    """Hide an idea or comment with a reason its author sees; open flags on it are closed as acted on.
    A hidden idea leaves lists and search for everyone but its authors and staff; a hidden comment keeps its
    place in the thread. Hiding auto-hidden content again confirms it. Publishes ContentHidden."""
    _require_moderate(actor, target)
    reason = _clean_reason(reason)
    with transaction.atomic():
        target = type(target).objects.select_for_update().get(pk=target.pk)
        _hide(target, actor=actor, reason=reason, action=ActionKind.HIDE, resolve_flags=True)
    return target


def content_restore(*, actor: User, target: Idea | Comment, reason: str) -> Idea | Comment:
    """Show hidden content again; open flags are dismissed. Publishes ContentRestored."""
    _require_moderate(actor, target)
    reason = _clean_reason(reason)
    with transaction.atomic():
        target = type(target).objects.select_for_update().get(pk=target.pk)
        if target.hidden_at is None:
            raise Conflict(_("This is not hidden."), code="not_hidden")
        _set_hidden(target, hidden=False)
        kind = kind_of(target)
        _open_flags(kind, target.pk).update(
            resolution=FlagResolution.DISMISSED, resolved_at=timezone.now(), resolved_by=actor
        )
        _log(
            actor=actor,
            action=ActionKind.RESTORE,
            kind=kind,
            object_id=target.pk,
            label=label_of(target),
            campaign_id=campaign_id_of(target),
            reason=reason,
        )
        publish(
            ContentRestored(
                kind=kind, object_id=target.pk, author_id=target.author_id, reason=reason, actor_id=actor.pk
            )
        )
    return target


# ---- suspensions --------------------------------------------------------------------------------------


def member_suspend(*, actor: User, member: User, until: datetime, reason: str) -> Suspension:
    """Suspend a member until `until`: they can read but not contribute. Publishes MemberSuspended."""
    require_perm(actor, "moderation.suspend")
    reason = _clean_reason(reason)
    if member.pk == actor.pk:
        raise ApplicationError(_("You cannot suspend yourself."), code="own_account", status=403)
    require_perm(
        actor, "moderation.suspend_member", member, _("You cannot suspend someone whose role equals or outranks yours.")
    )
    if timezone.is_naive(until):
        until = timezone.make_aware(until)
    if until <= timezone.now():
        raise ApplicationError(_("Choose an end in the future."), field="until")
    with transaction.atomic():
        suspension = suspension_add(member=member, reason=reason, ends_at=until, by=actor)
        _log(
            actor=actor,
            action=ActionKind.SUSPEND,
            kind=Kind.PROFILE,
            object_id=member.pk,
            label=member.public_name,
            reason=f"{reason} (until {until:%Y-%m-%d %H:%M} UTC)",
        )
        publish(MemberSuspended(member_id=member.pk, until_iso=until.isoformat(), reason=reason, actor_id=actor.pk))
    return suspension


def member_unsuspend(*, actor: User, member: User, reason: str = "") -> int:
    """Lift a member's current suspensions. Returns how many were lifted."""
    require_perm(actor, "moderation.suspend")
    reason = _clean_reason(reason, required=False)
    with transaction.atomic():
        lifted = suspensions_lift(member=member, by=actor)
        if not lifted:
            raise Conflict(_("This member is not suspended."), code="not_suspended")
        _log(
            actor=actor,
            action=ActionKind.UNSUSPEND,
            kind=Kind.PROFILE,
            object_id=member.pk,
            label=member.public_name,
            reason=reason,
        )
    return lifted


# ---- trust levels -------------------------------------------------------------------------------------


def trust_level_set(*, actor: User, member: User, level: str, reason: str = "") -> MemberStanding:
    """Staff set a member's trust level by hand; the periodic computation then leaves it alone.
    `level="auto"` hands the member back to the computation."""
    require_perm(actor, "moderation.set_trust")
    reason = _clean_reason(reason, required=False)
    if level not in [*TrustLevel.values, "auto"]:
        raise ApplicationError(_("Choose new, basic, trusted or automatic."), field="level")
    with transaction.atomic():
        if level == "auto":
            standing, _changed = standing_store(member=member, level=compute_trust_level(member), manual=False)
        else:
            standing, _changed = standing_store(member=member, level=level, manual=True)
        _log(
            actor=actor,
            action=ActionKind.SET_TRUST,
            kind=Kind.PROFILE,
            object_id=member.pk,
            label=member.public_name,
            reason=f"{level}: {reason}" if reason else level,
        )
    return standing


def trust_level_recompute(*, member: User, now: datetime | None = None) -> MemberStanding:
    """Apply the trust rules to one member (unless staff set the level by hand). Idempotent."""
    current = MemberStanding.objects.filter(member=member).first()
    if current is not None and current.manual:
        return current
    standing, _changed = standing_store(member=member, level=compute_trust_level(member, now), at=now)
    return standing


def trust_levels_recompute_all(*, now: datetime | None = None) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for member in User.objects.filter(is_active=True).iterator(chunk_size=500):
        counts[trust_level_recompute(member=member, now=now).trust_level] += 1
    return dict(counts)


# ---- supports: origin, discounting --------------------------------------------------------------------


def supports_discount(*, actor: User, supports: list[Support], reason: str, undo: bool = False) -> int:
    """Discount suspicious supports (kept, not counted) or count them again (`undo`), recounting each idea
    exactly. Returns how many supports changed."""
    reason = _clean_reason(reason)
    ideas = {s.idea_id for s in supports}
    for idea in Idea.objects.filter(pk__in=ideas).select_related("campaign"):
        require_perm(actor, "moderation.discount_supports", idea)
    changed = 0
    with transaction.atomic():
        for idea_id in sorted(ideas):
            idea = Idea.objects.select_for_update(of=("self",)).select_related("campaign").get(pk=idea_id)
            ids = [s.pk for s in supports if s.idea_id == idea_id]
            n = supports_set_discounted(idea=idea, support_ids=ids, reason=reason, undo=undo)
            if n:
                changed += n
                _log(
                    actor=actor,
                    action=ActionKind.UNDISCOUNT if undo else ActionKind.DISCOUNT,
                    kind=Kind.IDEA,
                    object_id=idea.pk,
                    label=f"{n} × {idea.title}",
                    campaign_id=idea.campaign_id,
                    reason=reason,
                )
    return changed


def signal_resolve(*, actor: User, signal: AbuseSignal, action: str, reason: str) -> AbuseSignal:
    """Act on an abuse signal: `discount` its supports, `restore` them (undo), or `dismiss` it."""
    require_perm(actor, "moderation.view_signals")
    supports = list(Support.objects.filter(pk__in=signal.support_ids))
    if action == "discount":
        supports_discount(actor=actor, supports=supports, reason=reason)
        signal.status = SignalStatus.DISCOUNTED
    elif action == "restore":
        supports_discount(actor=actor, supports=supports, reason=reason, undo=True)
        signal.status = SignalStatus.OPEN
    elif action == "dismiss":
        reason = _clean_reason(reason)
        _log(actor=actor, action=ActionKind.DISMISS_SIGNAL, kind="signal", object_id=signal.pk, reason=reason)
        signal.status = SignalStatus.DISMISSED
    else:
        raise ApplicationError(_("Unknown action."), field="action")
    signal.resolved_at = None if signal.status == SignalStatus.OPEN else timezone.now()
    signal.resolved_by = actor if signal.resolved_at else None
    signal.save(update_fields=["status", "resolved_at", "resolved_by"])
    return signal


def detect_support_rings(*, now: datetime | None = None) -> list[AbuseSignal]:
    """Find groups of fresh accounts that support the same ideas: accounts are linked when they share a client
    address, or when they supported at least two of the same ideas within MODERATION_RING_WINDOW_MINUTES (30)
    of each other. A group of at least MODERATION_RING_MIN_ACCOUNTS (4) accounts with ideas they mostly
    supported together becomes a signal, with the evidence. Idempotent: a known group is not reported twice."""
    now = now or timezone.now()
    lookback = timedelta(hours=getattr(settings, "MODERATION_RING_LOOKBACK_HOURS", 72))
    fresh_age = timedelta(days=getattr(settings, "MODERATION_RING_FRESH_DAYS", 7))
    window = timedelta(minutes=getattr(settings, "MODERATION_RING_WINDOW_MINUTES", 30))
    min_accounts = getattr(settings, "MODERATION_RING_MIN_ACCOUNTS", 4)
    rows = [
        o
        for o in SupportOrigin.objects.filter(created_at__gte=now - lookback, support__discounted_at__isnull=True)
        .select_related("support__member", "support__idea")
        .order_by("created_at")
        if o.created_at - o.support.member.date_joined <= fresh_age
    ]
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: int, b: int) -> None:
        parent[find(a)] = find(b)

    by_ip: dict[str, set[int]] = defaultdict(set)
    by_idea: dict[int, list[SupportOrigin]] = defaultdict(list)
    for o in rows:
        find(o.support.member_id)
        if o.ip_hash:
            by_ip[o.ip_hash].add(o.support.member_id)
        by_idea[o.support.idea_id].append(o)
    for members in by_ip.values():
        first, *others = sorted(members)
        for m in others:
            union(first, m)
    together: dict[tuple[int, int], int] = defaultdict(int)
    for origins in by_idea.values():
        for i, a in enumerate(origins):
            for b in origins[i + 1 :]:
                if b.created_at - a.created_at > window:
                    break
                pair = tuple(sorted((a.support.member_id, b.support.member_id)))
                together[pair] += 1  # type: ignore[index]
    for (first_id, second_id), n in together.items():
        if n >= 2:
            union(first_id, second_id)
    groups: dict[int, set[int]] = defaultdict(set)
    for member_id in parent:
        groups[find(member_id)].add(member_id)
    found = []
    for members in groups.values():
        if len(members) < min_accounts:
            continue
        ring = [o for o in rows if o.support.member_id in members]
        per_idea: dict[int, list[SupportOrigin]] = defaultdict(list)
        for o in ring:
            per_idea[o.support.idea_id].append(o)
        ideas = {i: os for i, os in per_idea.items() if len(os) >= max(3, len(members) // 2)}
        if not ideas:
            continue
        signal = _record_ring(members, ideas, by_ip, now)
        if signal is not None:
            found.append(signal)
    return found


def _record_ring(
    members: set[int], ideas: dict[int, list[SupportOrigin]], by_ip: dict[str, set[int]], now: datetime
) -> AbuseSignal | None:
    origins = [o for os in ideas.values() for o in os]
    fingerprint = hashlib.sha256(f"{sorted(members)}|{sorted(ideas)}".encode()).hexdigest()
    if AbuseSignal.objects.filter(fingerprint=fingerprint).exists():
        return None
    first = min(o.created_at for o in origins)
    last = max(o.created_at for o in origins)
    accounts = {o.support.member_id: o.support.member for o in origins}
    shared = [{"ip": ip[:10], "accounts": sorted(ms & members)} for ip, ms in by_ip.items() if len(ms & members) >= 2]
    evidence = {
        "accounts": [
            {
                "id": m.pk,
                "name": m.public_name,
                "joined": m.date_joined.isoformat(),
                "supports": sum(1 for o in origins if o.support.member_id == m.pk),
            }
            for m in sorted(accounts.values(), key=lambda u: u.pk)
        ],
        "ideas": [
            {"id": idea_id, "title": os[0].support.idea.title, "ring_supports": len(os)}
            for idea_id, os in sorted(ideas.items())
        ],
        "shared_ips": shared,
        "first": first.isoformat(),
        "last": last.isoformat(),
        "minutes": round((last - first).total_seconds() / 60, 1),
    }
    summary = _("%(accounts)d new accounts supported %(ideas)d ideas within %(minutes)d minutes") % {
        "accounts": len(accounts),
        "ideas": len(ideas),
        "minutes": max(1, round((last - first).total_seconds() / 60)),
    }
    if shared:
        summary += " " + _("(%(n)d shared addresses)") % {"n": len(shared)}
    return AbuseSignal.objects.create(
        fingerprint=fingerprint,
        summary=summary[:500],
        evidence=evidence,
        support_ids=sorted(o.support_id for o in origins),
        detected_at=now,
    )


def moderation_sweep(*, now: datetime | None = None) -> dict[str, int]:
    """The periodic job: recompute trust levels, look for support rings, drop old rate-limit counters."""
    now = now or timezone.now()
    levels = trust_levels_recompute_all(now=now)
    rings = detect_support_rings(now=now)
    deleted = ratelimit.counters_purge(older_than=now - timedelta(days=3))
    return {**{f"trust_{k}": v for k, v in levels.items()}, "rings": len(rings), "counters_deleted": deleted}
