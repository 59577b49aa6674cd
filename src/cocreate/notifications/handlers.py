"""Event handlers: each does O(1) work in the request that caused the event — it names the event and enqueues
one background task (ids only). Who hears about it is computed by the task, however many people that is.

Avoiding double notices: everything that changes an idea's status shares one event key, `status:<id of the
IdeaStatusChange row>`. A decision publishes IdeaDecided *and* IdeaStatusChanged, a merge IdeasMerged (maybe
IdeaDecided) *and* IdeaStatusChanged: whichever task runs first creates the notification, the others create
nothing for that person (unique recipient + event key). A status reached by the last rung of the support ladder
is told by IdeaStageReached, so IdeaStatusChanged to threshold_reached is skipped. A release is told per item
by RoadmapItemShipped, so ReleasePublished adds nothing."""

from __future__ import annotations

import logging
import uuid
from dataclasses import asdict
from typing import Any

from cocreate.core.events import subscribe
from cocreate.engagement.events import CommentPosted
from cocreate.ideas.events import IdeaRevised, IdeaStageReached, IdeaStatusChanged, IdeaUpdatePosted
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.ideas.models import IdeaStatusChange
from cocreate.moderation.events import ContentHidden, ContentRestored, MemberSuspended
from cocreate.review.events import IdeaDecided, ReviewerAssigned
from cocreate.roadmap.events import ReleasePublished, RoadmapItemShipped
from cocreate.similarity.events import IdeasMerged, MergeUndone

logger = logging.getLogger(__name__)

# Statuses told by another event (see the module docstring).
SKIPPED_STATUSES = frozenset({IdeaStatus.THRESHOLD_REACHED})


def enqueue(event: str, event_key: str, params: dict[str, Any]) -> None:
    from .tasks import deliver

    deliver.enqueue(event, event_key, params)


def _once() -> str:
    return uuid.uuid4().hex[:16]


def status_key(idea_id: int, *, to_status: str | None = None, from_status: str | None = None) -> str:
    """The key shared by every event about one status change: the latest matching IdeaStatusChange row."""
    changes = IdeaStatusChange.objects.filter(idea_id=idea_id)
    if to_status is not None:
        changes = changes.filter(to_status=to_status)
    if from_status is not None:
        changes = changes.filter(from_status=from_status)
    change_id = changes.order_by("-id").values_list("pk", flat=True).first()
    return f"status:{change_id}" if change_id else f"status:{idea_id}:{_once()}"


@subscribe(IdeaStatusChanged)
def on_status_changed(event: IdeaStatusChanged) -> None:
    if event.to_status in SKIPPED_STATUSES:
        return
    enqueue("status_changed", status_key(event.idea_id, to_status=event.to_status), asdict(event))


@subscribe(IdeaDecided)
def on_decided(event: IdeaDecided) -> None:
    status = IdeaStatus.MERGED if event.decision == "merged" else event.decision
    enqueue("decided", status_key(event.idea_id, to_status=status), asdict(event))


@subscribe(IdeaStageReached)
def on_stage_reached(event: IdeaStageReached) -> None:
    enqueue("stage", f"stage:{event.idea_id}:{event.stage_number}", asdict(event))


@subscribe(IdeaUpdatePosted)
def on_update_posted(event: IdeaUpdatePosted) -> None:
    enqueue("update", f"update:{event.update_id}", {**asdict(event), "actor_id": event.author_id})


@subscribe(IdeaRevised)
def on_revised(event: IdeaRevised) -> None:
    key = f"revision:{event.idea_id}:{event.revision_number}"
    enqueue("revised", key, {**asdict(event), "actor_id": event.editor_id})


@subscribe(CommentPosted)
def on_comment_posted(event: CommentPosted) -> None:
    enqueue("comment", f"comment:{event.comment_id}", {**asdict(event), "actor_id": event.author_id})


@subscribe(ReviewerAssigned)
def on_reviewer_assigned(event: ReviewerAssigned) -> None:
    enqueue("reviewer_assigned", f"reviewer:{event.idea_id}:{event.reviewer_id}:{_once()}", asdict(event))


@subscribe(RoadmapItemShipped)
def on_shipped(event: RoadmapItemShipped) -> None:
    if event.idea_id is None:
        return
    enqueue("shipped", f"shipped:{event.item_id}", asdict(event))


@subscribe(ReleasePublished)
def on_release_published(event: ReleasePublished) -> None:
    """Each shipped item of the release is told by RoadmapItemShipped; nothing more to say per person."""


@subscribe(IdeasMerged)
def on_merged(event: IdeasMerged) -> None:
    enqueue("merged", status_key(event.source_id, to_status=IdeaStatus.MERGED), asdict(event))


@subscribe(MergeUndone)
def on_merge_undone(event: MergeUndone) -> None:
    enqueue("merge_undone", status_key(event.source_id, from_status=IdeaStatus.MERGED), asdict(event))


@subscribe(ContentHidden)
def on_content_hidden(event: ContentHidden) -> None:
    params = {**asdict(event), "content": event.kind, "action": "hidden"}
    enqueue("content", f"hidden:{event.kind}:{event.object_id}:{_once()}", params)


@subscribe(ContentRestored)
def on_content_restored(event: ContentRestored) -> None:
    params = {**asdict(event), "content": event.kind, "action": "restored"}
    enqueue("content", f"restored:{event.kind}:{event.object_id}:{_once()}", params)


@subscribe(MemberSuspended)
def on_member_suspended(event: MemberSuspended) -> None:
    enqueue("suspended", f"suspended:{event.member_id}:{_once()}", asdict(event))
