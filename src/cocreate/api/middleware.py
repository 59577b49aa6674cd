"""Every error under /api/ is JSON, `{"detail": ..., "code": ...}`, whoever produced it: ninja's own 405, Django's
404 for paths no route matches (outside /api/v1/ too), and the 500 of an unexpected exception. Handlers in
errors.py shape the errors the API raises itself; this catches the rest on the way out."""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

logger = logging.getLogger("django.request")

API_PREFIX = "/api/"


def _messages() -> dict[int, tuple[str, str]]:
    return {
        400: (_("The request is not valid."), "bad_request"),
        401: (_("Authentication required."), "not_authenticated"),
        403: (_("You may not do this."), "permission_denied"),
        404: (_("Not found."), "not_found"),
        405: (_("This method is not allowed here."), "method_not_allowed"),
        413: (_("The request is too large."), "too_large"),
        429: (_("Too many requests. Please wait a moment."), "rate_limited"),
        500: (_("Something went wrong on our side. Please try again later."), "server_error"),
    }


def json_error(status: int) -> JsonResponse:
    detail, code = _messages().get(status, (_("The request failed."), "error"))
    return JsonResponse({"detail": detail, "code": code}, status=status)


class ApiJsonErrorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith(API_PREFIX)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            replacement = json_error(response.status_code)
            for header in ("Allow", "Retry-After", "WWW-Authenticate"):
                if header in response:
                    replacement[header] = response[header]
            return replacement
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not request.path.startswith(API_PREFIX) or settings.DEBUG:
            return None  # the HTML error path (or DEBUG's technical page) handles it
        logger.error("Internal Server Error: %s", request.path, exc_info=exception, extra={"request": request})
        return json_error(500)
