"""Template helpers of the review pages, and the response-promise stat block shown on campaign pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

ACTION_LABELS = {
    "entered_review": _("Entered review"),
    "reviewer_assigned": _("Reviewer assigned"),
    "reviewer_unassigned": _("Reviewer removed"),
    "stage_moved": _("Moved to another stage"),
    "scorecard_submitted": _("Scorecard submitted"),
    "decided": _("Decided"),
    "resubmitted": _("Sent back to review by the author"),
    "stages_changed": _("Stages changed"),
    "bulk_assign": _("Bulk: reviewer assigned"),
    "bulk_round_robin": _("Bulk: reviewers assigned in turn"),
    "bulk_move_stage": _("Bulk: moved to a stage"),
}
DETAIL_LABELS = {
    "reason": _("reason"),
    "stage": _("stage"),
    "reviewer": _("reviewer"),
    "from": _("from"),
    "to": _("to"),
    "weighted_total": _("weighted total"),
    "public_note": _("public note"),
    "outcome": _("decision"),
    "explanation": _("explanation"),
    "changed": _("ideas changed"),
    "before": _("before"),
    "after": _("after"),
    "note": _("note"),
}


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def action_label(action: str) -> str:
    action = action.removeprefix("review.")  # the activity log's verbs carry their area
    return str(ACTION_LABELS.get(action, action.replace("_", " ")))


@register.filter
def action_details(details: dict[str, Any]) -> str:
    parts = []
    for key, label in DETAIL_LABELS.items():
        value = (details or {}).get(key)
        if value in (None, "", []):
            continue
        if isinstance(value, list):
            value = " → ".join(str(v) for v in value)
        text = str(value)
        parts.append(f"{label}: {text[:140]}{'…' if len(text) > 140 else ''}")
    return " · ".join(parts)


STAT_SECONDS = 60


@register.inclusion_tag("review/includes/promise_stat.html")
def response_promise_stat(campaign: Any) -> dict[str, Any]:
    """The share of ideas answered within the campaign's response promise."""
    from django.core.cache import cache

    from cocreate.review.selectors import promise_stats

    # Counting means reading every idea of the campaign; a share a minute old is as true on a busy page.
    key = f"promise-stats:{campaign.pk}:{campaign.response_promise_days}"
    stats = cache.get(key)
    if stats is None:
        stats = promise_stats(campaign)
        cache.set(key, stats, STAT_SECONDS)
    return {"stats": stats, "campaign": campaign}
