"""Reads of the opinion map, shared by pages and the API, scoped to the viewer."""

from __future__ import annotations

import random
from typing import Any

from django.db.models import Count, Q
from django.utils.html import escape
from django.utils.translation import gettext as _

from cocreate.accounts.types import Actor
from cocreate.campaigns.models import Campaign
from cocreate.core.permissions import has_perm

from .math import group_letter, statement_priority
from .methods import OPINION_MAP
from .models import Moderation, Participant, Report, Statement


def MAP_TITLE() -> str:
    return _("Opinion map: each mark is a participant; letters name the groups")


SHAPES = ["circle", "square", "triangle", "diamond", "cross", "star"]
COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]


def opinion_campaign(viewer: Actor, slug: str) -> Campaign | None:
    """The opinion-map campaign `viewer` may see, with its settings, or None."""
    campaign = Campaign.objects.select_related("opinionmap_settings").filter(slug=slug, method=OPINION_MAP.key).first()
    if campaign is None or not has_perm(viewer, "opinionmap.view", campaign):
        return None
    return campaign


def shown_statements(campaign: Campaign):
    return Statement.objects.filter(campaign=campaign, moderation=Moderation.SHOWN)


def statement_visible(viewer: Actor, campaign: Campaign, pk: int) -> Statement | None:
    qs = Statement.objects.filter(campaign=campaign, pk=pk)
    if not has_perm(viewer, "opinionmap.moderate", campaign):
        qs = qs.filter(moderation=Moderation.SHOWN)
    return qs.first()


def statements_for(viewer: Actor, campaign: Campaign):
    """Shown statements with their vote counts; staff also see the waiting and hidden ones."""
    qs = Statement.objects.filter(campaign=campaign)
    if not has_perm(viewer, "opinionmap.moderate", campaign):
        qs = qs.filter(moderation=Moderation.SHOWN)
    return qs.annotate(
        n_agree=Count("votes", filter=Q(votes__value=1)),
        n_disagree=Count("votes", filter=Q(votes__value=-1)),
        n_pass=Count("votes", filter=Q(votes__value=0)),
    ).order_by("created_at", "pk")


def next_statement(campaign: Campaign, participant: Participant | None) -> Statement | None:
    """The next shown statement the participant has not answered, drawn as Pol.is draws it: at random, each
    statement weighted by its priority in the latest report (math.statement_priority: statements people take a
    side on and that load on the map's axes first, statements about the participant early, and a new statement
    weighs up to 81x more until a few people have seen it); a statement the report does not know yet (too new)
    weighs as one nobody has seen. The draw is seeded by the participant and how many statements they have
    answered, so reloading the page shows the same statement."""
    qs = shown_statements(campaign)
    answered = 0
    if participant is not None:
        answered = participant.votes.count()
        qs = qs.exclude(votes__participant=participant)
    candidates = list(qs.order_by("created_at", "pk").values_list("pk", "is_meta"))
    if not candidates:
        return None
    # only the report's statements (the database extracts them), not its points: a large map's JSON is megabytes
    report = Report.objects.filter(campaign=campaign, computed_at__isnull=False)
    rows = report.values_list("data__statements", flat=True).first() or []
    known = {s["statement"]: s.get("priority") for s in rows if isinstance(s, dict)}
    new_weight = statement_priority()
    weights = []
    for pk, is_meta in candidates:
        weight = statement_priority(meta=True) if is_meta else known.get(pk)
        weights.append(float(weight) if weight is not None and weight > 0 else new_weight)
    rng = random.Random(f"{campaign.pk}:{participant.pk if participant else 0}:{answered}")
    pk = rng.choices([pk for pk, _meta in candidates], weights=weights)[0]
    return Statement.objects.get(pk=pk)


def progress(campaign: Campaign, participant: Participant | None) -> dict[str, int]:
    total = shown_statements(campaign).count()
    done = 0
    if participant is not None:
        done = participant.votes.filter(statement__moderation=Moderation.SHOWN).count()
    return {"done": done, "total": total}


def latest_report(campaign: Campaign) -> Report | None:
    return Report.objects.filter(campaign=campaign, computed_at__isnull=False).first()


