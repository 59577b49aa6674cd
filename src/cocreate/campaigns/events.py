from dataclasses import dataclass

from cocreate.core.events import DomainEvent


@dataclass(frozen=True)
class CampaignChanged(DomainEvent):
    campaign_id: int
    actor_id: int | None
    created: bool = False


@dataclass(frozen=True)
class CampaignPublished(DomainEvent):
    campaign_id: int
