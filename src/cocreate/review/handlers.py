"""Reactions of this context (registered on app ready, run as retried tasks): the queue fills itself, and first
responses are recorded for the response promise. Each is idempotent: review_enter keeps one open item per
idea, record_first_response keeps the first."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from cocreate.accounts.models import Role
from cocreate.accounts.selectors import has_role
from cocreate.core.events import reaction
from cocreate.engagement.events import CommentPosted
from cocreate.ideas.events import IdeaStatusChanged
from cocreate.ideas.lifecycle import IdeaStatus

STAFF_ROLES = {Role.ADMIN, Role.FACILITATOR, Role.MODERATOR, Role.REVIEWER}
# Moderation (approving a pending idea, returning it to its author) is not an answer to the idea.
NOT_AN_ANSWER_FROM = frozenset({"", IdeaStatus.DRAFT, IdeaStatus.PENDING})


def counts_as_response(actor: Any, campaign_id: int, from_status: str, to_status: str) -> bool:
    """A status change counts as the idea's official response when campaign staff made it (not the author's
    own steps, not the automatic ladder, not moderation of a new submission)."""
    if actor is None or from_status in NOT_AN_ANSWER_FROM:
        return False
    return has_role(actor, STAFF_ROLES, campaign_id)


QUEUED_STATES = (IdeaStatus.THRESHOLD_REACHED, IdeaStatus.UNDER_REVIEW)


@reaction(IdeaStatusChanged, when=lambda event: event.to_status in QUEUED_STATES)
def enter_queue(event: IdeaStatusChanged) -> None:
    """Ideas reaching their threshold, or put under review by staff by any route, join the review queue."""
    from cocreate.accounts.models import User
    from cocreate.ideas.models import Idea

    from .models import EntryReason
    from .services import review_enter

    idea = Idea.objects.select_related("campaign").filter(pk=event.idea_id).first()
    if idea is None or idea.status not in QUEUED_STATES:
        return  # it moved on before the handler ran (e.g. decided in the same transaction)
    actor = User.objects.filter(pk=event.actor_id).first() if event.actor_id else None
    reason = EntryReason.THRESHOLD if event.to_status == IdeaStatus.THRESHOLD_REACHED else EntryReason.STAFF
    review_enter(idea=idea, reason=reason, actor=actor)


@reaction(IdeaStatusChanged, when=lambda event: event.actor_id is not None)
def status_change_response(event: IdeaStatusChanged) -> None:
    from cocreate.accounts.models import User
    from cocreate.ideas.models import Idea

    from .models import ResponseKind
    from .services import record_first_response

    campaign_id = Idea.objects.filter(pk=event.idea_id).values_list("campaign_id", flat=True).first()
    actor = User.objects.filter(pk=event.actor_id).first()
    if campaign_id is None or not counts_as_response(actor, campaign_id, event.from_status, event.to_status):
        return
    record_first_response(idea_id=event.idea_id, at=timezone.now(), kind=ResponseKind.STATUS_CHANGE)


@reaction(CommentPosted, when=lambda event: event.is_official)
def official_comment_response(event: CommentPosted) -> None:
    from cocreate.engagement.models import Comment

    from .models import ResponseKind
    from .services import record_first_response

    at = Comment.objects.filter(pk=event.comment_id).values_list("created_at", flat=True).first()
    if at is not None:
        record_first_response(idea_id=event.idea_id, at=at, kind=ResponseKind.OFFICIAL_COMMENT)
