"""The staff activity page and the public log of moderation and decisions. Thin: parse filters, read, render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from cocreate.core.permissions import has_perm

from . import selectors
from .models import PUBLIC_VERBS
from .scopes import campaign_titles, public_campaign_ids, staffed_campaign_ids

PAGE_SIZE = 50


def _label_campaigns(entries, titles: dict[int, str]) -> None:
    for entry in entries:
        entry.campaign_title = titles.get(entry.campaign_id, "") if entry.campaign_id else ""


def _campaign_param(request: HttpRequest) -> int | None:
    raw = request.GET.get("campaign", "")
    return int(raw) if raw.isdigit() else None


@login_required
def staff_log(request: HttpRequest) -> HttpResponse:
    if not has_perm(request.user, "activity.view_log"):
        raise PermissionDenied(_("Only staff can see the activity log."))
    campaign_id = _campaign_param(request)
    if campaign_id is not None and not has_perm(request.user, "activity.view_campaign_log", campaign_id):
        raise PermissionDenied(_("You do not staff this campaign."))
    actor = request.GET.get("actor", "").strip()
    verb = request.GET.get("verb", "").strip()
    entries = selectors.staff_entries(request.user, campaign_id=campaign_id, actor=actor, verb=verb)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    scope = staffed_campaign_ids(request.user)
    titles = campaign_titles(None if scope is None else scope)
    _label_campaigns(page.object_list, titles)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "titles": titles,
        "campaign_choices": sorted(titles.items(), key=lambda kv: kv[1].lower()),
        "verb_choices": selectors.verb_choices(),
        "filters": {"campaign": campaign_id, "actor": actor, "verb": verb},
        "query": query.urlencode(),
        "site_wide": scope is None,
    }
    return render(request, "activity/staff.html", context)


def public_log(request: HttpRequest) -> HttpResponse:
    campaign_id = _campaign_param(request)
    verb = request.GET.get("verb", "").strip()
    entries = selectors.public_entries(campaign_id=campaign_id, verb=verb)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    titles = campaign_titles(public_campaign_ids())
    _label_campaigns(page.object_list, titles)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "titles": titles,
        "campaign_choices": sorted(titles.items(), key=lambda kv: kv[1].lower()),
        "verb_choices": selectors.verb_choices(PUBLIC_VERBS),
        "filters": {"campaign": campaign_id, "verb": verb},
        "query": query.urlencode(),
    }
    return render(request, "activity/public.html", context)
