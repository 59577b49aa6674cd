"""Writes about engagement: supports, comments, follows. Counters on the idea stay exact inside each write."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.accounts import ratelimit
from cocreate.accounts.standing import require_active
from cocreate.core.context import current_ip, current_user_agent, hash_value
from cocreate.core.errors import ApplicationError, Conflict
from cocreate.core.events import publish
from cocreate.core.permissions import has_perm, require_perm
from cocreate.ideas.lifecycle import SUPPORTABLE_STATES
from cocreate.ideas.models import Idea, trending_score
from cocreate.ideas.services import idea_advance_ladder
from cocreate.legal.services import require_terms_accepted

from .events import CommentDeleted, CommentEdited, CommentPosted, SupportAdded, SupportRemoved
from .models import Alignment, Comment, Follow, Support, SupportOrigin


def _lock_idea(idea: Idea) -> Idea:
    # Locking the idea row serialises every support change on it, so counts and the ladder stay consistent.
    locked = Idea.objects.select_for_update(of=("self",)).get(pk=idea.pk)
    # A support neither locks nor changes the campaign: keep the copy already loaded (with its phases and
    # ladder stages), so the write lock is held for as few statements as possible.
    locked.campaign = idea.campaign
    return locked


def _refuse_support(actor: Any, idea: Idea) -> None:
    if not getattr(actor, "is_authenticated", False):
        raise ApplicationError(_("Sign in to support ideas."), code="not_authenticated", status=401)
    if idea.status not in SUPPORTABLE_STATES:
        raise Conflict(_("This idea is no longer gathering support."), code="not_supportable")
    if not idea.campaign.phase_is_open("support"):
        raise Conflict(_("Support is closed for this campaign right now."), code="support_closed")
    if idea.author_id == actor.pk or idea.coauthors.filter(pk=actor.pk).exists():
        raise ApplicationError(_("You cannot support your own idea."), code="own_idea", status=403)
    require_perm(actor, "engagement.support", idea)


def _recount(idea: Idea, delta: int) -> Idea:
    # The caller holds the idea's row lock, so its count is current: one UPDATE sets the count and the score.
    idea.support_count += delta
    idea.trending = trending_score(idea.support_count, idea.published_at)
    Idea.objects.filter(pk=idea.pk).update(support_count=idea.support_count, trending=idea.trending)
    return idea


def support_add(*, actor: Any, idea: Idea) -> Support:
    """One support per member per idea; a second is refused (the database constraint backs this up).
    May move the idea up its support ladder. Publishes SupportAdded."""
    _refuse_support(actor, idea)
    require_active(actor)
    ratelimit.check(actor, "support")
    with transaction.atomic():
        idea = _lock_idea(idea)
        if idea.status not in SUPPORTABLE_STATES:
            raise Conflict(_("This idea is no longer gathering support."), code="not_supportable")
        try:
            with transaction.atomic():
                support = Support.objects.create(idea=idea, member=actor)
        except IntegrityError as exc:
            raise Conflict(_("You already support this idea."), code="already_supported") from exc
        idea = _recount(idea, +1)
        idea_advance_ladder(idea=idea)
        # Where the support came from (hashed), for abuse detection: written with the support, in one transaction.
        support_origin_record(support_id=support.pk, ip=current_ip.get(), user_agent=current_user_agent.get())
        publish(SupportAdded(idea_id=idea.pk, member_id=actor.pk, support_id=support.pk))
    support.idea = idea  # the locked copy, with the new count and any ladder move
    return support


def support_remove(*, actor: Any, idea: Idea) -> None:
    """Take back a support while the idea still gathers support. Publishes SupportRemoved."""
    if not getattr(actor, "is_authenticated", False):
        raise ApplicationError(_("Sign in first."), code="not_authenticated", status=401)
    with transaction.atomic():
        idea = _lock_idea(idea)
        if idea.status not in SUPPORTABLE_STATES:
            raise Conflict(_("This idea is no longer gathering support."), code="not_supportable")
        # Once the support phase closes the count is final: taking a support back would change the result.
        if not idea.campaign.phase_is_open("support"):
            raise Conflict(_("Support is closed for this campaign right now."), code="support_closed")
        # A support discounted by moderators was not counted, so removing it leaves the count as it is.
        counted = Support.objects.filter(idea=idea, member=actor, discounted_at__isnull=True).exists()
        deleted, _rows = Support.objects.filter(idea=idea, member=actor).delete()
        if not deleted:
            raise Conflict(_("You do not support this idea."), code="not_supported")
        _recount(idea, -1 if counted else 0)
        publish(SupportRemoved(idea_id=idea.pk, member_id=actor.pk))


def support_toggle(*, actor: Any, idea: Idea) -> bool:
    """Support if not yet supported, else take the support back. Returns whether the member now supports."""
    if Support.objects.filter(idea=idea, member_id=getattr(actor, "pk", None)).exists():
        support_remove(actor=actor, idea=idea)
        return False
    support_add(actor=actor, idea=idea)
    return True


def _clean_comment(body: str, alignment: str) -> tuple[str, str]:
    body = (body or "").strip()
    if not body:
        raise ApplicationError(_("Write something first."), field="body")
    if len(body) > 5000:
        raise ApplicationError(_("Keep comments under 5,000 characters."), field="body")
    if alignment and alignment not in Alignment.values:
        raise ApplicationError(_("Choose one of the offered alignments."), field="alignment")
    return body, alignment


def comment_add(
    *,
    actor: Any,
    idea: Idea,
    body: str,
    alignment: str = "",
    parent: Comment | None = None,
    official: bool = False,
) -> Comment:
    """Comment on an idea or reply in a thread. Staff may mark a reply as the organisation's official response.

    Publishes CommentPosted."""
    if not getattr(actor, "is_authenticated", False):
        raise ApplicationError(_("Sign in to comment."), code="not_authenticated", status=401)
    require_terms_accepted(actor)
    require_active(actor)
    require_perm(actor, "engagement.comment", idea, _("Comments are closed on this idea."))
    if official:
        require_perm(actor, "engagement.comment_official", idea, _("Only staff can post official responses."))
    body, alignment = _clean_comment(body, alignment)
    ratelimit.check(actor, "comment")
    if parent is not None:
        if parent.idea_id != idea.pk:
            raise ApplicationError(_("That reply belongs to another idea."), field="parent")
        parent = parent.parent or parent  # threads are two levels deep; replies to replies join the thread
    with transaction.atomic():
        comment = Comment.objects.create(
            idea=idea, author=actor, parent=parent, body=body, alignment=alignment, is_official=official
        )
        Idea.objects.filter(pk=idea.pk).update(comment_count=F("comment_count") + 1)
        follow_add(actor=actor, idea=idea, quiet=True)
        publish(
            CommentPosted(
                comment_id=comment.pk,
                idea_id=idea.pk,
                author_id=actor.pk,
                parent_id=comment.parent_id,
                is_official=official,
            )
        )
    return comment


def comment_edit(*, actor: Any, comment: Comment, body: str, alignment: str | None = None) -> Comment:
    """Authors may edit for a while after posting. Publishes CommentEdited."""
    require_perm(
        actor,
        "engagement.change_comment",
        comment,
        _("Comments can only be edited by their author for a while."),
    )
    body, alignment = _clean_comment(body, comment.alignment if alignment is None else alignment)
    with transaction.atomic():
        comment.body, comment.alignment, comment.edited_at = body, alignment, timezone.now()
        comment.save(update_fields=["body", "alignment", "edited_at", "updated_at"])
        publish(CommentEdited(comment_id=comment.pk))
    return comment


def comment_delete(*, actor: Any, comment: Comment) -> Comment:
    """Remove a comment's text but keep its place, so the replies under it still read as a thread.

    Publishes CommentDeleted."""
    require_perm(actor, "engagement.delete_comment", comment)
    with transaction.atomic():
        comment.deleted_at = timezone.now()
        comment.save(update_fields=["deleted_at", "updated_at"])
        Idea.objects.filter(pk=comment.idea_id, comment_count__gt=0).update(comment_count=F("comment_count") - 1)
        publish(CommentDeleted(comment_id=comment.pk, actor_id=actor.pk))
    return comment


def follow_add(*, actor: Any, idea: Idea, quiet: bool = False) -> Follow | None:
    """Follow an idea to hear about it (idempotent). `quiet` follows silently where the member acted anyway."""
    if not quiet:
        require_perm(actor, "engagement.follow", idea)
    elif not getattr(actor, "is_authenticated", False):
        return None
    follow, _created = Follow.objects.get_or_create(idea=idea, member=actor)
    return follow


def follow_remove(*, actor: Any, idea: Idea) -> None:
    if not has_perm(actor, "engagement.follow", idea):
        return
    Follow.objects.filter(idea=idea, member=actor).delete()


# ---- where a support came from: the evidence moderation's ring detection reads ----


def support_origin_record(*, support_id: int, ip: str, user_agent: str) -> SupportOrigin | None:
    if not ip:
        return None
    # Insert first: recording is the common case, on every support; the database refuses a second origin
    # (unique) and one for a support taken back meanwhile (foreign key), and then we look.
    try:
        with transaction.atomic():
            return SupportOrigin.objects.create(
                support_id=support_id, ip_hash=hash_value(ip), user_agent_hash=hash_value(user_agent)
            )
    except IntegrityError:
        return SupportOrigin.objects.filter(support_id=support_id).first()


def support_origin_restore(*, support_id: int, origin: dict[str, str]) -> SupportOrigin:
    """Put back a support's origin exactly as `moderation.selectors.support_origins` described it (hashes and
    date), for a support that was recreated (a merge undone). A system write: the caller checked permissions."""
    from django.utils.dateparse import parse_datetime

    created = parse_datetime(origin.get("created_at") or "") or timezone.now()
    found, _created = SupportOrigin.objects.update_or_create(
        support_id=support_id,
        defaults={
            "ip_hash": origin.get("ip_hash", ""),
            "user_agent_hash": origin.get("user_agent_hash", ""),
            "created_at": created,
        },
    )
    return found
