"""Similarity pages: suggestions while typing (htmx fragment), the duplicate queue, refreshing themes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cocreate.campaigns.selectors import campaign_detail
from cocreate.core.params import int_param
from cocreate.core.permissions import has_perm
from cocreate.engagement.selectors import member_supports
from cocreate.ideas.models import Idea

from . import selectors, services
from .models import DuplicateDismissal


def _campaign(request: HttpRequest, slug: str):
    campaign = campaign_detail(request.user, slug)
    if campaign is None:
        raise Http404(_("No such campaign."))
    return campaign


MAX_DISMISSED = 50


def dismissed_ids(data) -> frozenset[int]:
    """The suggestions the author said are not the same idea while typing: hidden fields `dismissed`, plus the
    "Not the same" button just pressed (named check_similar, so without JavaScript the form is re-rendered with
    the suggestions instead of submitted). Nothing is stored: it lives in the form until it is sent."""
    pressed = str(data.get("check_similar", ""))
    values = [*data.getlist("dismissed"), pressed.removeprefix("not:") if pressed.startswith("not:") else ""]
    return frozenset(i for i in map(int_param, values) if i is not None)


def suggestion_context(request: HttpRequest, campaign, title: str, body: str, data=None) -> dict:
    """The similar-ideas panel: `data` (GET or POST) may ask for other campaigns too (`similar_site`) and carry
    the suggestions dismissed so far."""
    data = data if data is not None else request.GET
    site_wide = data.get("similar_site") == "1"
    dismissed = sorted(dismissed_ids(data))[:MAX_DISMISSED]
    suggestions = selectors.similar_ideas(
        request.user,
        campaign=campaign,
        title=title[:200],
        body=body[:5000],
        exclude_ids=frozenset(dismissed),
        site_wide=site_wide,
    )
    return {
        "suggestions": suggestions,
        "supported_ids": member_supports(request.user, [s.idea for s in suggestions]),
        # "Support this instead" only where the support rule says yes (at most five ideas).
        "supportable_ids": {s.idea.pk for s in suggestions if has_perm(request.user, "engagement.support", s.idea)},
        "campaign": campaign,
        "checked": bool(title.strip() or body.strip()),
        "site_wide": site_wide,
        "dismissed": dismissed,
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
        "dismissals": selectors.duplicate_dismissals(campaign),
        "can_dismiss": has_perm(request.user, "similarity.dismiss_duplicate", campaign),
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


@login_required
@require_POST
def dismiss_duplicate(request: HttpRequest, slug: str) -> HttpResponse:
    """POST source, target (ideas of this campaign) and an optional reason: "these are not duplicates"."""
    campaign = _campaign(request, slug)
    if not has_perm(request.user, "similarity.dismiss_duplicate", campaign):
        raise PermissionDenied(_("Only the campaign's moderators and facilitators can dismiss duplicates."))
    ids = [int_param(request.POST.get("source")), int_param(request.POST.get("target"))]
    if None in ids:
        messages.error(request, _("Choose the two ideas of the pair."))
        return redirect("similarity:duplicates", slug=campaign.slug)
    pair = {i.pk: i for i in Idea.objects.filter(campaign=campaign, pk__in=ids)}
    source, target = pair.get(ids[0]), pair.get(ids[1])
    if source is None or target is None:
        raise Http404(_("No such idea in this campaign."))
    services.duplicate_dismiss(actor=request.user, source=source, target=target, reason=request.POST.get("reason", ""))
    messages.success(
        request,
        _("“%(a)s” and “%(b)s” are marked as not duplicates; the pair will not come back.")
        % {"a": source.title, "b": target.title},
    )
    return redirect("similarity:duplicates", slug=campaign.slug)


@login_required
@require_POST
def restore_dismissal(request: HttpRequest, pk: int) -> HttpResponse:
    """Put a dismissed pair back: it shows in the duplicate queue again while it is similar enough."""
    dismissal = get_object_or_404(DuplicateDismissal.objects.select_related("campaign"), pk=pk)
    if not has_perm(request.user, "similarity.dismiss_duplicate", dismissal.campaign):
        raise PermissionDenied(_("Only the campaign's moderators and facilitators can do that."))
    services.duplicate_dismissal_restore(actor=request.user, dismissal=dismissal)
    messages.success(request, _("The pair is back in the duplicate queue."))
    return redirect("similarity:duplicates", slug=dismissal.campaign.slug)
