"""Reactions that cannot be lost: the outbox, the runner and the retry job behind `core.events.reaction`.

Life of a run (one `ReactionRun` per reaction per event):

1. `publish()` inside a service's transaction calls `record()`: the runs are inserted in that transaction, so
   a rolled-back write leaves none, and a committed write cannot lose them. On commit one task
   (`run_reactions(event_id)`) is enqueued; if the queue is down, the run stays PENDING and the periodic job
   enqueues it later.
2. `run_event()` claims the event's PENDING runs with one conditional UPDATE (PENDING → RUNNING, attempts + 1,
   its start time as the ownership token), so two workers never run the same reaction at once. An atomic
   reaction's writes and its DONE mark commit in one transaction: a retry after a failure or a crash never
   writes twice. A failure rolls the writes back and marks the run FAILED with the traceback and the time of
   the next attempt (backoff), or none after MAX_ATTEMPTS (it gave up: an admin retries it from
   /staff/reactions/ once the cause is fixed).
3. `retry_due()` (periodic, every minute) puts failed runs that are due, and runs whose worker died
   (RUNNING past the lease), back to PENDING and enqueues them, re-enqueues PENDING runs whose task was lost,
   and deletes DONE runs after KEEP_DONE.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import asdict
from datetime import timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string

from .events import DomainEvent, Reaction, reactions_by_name
from .models import ReactionRun

logger = logging.getLogger(__name__)

Status = ReactionRun.Status

# Seconds to wait before attempt 2, 3, ...; after the last one the run gives up.
RETRY_DELAYS = (60, 5 * 60, 30 * 60, 2 * 3600, 8 * 3600)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# A run RUNNING longer than this lost its worker (killed, restarted): it runs again.
LEASE = timedelta(minutes=15)
# A PENDING run whose task has not started after this is enqueued again (the queue lost it or was down).
REQUEUE_AFTER = timedelta(minutes=5)
KEEP_DONE = timedelta(days=7)
ERROR_CHARS = 4000


class Superseded(Exception):
    """The run was taken over (its lease expired and another worker claimed it): undo this attempt's writes."""


def _event_type_path(event: DomainEvent) -> str:
    return f"{type(event).__module__}.{type(event).__qualname__}"


def _payload(event: DomainEvent) -> dict[str, Any]:
    data = asdict(event)
    data.pop("event_id", None)
    return data


def record(event: DomainEvent, reactions: Iterable[Reaction]) -> None:
    """Write the runs in the current transaction (the outbox); `publish` enqueues them once it commits."""
    now = timezone.now()
    event_type, payload = _event_type_path(event), _payload(event)
    ReactionRun.objects.bulk_create(
        [
            ReactionRun(
                event_id=event.event_id,
                event_type=event_type,
                payload=payload,
                handler=r.name,
                enqueued_at=now,
            )
            for r in reactions
        ],
        ignore_conflicts=True,
    )


def enqueue(event_id: str) -> bool:
    """Hand the event's runs to the task queue. A queue outage loses nothing: the runs stay PENDING with no
    enqueue time, and the periodic job tries again."""
    from .tasks import run_reactions

    try:
        run_reactions.enqueue(event_id)
    except Exception:
        logger.exception("Could not enqueue the reactions of event %s; the retry job will", event_id)
        ReactionRun.objects.filter(event_id=event_id, status=Status.PENDING).update(enqueued_at=None)
        return False
    return True


def rebuild_event(run: ReactionRun) -> DomainEvent:
    event_class = import_string(run.event_type)
    return event_class(**run.payload, event_id=run.event_id)


def run_event(event_id: str) -> dict[str, int]:
    """Claim every PENDING run of one event in one UPDATE and execute each on its own. Returns counts by outcome
    ("skipped" counts nothing: runs another worker claimed are not selected)."""
    counts = {"done": 0, "failed": 0, "skipped": 0}
    started = timezone.now()
    pending = ReactionRun.objects.filter(event_id=event_id, status=Status.PENDING)
    if pending.update(status=Status.RUNNING, started_at=started, attempts=F("attempts") + 1):
        mine = ReactionRun.objects.filter(event_id=event_id, status=Status.RUNNING, started_at=started)
        for run in mine.order_by("pk"):
            counts[_execute(run, started)] += 1
    return counts


