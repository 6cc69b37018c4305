"""Backup and restore of the whole database in one database-neutral file, with a checksum per table.

A backup is a zip file:

- ``manifest.json``: the format version, when it was made, the Lokalagenda version, the database vendor, the
  migrations applied per app, and per table its model, columns (with their Django types), row count and checksum;
  the files of file fields, with their size and SHA-256; and the tables left out, with the reason.
- ``tables/<table>.jsonl``: one line per row, a JSON array of the column values in the manifest's column order.
  Values are typed by their column (see ``CODECS``): dates and times as ISO 8601 in UTC, decimals as strings,
  binary as base64, JSON as JSON, floats that are not finite as ``"NaN"``/``"Infinity"``.
- ``media/<name>``: the uploaded files that rows point to (they live under ``MEDIA_ROOT``).

A table's checksum is the sum, modulo 2**256, of the SHA-256 of each row's line: it does not depend on the order
the database returns rows in, so a backup made on SQLite can be checked after a restore into PostgreSQL.

Every table Django knows is included except ``EXCLUDED`` (sessions: short-lived logins, worth nothing after a
restore and a risk in a backup file). Content types and permissions are made by ``migrate`` itself
(``REGENERATED``): a restore replaces them with the backup's, so the rows that point to them keep their meaning.

Tables are read in chunks and written line by line, so neither side holds the database in memory. A restore runs
in one transaction: it inserts the tables in dependency order, resets PostgreSQL's sequences, rebuilds derived
indexes (``AFTER_RESTORE``) and compares every table's count and checksum with the manifest before it commits.
"""

from __future__ import annotations

import base64
import datetime as dt
import graphlib
import hashlib
import io
import json
import math
import uuid
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

import lokalagenda
from lokalagenda.core.errors import LokalagendaError
from lokalagenda.core.progress import Progress, null_progress

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 2000
#: Tables left out of every backup, and why.
EXCLUDED = {"sessions.session": "logins are short-lived; after a restore everyone signs in again"}
#: Tables that ``migrate`` fills by itself; a restore replaces their rows with the backup's.
REGENERATED = frozenset({"contenttypes.contenttype", "auth.permission"})


class BackupError(LokalagendaError):
    """A backup cannot be made, read or restored; the message says what and where."""


# --- column codecs ---------------------------------------------------------------------------------------------

Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]


def _same(value: Any) -> Any:
    return value


def _encode_float(value: Any) -> Any:
    number = float(value)
    return number if math.isfinite(number) else str(number).replace("inf", "Infinity").replace("nan", "NaN")


def _decode_float(value: Any) -> float:
    return float(value)


def _encode_datetime(value: dt.datetime) -> str:
    if timezone.is_aware(value):
        value = value.astimezone(dt.UTC)
    return value.isoformat()


