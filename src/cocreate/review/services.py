"""Writes of the review pipeline: the queue, stages, assignments, scorecards, decisions and the response record.

Every action is recorded in the activity log inside the same transaction as the change."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.accounts.models import Role, RoleAssignment, User
from cocreate.accounts.selectors import has_role
from cocreate.activity.models import ActivityEntry
from cocreate.activity.services import activity_record
from cocreate.campaigns.models import Campaign
from cocreate.core.errors import ApplicationError, Conflict, NotFound
from cocreate.core.events import publish
from cocreate.core.permissions import require_perm
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.ideas.models import Idea
from cocreate.ideas.selectors import status_change_id
from cocreate.similarity.services import merge_ideas

from .events import IdeaDecided, IdeaEnteredReview, ReviewerAssigned, ReviewStageChanged, ScorecardSubmitted
from .models import (
    DEFAULT_STAGES,
    SCORE_MAX,
    SCORE_MIN,
    CriterionScore,
    Decision,
    EntryReason,
    Outcome,
    ResponseKind,
    ResponseRecord,
    ReviewAssignment,
    ReviewItem,
    ReviewStage,
    Scorecard,
)

MIN_EXPLANATION = 20
MAX_STAGES = 8
# The lifecycle transition each decision fires.
OUTCOME_TRANSITIONS = {
    Outcome.ACCEPTED: "accept",
    Outcome.DECLINED: "decline",
    Outcome.NEEDS_INFO: "request_info",
}
# Decisions that end the idea's time in the queue (needs-more-information keeps it there, waiting for the author).
FINAL_OUTCOMES = frozenset({Outcome.ACCEPTED, Outcome.DECLINED, Outcome.MERGED})
# States from which staff can still pull an idea into review.
REVIEWABLE_STATES = frozenset({IdeaStatus.PUBLISHED, IdeaStatus.THRESHOLD_REACHED})


# ---- helpers -------------------------------------------------------------------------------------------


def _audit(
    action: str,
    *,
    actor: User | None = None,
    idea: Idea | None = None,
    campaign_id: int | None = None,
    details: Mapping[str, Any] | None = None,
    at: datetime | None = None,
) -> ActivityEntry:
    return activity_record(
        actor=actor,
        verb=f"review.{action}",
        target=idea,
        campaign_id=campaign_id or (idea.campaign_id if idea is not None else None),
        details=details,
        at=at or timezone.now(),
    )


def review_stages_ensure(campaign: Campaign) -> list[ReviewStage]:
    """The campaign's review stages, created with the defaults the first time they are needed."""
    stages = list(ReviewStage.objects.filter(campaign=campaign).order_by("position"))
    if stages:
        return stages
    ReviewStage.objects.bulk_create(
        [ReviewStage(campaign=campaign, name=str(name), position=i) for i, name in enumerate(DEFAULT_STAGES)],
        ignore_conflicts=True,  # two first visits at once both create them; the constraint keeps one set
    )
    return list(ReviewStage.objects.filter(campaign=campaign).order_by("position"))


def _open_item(idea: Idea) -> ReviewItem:
    item = ReviewItem.objects.select_related("stage").filter(idea=idea, closed_at__isnull=True).first()
    if item is None:
        raise Conflict(_("This idea is not in the review queue."), code="not_in_review")
    return item


def _ensure_under_review(*, actor: User, idea: Idea, note: str = "") -> Idea:
    """An idea picked up by review is publicly "under review" (supporters see it move)."""
    from cocreate.ideas.services import idea_change_status

    if idea.status in REVIEWABLE_STATES:
        idea = idea_change_status(actor=actor, idea=idea, transition="start_review", note=note)
    elif idea.status == IdeaStatus.NEEDS_INFO:
        idea = idea_change_status(actor=actor, idea=idea, transition="resubmit", note=note)
    return idea


def record_first_response(*, idea_id: int, at: datetime, kind: str) -> ResponseRecord | None:
    """Keep the earliest official response of an idea (comment, staff status change or decision).
    Idempotent: an event handled twice, or a later response, changes nothing."""
    published = Idea.objects.filter(pk=idea_id).values_list("published_at", flat=True)
    if not published:
        return None
    delay = at - published[0] if published[0] else None
    record, created = ResponseRecord.objects.get_or_create(
        idea_id=idea_id, defaults={"first_response_at": at, "kind": kind, "delay": delay}
    )
    if not created and at < record.first_response_at:
        record.first_response_at, record.kind, record.delay = at, kind, delay
        record.save(update_fields=["first_response_at", "kind", "delay"])
    return record


