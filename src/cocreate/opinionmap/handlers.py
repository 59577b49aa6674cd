"""Event handlers of this context (subscribed on app ready)."""

from cocreate.core.events import subscribe

from .events import OpinionVoteCast


@subscribe(OpinionVoteCast)
def schedule_recompute(event: OpinionVoteCast) -> None:
    """A vote queues a recompute of the report, only when none is pending (debounce)."""
    from .services import report_schedule

    report_schedule(campaign_id=event.campaign_id)
