"""Ideas in the admin site: an idea's text and tags are edited through `idea_edit` (a revision, IdeaRevised and a
fresh search row, as on the idea's own page); everything else is read-only — status changes, merges, images and
updates happen on the product's pages, through their services."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from cocreate.core.admin_base import ReadOnlyAdmin, ReadOnlyTabularInline, ServiceAdmin

from .models import Idea, IdeaImage, IdeaRevision, IdeaStatusChange, IdeaUpdate, Tag
from .services import idea_edit


class IdeaImageInline(ReadOnlyTabularInline):
    model = IdeaImage
    fields = ("image", "alt_text", "position", "width", "height")
    readonly_fields = fields


class IdeaRevisionInline(ReadOnlyTabularInline):
    model = IdeaRevision
    fields = ("number", "title", "note", "editor", "created_at")
    readonly_fields = fields


class IdeaStatusChangeInline(ReadOnlyTabularInline):
    model = IdeaStatusChange
    fields = ("from_status", "to_status", "actor", "note", "created_at")
    readonly_fields = fields


class IdeaAdminForm(forms.ModelForm):
    tags = forms.CharField(label=_("Tags"), required=False, help_text=_("Separated by commas."))
    note = forms.CharField(
        label=_("Note for the revision"), required=False, max_length=300, help_text=_("Shown in the idea's history.")
    )

    class Meta:
        model = Idea
        fields = ("title", "body")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["tags"].initial = ", ".join(self.instance.tags.values_list("name", flat=True))


@admin.register(Idea)
class IdeaAdmin(ServiceAdmin):
    form = IdeaAdminForm
    list_display = ("title", "campaign", "author", "status", "support_count", "comment_count", "published_at")
    list_filter = ("status", "campaign")
    search_fields = ("title", "body", "author__email")
    list_select_related = ("campaign", "author")
    fields = ("title", "body", "tags", "note", "campaign", "author", "coauthors", "status", "merged_into")
    fields += ("support_count", "comment_count", "stage_index", "stage_started_at", "published_at")
    readonly_fields = fields[4:]
    inlines = [IdeaImageInline, IdeaRevisionInline, IdeaStatusChangeInline]

    def has_add_permission(self, request):
        return False  # ideas are submitted on the campaign page (terms, limits, moderation)

    def has_delete_permission(self, request, obj=None):
        return False  # withdrawn by the author or hidden by moderators, never deleted

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        idea_edit(
            actor=request.user, idea=obj, title=data["title"], body=data["body"], tags=data["tags"], note=data["note"]
        )


@admin.register(Tag)
class TagAdmin(ReadOnlyAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)


@admin.register(IdeaUpdate)
class IdeaUpdateAdmin(ReadOnlyAdmin):
    list_display = ("title", "idea", "author", "created_at")
    list_select_related = ("idea", "author")


@admin.register(IdeaRevision)
class IdeaRevisionAdmin(ReadOnlyAdmin):
    list_display = ("idea", "number", "editor", "created_at")
    list_select_related = ("idea", "editor")


@admin.register(IdeaImage)
class IdeaImageAdmin(ReadOnlyAdmin):
    list_display = ("idea", "position", "width", "height")


@admin.register(IdeaStatusChange)
class IdeaStatusChangeAdmin(ReadOnlyAdmin):
    list_display = ("idea", "from_status", "to_status", "actor", "created_at")
    list_filter = ("to_status",)
    list_select_related = ("idea", "actor")
