"""Full-text search across campaigns, ideas and comments, behind one interface.

`search(query, *, viewer, filters, page)` picks the backend from the connection's vendor: PostgreSQL's full-text
search (SearchVector / SearchQuery / SearchRank / SearchHeadline, computed live) or SQLite's FTS5 index
(search/index.py). Both rank a title match above a body-only match, both require every word (stemmed), and both
mark matched words with private markers that `marked()` turns into <mark> after escaping the text.

Visibility is never the index's business: candidates are intersected with what the viewer may see
(ideas_visible_to, campaigns_visible_to), hidden ideas and hidden or deleted comments never match."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Case, F, QuerySet, TextField, Value, When
from django.db.models.functions import Concat, Length, Replace
from django.db.models.lookups import GreaterThan
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from cocreate.campaigns.models import Campaign
from cocreate.campaigns.selectors import campaigns_visible_to
from cocreate.engagement.models import Comment
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.ideas.models import Idea
from cocreate.ideas.selectors import ideas_visible_to

from . import index

START, STOP = "\x02", "\x03"
KINDS = ("campaign", "idea", "comment")
PAGE_SIZE = 20
# Candidates taken per kind before visibility and ranking: far more than anyone pages through.
CANDIDATES = 1000
MAX_QUERY = 200
# By default merged ideas (they redirect) and withdrawn ones are left out; drafts and pending ideas only reach
# those who may see them anyway (their authors, staff).
DEFAULT_IDEA_STATES = frozenset(IdeaStatus.values) - {IdeaStatus.MERGED, IdeaStatus.WITHDRAWN}
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class SearchFilters:
    campaign_id: int | None = None
    status: str = ""
    tag: str = ""  # a tag slug
    theme_id: int | None = None
    kinds: tuple[str, ...] = KINDS
    date_from: date | None = None
    date_to: date | None = None


@dataclass
class SearchHit:
    kind: str
    pk: int
    rank: float
    url: str
    title: SafeString
    snippet: SafeString
    created_at: datetime | None
    campaign: Campaign | None = None
    idea: Idea | None = None
    status_label: str = ""


@dataclass
class SearchResults:
    query: str
    count: int
    page: int
    page_size: int
    hits: list[SearchHit] = field(default_factory=list)
    backend: str = ""

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.count / self.page_size))

    @property
    def start_index(self) -> int:
        return (self.page - 1) * self.page_size + 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def words(query: str) -> list[str]:
    return _WORD.findall((query or "")[:MAX_QUERY])[:16]


def marked(text: str | None) -> SafeString:
    """Escape `text`, then turn the backend's match markers into <mark> elements (nothing else becomes HTML)."""
    return mark_safe(escape(text or "").replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


# ---- what the viewer may find --------------------------------------------------------------------------


def _ideas(viewer: Any, filters: SearchFilters) -> QuerySet[Idea]:
    qs = ideas_visible_to(viewer).filter(hidden_at__isnull=True)
    if filters.campaign_id:
        qs = qs.filter(campaign_id=filters.campaign_id)
    qs = qs.filter(status=filters.status) if filters.status else qs.filter(status__in=DEFAULT_IDEA_STATES)
    if filters.tag:
        qs = qs.filter(tags__slug=filters.tag)
    if filters.theme_id:
        from cocreate.similarity.selectors import theme_idea_ids

        qs = qs.filter(pk__in=theme_idea_ids(filters.theme_id))
    return qs


def _dated(qs: QuerySet, filters: SearchFilters) -> QuerySet:
    if filters.date_from:
        qs = qs.filter(created_at__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(created_at__date__lte=filters.date_to)
    return qs


def visible_querysets(viewer: Any, filters: SearchFilters) -> dict[str, QuerySet]:
    ideas = _ideas(viewer, filters)
    out: dict[str, QuerySet] = {}
    if "idea" in filters.kinds:
        out["idea"] = _dated(ideas, filters)
    if "comment" in filters.kinds:
        out["comment"] = _dated(
            Comment.objects.filter(deleted_at__isnull=True, hidden_at__isnull=True, idea__in=ideas.values("pk")),
            filters,
        )
    # Campaigns have no status, tag or theme of an idea: those filters mean "ideas and comments".
    if "campaign" in filters.kinds and not (filters.status or filters.tag or filters.theme_id):
        campaigns = campaigns_visible_to(viewer)
        if filters.campaign_id:
            campaigns = campaigns.filter(pk=filters.campaign_id)
        out["campaign"] = _dated(Campaign.objects.filter(pk__in=campaigns.values("pk")), filters)
    return out


# ---- backends ------------------------------------------------------------------------------------------


class FTS5Backend:
    """SQLite: the FTS5 table, bm25 with the title weighing ten times the body."""

    name = "sqlite-fts5"

    @staticmethod
    def match_expression(terms: list[str]) -> str:
        # Every word quoted: nothing the visitor types is FTS5 syntax.
        return " ".join('"' + t.replace('"', '""') + '"' for t in terms)

    def rank(self, kind: str, qs: QuerySet, terms: list[str]) -> list[tuple[int, float]]:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT object_id, bm25({index.TABLE}, 0.0, 0.0, 10.0, 1.0) AS score FROM {index.TABLE} "  # noqa: S608
                f"WHERE {index.TABLE} MATCH %s AND kind = %s ORDER BY score LIMIT %s",
                [self.match_expression(terms), kind, CANDIDATES],
            )
            scored = {int(pk): -float(score) for pk, score in cursor.fetchall()}
        if not scored:
            return []
        allowed = set(qs.filter(pk__in=list(scored)).values_list("pk", flat=True))
        return [(pk, score) for pk, score in scored.items() if pk in allowed]

    def highlight(self, kind: str, ids: list[int], terms: list[str]) -> dict[int, tuple[str, str]]:
        if not ids:
            return {}
        placeholders = ", ".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT object_id, highlight({index.TABLE}, 2, %s, %s), "  # noqa: S608
                f"snippet({index.TABLE}, 3, %s, %s, '…', 24) FROM {index.TABLE} "
                f"WHERE {index.TABLE} MATCH %s AND rowid IN ({placeholders})",
                [START, STOP, START, STOP, self.match_expression(terms), *[index.rowid(kind, i) for i in ids]],
            )
            return {int(pk): (title or "", body or "") for pk, title, body in cursor.fetchall()}


