"""Session lifetime and required two-factor authentication for staff.

- `SessionTimeoutMiddleware` signs a member out after `SESSION_IDLE_TIMEOUT` seconds without a request, and in any
  case `SESSION_ABSOLUTE_TIMEOUT` seconds after the session began. Two timestamps live in the session; the "last
  seen" one is written at most once a minute, so most requests do not write the session.
- `RequireStaffMFAMiddleware`: when `MFA_REQUIRED_ROLES` names staff roles (admin, facilitator, moderator, reviewer;
  site-wide or for a campaign; superusers count as admins), a member holding one who has not set up an authenticator
  app is sent to set it up before any other page (the API answers 403). Their sign-out and the two-factor pages stay
  open.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import RoleAssignment

STARTED, SEEN = "security_session_started", "security_session_seen"
SEEN_RESOLUTION = 60


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> None:
        now = int(time.time())
        session = request.session
        started, seen = session.get(STARTED), session.get(SEEN)
        idle, absolute = settings.SESSION_IDLE_TIMEOUT, settings.SESSION_ABSOLUTE_TIMEOUT
        if (idle and seen is not None and now - seen > idle) or (
            absolute and started is not None and now - started > absolute
        ):
            logout(request)  # flushes the session; the request goes on as a visitor's
            messages.info(request, _("You were signed out after a while without activity. Please sign in again."))
            return
        if started is None:
            session[STARTED] = now
        if seen is None or now - seen >= SEEN_RESOLUTION:
            session[SEEN] = now


def start_session_clock(sender: Any, request: HttpRequest | None = None, user: Any = None, **kwargs: Any) -> None:
    """On sign-in: both clocks start now (saved with the login, so the next request need not write the session)."""
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[STARTED] = now
        request.session[SEEN] = now


def needs_mfa(user: Any) -> bool:
    """True when the user holds a role that must use two-factor authentication and has not set it up."""
    required = set(settings.MFA_REQUIRED_ROLES)
    if not required or not getattr(user, "is_authenticated", False):
        return False
    holds = (user.is_superuser and "admin" in required) or RoleAssignment.objects.filter(
        user=user, role__in=required
    ).exists()
    if not holds:
        return False
    from allauth.mfa.utils import is_mfa_enabled

    return not is_mfa_enabled(user)


class RequireStaffMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.MFA_REQUIRED_ROLES and not self._open(request.path) and needs_mfa(request.user):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": _("Set up two-factor authentication first."), "code": "mfa_required"}, status=403
                )
            messages.warning(request, _("Your role requires two-factor authentication. Please set it up first."))
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _open(path: str) -> bool:
        open_paths = (
            reverse("mfa_index"),
            reverse("account_logout"),
            reverse("account_reauthenticate"),
            f"/{settings.STATIC_URL.lstrip('/')}",
            f"/{settings.MEDIA_URL.lstrip('/')}",
        )
        return path.startswith(open_paths)
