from dataclasses import dataclass
from typing import ClassVar

from cocreate.core.events import DomainEvent


@dataclass(frozen=True)
class PasswordChanged(DomainEvent):
    """A member's password was changed (by them) or reset (through an emailed link). Credentials made with the old
    one — API tokens, other sessions — must not outlive it."""

    changes_public_pages: ClassVar[bool] = False

    member_id: int
    how: str  # "changed", "reset" or "set"
