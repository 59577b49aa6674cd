"""Reactions of this context (registered on app ready, run as retried tasks, see docs/events.md): a member's
tokens are revoked when their password changes or they are suspended. A reaction, not an immediate handler: a
revocation that failed must be retried and shown to admins, never left as a log line while the tokens work."""

from cocreate.accounts.events import PasswordChanged
from cocreate.core.events import reaction
from cocreate.moderation.events import MemberSuspended

from .services import tokens_revoke_all


@reaction(PasswordChanged)
def revoke_tokens_on_password_change(event: PasswordChanged) -> None:
    tokens_revoke_all(member_id=event.member_id, actor_id=event.member_id)


@reaction(MemberSuspended)
def revoke_tokens_on_suspension(event: MemberSuspended) -> None:
    tokens_revoke_all(member_id=event.member_id, actor_id=event.actor_id)
