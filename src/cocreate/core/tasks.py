"""Background work of the kernel: running reactions and retrying them (ids in, idempotent)."""

from django_tasks import task

from . import reactions


@task()
def run_reactions(event_id: str) -> dict[str, int]:
    """Run the pending reactions of one event; each claims its run first, so a duplicate task does nothing."""
    return reactions.run_event(event_id)


@task()
def retry_reactions() -> dict[str, int]:
    """Periodic: retry failed reactions that are due, rescue abandoned and lost ones, purge old finished ones."""
    return reactions.retry_due()