# ---- the queue -----------------------------------------------------------------------------------------


def review_enter(*, idea: Idea, reason: str, actor: User | None = None, now: datetime | None = None) -> ReviewItem:
    """Put an idea in its campaign's review queue at the first stage (again, if it left it). Idempotent.

    Publishes IdeaEnteredReview when the idea was not in the queue."""
    now = now or timezone.now()
    with transaction.atomic():
        stages = review_stages_ensure(idea.campaign)
        item = ReviewItem.objects.select_for_update().filter(idea=idea).first()
        if item is not None and item.closed_at is None:
            return item
        if item is None:
            item = ReviewItem(idea=idea, campaign_id=idea.campaign_id)
        item.stage, item.reason, item.entered_at, item.closed_at = stages[0], reason, now, None
        item.full_clean(exclude=["idea"])
        item.save()
        _audit("entered_review", actor=actor, idea=idea, details={"reason": reason, "stage": item.stage.name}, at=now)
        publish(IdeaEnteredReview(idea_id=idea.pk, campaign_id=idea.campaign_id, actor_id=getattr(actor, "pk", None)))
    return item


def review_send(*, actor: User, idea: Idea, note: str = "") -> ReviewItem:
    """Staff pick an idea for review ("Send to review"): it becomes "under review" and enters the queue.

    Publishes IdeaStatusChanged (through the lifecycle) and IdeaEnteredReview."""
    require_perm(actor, "review.send", idea)  # campaign moderators, and only from the states review accepts
    with transaction.atomic():
        idea = _ensure_under_review(actor=actor, idea=idea, note=note.strip())
        return review_enter(idea=idea, reason=EntryReason.STAFF, actor=actor)


def review_stages_set(*, actor: User, campaign: Campaign, names: Iterable[str]) -> list[ReviewStage]:
    """Rename, add or remove the campaign's review stages (in order). A stage that still holds ideas
    cannot be removed."""
    require_perm(actor, "review.configure", campaign)
    cleaned = [" ".join(n.split())[:80] for n in names if n and n.strip()]
    if not cleaned:
        raise ApplicationError(_("Keep at least one stage."), field="stages", code="no_stages")
    if len(cleaned) > MAX_STAGES:
        raise ApplicationError(
            _("Use at most %(n)d stages.") % {"n": MAX_STAGES}, field="stages", code="too_many_stages"
        )
    with transaction.atomic():
        stages = review_stages_ensure(campaign)
        removed = stages[len(cleaned) :]
        busy = [s.name for s in removed if s.items.filter(closed_at__isnull=True).exists()]
        if busy:
            raise Conflict(
                _("Move the ideas out of “%(stage)s” before removing it.") % {"stage": busy[0]},
                field="stages",
                code="stage_in_use",
            )
        before = [s.name for s in stages]
        for stage in removed:
            # Closed items may still point at the stage: hand them the last kept one.
            stage.items.update(stage=stages[len(cleaned) - 1])
            stage.delete()
        for position, name in enumerate(cleaned):
            if position < len(stages):
                if stages[position].name != name:
                    stages[position].name = name
                    stages[position].save(update_fields=["name"])
            else:
                ReviewStage.objects.create(campaign=campaign, name=name, position=position)
        _audit("stages_changed", actor=actor, campaign_id=campaign.pk, details={"before": before, "after": cleaned})
    return list(ReviewStage.objects.filter(campaign=campaign).order_by("position"))


def campaign_reviewers(campaign_id: int) -> list[User]:
    """Members who may review the campaign's ideas: reviewers scoped to it or site-wide, by id."""
    ids = RoleAssignment.objects.filter(role=Role.REVIEWER).filter(
        Q(campaign__isnull=True) | Q(campaign_id=campaign_id)
    )
    return list(User.objects.filter(pk__in=ids.values("user_id"), is_active=True).order_by("pk"))


