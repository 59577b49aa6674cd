from django.contrib import admin

from .models import ActivityEntry


@admin.register(ActivityEntry)
class ActivityEntryAdmin(admin.ModelAdmin):
    """Read-only: the log is written by services and never edited."""

    list_display = ("created_at", "actor", "verb", "target_label", "campaign_id")
    list_filter = ("verb",)
    search_fields = ("target_label", "actor__email", "verb")
    date_hierarchy = "created_at"
    list_select_related = ("actor",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