def _encode_duration(value: dt.timedelta) -> int:
    return (value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds


_TEXT: Codec = (str, str)
_INTEGER: Codec = (int, int)
#: How a value of each Django field type is written to and read from a backup line.
CODECS: dict[str, Codec] = {
    **dict.fromkeys(["AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField",
                     "SmallIntegerField", "PositiveIntegerField", "PositiveBigIntegerField",
                     "PositiveSmallIntegerField"], _INTEGER),
    **dict.fromkeys(["CharField", "TextField", "SlugField", "EmailField", "URLField", "FileField", "ImageField",
                     "FilePathField", "GenericIPAddressField", "IPAddressField"], _TEXT),
    "BooleanField": (bool, bool),
    "FloatField": (_encode_float, _decode_float),
    "DecimalField": (str, Decimal),
    "DateField": (dt.date.isoformat, dt.date.fromisoformat),
    "DateTimeField": (_encode_datetime, dt.datetime.fromisoformat),
    "TimeField": (dt.time.isoformat, dt.time.fromisoformat),
    "DurationField": (_encode_duration, lambda micro: dt.timedelta(microseconds=micro)),
    "JSONField": (_same, _same),
    "BinaryField": (lambda data: base64.b64encode(bytes(data)).decode("ascii"), base64.b64decode),
    "UUIDField": (str, uuid.UUID),
}


def _value_type(column: models.Field) -> str:
    """The Django type that decides how a column is written: a foreign key's is its target's."""
    while column.is_relation:
        column = column.target_field
    return column.get_internal_type()


def _codec(model: type[models.Model], column: models.Field) -> Codec:
    kind = _value_type(column)
    if kind not in CODECS:
        raise BackupError(f"{model._meta.label}.{column.name}: no backup codec for the field type {kind}; add one "
                          "to lokalagenda.persistence.backup.CODECS")
    return CODECS[kind]


# --- tables ----------------------------------------------------------------------------------------------------

def included_models() -> list[type[models.Model]]:
    """Every table Django knows that a backup holds, parents before the tables that point to them."""
    chosen = [model for model in apps.get_models(include_auto_created=True)
              if model._meta.managed and not model._meta.proxy and model._meta.label_lower not in EXCLUDED]
    return _dependency_order(chosen)


def _dependency_order(chosen: list[type[models.Model]]) -> list[type[models.Model]]:
    known = set(chosen)
    graph = {model: {column.related_model for column in model._meta.concrete_fields
                     if column.is_relation and column.related_model in known and column.related_model is not model}
             for model in chosen}
    try:
        return list(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError:
        # Foreign keys are checked at commit on both databases, so any order works; keep the registry's.
        return chosen


def _columns(model: type[models.Model]) -> list[models.Field]:
    return list(model._meta.concrete_fields)


def _describe(model: type[models.Model]) -> list[dict[str, str]]:
    return [{"name": column.column, "type": _value_type(column)} for column in _columns(model)]


class Checksum:
    """An order-independent checksum of a table: the sum of its rows' SHA-256 modulo 2**256."""

    MODULUS = 2**256

    def __init__(self) -> None:
        self.total = 0
        self.rows = 0

    def add(self, line: str) -> None:
        self.total = (self.total + int.from_bytes(hashlib.sha256(line.encode("utf-8")).digest(), "big")) % self.MODULUS
        self.rows += 1

    def hexdigest(self) -> str:
        return f"{self.total:064x}"


def _line(codecs: list[Codec], values: Iterable[Any]) -> str:
    encoded = [None if value is None else codec[0](value) for codec, value in zip(codecs, values, strict=True)]
    return json.dumps(encoded, ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False)


def table_lines(model: type[models.Model], using: str = DEFAULT_DB_ALIAS) -> Iterator[str]:
    """The canonical lines of a table's rows, read in chunks."""
    columns = _columns(model)
    codecs = [_codec(model, column) for column in columns]
    rows = (model._base_manager.using(using).order_by("pk")
            .values_list(*[column.attname for column in columns]).iterator(chunk_size=CHUNK))
    for values in rows:
        yield _line(codecs, values)


@dataclass(frozen=True)
class TableSummary:
    table: str
    rows: int
    checksum: str


def table_summary(model: type[models.Model], using: str = DEFAULT_DB_ALIAS) -> TableSummary:
    """A table's row count and checksum as the database holds it now."""
    checksum = Checksum()
    for line in table_lines(model, using):
        checksum.add(line)
    return TableSummary(model._meta.db_table, checksum.rows, checksum.hexdigest())


def database_summary(using: str = DEFAULT_DB_ALIAS) -> dict[str, TableSummary]:
    """Row count and checksum of every table a backup holds, by table name."""
    return {model._meta.db_table: table_summary(model, using) for model in included_models()}


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    """The migrations recorded as applied in the database, per app."""
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connections[using]).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


# --- writing a backup ------------------------------------------------------------------------------------------

@dataclass
class BackupReport:
    path: Path
    tables: int
    rows: int
    media: int
    missing_media: list[str] = field(default_factory=list)


def write_backup(path: Path, *, using: str = DEFAULT_DB_ALIAS, progress: Progress = null_progress) -> BackupReport:
    """Write every included table and the files rows point to into a new backup file at ``path``."""
    path = Path(path)
    if path.exists():
        raise BackupError(f"{path} exists already; choose another name (a backup never overwrites a file)")
    partial = path.with_name(path.name + ".partial")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive, _snapshot(using):
            manifest = _write_contents(archive, using, progress)
            archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    tables = manifest["tables"]
    return BackupReport(path, len(tables), sum(table["rows"] for table in tables), len(manifest["media"]),
                        manifest["missing_media"])


def _snapshot(using: str) -> Any:
    """One transaction for the whole backup, so every table is read as of the same moment."""
    connection = connections[using]
    outer = connection.in_atomic_block
    atomic = transaction.atomic(using=using)
    if connection.vendor != "postgresql" or outer:
        return atomic

    class Snapshot:
        def __enter__(self) -> None:
            atomic.__enter__()
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")

        def __exit__(self, *exc: Any) -> Any:
            return atomic.__exit__(*exc)

    return Snapshot()


def _write_contents(archive: zipfile.ZipFile, using: str, progress: Progress) -> dict[str, Any]:
    chosen = included_models()
    tables, files = [], set()
    for done, model in enumerate(chosen):
        progress(done, len(chosen), f"writing {model._meta.db_table}")
        tables.append(_write_table(archive, model, using, files))
    progress(len(chosen), len(chosen), "writing uploaded files")
    media, missing = _write_media(archive, sorted(files))
    return {
        "format": "lokalagenda-backup", "format_version": FORMAT_VERSION,
        "created_at": timezone.now().astimezone(dt.UTC).isoformat(), "lokalagenda_version": lokalagenda.__version__,
        "database_vendor": connections[using].vendor, "migrations": applied_migrations(using),
        "excluded": EXCLUDED, "regenerated": sorted(REGENERATED),
        "checksum": "sum of the SHA-256 of each row's line, modulo 2**256, as 64 hex digits",
        "tables": tables, "media": media, "missing_media": missing,
    }


def _write_table(archive: zipfile.ZipFile, model: type[models.Model], using: str, files: set[str]
                 ) -> dict[str, Any]:
    table = model._meta.db_table
    file_columns = [index for index, column in enumerate(_columns(model)) if isinstance(column, models.FileField)]
    checksum = Checksum()
    with archive.open(f"tables/{table}.jsonl", "w", force_zip64=True) as raw:
        out = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
        for line in table_lines(model, using):
            checksum.add(line)
            out.write(line + "\n")
            if file_columns:
                files.update(name for name in (json.loads(line)[i] for i in file_columns) if name)
        out.flush()
        out.detach()
    return {"table": table, "model": model._meta.label_lower, "columns": _describe(model), "rows": checksum.rows,
            "checksum": checksum.hexdigest()}


def _write_media(archive: zipfile.ZipFile, names: list[str]) -> tuple[list[dict[str, Any]], list[str]]:
    media, missing = [], []
    for name in names:
        if not default_storage.exists(name):
            missing.append(name)
            continue
        digest, size = hashlib.sha256(), 0
        with default_storage.open(name, "rb") as source, archive.open(f"media/{name}", "w", force_zip64=True) as out:
            for block in iter(lambda source=source: source.read(1 << 20), b""):
                digest.update(block)
                size += len(block)
                out.write(block)
        media.append({"name": name, "size": size, "sha256": digest.hexdigest()})
    return media, missing


# --- reading and checking a backup -----------------------------------------------------------------------------

def read_manifest(archive: zipfile.ZipFile, path: Path) -> dict[str, Any]:
    """The manifest of an open backup, after checking it is one this version can read."""
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError:
        raise BackupError(f"{path} is not a Lokalagenda backup: it has no {MANIFEST}") from None
    except ValueError as error:
        raise BackupError(f"{path}: {MANIFEST} is not valid JSON ({error})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != "lokalagenda-backup":
        raise BackupError(f"{path} is not a Lokalagenda backup: its {MANIFEST} does not say so")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"{path} is a backup of format version {manifest.get('format_version')}; this version of "
                          f"Lokalagenda reads version {FORMAT_VERSION}")
    return manifest


def _open(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError:
        raise BackupError(f"{path}: no such file") from None
    except zipfile.BadZipFile:
        raise BackupError(f"{path} is not a Lokalagenda backup (it is not a zip file)") from None


def migration_differences(backup: dict[str, list[str]], database: dict[str, list[str]]) -> list[str]:
    """One sentence per app whose applied migrations differ between a backup and the database."""
    differences = []
    for app in sorted(set(backup) | set(database)):
        only_backup = sorted(set(backup.get(app, [])) - set(database.get(app, [])))
        only_database = sorted(set(database.get(app, [])) - set(backup.get(app, [])))
        parts = ([f"only in the backup: {', '.join(only_backup)}"] if only_backup else []) + (
            [f"only in this database: {', '.join(only_database)}"] if only_database else [])
        if parts:
            differences.append(f"{app}: {'; '.join(parts)}")
    return differences


def _check_tables(manifest: dict[str, Any], chosen: list[type[models.Model]], path: Path) -> None:
    expected = {model._meta.db_table: _describe(model) for model in chosen}
    found = {table["table"]: table["columns"] for table in manifest["tables"]}
    problems = [f"the backup lacks the table {name}" for name in sorted(set(expected) - set(found))]
    problems += [f"this database has no table {name}" for name in sorted(set(found) - set(expected))]
    problems += [f"{name}: the columns differ" for name in sorted(set(expected) & set(found))
                 if expected[name] != found[name]]
    if problems:
        raise BackupError(f"{path} does not fit this database: " + "; ".join(problems))


def _rows_in_the_way(chosen: list[type[models.Model]], using: str) -> list[str]:
    return [f"{model._meta.db_table} ({model._base_manager.using(using).count():,} rows)" for model in chosen
            if model._meta.label_lower not in REGENERATED and model._base_manager.using(using).exists()]


# --- restoring -------------------------------------------------------------------------------------------------

@dataclass
class RestoreReport:
    path: Path
    tables: int
    rows: int
    media: int
    replaced: list[str] = field(default_factory=list)


def restore_backup(path: Path, *, replace: bool = False, using: str = DEFAULT_DB_ALIAS,
                   progress: Progress = null_progress) -> RestoreReport:
    """Restore a backup into a migrated, empty database (or, with ``replace``, delete what it holds first).

    All or nothing: any problem, a checksum that differs after the rows are in included, rolls it all back.
    """
    path = Path(path)
    chosen = included_models()
    with _open(path) as archive:
        manifest = read_manifest(archive, path)
        differences = migration_differences(manifest["migrations"], applied_migrations(using))
        if differences:
            raise BackupError(f"{path} was made with other migrations than this database has: "
                              + " | ".join(differences) + ". Migrate this database to the backup's migrations "
                              "(or restore with the Lokalagenda version that made it).")
        _check_tables(manifest, chosen, path)
        in_the_way = _rows_in_the_way(chosen, using)
        if in_the_way and not replace:
            raise BackupError("The database is not empty: " + ", ".join(in_the_way) + ". Restore into a freshly "
                              "migrated empty database, or pass --replace to delete these rows first.")
        written: list[str] = []
        try:
            with transaction.atomic(using=using):
                delete_all_rows(using)
                rows = _insert_all(archive, chosen, using, progress)
                _check_references(chosen, using)
                _after_restore(connections[using])
                _verify(manifest, chosen, using, progress)
                written = _restore_media(archive, manifest)
        except BaseException:
            for name in written:
                default_storage.delete(name)
            raise
    _clear_caches()
    return RestoreReport(path, len(chosen), rows, len(manifest["media"]), in_the_way)


def delete_all_rows(using: str = DEFAULT_DB_ALIAS) -> None:
    """Delete every row of every included table (and the sessions), children first, in the caller's
    transaction."""
    connection = connections[using]
    tables = [model._meta.db_table for model in reversed(included_models())]
    tables += [apps.get_model(label)._meta.db_table for label in EXCLUDED if _installed(label)]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")


def _installed(label: str) -> bool:
    try:
        apps.get_model(label)
    except LookupError:
        return False
    return True


def _insert_all(archive: zipfile.ZipFile, chosen: list[type[models.Model]], using: str, progress: Progress) -> int:
    rows = 0
    for done, model in enumerate(chosen):
        progress(done, len(chosen), f"restoring {model._meta.db_table}")
        with archive.open(f"tables/{model._meta.db_table}.jsonl") as raw:
            rows += _insert_table(model, io.TextIOWrapper(raw, encoding="utf-8"), using)
    connection = connections[using]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), chosen):
            cursor.execute(statement)
    return rows


