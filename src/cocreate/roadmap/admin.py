from django.contrib import admin

from .models import Milestone, Release, RoadmapEntry, RoadmapItem


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class RoadmapEntryInline(admin.TabularInline):
    model = RoadmapEntry
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "kind", "actor", "status", "progress", "subject", "note", "release"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(RoadmapItem)
class RoadmapItemAdmin(admin.ModelAdmin):
    list_display = ["title", "campaign", "status", "progress", "position", "shipped_at", "release"]
    list_filter = ["status", "campaign"]
    search_fields = ["title", "summary"]
    raw_id_fields = ["idea", "created_by", "release"]
    inlines = [MilestoneInline, RoadmapEntryInline]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["title", "item", "due_date", "done_at"]
    raw_id_fields = ["item"]


@admin.register(RoadmapEntry)
class RoadmapEntryAdmin(admin.ModelAdmin):
    """The audit log is append-only: readable, never edited."""

    list_display = ["created_at", "item", "kind", "actor", "status", "progress"]
    list_filter = ["kind"]
    readonly_fields = ["item", "kind", "actor", "status", "progress", "note", "subject", "release", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    list_display = ["title", "version", "campaign", "published_at"]
    list_filter = ["campaign"]
    raw_id_fields = ["created_by"]
