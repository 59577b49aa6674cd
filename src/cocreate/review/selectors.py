"""Reads of the review pipeline shared by pages and the API: the queue, an idea's scorecards and consensus,
decisions, the audit trail, the response promise and the review part of an idea's timeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from statistics import mean
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.accounts.models import Role
from cocreate.accounts.selectors import staff_of_campaign_ids
from cocreate.accounts.types import Actor
from cocreate.activity.models import ActivityEntry
from cocreate.activity.selectors import entries_for_target
from cocreate.campaigns.models import Campaign
from cocreate.core.timeline import TimelineEntry
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.ideas.models import Idea

from .models import (
    HIGH_SPREAD,
    CriterionScore,
    Decision,
    ResponseRecord,
    ReviewAssignment,
    ReviewItem,
    Scorecard,
)

STAFF_ROLES: set[str] = {Role.ADMIN, Role.FACILITATOR, Role.MODERATOR, Role.REVIEWER}
# Ideas owed an answer: published at some point and not taken back by their author.
PROMISE_EXCLUDED = (IdeaStatus.DRAFT, IdeaStatus.PENDING, IdeaStatus.WITHDRAWN)
DUE_SOON_DAYS = 7


def staffed_campaigns(viewer: Actor) -> QuerySet[Campaign]:
    ids = staff_of_campaign_ids(viewer, STAFF_ROLES)
    return Campaign.objects.all() if ids is None else Campaign.objects.filter(pk__in=ids)


# ---- the queue -----------------------------------------------------------------------------------------


def review_queue(
    viewer: Actor,
    *,
    campaign: Campaign | None = None,
    stage: str = "",
    assignee: int | None = None,
    mine: bool = False,
    include_closed: bool = False,
) -> QuerySet[ReviewItem]:
    """Ideas in review in the campaigns the viewer staffs, oldest first, with what each row shows loaded.
    `stage` filters by stage name (stages are per campaign); `assignee` by reviewer id; `mine` by the viewer."""
    qs = ReviewItem.objects.filter(campaign__in=staffed_campaigns(viewer))
    if not include_closed:
        qs = qs.filter(closed_at__isnull=True)
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    if stage:
        qs = qs.filter(stage__name=stage)
    if mine and getattr(viewer, "is_authenticated", False):
        assignee = viewer.pk
    if assignee:
        qs = qs.filter(idea__review_assignments__reviewer_id=assignee)
    return (
        qs.select_related("idea", "idea__author", "campaign", "stage", "idea__response_record")
        .prefetch_related(
            Prefetch(
                "idea__review_assignments",
                queryset=ReviewAssignment.objects.select_related("reviewer").order_by("assigned_at", "id"),
            ),
            Prefetch("idea__scorecards", queryset=Scorecard.objects.order_by("submitted_at", "id")),
        )
        .annotate(n_assigned=Count("idea__review_assignments", distinct=True))
        .order_by("entered_at", "id")
    )


def queue_item(viewer: Actor, idea_pk: int) -> ReviewItem | None:
    return review_queue(viewer, include_closed=True).filter(idea_id=idea_pk).first()


def stage_names(viewer: Actor) -> list[str]:
    from .models import ReviewStage

    names = ReviewStage.objects.filter(campaign__in=staffed_campaigns(viewer)).order_by("position", "name")
    return list(dict.fromkeys(names.values_list("name", flat=True)))


# ---- scorecards and consensus --------------------------------------------------------------------------


@dataclass
class CriterionSummary:
    criterion: Any
    scores: list[int] = field(default_factory=list)

    @property
    def average(self) -> float | None:
        return round(mean(self.scores), 2) if self.scores else None

    @property
    def spread(self) -> int | None:
        return max(self.scores) - min(self.scores) if self.scores else None


@dataclass
class ReviewSummary:
    """The reviewers' consensus view: each card, the mean weighted total, and how far apart reviewers are."""

    criteria: list[Any]
    scorecards: list[Scorecard]
    per_criterion: list[CriterionSummary]
    weighted_total: Decimal | None
    spread: Decimal | None

    @property
    def high_spread(self) -> bool:
        return self.spread is not None and self.spread >= Decimal(str(HIGH_SPREAD))

    @property
    def total_weight(self) -> int:
        return sum(c.weight for c in self.criteria)


