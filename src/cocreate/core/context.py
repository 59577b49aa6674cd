"""The request's client address and user agent, for code that runs without the request (services, handlers).

`RequestOriginMiddleware` sets them for the duration of each request; outside a request they are empty."""

from __future__ import annotations

import hashlib
import hmac
from contextvars import ContextVar
from typing import Any

from django.conf import settings

current_ip: ContextVar[str] = ContextVar("cocreate_current_ip", default="")
current_user_agent: ContextVar[str] = ContextVar("cocreate_current_user_agent", default="")


def client_ip(request: Any) -> str:
    """REMOTE_ADDR, or the first X-Forwarded-For hop when settings.MODERATION_TRUST_FORWARDED_FOR (behind a proxy)."""
    if getattr(settings, "MODERATION_TRUST_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "") or ""


def hash_value(value: str) -> str:
    """A keyed hash: the same address gives the same hash here, but addresses are never stored in clear."""
    if not value:
        return ""
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()[:32]


class RequestOriginMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        ip_token = current_ip.set(client_ip(request))
        ua_token = current_user_agent.set(request.META.get("HTTP_USER_AGENT", "")[:500])
        try:
            return self.get_response(request)
        finally:
            current_ip.reset(ip_token)
            current_user_agent.reset(ua_token)
