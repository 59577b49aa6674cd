from django.contrib import admin

from cocreate.core.admin_base import ReadOnlyAdmin

from .models import ActivityEntry


@admin.register(ActivityEntry)
class ActivityEntryAdmin(ReadOnlyAdmin):
    """Read-only: the log is written by services and never edited."""

    list_display = ("created_at", "actor", "verb", "target_label", "campaign_id")
    list_filter = ("verb",)
    search_fields = ("target_label", "actor__email", "verb")
    date_hierarchy = "created_at"
    list_select_related = ("actor",)
