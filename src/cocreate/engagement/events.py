from dataclasses import dataclass

from cocreate.core.events import DomainEvent


@dataclass(frozen=True)
class SupportAdded(DomainEvent):
    changes_public_pages = False
    idea_id: int
    member_id: int
    support_id: int | None = None


@dataclass(frozen=True)
class SupportRemoved(DomainEvent):
    changes_public_pages = False
    idea_id: int
    member_id: int


@dataclass(frozen=True)
class CommentPosted(DomainEvent):
    comment_id: int
    idea_id: int
    author_id: int
    parent_id: int | None
    is_official: bool


@dataclass(frozen=True)
class CommentEdited(DomainEvent):
    comment_id: int


@dataclass(frozen=True)
class CommentDeleted(DomainEvent):
    comment_id: int
    actor_id: int
