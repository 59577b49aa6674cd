from dataclasses import dataclass

from cocreate.core.events import DomainEvent


@dataclass(frozen=True)
class IdeaEnteredReview(DomainEvent):
    idea_id: int
    campaign_id: int
    actor_id: int | None  # None when the idea got there by reaching its threshold


@dataclass(frozen=True)
class ReviewerAssigned(DomainEvent):
    idea_id: int
    reviewer_id: int
    actor_id: int | None


@dataclass(frozen=True)
class ReviewStageChanged(DomainEvent):
    idea_id: int
    stage_name: str
    actor_id: int | None


@dataclass(frozen=True)
class ScorecardSubmitted(DomainEvent):
    idea_id: int
    scorecard_id: int
    reviewer_id: int


@dataclass(frozen=True)
class IdeaDecided(DomainEvent):
    """A decision with its public explanation: accepted, declined, merged or needs_info."""

    idea_id: int
    decision: str
    explanation: str
    actor_id: int
    merged_into_id: int | None = None
    change_id: int | None = None  # the IdeaStatusChange row the decision made (see IdeaStatusChanged)
