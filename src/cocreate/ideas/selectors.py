"""Reads about ideas that pages and the API share: lists, details, progress and revision diffs."""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Mod
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from cocreate.accounts.models import Role
from cocreate.accounts.selectors import staff_of_campaign_ids
from cocreate.accounts.types import Actor
from cocreate.core.permissions import can_map, has_perm

from .lifecycle import CLIMBING_STATES, PUBLIC_STATES, IdeaStatus, Transition, staff_transitions_from
from .models import Idea, IdeaImage, IdeaRevision

SORTS = {
    "newest": _("Newest"),
    "most_supported": _("Most supported"),
    "trending": _("Trending"),
    "random": _("Random"),
}
DEFAULT_SORT = "trending"
# Multiplier and prime for the seeded shuffle: (id * m + seed) mod P, with m drawn from the seed, is a cheap,
# stable permutation in SQL. The seed must choose the multiplier: adding it alone only rotates one fixed order,
# so every visitor would see the same neighbours.
_SHUFFLE_A, _SHUFFLE_P = 2654435761, 4294967291


def ideas_visible_to(viewer: Actor) -> QuerySet[Idea]:
    """Ideas the viewer may see: public ones in campaigns they can read, their own, and those they staff."""
    from cocreate.campaigns.selectors import campaigns_visible_to

    # Hidden by moderators: gone for everyone but the authors and staff (who keep seeing it below).
    visible = Q(status__in=PUBLIC_STATES, campaign__in=campaigns_visible_to(viewer), hidden_at__isnull=True)
    if getattr(viewer, "is_authenticated", False):
        # Exists, not a join on co-authors: a join would repeat rows and force a DISTINCT or an IN-subquery,
        # and either stops the database from walking a sort index and stopping after one page.
        visible |= _written_by(viewer)
        staff_ids = staff_of_campaign_ids(viewer, {Role.MODERATOR, Role.FACILITATOR, Role.REVIEWER})
        if staff_ids is None:
            return Idea.objects.all()
        visible |= Q(campaign_id__in=staff_ids)
    return Idea.objects.filter(visible)


def _written_by(member: Any) -> Q:
    coauthor = Exists(Idea.coauthors.through.objects.filter(idea_id=OuterRef("pk"), user_id=member.pk))
    return Q(author=member) | Q(coauthor)


def order_ideas(qs: QuerySet[Idea], sort: str, seed: int = 0) -> QuerySet[Idea]:
    if sort == "newest":
        return qs.order_by(F("published_at").desc(nulls_last=True), "-id")
    if sort == "most_supported":
        return qs.order_by("-support_count", "-id")
    if sort == "random":
        multiplier = _SHUFFLE_A * (seed % (_SHUFFLE_P - 1) + 1) % _SHUFFLE_P  # never 0: P is prime
        shuffle = Mod(F("id") * multiplier + seed % _SHUFFLE_P, _SHUFFLE_P)
        return qs.annotate(shuffle=shuffle).order_by("shuffle", "id")
    return qs.order_by("-trending", "-id")


def idea_list(
    viewer: Actor,
    *,
    campaign=None,
    sort: str = DEFAULT_SORT,
    status: str = "",
    tag: str = "",
    q: str = "",
    seed: int = 0,
    mine: bool = False,
    theme: int | None = None,
) -> QuerySet[Idea]:
    """The ideas a list page or the API shows: filtered, sorted, with what each card needs loaded."""
    qs = ideas_visible_to(viewer)
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    if mine and getattr(viewer, "is_authenticated", False):
        qs = qs.filter(_written_by(viewer))
    elif not status:
        qs = qs.filter(status__in=PUBLIC_STATES - {IdeaStatus.MERGED, IdeaStatus.WITHDRAWN})
    if status:
        qs = qs.filter(status=status)
    if tag:
        qs = qs.filter(tags__slug=tag)
    if theme:
        qs = qs.filter(theme_membership__theme_id=theme)  # themes: similarity.ThemeMembership
    for word in q.split()[:8]:
        qs = qs.filter(Q(title__icontains=word) | Q(body__icontains=word) | Q(tags__name__iexact=word))
    if q or tag:
        qs = qs.distinct()
    return order_ideas(
        qs.select_related("author", "campaign").prefetch_related(
            "tags", Prefetch("images", queryset=IdeaImage.objects.order_by("position", "id"))
        ),
        sort,
        seed,
    )


