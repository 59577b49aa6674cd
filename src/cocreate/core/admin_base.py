"""The admin site never bypasses a service: domain models are shown read-only, or their edits call the owning
app's services (which check permissions, keep history, publish events and keep search fresh)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from .errors import ApplicationError


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written only by services: listed and searchable, never added, changed or deleted here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyTabularInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ServiceAdmin(admin.ModelAdmin):
    """Edits go through services: a subclass overrides `save_model` / `delete_model` (and keeps the permissions
    it does not route through a service False). A service's refusal is shown as an error message and nothing is
    saved (the admin wraps the save in a transaction)."""

    def changeform_view(
        self, request: HttpRequest, object_id: str | None = None, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ApplicationError as error:
            self.message_user(request, str(error.message), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def delete_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> HttpResponse:
        try:
            return super().delete_view(request, object_id, extra_context)
        except ApplicationError as error:
            self.message_user(request, str(error.message), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            self.delete_model(request, obj)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """The service saved everything it owns; inlines of a service-backed admin are read-only (nothing to save,
        but the admin's change message reads what each formset saved)."""
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []


def service_action(name: str, description: str, call: Any, done: str) -> Any:
    """An admin action `name` that calls a service once per selected row, as the acting admin; refusals are
    listed. `call(actor, obj)` runs the service; `done` is the message with `%(n)d`, the rows it changed."""

    def action(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: Any) -> None:
        changed = 0
        for obj in queryset:
            try:
                call(request.user, obj)
            except ApplicationError as error:
                modeladmin.message_user(request, f"{obj}: {error.message}", messages.ERROR)
            else:
                changed += 1
        modeladmin.message_user(request, done % {"n": changed}, messages.SUCCESS)

    action.short_description = description  # type: ignore[attr-defined]
    action.__name__ = name
    return action