def review_assign(*, actor: User, idea: Idea, reviewer: User, now: datetime | None = None) -> ReviewAssignment:
    """Assign a reviewer of the campaign to an idea in the queue. Publishes ReviewerAssigned."""
    require_perm(actor, "review.assign", idea)
    if not reviewer.is_active or not has_role(reviewer, {Role.REVIEWER}, idea.campaign_id):
        raise ApplicationError(
            _("%(name)s is not a reviewer of this campaign.") % {"name": reviewer.public_name},
            field="reviewer",
            code="not_a_reviewer",
        )
    now = now or timezone.now()
    with transaction.atomic():
        _open_item(idea)
        if ReviewAssignment.objects.filter(idea=idea, reviewer=reviewer).exists():
            raise Conflict(
                _("%(name)s already reviews this idea.") % {"name": reviewer.public_name},
                field="reviewer",
                code="already_assigned",
            )
        assignment = ReviewAssignment.objects.create(idea=idea, reviewer=reviewer, assigned_by=actor, assigned_at=now)
        _audit(
            "reviewer_assigned",
            actor=actor,
            idea=idea,
            details={"reviewer_id": reviewer.pk, "reviewer": reviewer.public_name},
            at=now,
        )
        publish(ReviewerAssigned(idea_id=idea.pk, reviewer_id=reviewer.pk, actor_id=actor.pk))
    return assignment


def review_assign_round_robin(*, actor: User, ideas: Iterable[Idea]) -> list[ReviewAssignment]:
    """Give each idea the campaign reviewer with the fewest open assignments in the campaign (ties: fewest
    assignments overall, then by id), skipping reviewers already on the idea. Publishes ReviewerAssigned each."""
    made: list[ReviewAssignment] = []
    with transaction.atomic():
        for idea in ideas:
            require_perm(actor, "review.assign", idea)
            reviewers = campaign_reviewers(idea.campaign_id)
            taken = set(ReviewAssignment.objects.filter(idea=idea).values_list("reviewer_id", flat=True))
            free = [r for r in reviewers if r.pk not in taken]
            if not free:
                raise ApplicationError(
                    _("“%(title)s” has no campaign reviewer left to assign.") % {"title": idea.title},
                    code="no_reviewer_available",
                )
            load = dict(
                ReviewAssignment.objects.filter(
                    reviewer__in=free, idea__campaign_id=idea.campaign_id, idea__review_item__closed_at__isnull=True
                )
                .values_list("reviewer_id")
                .annotate(n=Count("id"))
            )
            overall = dict(
                ReviewAssignment.objects.filter(reviewer__in=free)
                .order_by()
                .values_list("reviewer_id")
                .annotate(n=Count("id"))
            )
            chosen = min(free, key=lambda r: (load.get(r.pk, 0), overall.get(r.pk, 0), r.pk))
            made.append(review_assign(actor=actor, idea=idea, reviewer=chosen))
    return made


def review_unassign(*, actor: User, idea: Idea, reviewer: User) -> None:
    """Take a reviewer off an idea (their scorecard, if any, stays on record)."""
    require_perm(actor, "review.assign", idea)
    with transaction.atomic():
        deleted, _rows = ReviewAssignment.objects.filter(idea=idea, reviewer=reviewer).delete()
        if not deleted:
            raise NotFound(_("That reviewer is not assigned to this idea."), code="not_assigned")
        _audit("reviewer_unassigned", actor=actor, idea=idea, details={"reviewer_id": reviewer.pk})


def review_move_stage(*, actor: User, idea: Idea, stage: ReviewStage, now: datetime | None = None) -> ReviewItem:
    """Move an idea in the queue to another stage of its campaign's pipeline. Past the first stage the idea is
    publicly "under review". Publishes ReviewStageChanged (and IdeaStatusChanged when it starts review)."""
    require_perm(actor, "review.move_stage", idea)
    if stage.campaign_id != idea.campaign_id:
        raise ApplicationError(_("That stage belongs to another campaign."), field="stage", code="invalid_stage")
    now = now or timezone.now()
    with transaction.atomic():
        item = _open_item(idea)
        if item.stage_id == stage.pk:
            raise Conflict(_("The idea is already at this stage."), field="stage", code="same_stage")
        before = item.stage.name
        item.stage = stage
        item.save(update_fields=["stage"])
        if stage.position > 0:
            _ensure_under_review(actor=actor, idea=idea)
        _audit("stage_moved", actor=actor, idea=idea, details={"from": before, "to": stage.name}, at=now)
        publish(ReviewStageChanged(idea_id=idea.pk, stage_name=stage.name, actor_id=actor.pk))
    return item