def staff_transitions_for(actor: Actor, idea: Idea) -> list[Transition]:
    """The staff status changes `actor` may make on `idea` now, in lifecycle order (for the staff page)."""
    from .rules import perm_for_transition

    return [t for t in staff_transitions_from(idea.status) if has_perm(actor, perm_for_transition(t.name), idea)]


def idea_reference(viewer: Actor, pk: int) -> Idea | None:
    """The idea an action is about (a support, a comment), with its campaign: no page's worth of prefetching.
    One idea at hand is checked with the ideas.view rule, the same visibility as ideas_visible_to: building
    that query costs more than the check."""
    idea = (
        Idea.objects.filter(pk=pk)
        .select_related("campaign")
        .prefetch_related("campaign__phases", "campaign__support_stages")
        .first()
    )
    return idea if idea is not None and has_perm(viewer, "ideas.view", idea) else None


def image_file_for(viewer: Actor, name: str) -> IdeaImage | None:
    """The idea image (or thumbnail) stored under `name`, when `viewer` may see its idea (F9): a draft's images
    only for its authors and staff, a removed image for nobody."""
    image = (
        IdeaImage.objects.select_related("idea__campaign")
        .filter(Q(image=name) | Q(thumbnail=name))
        .order_by("pk")
        .first()
    )
    if image is None or not has_perm(viewer, "ideas.view", image.idea):
        return None
    return image


def idea_detail(viewer: Actor, pk: int) -> Idea | None:
    return (
        ideas_visible_to(viewer)
        .filter(pk=pk)
        .select_related("author", "campaign", "merged_into")
        .prefetch_related("tags", "coauthors", "images", "campaign__support_stages", "campaign__phases")
        .first()
    )


@dataclass(frozen=True)
class LadderProgress:
    """Where an idea stands on its campaign's support ladder: '73 of 100 supporters · 41 days left'."""

    supporters: int
    threshold: int
    stage_number: int
    stages_total: int
    deadline: datetime | None
    days_left: int | None
    climbing: bool

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.supporters / self.threshold)) if self.threshold else 100


def idea_progress(idea: Idea, now: datetime | None = None) -> LadderProgress | None:
    stages = list(idea.campaign.support_stages.all())
    if not stages:
        return None
    index = min(idea.stage_index, len(stages) - 1)
    stage = stages[index]
    climbing = idea.status in CLIMBING_STATES and idea.stage_started_at is not None
    deadline = idea.stage_started_at + stage.window if climbing and idea.stage_started_at else None
    days_left = None
    if deadline is not None:
        remaining = deadline - (now or timezone.now())
        days_left = max(0, remaining.days + (1 if remaining.seconds or remaining.microseconds else 0))
    return LadderProgress(
        supporters=idea.support_count,
        threshold=stage.threshold,
        stage_number=index + 1,
        stages_total=len(stages),
        deadline=deadline,
        days_left=days_left,
        climbing=climbing,
    )


def idea_revisions(idea: Idea) -> QuerySet[IdeaRevision]:
    return idea.revisions.select_related("editor").order_by("number")