def _insert_table(model: type[models.Model], lines: IO[str], using: str) -> int:
    connection = connections[using]
    columns = _columns(model)
    decoders = [_codec(model, column)[1] for column in columns]
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(column.column) for column in columns)}) "
           f"VALUES ({', '.join(['%s'] * len(columns))})")
    count, batch = 0, []
    with connection.cursor() as cursor:
        for number, line in enumerate(lines, start=1):
            batch.append(_row(model, columns, decoders, line, number, connection))
            if len(batch) == CHUNK:
                cursor.executemany(sql, batch)
                count, batch = count + len(batch), []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def _row(model: type[models.Model], columns: list[models.Field], decoders: list[Callable[[Any], Any]], line: str,
         number: int, connection: BaseDatabaseWrapper) -> list[Any]:
    try:
        values = json.loads(line)
        return [None if value is None else column.get_db_prep_save(decode(value), connection)
                for column, decode, value in zip(columns, decoders, values, strict=True)]
    except (ValueError, TypeError) as error:
        raise BackupError(f"tables/{model._meta.db_table}.jsonl:{number}: cannot read this row ({error})") from None


def _check_references(chosen: list[type[models.Model]], using: str) -> None:
    """Check the foreign keys now (both databases defer them to the commit), so a broken backup fails here."""
    try:
        connections[using].check_constraints(table_names=[model._meta.db_table for model in chosen])
    except IntegrityError as error:
        raise BackupError(f"The backup's rows break a constraint of this database, so nothing was restored: "
                          f"{error}") from None


