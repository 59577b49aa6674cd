"""Reactions: each names the event and fans it out through `notifications_deliver`, in a task recorded with the
event (see cocreate.core.events): a failure is retried and shown to admins. Who hears about it is computed in
the task, however many people that is; deliver commits in chunks and is idempotent (unique recipient + event
key, each email claimed before it is sent), so these reactions are not atomic and a retry sends only the rest.

Avoiding double notices: everything that changes an idea's status shares one event key, `status:<id of the
IdeaStatusChange row>`, which the events carry (`change_id`). A decision publishes IdeaDecided *and*
IdeaStatusChanged, a merge IdeasMerged (maybe IdeaDecided) *and* IdeaStatusChanged: whichever runs first
creates the notification, the others create nothing for that person (unique recipient + event key). A status
reached by the last rung of the support ladder is told by IdeaStageReached, so IdeaStatusChanged to
threshold_reached is skipped. A release is told per item by RoadmapItemShipped, so ReleasePublished adds
nothing. Keys that name no row end with the event's id, so a retry of the same event reuses its key."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from cocreate.core.events import DomainEvent, reaction
from cocreate.engagement.events import CommentPosted
from cocreate.ideas.events import IdeaRevised, IdeaStageReached, IdeaStatusChanged, IdeaUpdatePosted
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.ideas.selectors import status_change_id
from cocreate.moderation.events import ContentHidden, ContentRestored, MemberSuspended
from cocreate.review.events import IdeaDecided, ReviewerAssigned
from cocreate.roadmap.events import RoadmapItemShipped
from cocreate.similarity.events import IdeasMerged, MergeUndone

from .services import notifications_deliver

# Statuses told by another event (see the module docstring).
SKIPPED_STATUSES = frozenset({IdeaStatus.THRESHOLD_REACHED})


def deliver(event: str, event_key: str, params: dict[str, Any]) -> None:
    notifications_deliver(event=event, event_key=event_key, params=_params(params))


def _params(params: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in params.items() if k != "event_id"}


def status_key(
    event: DomainEvent, idea_id: int, *, to_status: str | None = None, from_status: str | None = None
) -> str:
    """The key shared by every event about one status change: its IdeaStatusChange row, which services put in
    the event (`change_id`); an event made without one falls back to the latest matching row."""
    change_id = getattr(event, "change_id", None) or status_change_id(
        idea_id, to_status=to_status, from_status=from_status
    )
    return f"status:{change_id}" if change_id else f"status:{idea_id}:{event.event_id}"


def notify(event_type: type, **options: Any):
    """A notifications reaction: durable, retried, not atomic (deliver commits in chunks, idempotently)."""
    return reaction(event_type, atomic=False, **options)


@notify(IdeaStatusChanged, when=lambda event: event.to_status not in SKIPPED_STATUSES)
def on_status_changed(event: IdeaStatusChanged) -> None:
    key = status_key(event, event.idea_id, to_status=event.to_status)
    deliver("status_changed", key, asdict(event))


@notify(IdeaDecided)
def on_decided(event: IdeaDecided) -> None:
    status = IdeaStatus.MERGED if event.decision == "merged" else event.decision
    deliver("decided", status_key(event, event.idea_id, to_status=status), asdict(event))


@notify(IdeaStageReached)
def on_stage_reached(event: IdeaStageReached) -> None:
    deliver("stage", f"stage:{event.idea_id}:{event.stage_number}", asdict(event))


@notify(IdeaUpdatePosted)
def on_update_posted(event: IdeaUpdatePosted) -> None:
    deliver("update", f"update:{event.update_id}", {**asdict(event), "actor_id": event.author_id})


@notify(IdeaRevised)
def on_revised(event: IdeaRevised) -> None:
    key = f"revision:{event.idea_id}:{event.revision_number}"
    deliver("revised", key, {**asdict(event), "actor_id": event.editor_id})


@notify(CommentPosted)
def on_comment_posted(event: CommentPosted) -> None:
    deliver("comment", f"comment:{event.comment_id}", {**asdict(event), "actor_id": event.author_id})


@notify(ReviewerAssigned)
def on_reviewer_assigned(event: ReviewerAssigned) -> None:
    deliver("reviewer_assigned", f"reviewer:{event.idea_id}:{event.reviewer_id}:{event.event_id}", asdict(event))


@notify(RoadmapItemShipped, when=lambda event: event.idea_id is not None)
def on_shipped(event: RoadmapItemShipped) -> None:
    deliver("shipped", f"shipped:{event.item_id}", asdict(event))


@notify(IdeasMerged)
def on_merged(event: IdeasMerged) -> None:
    deliver("merged", status_key(event, event.source_id, to_status=IdeaStatus.MERGED), asdict(event))


@notify(MergeUndone)
def on_merge_undone(event: MergeUndone) -> None:
    deliver("merge_undone", status_key(event, event.source_id, from_status=IdeaStatus.MERGED), asdict(event))


@notify(ContentHidden)
def on_content_hidden(event: ContentHidden) -> None:
    params = {**asdict(event), "content": event.kind, "action": "hidden"}
    deliver("content", f"hidden:{event.kind}:{event.object_id}:{event.event_id}", params)


@notify(ContentRestored)
def on_content_restored(event: ContentRestored) -> None:
    params = {**asdict(event), "content": event.kind, "action": "restored"}
    deliver("content", f"restored:{event.kind}:{event.object_id}:{event.event_id}", params)


@notify(MemberSuspended)
def on_member_suspended(event: MemberSuspended) -> None:
    deliver("suspended", f"suspended:{event.member_id}:{event.event_id}", asdict(event))
