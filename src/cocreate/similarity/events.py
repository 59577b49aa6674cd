from dataclasses import dataclass

from cocreate.core.events import DomainEvent


@dataclass(frozen=True)
class IdeasMerged(DomainEvent):
    merge_id: int
    source_id: int  # the duplicate, now merged
    target_id: int  # the idea it lives on in
    actor_id: int
    change_id: int | None = None  # the source's IdeaStatusChange row (see IdeaStatusChanged)


@dataclass(frozen=True)
class MergeUndone(DomainEvent):
    merge_id: int
    source_id: int
    target_id: int
    actor_id: int
    change_id: int | None = None  # the source's IdeaStatusChange row (see IdeaStatusChanged)
