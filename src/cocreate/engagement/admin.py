from django.contrib import admin

from cocreate.core.admin_base import ReadOnlyAdmin

from .models import Comment, Follow, Support


@admin.register(Support)
class SupportAdmin(ReadOnlyAdmin):
    list_display = ("idea", "member", "created_at")
    raw_id_fields = ("idea", "member")


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ("idea", "author", "alignment", "is_official", "created_at", "deleted_at")
    list_filter = ("alignment", "is_official")
    search_fields = ("body", "author__email")
    raw_id_fields = ("idea", "author", "parent")


@admin.register(Follow)
class FollowAdmin(ReadOnlyAdmin):
    list_display = ("idea", "member", "created_at")
    raw_id_fields = ("idea", "member")
