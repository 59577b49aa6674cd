"""Reads of the kernel."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F

from .models import ReactionRun

FAILED_SHOWN = 200


def reactions_overview() -> dict[str, Any]:
    """The staff page's data: failed runs (those that gave up first, then by next attempt) and counts by status."""
    failed = ReactionRun.objects.filter(status=ReactionRun.Status.FAILED).order_by(
        F("next_attempt_at").asc(nulls_first=True), "-finished_at"
    )
    counts = dict(ReactionRun.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    return {
        "failed": list(failed[:FAILED_SHOWN]),
        "failed_total": counts.get(ReactionRun.Status.FAILED, 0),
        "counts": [(label, counts.get(value, 0)) for value, label in ReactionRun.Status.choices],
    }
