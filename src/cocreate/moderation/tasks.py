from django_tasks import task

from .services import moderation_sweep as _sweep


@task()
def moderation_sweep() -> dict[str, int]:
    """Recompute trust levels, detect support rings, drop old rate-limit counters (idempotent)."""
    return _sweep()
