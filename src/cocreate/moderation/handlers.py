"""Reactions of this context (registered on app ready, run as retried tasks): spam checks on new text, trust
levels that follow members' contributions."""

from __future__ import annotations

from cocreate.accounts.models import MemberStanding, TrustLevel, User
from cocreate.core.events import reaction
from cocreate.engagement.events import CommentEdited, CommentPosted
from cocreate.ideas.events import IdeaRevised, IdeaStatusChanged, IdeaSubmitted
from cocreate.ideas.models import Idea

from . import services
from .events import ContentHidden, ContentRestored
from .models import Kind


@reaction(IdeaSubmitted, when=lambda event: event.status != "draft")
def check_new_idea(event: IdeaSubmitted) -> None:
    services.spam_check(kind=Kind.IDEA, object_id=event.idea_id)


@reaction(IdeaRevised)
def check_revised_idea(event: IdeaRevised) -> None:
    services.spam_check(kind=Kind.IDEA, object_id=event.idea_id)


@reaction(CommentPosted)
def check_new_comment(event: CommentPosted) -> None:
    services.spam_check(kind=Kind.COMMENT, object_id=event.comment_id)
    _recompute(event.author_id)


@reaction(CommentEdited)
def check_edited_comment(event: CommentEdited) -> None:
    services.spam_check(kind=Kind.COMMENT, object_id=event.comment_id)


@reaction(IdeaStatusChanged, when=lambda event: event.to_status == "published")
def idea_published(event: IdeaStatusChanged) -> None:
    _recompute(Idea.objects.filter(pk=event.idea_id).values_list("author_id", flat=True).first())


@reaction(ContentHidden)
@reaction(ContentRestored)
def content_moderated(event: ContentHidden | ContentRestored) -> None:
    _recompute(event.author_id, going_down=True)


def _recompute(member_id: int | None, going_down: bool = False) -> None:
    """Recompute when the level could change: up after a contribution, down after hidden content."""
    if member_id is None:
        return
    standing = MemberStanding.objects.filter(member_id=member_id).values_list("trust_level", "manual").first()
    if standing and (standing[1] or (standing[0] == TrustLevel.TRUSTED and not going_down)):
        return
    member = User.objects.filter(pk=member_id).first()
    if member is not None:
        services.trust_level_recompute(member=member)
