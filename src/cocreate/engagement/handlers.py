"""Reactions of this context (registered on app ready, run as retried tasks, see docs/events.md)."""

from __future__ import annotations

from cocreate.accounts.models import User
from cocreate.core.events import reaction
from cocreate.ideas.events import IdeaSubmitted
from cocreate.ideas.models import Idea

from .services import follow_add


@reaction(IdeaSubmitted)
def follow_own_idea(event: IdeaSubmitted) -> None:
    """Authors hear about their own ideas: submitting one follows it (idempotent; they may unfollow later)."""
    idea = Idea.objects.filter(pk=event.idea_id).first()
    author = User.objects.filter(pk=event.author_id).first()
    if idea is not None and author is not None:
        follow_add(actor=author, idea=idea, quiet=True)
