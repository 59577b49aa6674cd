"""Idea pages: lists, the idea page, submit and edit, revisions, updates, withdraw. Thin: forms in, services out."""

from __future__ import annotations

import random
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cocreate.campaigns.selectors import campaign_detail
from cocreate.core.forms import form_errors
from cocreate.core.pages import page_parts
from cocreate.core.params import int_param
from cocreate.core.permissions import has_perm, refusal
from cocreate.legal.selectors import has_accepted_current
from cocreate.legal.views import redirect_to_accept

from . import selectors, services
from .forms import IdeaEditForm, IdeaFilterForm, IdeaForm, IdeaUpdateForm, WithdrawForm
from .lifecycle import PUBLIC_STATES, IdeaStatus
from .models import Idea

PAGE_SIZE = 20


def _visitor_seed(request: HttpRequest) -> int:
    """A random order that stays the same for one visitor (so paging works) and differs between visitors."""
    seed = request.session.get("idea_seed")
    if not isinstance(seed, int):
        seed = random.randint(1, 2**31 - 1)
        request.session["idea_seed"] = seed
    return seed


def idea_list_context(request: HttpRequest, *, campaign=None, mine: bool = False) -> dict[str, Any]:
    """What the idea list include needs: filters, the page of ideas, and which ones the viewer supports."""
    form = IdeaFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    sort = params.get("sort") or selectors.DEFAULT_SORT
    seed = _visitor_seed(request) if sort == "random" else 0
    ideas = selectors.idea_list(
        request.user,
        campaign=campaign,
        sort=sort,
        status=params.get("status") or "",
        tag=params.get("tag") or "",
        q=params.get("q") or "",
        seed=seed,
        mine=mine,
        theme=params.get("theme"),
    )
    page = Paginator(ideas, PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "filter_form": form,
        "ideas_page": page,
        "sort": sort,
        "sorts": selectors.SORTS,
        "list_campaign": campaign,
        **page_parts("idea_list", request, ideas=page.object_list),
    }


def idea_list_all(request: HttpRequest) -> HttpResponse:
    context = idea_list_context(request)
    template = "ideas/includes/idea_list.html" if request.htmx else "ideas/idea_list.html"
    return render(request, template, context)


@login_required
def idea_list_mine(request: HttpRequest) -> HttpResponse:
    context = idea_list_context(request, mine=True)
    context["mine"] = True
    return render(request, "ideas/idea_list.html", context)


def _get_idea(request: HttpRequest, pk: int) -> Idea:
    idea = selectors.idea_detail(request.user, pk)
    if idea is None:
        raise Http404(_("No such idea."))
    return idea


def image_file(request: HttpRequest, path: str) -> HttpResponse:
    """An idea image under MEDIA_URL/ideas/, served only to those who may see the idea (F9). With
    MEDIA_ACCEL_REDIRECT set, the proxy sends the file (X-Accel-Redirect) after this check."""
    image = selectors.image_file_for(request.user, f"ideas/{path}")
    if image is None:
        raise Http404(_("No such image."))
    field = image.image if image.image.name == f"ideas/{path}" else image.thumbnail
    public = image.idea.status in PUBLIC_STATES
    if settings.MEDIA_ACCEL_REDIRECT:
        response = HttpResponse()
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT.rstrip("/") + "/" + field.name
        response["Content-Type"] = ""
    else:
        try:
            response = FileResponse(field.open("rb"))
        except FileNotFoundError as exc:
            raise Http404(_("No such image.")) from exc
    # Only public ideas' images may sit in shared caches; a draft's stay in the viewer's browser.
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    return response


def idea_detail(request: HttpRequest, pk: int, comment_form: Any = None) -> HttpResponse:
    """The idea page; `comment_form` comes back filled, with its errors, when a comment was refused."""
    idea = _get_idea(request, pk)
    if idea.status == IdeaStatus.MERGED and idea.merged_into_id:
        messages.info(request, _("“%(title)s” was merged into this idea.") % {"title": idea.title})
        return redirect(idea.merged_into)
    user = request.user
    context = {
        "idea": idea,
        "progress": selectors.idea_progress(idea),
        "updates": idea.updates.select_related("author"),
        "timeline": selectors.idea_timeline(idea),
        "revision_count": idea.revisions.count(),
        "can": selectors.idea_can(user, idea),
        "is_owner": idea.is_author(user),
        **page_parts("idea_detail", request, idea=idea, comment_form=comment_form),
    }
    return render(request, "ideas/idea_detail.html", context, status=400 if comment_form else 200)