def _verify(manifest: dict[str, Any], chosen: list[type[models.Model]], using: str, progress: Progress) -> None:
    expected = {table["table"]: table for table in manifest["tables"]}
    problems = []
    for done, model in enumerate(chosen):
        progress(done, len(chosen), f"checking {model._meta.db_table}")
        summary = table_summary(model, using)
        wanted = expected[summary.table]
        if (summary.rows, summary.checksum) != (wanted["rows"], wanted["checksum"]):
            problems.append(f"{summary.table} (backup: {wanted['rows']:,} rows, checksum {wanted['checksum'][:12]}…; "
                            f"restored: {summary.rows:,} rows, checksum {summary.checksum[:12]}…)")
    progress(len(chosen), len(chosen), "checked")
    if problems:
        raise BackupError("The restored rows differ from the backup, so nothing was restored: " + "; ".join(problems))


def _restore_media(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> list[str]:
    written = []
    for entry in manifest["media"]:
        content = archive.read(f"media/{entry['name']}")
        if hashlib.sha256(content).hexdigest() != entry["sha256"]:
            raise BackupError(f"media/{entry['name']}: the file differs from its checksum in the manifest")
        if default_storage.exists(entry["name"]):
            default_storage.delete(entry["name"])
        saved = default_storage.save(entry["name"], ContentFile(content))
        written.append(saved)
        if saved != entry["name"]:
            raise BackupError(f"media/{entry['name']}: the file storage saved it as {saved}")
    return written


# --- derived data ----------------------------------------------------------------------------------------------

def _rebuild_practice_search(connection: BaseDatabaseWrapper) -> None:
    """SQLite's FTS5 index of practices is not a model table: fill it again from the search documents.
    (PostgreSQL's search columns are generated by the database.)"""
    if connection.vendor != "sqlite" or "practices_fts" not in connection.introspection.table_names():
        return
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM practices_fts")
        cursor.execute("INSERT INTO practices_fts (rowid, document) "
                       "SELECT practice_id, document FROM practices_searchdocument")


#: What a restore rebuilds after the rows are in: indexes and tables the models do not describe.
AFTER_RESTORE: list[Callable[[BaseDatabaseWrapper], None]] = [_rebuild_practice_search]


def _after_restore(connection: BaseDatabaseWrapper) -> None:
    for step in AFTER_RESTORE:
        step(connection)


def _clear_caches() -> None:
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
