"""Similarity pages: suggestions while typing (htmx fragment), the duplicate queue, refreshing themes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cocreate.campaigns.selectors import campaign_detail
from cocreate.core.permissions import has_perm
from cocreate.ideas.selectors import member_supports

from . import selectors, services


def _campaign(request: HttpRequest, slug: str):
    campaign = campaign_detail(request.user, slug)
    if campaign is None:
        raise Http404(_("No such campaign."))
    return campaign


def suggestion_context(request: HttpRequest, campaign, title: str, body: str) -> dict:
    suggestions = selectors.similar_ideas(request.user, campaign=campaign, title=title[:200], body=body[:5000])
    return {
        "suggestions": suggestions,
        "supported_ids": member_supports(request.user, [s.idea for s in suggestions]),
        "campaign": campaign,
        "checked": bool(title.strip() or body.strip()),
    }


def similar_suggestions(request: HttpRequest, slug: str) -> HttpResponse:
    """GET title/body → the 'similar ideas' fragment (≤ 5 ideas above the calibrated threshold)."""
    campaign = _campaign(request, slug)
    context = suggestion_context(request, campaign, request.GET.get("title", ""), request.GET.get("body", ""))
    return render(request, "similarity/suggestions.html", context)


def _merge_url(source_pk: int, target_pk: int) -> str | None:
    try:
        return f"{reverse('similarity:merge', args=[source_pk])}?target={target_pk}"
    except NoReverseMatch:
        return None


@login_required
def duplicate_queue(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign(request, slug)
    if not has_perm(request.user, "similarity.view_duplicates", campaign):
        raise PermissionDenied(_("Only the campaign's moderators and facilitators see duplicate candidates."))
    pairs = selectors.duplicate_candidates(campaign)
    rows = [{"pair": p, "merge_url": _merge_url(p.source.pk, p.target.pk)} for p in pairs]
    context = {
        "campaign": campaign,
        "rows": rows,
        "themes": selectors.campaign_themes(campaign),
        "can_refresh": has_perm(request.user, "similarity.refresh_themes", campaign),
    }
    return render(request, "similarity/duplicates.html", context)


@login_required
@require_POST
def refresh_themes(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign(request, slug)
    if not has_perm(request.user, "similarity.refresh_themes", campaign):
        raise PermissionDenied(_("You cannot refresh this campaign's themes."))
    themes = services.themes_refresh(actor=request.user, campaign=campaign)
    messages.success(request, _("Themes refreshed: %(n)d themes.") % {"n": len(themes)})
    return redirect("similarity:duplicates", slug=campaign.slug)
