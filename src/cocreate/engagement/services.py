"""Writes about engagement: supports, comments, follows. Counters on the idea stay exact inside each write."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.accounts import ratelimit
from cocreate.accounts.models import User
from cocreate.accounts.standing import require_active
from cocreate.core.context import current_ip, current_user_agent, hash_value
from cocreate.core.errors import ApplicationError, Conflict
from cocreate.core.events import publish
from cocreate.core.permissions import has_perm, require_perm
from cocreate.ideas.lifecycle import SUPPORTABLE_STATES
from cocreate.ideas.models import Idea
from cocreate.ideas.services import idea_advance_ladder, idea_comment_count_change, idea_support_count_set
from cocreate.legal.services import require_terms_accepted

from .events import CommentDeleted, CommentEdited, CommentPosted, SupportAdded, SupportRemoved
from .models import Alignment, Comment, Follow, Support, SupportOrigin
from .selectors import support_origins


def _lock_idea(idea: Idea) -> Idea:
    # Locking the idea row serialises every support change on it, so counts and the ladder stay consistent.
    locked = Idea.objects.select_for_update(of=("self",)).get(pk=idea.pk)
    # A support neither locks nor changes the campaign: keep the copy already loaded (with its phases and
    # ladder stages), so the write lock is held for as few statements as possible.
    locked.campaign = idea.campaign
    return locked


def _refuse_support(actor: User, idea: Idea) -> None:
    # engagement/rules.py says who may support what, and the refusal each one sees.
    require_perm(actor, "engagement.support", idea)


def _recount(idea: Idea, delta: int) -> Idea:
    # The caller holds the idea's row lock, so its count is current: one UPDATE sets the count and the score.
    return idea_support_count_set(idea=idea, count=idea.support_count + delta)


def supports_recount(*, idea: Idea) -> Idea:
    """Count an idea's supports exactly (discounted ones do not count). The caller holds the idea's row lock."""
    counted = Support.objects.filter(idea=idea, discounted_at__isnull=True).count()
    return idea_support_count_set(idea=idea, count=counted)


def support_add(*, actor: User, idea: Idea) -> Support:
    """One support per member per idea; a second is refused (the database constraint backs this up).
    May move the idea up its support ladder. Publishes SupportAdded."""
    _refuse_support(actor, idea)
    require_active(actor)
    # Only supports given count towards the limits: a refused one (already supported, closed meanwhile) is given back.
    with ratelimit.counted(actor, "support"), transaction.atomic():
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


def support_remove(*, actor: User, idea: Idea) -> None:
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


def support_toggle(*, actor: User, idea: Idea) -> bool:
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
    actor: User,
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
        idea_comment_count_change(idea_id=idea.pk, delta=+1)
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


def comment_edit(*, actor: User, comment: Comment, body: str, alignment: str | None = None) -> Comment:
    """Authors may edit for a while after posting. Publishes CommentEdited."""
    require_perm(
        actor,
        "engagement.change_comment",
        comment,
        _("Comments can only be edited by their author for a while."),
    )
    require_active(actor)
    body, alignment = _clean_comment(body, comment.alignment if alignment is None else alignment)
    with transaction.atomic():
        comment.body, comment.alignment, comment.edited_at = body, alignment, timezone.now()
        comment.save(update_fields=["body", "alignment", "edited_at", "updated_at"])
        publish(CommentEdited(comment_id=comment.pk))
    return comment


def comment_delete(*, actor: User, comment: Comment) -> Comment:
    """Remove a comment's text but keep its place, so the replies under it still read as a thread.

    Publishes CommentDeleted."""
    require_perm(actor, "engagement.delete_comment", comment)
    with transaction.atomic():
        comment.deleted_at = timezone.now()
        comment.save(update_fields=["deleted_at", "updated_at"])
        idea_comment_count_change(idea_id=comment.idea_id, delta=-1)
        publish(CommentDeleted(comment_id=comment.pk, actor_id=actor.pk))
    return comment


def follow_add(*, actor: User, idea: Idea, quiet: bool = False) -> Follow | None:
    """Follow an idea to hear about it (idempotent). `quiet` follows silently where the member acted anyway."""
    if not quiet:
        require_perm(actor, "engagement.follow", idea)
        require_active(actor)
    elif not getattr(actor, "is_authenticated", False):
        return None
    follow, _created = Follow.objects.get_or_create(idea=idea, member=actor)
    return follow


def follow_remove(*, actor: User, idea: Idea) -> None:
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
    """Put back a support's origin exactly as `engagement.selectors.support_origins` described it (hashes and
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


# ---- moderation's writes on engagement (it checks permissions and logs; these keep the counts exact) ----


def comment_set_hidden(*, comment: Comment, hidden: bool, reason: str = "", by: Any = None) -> Comment:
    """Hide a comment with a reason (it keeps its place in the thread), or show it again. A system write."""
    comment.hidden_at = timezone.now() if hidden else None
    comment.hidden_reason = reason if hidden else ""
    comment.hidden_by = by if hidden and getattr(by, "is_authenticated", False) else None
    comment.save(update_fields=["hidden_at", "hidden_reason", "hidden_by"])
    return comment


def supports_set_discounted(*, idea: Idea, support_ids: list[int], reason: str = "", undo: bool = False) -> int:
    """Discount supports of a locked idea (kept, not counted) or count them again (`undo`); the count is exact
    afterwards and the ladder follows. A system write: moderation checks permissions. Returns how many changed."""
    rows = Support.objects.filter(pk__in=support_ids, idea=idea, discounted_at__isnull=not undo)
    if undo:
        changed = rows.update(discounted_at=None, discounted_reason="")
    else:
        changed = rows.update(discounted_at=timezone.now(), discounted_reason=reason)
    if changed:
        supports_recount(idea=idea)
        idea_advance_ladder(idea=idea)
    return changed


