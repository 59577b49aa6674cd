"""One pagination envelope for every list: count, page, page_size, next, previous, results.

Pages are numbered from 1. A page past the last one is refused with 404 (code `invalid_page`) rather than clamped,
so a client walking `next` links can never loop; page 1 of an empty list is an empty page, not an error."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Schema
from pydantic import Field

from cocreate.core.errors import NotFound

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Far beyond any real list, small enough that page * page_size never overflows a database integer.
MAX_PAGE = 1_000_000


class PageParams(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Items per page (max 100).")


PageQuery = Annotated[PageParams, Query()]


def paginate(
    request: HttpRequest, items: QuerySet | Sequence, params: PageParams, *, extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    """One page of `items` in the envelope. `extra` query parameters are kept in the next/previous links (the
    random order's seed, so every page of a shuffled list comes from the same shuffle)."""
    count = items.count() if isinstance(items, QuerySet) else len(items)
    pages = max(1, math.ceil(count / params.page_size))
    if params.page > pages:
        raise NotFound(
            _("Page %(page)d does not exist; the last page is %(pages)d.") % {"page": params.page, "pages": pages},
            code="invalid_page",
            field="page",
        )
    start = (params.page - 1) * params.page_size
    results = list(items[start : start + params.page_size]) if count else []
    return {
        "count": count,
        "page": params.page,
        "page_size": params.page_size,
        "next": _page_url(request, params.page + 1, extra) if params.page < pages else None,
        "previous": _page_url(request, params.page - 1, extra) if params.page > 1 else None,
        "results": results,
    }


def _page_url(request: HttpRequest, page: int, extra: dict[str, Any] | None) -> str:
    query = request.GET.copy()
    for key, value in (extra or {}).items():
        query[key] = str(value)
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
