"""The notification centre, preferences and the one-click unsubscribe page: thin, services do the work."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from cocreate.core.errors import ApplicationError
from cocreate.core.forms import form_errors

from . import selectors, services
from .emails import read_unsubscribe_token
from .forms import PreferencesForm
from .kinds import Kind
from .presenters import describe, detail

PAGE_SIZE = 20


def _entries(notifications):
    return [{"n": n, "text": describe(n), "detail": detail(n)} for n in notifications]


def _list_context(request: HttpRequest) -> dict:
    page = Paginator(selectors.notifications_of(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "page": page,
        "entries": _entries(page.object_list),
        "unread_notifications": selectors.unread_count(request.user),
    }


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    return render(request, "notifications/notification_list.html", _list_context(request))


def _notification_or_404(request: HttpRequest, pk: int):
    notification = selectors.notification_of(request.user, pk)
    if notification is None:
        raise Http404(_("No such notification."))
    return notification


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = services.notification_mark_read(actor=request.user, notification=_notification_or_404(request, pk))
    if request.htmx:
        context = {"entry": _entries([notification])[0], "unread_notifications": selectors.unread_count(request.user)}
        return render(request, "notifications/notification_list.html#marked", context)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.notifications_mark_all_read(actor=request.user)
    if request.htmx:
        return render(request, "notifications/notification_list.html#inbox-oob", _list_context(request))
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list")


@login_required
def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """Click-through: mark read and go where it happened."""
    notification = services.notification_mark_read(actor=request.user, notification=_notification_or_404(request, pk))
    target = notification.target_url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:list")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    current = selectors.preferences_of(request.user)
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            services.preferences_update(actor=request.user, choices=form.cleaned_data)
            messages.success(request, _("Your notification choices are saved."))
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


@csrf_exempt  # RFC 8058: mail clients POST `List-Unsubscribe=One-Click` without a CSRF token; the token authenticates
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    found = read_unsubscribe_token(token)
    if found is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
    labels = [Kind(k).label for k in found[1]]
    if request.method == "POST":
        try:
            member, _kinds = services.unsubscribe_with_token(token=token)
        except ApplicationError:
            # Kept on purpose (docs/adr/0005-one-error-path.md): a one-click unsubscribe comes from a mail client,
            # with no session, no referer and no page to go back to; the unsubscribe page has its own "invalid" state.
            return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
        return render(
            request, "notifications/unsubscribe.html", {"done": True, "labels": labels, "email": member.email}
        )
    already = selectors.emails_stopped(found[0], found[1])
    return render(request, "notifications/unsubscribe.html", {"labels": labels, "token": token, "already": already})
