from django.contrib import admin

from cocreate.core.admin_base import ReadOnlyAdmin

from .models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("recipient", "kind", "idea", "created_at", "read_at", "email_delivery", "emailed_at")
    list_filter = ("kind", "email_delivery")
    search_fields = ("recipient__email", "event_key")
    raw_id_fields = ("recipient", "actor", "idea")
    readonly_fields = ("event_key", "created_at")


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(ReadOnlyAdmin):
    list_display = ("member", "kind", "delivery", "updated_at")
    list_filter = ("kind", "delivery")
    search_fields = ("member__email",)
    raw_id_fields = ("member",)
