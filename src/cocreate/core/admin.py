from django.contrib import admin

from .admin_base import ReadOnlyAdmin
from .models import ReactionRun


@admin.register(ReactionRun)
class ReactionRunAdmin(ReadOnlyAdmin):
    """Read-only: runs are written by publish() and the runner; admins retry from /staff/reactions/."""

    list_display = ("handler", "event_type", "status", "attempts", "created_at", "next_attempt_at")
    list_filter = ("status", "event_type")
    search_fields = ("event_id", "handler", "last_error")
    date_hierarchy = "created_at"
