"""Reads of the similarity context: similar ideas while typing, duplicate candidates, themes.

Each process keeps an index per (campaign, method) in memory, with the version of the campaign's vectors it was
built from (`VectorsVersion`, bumped with every change to them): a request checks it with one primary-key read
and rebuilds only when it moved, so suggestions are a brute-force cosine over a matrix already in memory."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet, Sum

from cocreate.accounts.types import Actor
from cocreate.ideas.lifecycle import PUBLIC_STATES, IdeaStatus
from cocreate.ideas.models import Idea
from cocreate.ideas.selectors import ideas_visible_to

from . import representation as rep
from .models import DuplicateDismissal, IdeaVector, Theme, ThemeMembership, VectorsVersion

MAX_SUGGESTIONS = 5
# Ideas worth suggesting or clustering: public and still standing (merged and withdrawn ones are not).
SUGGESTABLE_STATES = frozenset(PUBLIC_STATES - {IdeaStatus.MERGED, IdeaStatus.WITHDRAWN})
SITE = 0  # the cache key of the site-wide index (every campaign's vectors)
# The site-wide index changes with every idea anywhere; rebuilding it (seconds at 100k ideas) on each change would
# put that cost on the next suggestion of every process, so it may lag changes by this much.
SITE_INDEX_MAX_AGE = 60.0

_cache: dict[tuple[int, str], tuple[Any, float, rep.Index]] = {}
_cache_lock = threading.Lock()


def eligible_ideas(campaign_id: int) -> QuerySet[Idea]:
    return Idea.objects.filter(campaign_id=campaign_id, status__in=SUGGESTABLE_STATES, hidden_at__isnull=True)


def _load_index(method: str, vectors: QuerySet[IdeaVector]) -> rep.Index:
    rows = list(vectors.order_by("idea_id").values_list("idea_id", "vector"))
    return rep.Index.build(method, [r[0] for r in rows], rep.stack_bytes(method, [bytes(r[1]) for r in rows]))


def _vectors_version(campaign_id: int) -> int:
    return VectorsVersion.objects.filter(campaign_id=campaign_id).values_list("version", flat=True).first() or 0


def campaign_index(campaign_id: int, method: str | None = None) -> rep.Index:
    """The campaign's index for `method` (default: the best installed), rebuilt only when its vectors changed."""
    from .services import vectors_ensure_campaign

    method = method or rep.default_method()
    key = (campaign_id, method)
    version = _vectors_version(campaign_id)
    cached = _cache.get(key)
    if cached is not None and cached[0] == version:
        return cached[2]
    if cached is None and vectors_ensure_campaign(campaign_id=campaign_id, method=method):
        version = _vectors_version(campaign_id)
    index = _load_index(method, IdeaVector.objects.filter(campaign_id_copy=campaign_id, method=method))
    with _cache_lock:
        _cache[key] = (version, time.monotonic(), index)
    return index


def site_index(method: str | None = None, *, max_age: float = SITE_INDEX_MAX_AGE) -> rep.Index:
    """Every campaign's standing ideas in one index (site-wide suggestions), rebuilt when vectors changed
    anywhere but at most once per `max_age` seconds. Visibility is applied to the results, never stored."""
    method = method or rep.default_method()
    key = (SITE, method)
    stamp = tuple(VectorsVersion.objects.aggregate(v=Sum("version"), n=Count("pk")).values())
    cached = _cache.get(key)
    if cached is not None and (cached[0] == stamp or time.monotonic() - cached[1] < max_age):
        return cached[2]
    if cached is None:
        from .services import vectors_ensure_campaign

        missing = (
            Idea.objects.filter(status__in=SUGGESTABLE_STATES, hidden_at__isnull=True)
            .exclude(vectors__method=method)
            .values_list("campaign_id", flat=True)
            .distinct()
        )
        if sum(vectors_ensure_campaign(campaign_id=pk, method=method) for pk in sorted(set(missing))):
            stamp = tuple(VectorsVersion.objects.aggregate(v=Sum("version"), n=Count("pk")).values())
    index = _load_index(method, IdeaVector.objects.filter(method=method))
    with _cache_lock:
        _cache[key] = (stamp, time.monotonic(), index)
    return index


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()


@dataclass(frozen=True)
class Suggestion:
    idea: Idea
    score: float
    elsewhere: bool = False  # from another campaign than the one the idea is written for

    @property
    def percent(self) -> int:
        return round(100 * self.score)


