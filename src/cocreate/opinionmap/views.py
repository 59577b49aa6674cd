"""Opinion-map pages: vote one statement at a time (plain POST, or htmx swapping the card), submit statements,
the report (server-rendered SVG map, CSV export), moderation for staff. Thin: services and selectors do the work."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cocreate.core.csv_export import csv_response
from cocreate.core.errors import ApplicationError
from cocreate.core.forms import form_errors
from cocreate.core.params import int_param
from cocreate.core.permissions import has_perm

from . import selectors, services
from .forms import SettingsForm, StatementForm
from .math import group_letter
from .models import Moderation, OpinionMapSettings, VoteValue


def _campaign(request: HttpRequest, slug: str):
    campaign = selectors.opinion_campaign(request.user, slug)
    if campaign is None:
        raise Http404(_("No such opinion map."))
    return campaign


def _anon_key(request: HttpRequest) -> str:
    if request.user.is_authenticated:
        return ""
    key = request.COOKIES.get(services.ANON_COOKIE, "")
    return key if services.is_valid_anon_key(key) else ""  # a forged or stale cookie: a new identity


def _with_cookie(request: HttpRequest, response: HttpResponse, key: str) -> HttpResponse:
    if key and request.COOKIES.get(services.ANON_COOKIE) != key:
        response.set_cookie(
            services.ANON_COOKIE,
            key,
            max_age=services.ANON_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def _context(request: HttpRequest, campaign, key: str, **extra):
    participant = services.participant_get(actor=request.user, campaign=campaign, anon_key=key)
    opts = services.settings_for(campaign)
    return {
        "campaign": campaign,
        "opts": opts,
        "participant": participant,
        "statement": selectors.next_statement(campaign, participant),
        "progress": selectors.progress(campaign, participant),
        "can_vote": has_perm(request.user, "opinionmap.vote", campaign),
        "can_submit": has_perm(request.user, "opinionmap.submit", campaign),
        "can_moderate": has_perm(request.user, "opinionmap.moderate", campaign),
        "can_configure": has_perm(request.user, "opinionmap.configure", campaign),
        "choices": [
            (VoteValue.AGREE, _("Agree")),
            (VoteValue.DISAGREE, _("Disagree")),
            (VoteValue.PASS, _("Pass / unsure")),
        ],
        "form": extra.pop("form", None) or StatementForm(),
        **extra,
    }


def vote_page(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign(request, slug)
    key = _anon_key(request)
    if not request.user.is_authenticated and not key and services.settings_for(campaign).allow_anonymous:
        key = services.new_anon_key()
    response = render(request, "opinionmap/vote.html", _context(request, campaign, key))
    return _with_cookie(request, response, key)


def _login_or_deny(request: HttpRequest, campaign) -> HttpResponse:
    if not request.user.is_authenticated:
        url = reverse("opinionmap:vote", args=[campaign.slug])
        if request.htmx:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = f"{reverse('account_login')}?next={url}"
            return response
        return redirect_to_login(url)
    raise PermissionDenied


def _small_int(raw: object) -> int:
    """A choice sent as a number (a vote value, a moderation state): anything else raises ValueError, which the
    views below show as "choose one of the choices"."""
    value = int_param(raw, min_value=-(2**31), max_value=2**31 - 1)
    if value is None:
        raise ValueError(raw)
    return value


@require_POST
def vote_submit(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign(request, slug)
    key = _anon_key(request)
    if not has_perm(request.user, "opinionmap.vote", campaign) or (not request.user.is_authenticated and not key):
        return _login_or_deny(request, campaign)
    error = ""
    try:
        statement_id = int_param(request.POST.get("statement"))
        statement = selectors.statement_visible(request.user, campaign, statement_id) if statement_id else None
        if statement is None:
            raise ApplicationError(_("This statement does not exist."), code="statement_not_found")
        services.vote_cast(
            actor=request.user,
            campaign=campaign,
            statement=statement,
            value=_small_int(request.POST.get("value")),
            anon_key=key,
        )
    except (ValueError, ApplicationError) as exc:
        error = str(getattr(exc, "message", "")) or _("Choose agree, disagree or pass.")
    if request.htmx:
        return render(request, "opinionmap/includes/vote_card.html", _context(request, campaign, key, error=error))
    if error:
        messages.error(request, error)
    return redirect("opinionmap:vote", slug=campaign.slug)


@require_POST
def statement_submit(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign(request, slug)
    key = _anon_key(request)
    if not has_perm(request.user, "opinionmap.submit", campaign) or (not request.user.is_authenticated and not key):
        return _login_or_deny(request, campaign)
    form = StatementForm(request.POST)
    if form.is_valid():
        with form_errors(form):
            statement = services.statement_submit(
                actor=request.user, campaign=campaign, text=form.cleaned_data["text"], anon_key=key
            )
            if statement.moderation == Moderation.SHOWN:
                messages.success(request, _("Thank you: your statement is shown to other participants."))
            else:
                messages.success(request, _("Thank you: your statement will be shown once a moderator approves it."))
            return redirect("opinionmap:vote", slug=campaign.slug)
    return render(request, "opinionmap/vote.html", _context(request, campaign, key, form=form), status=400)


def report_page(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign(request, slug)
    participant = services.participant_get(actor=request.user, campaign=campaign, anon_key=_anon_key(request))
    report = selectors.latest_report(campaign)
    context = {
        "campaign": campaign,
        "opts": services.settings_for(campaign),
        "participant": participant,
        "can_moderate": has_perm(request.user, "opinionmap.moderate", campaign),
        "can_configure": has_perm(request.user, "opinionmap.configure", campaign),
        **selectors.report_view(campaign, report, participant),
    }
    return render(request, "opinionmap/report.html", context)


def report_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """Every shown statement with its totals and each group's agree / disagree / seen counts."""
    campaign = _campaign(request, slug)
    report = selectors.latest_report(campaign)
    data = report.data if report else {}
    texts = dict(selectors.shown_statements(campaign).values_list("pk", "text"))
    groups = [g["group"] for g in data.get("groups", [])]
    consensus = {c["statement"] for c in data.get("consensus", [])}
    divisive = {d["statement"] for d in data.get("divisive", [])}
    response, writer = csv_response(f"opinion-map-{campaign.slug}.csv")
    header = ["statement_id", "statement", "agree", "disagree", "pass", "consensus", "divisive", "about_participant"]
    for g in groups:
        label = group_letter(g)
        header += [f"group_{label}_agree", f"group_{label}_disagree", f"group_{label}_seen"]
    writer.writerow(header)
    for s in data.get("statements", []):
        if s["statement"] not in texts:
            continue
        row = [
            s["statement"],
            texts[s["statement"]],
            s["agree"],
            s["disagree"],
            s["pass"],
            int(s["statement"] in consensus),
            int(s["statement"] in divisive),
            int(bool(s.get("meta"))),
        ]
        for gs in s["groups"]:
            row += [gs["agree"], gs["disagree"], gs["seen"]]
        writer.writerow(row)
    return response