class PostgresBackend:
    """PostgreSQL: live tsvectors weighted A (titles) and B (text), websearch syntax, ts_rank and ts_headline."""

    name = "postgresql"

    def __init__(self) -> None:
        self.config = getattr(settings, "SEARCH_CONFIG", "english")

    def _query(self, text: str) -> Any:
        from django.contrib.postgres.search import SearchQuery

        return SearchQuery(text, search_type="websearch", config=self.config)

    def _vector(self, kind: str) -> Any:
        from django.contrib.postgres.search import SearchVector

        if kind == "idea":
            return SearchVector("title", weight="A", config=self.config) + SearchVector(
                "body", weight="B", config=self.config
            )
        if kind == "campaign":
            return SearchVector("title", weight="A", config=self.config) + SearchVector(
                "goal", "brief", weight="B", config=self.config
            )
        return SearchVector("body", weight="B", config=self.config)

    def rank(self, kind: str, qs: QuerySet, terms: list[str]) -> list[tuple[int, float]]:
        from django.contrib.postgres.search import SearchRank

        query, vector = self._query(" ".join(terms)), self._vector(kind)
        rows = (
            qs.annotate(document=vector)
            .filter(document=query)
            .annotate(score=SearchRank(vector, query))
            .order_by("-score", "-pk")
            .values_list("pk", "score")[:CANDIDATES]
        )
        return [(int(pk), float(score)) for pk, score in rows]

    def highlight(self, kind: str, ids: list[int], terms: list[str]) -> dict[int, tuple[str, str]]:
        """ts_headline over the text with < and > stood in for: its parser takes anything tag-like (`<b>`, an
        autolink `<https://…>`) for markup and drops it, while FTS5 keeps the text as written. Without them
        there is no tag to drop, and the excerpt shows what was typed, as on SQLite; `marked()` escapes it."""
        from django.contrib.postgres.search import SearchHeadline

        if not ids:
            return {}
        query = self._query(" ".join(terms))
        qs: QuerySet[Any]
        if kind == "idea":
            qs = Idea.objects.filter(pk__in=ids)
        elif kind == "campaign":
            qs = Campaign.objects.filter(pk__in=ids)
        else:
            qs = Comment.objects.filter(pk__in=ids)
        body: Any = Concat("goal", Value("\n"), "brief", output_field=TextField()) if kind == "campaign" else F("body")
        text = _sql_escaped(body)
        qs = qs.annotate(
            plain_body=body,
            # A short text whole, as FTS5's 24-token snippet shows it (the fragment mode trims stop words at the
            # edges); a long one in up to two fragments around the matches.
            marked_body=Case(
                When(
                    GreaterThan(Length(body), SHORT_TEXT),
                    then=SearchHeadline(
                        text,
                        query,
                        config=self.config,
                        start_sel=START,
                        stop_sel=STOP,
                        max_words=30,
                        min_words=12,
                        max_fragments=2,
                        fragment_delimiter=" … ",
                    ),
                ),
                default=SearchHeadline(
                    text, query, config=self.config, start_sel=START, stop_sel=STOP, highlight_all=True
                ),
                output_field=TextField(),
            ),
        )
        if kind == "comment":
            return {pk: ("", _excerpt(b, p)) for pk, b, p in qs.values_list("pk", "marked_body", "plain_body")}
        qs = qs.annotate(
            marked_title=SearchHeadline(
                _sql_escaped(F("title")), query, config=self.config, start_sel=START, stop_sel=STOP, highlight_all=True
            )
        )
        return {
            pk: (_unescaped(t), _excerpt(b, p))
            for pk, t, b, p in qs.values_list("pk", "marked_title", "marked_body", "plain_body")
        }


