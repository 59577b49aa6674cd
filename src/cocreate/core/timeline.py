"""An idea's public timeline is assembled from several contexts; each contributes entries of this one shape."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str  # e.g. "submitted", "revised", "stage_reached", "review_stage", "reviewer_note", "decision", "roadmap"
    title: str
    detail: str = ""
    actor_name: str = ""
    url: str = ""


TimelineSource = Callable[[Any], Iterable[TimelineEntry]]
_sources: list[TimelineSource] = []


def add_timeline_source(source: TimelineSource) -> None:
    """A context above ideas adds its part of every idea's story (review stages, roadmap progress); call it from
    the app's `ready()`."""
    if source not in _sources:
        _sources.append(source)


def timeline_sources() -> list[TimelineSource]:
    return list(_sources)
