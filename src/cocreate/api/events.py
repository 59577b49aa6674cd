from dataclasses import dataclass

from cocreate.core.events import DomainEvent


@dataclass(frozen=True)
class TokenCreated(DomainEvent):
    token_id: int
    user_id: int


@dataclass(frozen=True)
class TokenRevoked(DomainEvent):
    token_id: int
    user_id: int
    actor_id: int
