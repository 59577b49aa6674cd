"""The API's one place where errors become JSON: `{"detail": ..., "code": ...}` (+ `field`, + `errors`)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from cocreate.core.errors import ApplicationError


def error_body(detail: Any, code: str, **extra: Any) -> dict[str, Any]:
    return {"detail": str(detail), "code": code, **{k: v for k, v in extra.items() if v is not None}}


def install_error_handlers(api: NinjaAPI) -> None:
    def respond(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
        response = api.create_response(request, body, status=status)
        if status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    @api.exception_handler(ApplicationError)
    def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
        return respond(request, exc.status, error_body(exc.message, exc.code, field=exc.field))

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [
            {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
            for e in exc.errors
        ]
        first = errors[0] if errors else None
        detail = _("The request is not valid.")
        if first:
            detail = f"{detail} {'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
        return respond(request, 422, error_body(detail, "validation_error", errors=errors))

    @api.exception_handler(AuthenticationError)
    def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        message = exc.message if exc.message != "Unauthorized" else _("Authentication required.")
        return respond(request, 401, error_body(message, "not_authenticated"))

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        codes = {400: "bad_request", 403: "permission_denied", 404: "not_found", 405: "method_not_allowed"}
        message = str(exc)
        if exc.status_code == 400 and message.startswith("Cannot parse request body"):
            return respond(request, 400, error_body(_("The request body is not valid JSON."), "malformed_body"))
        if exc.status_code == 403 and "CSRF" in message:
            return respond(request, 403, error_body(_("CSRF check failed."), "csrf_failed"))
        return respond(request, exc.status_code, error_body(message, codes.get(exc.status_code, "error")))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, error_body(_("Not found."), "not_found"))
