from dataclasses import dataclass

from cocreate.core.events import DomainEvent


@dataclass(frozen=True)
class RoadmapItemCreated(DomainEvent):
    item_id: int
    idea_id: int | None


@dataclass(frozen=True)
class RoadmapItemProgressed(DomainEvent):
    item_id: int
    idea_id: int | None
    status: str  # planned, in_progress, shipped
    progress: int  # percent
    note: str = ""


@dataclass(frozen=True)
class RoadmapItemShipped(DomainEvent):
    item_id: int
    idea_id: int | None
    release_id: int | None


@dataclass(frozen=True)
class ReleasePublished(DomainEvent):
    release_id: int
