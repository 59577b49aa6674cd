"""Numbers from URLs and forms, validated once: a visitor's `?theme=9223372036854775808` or `?r=²` must be ignored
or refused, never reach the database (where it overflows) or `int()` (where it raises)."""

from __future__ import annotations

import re

from django import forms

# The largest value a BigAutoField (every id here) holds; beyond it SQLite and PostgreSQL refuse the query.
MAX_ID = 2**63 - 1
# Pages beyond this are never real (they would ask the database for an offset of billions).
MAX_PAGE = 100_000

_ASCII_INT = re.compile(r"-?[0-9]{1,19}")


def int_param(raw: object, *, default: int | None = None, min_value: int = 1, max_value: int = MAX_ID) -> int | None:
    """`raw` as an int when it is a plain ASCII integer within [min_value, max_value], else `default`.

    `str.isdigit()` is not enough: it accepts "²" (which int() refuses) and "١" (which it reads as 1)."""
    text = str(raw).strip() if raw is not None else ""
    if not _ASCII_INT.fullmatch(text):
        return default
    value = int(text)
    return value if min_value <= value <= max_value else default


def page_param(raw: object) -> int:
    """A page number for a list: 1 unless `raw` is a sensible one."""
    return int_param(raw, default=1, max_value=MAX_PAGE) or 1


class IdField(forms.IntegerField):
    """A form field holding the id of a row: a positive integer the database can hold."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)