BULK_ACTIONS = ("assign", "round_robin", "move_stage")


def review_bulk(
    *,
    actor: User,
    ideas: Iterable[Idea],
    action: str,
    reviewer: User | None = None,
    stage: ReviewStage | None = None,
) -> int:
    """Apply one queue action to several ideas, all or nothing (a refusal on one changes none).
    Ideas already holding the reviewer or at the stage are skipped. Returns how many ideas changed."""
    ideas = list(ideas)
    if not ideas:
        raise ApplicationError(_("Select at least one idea."), field="ideas", code="nothing_selected")
    if action not in BULK_ACTIONS:
        raise ApplicationError(_("Choose an action."), field="action", code="invalid_action")
    changed = 0
    with transaction.atomic():
        if action == "round_robin":
            changed = len(review_assign_round_robin(actor=actor, ideas=ideas))
        for idea in ideas if action != "round_robin" else []:
            if action == "assign":
                if reviewer is None:
                    raise ApplicationError(_("Choose a reviewer."), field="reviewer", code="reviewer_required")
                require_perm(actor, "review.assign", idea)
                if ReviewAssignment.objects.filter(idea=idea, reviewer=reviewer).exists():
                    continue
                review_assign(actor=actor, idea=idea, reviewer=reviewer)
            else:
                if stage is None:
                    raise ApplicationError(_("Choose a stage."), field="stage", code="stage_required")
                require_perm(actor, "review.move_stage", idea)
                if ReviewItem.objects.filter(idea=idea, stage=stage, closed_at__isnull=True).exists():
                    continue
                target = stage
                if stage.campaign_id != idea.campaign_id:  # same-named stage of the idea's own campaign
                    found = ReviewStage.objects.filter(campaign_id=idea.campaign_id, name=stage.name).first()
                    if found is None:
                        raise ApplicationError(
                            _("“%(title)s” is in a campaign without a “%(stage)s” stage.")
                            % {"title": idea.title, "stage": stage.name},
                            field="stage",
                            code="invalid_stage",
                        )
                    target = found
                review_move_stage(actor=actor, idea=idea, stage=target)
            changed += 1
        campaign_ids = {i.campaign_id for i in ideas}
        _audit(
            "bulk_" + action,
            actor=actor,
            campaign_id=campaign_ids.pop() if len(campaign_ids) == 1 else None,
            details={
                "idea_ids": [i.pk for i in ideas],
                "reviewer_id": getattr(reviewer, "pk", None),
                "stage": getattr(stage, "name", None),
                "changed": changed,
            },
        )
    return changed


# ---- scorecards ----------------------------------------------------------------------------------------