# ---- engagement's part of merging duplicates (the merge itself is similarity's) -----------------------


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def merge_move_engagement(*, source: Idea, target: Idea, keep_out: set[int]) -> dict[str, Any]:
    """Move supports, follows and comments of `source` to `target` (both locked by the caller) and return what
    moved, so `merge_return_engagement` can put it back exactly. A member the target already counts, or one of
    `keep_out` (its authors), keeps one support: the source's is dropped and remembered with its date and origin.
    Both counts are exact afterwards."""
    moved: dict[str, Any] = {
        "supports": [],
        "dropped_supports": [],
        "follows": [],
        "dropped_follows": [],
        "comments": [],
        "visible_comments": 0,
    }
    target_supporters = set(Support.objects.filter(idea=target).values_list("member_id", flat=True))
    source_supports = list(Support.objects.filter(idea=source).order_by("pk"))
    dropping = [s.pk for s in source_supports if s.member_id in target_supporters or s.member_id in keep_out]
    origins = support_origins(dropping) if dropping else {}
    for support in source_supports:
        if support.pk in dropping:
            dropped: dict[str, Any] = {
                "member_id": support.member_id,
                "created_at": _iso(support.created_at),
                "discounted_at": _iso(support.discounted_at),
                "discounted_reason": support.discounted_reason,
            }
            if support.pk in origins:
                dropped["origin"] = origins[support.pk]
            moved["dropped_supports"].append(dropped)
        else:
            moved["supports"].append(support.pk)
    Support.objects.filter(idea=source).exclude(pk__in=moved["supports"]).delete()
    Support.objects.filter(pk__in=moved["supports"]).update(idea=target)

    # Follows: the same, without counters.
    target_followers = set(Follow.objects.filter(idea=target).values_list("member_id", flat=True))
    for follow in Follow.objects.filter(idea=source).order_by("pk"):
        if follow.member_id in target_followers:
            moved["dropped_follows"].append({"member_id": follow.member_id, "created_at": _iso(follow.created_at)})
        else:
            moved["follows"].append(follow.pk)
    Follow.objects.filter(idea=source).exclude(pk__in=moved["follows"]).delete()
    Follow.objects.filter(pk__in=moved["follows"]).update(idea=target)

    # Comments: whole threads move (replies go with their parents, which are on the same idea).
    comments = Comment.objects.filter(idea=source)
    moved["comments"] = list(comments.order_by("pk").values_list("pk", flat=True))
    moved["visible_comments"] = comments.filter(deleted_at__isnull=True).count()
    comments.update(idea=target)

    supports_recount(idea=target)
    supports_recount(idea=source)
    idea_comment_count_change(idea_id=target.pk, delta=moved["visible_comments"])
    idea_comment_count_change(idea_id=source.pk, delta=-source.comment_count)
    source.comment_count = 0
    target.refresh_from_db(fields=["comment_count"])
    return moved


def merge_return_engagement(*, source: Idea, target: Idea, moved: dict[str, Any]) -> None:
    """Put back what `merge_move_engagement` moved: supports with their original dates and origins, follows and
    comments. What happened on the target since (a support taken back, a reply posted there) stays."""
    from django.utils.dateparse import parse_datetime

    Support.objects.filter(pk__in=moved.get("supports", []), idea=target).update(idea=source)
    for row in moved.get("dropped_supports", []):
        if Support.objects.filter(idea=source, member_id=row["member_id"]).exists():
            continue
        support = Support.objects.create(
            idea=source,
            member_id=row["member_id"],
            discounted_at=parse_datetime(row["discounted_at"]) if row.get("discounted_at") else None,
            discounted_reason=row.get("discounted_reason", ""),
        )
        # created_at is auto_now_add: set the original date afterwards.
        Support.objects.filter(pk=support.pk).update(created_at=parse_datetime(row["created_at"]))
        if row.get("origin"):
            support_origin_restore(support_id=support.pk, origin=row["origin"])

    back = Follow.objects.filter(pk__in=moved.get("follows", []), idea=target)
    already = set(Follow.objects.filter(idea=source).values_list("member_id", flat=True))
    back.exclude(member_id__in=already).update(idea=source)
    for row in moved.get("dropped_follows", []):
        if Follow.objects.filter(idea=source, member_id=row["member_id"]).exists():
            continue
        follow = Follow.objects.create(idea=source, member_id=row["member_id"])
        Follow.objects.filter(pk=follow.pk).update(created_at=parse_datetime(row["created_at"]))

    # Comments go back with their threads; replies posted on the target since then stay there, detached from a
    # parent that left (replies must stay on the same idea as their parent).
    comment_ids = moved.get("comments", [])
    returning = Comment.objects.filter(pk__in=comment_ids, idea=target)
    visible_back = returning.filter(deleted_at__isnull=True).count()
    returning.update(idea=source)
    Comment.objects.filter(idea=target, parent_id__in=comment_ids).update(parent=None)

    supports_recount(idea=source)
    supports_recount(idea=target)
    idea_comment_count_change(idea_id=source.pk, delta=visible_back)
    idea_comment_count_change(idea_id=target.pk, delta=-visible_back)
    source.refresh_from_db(fields=["comment_count"])