def moderate_page(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign(request, slug)
    if not has_perm(request.user, "opinionmap.moderate", campaign):
        return _login_or_deny(request, campaign)
    return render(
        request,
        "opinionmap/moderate.html",
        {
            "campaign": campaign,
            "statements": selectors.statements_for(request.user, campaign),
            "states": Moderation.choices,
        },
    )


@require_POST
def moderate_statement(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = _campaign(request, slug)
    if not has_perm(request.user, "opinionmap.moderate", campaign):
        return _login_or_deny(request, campaign)
    statement = selectors.statement_visible(request.user, campaign, pk)
    if statement is None:
        raise Http404
    try:
        services.statement_moderate(
            actor=request.user, statement=statement, moderation=_small_int(request.POST.get("moderation", "9"))
        )
        is_meta = request.POST.get("is_meta") == "1"
        if is_meta != statement.is_meta:
            services.statement_mark_meta(actor=request.user, statement=statement, is_meta=is_meta)
        messages.success(request, _("Moderation saved."))
    except (ValueError, ApplicationError) as exc:
        messages.error(request, str(getattr(exc, "message", "")) or _("Unknown moderation state."))
    return redirect("opinionmap:moderate", slug=campaign.slug)


def settings_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The campaign's opinion-map settings and the state of its map, for its facilitators."""
    campaign = _campaign(request, slug)
    if not has_perm(request.user, "opinionmap.configure", campaign):
        return _login_or_deny(request, campaign)
    opts = services.settings_for(campaign)
    # the form validates a copy, so the service still sees the values before the change
    form = SettingsForm(request.POST or None, instance=OpinionMapSettings.objects.get(pk=opts.pk))
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            services.settings_update(
                actor=request.user, campaign=campaign, **{name: form.cleaned_data[name] for name in form.Meta.fields}
            )
            messages.success(request, _("Settings saved."))
            return redirect("opinionmap:settings", slug=campaign.slug)
    return render(
        request,
        "opinionmap/settings.html",
        {"campaign": campaign, "form": form, "report": selectors.latest_report(campaign)},
        status=400 if form.is_bound else 200,
    )


@require_POST
def recompute(request: HttpRequest, slug: str) -> HttpResponse:
    """Recompute the map now, from scratch (facilitators)."""
    campaign = _campaign(request, slug)
    if not has_perm(request.user, "opinionmap.configure", campaign):
        return _login_or_deny(request, campaign)
    report = services.report_recompute(actor=request.user, campaign=campaign)
    messages.success(
        request,
        _("The map was recomputed from %(votes)s votes in %(seconds)s s.")
        % {"votes": report.vote_count, "seconds": report.seconds},
    )
    return redirect("opinionmap:settings", slug=campaign.slug)
