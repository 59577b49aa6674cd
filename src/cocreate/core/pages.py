"""Pages that several contexts compose. The app that owns a page renders it and asks the contexts above it for
their parts (the idea page's discussion and supports come from engagement), so a lower layer never imports a
higher one. A part is a function `(request, **objects) -> dict` merged into the page's context."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

PagePart = Callable[..., dict[str, Any]]

_parts: dict[str, list[PagePart]] = defaultdict(list)


def page_part(page: str) -> Callable[[PagePart], PagePart]:
    """Register the decorated function as a part of `page` (call it from the contributing app's `ready()`)."""

    def register(part: PagePart) -> PagePart:
        if part not in _parts[page]:
            _parts[page].append(part)
        return part

    return register


def page_parts(page: str, request: HttpRequest, **objects: Any) -> dict[str, Any]:
    """The context every registered part of `page` adds, in registration order."""
    context: dict[str, Any] = {}
    for part in _parts[page]:
        context.update(part(request, **objects))
    return context
