from dataclasses import dataclass

from cocreate.core.events import DomainEvent


@dataclass(frozen=True)
class AgreementPublished(DomainEvent):
    agreement_id: int
    version: int


@dataclass(frozen=True)
class AgreementAccepted(DomainEvent):
    user_id: int
    agreement_id: int
