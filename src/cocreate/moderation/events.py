from dataclasses import dataclass

from cocreate.core.events import DomainEvent


@dataclass(frozen=True)
class ContentHidden(DomainEvent):
    kind: str  # "idea", "comment" or "profile"
    object_id: int
    author_id: int
    reason: str
    actor_id: int | None  # None when hidden automatically by flags


@dataclass(frozen=True)
class ContentRestored(DomainEvent):
    kind: str
    object_id: int
    author_id: int
    reason: str
    actor_id: int


@dataclass(frozen=True)
class MemberSuspended(DomainEvent):
    member_id: int
    until_iso: str
    reason: str
    actor_id: int
