from dataclasses import dataclass

from cocreate.core.events import DomainEvent


@dataclass(frozen=True)
class IdeaSubmitted(DomainEvent):
    idea_id: int
    author_id: int
    status: str


@dataclass(frozen=True)
class IdeaStatusChanged(DomainEvent):
    idea_id: int
    from_status: str
    to_status: str
    actor_id: int | None
    note: str = ""
    change_id: int | None = None  # the IdeaStatusChange row: the key every notice about this change shares


@dataclass(frozen=True)
class IdeaRevised(DomainEvent):
    idea_id: int
    revision_number: int
    editor_id: int


@dataclass(frozen=True)
class IdeaStageReached(DomainEvent):
    """The idea climbed one rung of its campaign's support ladder (the last rung also fires IdeaStatusChanged)."""

    idea_id: int
    stage_number: int
    threshold: int


@dataclass(frozen=True)
class IdeaUpdatePosted(DomainEvent):
    idea_id: int
    update_id: int
    author_id: int