def report_view(campaign: Campaign, report: Report | None, participant: Participant | None) -> dict[str, Any]:
    """The stored report with statement texts resolved and what the map needs: one query for the texts."""
    if report is None:
        return {"report": None}
    data = report.data or {}
    ids = {s["statement"] for s in data.get("statements", [])}
    texts = dict(Statement.objects.filter(pk__in=ids).values_list("pk", "text"))
    groups = []
    for g in data.get("groups", []):
        i = g["group"]
        groups.append(
            {
                **g,
                "colour": COLOURS[i % len(COLOURS)],
                "shape": SHAPES[i % len(SHAPES)],
                "representative": [{**r, "text": texts.get(r["statement"], "")} for r in g["representative"]],
            }
        )

    def with_text(items):
        out = []
        for item in items:
            shares = [
                {**gs, "label": group_letter(gs["group"]), "percent": round(100 * (gs["agree_share"] or 0))}
                for gs in item.get("groups", [])
            ]
            out.append({**item, "text": texts.get(item["statement"], ""), "group_shares": shares})
        return out

    return {
        "report": report,
        "data": data,
        "groups": groups,
        "consensus": with_text(data.get("consensus", [])),
        "divisive": with_text(data.get("divisive", [])),
        "meta": with_text([s for s in data.get("statements", []) if s.get("meta")]),
        "svg": map_svg(data, participant.pk if participant else None),
        "own_point": next(
            (p for p in data.get("points", []) if participant and p["participant"] == participant.pk), None
        ),
    }


def _marker(shape: str, x: float, y: float, r: float, colour: str) -> str:
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colour}"/>'
    if shape == "square":
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" fill="{colour}"/>'
    if shape == "triangle":
        pts = f"{x:.1f},{y - r * 1.2:.1f} {x - r * 1.1:.1f},{y + r:.1f} {x + r * 1.1:.1f},{y + r:.1f}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    if shape == "diamond":
        pts = f"{x:.1f},{y - r * 1.3:.1f} {x + r * 1.3:.1f},{y:.1f} {x:.1f},{y + r * 1.3:.1f} {x - r * 1.3:.1f},{y:.1f}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    return (
        f'<path d="M{x - r:.1f} {y - r:.1f}L{x + r:.1f} {y + r:.1f}M{x + r:.1f} {y - r:.1f}L{x - r:.1f} {y + r:.1f}" '
        f'stroke="{colour}" stroke-width="2"/>'
    )


def map_svg(data: dict, own_participant: int | None, width: int = 560, height: int = 400) -> str:
    """The opinion map as inline SVG: participants as points with their group's colour AND shape, a letter at
    each group's centre, the viewer's own position ringed. Only numbers go in, so no escaping is needed."""
    points = data.get("points", [])
    if not points:
        return ""
    xs = [p["x"] for p in points]
    ys = [p["y"] for p in points]
    pad = 24
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0

    def sx(v):
        return pad + (v - min(xs)) / span_x * (width - 2 * pad)

    def sy(v):
        return height - pad - (v - min(ys)) / span_y * (height - 2 * pad)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="opinion-map-svg" '
        f'role="img" aria-labelledby="opinion-map-title">',
        f'<title id="opinion-map-title">{escape(MAP_TITLE())}</title>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#fafafa" stroke="#ccc"/>',
    ]
    own = None
    for p in points:
        g = p["group"]
        parts.append(_marker(SHAPES[g % len(SHAPES)], sx(p["x"]), sy(p["y"]), 4, COLOURS[g % len(COLOURS)]))
        if own_participant is not None and p["participant"] == own_participant:
            own = p
    groups = sorted({p["group"] for p in points})
    for g in groups:
        members = [p for p in points if p["group"] == g]
        cx = sum(sx(p["x"]) for p in members) / len(members)
        cy = sum(sy(p["y"]) for p in members) / len(members)
        parts.append(
            f'<text x="{cx:.1f}" y="{cy:.1f}" font-size="22" font-weight="bold" text-anchor="middle" '
            f'fill="#111" stroke="#fff" stroke-width="4" paint-order="stroke">{group_letter(g)}</text>'
        )
    if own is not None:
        x, y = sx(own["x"]), sy(own["y"])
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="10" fill="none" stroke="#000" stroke-width="2.5"/>')
        parts.append(
            f'<text x="{x + 13:.1f}" y="{y - 8:.1f}" font-size="13" fill="#000" stroke="#fff" stroke-width="3" '
            f'paint-order="stroke" class="own-label">{escape(_("You"))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def moderation_queue(campaign: Campaign):
    return Statement.objects.filter(campaign=campaign).order_by("moderation", "-created_at")
