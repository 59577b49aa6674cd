"""The campaign staff area for ideas: counts by status, the moderation queue, status changes.

These pages act on ideas, so they live in the ideas app; their URLs stay in the `campaigns` namespace
(`campaigns:manage`, `campaigns:moderate`, `campaigns:idea_status`), mounted by the site's URLconf next to the
campaign pages (see ideas/staff_urls.py)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cocreate.campaigns.models import Campaign, Moderation
from cocreate.campaigns.views import staff_campaign
from cocreate.core.forms import form_errors

from .lifecycle import IdeaStatus
from .models import Idea
from .selectors import staff_transitions_for
from .services import idea_change_status, idea_moderate
from .staff_forms import ModerationForm, StatusChangeForm


def _render_manage(
    request: HttpRequest, campaign: Campaign, *, bound: dict[int, Any] | None = None, status: int = 200
) -> HttpResponse:
    bound = bound or {}
    counts = dict(
        Idea.objects.filter(campaign=campaign).values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    # Drafts are their authors' private work; staff see everything from submission on.
    status_counts = [
        (value, label, counts.get(value, 0)) for value, label in IdeaStatus.choices if value != IdeaStatus.DRAFT
    ]
    pending = list(
        Idea.objects.filter(campaign=campaign, status=IdeaStatus.PENDING)
        .select_related("author")
        .order_by("status_changed_at", "id")
    )
    for idea in pending:
        idea.moderation_form = bound.get(idea.pk) or ModerationForm(prefix=f"m{idea.pk}")
    status_filter = request.GET.get("status", "")
    listed = (
        Idea.objects.filter(campaign=campaign)
        .exclude(status__in=[IdeaStatus.DRAFT, IdeaStatus.PENDING])
        .select_related("author", "campaign")
        .order_by("-status_changed_at", "-id")
    )
    if status_filter in IdeaStatus.values:
        listed = listed.filter(status=status_filter)
    page = Paginator(listed, 30).get_page(request.GET.get("page"))
    can_moderate = request.user.has_perm("ideas.moderate", Idea(campaign=campaign))
    for idea in page.object_list:
        form = bound.get(idea.pk)  # a refused change comes back with its errors
        if form is None and can_moderate:
            form = StatusChangeForm(prefix=f"s{idea.pk}", transitions=staff_transitions_for(request.user, idea))
            form = form if form.has_choices else None
        idea.status_form = form
    return render(
        request,
        "ideas/manage.html",
        {
            "campaign": campaign,
            "status_counts": status_counts,
            "pending": pending,
            "ideas_page": page,
            "status_filter": status_filter,
            "status_choices": IdeaStatus.choices,
            "can_moderate": can_moderate,
            "can_edit": request.user.has_perm("campaigns.change", campaign),
            "pre_moderated": campaign.moderation == Moderation.PRE,
        },
        status=status,
    )


def campaign_manage(request: HttpRequest, slug: str) -> HttpResponse:
    campaign, refused = staff_campaign(request, slug, "campaigns.view_staff_tools")
    if refused:
        return refused
    return _render_manage(request, campaign)


def _idea_of(campaign: Campaign, pk: int) -> Idea:
    return get_object_or_404(Idea.objects.select_related("campaign", "author"), pk=pk, campaign=campaign)


@require_POST
def idea_moderate_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign, refused = staff_campaign(request, slug, "campaigns.view_staff_tools")
    if refused:
        return refused
    idea = _idea_of(campaign, pk)
    if not request.user.has_perm("ideas.moderate", idea):
        raise PermissionDenied
    form = ModerationForm(request.POST, prefix=f"m{idea.pk}")
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        with form_errors(form):
            idea_moderate(actor=request.user, idea=idea, approve=approve, reason=form.cleaned_data["reason"])
            if approve:
                messages.success(request, _("“%(title)s” is published.") % {"title": idea.title})
            else:
                messages.success(request, _("“%(title)s” went back to its author.") % {"title": idea.title})
            return redirect("campaigns:manage", slug=campaign.slug)
    return _render_manage(request, campaign, bound={idea.pk: form}, status=400)


@require_POST
def idea_status_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign, refused = staff_campaign(request, slug, "campaigns.view_staff_tools")
    if refused:
        return refused
    idea = _idea_of(campaign, pk)
    if not request.user.has_perm("ideas.moderate", idea):
        raise PermissionDenied
    form = StatusChangeForm(request.POST, prefix=f"s{idea.pk}", transitions=staff_transitions_for(request.user, idea))
    if form.is_valid():
        with form_errors(form):
            idea = idea_change_status(
                actor=request.user,
                idea=idea,
                transition=form.cleaned_data["transition"],
                note=form.cleaned_data["note"],
            )
            messages.success(
                request,
                _("“%(title)s” is now “%(status)s”.") % {"title": idea.title, "status": idea.get_status_display()},
            )
            return redirect(reverse("campaigns:manage", kwargs={"slug": campaign.slug}) + f"#idea-{idea.pk}")
    return _render_manage(request, campaign, bound={idea.pk: form}, status=400)
