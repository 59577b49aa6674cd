import json
import zoneinfo

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from .errors import ApplicationError, NotFound, PermissionDenied, TermsNotAccepted


class TimezoneMiddleware:
    """Show times in the viewer's zone: their profile setting, else the browser's (cookie set by base.js)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = getattr(getattr(request, "user", None), "time_zone", "") or request.COOKIES.get("tz", "")
        try:
            timezone.activate(zoneinfo.ZoneInfo(name)) if name else timezone.deactivate()
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        return self.get_response(request)


class ApplicationErrorMiddleware:
    """The one place a service's refusal that reached no form becomes an answer (see docs/adr/0005-one-error-path.md).

    A view calls a service and lets an `ApplicationError` go: forms catch theirs with `core.forms.form_errors`;
    everything else lands here, so a refusal a view forgot is a 4xx with the person's message, never a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, ApplicationError):
            return None
        return application_error_response(request, exception)


def error_status(error: ApplicationError) -> int:
    """The HTTP status of a refusal: 403 for permission refusals, 404 for missing objects, else the error's 4xx."""
    if isinstance(error, PermissionDenied):
        return 403
    if isinstance(error, NotFound) or error.code == "not_found" or error.code.endswith("_not_found"):
        return 404
    return error.status if 400 <= error.status < 500 else 400


def back_url(request: HttpRequest) -> str | None:
    """Where the person came from, if it is on this site: a `next` field or parameter, else the Referer."""
    for candidate in (request.POST.get("next"), request.GET.get("next"), request.headers.get("Referer")):
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return candidate
    return None


def application_error_response(request: HttpRequest, error: ApplicationError) -> HttpResponse:
    """Answer `error` the way the request expects: JSON for the API, a message for htmx, a flash message and a
    redirect back after a form POST, a styled 4xx page otherwise."""
    status = error_status(error)
    message = str(error.message)
    if request.path_info.startswith("/api/"):
        body = {"detail": message, "code": error.code}
        if error.field:
            body["field"] = error.field
        return JsonResponse(body, status=status)

    redirect_to = _sign_in_or_terms_url(request, error, status)
    if redirect_to is not None:
        if isinstance(error, TermsNotAccepted):
            messages.info(request, message)
        if getattr(request, "htmx", False):
            return HttpResponse(status=204, headers={"HX-Redirect": redirect_to})
        return redirect(redirect_to)

    if getattr(request, "htmx", False):
        # htmx 2 swaps no 4xx answer, so the refusal comes as a 200 that swaps into the page's message region
        # instead of the element the request targeted, and an event scripts may listen to.
        response = render(request, "core/error_fragment.html", {"message": message})
        response["HX-Retarget"] = "#htmx-messages"
        response["HX-Reswap"] = "innerHTML"
        response["HX-Trigger"] = json.dumps({"applicationError": {"message": message, "code": error.code}})
        return response

    back = back_url(request)
    if request.method not in ("GET", "HEAD", "OPTIONS") and status not in (403, 404) and back:
        messages.error(request, message)
        return redirect(back)
    return render(request, "core/error.html", {"message": message, "status": status, "back_url": back}, status=status)


def _sign_in_or_terms_url(request: HttpRequest, error: ApplicationError, status: int) -> str | None:
    """Refusals with a way out: sign in, or accept the contributor agreement, then come back."""
    if isinstance(error, TermsNotAccepted):
        target = reverse("legal:accept")
    elif status == 401 or (status == 403 and not getattr(request.user, "is_authenticated", True)):
        target = settings.LOGIN_URL if settings.LOGIN_URL.startswith("/") else reverse(settings.LOGIN_URL)
    else:
        return None
    come_back = back_url(request) if request.method != "GET" else None
    return f"{target}?{urlencode({'next': come_back or request.get_full_path()})}"


class PermissionsPolicyMiddleware:
    """Send settings.PERMISSIONS_POLICY on every response (Django's SecurityMiddleware has no setting for it)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "PERMISSIONS_POLICY", "")

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Permissions-Policy", self.policy)
        return response
