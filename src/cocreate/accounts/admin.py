"""Accounts in the admin site. Django's own account plumbing stays editable here (password, active, staff and
superuser flags, groups); the profile is the member's own (read-only here), and roles are given and removed
through `role_grant_sitewide` / `role_revoke` (campaign roles on the campaign's team page)."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from cocreate.core.admin_base import ReadOnlyTabularInline, ServiceAdmin

from .models import RoleAssignment, User
from .services import role_grant_sitewide, role_revoke


class EmailUserCreationForm(UserCreationForm):
    class Meta:
        model = User
        fields = ("email", "display_name")


class EmailUserChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class RoleAssignmentInline(ReadOnlyTabularInline):
    model = RoleAssignment
    fields = ("role", "campaign", "created_at")
    readonly_fields = fields


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Members sign in with their email: there is no username."""

    form = EmailUserChangeForm
    add_form = EmailUserCreationForm
    list_display = ("email", "display_name", "is_staff", "is_active", "date_joined")
    list_filter = ("is_staff", "is_superuser", "is_active", "role_assignments__role")
    search_fields = ("email", "display_name")
    ordering = ("-date_joined",)
    inlines = [RoleAssignmentInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("display_name", "bio", "time_zone", "first_name", "last_name")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "display_name", "password1", "password2")}),)
    # The member's own profile (accounts.services.profile_update); dates are records.
    readonly_fields = ("display_name", "bio", "time_zone", "first_name", "last_name", "last_login", "date_joined")

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else ()  # a new account names itself once


class RoleGrantForm(forms.ModelForm):
    class Meta:
        model = RoleAssignment
        fields = ("user", "role")


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ServiceAdmin):
    """Site-wide roles are given and removed through the accounts services (only admins; never the last admin)."""

    form = RoleGrantForm
    list_display = ("user", "role", "campaign", "created_at")
    list_filter = ("role", ("campaign", admin.EmptyFieldListFilter))
    search_fields = ("user__email", "user__display_name", "campaign__title")
    autocomplete_fields = ("user",)
    list_select_related = ("user", "campaign")

    def has_change_permission(self, request, obj=None):
        return False  # remove the role and give another

    def save_model(self, request, obj, form, change):
        granted = role_grant_sitewide(actor=request.user, email=obj.user.email, role=obj.role)
        obj.pk = granted.pk  # the admin's "added" message and redirect name the saved row

    def delete_model(self, request, obj):
        role_revoke(actor=request.user, assignment=obj)