def similar_ideas(
    viewer: Actor,
    *,
    campaign,
    title: str,
    body: str = "",
    limit: int = MAX_SUGGESTIONS,
    exclude_ids: frozenset[int] = frozenset(),
    method: str | None = None,
    site_wide: bool = False,
) -> list[Suggestion]:
    """At most `limit` (≤ 5) existing ideas of `campaign` the viewer may see that are at or above the calibrated
    suggestion threshold, best first. Nothing for too little text: no suggestion is better than a wrong one.

    `site_wide` also looks in the other campaigns the viewer may see (the site-wide index, same threshold): the
    campaign's own ideas come first (they can be supported instead), other campaigns' fill the places left, at
    most five in total. `exclude_ids`: ideas the author said are not the same."""
    if not rep.has_content(title, body):
        return []
    method = method or rep.default_method()
    limit = min(limit, MAX_SUGGESTIONS)
    threshold = rep.THRESHOLDS[method]["suggest"]
    encoded = rep.encode(method, [rep.idea_text(title, body)])
    query = encoded[0] if method == rep.SEMANTIC else encoded
    k = limit + 10 + len(exclude_ids)
    index = campaign_index(campaign.pk, method)
    here = {pk: score for pk, score in index.nearest(query, k=k, threshold=threshold) if pk not in exclude_ids}
    elsewhere: dict[int, float] = {}
    if site_wide:
        found = site_index(method).nearest(query, k=k + len(here), threshold=threshold)
        elsewhere = {pk: score for pk, score in found if pk not in exclude_ids and pk not in here}
    if not here and not elsewhere:
        return []
    ideas = {
        i.pk: i
        for i in ideas_visible_to(viewer)
        .filter(pk__in=[*here, *elsewhere], status__in=SUGGESTABLE_STATES, hidden_at__isnull=True)
        .select_related("campaign")
    }
    ordered = [
        Suggestion(ideas[pk], s) for pk, s in here.items() if pk in ideas and ideas[pk].campaign_id == campaign.pk
    ]
    ordered += [
        Suggestion(ideas[pk], s, elsewhere=True)
        for pk, s in elsewhere.items()
        if pk in ideas and ideas[pk].campaign_id != campaign.pk
    ]
    return ordered[:limit]


@dataclass(frozen=True)
class DuplicatePair:
    source: Idea  # the newer idea: merged into the older one by default
    target: Idea
    score: float

    @property
    def percent(self) -> int:
        return round(100 * self.score)


def duplicate_candidates(campaign, *, limit: int = 100, method: str | None = None) -> list[DuplicatePair]:
    """Pairs of standing ideas in `campaign` at or above the duplicate threshold, most similar first; pairs a
    moderator marked as not duplicates are left out."""
    method = method or rep.default_method()
    index = campaign_index(campaign.pk, method)
    dismissed = set(
        DuplicateDismissal.objects.filter(campaign=campaign, restored_at__isnull=True).values_list("first", "second")
    )
    pairs = [
        (a, b, score)
        for a, b, score in index.pairs(rep.THRESHOLDS[method]["duplicate"], limit=limit * 2 + len(dismissed))
        if (min(a, b), max(a, b)) not in dismissed
    ]
    ids = {pk for a, b, _s in pairs for pk in (a, b)}
    ideas = {i.pk: i for i in eligible_ideas(campaign.pk).filter(pk__in=ids).select_related("author")}
    out = []
    for a, b, score in pairs:
        if a in ideas and b in ideas:
            older, newer = sorted((ideas[a], ideas[b]), key=lambda i: (i.published_at or i.created_at, i.pk))
            out.append(DuplicatePair(source=newer, target=older, score=score))
    return out[:limit]


def duplicate_dismissals(campaign, *, limit: int = 50) -> list[DuplicateDismissal]:
    """The campaign's "not a duplicate" decisions, newest first: standing ones (with a restore button) and
    restored ones (the audit trail)."""
    return list(
        DuplicateDismissal.objects.filter(campaign=campaign)
        .select_related("first", "second", "dismissed_by", "restored_by")
        .order_by("-dismissed_at", "-id")[:limit]
    )


def theme_idea_ids(theme_id: int) -> QuerySet[ThemeMembership, Any]:
    """The ideas of a theme, as a subquery of idea ids (for search's theme filter)."""
    return ThemeMembership.objects.filter(theme_id=theme_id).values("idea_id")


def themes_of_campaigns(campaigns: QuerySet) -> list[Theme]:
    """Themes of these campaigns (those a viewer may see), with their campaign, for a theme picker."""
    return list(
        Theme.objects.filter(campaign__in=campaigns)
        .select_related("campaign")
        .order_by("campaign__title", "position", "id")[:200]
    )


def campaign_themes(campaign) -> list[Theme]:
    if campaign is None:
        return []
    return list(Theme.objects.filter(campaign=campaign).order_by("position", "id"))
