"""Reads of the similarity context: similar ideas while typing, duplicate candidates, themes.

The in-process index per (campaign, method) is rebuilt from stored vectors when they change (one aggregate
query per request tells), so every worker process answers from memory with a brute-force cosine."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, QuerySet

from cocreate.ideas.lifecycle import PUBLIC_STATES, IdeaStatus
from cocreate.ideas.models import Idea
from cocreate.ideas.selectors import ideas_visible_to

from . import representation as rep
from .models import IdeaVector, Theme

MAX_SUGGESTIONS = 5
# Ideas worth suggesting or clustering: public and still standing (merged and withdrawn ones are not).
SUGGESTABLE_STATES = frozenset(PUBLIC_STATES - {IdeaStatus.MERGED, IdeaStatus.WITHDRAWN})

_cache: dict[tuple[int, str], tuple[tuple, rep.Index]] = {}
_cache_lock = threading.Lock()


def eligible_ideas(campaign_id: int) -> QuerySet[Idea]:
    return Idea.objects.filter(campaign_id=campaign_id, status__in=SUGGESTABLE_STATES, hidden_at__isnull=True)


def campaign_index(campaign_id: int, method: str | None = None) -> rep.Index:
    """The campaign's index for `method` (default: the best installed), rebuilt only when its vectors changed."""
    from .services import vectors_ensure_campaign

    method = method or rep.default_method()
    vectors = IdeaVector.objects.filter(campaign_id_copy=campaign_id, method=method)
    stamp_row = vectors.aggregate(n=Count("id"), t=Max("updated_at"), m=Max("id"))
    stamp = (stamp_row["n"], stamp_row["t"], stamp_row["m"])
    key = (campaign_id, method)
    cached = _cache.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    if cached is None and vectors_ensure_campaign(campaign_id=campaign_id, method=method):
        stamp_row = vectors.aggregate(n=Count("id"), t=Max("updated_at"), m=Max("id"))
        stamp = (stamp_row["n"], stamp_row["t"], stamp_row["m"])
    rows = list(vectors.order_by("idea_id").values_list("idea_id", "vector"))
    index = rep.Index.build(
        method, [r[0] for r in rows], rep.stack(method, [rep.from_bytes(method, bytes(r[1])) for r in rows])
    )
    with _cache_lock:
        _cache[key] = (stamp, index)
    return index


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()


@dataclass(frozen=True)
class Suggestion:
    idea: Idea
    score: float

    @property
    def percent(self) -> int:
        return round(100 * self.score)


def similar_ideas(
    viewer: Any,
    *,
    campaign,
    title: str,
    body: str = "",
    limit: int = MAX_SUGGESTIONS,
    exclude_ids: frozenset[int] = frozenset(),
    method: str | None = None,
) -> list[Suggestion]:
    """At most `limit` (≤ 5) existing ideas of `campaign` the viewer may see that are at or above the calibrated
    suggestion threshold, best first. Nothing for too little text: no suggestion is better than a wrong one."""
    if not rep.has_content(title, body):
        return []
    method = method or rep.default_method()
    index = campaign_index(campaign.pk, method)
    if not len(index):
        return []
    query = rep.encode(method, [rep.idea_text(title, body)])
    query = query[0] if method == rep.SEMANTIC else query
    found = index.nearest(query, k=min(limit, MAX_SUGGESTIONS) + 10, threshold=rep.THRESHOLDS[method]["suggest"])
    scores = {pk: score for pk, score in found if pk not in exclude_ids}
    if not scores:
        return []
    ideas = {
        i.pk: i
        for i in ideas_visible_to(viewer)
        .filter(pk__in=scores, campaign=campaign, status__in=SUGGESTABLE_STATES, hidden_at__isnull=True)
        .select_related("campaign")
    }
    ordered = [Suggestion(ideas[pk], s) for pk, s in scores.items() if pk in ideas]
    return ordered[: min(limit, MAX_SUGGESTIONS)]


@dataclass(frozen=True)
class DuplicatePair:
    source: Idea  # the newer idea: merged into the older one by default
    target: Idea
    score: float

    @property
    def percent(self) -> int:
        return round(100 * self.score)


def duplicate_candidates(campaign, *, limit: int = 100, method: str | None = None) -> list[DuplicatePair]:
    """Pairs of standing ideas in `campaign` at or above the duplicate threshold, most similar first."""
    method = method or rep.default_method()
    index = campaign_index(campaign.pk, method)
    pairs = index.pairs(rep.THRESHOLDS[method]["duplicate"], limit=limit * 2)
    ids = {pk for a, b, _s in pairs for pk in (a, b)}
    ideas = {i.pk: i for i in eligible_ideas(campaign.pk).filter(pk__in=ids).select_related("author")}
    out = []
    for a, b, score in pairs:
        if a in ideas and b in ideas:
            older, newer = sorted((ideas[a], ideas[b]), key=lambda i: (i.published_at or i.created_at, i.pk))
            out.append(DuplicatePair(source=newer, target=older, score=score))
    return out[:limit]


def campaign_themes(campaign) -> list[Theme]:
    if campaign is None:
        return []
    return list(Theme.objects.filter(campaign=campaign).order_by("position", "id"))
