"""Pages of the contributor agreement: read it, accept it, publish a new version, export the consent records."""

from datetime import UTC

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cocreate.core.csv_export import csv_response
from cocreate.core.errors import ApplicationError
from cocreate.core.forms import form_errors
from cocreate.core.permissions import has_perm

from . import services
from .forms import AcceptForm, AgreementPublishForm
from .models import AgreementAcceptance, ContributorAgreement
from .selectors import acceptances_for_export, current_agreement


def _published():
    return ContributorAgreement.objects.filter(published_at__isnull=False).order_by("-version")


def _safe_next(request, default: str = "") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default or settings.LOGIN_REDIRECT_URL


def _last_acceptance(user) -> AgreementAcceptance | None:
    if not user.is_authenticated:
        return None
    return (
        AgreementAcceptance.objects.filter(user=user)
        .select_related("agreement")
        .order_by("-agreement__version")
        .first()
    )


@require_GET
def current(request):
    agreement = current_agreement()
    return render(
        request,
        "legal/agreement.html",
        {
            "agreement": agreement,
            "is_current": True,
            "versions": _published(),
            "last_acceptance": _last_acceptance(request.user),
            "can_publish": has_perm(request.user, "legal.publish_agreement"),
            "can_export": has_perm(request.user, "legal.view_acceptances"),
        },
    )


@require_GET
def version(request, version: int):
    agreement = _published().filter(version=version).first()
    if agreement is None:
        raise Http404(_("There is no such version of the agreement."))
    latest = current_agreement()
    return render(
        request,
        "legal/agreement.html",
        {
            "agreement": agreement,
            "is_current": latest is not None and latest.pk == agreement.pk,
            "current": latest,
            "versions": _published(),
            "last_acceptance": _last_acceptance(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def accept(request):
    agreement = current_agreement()
    next_url = _safe_next(request)
    if agreement is None:
        # Nothing to accept yet: carry on to where the member was going.
        return redirect(next_url)
    last = _last_acceptance(request.user)
    already = last is not None and last.agreement_id == agreement.pk
    form = AcceptForm(request.POST or None, initial={"version": agreement.version})
    if request.method == "POST" and form.is_valid():
        accepted = form.agreement()
        with form_errors(form):
            if accepted is None:
                raise ApplicationError(_("That is not the current version of the agreement."))
            services.agreement_accept(
                actor=request.user, agreement=accepted, ip_address=request.META.get("REMOTE_ADDR") or None
            )
            messages.success(
                request,
                _("Thank you: you accepted version %(version)s of the agreement.") % {"version": accepted.version},
            )
            return redirect(next_url)
    # What changed since the version the member accepted last: every newer version's summary, newest first.
    since = last.agreement.version if last else 0
    changes = [a for a in _published().filter(version__gt=since) if a.summary_of_changes.strip()] if last else []
    return render(
        request,
        "legal/accept.html",
        {
            "agreement": agreement,
            "form": form,
            "next": next_url if next_url != settings.LOGIN_REDIRECT_URL else "",
            "continue_url": next_url,
            "last_acceptance": last,
            "already_accepted": already,
            "changes": changes,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def publish(request):
    if not has_perm(request.user, "legal.publish_agreement"):
        raise PermissionDenied
    latest = current_agreement()
    initial = {"title": latest.title, "body": latest.body} if latest else {"title": _("Contributor agreement")}
    form = AgreementPublishForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            agreement = services.agreement_publish(actor=request.user, **form.cleaned_data)
            messages.success(
                request,
                _("Version %(version)s is published. Members will be asked to accept it.")
                % {"version": agreement.version},
            )
            return redirect("legal:current")
    return render(request, "legal/publish.html", {"form": form, "latest": latest})


@login_required
@require_GET
def export(request):
    if not has_perm(request.user, "legal.view_acceptances"):
        raise PermissionDenied
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response, writer = csv_response(f"consent-records-{stamp}.csv")
    writer.writerow(["user_id", "email", "version", "accepted_at", "ip_address"])
    for acceptance in acceptances_for_export().iterator(chunk_size=2000):
        writer.writerow(
            [
                acceptance.user_id,
                acceptance.user.email,
                acceptance.agreement.version,
                acceptance.accepted_at.astimezone(UTC).isoformat(),
                acceptance.ip_address or "",
            ]
        )
    return response


def redirect_to_accept(request, next_url: str, message: str) -> HttpResponse:
    """Send a member to accept the current agreement, then back to `next_url` (the contribution they started)."""
    messages.info(request, message)
    return redirect(f"{reverse('legal:accept')}?{urlencode({'next': next_url})}")
