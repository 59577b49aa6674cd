"""Reads for the API context: a member's tokens, and lookups the API needs to scope objects to the viewer."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from cocreate.accounts.types import Actor
from cocreate.engagement.models import Comment
from cocreate.ideas.selectors import ideas_visible_to

from .models import PersonalAccessToken


def tokens_of(user: Any) -> QuerySet[PersonalAccessToken]:
    """The member's tokens, active ones first, newest first."""
    if not getattr(user, "is_authenticated", False):
        return PersonalAccessToken.objects.none()
    return PersonalAccessToken.objects.filter(user=user).order_by("revoked_at", "-created_at", "-id")


def token_of(user: Any, pk: int) -> PersonalAccessToken | None:
    """One of the member's own tokens, or None (someone else's token is as good as missing)."""
    return tokens_of(user).filter(pk=pk).first()


def comment_visible_to(viewer: Actor, pk: int) -> Comment | None:
    """A comment on an idea the viewer may see, with what the engagement rules look at loaded."""
    return (
        Comment.objects.filter(pk=pk, idea__in=ideas_visible_to(viewer))
        .select_related("author", "idea", "idea__campaign")
        .first()
    )
