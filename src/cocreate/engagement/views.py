"""Support, follow and comment endpoints. Each works as a plain form POST and, with htmx, swaps a fragment."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cocreate.core.errors import ApplicationError, TermsNotAccepted
from cocreate.core.forms import form_errors
from cocreate.core.permissions import has_perm
from cocreate.ideas.selectors import idea_can, idea_detail, idea_progress
from cocreate.ideas.views import idea_detail as idea_page
from cocreate.legal.views import redirect_to_accept

from . import services
from .forms import CommentEditForm, CommentForm
from .models import Comment
from .selectors import comment_url, viewer_state


def _idea_or_404(request: HttpRequest, pk: int):
    idea = idea_detail(request.user, pk)
    if idea is None:
        raise Http404(_("No such idea."))
    return idea


def _need_login(request: HttpRequest, idea) -> HttpResponse:
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = f"{reverse('account_login')}?{urlencode({'next': idea.get_absolute_url()})}"
        return response
    return redirect_to_login(idea.get_absolute_url())


def _support_box(request: HttpRequest, idea, *, error: str = "") -> HttpResponse:
    context = {
        "idea": idea,
        "progress": idea_progress(idea),
        "viewer": viewer_state(request.user, idea),
        "can": idea_can(request.user, idea, keys=("support", "follow")),
        "support_error": error,
    }
    return render(request, "engagement/support_box.html", context)


@require_POST
def support_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    """Support or take back a support. The database constraint makes a double click harmless."""
    idea = _idea_or_404(request, pk)
    if not request.user.is_authenticated:
        return _need_login(request, idea)
    error = ""
    try:
        if request.POST.get("action") == "remove":
            services.support_remove(actor=request.user, idea=idea)
        elif request.POST.get("action") == "add":
            services.support_add(actor=request.user, idea=idea)
        else:
            services.support_toggle(actor=request.user, idea=idea)
    except ApplicationError as exc:
        # Kept on purpose (docs/adr/0005-one-error-path.md): the support box shows the refusal inside itself, in
        # place, and a repeated click (already supported / not supported) is what the member wanted, not an error.
        if exc.code not in ("already_supported", "not_supported"):
            error = str(exc.message)
    idea = _idea_or_404(request, pk)
    if request.htmx:
        return _support_box(request, idea, error=error)
    if error:
        messages.error(request, error)
    return redirect(idea)


@require_POST
def follow_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _idea_or_404(request, pk)
    if not request.user.is_authenticated:
        return _need_login(request, idea)
    if request.POST.get("action") == "unfollow":
        services.follow_remove(actor=request.user, idea=idea)
    else:
        services.follow_add(actor=request.user, idea=idea)
    if request.htmx:
        return _support_box(request, idea)
    return redirect(idea)


@require_POST
def comment_create(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _idea_or_404(request, pk)
    if not request.user.is_authenticated:
        return _need_login(request, idea)
    form = CommentForm(request.POST)
    if form.is_valid():
        parent = None
        if form.cleaned_data.get("parent"):
            parent = Comment.objects.filter(pk=form.cleaned_data["parent"], idea=idea).first()
        try:
            with form_errors(form):
                comment = services.comment_add(
                    actor=request.user,
                    idea=idea,
                    body=form.cleaned_data["body"],
                    alignment=form.cleaned_data["alignment"],
                    parent=parent,
                    official=form.cleaned_data["official"],
                )
                messages.success(request, _("Comment posted."))
                return redirect(comment_url(comment))
        except TermsNotAccepted:
            # Not the middleware's generic answer: this POST-only URL is no place to come back to after accepting.
            return redirect_to_accept(
                request,
                idea.get_absolute_url(),
                _("Before your first comment, please accept the contributor agreement."),
            )
    # The idea page comes back with the form filled and its errors, so nothing typed is lost.
    return idea_page(request, pk, comment_form=form)


def comment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(Comment.objects.select_related("idea", "author"), pk=pk)
    idea = _idea_or_404(request, comment.idea_id)
    if not request.user.is_authenticated:
        return _need_login(request, idea)
    if not has_perm(request.user, "engagement.change_comment", comment):
        raise PermissionDenied(_("Comments can only be edited by their author for a while."))
    form = CommentEditForm(request.POST or None, initial={"body": comment.body, "alignment": comment.alignment})
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            services.comment_edit(
                actor=request.user,
                comment=comment,
                body=form.cleaned_data["body"],
                alignment=form.cleaned_data["alignment"],
            )
            messages.success(request, _("Comment updated."))
            return redirect(comment_url(comment))
    return render(request, "engagement/comment_edit.html", {"form": form, "comment": comment, "idea": idea})


@require_POST
def comment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(Comment.objects.select_related("idea"), pk=pk)
    idea = _idea_or_404(request, comment.idea_id)
    if not request.user.is_authenticated:
        return _need_login(request, idea)
    services.comment_delete(actor=request.user, comment=comment)
    messages.success(request, _("Comment deleted."))
    return redirect(comment_url(comment))
