from django.contrib import admin

from .models import IdeaMerge, IdeaVector, Theme, ThemeMembership


@admin.register(IdeaVector)
class IdeaVectorAdmin(admin.ModelAdmin):
    list_display = ("idea", "method", "campaign_id_copy", "updated_at")
    list_filter = ("method",)
    raw_id_fields = ("idea",)
    readonly_fields = ("vector",)


class ThemeMembershipInline(admin.TabularInline):
    model = ThemeMembership
    raw_id_fields = ("idea",)
    extra = 0


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("label", "campaign", "size", "computed_at")
    list_filter = ("campaign",)
    inlines = [ThemeMembershipInline]


@admin.register(IdeaMerge)
class IdeaMergeAdmin(admin.ModelAdmin):
    list_display = ("source", "target", "actor", "created_at", "undone_at")
    raw_id_fields = ("source", "target", "actor", "undone_by")
    # A merge is undone through the product (it restores what moved), never by editing the record.
    readonly_fields = ("previous_status", "moved", "created_at", "undone_at", "undone_by")
