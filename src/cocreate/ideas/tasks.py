from django_tasks import task

from .services import ideas_advance_lifecycle


@task()
def advance_lifecycle() -> dict[str, int]:
    """Expire ideas that missed their window, move on those that reached their threshold (idempotent)."""
    return ideas_advance_lifecycle()
