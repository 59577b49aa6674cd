"""Merge pages: choose a target and confirm a merge, undo one, and the merges log. Thin: services decide."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cocreate.accounts.models import Role
from cocreate.accounts.selectors import staff_of_campaign_ids
from cocreate.core.errors import ApplicationError
from cocreate.core.forms import form_errors
from cocreate.core.params import IdField, int_param
from cocreate.core.permissions import has_perm, require_perm
from cocreate.ideas.selectors import ideas_visible_to

from . import services
from .models import IdeaMerge

MERGE_ROLES = {Role.MODERATOR, Role.FACILITATOR}


class MergeForm(forms.Form):
    target = IdField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=gettext_lazy("Why are these the same idea? (shown on the idea's timeline)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@login_required
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    source = ideas_visible_to(request.user).select_related("campaign", "author").filter(pk=pk).first()
    if source is None:
        raise Http404(_("No such idea."))
    require_perm(request.user, "similarity.merge_or_mark", source)  # refused: the rule's message, 403 page
    as_moderator = has_perm(request.user, "similarity.merge", source)
    candidates = (
        ideas_visible_to(request.user)
        .filter(campaign_id=source.campaign_id)
        .exclude(pk=source.pk)
        .exclude(status__in=services.MERGE_TARGET_REFUSED)
        .select_related("author")
        .order_by("-support_count", "-id")
    )
    q = (request.GET.get("q") or "").strip()[:200]
    for word in q.split()[:8]:
        candidates = candidates.filter(Q(title__icontains=word) | Q(body__icontains=word))
    target = None
    raw_target = request.POST.get("target") or request.GET.get("target")
    if (target_id := int_param(raw_target)) is not None:
        target = ideas_visible_to(request.user).filter(pk=target_id, campaign_id=source.campaign_id).first()
    form = MergeForm(
        request.POST if request.method == "POST" else None, initial={"target": target.pk if target else None}
    )
    refusal = None
    if target is not None:
        try:
            services.merge_check(source=source, target=target)
        except ApplicationError as exc:
            # Kept on purpose (docs/adr/0005-one-error-path.md): a dry run. The page shows why this merge would
            # be refused next to the choice of target, before anyone confirms; nothing was asked to happen.
            refusal = exc.message
    if request.method == "POST" and form.is_valid() and target is not None:
        with form_errors(form):
            if as_moderator:
                services.merge_ideas(
                    actor=request.user, source=source, target=target, reason=form.cleaned_data["reason"]
                )
            else:
                services.idea_mark_duplicate(
                    actor=request.user, idea=source, target=target, note=form.cleaned_data["reason"]
                )
            messages.success(
                request,
                _("“%(source)s” is merged into this idea. Its supporters, followers and comments are here now.")
                % {"source": source.title},
            )
            return redirect(target)
    elif request.method == "POST" and target is None:
        form.is_valid()  # a form must be cleaned before an error is added (an empty POST gave a 500)
        form.add_error(None, _("Choose the idea to merge into."))
    context = {
        "source": source,
        "target": target,
        "refusal": refusal,
        "preview": services.merge_preview(source=source, target=target) if target and not refusal else None,
        "candidates": candidates[:20] if target is None else [],
        "q": q,
        "form": form,
        "as_moderator": as_moderator,
    }
    return render(request, "similarity/merge_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def merge_undo(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(IdeaMerge.objects.select_related("source", "source__campaign", "target"), pk=pk)
    if not has_perm(request.user, "similarity.undo_merge", record.source):
        raise PermissionDenied(_("Only moderators can undo a merge."))
    services.merge_undo(actor=request.user, merge=record)
    messages.success(
        request,
        _("The merge is undone: “%(source)s” has its supporters, followers and comments back.")
        % {"source": record.source.title},
    )
    return redirect(record.source)


@login_required
def merge_log(request: HttpRequest) -> HttpResponse:
    campaign_ids = staff_of_campaign_ids(request.user, MERGE_ROLES)
    if campaign_ids is not None and not campaign_ids:
        raise PermissionDenied(_("Only moderators can see the merges."))
    merges = IdeaMerge.objects.select_related("source", "target", "actor", "undone_by", "source__campaign")
    if campaign_ids is not None:
        merges = merges.filter(source__campaign_id__in=campaign_ids)
    page = Paginator(merges.order_by("-created_at", "-id"), 30).get_page(request.GET.get("page"))
    return render(request, "similarity/merge_log.html", {"merges_page": page})
