"""Campaign pages: the list, the brief, create and edit, and the staff area (moderation, status, team, invitations).

Views parse input with a form, call one service or selector, and render. Service refusals (ApplicationError)
come back as form errors with everything the user typed still in place.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from cocreate.accounts.models import Role, RoleAssignment
from cocreate.core.errors import ApplicationError
from cocreate.core.forms import add_application_error, form_errors
from cocreate.core.methods import CampaignMethod, Placement, Section
from cocreate.core.methods import registry as methods

from . import forms as f
from . import selectors, services
from .models import Campaign, CampaignStatus, Visibility

# ---- helpers --------------------------------------------------------------------------------------------


def _require(request: HttpRequest, perm: str, obj: Any = None) -> HttpResponse | None:
    """Visitors go to sign in; members without the permission get 403."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied
    return None


def staff_campaign(request: HttpRequest, slug: str, perm: str) -> tuple[Campaign | None, HttpResponse | None]:
    """The campaign for a staff page: 404 when the viewer may not even see it, 403 when they may see it but not
    run it, sign-in for visitors."""
    campaign = get_object_or_404(Campaign, slug=slug)
    if not request.user.is_authenticated:
        return None, redirect_to_login(request.get_full_path())
    if not request.user.has_perm(perm, campaign):
        if not request.user.has_perm("campaigns.view", campaign):
            raise Http404
        raise PermissionDenied
    return campaign, None


# ---- visitors -------------------------------------------------------------------------------------------


def campaign_list(request: HttpRequest) -> HttpResponse:
    campaigns = list(selectors.campaign_list(request.user))
    archived = list(selectors.campaign_list(request.user, include_archived=True).filter(status=CampaignStatus.ARCHIVED))
    selectors.with_counts([*campaigns, *archived])  # one query per count function for every card
    return render(
        request,
        "campaigns/campaign_list.html",
        {
            "campaigns": [c for c in campaigns if c.status == CampaignStatus.PUBLISHED],
            "drafts": [c for c in campaigns if c.status == CampaignStatus.DRAFT],
            "archived": archived,
        },
    )