# Texts up to this many characters are shown whole (their matches marked) rather than as fragments.
SHORT_TEXT = 200
# Stand-ins for < and > while ts_headline reads the text (private-use characters: its parser sees them as
# spaces, so nothing looks like a tag and words are counted as written); swapped back afterwards.
_LT, _GT = "\ue000", "\ue001"


def _sql_escaped(expression: Any) -> Replace:
    """`expression` with < and > replaced by their stand-ins, in SQL."""
    for char, stand_in in (("<", _LT), (">", _GT)):
        expression = Replace(expression, Value(char), Value(stand_in), output_field=TextField())
    return expression


def _unescaped(text: str | None) -> str:
    return (text or "").replace(_LT, "<").replace(_GT, ">")


def _excerpt(marked: str | None, plain: str | None) -> str:
    """The headline with < and > back, and "…" where it cuts the text, as FTS5's snippet marks it."""
    excerpt = _unescaped(marked).strip()
    text = (plain or "").strip()
    bare = excerpt.replace(START, "").replace(STOP, "")
    if not bare or bare == text:
        return excerpt
    fragments = bare.split(" … ")
    lead = "" if text.startswith(fragments[0][:40]) else "…"
    tail = "" if text.endswith(fragments[-1][-40:]) else "…"
    return f"{lead}{excerpt}{tail}"


def backend() -> FTS5Backend | PostgresBackend:
    return PostgresBackend() if connection.vendor == "postgresql" else FTS5Backend()


# ---- the one interface ---------------------------------------------------------------------------------

_KIND_ORDER = {"idea": 0, "campaign": 1, "comment": 2}


def search(
    query: str, *, viewer: Any, filters: SearchFilters | None = None, page: int = 1, page_size: int = PAGE_SIZE
) -> SearchResults:
    """The page `page` of what `viewer` may find for `query`, best first, with matched words highlighted."""
    filters = filters or SearchFilters()
    engine = backend()
    terms = words(query)
    results = SearchResults(query=query, count=0, page=max(1, page), page_size=page_size, backend=engine.name)
    if not terms:
        return results
    scored: list[tuple[float, str, int]] = []
    for kind, qs in visible_querysets(viewer, filters).items():
        scored += [(score, kind, pk) for pk, score in engine.rank(kind, qs, terms)]
    scored.sort(key=lambda row: (-row[0], _KIND_ORDER[row[1]], -row[2]))
    results.count = len(scored)
    results.page = min(results.page, results.num_pages)
    start = (results.page - 1) * page_size
    window = scored[start : start + page_size]
    results.hits = _hits(engine, window, terms)
    return results


def _hits(engine: Any, window: list[tuple[float, str, int]], terms: list[str]) -> list[SearchHit]:
    """Load the page's objects (one query per kind) and their highlights."""
    ids: dict[str, list[int]] = {k: [pk for _s, kind, pk in window if kind == k] for k in KINDS}
    objects: dict[str, dict[int, Any]] = {
        "idea": Idea.objects.select_related("campaign").in_bulk(ids["idea"]) if ids["idea"] else {},
        "campaign": Campaign.objects.in_bulk(ids["campaign"]) if ids["campaign"] else {},
        "comment": (
            Comment.objects.select_related("idea", "idea__campaign", "author").in_bulk(ids["comment"])
            if ids["comment"]
            else {}
        ),
    }
    marks = {k: engine.highlight(k, ids[k], terms) for k in KINDS}
    hits = []
    for score, kind, pk in window:
        obj = objects[kind].get(pk)
        if obj is None:
            continue
        title_marks, body_marks = marks[kind].get(pk, ("", ""))
        if kind == "idea":
            hit = SearchHit(
                kind=kind,
                pk=pk,
                rank=score,
                url=obj.get_absolute_url(),
                title=marked(title_marks or obj.title),
                snippet=marked(body_marks or obj.body[:200]),
                created_at=obj.published_at or obj.created_at,
                campaign=obj.campaign,
                idea=obj,
                status_label=str(obj.get_status_display()),
            )
        elif kind == "campaign":
            hit = SearchHit(
                kind=kind,
                pk=pk,
                rank=score,
                url=obj.get_absolute_url(),
                title=marked(title_marks or obj.title),
                snippet=marked(body_marks or obj.goal),
                created_at=obj.created_at,
                campaign=obj,
            )
        else:
            hit = SearchHit(
                kind=kind,
                pk=pk,
                rank=score,
                url=reverse("ideas:detail", kwargs={"pk": obj.idea_id}) + f"#comment-{obj.pk}",
                title=marked(obj.idea.title),
                snippet=marked(body_marks or obj.body[:200]),
                created_at=obj.created_at,
                campaign=obj.idea.campaign,
                idea=obj.idea,
            )
        hits.append(hit)
    return hits
