"""The review pipeline over the API: the queue, scorecards, decisions and the response promise."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from cocreate.core.errors import NotFound, PermissionDenied
from cocreate.core.permissions import has_perm, require_perm
from cocreate.review import selectors, services
from cocreate.review.models import Outcome

from ..auth import READ, WRITE
from ..pagination import PageParams, paginate
from ..schemas import PageOut, PersonOut
from .common import IdPath, errors, idea_or_404

router = Router(tags=["review"], auth=WRITE)


class QueueItemOut(Schema):
    idea_id: int
    title: str
    status: str
    campaign: str
    stage: str
    reason: str
    entered_at: datetime
    reviewers: list[PersonOut]
    scorecards: int

    @staticmethod
    def resolve_title(obj: Any) -> str:
        return obj.idea.title

    @staticmethod
    def resolve_status(obj: Any) -> str:
        return obj.idea.status

    @staticmethod
    def resolve_campaign(obj: Any) -> str:
        return obj.campaign.slug

    @staticmethod
    def resolve_stage(obj: Any) -> str:
        return obj.stage.name

    @staticmethod
    def resolve_reviewers(obj: Any) -> list[Any]:
        return [a.reviewer for a in obj.idea.review_assignments.all()]

    @staticmethod
    def resolve_scorecards(obj: Any) -> int:
        return len(obj.idea.scorecards.all())


class QueueFilter(Schema):
    campaign: str = Field("", max_length=80, description="Campaign slug.")
    stage: str = Field("", max_length=80, description="Stage name.")
    assignee: int | None = Field(None, ge=1, le=2**63 - 1, description="Reviewer id.")
    mine: bool = Field(False, description="Only ideas assigned to me.")


class CriterionScoreOut(Schema):
    criterion_id: int
    criterion: str
    weight: int
    score: int
    comment: str


class ScorecardOut(Schema):
    id: int
    reviewer: PersonOut
    weighted_total: Decimal
    public_note: str
    submitted_at: datetime
    updated_at: datetime
    scores: list[CriterionScoreOut]

    @staticmethod
    def resolve_scores(obj: Any) -> list[dict[str, Any]]:
        return [
            {
                "criterion_id": s.criterion_id,
                "criterion": s.criterion.name,
                "weight": s.criterion.weight,
                "score": s.score,
                "comment": s.comment,
            }
            for s in obj.scores.all()
        ]


class ReviewSummaryOut(Schema):
    idea_id: int
    weighted_total: Decimal | None
    spread: Decimal | None
    high_spread: bool
    scorecards: list[ScorecardOut]


class ScorecardIn(Schema):
    scores: dict[int, int] = Field(..., description="Criterion id → score from 0 to 5; every criterion.")
    comments: dict[int, str] = Field(default_factory=dict, description="Criterion id → comment.")
    public_note: str = Field("", max_length=2000)


class DecisionOut(Schema):
    id: int
    idea_id: int
    outcome: str
    explanation: str
    actor: PersonOut | None
    merged_into_id: int | None
    created_at: datetime


class DecisionIn(Schema):
    outcome: str = Field(..., max_length=20, description=" / ".join(Outcome.values))
    explanation: str = Field(..., max_length=5000, description="Public; required (at least 20 characters).")
    merged_into_id: int | None = Field(None, ge=1, le=2**63 - 1)


class WaitingOut(Schema):
    idea_id: int
    title: str
    campaign: str
    published_at: datetime
    deadline: datetime
    state: str


def _require_queue(user: Any) -> None:
    if not has_perm(user, "review.view_queue"):
        raise PermissionDenied(_("The review queue is for staff."))


def _staff_idea(user: Any, pk: int):
    idea = idea_or_404(user, pk)
    require_perm(user, "review.view_idea", idea, _("Scorecards are for the campaign's staff."))
    return idea


@router.get("/review/queue", response={200: PageOut[QueueItemOut], **errors(401, 403, 422)})
def queue(request: HttpRequest, filters: Query[QueueFilter], page: Query[PageParams]):
    """Ideas in review in the campaigns you staff, oldest first."""
    _require_queue(request.auth)
    campaign = None
    if filters.campaign:
        campaign = selectors.staffed_campaigns(request.auth).filter(slug=filters.campaign).first()
        if campaign is None:
            raise NotFound(_("You do not staff a campaign with that address."), field="campaign")
    items = selectors.review_queue(
        request.auth, campaign=campaign, stage=filters.stage, assignee=filters.assignee, mine=filters.mine
    )
    return paginate(request, items, page)


@router.get("/review/ideas/{id}/scorecards", response={200: ReviewSummaryOut, **errors(401, 403, 404, 422)})
def scorecards(request: HttpRequest, id: IdPath):
    """Every reviewer's scorecard, the mean weighted total and the spread between reviewers (staff only)."""
    idea = _staff_idea(request.auth, id)
    summary = selectors.review_summary(idea)
    return {
        "idea_id": idea.pk,
        "weighted_total": summary.weighted_total,
        "spread": summary.spread,
        "high_spread": summary.high_spread,
        "scorecards": summary.scorecards,
    }


@router.post("/review/ideas/{id}/scorecards", response={201: ScorecardOut, **errors(400, 401, 403, 404, 409, 422)})
def submit_scorecard(request: HttpRequest, id: IdPath, payload: ScorecardIn):
    """Score the idea as its assigned reviewer (submitting again replaces your card)."""
    idea = _staff_idea(request.auth, id)
    card = services.scorecard_submit(
        actor=request.auth, idea=idea, scores=payload.scores, comments=payload.comments, public_note=payload.public_note
    )
    card = selectors.review_summary(idea).scorecards
    return Status(201, next(c for c in card if c.reviewer_id == request.auth.pk))


@router.get("/review/ideas/{id}/decisions", auth=READ, response={200: list[DecisionOut], **errors(401, 404, 422)})
def decisions(request: HttpRequest, id: IdPath):
    """The decisions on an idea with their public explanations (open to anyone who can see the idea)."""
    return list(selectors.decisions_of(idea_or_404(request.auth, id)))


@router.post("/review/ideas/{id}/decisions", response={201: DecisionOut, **errors(400, 401, 403, 404, 409, 422)})
def decide(request: HttpRequest, id: IdPath, payload: DecisionIn):
    """Decide: accepted, declined, needs_info or merged (with `merged_into_id`). The explanation is required and
    is posted on the idea as an official response."""
    idea = _staff_idea(request.auth, id)
    target = idea_or_404(request.auth, payload.merged_into_id) if payload.merged_into_id else None
    decision = services.decision_make(
        actor=request.auth, idea=idea, outcome=payload.outcome, explanation=payload.explanation, merged_into=target
    )
    return Status(201, decision)


@router.get("/review/response-promise/overdue", response={200: list[WaitingOut], **errors(401, 403, 422)})
def overdue(request: HttpRequest, due_soon: bool = False):
    """Ideas past their campaign's response promise without an official answer, oldest deadline first
    (`due_soon=true` adds those due within 7 days)."""
    _require_queue(request.auth)
    waiting = selectors.ideas_awaiting_response(request.auth)
    return [
        {
            "idea_id": w.idea.pk,
            "title": w.idea.title,
            "campaign": w.idea.campaign.slug,
            "published_at": w.idea.published_at,
            "deadline": w.deadline,
            "state": w.state,
        }
        for w in waiting
        if due_soon or w.state == "overdue"
    ]
