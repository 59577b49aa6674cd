"""Backup and restore of the whole site: every model's table and the media files, in one .tar.gz.

The archive is independent of the database engine (a SQLite backup restores into PostgreSQL and back): each table is
written as JSON lines, one row per line in primary-key order, with values in the form `Field.to_python` reads back.
`manifest.json` holds the applied migrations and, per table, the row count and a SHA-256 of its rows, so a restore
proves itself: after loading, every table is read again and must give the same count and hash.

Restore replaces everything: the database must be migrated to the same migrations as the backup (`manage.py
migrate` on an empty database, same version of Cocreate), every model table is emptied and loaded with the saved
primary keys (sequences are reset after), and the media directory is replaced by the saved files. Derived data
outside the models (the SQLite full-text index) is rebuilt by the hooks apps register with `on_restored`.
"""

from __future__ import annotations

import base64
import datetime
import decimal
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.color import no_style
from django.db import connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils.duration import duration_iso_string

FORMAT_VERSION = 1
_restored_hooks: list[Callable[[], None]] = []


class BackupError(Exception):
    pass


def on_restored(hook: Callable[[], None]) -> Callable[[], None]:
    """Register a function to run after a restore (rebuild an index kept outside the models)."""
    _restored_hooks.append(hook)
    return hook


def backed_up_models() -> list[type[models.Model]]:
    found = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    ]
    return sorted(found, key=lambda m: m._meta.db_table)


def _fields(model: type[models.Model]) -> list[models.Field]:
    return list(model._meta.local_concrete_fields)


def _plain(value: Any) -> Any:
    """A JSON-able form that the field's `to_python` turns back into the same value."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return duration_iso_string(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview | bytearray):
        return base64.b64encode(bytes(value)).decode()
    return value


def table_rows(model: type[models.Model], using: str = "default") -> Iterator[list[Any]]:
    names = [f.attname for f in _fields(model)]
    rows = model._base_manager.using(using).order_by("pk").values_list(*names)
    for row in rows.iterator(chunk_size=2000):
        yield [_plain(v) for v in row]


def _line(row: list[Any]) -> bytes:
    return json.dumps(row, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode() + b"\n"


def fingerprint(using: str = "default") -> dict[str, dict[str, Any]]:
    """Per table: row count and SHA-256 of its rows (as written to a backup)."""
    result = {}
    for model in backed_up_models():
        digest, count = hashlib.sha256(), 0
        for row in table_rows(model, using):
            digest.update(_line(row))
            count += 1
        result[model._meta.db_table] = {"rows": count, "sha256": digest.hexdigest()}
    return result


def applied_migrations(using: str = "default") -> list[list[str]]:
    recorder = MigrationRecorder(connections[using])
    return sorted([app, name] for app, name in recorder.applied_migrations())


def _media_files(root: Path) -> Iterator[Path]:
    if root.is_dir():
        yield from sorted(p for p in root.rglob("*") if p.is_file())


def backup(path: Path, using: str = "default") -> dict[str, Any]:
    """Write the database and the media files to `path` (.tar.gz); returns the manifest."""
    media_root = Path(settings.MEDIA_ROOT)
    tables: dict[str, dict[str, Any]] = {}
    # Password hashes, tokens and sessions are inside: only the owner may read the file.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with (
        os.fdopen(fd, "wb") as out,
        transaction.atomic(using=using),  # one consistent read
        tarfile.open(fileobj=out, mode="w:gz") as archive,
    ):
        for model in backed_up_models():
            table = model._meta.db_table
            digest, count = hashlib.sha256(), 0
            with tempfile.TemporaryFile() as buffer:
                for row in table_rows(model, using):
                    line = _line(row)
                    digest.update(line)
                    buffer.write(line)
                    count += 1
                info = tarfile.TarInfo(f"tables/{table}.jsonl")
                info.size = buffer.tell()
                buffer.seek(0)
                archive.addfile(info, buffer)
            tables[table] = {
                "rows": count,
                "sha256": digest.hexdigest(),
                "model": model._meta.label,
                "columns": [f.attname for f in _fields(model)],
            }
        media = []
        for file in _media_files(media_root):
            name = file.relative_to(media_root).as_posix()
            archive.add(file, arcname=f"media/{name}", recursive=False)
            media.append({"name": name, "sha256": hashlib.sha256(file.read_bytes()).hexdigest()})
        manifest = {
            "format": FORMAT_VERSION,
            "created": datetime.datetime.now(datetime.UTC).isoformat(),
            "vendor": connections[using].vendor,
            "migrations": applied_migrations(using),
            "tables": tables,
            "media": media,
        }
        data = json.dumps(manifest, indent=1, sort_keys=True).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return manifest


def read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = archive.extractfile("manifest.json")
    except KeyError as exc:
        raise BackupError("Not a Cocreate backup: manifest.json is missing.") from exc
    manifest = json.loads(member.read())  # type: ignore[union-attr]
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Backup format {manifest.get('format')} is not supported (expected {FORMAT_VERSION}).")
    return manifest


def restore(path: Path, using: str = "default") -> dict[str, Any]:
    """Replace the database's rows and the media files with the backup at `path`; verify counts and hashes."""
    connection = connections[using]
    with tarfile.open(path, "r:gz") as archive:
        manifest = read_manifest(archive)
        current = applied_migrations(using)
        if manifest["migrations"] != current:
            missing = {tuple(m) for m in manifest["migrations"]} - {tuple(m) for m in current}
            extra = {tuple(m) for m in current} - {tuple(m) for m in manifest["migrations"]}
            raise BackupError(
                "The database's migrations differ from the backup's: run `manage.py migrate` on an empty database "
                f"with the same version of Cocreate. Missing here: {sorted(missing)[:5]}; not in the backup: "
                f"{sorted(extra)[:5]}."
            )
        by_table = {m._meta.db_table: m for m in backed_up_models()}
        unknown = set(manifest["tables"]) - set(by_table)
        if unknown:
            raise BackupError(f"The backup has tables this version does not know: {sorted(unknown)}.")
        with transaction.atomic(using=using):
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":  # run checks pending from earlier writes, or TRUNCATE refuses
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
                for sql in connection.ops.sql_flush(no_style(), list(by_table), allow_cascade=True):
                    cursor.execute(sql)
            for table, meta in manifest["tables"].items():
                _load_table(archive, by_table[table], meta, using)
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), list(by_table.values())):
                    cursor.execute(sql)
            _check_foreign_keys(connection, list(by_table))
            found = fingerprint(using)
            for table, meta in manifest["tables"].items():
                if found[table]["rows"] != meta["rows"] or found[table]["sha256"] != meta["sha256"]:
                    raise BackupError(f"Table {table} did not restore exactly ({found[table]} != {meta}).")
        _restore_media(archive, manifest)
    for hook in _restored_hooks:
        hook()
    return manifest