_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def text_diff(old: str, new: str) -> SafeString:
    """A word-level diff as HTML: removed words in <del>, added words in <ins>, everything else escaped."""
    a, b = _TOKEN.findall(old or ""), _TOKEN.findall(new or "")
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(html.escape("".join(a[i1:i2])))
            continue
        if op in ("replace", "delete"):
            out.append(f"<del>{html.escape(''.join(a[i1:i2]))}</del>")
        if op in ("replace", "insert"):
            out.append(f"<ins>{html.escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def revision_diff(idea: Idea, number: int) -> dict[str, Any] | None:
    """Revision `number` against the one before it (the first against nothing)."""
    revisions = {r.number: r for r in idea.revisions.filter(number__in=[number - 1, number])}
    current = revisions.get(number)
    if current is None:
        return None
    previous = revisions.get(number - 1)
    return {
        "revision": current,
        "previous": previous,
        "title": text_diff(previous.title if previous else "", current.title),
        "body": text_diff(previous.body if previous else "", current.body),
        "tags": text_diff(previous.tags if previous else "", current.tags),
    }


# ---- the idea's timeline (what happened and why) -------------------------------------------------------

_DECISION_STATES = {IdeaStatus.ACCEPTED, IdeaStatus.DECLINED, IdeaStatus.NEEDS_INFO, IdeaStatus.MERGED}


def idea_timeline(idea: Idea) -> list[Any]:
    """The idea's public story in order: submitted, revised, threshold reached, review stages, reviewers' public
    notes, the decision with its explanation, roadmap progress. Entries at the same moment keep their source order.
    """
    from django.urls import reverse

    from cocreate.core.timeline import TimelineEntry, timeline_sources

    entries: list[TimelineEntry] = []
    submitted = False
    for change in idea.status_changes.select_related("actor").order_by("created_at", "id"):
        actor = change.actor.public_name if change.actor else ""
        if change.to_status in (IdeaStatus.DRAFT, IdeaStatus.PENDING):
            continue  # drafts and moderation are not part of the public story
        if change.to_status == IdeaStatus.PUBLISHED and not submitted:
            submitted = True
            entries.append(TimelineEntry(at=change.created_at, kind="submitted", title=str(_("Published")),
                                         actor_name=idea.author.public_name))  # fmt: skip
            continue
        kind = "decision" if change.to_status in _DECISION_STATES and change.actor_id else "status"
        if change.to_status == IdeaStatus.THRESHOLD_REACHED:
            kind = "stage_reached"
        entries.append(
            TimelineEntry(
                at=change.created_at,
                kind=kind,
                title=str(IdeaStatus(change.to_status).label),
                detail=change.note,
                actor_name=actor if kind != "stage_reached" else "",
            )
        )
    for revision in idea.revisions.filter(number__gt=1).select_related("editor").order_by("number"):
        entries.append(
            TimelineEntry(
                at=revision.created_at,
                kind="revised",
                title=str(_("Revised (version %(n)d)") % {"n": revision.number}),
                detail=revision.note,
                actor_name=revision.editor.public_name if revision.editor else "",
                url=f"{reverse('ideas:history', kwargs={'pk': idea.pk})}?r={revision.number}",
            )
        )
    for source in timeline_sources():  # the contexts above ideas add their part (review, roadmap)
        entries.extend(source(idea))
    return sorted(entries, key=lambda e: e.at)


# What a viewer may do with one idea, by the names the idea page, its fragments and the API use. The rules live in
# each app's rules.py (engagement, review and similarity rules are named, not imported: core's registry holds them).
IDEA_PERMISSIONS = {
    "edit": "ideas.change",
    "withdraw": "ideas.withdraw",
    "submit_draft": "ideas.submit_draft",
    "post_update": "ideas.post_update",
    "moderate": "ideas.moderate",
    "support": "engagement.support",
    "follow": "engagement.follow",
    "comment": "engagement.comment",
    "comment_official": "engagement.comment_official",
    "resubmit": "review.resubmit",
    "merge": "similarity.merge",
    "mark_duplicate": "similarity.mark_duplicate",
}


def idea_can(viewer: Actor, idea: Idea, keys: Iterable[str] | None = None) -> dict[str, bool]:
    """The idea page's `can` map (or the `keys` of it): permission name -> whether `viewer` holds it on `idea`."""
    wanted = IDEA_PERMISSIONS if keys is None else {key: IDEA_PERMISSIONS[key] for key in keys}
    return can_map(viewer, idea, wanted)


def status_change_id(idea_id: int, *, to_status: str | None = None, from_status: str | None = None) -> int | None:
    """The latest IdeaStatusChange of an idea (to or from a status): events about one change carry its id."""
    from .models import IdeaStatusChange

    changes = IdeaStatusChange.objects.filter(idea_id=idea_id)
    if to_status is not None:
        changes = changes.filter(to_status=to_status)
    if from_status is not None:
        changes = changes.filter(from_status=from_status)
    return changes.order_by("-id").values_list("pk", flat=True).first()
