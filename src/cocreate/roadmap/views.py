"""Roadmap pages: the public board, items and releases, and the staff tools to run them. Thin: forms in,
services out."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cocreate.campaigns.selectors import campaign_detail, campaigns_visible_to
from cocreate.core.forms import form_errors
from cocreate.core.permissions import has_perm

from . import selectors, services
from .forms import ItemForm, MilestoneForm, ProgressForm, ReleaseForm
from .models import Milestone, Release, RoadmapItem


def _item_or_404(request: HttpRequest, pk: int) -> RoadmapItem:
    item = selectors.roadmap_item_detail(request.user, pk)
    if item is None:
        raise Http404(_("This roadmap item does not exist."))
    return item


def _release_or_404(request: HttpRequest, pk: int) -> Release:
    release = selectors.release_detail(request.user, pk)
    if release is None:
        raise Http404(_("This release does not exist."))
    return release


def _managed_campaign(request: HttpRequest, slug: str):
    campaign = campaign_detail(request.user, slug)
    if campaign is None:
        raise Http404(_("This campaign does not exist."))
    if not has_perm(request.user, "roadmap.manage", campaign):
        raise PermissionDenied
    return campaign


# ---- public pages --------------------------------------------------------------------------------------


def index(request: HttpRequest) -> HttpResponse:
    """The roadmap of every campaign the viewer may read, or of one (?campaign=<slug>)."""
    campaign = None
    slug = request.GET.get("campaign", "")
    if slug:
        campaign = campaign_detail(request.user, slug[:80])
        if campaign is None:
            raise Http404(_("This campaign does not exist."))
    board = selectors.roadmap_board(request.user, campaign=campaign)
    managed = list(selectors.manageable_campaigns(request.user)) if has_perm(request.user, "roadmap.manage_any") else []
    return render(
        request,
        "roadmap/index.html",
        {
            "board": board,
            "filter_campaign": campaign,
            "campaign_choices": campaigns_visible_to(request.user)
            .filter(roadmap_items__isnull=False)
            .distinct()
            .order_by("title"),
            "managed_campaigns": managed,
        },
    )


def _item_page(request: HttpRequest, item: RoadmapItem, **forms: Any) -> HttpResponse:
    can_change = has_perm(request.user, "roadmap.change_item", item)
    context = {
        "item": item,
        "entries": selectors.item_entries(item),
        "can_change": can_change,
    }
    if can_change:
        context["progress_form"] = forms.get("progress_form") or ProgressForm(
            initial={"status": item.status, "progress": item.progress}
        )
        context["milestone_form"] = forms.get("milestone_form") or MilestoneForm()
    status = 400 if any(f.errors for f in forms.values()) else 200
    return render(request, "roadmap/item_detail.html", context, status=status)


def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _item_page(request, _item_or_404(request, pk))


def release_list(request: HttpRequest) -> HttpResponse:
    releases = list(selectors.releases_visible_to(request.user))
    managed = list(selectors.manageable_campaigns(request.user)) if has_perm(request.user, "roadmap.manage_any") else []
    return render(request, "roadmap/release_list.html", {"releases": releases, "managed_campaigns": managed})


def release_detail(request: HttpRequest, pk: int) -> HttpResponse:
    release = _release_or_404(request, pk)
    return render(
        request,
        "roadmap/release_detail.html",
        {
            "release": release,
            "credits": selectors.release_credits(release),
            "can_change": has_perm(request.user, "roadmap.change_release", release),
            "can_publish": has_perm(request.user, "roadmap.publish_release", release),
        },
    )


# ---- staff: items --------------------------------------------------------------------------------------


@login_required
def item_create(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _managed_campaign(request, slug)
    ideas = selectors.accepted_ideas_without_item(campaign)
    form = ItemForm(request.POST or None, ideas=ideas)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            item = services.roadmap_item_create(
                actor=request.user,
                campaign=campaign,
                title=form.cleaned_data["title"],
                summary=form.cleaned_data["summary"],
                idea=form.cleaned_data.get("idea"),
            )
            messages.success(request, _("The item is on the roadmap."))
            return redirect(item)
    return render(
        request, "roadmap/item_form.html", {"form": form, "campaign": campaign}, status=400 if form.errors else 200
    )


@login_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_or_404(request, pk)
    if not has_perm(request.user, "roadmap.change_item", item):
        raise PermissionDenied
    initial = {"title": item.title, "summary": item.summary, "position": item.position}
    form = ItemForm(request.POST or None, initial=initial, with_idea=False)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            services.roadmap_item_update(
                actor=request.user,
                item=item,
                title=form.cleaned_data["title"],
                summary=form.cleaned_data["summary"],
                position=form.cleaned_data.get("position"),
            )
            messages.success(request, _("Saved."))
            return redirect(item)
    return render(
        request,
        "roadmap/item_form.html",
        {"form": form, "item": item, "campaign": item.campaign},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def item_progress(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_or_404(request, pk)
    if not has_perm(request.user, "roadmap.change_item", item):
        raise PermissionDenied
    form = ProgressForm(request.POST)
    if form.is_valid():
        with form_errors(form):
            services.roadmap_item_progress(
                actor=request.user,
                item=item,
                status=form.cleaned_data["status"],
                progress=form.cleaned_data["progress"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("The roadmap is updated."))
            return redirect(item)
    return _item_page(request, item, progress_form=form)


@login_required
@require_POST
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_or_404(request, pk)
    if not has_perm(request.user, "roadmap.change_item", item):
        raise PermissionDenied
    form = MilestoneForm(request.POST)
    if form.is_valid():
        with form_errors(form):
            services.milestone_add(
                actor=request.user, item=item, title=form.cleaned_data["title"], due_date=form.cleaned_data["due_date"]
            )
            messages.success(request, _("Milestone added."))
            return redirect(item)
    return _item_page(request, item, milestone_form=form)


def _milestone(request: HttpRequest, pk: int) -> Milestone:
    milestone = get_object_or_404(Milestone.objects.select_related("item__campaign"), pk=pk)
    item = _item_or_404(request, milestone.item_id)
    if not has_perm(request.user, "roadmap.change_item", item):
        raise PermissionDenied
    return milestone


@login_required
@require_POST
def milestone_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = _milestone(request, pk)
    services.milestone_set_done(actor=request.user, milestone=milestone, done=request.POST.get("done") == "1")
    return redirect(milestone.item)


@login_required
@require_POST
def milestone_remove(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = _milestone(request, pk)
    services.milestone_remove(actor=request.user, milestone=milestone)
    messages.success(request, _("Milestone removed."))
    return redirect(milestone.item)


# ---- staff: releases -----------------------------------------------------------------------------------


@login_required
def release_create(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _managed_campaign(request, slug)
    form = ReleaseForm(request.POST or None, items=selectors.releasable_items(campaign))
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            release = services.release_create(
                actor=request.user,
                campaign=campaign,
                title=form.cleaned_data["title"],
                version=form.cleaned_data["version"],
                notes=form.cleaned_data["notes"],
                items=list(form.cleaned_data["items"]),
            )
            messages.success(request, _("The draft release is saved. Publish it when it is ready."))
            return redirect(release)
    return render(
        request, "roadmap/release_form.html", {"form": form, "campaign": campaign}, status=400 if form.errors else 200
    )


@login_required
def release_edit(request: HttpRequest, pk: int) -> HttpResponse:
    release = _release_or_404(request, pk)
    if not has_perm(request.user, "roadmap.change_release", release):
        raise PermissionDenied
    initial = {
        "title": release.title,
        "version": release.version,
        "notes": release.notes,
        "items": list(release.items.all()),
    }
    form = ReleaseForm(
        request.POST or None, initial=initial, items=selectors.releasable_items(release.campaign, release)
    )
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            services.release_update(
                actor=request.user,
                release=release,
                title=form.cleaned_data["title"],
                version=form.cleaned_data["version"],
                notes=form.cleaned_data["notes"],
                items=list(form.cleaned_data["items"]),
            )
            messages.success(request, _("Saved."))
            return redirect(release)
    return render(
        request,
        "roadmap/release_form.html",
        {"form": form, "campaign": release.campaign, "release": release},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def release_publish(request: HttpRequest, pk: int) -> HttpResponse:
    release = _release_or_404(request, pk)
    if not has_perm(request.user, "roadmap.publish_release", release):
        raise PermissionDenied
    services.release_publish(actor=request.user, release=release)
    messages.success(request, _("The release is published and its items are shipped."))
    return redirect(release)


@login_required
@require_POST
def release_delete(request: HttpRequest, pk: int) -> HttpResponse:
    release = _release_or_404(request, pk)
    if not has_perm(request.user, "roadmap.change_release", release):
        raise PermissionDenied
    services.release_delete(actor=request.user, release=release)
    messages.success(request, _("The draft release is deleted."))
    return redirect("roadmap:releases")
