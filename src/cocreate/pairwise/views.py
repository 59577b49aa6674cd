"""Pairwise wiki survey pages: vote on a pair (htmx swaps the next pair in; plain forms work too), add an entry,
the results, and the staff's page for entries and settings. Thin: forms in, services and selectors out."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cocreate.campaigns.models import Campaign
from cocreate.campaigns.selectors import campaign_detail
from cocreate.core.errors import ApplicationError
from cocreate.core.forms import form_errors
from cocreate.core.permissions import has_perm

from . import selectors, services
from .forms import EntryForm, ModerateForm, SettingsForm, VoteForm
from .methods import PAIRWISE
from .models import PairwiseEntry, PairwisePrompt

VISITOR_COOKIE = "pairwise_visitor"
VISITOR_SALT = "cocreate.pairwise.visitor"


def _campaign(request: HttpRequest, slug: str) -> Campaign:
    campaign = campaign_detail(request.user, slug)
    if not PAIRWISE.applies_to(campaign):
        raise Http404
    selectors.settings_for(campaign)
    return campaign


def _visitor_key(request: HttpRequest) -> tuple[str, bool]:
    """An anonymous visitor's identity: a random key in a signed cookie. Returns (key, whether it is new)."""
    key = request.get_signed_cookie(VISITOR_COOKIE, default="", salt=VISITOR_SALT)
    if key:
        return key, False
    return secrets.token_hex(16), True


def _remember_visitor(response: HttpResponse, key: str) -> HttpResponse:
    response.set_signed_cookie(
        VISITOR_COOKIE, key, salt=VISITOR_SALT, max_age=365 * 24 * 3600, httponly=True, samesite="Lax"
    )
    return response


def _vote_context(request: HttpRequest, campaign: Campaign, visitor_key: str, **extra) -> dict:
    context = {"campaign": campaign, "prompt": None, "error": None, **extra}
    if has_perm(request.user, "pairwise.vote", campaign):
        try:
            context["prompt"] = services.prompt_next(actor=request.user, campaign=campaign, visitor_key=visitor_key)
        except ApplicationError as exc:
            # Kept on purpose (docs/adr/0005-one-error-path.md): a survey with too few entries is the page's empty
            # state, shown in the vote box of an otherwise working page, not a refusal of the request.
            context["error"] = exc.message
    context.setdefault("form", VoteForm())
    context["can_add"] = has_perm(request.user, "pairwise.add_entry", campaign)
    context["can_manage"] = has_perm(request.user, "pairwise.moderate", campaign)
    context["entry_form"] = context.get("entry_form") or EntryForm()
    user = request.user if request.user.is_authenticated else None
    context["my_votes"] = selectors.vote_counts(campaign, voter=user, visitor_key="" if user else visitor_key)
    context["my_entries"] = selectors.my_entries(campaign, request.user)
    return context


def vote(request: HttpRequest, slug: str) -> HttpResponse:
    """GET: the next pair. POST: answer the pair served, then show the next one (a fragment for htmx)."""
    campaign = _campaign(request, slug)
    key, new_key = _visitor_key(request)
    anonymous_key = "" if request.user.is_authenticated else key
    status = 200
    extra: dict = {}
    if request.method == "POST":
        form = VoteForm(request.POST)
        if form.is_valid():
            prompt = PairwisePrompt.objects.filter(pk=form.cleaned_data["prompt"], campaign=campaign).first()
            with form_errors(form) as outcome:
                if prompt is None:
                    raise ApplicationError(_("This pair was not shown to you."), code="not_served")
                vote = services.vote_cast(
                    actor=request.user,
                    prompt=prompt,
                    choice=form.cleaned_data["choice"],
                    reason=form.cleaned_data["reason"],
                    reason_text=form.cleaned_data["reason_text"],
                    visitor_key=anonymous_key,
                )
                if not request.htmx:
                    messages.success(request, _("Thank you — your vote is counted. Here is another pair."))
                    return (
                        _remember_visitor(redirect("pairwise:vote", slug=slug), key)
                        if new_key
                        else redirect("pairwise:vote", slug=slug)
                    )
                extra = {"just_voted": vote}
            if outcome.failed:
                extra, status = {"form": form}, 400
        else:
            extra, status = {"form": form}, 400
    context = _vote_context(request, campaign, anonymous_key, **extra)
    template = "pairwise/vote_box.html" if request.htmx else "pairwise/vote.html"
    response = render(request, template, context, status=status if not request.htmx else 200)
    if new_key and not request.user.is_authenticated:
        _remember_visitor(response, key)
    return response


