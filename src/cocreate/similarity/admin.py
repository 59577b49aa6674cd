from django.contrib import admin

from cocreate.core.admin_base import ReadOnlyAdmin, ReadOnlyTabularInline

from .models import IdeaMerge, IdeaVector, Theme, ThemeMembership


@admin.register(IdeaVector)
class IdeaVectorAdmin(ReadOnlyAdmin):
    list_display = ("idea", "method", "campaign_id_copy", "updated_at")
    list_filter = ("method",)


class ThemeMembershipInline(ReadOnlyTabularInline):
    model = ThemeMembership


@admin.register(Theme)
class ThemeAdmin(ReadOnlyAdmin):
    list_display = ("label", "campaign", "size", "computed_at")
    list_filter = ("campaign",)
    inlines = [ThemeMembershipInline]


@admin.register(IdeaMerge)
class IdeaMergeAdmin(ReadOnlyAdmin):
    """A merge is made and undone on the product's pages (undo restores what moved)."""

    list_display = ("source", "target", "actor", "created_at", "undone_at")
    list_select_related = ("source", "target", "actor")
