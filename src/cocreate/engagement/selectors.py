from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from cocreate.accounts.models import User
from cocreate.accounts.types import Actor

from .models import Comment, Follow, Support, SupportOrigin

# An idea page shows this many discussion threads at a time: a popular idea gathers thousands of comments.
THREADS_PER_PAGE = 30


def comment_thread(idea) -> QuerySet[Comment]:
    """Top-level comments, oldest first, each with its replies loaded (two levels, no N+1) for whichever page
    of threads is taken from it."""
    # The idea comes along (one join) because each comment's edit/delete rule reads its campaign.
    replies = Comment.objects.select_related("author", "idea").order_by("created_at", "id")
    return (
        Comment.objects.filter(idea=idea, parent__isnull=True)
        .select_related("author", "idea")
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("created_at", "id")
    )


def comment_page_number(comment: Comment, per_page: int = THREADS_PER_PAGE) -> int:
    """Which page of its idea's discussion shows `comment` (replies live on their thread's page)."""
    top = comment.parent or comment
    earlier = Comment.objects.filter(idea_id=top.idea_id, parent__isnull=True).filter(
        Q(created_at__lt=top.created_at) | Q(created_at=top.created_at, id__lt=top.pk)
    )
    return earlier.count() // per_page + 1


def comment_url(comment: Comment) -> str:
    """The idea page at the right page of the discussion, scrolled to the comment."""
    page = comment_page_number(comment)
    query = f"?comments={page}" if page > 1 else ""
    return f"{comment.idea.get_absolute_url()}{query}#comment-{comment.pk}"


def viewer_state(viewer: Actor, idea) -> dict[str, bool]:
    if not getattr(viewer, "is_authenticated", False):
        return {"supports": False, "follows": False}
    return {
        "supports": Support.objects.filter(idea=idea, member_id=viewer.pk).exists(),
        "follows": Follow.objects.filter(idea=idea, member_id=viewer.pk).exists(),
    }


def recent_supporters(idea, limit: int = 12):
    return [
        s.member
        for s in Support.objects.filter(idea=idea).select_related("member").order_by("-created_at", "-id")[:limit]
    ]


def member_supports(viewer: Actor, ideas) -> set[int]:
    """Ids among `ideas` that the viewer supports (one query for a whole page)."""
    if not getattr(viewer, "is_authenticated", False):
        return set()
    ids = [i.pk for i in ideas]
    return set(Support.objects.filter(member_id=viewer.pk, idea_id__in=ids).values_list("idea_id", flat=True))


def member_comment_count(member: User, ideas: QuerySet) -> int:
    """How many comments `member` has standing (not deleted) on `ideas`."""
    return Comment.objects.filter(author=member, deleted_at__isnull=True, idea__in=ideas).count()


def support_origins(support_ids) -> dict[int, dict[str, str]]:
    """Where these supports came from (hashed IP and user agent, and when), by support id, for supports that have
    an origin: what another context keeps when it must delete a support and may recreate it (merge and undo)."""
    return {
        support_id: {"ip_hash": ip, "user_agent_hash": agent, "created_at": created.isoformat()}
        for support_id, ip, agent, created in SupportOrigin.objects.filter(
            support_id__in=list(support_ids)
        ).values_list("support_id", "ip_hash", "user_agent_hash", "created_at")
    }
