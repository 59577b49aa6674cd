"""Domain events of the pairwise wiki survey."""

from dataclasses import dataclass

from cocreate.core.events import DomainEvent


@dataclass(frozen=True)
class PairwiseEntryAdded(DomainEvent):
    entry_id: int
    campaign_id: int
    added_by_id: int | None
    status: str


@dataclass(frozen=True)
class PairwiseEntryModerated(DomainEvent):
    entry_id: int
    campaign_id: int
    moderator_id: int
    status: str


@dataclass(frozen=True)
class PairwiseVoteCast(DomainEvent):
    changes_public_pages = False
    vote_id: int
    campaign_id: int
    voter_id: int | None
    choice: str
