"""An idea's public timeline is assembled from several contexts; each contributes entries of this one shape."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str  # e.g. "submitted", "revised", "stage_reached", "review_stage", "reviewer_note", "decision", "roadmap"
    title: str
    detail: str = ""
    actor_name: str = ""
    url: str = ""
