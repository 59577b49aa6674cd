"""Writes of the similarity context: idea vectors and campaign themes (system jobs, or staff on demand).

The merging section at the end belongs to the merge/undo service."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from cocreate.core.permissions import require_perm
from cocreate.ideas.models import Idea

from . import representation as rep
from .models import DuplicateDismissal, IdeaVector, Theme, ThemeMembership, VectorsVersion
from .selectors import SUGGESTABLE_STATES, eligible_ideas


def _is_eligible(idea: Idea) -> bool:
    return idea.status in SUGGESTABLE_STATES and idea.hidden_at is None


def vectors_version_bump(*, campaign_ids) -> None:
    """Tell every process that these campaigns' vectors changed (their in-memory indexes rebuild on next use).
    Call inside the transaction that changes the vectors, so the new version and the vectors commit together."""
    for campaign_id in sorted(set(campaign_ids)):
        VectorsVersion.objects.get_or_create(campaign_id=campaign_id)
        VectorsVersion.objects.filter(campaign_id=campaign_id).update(version=F("version") + 1)


def idea_vectors_refresh(*, idea_id: int) -> int:
    """Bring the idea's stored vectors up to date for every installed method: encode when its text changed,
    drop them when it no longer stands (draft, merged, withdrawn, hidden). Idempotent. Returns vectors written."""
    idea = Idea.objects.filter(pk=idea_id).first()
    if idea is None:
        return 0
    if not _is_eligible(idea):
        with transaction.atomic():
            stale = IdeaVector.objects.filter(idea_id=idea_id)
            campaigns = set(stale.values_list("campaign_id_copy", flat=True))
            if stale.delete()[0]:
                vectors_version_bump(campaign_ids=campaigns)
        return 0
    text = rep.idea_text(idea.title, idea.body)
    digest = rep.text_hash(text)
    written = 0
    existing = {v.method: v for v in IdeaVector.objects.filter(idea_id=idea_id)}
    for method in rep.available_methods():
        current = existing.get(method)
        if current is not None and current.text_hash == digest and current.campaign_id_copy == idea.campaign_id:
            continue
        encoded = rep.encode(method, [text])
        data = rep.to_bytes(method, encoded[0] if method == rep.SEMANTIC else encoded)
        with transaction.atomic():
            IdeaVector.objects.update_or_create(
                idea_id=idea_id,
                method=method,
                defaults={"text_hash": digest, "vector": data, "campaign_id_copy": idea.campaign_id},
            )
            moved_from = {current.campaign_id_copy} if current is not None else set()
            vectors_version_bump(campaign_ids={idea.campaign_id} | moved_from)
        written += 1
    return written


def vectors_ensure_campaign(*, campaign_id: int, method: str) -> int:
    """Encode the campaign's standing ideas that have no vector yet for `method` (an index heals itself)."""
    missing = list(
        eligible_ideas(campaign_id).exclude(vectors__method=method).order_by("pk").values_list("pk", "title", "body")
    )
    if not missing:
        return 0
    texts = [rep.idea_text(t, b) for _pk, t, b in missing]
    encoded = rep.encode(method, texts)
    rows = [
        IdeaVector(
            idea_id=pk,
            method=method,
            campaign_id_copy=campaign_id,
            text_hash=rep.text_hash(text),
            vector=rep.to_bytes(method, encoded[i] if method == rep.SEMANTIC else encoded[i : i + 1]),
        )
        for i, ((pk, _t, _b), text) in enumerate(zip(missing, texts, strict=True))
    ]
    with transaction.atomic():
        IdeaVector.objects.bulk_create(rows, ignore_conflicts=True)
        vectors_version_bump(campaign_ids=[campaign_id])
    return len(rows)


# A new cluster takes over an old theme (its id, so its links and filters) when their members overlap this much
# (Jaccard): "essentially the same cluster". Below it, the old theme ends and a new one begins.
THEME_KEEP_OVERLAP = 0.5


