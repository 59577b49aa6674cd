"""Moderation pages: report (flag) something, the queue, one item with its flags, members, signals, the log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cocreate.accounts.models import User
from cocreate.core.errors import ApplicationError
from cocreate.core.forms import form_errors
from cocreate.core.permissions import has_perm
from cocreate.engagement.models import Comment
from cocreate.ideas.models import Idea

from . import selectors, services
from .forms import FlagForm, ReasonForm, SuspendForm, TrustForm
from .models import AbuseSignal, Kind


def _require(request: HttpRequest, perm: str, obj=None) -> None:
    if not has_perm(request.user, perm, obj):
        raise PermissionDenied(_("Only moderators can see this page."))


def _target_url(kind: str, target) -> str:
    if isinstance(target, Idea):
        return target.get_absolute_url()
    if isinstance(target, Comment):
        return f"{target.idea.get_absolute_url()}#comment-{target.pk}"
    return reverse("accounts:profile", args=[target.pk])


def _load(kind: str, pk: int):
    if kind not in Kind.values:
        raise Http404
    return services.load_target(kind, pk)  # NotFound: the error middleware answers 404


@login_required
def flag(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Report an idea, comment or member profile to the moderators."""
    target = _load(kind, pk)
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):  # a target that is gone (404) goes on to the error middleware
            services.flag_create(
                actor=request.user,
                kind=kind,
                object_id=pk,
                reason=form.cleaned_data["reason"],
                text=form.cleaned_data["text"],
            )
            messages.success(request, _("Thank you: the moderators will look at it."))
            return redirect(_target_url(kind, target))
    elif request.method == "GET":
        # Someone who cannot see the content learns nothing about it.
        if isinstance(target, Idea) and not has_perm(request.user, "ideas.view", target):
            raise Http404
        if isinstance(target, Comment) and not has_perm(request.user, "ideas.view", target.idea):
            raise Http404
    context = {"form": form, "kind": kind, "target": target, "target_url": _target_url(kind, target)}
    return render(request, "moderation/flag.html", context, status=400 if form.errors else 200)


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    _require(request, "moderation.view_queue")
    kind = request.GET.get("kind", "")
    kind = kind if kind in Kind.values else ""
    context = {
        "items": selectors.moderation_queue(request.user, kind=kind),
        "kind": kind,
        "kinds": Kind.choices,
        "pending": selectors.pending_by_campaign(request.user),
        "signal_count": selectors.abuse_signals(request.user).count()
        if has_perm(request.user, "moderation.view_signals")
        else None,
        "suspensions": selectors.suspensions_current()[:20],
        "recent": selectors.audit_log(request.user)[:10],
    }
    return render(request, "moderation/queue.html", context)


@login_required
def item(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """One flagged or hidden object: what it says, who reported it and why, and hide / restore / dismiss."""
    target = _load(kind, pk)
    if kind == Kind.PROFILE:
        return redirect("moderation:member", pk=pk)
    _require(request, "moderation.moderate_content", target)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action")
        reason = form.cleaned_data["reason"]
        with form_errors(form):
            if action == "hide":
                services.content_hide(actor=request.user, target=target, reason=reason)
                messages.success(request, _("Hidden. The author sees your reason."))
            elif action == "restore":
                services.content_restore(actor=request.user, target=target, reason=reason)
                messages.success(request, _("Restored: everyone sees it again."))
            elif action == "dismiss":
                services.flags_dismiss(actor=request.user, kind=kind, object_id=pk, reason=reason)
                messages.success(request, _("Reports dismissed."))
            else:
                raise ApplicationError(_("Choose hide, restore or dismiss."))
            return redirect("moderation:item", kind=kind, pk=pk)
        target = _load(kind, pk)
    context = {
        "kind": kind,
        "target": target,
        "target_url": _target_url(kind, target),
        "entry": selectors.queue_item(request.user, kind, pk, target),
        "form": form,
        "history": selectors.audit_log(request.user, kind=kind, object_id=pk)[:50],
    }
    return render(request, "moderation/item.html", context, status=400 if form.errors else 200)


@login_required
def member(request: HttpRequest, pk: int) -> HttpResponse:
    """A member's standing: trust level, suspensions, reports about their profile."""
    _require(request, "moderation.suspend")
    person = get_object_or_404(User, pk=pk)
    suspend_form = SuspendForm(request.POST if request.POST.get("action") == "suspend" else None)
    trust_form = TrustForm(request.POST if request.POST.get("action") == "trust" else None)
    lift_form = ReasonForm(request.POST if request.POST.get("action") == "lift" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        form = {"suspend": suspend_form, "trust": trust_form, "lift": lift_form}.get(action)
        if form is not None and form.is_valid():
            with form_errors(form):
                if action == "suspend":
                    services.member_suspend(
                        actor=request.user,
                        member=person,
                        until=form.cleaned_data["until"],
                        reason=form.cleaned_data["reason"],
                    )
                    messages.success(request, _("Member suspended."))
                elif action == "lift":
                    services.member_unsuspend(actor=request.user, member=person, reason=form.cleaned_data["reason"])
                    messages.success(request, _("Suspension lifted."))
                else:
                    services.trust_level_set(
                        actor=request.user,
                        member=person,
                        level=form.cleaned_data["level"],
                        reason=form.cleaned_data["reason"],
                    )
                    messages.success(request, _("Trust level saved."))
                return redirect("moderation:member", pk=pk)
    context = {
        "person": person,
        "standing": selectors.member_standing(person),
        "suspend_form": suspend_form,
        "trust_form": trust_form,
        "lift_form": lift_form,
        "history": selectors.audit_log(request.user, kind=Kind.PROFILE, object_id=pk)[:50],
    }
    return render(request, "moderation/member.html", context)


@login_required
def signals(request: HttpRequest) -> HttpResponse:
    _require(request, "moderation.view_signals")
    status = request.GET.get("status", "open")
    context = {
        "signals": selectors.abuse_signals(request.user, status=status if status != "all" else ""),
        "status": status,
    }
    return render(request, "moderation/signals.html", context)


@login_required
def signal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "moderation.view_signals")
    signal = get_object_or_404(AbuseSignal, pk=pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            services.signal_resolve(
                actor=request.user,
                signal=signal,
                action=request.POST.get("action", ""),
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("Done. The support counts are updated."))
            return redirect("moderation:signal", pk=pk)
    from cocreate.engagement.models import Support

    supports = Support.objects.filter(pk__in=signal.support_ids).select_related("member", "idea", "origin")
    context = {"signal": signal, "form": form, "supports": supports.order_by("created_at")}
    return render(request, "moderation/signal.html", context)


@login_required
def log(request: HttpRequest) -> HttpResponse:
    _require(request, "moderation.view_queue")
    page = Paginator(selectors.audit_log(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "moderation/log.html", {"page": page})