@require_POST
def add_entry(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign(request, slug)
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={reverse('pairwise:vote', args=[slug])}")
    form = EntryForm(request.POST)
    if form.is_valid():
        with form_errors(form):
            entry = services.entry_add(actor=request.user, campaign=campaign, text=form.cleaned_data["text"])
            if entry.status == "shown":
                messages.success(request, _("Entry added: it is in the survey now."))
            else:
                messages.success(request, _("Thank you! Your entry will appear once a moderator approves it."))
            return redirect("pairwise:vote", slug=slug)
    context = _vote_context(request, campaign, "", entry_form=form)
    return render(request, "pairwise/vote.html", context, status=400)


def results(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign(request, slug)
    found = selectors.results(campaign)
    return render(
        request,
        "pairwise/results.html",
        {
            "campaign": campaign,
            "results": found,
            "can_vote": has_perm(request.user, "pairwise.vote", campaign),
            "can_manage": has_perm(request.user, "pairwise.moderate", campaign),
        },
    )


def manage(request: HttpRequest, slug: str) -> HttpResponse:
    """Staff: approve or hide entries, add seed entries, choose whether visitors may vote anonymously."""
    campaign = _campaign(request, slug)
    if not has_perm(request.user, "pairwise.moderate", campaign):
        raise PermissionDenied
    settings = selectors.settings_for(campaign)
    entry_form = EntryForm()
    settings_form = SettingsForm(
        initial={"allow_anonymous": settings.allow_anonymous, "allow_member_entries": settings.allow_member_entries}
    )
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "seed":
            entry_form = EntryForm(request.POST)
        elif action == "settings":
            settings_form = SettingsForm(request.POST)
        with form_errors(settings_form if action == "settings" else entry_form) as outcome:
            if action == "moderate":
                form = ModerateForm(request.POST)
                if not form.is_valid():
                    raise ApplicationError(_("Choose an entry and whether to show or hide it."))
                entry = PairwiseEntry.objects.filter(campaign=campaign, pk=form.cleaned_data["entry"]).first()
                if entry is None:
                    raise Http404
                services.entry_moderate(actor=request.user, entry=entry, status=form.cleaned_data["status"])
                messages.success(request, _("Entry updated."))
                return redirect("pairwise:manage", slug=slug)
            if action == "seed":
                if entry_form.is_valid():
                    services.entry_add(actor=request.user, campaign=campaign, text=entry_form.cleaned_data["text"])
                    messages.success(request, _("Entry added: it is in the survey now."))
                    return redirect("pairwise:manage", slug=slug)
                status = 400
            if action == "settings" and settings_form.is_valid():
                services.settings_update(actor=request.user, campaign=campaign, **settings_form.cleaned_data)
                messages.success(request, _("Settings saved."))
                return redirect("pairwise:manage", slug=slug)
        if outcome.failed:
            status = 400
    return render(
        request,
        "pairwise/manage.html",
        {
            "campaign": campaign,
            "entries": selectors.entries_for_staff(campaign),
            "entry_form": entry_form,
            "settings_form": settings_form,
            "can_configure": has_perm(request.user, "pairwise.configure", campaign),
        },
        status=status,
    )
