from django.contrib import admin

from cocreate.core.admin_base import ReadOnlyAdmin, ReadOnlyTabularInline

from .models import Milestone, Release, RoadmapEntry, RoadmapItem


class MilestoneInline(ReadOnlyTabularInline):
    model = Milestone
    extra = 0


class RoadmapEntryInline(ReadOnlyTabularInline):
    model = RoadmapEntry
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "kind", "actor", "status", "progress", "subject", "note", "release"]


@admin.register(RoadmapItem)
class RoadmapItemAdmin(ReadOnlyAdmin):
    list_display = ["title", "campaign", "status", "progress", "position", "shipped_at", "release"]
    list_filter = ["status", "campaign"]
    search_fields = ["title", "summary"]
    raw_id_fields = ["idea", "created_by", "release"]
    inlines = [MilestoneInline, RoadmapEntryInline]


@admin.register(Milestone)
class MilestoneAdmin(ReadOnlyAdmin):
    list_display = ["title", "item", "due_date", "done_at"]
    raw_id_fields = ["item"]


@admin.register(RoadmapEntry)
class RoadmapEntryAdmin(ReadOnlyAdmin):
    """The audit log is append-only: readable, never edited."""

    list_display = ["created_at", "item", "kind", "actor", "status", "progress"]
    list_filter = ["kind"]
    readonly_fields = ["item", "kind", "actor", "status", "progress", "note", "subject", "release", "created_at"]


@admin.register(Release)
class ReleaseAdmin(ReadOnlyAdmin):
    list_display = ["title", "version", "campaign", "published_at"]
    list_filter = ["campaign"]
    raw_id_fields = ["created_by"]
