"""Domain events of the opinion map."""

from __future__ import annotations

from dataclasses import dataclass

from cocreate.core.events import DomainEvent


@dataclass(frozen=True)
class OpinionVoteCast(DomainEvent):
    changes_public_pages = False
    campaign_id: int
    statement_id: int
    participant_id: int
    value: int


@dataclass(frozen=True)
class StatementSubmitted(DomainEvent):
    campaign_id: int
    statement_id: int
    moderation: int


@dataclass(frozen=True)
class StatementModerated(DomainEvent):
    campaign_id: int
    statement_id: int
    moderation: int


@dataclass(frozen=True)
class OpinionReportComputed(DomainEvent):
    campaign_id: int
    vote_count: int