def weighted_total(scores: Mapping[int, int], weights: Mapping[int, int]) -> Decimal:
    """Σ weight × score / Σ weight, on the 0–5 scale, rounded half up to two decimals."""
    total_weight = sum(weights[c] for c in scores)
    if not total_weight:
        return Decimal("0.00")
    value = Decimal(sum(weights[c] * s for c, s in scores.items())) / Decimal(total_weight)
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def scorecard_submit(
    *,
    actor: User,
    idea: Idea,
    scores: Mapping[int, int],
    comments: Mapping[int, str] | None = None,
    public_note: str = "",
    now: datetime | None = None,
) -> Scorecard:
    """An assigned reviewer scores the idea 0–5 on every criterion of the campaign, with a comment each and an
    optional public note (shown on the idea's timeline). Submitting again replaces the card.

    Publishes ScorecardSubmitted."""
    require_perm(actor, "review.score", idea)
    comments = comments or {}
    criteria = {c.pk: c for c in idea.campaign.criteria.all()}
    if not criteria:
        raise ApplicationError(
            _("This campaign has no evaluation criteria yet: a facilitator adds them to the brief."),
            code="no_criteria",
        )
    cleaned: dict[int, int] = {}
    for pk, criterion in criteria.items():
        raw = scores.get(pk)
        if raw is None or isinstance(raw, bool):
            raise ApplicationError(
                _("Score “%(name)s”.") % {"name": criterion.name}, field=f"score_{pk}", code="score_missing"
            )
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = -1
        if str(raw).strip() != str(value) or not SCORE_MIN <= value <= SCORE_MAX:
            raise ApplicationError(
                _("Scores are whole numbers from %(lo)d to %(hi)d.") % {"lo": SCORE_MIN, "hi": SCORE_MAX},
                field=f"score_{pk}",
                code="invalid_score",
            )
        cleaned[pk] = value
    unknown = set(scores) - set(criteria)
    if unknown:
        raise ApplicationError(_("That criterion is not one of this campaign's."), code="unknown_criterion")
    public_note = (public_note or "").strip()
    if len(public_note) > 2000:
        raise ApplicationError(_("Keep the public note under 2,000 characters."), field="public_note")
    now = now or timezone.now()
    total = weighted_total(cleaned, {pk: c.weight for pk, c in criteria.items()})
    with transaction.atomic():
        _open_item(idea)
        card = Scorecard.objects.select_for_update().filter(idea=idea, reviewer=actor).first()
        if card is None:
            card = Scorecard(idea=idea, reviewer=actor, submitted_at=now)
        card.public_note, card.weighted_total, card.updated_at = public_note, total, now
        card.full_clean(exclude=["idea", "reviewer"])
        card.save()
        card.scores.all().delete()
        CriterionScore.objects.bulk_create(
            [
                CriterionScore(
                    scorecard=card, criterion_id=pk, score=value, comment=(comments.get(pk) or "").strip()[:2000]
                )
                for pk, value in cleaned.items()
            ]
        )
        _audit(
            "scorecard_submitted",
            actor=actor,
            idea=idea,
            details={"weighted_total": str(total), "public_note": public_note},
            at=now,
        )
        publish(ScorecardSubmitted(idea_id=idea.pk, scorecard_id=card.pk, reviewer_id=actor.pk))
    return card


# ---- decisions -----------------------------------------------------------------------------------------


def decision_make(
    *,
    actor: User,
    idea: Idea,
    outcome: str,
    explanation: str,
    merged_into: Idea | None = None,
    now: datetime | None = None,
) -> Decision:
    """Decide an idea (accepted, declined, merged into another, needs more information) with a public
    explanation: it moves the lifecycle, is posted on the idea as an official response and recorded.

    Publishes IdeaStatusChanged (lifecycle), CommentPosted (official response) and IdeaDecided."""
    from cocreate.engagement.services import comment_add
    from cocreate.ideas.services import idea_change_status

    require_perm(actor, "review.decide", idea)
    explanation = (explanation or "").strip()
    if outcome not in Outcome.values:
        raise ApplicationError(_("Choose a decision."), field="outcome", code="invalid_outcome")
    if len(explanation) < MIN_EXPLANATION:
        raise ApplicationError(
            _("Explain the decision in at least %(n)d characters: the author and supporters will read it.")
            % {"n": MIN_EXPLANATION},
            field="explanation",
            code="explanation_required",
        )
    if len(explanation) > 5000:
        raise ApplicationError(_("Keep the explanation under 5,000 characters."), field="explanation")
    if outcome == Outcome.MERGED:
        if merged_into is None:
            raise ApplicationError(_("Choose the idea to merge into."), field="merged_into", code="target_required")
        if merged_into.pk == idea.pk:
            raise ApplicationError(_("An idea cannot be merged into itself."), field="merged_into", code="same_idea")
    now = now or timezone.now()
    with transaction.atomic():
        idea = Idea.objects.select_related("campaign").get(pk=idea.pk)
        if outcome in (Outcome.ACCEPTED, Outcome.NEEDS_INFO) or (
            outcome == Outcome.DECLINED and idea.status == IdeaStatus.NEEDS_INFO
        ):
            idea = _ensure_under_review(actor=actor, idea=idea)
        # The explanation goes up first, on the idea itself (a merge then moves it along with the discussion).
        comment = comment_add(actor=actor, idea=idea, body=explanation, official=True)
        if outcome == Outcome.MERGED:
            assert merged_into is not None  # checked above
            merge_ideas(actor=actor, source=idea, target=merged_into, reason=explanation)
        else:
            idea = idea_change_status(
                actor=actor, idea=idea, transition=OUTCOME_TRANSITIONS[Outcome(outcome)], note=explanation
            )
        decision = Decision(
            idea=idea,
            outcome=outcome,
            explanation=explanation,
            actor=actor,
            merged_into=merged_into if outcome == Outcome.MERGED else None,
            comment=comment,
            created_at=now,
        )
        decision.full_clean(exclude=["idea", "merged_into", "comment", "actor"])
        decision.save()
        item = ReviewItem.objects.filter(idea=idea, closed_at__isnull=True).first()
        if item is None:
            item = review_enter(idea=idea, reason=EntryReason.STAFF, actor=actor, now=now)
        if outcome in FINAL_OUTCOMES:
            item.closed_at = now
            item.save(update_fields=["closed_at"])
        record_first_response(idea_id=idea.pk, at=now, kind=ResponseKind.DECISION)
        _audit(
            "decided",
            actor=actor,
            idea=idea,
            details={
                "outcome": outcome,
                "explanation": explanation,
                "merged_into_id": getattr(merged_into, "pk", None) if outcome == Outcome.MERGED else None,
            },
            at=now,
        )
        publish(
            IdeaDecided(
                idea_id=idea.pk,
                decision=outcome,
                explanation=explanation,
                actor_id=actor.pk,
                merged_into_id=merged_into.pk if merged_into is not None and outcome == Outcome.MERGED else None,
                change_id=status_change_id(
                    idea.pk, to_status=IdeaStatus.MERGED if outcome == Outcome.MERGED else str(outcome)
                ),
            )
        )
    return decision