def _match_themes(old: dict[int, set[int]], new: list[set[int]]) -> dict[int, int]:
    """new cluster position -> old theme id, one to one, maximising the total member overlap (Hungarian
    assignment on Jaccard), keeping only pairs at or above THEME_KEEP_OVERLAP."""
    if not old or not new:
        return {}
    from scipy.optimize import linear_sum_assignment

    old_ids = sorted(old)
    jaccard = [[len(n & old[o]) / (len(n | old[o]) or 1) for o in old_ids] for n in new]
    rows, cols = linear_sum_assignment(jaccard, maximize=True)
    return {int(r): old_ids[int(c)] for r, c in zip(rows, cols, strict=True) if jaccard[r][c] >= THEME_KEEP_OVERLAP}


def themes_refresh(*, actor: Any, campaign) -> list[Theme]:
    """Recluster the campaign's standing ideas into themes. A cluster that is essentially an existing theme
    (member overlap ≥ THEME_KEEP_OVERLAP, matched one to one) keeps that theme's id, so `?theme=` links and
    filters stay valid; its label, size and members are updated. Themes with no match end, new clusters become
    new themes. `actor` None is the periodic job; a person needs `similarity.refresh_themes` (moderators and
    facilitators of the campaign)."""
    if actor is not None:
        require_perm(actor, "similarity.refresh_themes", campaign)
    ideas = list(eligible_ideas(campaign.pk).order_by("pk").values_list("pk", "title", "body"))
    clusters = rep.cluster_themes([pk for pk, _t, _b in ideas], [rep.idea_text(t, b) for _pk, t, b in ideas])
    with transaction.atomic():
        existing = {t.pk: t for t in Theme.objects.select_for_update().filter(campaign=campaign)}
        members: dict[int, set[int]] = {pk: set() for pk in existing}
        for theme_id, idea_id in ThemeMembership.objects.filter(theme__campaign=campaign).values_list(
            "theme_id", "idea_id"
        ):
            members[theme_id].add(idea_id)
        matched = _match_themes(members, [set(c.member_ids) for c in clusters])
        ThemeMembership.objects.filter(theme__campaign=campaign).delete()
        Theme.objects.filter(pk__in=set(existing) - set(matched.values())).delete()
        now = timezone.now()
        themes = []
        for position, cluster in enumerate(clusters):
            theme = existing[matched[position]] if position in matched else Theme(campaign=campaign)
            theme.label = cluster.label[:200]
            theme.terms = cluster.terms
            theme.position = position
            theme.size = len(cluster.member_ids)
            theme.computed_at = now
            theme.full_clean()
            theme.save()
            ThemeMembership.objects.bulk_create(
                ThemeMembership(theme=theme, idea_id=pk, score=score)
                for pk, score in zip(cluster.member_ids, cluster.scores, strict=True)
            )
            themes.append(theme)
    return themes


# ---- "not a duplicate": moderators take a pair out of the duplicate queue, reversibly -------------------------


