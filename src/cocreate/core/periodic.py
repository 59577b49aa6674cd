"""The periodic jobs registry: a small dict, not a plugin framework. `manage.py run_periodic` enqueues each
job on its interval; a job is a django-tasks Task, so the worker runs it and a retry is harmless."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PeriodicJob:
    task_path: str
    every_seconds: int


PERIODIC_JOBS: dict[str, PeriodicJob] = {
    "retry_reactions": PeriodicJob("cocreate.core.tasks.retry_reactions", 60),
    "advance_idea_lifecycle": PeriodicJob("cocreate.ideas.tasks.advance_lifecycle", 300),
    "refresh_similarity_themes": PeriodicJob("cocreate.similarity.tasks.refresh_all_themes", 6 * 3600),
    "moderation_sweep": PeriodicJob("cocreate.moderation.tasks.moderation_sweep", 900),
    "send_notification_digests": PeriodicJob("cocreate.notifications.tasks.send_digests", 3600),
}