def campaign_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The brief, and the method's own parts: its call to action and its panels (the idea list, the vote and the
    results, the map…), all read from the method registry."""
    campaign = selectors.campaign_detail(request.user, slug)
    if campaign is None:
        raise Http404
    method = methods.of(campaign)
    if request.htmx:  # a panel refreshing itself (the idea list's filters and pages)
        for panel in method.panels:
            if panel.htmx_target and request.htmx.target == panel.htmx_target:
                panel_context = panel.context(request, campaign) if panel.context else {}
                return render(request, panel.template, {"campaign": campaign, **panel_context})
    user = request.user
    shows = {section.value: method.has(section) for section in Section}
    criteria = list(campaign.criteria.all()) if shows[Section.CRITERIA] else []
    total_weight = sum(c.weight for c in criteria)
    for criterion in criteria:
        criterion.share = round(100 * criterion.weight / total_weight) if total_weight else 0
    context: dict[str, Any] = {
        "campaign": campaign,
        "method": method,
        "shows": shows,
        "action": method.call_to_action(request, campaign),
        "criteria": criteria,
        "entries_limit": method.contributions_in_words(campaign.entries_per_member or 0),
        "phases": list(campaign.phases.all()),
        "can_edit": user.has_perm("campaigns.change", campaign),
        "is_staff": user.has_perm("campaigns.view_staff_tools", campaign),
        "lead_panels": [p for p in method.panels if p.placement == Placement.LEAD],
        "main_panels": [p for p in method.panels if p.placement == Placement.MAIN],
    }
    for panel in method.panels:
        if panel.context:
            context.update(panel.context(request, campaign))
    return render(request, "campaigns/campaign_detail.html", context)


# ---- create and edit ------------------------------------------------------------------------------------


def _formsets(data=None, *, method: CampaignMethod, initial=None, extra=None) -> dict[str, Any]:
    """The formsets of the form sections `method` uses (the support ladder and criteria only where they apply)."""
    initial = initial or {}
    extra = extra or {}
    sets = {}
    for name, cls in f.FORMSETS.items():
        section = f.FORMSET_SECTIONS.get(name)
        if section is not None and not method.has(section):
            continue
        rows = initial.get(name) or []
        formset_cls = cls
        if name in extra:
            formset_cls = type(cls.__name__, (cls,), {"extra": cls.extra + extra[name]})
        sets[name] = (
            formset_cls(data, prefix=name, initial=rows) if data is not None else formset_cls(prefix=name, initial=rows)
        )
    return sets


def _reshow(request: HttpRequest, form: f.CampaignForm, formsets: dict[str, Any], *, creating: bool, campaign=None):
    """A "preset", "add a row" or "show this method's settings" button: show the form again with what was typed,
    without saving or errors."""
    kwargs: dict[str, Any] = {"creating": creating}
    if campaign is not None:
        kwargs["instance"] = campaign
    initial = {name: f.typed_rows(fs) for name, fs in formsets.items()}
    initial.setdefault("stages", f.DEFAULT_LADDER)  # a method with a ladder was chosen: start from the usual one
    extra = {}
    preset = request.POST.get("preset")
    if preset in f.PRESETS:
        initial["stages"] = [{"threshold": t, "window_days": d} for t, d in f.PRESETS[preset]]
        messages.info(request, _("The LEGO-style ladder is filled in below. Nothing is saved until you save."))
    add = request.POST.get("add_row")
    if add in f.FORMSETS:
        extra[add] = 1
    new_form = f.CampaignForm(initial=f.typed_values(form), **kwargs)
    return new_form, _formsets(method=new_form.method_spec, initial=initial, extra=extra)


def _specs(formsets: dict[str, Any]) -> dict[str, Any]:
    """Only the sections shown: a section the method does not use is not saved."""
    specs = {"stages": f.stage_specs, "criteria": f.criterion_specs, "phases": f.phase_specs}
    return {name: to_specs(formsets[name]) for name, to_specs in specs.items() if name in formsets}


def _apply_error(error: ApplicationError, form: f.CampaignForm, formsets: dict[str, Any]) -> None:
    if error.field in formsets:
        formsets[error.field].non_form_errors().append(str(error.message))
    else:
        add_application_error(form, error)


def _render_form(request, form, formsets, *, campaign=None, status=200) -> HttpResponse:
    return render(
        request,
        "campaigns/campaign_form.html",
        {"form": form, "campaign": campaign, "presets": f.PRESETS, "method": form.method_spec, **formsets},
        status=status,
    )


def _reshowing(request: HttpRequest) -> bool:
    return bool(request.POST.get("preset") or request.POST.get("add_row") or request.POST.get("reshow"))


def campaign_create(request: HttpRequest) -> HttpResponse:
    refused = _require(request, "campaigns.create")
    if refused:
        return refused
    if request.method != "POST":
        initial = {}
        if request.GET.get("preset") in f.PRESETS:
            initial["stages"] = [{"threshold": t, "window_days": d} for t, d in f.PRESETS[request.GET["preset"]]]
        else:
            initial["stages"] = f.DEFAULT_LADDER
        chosen = request.GET.get("method")
        form = f.CampaignForm(creating=True, initial={"method": chosen} if chosen in methods else None)
        return _render_form(request, form, _formsets(method=form.method_spec, initial=initial))
    form = f.CampaignForm(request.POST, request.FILES, creating=True)
    formsets = _formsets(request.POST, method=form.method_spec)
    if _reshowing(request):
        form, formsets = _reshow(request, form, formsets, creating=True)
        return _render_form(request, form, formsets)
    if form.is_valid() and all(fs.is_valid() for fs in formsets.values()):
        with form_errors(form, show=lambda error: _apply_error(error, form, formsets)):
            slug = form.cleaned_data.get("slug") or None
            campaign = services.campaign_create(
                actor=request.user, slug=slug, **_specs(formsets), **form.service_fields()
            )
            messages.success(request, _("Campaign “%(title)s” created.") % {"title": campaign.title})
            return redirect(campaign)
    return _render_form(request, form, formsets)


def campaign_edit(request: HttpRequest, slug: str) -> HttpResponse:
    campaign, refused = staff_campaign(request, slug, "campaigns.change")
    if refused:
        return refused
    if request.method != "POST":
        initial = {
            "stages": f.stage_initial(campaign),
            "criteria": f.criterion_initial(campaign),
            "phases": f.phase_initial(campaign),
        }
        if request.GET.get("preset") in f.PRESETS:
            initial["stages"] = [{"threshold": t, "window_days": d} for t, d in f.PRESETS[request.GET["preset"]]]
        form = f.CampaignForm(instance=campaign, creating=False)
        return _render_form(request, form, _formsets(method=form.method_spec, initial=initial), campaign=campaign)
    form = f.CampaignForm(request.POST, request.FILES, instance=campaign, creating=False)
    formsets = _formsets(request.POST, method=form.method_spec)
    if _reshowing(request):
        form, formsets = _reshow(request, form, formsets, creating=False, campaign=campaign)
        return _render_form(request, form, formsets, campaign=campaign)
    if form.is_valid() and all(fs.is_valid() for fs in formsets.values()):
        with form_errors(form, show=lambda error: _apply_error(error, form, formsets)):
            campaign = services.campaign_update(
                actor=request.user, campaign=campaign, **_specs(formsets), **form.service_fields()
            )
            messages.success(request, _("Campaign saved."))
            return redirect(campaign)
    return _render_form(request, form, formsets, campaign=campaign)


# ---- staff area -----------------------------------------------------------------------------------------


def _render_team(request, campaign, form=None, status=200) -> HttpResponse:
    assignments = (
        RoleAssignment.objects.filter(campaign=campaign).select_related("user").order_by("role", "user__email")
    )
    sitewide = RoleAssignment.objects.filter(
        campaign__isnull=True, role__in=[Role.ADMIN, Role.FACILITATOR, Role.MODERATOR, Role.REVIEWER]
    ).select_related("user")
    return render(
        request,
        "campaigns/team.html",
        {
            "campaign": campaign,
            "assignments": assignments,
            "sitewide": sitewide.order_by("role", "user__email"),
            "form": form or f.RoleAssignForm(),
            "can_edit": request.user.has_perm("campaigns.change", campaign),
        },
        status=status,
    )


def campaign_team(request: HttpRequest, slug: str) -> HttpResponse:
    campaign, refused = staff_campaign(request, slug, "campaigns.view_staff_tools")
    if refused:
        return refused
    if request.method != "POST":
        return _render_team(request, campaign)
    if not request.user.has_perm("campaigns.change", campaign):
        raise PermissionDenied
    form = f.RoleAssignForm(request.POST)
    if form.is_valid():
        with form_errors(form):
            assignment = services.role_assign(actor=request.user, campaign=campaign, **form.cleaned_data)
            messages.success(
                request,
                _("%(name)s is now %(role)s of this campaign.")
                % {"name": assignment.user.public_name, "role": assignment.get_role_display().lower()},
            )
            return redirect("campaigns:team", slug=campaign.slug)
    return _render_team(request, campaign, form, status=400)


@require_POST
def campaign_team_remove(request: HttpRequest, slug: str) -> HttpResponse:
    campaign, refused = staff_campaign(request, slug, "campaigns.change")
    if refused:
        return refused
    assignment = get_object_or_404(
        RoleAssignment.objects.select_related("user"), pk=request.POST.get("assignment"), campaign=campaign
    )
    services.role_remove(actor=request.user, campaign=campaign, email=assignment.user.email, role=assignment.role)
    messages.success(
        request,
        _("%(name)s is no longer %(role)s of this campaign.")
        % {"name": assignment.user.public_name, "role": assignment.get_role_display().lower()},
    )
    if not request.user.has_perm("campaigns.view_staff_tools", campaign):
        return redirect(campaign)
    return redirect("campaigns:team", slug=campaign.slug)


def campaign_invitations(request: HttpRequest, slug: str) -> HttpResponse:
    campaign, refused = staff_campaign(request, slug, "campaigns.change")
    if refused:
        return refused
    form = f.InviteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            with form_errors(form):
                created = services.campaign_invite(
                    actor=request.user, campaign=campaign, emails=form.cleaned_data["emails"]
                )
                count = len(created)
                text = (
                    ngettext("%(count)s new invitation added.", "%(count)s new invitations added.", count)
                    % {"count": count}
                    if count
                    else _("Everyone on the list was already invited.")
                )
                messages.success(request, text)
                return redirect("campaigns:invitations", slug=campaign.slug)
        status = 400
    return render(
        request,
        "campaigns/invitations.html",
        {
            "campaign": campaign,
            "form": form,
            "invitations": campaign.invitations.select_related("invited_by").order_by("email"),
            "invite_only": campaign.visibility == Visibility.INVITE,
        },
        status=status,
    )