def review_summary(idea: Idea) -> ReviewSummary:
    criteria = list(idea.campaign.criteria.all())
    cards = list(
        Scorecard.objects.filter(idea=idea)
        .select_related("reviewer")
        .prefetch_related(Prefetch("scores", queryset=CriterionScore.objects.select_related("criterion")))
        .order_by("submitted_at", "id")
    )
    per = {c.pk: CriterionSummary(criterion=c) for c in criteria}
    for card in cards:
        card.score_by_criterion = {s.criterion_id: s for s in card.scores.all()}  # type: ignore[attr-defined]
        for s in card.scores.all():
            if s.criterion_id in per:
                per[s.criterion_id].scores.append(s.score)
    totals = [card.weighted_total for card in cards]
    total = (sum(totals, Decimal(0)) / len(totals)).quantize(Decimal("0.01")) if totals else None
    spread = (max(totals) - min(totals)) if len(totals) > 1 else (Decimal("0.00") if totals else None)
    return ReviewSummary(
        criteria=criteria,
        scorecards=cards,
        per_criterion=list(per.values()),
        weighted_total=total,
        spread=spread,
    )


def decisions_of(idea: Idea) -> QuerySet[Decision]:
    return Decision.objects.filter(idea=idea).select_related("actor", "merged_into").order_by("created_at", "id")


def audit_trail(viewer: Actor, *, idea: Idea | None = None, limit: int = 200) -> list[ActivityEntry]:
    """The newest review entries of the activity log in the campaigns the viewer staffs (all of them for
    site-wide staff)."""
    qs = entries_for_target(idea) if idea is not None else ActivityEntry.objects.all()
    qs = qs.filter(verb__startswith="review.")
    if staff_of_campaign_ids(viewer, STAFF_ROLES) is not None:
        mine = Q(actor=viewer) if getattr(viewer, "is_authenticated", False) else Q(pk__in=[])
        campaign_ids = staffed_campaigns(viewer).values("pk")
        qs = qs.filter(Q(campaign_id__in=campaign_ids) | (Q(campaign_id__isnull=True) & mine))
    return list(qs.select_related("actor").order_by("-created_at", "-id")[:limit])


# ---- the response promise ------------------------------------------------------------------------------


def response_deadline(published_at: datetime, promise_days: int) -> datetime:
    """The promise is kept by an answer at or before published + N days (to the second)."""
    return published_at + timedelta(days=promise_days)


def promise_state(
    published_at: datetime | None, promise_days: int, first_response_at: datetime | None, now: datetime
) -> str:
    """ "answered_on_time", "answered_late", "overdue", "due_soon" or "not_due" ("" without publication)."""
    if published_at is None:
        return ""
    deadline = response_deadline(published_at, promise_days)
    if first_response_at is not None:
        return "answered_on_time" if first_response_at <= deadline else "answered_late"
    if now > deadline:
        return "overdue"
    if deadline - now <= timedelta(days=DUE_SOON_DAYS):
        return "due_soon"
    return "not_due"


@dataclass(frozen=True)
class WaitingIdea:
    idea: Idea
    deadline: datetime
    state: str  # "overdue" or "due_soon"

    @property
    def overdue_by(self) -> timedelta:
        return timezone.now() - self.deadline


def _promise_ideas(campaigns: QuerySet[Campaign] | list[Campaign]) -> QuerySet[Idea]:
    return Idea.objects.filter(campaign__in=campaigns, published_at__isnull=False).exclude(status__in=PROMISE_EXCLUDED)


