"""Writes for the API context: personal access tokens (create, revoke, authenticate)."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.accounts.models import User
from cocreate.accounts.standing import require_active
from cocreate.activity.models import Verb
from cocreate.activity.services import activity_record
from cocreate.core.errors import ApplicationError, Conflict
from cocreate.core.events import publish
from cocreate.core.permissions import require_perm

from .events import TokenCreated, TokenRevoked
from .models import PersonalAccessToken, hash_token, new_raw_token

MAX_ACTIVE_TOKENS = 20
# last_used_at is a hint for the member ("used 3 minutes ago"), not an audit log: writing it on every request
# would turn each API read into a write, so it is refreshed at most this often.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def token_create(*, actor: User, name: str) -> tuple[PersonalAccessToken, str]:
    """Create a personal access token for `actor`. Returns the token and its raw value, which is never stored
    (only its hash) and must be shown to the member once. Publishes TokenCreated."""
    if not getattr(actor, "is_authenticated", False):
        raise ApplicationError(_("Sign in to create a token."), code="not_authenticated", status=401)
    require_perm(actor, "api.create_token")
    require_active(actor)
    name = " ".join((name or "").split())
    if not name:
        raise ApplicationError(_("Give the token a name, so you recognise it later."), field="name")
    if len(name) > 80:
        raise ApplicationError(_("Keep the name under 80 characters."), field="name")
    with transaction.atomic():
        active = PersonalAccessToken.objects.select_for_update().filter(user=actor, revoked_at__isnull=True)
        if len(active) >= MAX_ACTIVE_TOKENS:
            raise ApplicationError(
                _("You have %(n)d active tokens. Revoke one you no longer use first.") % {"n": MAX_ACTIVE_TOKENS},
                code="too_many_tokens",
            )
        raw = new_raw_token()
        token = PersonalAccessToken(user=actor, name=name, token_hash=hash_token(raw), prefix=raw[:12])
        token.full_clean()
        token.save()
        activity_record(actor=actor, verb=Verb.TOKEN_CREATED, target=token, details={"prefix": token.prefix})
        publish(TokenCreated(token_id=token.pk, user_id=actor.pk))
    return token, raw


def token_revoke(*, actor: User, token: PersonalAccessToken) -> PersonalAccessToken:
    """Revoke a token for good: requests bearing it are refused from now on. Publishes TokenRevoked."""
    require_perm(actor, "api.revoke_token", token, _("You can only revoke your own tokens."))
    with transaction.atomic():
        token = PersonalAccessToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is not None:
            raise Conflict(_("This token is already revoked."), code="already_revoked")
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        activity_record(
            actor=actor,
            verb=Verb.TOKEN_REVOKED,
            target=token,
            details={"prefix": token.prefix, "owner_id": token.user_id},
        )
        publish(TokenRevoked(token_id=token.pk, user_id=token.user_id, actor_id=actor.pk))
    return token


def tokens_revoke_all(*, member_id: int, actor_id: int) -> int:
    """Revoke every active token of a member whose credentials changed or who was suspended: a token must not
    outlive the password it was made under, nor let a suspended member keep writing. Publishes TokenRevoked for
    each. Returns how many were revoked."""
    with transaction.atomic():
        tokens = list(
            PersonalAccessToken.objects.select_for_update().filter(user_id=member_id, revoked_at__isnull=True)
        )
        now = timezone.now()
        for token in tokens:
            token.revoked_at = now
            token.save(update_fields=["revoked_at", "updated_at"])
            activity_record(
                actor=None,  # the system, on the credential change or suspension named in `by_id`'s act
                verb=Verb.TOKEN_REVOKED,
                target=token,
                details={"prefix": token.prefix, "owner_id": member_id, "by_id": actor_id, "all": True},
            )
            publish(TokenRevoked(token_id=token.pk, user_id=member_id, actor_id=actor_id))
    return len(tokens)


def token_authenticate(*, raw: str) -> PersonalAccessToken | None:
    """The active token matching `raw` (with its user loaded), or None. Records when it was last used."""
    raw = (raw or "").strip()
    if not raw or len(raw) > 200:
        return None
    token = (
        PersonalAccessToken.objects.select_related("user")
        .filter(token_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        PersonalAccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
