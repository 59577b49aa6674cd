from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from .models import Comment, Follow, Support


def comment_thread(idea) -> list[Comment]:
    """Top-level comments, oldest first, each with its replies loaded (two levels, no N+1)."""
    replies = Comment.objects.select_related("author").order_by("created_at", "id")
    return list(
        Comment.objects.filter(idea=idea, parent__isnull=True)
        .select_related("author")
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("created_at", "id")
    )


def viewer_state(viewer: Any, idea) -> dict[str, bool]:
    if not getattr(viewer, "is_authenticated", False):
        return {"supports": False, "follows": False}
    return {
        "supports": Support.objects.filter(idea=idea, member=viewer).exists(),
        "follows": Follow.objects.filter(idea=idea, member=viewer).exists(),
    }


def recent_supporters(idea, limit: int = 12):
    return [
        s.member
        for s in Support.objects.filter(idea=idea).select_related("member").order_by("-created_at", "-id")[:limit]
    ]
