"""Background work of the roadmap (ids in, idempotent)."""

from django_tasks import task

from .services import roadmap_item_for_accepted_idea


@task()
def add_accepted_idea(idea_id: int) -> int | None:
    """Put an accepted idea on the roadmap if it is not there yet (safe to retry); returns the item id."""
    item = roadmap_item_for_accepted_idea(idea_id=idea_id)
    return item.pk if item else None
