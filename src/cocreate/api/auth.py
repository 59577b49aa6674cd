"""How the API knows who is calling: a personal access token, or the browser's session (with CSRF on writes).

Reads also accept anonymous visitors (`READ`), who see what the selectors show to anyone. Writes (`WRITE`) need
one of the two credentials, else 401. A token that is sent but unknown or revoked is refused even on reads, so
a client never silently degrades to anonymous."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import APIKeyCookie, HttpBearer

from .services import token_authenticate


class TokenAuth(HttpBearer):
    """`Authorization: Bearer cct_…` with a personal access token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = token_authenticate(raw=token)
        if found is None:
            raise AuthenticationError(message=_("This token is not valid, or it has been revoked."))
        request.api_token = found  # type: ignore[attr-defined]
        return found.user


class SessionAuth(APIKeyCookie):
    """The signed-in browser session. Unsafe methods need the CSRF token, as Django's own forms do."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        # Only a signed-in session is a credential; checking CSRF for a visitor without one would turn
        # "not signed in" (401) into a confusing CSRF failure (403).
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return request.user if request.user.is_authenticated else None


def anonymous(request: HttpRequest) -> Any:
    """Reads fall back to an anonymous visitor."""
    return AnonymousUser()


token_auth = TokenAuth()
session_auth = SessionAuth()
WRITE = [token_auth, session_auth]
READ = [token_auth, session_auth, anonymous]
