from django.contrib import admin

from .models import Idea, IdeaImage, IdeaRevision, IdeaStatusChange, IdeaUpdate, Tag


class IdeaImageInline(admin.TabularInline):
    model = IdeaImage
    extra = 0
    fields = ("image", "alt_text", "position", "width", "height")
    readonly_fields = ("width", "height")


class IdeaRevisionInline(admin.TabularInline):
    model = IdeaRevision
    extra = 0
    fields = ("number", "title", "note", "editor", "created_at")
    readonly_fields = fields
    can_delete = False


class IdeaStatusChangeInline(admin.TabularInline):
    model = IdeaStatusChange
    extra = 0
    fields = ("from_status", "to_status", "actor", "note", "created_at")
    readonly_fields = fields
    can_delete = False


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin):
    list_display = ("title", "campaign", "author", "status", "support_count", "comment_count", "published_at")
    list_filter = ("status", "campaign")
    search_fields = ("title", "body", "author__email")
    raw_id_fields = ("author", "coauthors", "merged_into")
    # Counters and the ladder are kept by the services; editing them by hand would break their invariants.
    readonly_fields = ("support_count", "comment_count", "trending", "stage_index", "stage_started_at", "status")
    inlines = [IdeaImageInline, IdeaRevisionInline, IdeaStatusChangeInline]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)


@admin.register(IdeaUpdate)
class IdeaUpdateAdmin(admin.ModelAdmin):
    list_display = ("title", "idea", "author", "created_at")
    raw_id_fields = ("idea", "author")


@admin.register(IdeaRevision)
class IdeaRevisionAdmin(admin.ModelAdmin):
    list_display = ("idea", "number", "editor", "created_at")
    raw_id_fields = ("idea", "editor")


@admin.register(IdeaImage)
class IdeaImageAdmin(admin.ModelAdmin):
    list_display = ("idea", "position", "width", "height")
    raw_id_fields = ("idea",)


@admin.register(IdeaStatusChange)
class IdeaStatusChangeAdmin(admin.ModelAdmin):
    list_display = ("idea", "from_status", "to_status", "actor", "created_at")
    list_filter = ("to_status",)
    raw_id_fields = ("idea", "actor")