def run_one(run_id: int) -> str:
    """Claim one PENDING run and execute it: "done", "failed", or "skipped" when another worker holds it."""
    started = timezone.now()
    claim = ReactionRun.objects.filter(pk=run_id, status=Status.PENDING)
    if not claim.update(status=Status.RUNNING, started_at=started, attempts=F("attempts") + 1):
        return "skipped"
    return _execute(ReactionRun.objects.get(pk=run_id), started)


def _execute(run: ReactionRun, started: Any) -> str:
    """Run a claimed run (RUNNING since `started`, which is its ownership token) and record the outcome."""
    mine = ReactionRun.objects.filter(pk=run.pk, status=Status.RUNNING, started_at=started)
    try:
        registered = reactions_by_name.get(run.handler)
        if registered is None:
            raise LookupError(f"No reaction is registered under {run.handler!r}.")
        event = rebuild_event(run)
        # Atomic reactions commit their writes with the DONE mark. Inside an outer transaction (tests, the
        # immediate backend) every reaction gets a savepoint, so a failure leaves the outer one usable.
        scope = transaction.atomic() if registered.atomic or connection.in_atomic_block else nullcontext()
        with scope:
            registered.function(event)
            if not mine.update(status=Status.DONE, finished_at=timezone.now(), last_error="", next_attempt_at=None):
                raise Superseded(run.handler)
    except Superseded:
        logger.warning("Reaction run %s was taken over by another worker; this attempt was undone", run.pk)
        return "skipped"
    except Exception as error:
        logger.exception("Reaction %s failed for event %s (attempt %s)", run.handler, run.event_id, run.attempts)
        mine.update(
            status=Status.FAILED,
            finished_at=timezone.now(),
            last_error=_describe(error),
            next_attempt_at=next_attempt_at(run.attempts),
        )
        return "failed"
    return "done"


def _describe(error: BaseException) -> str:
    text = "".join(traceback.format_exception(error))
    return text if len(text) <= ERROR_CHARS else "…" + text[-ERROR_CHARS:]


def next_attempt_at(attempts: int) -> Any:
    """When a run that failed its `attempts`-th attempt tries again, or None when it gives up."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return timezone.now() + timedelta(seconds=RETRY_DELAYS[max(attempts, 1) - 1])


def retry_due() -> dict[str, int]:
    """The periodic job: rescue abandoned runs, retry failed ones that are due, re-enqueue lost ones, purge."""
    now = timezone.now()
    abandoned = ReactionRun.objects.filter(status=Status.RUNNING, started_at__lt=now - LEASE).update(
        status=Status.PENDING, enqueued_at=None, last_error="Abandoned: its worker stopped before finishing."
    )
    due = ReactionRun.objects.filter(status=Status.FAILED, next_attempt_at__lte=now).update(
        status=Status.PENDING, enqueued_at=None
    )
    lost = ReactionRun.objects.filter(status=Status.PENDING).filter(
        Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=now - REQUEUE_AFTER)
    )
    event_ids = list(lost.order_by().values_list("event_id", flat=True).distinct())
    lost.update(enqueued_at=now)
    enqueued = sum(enqueue(event_id) for event_id in event_ids)
    purged, _ = ReactionRun.objects.filter(status=Status.DONE, finished_at__lt=now - KEEP_DONE).delete()
    return {"abandoned": abandoned, "retried": due, "enqueued": enqueued, "purged": purged}


def retry_now(*, run: ReactionRun) -> ReactionRun:
    """Staff asked to retry a failed run: it runs again at once (through the queue), with a fresh backoff."""
    ReactionRun.objects.filter(pk=run.pk, status=Status.FAILED).update(
        status=Status.PENDING, attempts=0, next_attempt_at=None, enqueued_at=timezone.now()
    )
    transaction.on_commit(lambda: enqueue(run.event_id))
    run.refresh_from_db()
    return run