def _terms_redirect(request: HttpRequest) -> HttpResponse:
    return redirect_to_accept(
        request,
        request.get_full_path(),
        _("Before your first contribution, please read and accept the contributor agreement."),
    )


@login_required
def idea_submit(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = campaign_detail(request.user, slug)
    if campaign is None:
        raise Http404(_("No such campaign."))
    refused = refusal(request.user, "ideas.submit", campaign)
    if refused is not None and refused.status == 404:  # a campaign that takes no ideas (an opinion map, say)
        raise refused
    if not has_accepted_current(request.user):
        return _terms_redirect(request)
    if refused is not None:  # the rule's own words (submission closed, most often), on the campaign page
        messages.error(request, str(refused.message))
        return redirect(campaign)
    form = IdeaForm(request.POST or None, request.FILES or None)
    # "Check for similar ideas" (the no-JS path) re-renders the form with suggestions instead of submitting.
    if request.method == "POST" and "check_similar" not in request.POST and form.is_valid():
        with form_errors(form):
            idea = services.idea_create(
                actor=request.user,
                campaign=campaign,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                tags=form.cleaned_data["tags"],
                coauthors=form.cleaned_data["coauthors"],
                images=form.cleaned_data["images"],
                draft="save_draft" in request.POST,
            )
            messages.success(request, _submitted_message(idea))
            return redirect(idea)
    return render(request, "ideas/idea_form.html", {"form": form, "campaign": campaign, "editing": False})


def _submitted_message(idea: Idea) -> str:
    if idea.status == IdeaStatus.DRAFT:
        return _("Draft saved. Only you and your co-authors can see it until you submit it.")
    if idea.status == IdeaStatus.PENDING:
        return _("Thank you! A moderator will review your idea before it is published.")
    return _("Your idea is published. Share it so it gathers support!")


@login_required
def idea_edit(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _get_idea(request, pk)
    if not has_perm(request.user, "ideas.change", idea):
        raise PermissionDenied(_("You cannot edit this idea."))
    initial = {
        "title": idea.title,
        "body": idea.body,
        "tags": ", ".join(t.name for t in idea.tags.all()),
        "coauthors": ", ".join(u.email for u in idea.coauthors.all()),
    }
    form = IdeaEditForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            services.idea_edit(
                actor=request.user,
                idea=idea,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                tags=form.cleaned_data["tags"],
                coauthors=form.cleaned_data["coauthors"] if idea.is_author(request.user) else None,
                images=form.cleaned_data["images"],
                remove_image_ids=[i for i in map(int_param, request.POST.getlist("remove_image")) if i is not None],
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("Your changes are saved."))
            return redirect(idea)
    return render(
        request, "ideas/idea_form.html", {"form": form, "campaign": idea.campaign, "idea": idea, "editing": True}
    )


@login_required
@require_POST
def idea_submit_draft(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _get_idea(request, pk)
    idea = services.idea_submit_draft(actor=request.user, idea=idea)
    messages.success(request, _submitted_message(idea))
    return redirect(idea)


@login_required
def idea_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _get_idea(request, pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            services.idea_withdraw(actor=request.user, idea=idea, reason=form.cleaned_data["reason"])
            messages.success(request, _("Your idea is withdrawn. Supporters and followers will see why."))
            return redirect(idea)
    return render(request, "ideas/idea_withdraw.html", {"idea": idea, "form": form})


@login_required
def idea_post_update(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _get_idea(request, pk)
    form = IdeaUpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            services.idea_post_update(
                actor=request.user, idea=idea, title=form.cleaned_data["title"], body=form.cleaned_data["body"]
            )
            messages.success(request, _("Update posted."))
            return redirect(f"{idea.get_absolute_url()}#updates")
    return render(request, "ideas/idea_update_form.html", {"idea": idea, "form": form})


def idea_history(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _get_idea(request, pk)
    revisions = list(selectors.idea_revisions(idea))
    number = int_param(request.GET.get("r"), max_value=2**31 - 1)
    selected = number if number is not None else (revisions[-1].number if revisions else 0)
    diff = selectors.revision_diff(idea, selected) if revisions else None
    if revisions and diff is None:
        raise Http404(_("No such revision."))
    return render(request, "ideas/idea_history.html", {"idea": idea, "revisions": revisions, "diff": diff})


def tag_ideas(request: HttpRequest, slug: str) -> HttpResponse:
    return redirect(f"{reverse('ideas:all')}?{urlencode({'tag': slug})}")
