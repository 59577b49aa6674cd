"""A short-lived shared cache of the public pages anonymous visitors read, so a launch-day crowd costs little.

Only requests that carry nothing personal are answered from it: a GET with no API credential and no cookie but
those known not to change the page (or to be part of the key), to a view listed in settings.VISITOR_CACHE_VIEWS.
Any other cookie — a session, flash messages, the anonymous opinion-map or pairwise identity, or one a future
feature adds — means the page may depend on it, so it is neither served from nor stored in the cache: the list is
of what is known to be safe, not of what is known to be personal. Only responses that are
the same for every such visitor are stored: a 200 that sets no cookie and rendered no CSRF token. Members and
staff always get a fresh page.

Freshness: every domain event but a support bumps a generation number that is part of the key, so a new idea,
an edit, a status change or a moderator hiding something shows at once. Support counts are left to the
time-to-live (settings.VISITOR_CACHE_SECONDS): a popular idea gathering supports would otherwise empty the cache
many times a second, and a count a few seconds behind is what every large site shows its visitors.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation

GENERATION_KEY = "visitor-cache:generation"
TZ_COOKIE = "tz"


def _safe_cookies() -> frozenset[str]:
    """Cookies a cached page may ignore: the time zone and language are in the key; the CSRF secret only matters
    to pages that render a token, which are never stored. Operators add their own (a load balancer's) with
    VISITOR_CACHE_SAFE_COOKIES."""
    return frozenset((TZ_COOKIE, settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME)) | frozenset(
        getattr(settings, "VISITOR_CACHE_SAFE_COOKIES", ())
    )


def _cache():
    return caches[getattr(settings, "VISITOR_CACHE_ALIAS", "default")]


def bump_generation() -> None:
    """Make every cached page stale (they are not deleted; their keys are simply never asked for again)."""
    if not getattr(settings, "VISITOR_CACHE_SECONDS", 0):
        return
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there yet (first write, or evicted): any new value differs from the old keys'
        cache.set(GENERATION_KEY, 1, timeout=None)


def _is_anonymous_read(request: HttpRequest) -> bool:
    if request.method != "GET" or "HTTP_AUTHORIZATION" in request.META:
        return False
    return set(request.COOKIES) <= _safe_cookies()


def _key(request: HttpRequest, generation: Any) -> str:
    parts = [
        request.get_host(),  # validates the host as CommonMiddleware would
        request.get_full_path(),
        translation.get_language_from_request(request),
        request.COOKIES.get(TZ_COOKIE, ""),
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-Target", ""),
    ]
    digest = hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()
    return f"visitor-cache:{generation}:{digest}"


class VisitorCacheMiddleware:
    """Sits before sessions and authentication so a cached answer skips them too."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.views = frozenset(getattr(settings, "VISITOR_CACHE_VIEWS", ()))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = getattr(settings, "VISITOR_CACHE_SECONDS", 0)
        if not seconds or not _is_anonymous_read(request) or not self._cacheable_view(request):
            return self.get_response(request)
        cache = _cache()
        key = _key(request, cache.get(GENERATION_KEY, 0))
        cached = cache.get(key)
        if cached is not None:
            status, headers, content = cached
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response.headers[name] = value
            response.headers["X-Visitor-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._storable(request, response):
            cache.set(key, (response.status_code, list(response.headers.items()), response.content), seconds)
            response.headers["X-Visitor-Cache"] = "miss"
        return response

    def _cacheable_view(self, request: HttpRequest) -> bool:
        try:
            return resolve(request.path_info).view_name in self.views
        except Resolver404:
            return False

    @staticmethod
    def _storable(request: HttpRequest, response: HttpResponse) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            # A page that rendered a CSRF token belongs to one visitor's cookie.
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not request.META.get("CSRF_COOKIE_USED")
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )
