"""Event handlers of this context (subscribed on app ready)."""

from cocreate.accounts.events import PasswordChanged
from cocreate.core.events import subscribe
from cocreate.moderation.events import MemberSuspended

from .services import tokens_revoke_all


@subscribe(PasswordChanged)
def revoke_tokens_on_password_change(event: PasswordChanged) -> None:
    tokens_revoke_all(member_id=event.member_id, actor_id=event.member_id)


@subscribe(MemberSuspended)
def revoke_tokens_on_suspension(event: MemberSuspended) -> None:
    tokens_revoke_all(member_id=event.member_id, actor_id=event.actor_id)