def ideas_awaiting_response(
    viewer: Actor, *, now: datetime | None = None, campaign: Campaign | None = None, soon_days: int = DUE_SOON_DAYS
) -> list[WaitingIdea]:
    """Unanswered ideas past their promise (overdue) or within `soon_days` of it (due soon), oldest deadline
    first, in the campaigns the viewer staffs."""
    now = now or timezone.now()
    campaigns = list(
        staffed_campaigns(viewer) if campaign is None else staffed_campaigns(viewer).filter(pk=campaign.pk)
    )
    if not campaigns:
        return []
    due = Q()
    for c in campaigns:  # each campaign has its own promise; a handful of campaigns, one query
        due |= Q(
            campaign=c, published_at__lte=now - timedelta(days=c.response_promise_days) + timedelta(days=soon_days)
        )
    qs = (
        _promise_ideas(campaigns)
        .filter(due, response_record__isnull=True)
        .select_related("campaign", "author")
        .order_by("published_at", "id")
    )
    out = []
    for idea in qs:
        assert idea.published_at is not None
        deadline = response_deadline(idea.published_at, idea.campaign.response_promise_days)
        state = "overdue" if now > deadline else "due_soon"
        if state == "due_soon" and deadline - now > timedelta(days=soon_days):
            continue
        out.append(WaitingIdea(idea=idea, deadline=deadline, state=state))
    out.sort(key=lambda w: (w.deadline, w.idea.pk))
    return out


@dataclass(frozen=True)
class PromiseStats:
    promise_days: int
    on_time: int
    late: int
    overdue: int
    waiting: int  # unanswered, not yet due: they can still make it, so they are not counted either way

    @property
    def counted(self) -> int:
        return self.on_time + self.late + self.overdue

    @property
    def share(self) -> int | None:
        """Percentage answered within the promise among ideas that were answered or are past due."""
        return round(100 * self.on_time / self.counted) if self.counted else None


def promise_stats(campaign: Campaign, *, now: datetime | None = None) -> PromiseStats:
    """The same verdicts as promise_state, counted by the database: the campaign page shows this on every view,
    and a campaign can hold a hundred thousand ideas."""
    now = now or timezone.now()
    promise = timedelta(days=campaign.response_promise_days)
    unanswered = Q(response_record__first_response_at__isnull=True)
    counts = _promise_ideas([campaign]).aggregate(
        on_time=Count("pk", filter=Q(response_record__delay__lte=promise)),
        late=Count("pk", filter=Q(response_record__delay__gt=promise)),
        overdue=Count("pk", filter=unanswered & Q(published_at__lt=now - promise)),
        waiting=Count("pk", filter=unanswered & Q(published_at__gte=now - promise)),
    )
    return PromiseStats(promise_days=campaign.response_promise_days, **counts)


def response_record_of(idea: Idea) -> ResponseRecord | None:
    return ResponseRecord.objects.filter(idea=idea).first()


# ---- the idea's timeline -------------------------------------------------------------------------------

TIMELINE_ACTIONS = ("review.entered_review", "review.stage_moved", "review.scorecard_submitted")


def timeline_entries(idea: Idea) -> list[TimelineEntry]:
    """What review contributes to an idea's public timeline: entering review, stage changes and reviewers'
    public notes (scores stay internal; decisions appear as the idea's status changes, with the explanation)."""
    entries = []
    for a in entries_for_target(idea, verbs=TIMELINE_ACTIONS):
        name = a.actor.public_name if a.actor else ""
        if a.verb == "review.entered_review":
            reason = a.details.get("reason")
            title = _("Entered review") if reason != "threshold" else _("Entered review after reaching the threshold")
            entries.append(TimelineEntry(at=a.created_at, kind="review_stage", title=title, detail="", actor_name=""))
        elif a.verb == "review.stage_moved":
            entries.append(
                TimelineEntry(
                    at=a.created_at,
                    kind="review_stage",
                    title=_("Review stage: %(stage)s") % {"stage": a.details.get("to", "")},
                    actor_name=name,
                )
            )
        elif a.details.get("public_note"):
            entries.append(
                TimelineEntry(
                    at=a.created_at,
                    kind="reviewer_note",
                    title=_("Reviewer's note"),
                    detail=a.details["public_note"],
                    actor_name=name,
                )
            )
    return entries
