"""The SQLite FTS5 index: one virtual table of campaigns, ideas and comments, kept in sync by handlers.

Only text lives here; who may see a row, its status, campaign and dates are read from the models at query time,
so a change of status, visibility or a merge never makes the index stale. On PostgreSQL there is no table: the
text is searched live with its full-text functions (see backends.py), and every function here does nothing.

Rows are addressed by rowid = object id * 4 + kind code, so updating one row is a primary-key lookup rather than
a scan (FTS5 cannot index its UNINDEXED columns)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

TABLE = "search_fts"
KINDS = {"campaign": 1, "idea": 2, "comment": 3}
CREATE_SQL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "kind UNINDEXED, object_id UNINDEXED, title, body, tokenize = 'porter unicode61 remove_diacritics 2')"
)
DROP_SQL = f"DROP TABLE IF EXISTS {TABLE}"


def uses_fts5() -> bool:
    return connection.vendor == "sqlite"


def rowid(kind: str, object_id: int) -> int:
    return object_id * 4 + KINDS[kind]


def _documents(kind: str, ids: Iterable[int] | None = None) -> Iterable[tuple[int, str, str]]:
    """(id, title, body) of the objects of `kind` worth indexing (all of them when ids is None)."""
    from cocreate.campaigns.models import Campaign
    from cocreate.engagement.models import Comment
    from cocreate.ideas.models import Idea

    if kind == "campaign":
        qs = Campaign.objects.all()
        if ids is not None:
            qs = qs.filter(pk__in=list(ids))
        for pk, title, goal, brief in qs.values_list("pk", "title", "goal", "brief").iterator():
            yield pk, title, f"{goal}\n{brief}"
    elif kind == "idea":
        ideas = Idea.objects.all()
        if ids is not None:
            ideas = ideas.filter(pk__in=list(ids))
        yield from ideas.values_list("pk", "title", "body").iterator()
    else:
        # Deleted comments leave the index; hidden ones stay (they may be restored) and are filtered at query time.
        comments = Comment.objects.filter(deleted_at__isnull=True)
        if ids is not None:
            comments = comments.filter(pk__in=list(ids))
        for pk, body in comments.values_list("pk", "body").iterator():
            yield pk, "", body


def index_objects(kind: str, ids: Iterable[int]) -> int:
    """(Re)index these objects of `kind`; ids that no longer exist (or are deleted) are removed. Idempotent."""
    if not uses_fts5():
        return 0
    ids = [int(i) for i in ids]
    if not ids:
        return 0
    rows = [(rowid(kind, pk), kind, pk, title, body) for pk, title, body in _documents(kind, ids)]
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {TABLE} WHERE rowid = %s", [(rowid(kind, pk),) for pk in ids])  # noqa: S608
        cursor.executemany(
            f"INSERT INTO {TABLE} (rowid, kind, object_id, title, body) VALUES (%s, %s, %s, %s, %s)",  # noqa: S608
            rows,
        )
    return len(rows)


def remove_objects(kind: str, ids: Iterable[int]) -> None:
    if not uses_fts5():
        return
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {TABLE} WHERE rowid = %s", [(rowid(kind, int(pk)),) for pk in ids])  # noqa: S608


def rebuild() -> dict[str, int]:
    """Empty the index and fill it again from the models. Returns how many rows of each kind went in."""
    counts = {kind: 0 for kind in KINDS}
    if not uses_fts5():
        return counts
    with connection.cursor() as cursor:
        cursor.execute(CREATE_SQL)
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608
        for kind in KINDS:
            batch: list[tuple[int, str, int, str, str]] = []
            for pk, title, body in _documents(kind):
                batch.append((rowid(kind, pk), kind, pk, title, body))
                if len(batch) >= 1000:
                    cursor.executemany(
                        f"INSERT INTO {TABLE} (rowid, kind, object_id, title, body) VALUES (%s, %s, %s, %s, %s)",  # noqa: S608
                        batch,
                    )
                    counts[kind] += len(batch)
                    batch = []
            if batch:
                cursor.executemany(
                    f"INSERT INTO {TABLE} (rowid, kind, object_id, title, body) VALUES (%s, %s, %s, %s, %s)",  # noqa: S608
                    batch,
                )
                counts[kind] += len(batch)
        cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')")  # noqa: S608
    return counts
