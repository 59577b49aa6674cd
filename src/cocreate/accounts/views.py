"""Member pages: public profile, own settings, and the site-wide roles page for admins."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cocreate.core.forms import form_errors
from cocreate.core.pages import page_parts
from cocreate.core.permissions import has_perm

from . import services
from .forms import ProfileForm, RoleGrantForm
from .models import RoleAssignment, User

# Ideas a profile lists: public ones that still stand on their own (merged and withdrawn ones are left out).


@require_GET
def profile(request, pk: int):
    """A member's public page; the contexts above accounts add their work (ideas, comments) as page parts."""
    member = get_object_or_404(User, pk=pk, is_active=True)
    context = {"member": member, "is_self": request.user.is_authenticated and request.user.pk == member.pk}
    context.update(page_parts("member_profile", request, member=member))
    return render(request, "accounts/profile.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def settings_view(request):
    user = request.user
    initial = {
        "display_name": user.display_name,
        "bio": user.bio,
        "time_zone": user.time_zone,
        "coauthor_listing": user.coauthor_listing,
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            services.profile_update(actor=user, **form.cleaned_data)
            messages.success(request, _("Your profile is saved."))
            return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"form": form})


def _require_role_manager(request) -> None:
    if not has_perm(request.user, "accounts.manage_roles"):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def roles(request):
    _require_role_manager(request)
    form = RoleGrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            assignment = services.role_grant_sitewide(actor=request.user, **form.cleaned_data)
            messages.success(
                request,
                _("%(name)s is now a site-wide %(role)s.")
                % {"name": assignment.user.public_name, "role": assignment.get_role_display()},
            )
            return redirect("accounts:roles")
    assignments = RoleAssignment.objects.select_related("user", "campaign").order_by(
        F("campaign__title").asc(nulls_first=True), "role", "user__email"
    )
    sitewide = [a for a in assignments if a.campaign_id is None]
    scoped = [a for a in assignments if a.campaign_id is not None]
    return render(request, "accounts/roles.html", {"form": form, "sitewide": sitewide, "scoped": scoped})


@login_required
@require_POST
def role_remove(request, pk: int):
    _require_role_manager(request)
    assignment = get_object_or_404(RoleAssignment.objects.select_related("user"), pk=pk)
    services.role_revoke(actor=request.user, assignment=assignment)
    messages.success(
        request,
        _("%(name)s no longer holds the %(role)s role there.")
        % {"name": assignment.user.public_name, "role": assignment.get_role_display()},
    )
    return redirect("accounts:roles")
