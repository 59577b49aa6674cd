"""Domain events: small frozen dataclasses, published by services inside their transaction.

Two kinds of subscriber:

- **Reactions** (`@reaction(EventType)`) — anything that writes: another context's rows, the search index,
  notifications, vectors. Publishing records one `ReactionRun` per reaction *in the publishing transaction*
  (an outbox: a rolled-back write leaves no run, a committed one cannot lose its reactions), and on commit
  one task runs them. Each run is retried with backoff by the periodic `retry_reactions` job until it
  succeeds or gives up; failures are listed for admins at /staff/reactions/. See `cocreate.core.reactions`.
- **Immediate handlers** (`@subscribe(EventType)`) — run in-process right after commit, for work that must be
  immediate and whose failure loses nothing (bumping the visitor-page cache generation). A failure is logged.

A context never imports another context's internals to react to something; it registers a reaction here.
"""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.db import transaction

logger = logging.getLogger(__name__)

_handlers: dict[type, list[Callable[[Any], None]]] = defaultdict(list)
_reactions: dict[type, list[Reaction]] = defaultdict(list)
reactions_by_name: dict[str, Reaction] = {}


def _new_event_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class DomainEvent:
    """Base class; subclasses carry ids, never model instances, so handlers re-read fresh data."""

    # False for the high-frequency events (supports, votes) whose only public trace is a count: pages cached
    # for visitors may show it a few seconds late instead of being thrown away on every click.
    changes_public_pages: ClassVar[bool] = True
    # One id per published event: reactions use it as their idempotency key, and a retry sees the same one.
    event_id: str = field(default_factory=_new_event_id, kw_only=True, compare=False, repr=False)


@dataclass(frozen=True)
class Reaction:
    """A durable subscriber: `function(event)` runs in a task, is retried on failure, and must be idempotent
    (with `atomic`, its writes commit together with the run's DONE mark, so a retry never writes twice)."""

    name: str
    function: Callable[[Any], None]
    event_type: type
    when: Callable[[Any], bool] | None = None
    atomic: bool = True


def subscribe(event_type: type) -> Callable[[Callable[[Any], None]], Callable[[Any], None]]:
    """Register an immediate, in-process handler (only for work whose failure loses nothing)."""

    def decorator(handler: Callable[[Any], None]) -> Callable[[Any], None]:
        if handler not in _handlers[event_type]:
            _handlers[event_type].append(handler)
        return handler

    return decorator


def reaction(
    event_type: type, *, when: Callable[[Any], bool] | None = None, atomic: bool = True
) -> Callable[[Callable[[Any], None]], Callable[[Any], None]]:
    """Register a durable reaction to `event_type` (and its subclasses).

    `when(event)` filters at publish time from the event's fields alone (no queries), so events a reaction
    ignores cost nothing. `atomic=False` is for reactions that commit in chunks and are idempotent by
    themselves (the notification fan-out)."""

    def decorator(function: Callable[[Any], None]) -> Callable[[Any], None]:
        name = f"{function.__module__}.{function.__qualname__}:{event_type.__name__}"
        registered = Reaction(name=name, function=function, event_type=event_type, when=when, atomic=atomic)
        if name not in reactions_by_name:
            _reactions[event_type].append(registered)
        else:
            _reactions[event_type] = [r for r in _reactions[event_type] if r.name != name] + [registered]
        reactions_by_name[name] = registered
        return function

    return decorator


def reactions_for(event: DomainEvent) -> list[Reaction]:
    return [
        r
        for event_type, registered in list(_reactions.items())
        if isinstance(event, event_type)
        for r in registered
        if r.when is None or r.when(event)
    ]


def publish(event: DomainEvent) -> None:
    """Record `event`'s reactions in the current transaction and run them once it commits; immediate handlers
    run after commit too (at once outside a transaction)."""
    due = reactions_for(event)
    if due:
        from .reactions import record

        record(event, due)
    transaction.on_commit(lambda: _committed(event, reacts=bool(due)))


def _committed(event: DomainEvent, *, reacts: bool) -> None:
    """One callback per event: hand its reactions to the queue, then run the immediate handlers."""
    if reacts:
        from .reactions import enqueue

        enqueue(event.event_id)
    _dispatch(event)


def _dispatch(event: DomainEvent) -> None:
    for event_type, handlers in list(_handlers.items()):
        if isinstance(event, event_type):
            for handler in handlers:
                try:
                    handler(event)
                except Exception:  # only immediate, lossless work runs here: a failure must not undo the write
                    logger.exception("Handler %s failed for %r", handler, event)