def duplicate_dismiss(*, actor: Any, source: Idea, target: Idea, reason: str = "") -> DuplicateDismissal:
    """A moderator or facilitator of the campaign says these two ideas are not duplicates: the pair leaves the
    duplicate queue for good (until restored). Stored with who, when and why (the audit trail).

    Refused: two ideas of different campaigns, an idea with itself, a pair already dismissed. Publishes nothing
    (nobody but the moderators sees the queue)."""
    from cocreate.core.errors import ApplicationError, Conflict

    require_perm(
        actor, "similarity.dismiss_duplicate", source.campaign, gettext("Only moderators can dismiss duplicates.")
    )
    if source.pk == target.pk:
        raise ApplicationError(gettext("An idea is always the same as itself."), code="same_idea", field="target")
    if source.campaign_id != target.campaign_id:
        raise ApplicationError(
            gettext("Only ideas of the same campaign are duplicate candidates."), code="across_campaigns"
        )
    first, second = sorted((source.pk, target.pk))
    with transaction.atomic():
        if DuplicateDismissal.objects.filter(first_id=first, second_id=second, restored_at__isnull=True).exists():
            raise Conflict(gettext("This pair is already marked as not a duplicate."), code="already_dismissed")
        dismissal = DuplicateDismissal(
            campaign_id=source.campaign_id,
            first_id=first,
            second_id=second,
            reason=(reason or "").strip()[:1000],
            dismissed_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        dismissal.full_clean()
        try:
            with transaction.atomic():
                dismissal.save()
        except IntegrityError as exc:  # the same pair dismissed at the same moment by someone else
            raise Conflict(
                gettext("This pair is already marked as not a duplicate."), code="already_dismissed"
            ) from exc
    return dismissal


def duplicate_dismissal_restore(*, actor: Any, dismissal: DuplicateDismissal) -> DuplicateDismissal:
    """Undo a "not a duplicate" decision: the pair may show in the duplicate queue again. The dismissal row stays,
    marked restored (who, when). Refused when it was already restored."""
    from cocreate.core.errors import Conflict

    require_perm(
        actor,
        "similarity.dismiss_duplicate",
        dismissal.campaign,
        gettext("Only moderators can put a pair back in the duplicate queue."),
    )
    with transaction.atomic():
        locked = DuplicateDismissal.objects.select_for_update().get(pk=dismissal.pk)
        if locked.restored_at is not None:
            raise Conflict(gettext("This pair is already back in the queue."), code="already_restored")
        locked.restored_at = timezone.now()
        locked.restored_by = actor if getattr(actor, "is_authenticated", False) else None
        locked.save(update_fields=["restored_at", "restored_by"])
    return locked


# ---- merging (merge_ideas / merge_undo: owned by the merge/undo service; add below this line) ----------------

# Merging a duplicate into another idea of the same campaign, and undoing it exactly (issue 4). The section's
# imports are its own, with a leading underscore, so they never collide with the code above.
from typing import Any as _Any  # noqa: E402

from django.db import transaction as _transaction  # noqa: E402
from django.db.models import F as _F  # noqa: E402
from django.utils import timezone as _timezone  # noqa: E402
from django.utils.translation import gettext as _gettext  # noqa: E402

from cocreate.core.errors import ApplicationError as _ApplicationError  # noqa: E402
from cocreate.core.errors import Conflict as _Conflict  # noqa: E402
from cocreate.core.events import publish as _publish  # noqa: E402
from cocreate.core.permissions import has_perm as _has_perm  # noqa: E402
from cocreate.core.permissions import require_perm as _require_perm  # noqa: E402
from cocreate.engagement.models import Comment as _Comment  # noqa: E402
from cocreate.engagement.models import Follow as _Follow  # noqa: E402
from cocreate.engagement.models import Support as _Support  # noqa: E402
from cocreate.engagement.services import support_origin_restore as _support_origin_restore  # noqa: E402
from cocreate.ideas.lifecycle import TRANSITIONS as _TRANSITIONS  # noqa: E402
from cocreate.ideas.lifecycle import IdeaStatus as _IdeaStatus  # noqa: E402
from cocreate.ideas.models import Idea as _Idea  # noqa: E402
from cocreate.ideas.models import IdeaMerge as _IdeaMerge  # noqa: E402
from cocreate.ideas.models import trending_score as _trending_score  # noqa: E402
from cocreate.moderation.selectors import support_origins as _support_origins  # noqa: E402

from .events import IdeasMerged as _IdeasMerged  # noqa: E402
from .events import MergeUndone as _MergeUndone  # noqa: E402

# Permissions similarity.merge and similarity.undo_merge are in similarity/rules.py (moderators, facilitators).

# A target must be public and alive: its page is where the duplicate's audience lands.
MERGE_TARGET_REFUSED = frozenset({_IdeaStatus.DRAFT, _IdeaStatus.PENDING, _IdeaStatus.MERGED, _IdeaStatus.WITHDRAWN})


def _merge_refusal(source: _Idea, target: _Idea) -> _ApplicationError | None:
    """Why `source` cannot be merged into `target`, or None. Checked before any write and again under lock."""
    if source.pk == target.pk:
        return _ApplicationError(
            _gettext("An idea cannot be merged into itself."), code="merge_into_itself", field="target"
        )
    if source.campaign_id != target.campaign_id:
        return _ApplicationError(
            _gettext("Only ideas of the same campaign can be merged."), code="merge_across_campaigns", field="target"
        )
    if target.status == _IdeaStatus.MERGED or target.merged_into_id:
        return _Conflict(
            _gettext("That idea was itself merged into another one; merge into that one instead."),
            code="merge_chain",
        )
    if target.status in MERGE_TARGET_REFUSED:
        return _Conflict(
            _gettext("Ideas can only be merged into a published idea (this one is “%(status)s”).")
            % {"status": _IdeaStatus(target.status).label},
            code="merge_target_closed",
        )
    if source.status not in _TRANSITIONS["merge"].sources:
        return _Conflict(
            _gettext("An idea that is “%(status)s” cannot be merged.") % {"status": _IdeaStatus(source.status).label},
            code="merge_source_closed",
        )
    return None


def merge_check(*, source: _Idea, target: _Idea) -> None:
    """Raise the ApplicationError that would refuse this merge (for forms and previews)."""
    error = _merge_refusal(source, target)
    if error is not None:
        raise error


def _lock_pair(a: _Idea, b: _Idea) -> tuple[_Idea, _Idea]:
    # Always lock in primary-key order, so two merges of the same pair in opposite directions cannot deadlock.
    locked = {
        i.pk: i
        for i in _Idea.objects.select_for_update(of=("self",))
        .select_related("campaign")
        .filter(pk__in=[a.pk, b.pk])
        .order_by("pk")
    }
    return locked[a.pk], locked[b.pk]


def _recount_supports(idea: _Idea) -> None:
    """The exact count: non-discounted supports; trending follows it."""
    idea.support_count = _Support.objects.filter(idea=idea, discounted_at__isnull=True).count()
    idea.trending = _trending_score(idea.support_count, idea.published_at)
    _Idea.objects.filter(pk=idea.pk).update(support_count=idea.support_count, trending=idea.trending)


def _iso(value: _Any) -> str | None:
    return value.isoformat() if value is not None else None


def merge_preview(*, source: _Idea, target: _Idea) -> dict[str, int]:
    """What a merge would move, in counts: supports (and how many are duplicates dropped), followers, comments,
    co-authors added."""
    target_supporters = set(_Support.objects.filter(idea=target).values_list("member_id", flat=True))
    target_people = {target.author_id, *target.coauthors.values_list("pk", flat=True)}
    source_supports = list(_Support.objects.filter(idea=source).values_list("member_id", flat=True))
    duplicates = sum(1 for m in source_supports if m in target_supporters or m in target_people)
    target_followers = set(_Follow.objects.filter(idea=target).values_list("member_id", flat=True))
    followers = _Follow.objects.filter(idea=source).exclude(member_id__in=target_followers).count()
    new_coauthors = {source.author_id, *source.coauthors.values_list("pk", flat=True)} - target_people
    return {
        "supports": len(source_supports),
        "duplicate_supports": duplicates,
        "followers": followers,
        "comments": _Comment.objects.filter(idea=source).count(),
        "coauthors": len(new_coauthors),
    }


def merge_ideas(*, actor: _Any, source: _Idea, target: _Idea, reason: str = "") -> _IdeaMerge:
    """Merge the duplicate `source` into `target` (same campaign), as a moderator or facilitator.

    Supports move (a member who supported both keeps one: the target's), followers and comments move, the source's
    author and co-authors become co-authors of the target, the source is marked merged and its URL redirects to the
    target. Everything moved is recorded on the IdeaMerge so merge_undo restores it exactly. Both ideas are locked
    in pk order in one transaction; the target's ladder is re-evaluated.

    Publishes IdeaStatusChanged (source → merged), IdeasMerged, and what the ladder publishes on the target."""
    _require_perm(actor, "similarity.merge", source, _gettext("Only moderators can merge ideas."))
    merge_check(source=source, target=target)
    return _merge_locked(actor=actor, source=source, target=target, reason=reason)


def _merge_locked(*, actor: _Any, source: _Idea, target: _Idea, reason: str) -> _IdeaMerge:
    from cocreate.ideas.services import idea_advance_ladder, idea_mark_merged

    reason = (reason or "").strip()[:2000]
    with _transaction.atomic():
        source, target = _lock_pair(source, target)
        merge_check(source=source, target=target)  # again, now that nobody can change them under us
        previous_status = source.status
        target_people = {target.author_id, *target.coauthors.values_list("pk", flat=True)}
        moved: dict[str, _Any] = {
            "supports": [],
            "dropped_supports": [],
            "follows": [],
            "dropped_follows": [],
            "comments": [],
            "visible_comments": 0,
            "coauthors": [],
            "source_counts": {"support_count": source.support_count, "comment_count": source.comment_count},
            "target_before": {
                "status": target.status,
                "stage_index": target.stage_index,
                "stage_started_at": _iso(target.stage_started_at),
            },
        }

        # Supports: move, except for members the target already counts (or who are its authors), whose support on
        # the source is dropped and remembered with its date so undo can recreate it.
        target_supporters = set(_Support.objects.filter(idea=target).values_list("member_id", flat=True))
        source_supports = list(_Support.objects.filter(idea=source).order_by("pk"))
        dropping = [s.pk for s in source_supports if s.member_id in target_supporters or s.member_id in target_people]
        # Where a dropped support came from (moderation's evidence for abuse detection) goes with it.
        origins = _support_origins(dropping) if dropping else {}
        for support in source_supports:
            if support.pk in dropping:
                dropped: dict[str, _Any] = {
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
        _Support.objects.filter(idea=source).exclude(pk__in=moved["supports"]).delete()
        _Support.objects.filter(pk__in=moved["supports"]).update(idea=target)

        # Follows: the same, without counters.
        target_followers = set(_Follow.objects.filter(idea=target).values_list("member_id", flat=True))
        for follow in _Follow.objects.filter(idea=source).order_by("pk"):
            if follow.member_id in target_followers:
                moved["dropped_follows"].append({"member_id": follow.member_id, "created_at": _iso(follow.created_at)})
            else:
                moved["follows"].append(follow.pk)
        _Follow.objects.filter(idea=source).exclude(pk__in=moved["follows"]).delete()
        _Follow.objects.filter(pk__in=moved["follows"]).update(idea=target)

        # Comments: whole threads move (replies go with their parents, which are on the same idea).
        comments = _Comment.objects.filter(idea=source)
        moved["comments"] = list(comments.order_by("pk").values_list("pk", flat=True))
        moved["visible_comments"] = comments.filter(deleted_at__isnull=True).count()
        comments.update(idea=target)

        # Co-authors: the source's author and co-authors join the target's (its author excepted).
        newcomers = [source.author_id, *source.coauthors.order_by("pk").values_list("pk", flat=True)]
        moved["coauthors"] = [pk for pk in dict.fromkeys(newcomers) if pk not in target_people]
        target.coauthors.add(*moved["coauthors"])

        # Counters: exact on both sides.
        _recount_supports(target)
        _recount_supports(source)
        _Idea.objects.filter(pk=target.pk).update(comment_count=_F("comment_count") + moved["visible_comments"])
        _Idea.objects.filter(pk=source.pk).update(comment_count=0)
        source.comment_count = 0
        target.refresh_from_db(fields=["comment_count"])

        merge = _IdeaMerge(
            source=source,
            target=target,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            reason=reason,
            previous_status=previous_status,
            moved=moved,
        )
        merge.full_clean()
        merge.save()
        idea_mark_merged(
            idea=source,
            target=target,
            actor=actor,
            note=reason or _gettext("Merged into “%(title)s”.") % {"title": target.title},
        )
        idea_advance_ladder(idea=target)
        _publish(_IdeasMerged(merge_id=merge.pk, source_id=source.pk, target_id=target.pk, actor_id=actor.pk))
    return merge


def merge_undo(*, actor: _Any, merge: _IdeaMerge) -> _IdeaMerge:
    """Undo a merge exactly: supports (with their original dates), followers, comments and co-authors go back,
    both counters and trending are recomputed, and the source returns to the state it had before.

    What happened on the target since the merge stays (a support a moved member took back is not recreated; a
    comment posted on the target stays there). Publishes IdeaStatusChanged (source → previous state) and
    MergeUndone."""
    from django.utils.dateparse import parse_datetime

    from cocreate.ideas.services import idea_unmark_merged

    _require_perm(actor, "similarity.undo_merge", merge.source, _gettext("Only moderators can undo a merge."))
    with _transaction.atomic():
        merge = _IdeaMerge.objects.select_for_update().get(pk=merge.pk)
        if merge.undone_at is not None:
            raise _Conflict(_gettext("This merge has already been undone."), code="merge_already_undone")
        source, target = _lock_pair(merge.source, merge.target)
        if source.status != _IdeaStatus.MERGED or source.merged_into_id != target.pk:
            raise _Conflict(_gettext("This idea is no longer merged; there is nothing to undo."), code="not_merged")
        moved = merge.moved or {}

        # Supports: the moved ones go back (those still there), the dropped duplicates are recreated as they were.
        _Support.objects.filter(pk__in=moved.get("supports", []), idea=target).update(idea=source)
        for row in moved.get("dropped_supports", []):
            if _Support.objects.filter(idea=source, member_id=row["member_id"]).exists():
                continue
            support = _Support.objects.create(
                idea=source,
                member_id=row["member_id"],
                discounted_at=parse_datetime(row["discounted_at"]) if row.get("discounted_at") else None,
                discounted_reason=row.get("discounted_reason", ""),
            )
            # created_at is auto_now_add: set the original date afterwards.
            _Support.objects.filter(pk=support.pk).update(created_at=parse_datetime(row["created_at"]))
            if row.get("origin"):
                _support_origin_restore(support_id=support.pk, origin=row["origin"])

        # Follows: back, and the dropped duplicates recreated.
        back = _Follow.objects.filter(pk__in=moved.get("follows", []), idea=target)
        already = set(_Follow.objects.filter(idea=source).values_list("member_id", flat=True))
        back.exclude(member_id__in=already).update(idea=source)
        for row in moved.get("dropped_follows", []):
            if _Follow.objects.filter(idea=source, member_id=row["member_id"]).exists():
                continue
            follow = _Follow.objects.create(idea=source, member_id=row["member_id"])
            _Follow.objects.filter(pk=follow.pk).update(created_at=parse_datetime(row["created_at"]))

        # Comments: back with their threads; replies posted on the target since then stay there, detached from
        # a parent that left (replies must stay on the same idea as their parent).
        comment_ids = moved.get("comments", [])
        returning = _Comment.objects.filter(pk__in=comment_ids, idea=target)
        visible_back = returning.filter(deleted_at__isnull=True).count()
        returning.update(idea=source)
        _Comment.objects.filter(idea=target, parent_id__in=comment_ids).update(parent=None)

        target.coauthors.remove(*moved.get("coauthors", []))

        _recount_supports(source)
        _recount_supports(target)
        _Idea.objects.filter(pk=source.pk).update(comment_count=_F("comment_count") + visible_back)
        _Idea.objects.filter(pk=target.pk, comment_count__gte=visible_back).update(
            comment_count=_F("comment_count") - visible_back
        )
        source.refresh_from_db(fields=["comment_count"])

        # The target's ladder: if the merge only moved it up a stage (no change of state), put it back.
        before = moved.get("target_before") or {}
        if before and target.status == before.get("status") and target.stage_index != before.get("stage_index"):
            started = before.get("stage_started_at")
            target.stage_index = before["stage_index"]
            target.stage_started_at = parse_datetime(started) if started else None
            _Idea.objects.filter(pk=target.pk).update(
                stage_index=target.stage_index, stage_started_at=target.stage_started_at
            )

        idea_unmark_merged(
            idea=source,
            actor=actor,
            restore_to=merge.previous_status,
            note=_gettext("The merge into “%(title)s” was undone.") % {"title": target.title},
        )
        merge.undone_at = _timezone.now()
        merge.undone_by = actor
        merge.save(update_fields=["undone_at", "undone_by"])
        _publish(_MergeUndone(merge_id=merge.pk, source_id=source.pk, target_id=target.pk, actor_id=actor.pk))
    return merge


def idea_mark_duplicate(*, actor: _Any, idea: _Idea, target: _Idea, note: str = "") -> _IdeaMerge:
    """The author says their own idea duplicates `target`: when they are its only author, the merge happens at
    once (it is their idea to give away, and undo stays with moderators). With co-authors, every author would
    have to agree, so it is refused and left to a moderator.

    Publishes what merge_ideas publishes."""
    if not idea.is_author(actor):
        raise _ApplicationError(
            _gettext("Only the author can mark this idea as a duplicate."), code="permission_denied", status=403
        )
    if idea.coauthors.exists():
        raise _ApplicationError(
            _gettext("Your idea has co-authors: ask a moderator to merge it, so everyone agrees."),
            code="needs_moderator",
            status=403,
        )
    if not _has_perm(actor, "ideas.view", target):
        raise _ApplicationError(_gettext("That idea does not exist."), code="not_found", status=404, field="target")
    merge_check(source=idea, target=target)
    note = (note or "").strip() or _gettext("The author marked it as a duplicate.")
    return _merge_locked(actor=actor, source=idea, target=target, reason=note)
