"""Event handlers of this context (subscribed on app ready).

The recompute scheduling stays an immediate handler, not a reaction: it is this context reacting to its own
event, on the hottest write path (every vote), and it only flags the report pending and enqueues a debounced
task, which is itself idempotent; recording a reaction run per vote would double the vote's writes."""

from cocreate.core.events import subscribe

from .events import OpinionVoteCast


@subscribe(OpinionVoteCast)
def schedule_recompute(event: OpinionVoteCast) -> None:
    """A vote queues a recompute of the report, only when none is pending (debounce)."""
    from .services import report_schedule

    report_schedule(campaign_id=event.campaign_id)
