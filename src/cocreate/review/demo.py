"""Demo data for the review pipeline: queues with stages and assignments, filled scorecards (some where reviewers
disagree), decisions whose public explanation matches the status notes the base demo wrote, posted as official
responses, the audit trail, and the response records (so some ideas show as overdue)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import F

from cocreate.accounts.models import Role, RoleAssignment, User
from cocreate.activity.models import ActivityEntry
from cocreate.campaigns.models import Campaign
from cocreate.engagement.models import Comment
from cocreate.ideas.lifecycle import IdeaStatus as S
from cocreate.ideas.models import Idea, IdeaStatusChange

from .models import (
    CriterionScore,
    Decision,
    EntryReason,
    Outcome,
    ReviewAssignment,
    ReviewItem,
    Scorecard,
)
from .services import response_records_rebuild, review_stages_ensure, weighted_total

DEMO_ORDER = 50  # after the base community, before contexts that read decisions (roadmap, notifications)

IN_REVIEW = (S.THRESHOLD_REACHED, S.UNDER_REVIEW, S.NEEDS_INFO, S.ACCEPTED, S.DECLINED)
NOTES = [
    "Clear problem, and the proposal fits the brief well.",
    "Good idea; the running costs need a closer look before we commit.",
    "The community support is strong; feasibility is the open question.",
    "Original and well argued. I would like to see a pilot first.",
]
COMMENTS = ["Convincing.", "Needs numbers.", "Fits the brief.", "Risky but promising.", ""]


def _review_entry(
    *, action: str, at: Any, details: dict, actor: Any = None, idea: Idea | None = None, campaign_id: int | None = None
) -> ActivityEntry:
    """A review entry of the activity log with its past time (the demo writes them in bulk, not one by one)."""
    return ActivityEntry(
        actor=actor,
        verb=f"review.{action}",
        target_type=ContentType.objects.get_for_model(Idea) if idea is not None else None,
        target_id=getattr(idea, "pk", None),
        target_label=idea.title[:200] if idea is not None else "",
        campaign_id=campaign_id or getattr(idea, "campaign_id", None),
        details=details,
        created_at=at,
    )


def seed_demo(ctx: Any) -> dict[str, int]:
    rng = ctx.rng
    facilitator, reviewer, admin = ctx.accounts["facilitator"], ctx.accounts["reviewer"], ctx.accounts["admin"]
    campaigns = list(Campaign.objects.order_by("pk").prefetch_related("criteria"))
    ideas = list(
        Idea.objects.filter(status__in=IN_REVIEW, campaign__in=campaigns)
        .select_related("campaign")
        .order_by("campaign_id", "pk")
    )
    changes: dict[int, list[IdeaStatusChange]] = {}
    for change in IdeaStatusChange.objects.filter(idea__in=ideas).order_by("created_at", "id"):
        changes.setdefault(change.idea_id, []).append(change)

    # Reviewers: the demo reviewer (scoped to the design contest) plus, elsewhere, two community experts.
    scoped = set(RoleAssignment.objects.filter(role=Role.REVIEWER).values_list("user_id", "campaign_id"))
    staff_ids = set(RoleAssignment.objects.values_list("user_id", flat=True))
    # Community experts become reviewers only in a community big enough to spare them: other demos (moderation)
    # draw their cast from members without any role. Otherwise the site admin (every role) reviews.
    community = User.objects.exclude(pk__in=staff_ids).filter(is_active=True, is_superuser=False)
    experts = list(community.order_by("-pk")[:2]) if community.count() >= 100 else [admin]
    reviewers_of: dict[int, list[User]] = {}
    new_roles = []
    for campaign in campaigns:
        people = [reviewer] if (reviewer.pk, campaign.pk) in scoped else []
        # two reviewers per idea, so the consensus view has something to compare
        for expert in experts[: 2 - len(people)]:
            if expert != admin:
                new_roles.append(RoleAssignment(user=expert, role=Role.REVIEWER, campaign=campaign))
            people.append(expert)
        reviewers_of[campaign.pk] = people
    RoleAssignment.objects.bulk_create(new_roles, ignore_conflicts=True)

    items, assignments, cards, scores, decisions, actions = [], [], [], [], [], []
    official_comments: list[tuple[Idea, Comment, Any]] = []
    for n, idea in enumerate(ideas):
        history = changes.get(idea.pk, [])
        stages = review_stages_ensure(idea.campaign)
        reached = next((c for c in history if c.to_status == S.THRESHOLD_REACHED), None)
        started = next((c for c in history if c.to_status == S.UNDER_REVIEW), None)
        decided = next((c for c in reversed(history) if c.to_status in (S.ACCEPTED, S.DECLINED, S.NEEDS_INFO)), None)
        first = reached or started or (history[-1] if history else None)
        entered_at = first.created_at if first else ctx.now - timedelta(days=3)
        stage = stages[0]
        if idea.status == S.UNDER_REVIEW:
            stage = stages[1 + n % 2] if len(stages) > 2 else stages[-1]
        elif idea.status == S.NEEDS_INFO:
            stage = stages[min(1, len(stages) - 1)]
        elif idea.status in (S.ACCEPTED, S.DECLINED):
            stage = stages[-1]
        closed_at = decided.created_at if decided and idea.status in (S.ACCEPTED, S.DECLINED) else None
        items.append(
            ReviewItem(
                idea=idea,
                campaign_id=idea.campaign_id,
                stage=stage,
                reason=EntryReason.THRESHOLD,
                entered_at=entered_at,
                closed_at=closed_at,
            )
        )
        actions.append(
            _review_entry(
                action="entered_review",
                idea=idea,
                campaign_id=idea.campaign_id,
                at=entered_at,
                details={"reason": "threshold", "stage": stages[0].name},
            )
        )
        if stage.position > 0:
            at = (started.created_at if started else entered_at) + timedelta(minutes=5)
            actions.append(
                _review_entry(
                    actor=facilitator,
                    action="stage_moved",
                    idea=idea,
                    campaign_id=idea.campaign_id,
                    at=at,
                    details={"from": stages[0].name, "to": stage.name},
                )
            )

        # Assignments: everything past screening, and some of the ideas still in screening.
        people = reviewers_of.get(idea.campaign_id, [])
        if not people or (idea.status == S.THRESHOLD_REACHED and n % 3 == 0):
            pass
        else:
            assigned_at = entered_at + timedelta(hours=rng.uniform(2, 30))
            for person in people:
                if person.pk == idea.author_id:
                    continue
                assignments.append(
                    ReviewAssignment(idea=idea, reviewer=person, assigned_by=facilitator, assigned_at=assigned_at)
                )
                actions.append(
                    _review_entry(
                        actor=facilitator,
                        action="reviewer_assigned",
                        idea=idea,
                        campaign_id=idea.campaign_id,
                        at=assigned_at,
                        details={"reviewer_id": person.pk, "reviewer": person.public_name},
                    )
                )
            # Scorecards once review started (the demo reviewer keeps a few to do: their own queue).
            criteria = list(idea.campaign.criteria.all())
            if criteria and idea.status != S.THRESHOLD_REACHED:
                base = {S.ACCEPTED: 4, S.DECLINED: 2}.get(idea.status, 3)
                disagree = n % 4 == 1
                for k, person in enumerate(p for p in people if p.pk != idea.author_id):
                    if person == reviewer and idea.status == S.UNDER_REVIEW and n % 2 == 0:
                        continue
                    at = assigned_at + timedelta(hours=rng.uniform(4, 72))
                    if decided is not None and at >= decided.created_at:
                        at = decided.created_at - timedelta(hours=rng.uniform(1, 12))
                    values = {}
                    for c in criteria:
                        centre = (base + 1 if k == 0 else base - 2) if disagree else base
                        values[c.pk] = max(0, min(5, centre + rng.choice([-1, 0, 0, 1])))
                    total = weighted_total(values, {c.pk: c.weight for c in criteria})
                    note = rng.choice(NOTES) if rng.random() < 0.5 else ""
                    card = Scorecard(
                        idea=idea,
                        reviewer=person,
                        public_note=note,
                        weighted_total=total,
                        submitted_at=at,
                        updated_at=at,
                    )
                    cards.append(card)
                    scores.append([(c.pk, values[c.pk], rng.choice(COMMENTS)) for c in criteria])
                    actions.append(
                        _review_entry(
                            actor=person,
                            action="scorecard_submitted",
                            idea=idea,
                            campaign_id=idea.campaign_id,
                            at=at,
                            details={"weighted_total": str(total), "public_note": note},
                        )
                    )

        # Decisions: the base demo's status notes are the explanations; they go up as official responses.
        if decided is not None and decided.note:
            actor = decided.actor or facilitator
            outcome = {S.ACCEPTED: Outcome.ACCEPTED, S.DECLINED: Outcome.DECLINED, S.NEEDS_INFO: Outcome.NEEDS_INFO}[
                decided.to_status
            ]
            comment = Comment(idea=idea, author=actor, body=decided.note, is_official=True)
            comment.created_at = comment.updated_at = decided.created_at
            official_comments.append((idea, comment, decided.created_at))
            decisions.append(
                Decision(
                    idea=idea,
                    outcome=outcome,
                    explanation=decided.note,
                    actor=actor,
                    comment=comment,
                    created_at=decided.created_at,
                )
            )
            actions.append(
                _review_entry(
                    actor=actor,
                    action="decided",
                    idea=idea,
                    campaign_id=idea.campaign_id,
                    at=decided.created_at,
                    details={"outcome": str(outcome), "explanation": decided.note},
                )
            )

    ReviewItem.objects.bulk_create(items)
    ReviewAssignment.objects.bulk_create(assignments, ignore_conflicts=True)
    Scorecard.objects.bulk_create(cards)
    CriterionScore.objects.bulk_create(
        [
            CriterionScore(scorecard=card, criterion_id=pk, score=value, comment=comment)
            for card, rows in zip(cards, scores, strict=True)
            for pk, value, comment in rows
        ]
    )
    Comment.objects.bulk_create([c for _i, c, _at in official_comments])
    for idea, comment, at in official_comments:
        Idea.objects.filter(pk=idea.pk).update(comment_count=F("comment_count") + 1)
        # created_at is set on insert; put the answer back where it happened
        Comment.objects.filter(pk=comment.pk).update(created_at=at, updated_at=at)
    for decision in decisions:
        decision.comment_id = decision.comment.pk if decision.comment else None
    Decision.objects.bulk_create(decisions)

    # One bulk action on record, as staff would do when a batch reaches the threshold.
    first_campaign = next((i.campaign_id for i in ideas if i.status == S.THRESHOLD_REACHED), None)
    batch = [i.pk for i in ideas if i.status == S.THRESHOLD_REACHED and i.campaign_id == first_campaign][:4]
    if batch:
        actions.append(
            _review_entry(
                actor=facilitator,
                campaign_id=first_campaign,  # so it is listed for that campaign's staff
                action="bulk_round_robin",
                at=ctx.now - timedelta(days=1),
                details={"idea_ids": batch, "changed": len(batch)},
            )
        )
    # The other queue tools, once each: a batch assigned and moved on, a reviewer swapped out, an author who
    # answered the panel's question and sent the idea back to review.
    in_review = [i for i in ideas if i.status == S.UNDER_REVIEW]
    if len(in_review) >= 2:
        pair, at = in_review[:2], ctx.now - timedelta(days=3)
        actions += [
            _review_entry(
                actor=facilitator,
                campaign_id=pair[0].campaign_id,
                action="bulk_assign",
                at=at,
                details={"idea_ids": [i.pk for i in pair], "reviewer_id": reviewer.pk, "changed": 2},
            ),
            _review_entry(
                actor=facilitator,
                campaign_id=pair[0].campaign_id,
                action="bulk_move_stage",
                at=at + timedelta(minutes=2),
                details={
                    "idea_ids": [i.pk for i in pair],
                    "stage": review_stages_ensure(pair[0].campaign)[-1].name,
                    "changed": 2,
                },
            ),
            _review_entry(
                actor=facilitator,
                action="reviewer_unassigned",
                idea=pair[1],
                at=at + timedelta(minutes=5),
                details={"reviewer_id": admin.pk},
            ),
            _review_entry(
                actor=pair[0].author,
                action="resubmitted",
                idea=pair[0],
                at=at - timedelta(days=2),
                details={"note": "Added the costs the panel asked for."},
            ),
        ]
    actions.append(
        _review_entry(
            actor=admin,
            action="stages_changed",
            campaign_id=campaigns[0].pk if campaigns else None,
            at=ctx.now - timedelta(days=60),
            details={"before": [], "after": [s.name for s in review_stages_ensure(campaigns[0])]} if campaigns else {},
        )
    )
    ActivityEntry.objects.bulk_create(actions)
    records = response_records_rebuild()
    return {
        "review queue items": len(items),
        "review assignments": len(assignments),
        "scorecards": len(cards),
        "decisions": len(decisions),
        "review audit entries": len(actions),
        "response records": records,
    }
