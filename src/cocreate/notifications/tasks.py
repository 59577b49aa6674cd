from typing import Any

from django_tasks import task

from .services import notifications_deliver, notifications_send_digests


@task()
def deliver(event: str, event_key: str, params: dict[str, Any]) -> dict[str, int]:
    """Fan one domain event out to everyone concerned: notifications in chunks, then the immediate emails.
    Takes ids only; safe to run twice (nothing is created or sent a second time)."""
    return notifications_deliver(event=event, event_key=event_key, params=params)


@task()
def send_digests() -> dict[str, int]:
    """Periodic: the daily and weekly digest emails that are due (idempotent)."""
    return notifications_send_digests()
