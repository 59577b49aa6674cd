"""One sign-in lockout for every way in (the member sign-in, /admin/login/, anything calling `authenticate`), counted
in the store every process shares: the database in embedded mode, Redis when scaled out (accounts.ratelimit).

allauth's own login limit keeps its counts in the default cache, which in embedded mode is each process's memory:
with four web processes an attacker got four times the guesses, and /admin/login/ had no limit at all. Here failed
sign-ins (Django's `user_login_failed`, sent by every `authenticate`) are counted per account and per client address;
while either is over its limit, `SignInLockoutBackend` — first in AUTHENTICATION_BACKENDS — refuses before any
password is checked, so even the right password is turned away until the window ends.

Limits: settings.SIGNIN_LIMITS, e.g. `{"account": "5/15m", "ip": "30/15m"}`; False turns the lockout off (the test
suite does, except in its own tests)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied

from cocreate.core.context import client_ip, current_ip, hash_value

from . import ratelimit

DEFAULT_LIMITS = {"account": "5/15m", "ip": "30/15m"}


def _limits() -> dict[str, ratelimit.Limit]:
    configured = getattr(settings, "SIGNIN_LIMITS", None)
    if configured is False:
        return {}
    merged = {**DEFAULT_LIMITS, **(configured or {})}
    return {scope: ratelimit.parse(rate) for scope, rate in merged.items() if rate}


def _identifier(credentials: dict[str, Any]) -> str:
    value = credentials.get("email") or credentials.get("username") or credentials.get("login") or ""
    return str(value).strip().lower()


def _keys(request: Any, credentials: dict[str, Any]) -> list[tuple[str, str]]:
    keys = []
    identifier = _identifier(credentials)
    if identifier:
        keys.append(("account", f"signin:account:{hash_value(identifier)}"))
    ip = current_ip.get() or (client_ip(request) if request is not None else "")
    if ip:
        keys.append(("ip", f"signin:ip:{hash_value(ip)}"))
    return keys


def is_locked(request: Any, credentials: dict[str, Any]) -> bool:
    limits = _limits()
    return any(
        scope in limits and ratelimit.current(key, limits[scope]) >= limits[scope].count
        for scope, key in _keys(request, credentials)
    )


def record_failure(request: Any, credentials: dict[str, Any]) -> None:
    limits = _limits()
    for scope, key in _keys(request, credentials):
        if scope in limits:
            ratelimit.hit(key, limits[scope])


class SignInLockoutBackend:
    """Authenticates nobody; refuses every credential check (PermissionDenied stops `authenticate` at once) while
    the account or the address is locked out."""

    def authenticate(self, request: Any, **credentials: Any) -> None:
        if is_locked(request, credentials):
            raise PermissionDenied("sign-in locked out")
        return None

    # No get_user: Django then never picks this backend for a session (force_login, login without a backend).