def _load_table(archive: tarfile.TarFile, model: type[models.Model], meta: dict[str, Any], using: str) -> None:
    connection = connections[using]
    fields = {f.attname: f for f in _fields(model)}
    columns = meta["columns"]
    if set(columns) != set(fields):
        raise BackupError(f"Table {model._meta.db_table}: columns differ from this version's model.")
    member = archive.extractfile(f"tables/{model._meta.db_table}.jsonl")
    qn = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - names from the models, values as parameters
        qn(model._meta.db_table),
        ", ".join(qn(fields[c].column) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    batch: list[list[Any]] = []
    with connection.cursor() as cursor:
        for line in member:  # type: ignore[union-attr]
            row = json.loads(line)
            batch.append(
                [
                    fields[c].get_db_prep_save(_python(fields[c], v), connection)
                    for c, v in zip(columns, row, strict=True)
                ]
            )
            if len(batch) >= 500:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def _python(field: models.Field, value: Any) -> Any:
    if value is None or isinstance(field, models.JSONField):
        return value
    target = field.target_field if isinstance(field, models.ForeignKey) else field
    return target.to_python(value)


def _check_foreign_keys(connection: Any, tables: list[str]) -> None:
    if connection.vendor == "sqlite":
        connection.check_constraints(table_names=tables)


def _restore_media(archive: tarfile.TarFile, manifest: dict[str, Any]) -> None:
    media_root = Path(settings.MEDIA_ROOT)
    staging = Path(tempfile.mkdtemp(prefix="restore-", dir=media_root.parent if media_root.parent.exists() else None))
    try:
        for item in manifest["media"]:
            name = item["name"]
            target = (staging / name).resolve()
            if staging.resolve() not in target.parents:
                raise BackupError(f"Unsafe media path in the backup: {name}")
            data = archive.extractfile(f"media/{name}").read()  # type: ignore[union-attr]
            if hashlib.sha256(data).hexdigest() != item["sha256"]:
                raise BackupError(f"Media file {name} is damaged in the backup.")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        if media_root.exists():
            shutil.rmtree(media_root)
        staging.rename(media_root)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
