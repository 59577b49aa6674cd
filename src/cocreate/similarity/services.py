"""Writes of the similarity context: idea vectors and campaign themes (system jobs, or staff on demand), and
merging duplicates with an exact undo (each context moves its own part: engagement its supports, follows and
comments; ideas the lifecycle)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from cocreate.accounts.models import User
from cocreate.activity.models import Verb
from cocreate.activity.services import activity_record
from cocreate.core.errors import ApplicationError, Conflict
from cocreate.core.events import publish
from cocreate.core.permissions import has_perm, require_perm
from cocreate.engagement.models import Comment, Follow, Support
from cocreate.engagement.services import merge_move_engagement, merge_return_engagement
from cocreate.ideas.lifecycle import TRANSITIONS, IdeaStatus
from cocreate.ideas.models import Idea
from cocreate.ideas.selectors import status_change_id
from cocreate.ideas.services import (
    idea_advance_ladder,
    idea_coauthors_change,
    idea_ladder_restore,
    idea_mark_merged,
    idea_unmark_merged,
)

from . import representation as rep
from .events import IdeasMerged, MergeUndone
from .models import DuplicateDismissal, IdeaMerge, IdeaVector, Theme, ThemeMembership, VectorsVersion
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


def themes_refresh(*, actor: User, campaign) -> list[Theme]:
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


def duplicate_dismiss(*, actor: User, source: Idea, target: Idea, reason: str = "") -> DuplicateDismissal:
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
        activity_record(
            actor=actor,
            verb=Verb.DUPLICATE_DISMISSED,
            target=source,
            details={"other_id": target.pk, "other": target.title, "reason": dismissal.reason},
        )
    return dismissal


def duplicate_dismissal_restore(*, actor: User, dismissal: DuplicateDismissal) -> DuplicateDismissal:
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
        activity_record(
            actor=actor,
            verb=Verb.DUPLICATE_RESTORED,
            target=locked,
            label=f"#{locked.first_id} / #{locked.second_id}",
            details={"idea_ids": [locked.first_id, locked.second_id]},
        )
    return locked


# ---- merging a duplicate into another idea of the same campaign, and undoing it exactly -----------------


# Permissions similarity.merge and similarity.undo_merge are in similarity/rules.py (moderators, facilitators).

# A target must be public and alive: its page is where the duplicate's audience lands.
MERGE_TARGET_REFUSED = frozenset({IdeaStatus.DRAFT, IdeaStatus.PENDING, IdeaStatus.MERGED, IdeaStatus.WITHDRAWN})


def _merge_refusal(source: Idea, target: Idea) -> ApplicationError | None:
    """Why `source` cannot be merged into `target`, or None. Checked before any write and again under lock."""
    if source.pk == target.pk:
        return ApplicationError(
            gettext("An idea cannot be merged into itself."), code="merge_into_itself", field="target"
        )
    if source.campaign_id != target.campaign_id:
        return ApplicationError(
            gettext("Only ideas of the same campaign can be merged."), code="merge_across_campaigns", field="target"
        )
    if target.status == IdeaStatus.MERGED or target.merged_into_id:
        return Conflict(
            gettext("That idea was itself merged into another one; merge into that one instead."),
            code="merge_chain",
        )
    if target.status in MERGE_TARGET_REFUSED:
        return Conflict(
            gettext("Ideas can only be merged into a published idea (this one is “%(status)s”).")
            % {"status": IdeaStatus(target.status).label},
            code="merge_target_closed",
        )
    if source.status not in TRANSITIONS["merge"].sources:
        return Conflict(
            gettext("An idea that is “%(status)s” cannot be merged.") % {"status": IdeaStatus(source.status).label},
            code="merge_source_closed",
        )
    return None


def merge_check(*, source: Idea, target: Idea) -> None:
    """Raise the ApplicationError that would refuse this merge (for forms and previews)."""
    error = _merge_refusal(source, target)
    if error is not None:
        raise error


def _lock_pair(a: Idea, b: Idea) -> tuple[Idea, Idea]:
    # Always lock in primary-key order, so two merges of the same pair in opposite directions cannot deadlock.
    locked = {
        i.pk: i
        for i in Idea.objects.select_for_update(of=("self",))
        .select_related("campaign")
        .filter(pk__in=[a.pk, b.pk])
        .order_by("pk")
    }
    return locked[a.pk], locked[b.pk]


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def merge_preview(*, source: Idea, target: Idea) -> dict[str, int]:
    """What a merge would move, in counts: supports (and how many are duplicates dropped), followers, comments,
    co-authors added."""
    target_supporters = set(Support.objects.filter(idea=target).values_list("member_id", flat=True))
    target_people = {target.author_id, *target.coauthors.values_list("pk", flat=True)}
    source_supports = list(Support.objects.filter(idea=source).values_list("member_id", flat=True))
    duplicates = sum(1 for m in source_supports if m in target_supporters or m in target_people)
    target_followers = set(Follow.objects.filter(idea=target).values_list("member_id", flat=True))
    followers = Follow.objects.filter(idea=source).exclude(member_id__in=target_followers).count()
    new_coauthors = {source.author_id, *source.coauthors.values_list("pk", flat=True)} - target_people
    return {
        "supports": len(source_supports),
        "duplicate_supports": duplicates,
        "followers": followers,
        "comments": Comment.objects.filter(idea=source).count(),
        "coauthors": len(new_coauthors),
    }


def merge_ideas(*, actor: User, source: Idea, target: Idea, reason: str = "") -> IdeaMerge:
    """Merge the duplicate `source` into `target` (same campaign), as a moderator or facilitator.

    Supports move (a member who supported both keeps one: the target's), followers and comments move, the source's
    author and co-authors become co-authors of the target, the source is marked merged and its URL redirects to the
    target. Everything moved is recorded on the IdeaMerge so merge_undo restores it exactly. Both ideas are locked
    in pk order in one transaction; the target's ladder is re-evaluated.

    Publishes IdeaStatusChanged (source → merged), IdeasMerged, and what the ladder publishes on the target."""
    require_perm(actor, "similarity.merge", source, gettext("Only moderators can merge ideas."))
    merge_check(source=source, target=target)
    return _merge_locked(actor=actor, source=source, target=target, reason=reason)


def _merge_locked(*, actor: User, source: Idea, target: Idea, reason: str) -> IdeaMerge:
    reason = (reason or "").strip()[:2000]
    with transaction.atomic():
        source, target = _lock_pair(source, target)
        merge_check(source=source, target=target)  # again, now that nobody can change them under us
        previous_status = source.status
        target_people = {target.author_id, *target.coauthors.values_list("pk", flat=True)}
        moved: dict[str, Any] = {
            "source_counts": {"support_count": source.support_count, "comment_count": source.comment_count},
            "target_before": {
                "status": target.status,
                "stage_index": target.stage_index,
                "stage_started_at": _iso(target.stage_started_at),
            },
        }

        moved.update(merge_move_engagement(source=source, target=target, keep_out=target_people))

        # Co-authors: the source's author and co-authors join the target's (its author excepted).
        newcomers = [source.author_id, *source.coauthors.order_by("pk").values_list("pk", flat=True)]
        moved["coauthors"] = [pk for pk in dict.fromkeys(newcomers) if pk not in target_people]
        idea_coauthors_change(idea=target, add=moved["coauthors"])

        merge = IdeaMerge(
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
            note=reason or gettext("Merged into “%(title)s”.") % {"title": target.title},
        )
        idea_advance_ladder(idea=target)
        activity_record(
            actor=actor,
            verb=Verb.IDEA_MERGED,
            target=source,
            details={"into_id": target.pk, "into": target.title, "reason": reason, "merge_id": merge.pk},
        )
        publish(
            IdeasMerged(
                merge_id=merge.pk,
                source_id=source.pk,
                target_id=target.pk,
                actor_id=actor.pk,
                change_id=status_change_id(source.pk, to_status=IdeaStatus.MERGED),
            )
        )
    return merge


def merge_undo(*, actor: User, merge: IdeaMerge) -> IdeaMerge:
    """Undo a merge exactly: supports (with their original dates), followers, comments and co-authors go back,
    both counters and trending are recomputed, and the source returns to the state it had before.

    What happened on the target since the merge stays (a support a moved member took back is not recreated; a
    comment posted on the target stays there). Publishes IdeaStatusChanged (source → previous state) and
    MergeUndone."""
    from django.utils.dateparse import parse_datetime

    require_perm(actor, "similarity.undo_merge", merge.source, gettext("Only moderators can undo a merge."))
    with transaction.atomic():
        merge = IdeaMerge.objects.select_for_update().get(pk=merge.pk)
        if merge.undone_at is not None:
            raise Conflict(gettext("This merge has already been undone."), code="merge_already_undone")
        source, target = _lock_pair(merge.source, merge.target)
        if source.status != IdeaStatus.MERGED or source.merged_into_id != target.pk:
            raise Conflict(gettext("This idea is no longer merged; there is nothing to undo."), code="not_merged")
        moved = merge.moved or {}

        merge_return_engagement(source=source, target=target, moved=moved)
        idea_coauthors_change(idea=target, remove=moved.get("coauthors", []))

        # The target's ladder: if the merge only moved it up a stage (no change of state), put it back.
        before = moved.get("target_before") or {}
        if before and target.status == before.get("status") and target.stage_index != before.get("stage_index"):
            started = before.get("stage_started_at")
            idea_ladder_restore(
                idea=target,
                stage_index=before["stage_index"],
                stage_started_at=parse_datetime(started) if started else None,
            )

        idea_unmark_merged(
            idea=source,
            actor=actor,
            restore_to=merge.previous_status,
            note=gettext("The merge into “%(title)s” was undone.") % {"title": target.title},
        )
        merge.undone_at = timezone.now()
        merge.undone_by = actor
        merge.save(update_fields=["undone_at", "undone_by"])
        activity_record(
            actor=actor,
            verb=Verb.IDEA_UNMERGED,
            target=source,
            details={"from_id": target.pk, "from": target.title, "merge_id": merge.pk},
        )
        publish(
            MergeUndone(
                merge_id=merge.pk,
                source_id=source.pk,
                target_id=target.pk,
                actor_id=actor.pk,
                change_id=status_change_id(source.pk, from_status=IdeaStatus.MERGED),
            )
        )
    return merge


def idea_mark_duplicate(*, actor: User, idea: Idea, target: Idea, note: str = "") -> IdeaMerge:
    """The author says their own idea duplicates `target`: when they are its only author, the merge happens at
    once (it is their idea to give away, and undo stays with moderators). With co-authors, every author would
    have to agree, so it is refused and left to a moderator.

    Publishes what merge_ideas publishes."""
    require_perm(actor, "similarity.mark_duplicate", idea)
    if not has_perm(actor, "ideas.view", target):
        raise ApplicationError(gettext("That idea does not exist."), code="not_found", status=404, field="target")
    merge_check(source=idea, target=target)
    note = (note or "").strip() or gettext("The author marked it as a duplicate.")
    return _merge_locked(actor=actor, source=idea, target=target, reason=note)