def review_resubmit(*, actor: User, idea: Idea, note: str = "") -> Idea:
    """The author answered the request for more information: the idea goes back to review, in the queue again.

    Publishes IdeaStatusChanged."""
    from cocreate.ideas.services import idea_change_status

    require_perm(actor, "review.resubmit", idea)
    with transaction.atomic():
        idea = idea_change_status(actor=actor, idea=idea, transition="resubmit", note=note.strip())
        review_enter(idea=idea, reason=EntryReason.STAFF, actor=actor)
        _audit("resubmitted", actor=actor, idea=idea, details={"note": note.strip()})
    return idea


# ---- the response record -------------------------------------------------------------------------------


def response_records_rebuild(*, idea_ids: Iterable[int] | None = None) -> int:
    """Recompute first responses from what is stored (official comments, staff status changes, decisions):
    for imported or seeded data that never went through the services. Returns how many records exist after."""
    from cocreate.engagement.models import Comment
    from cocreate.ideas.models import IdeaStatusChange

    from .handlers import counts_as_response

    ideas = Idea.objects.all() if idea_ids is None else Idea.objects.filter(pk__in=list(idea_ids))
    campaign_of = dict(ideas.values_list("pk", "campaign_id"))
    firsts: dict[int, tuple[datetime, str]] = {}

    def offer(idea_id: int, at: datetime, kind: str) -> None:
        if idea_id in campaign_of and (idea_id not in firsts or at < firsts[idea_id][0]):
            firsts[idea_id] = (at, kind)

    for idea_id, at in Comment.objects.filter(is_official=True, idea_id__in=campaign_of).values_list(
        "idea_id", "created_at"
    ):
        offer(idea_id, at, ResponseKind.OFFICIAL_COMMENT)
    for change in IdeaStatusChange.objects.filter(idea_id__in=campaign_of, actor__isnull=False).select_related("actor"):
        if counts_as_response(change.actor, campaign_of[change.idea_id], change.from_status, change.to_status):
            offer(change.idea_id, change.created_at, ResponseKind.STATUS_CHANGE)
    for idea_id, at in Decision.objects.filter(idea_id__in=campaign_of).values_list("idea_id", "created_at"):
        offer(idea_id, at, ResponseKind.DECISION)
    with transaction.atomic():
        for idea_id, (at, kind) in firsts.items():
            record_first_response(idea_id=idea_id, at=at, kind=kind)
    return ResponseRecord.objects.filter(idea_id__in=campaign_of).count()
