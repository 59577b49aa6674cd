"""Domain events: small frozen dataclasses, dispatched to handlers after the transaction commits.

A context never imports another context's internals to react to something; it subscribes a handler here.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from django.db import transaction

logger = logging.getLogger(__name__)

_handlers: dict[type, list[Callable[[Any], None]]] = defaultdict(list)


@dataclass(frozen=True)
class DomainEvent:
    """Base class; subclasses carry ids, never model instances, so handlers re-read fresh data."""

    # False for the high-frequency events (supports, votes) whose only public trace is a count: pages cached
    # for visitors may show it a few seconds late instead of being thrown away on every click.
    changes_public_pages: ClassVar[bool] = True


def subscribe(event_type: type) -> Callable[[Callable[[Any], None]], Callable[[Any], None]]:
    def decorator(handler: Callable[[Any], None]) -> Callable[[Any], None]:
        if handler not in _handlers[event_type]:
            _handlers[event_type].append(handler)
        return handler

    return decorator


def publish(event: DomainEvent) -> None:
    """Dispatch `event` once the surrounding transaction commits (immediately outside one)."""
    transaction.on_commit(lambda: _dispatch(event))


def _dispatch(event: DomainEvent) -> None:
    for event_type, handlers in list(_handlers.items()):
        if isinstance(event, event_type):
            for handler in handlers:
                try:
                    handler(event)
                except Exception:  # a failing subscriber must not undo the committed write
                    logger.exception("Handler %s failed for %r", handler, event)
