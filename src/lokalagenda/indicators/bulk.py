"""Set-based writes of many rows: how ``store()`` inserts a revision's observations and change records, and
deletes the observations it replaces or removes, in a few statements whatever the number of rows.

Rows reach the database through one *transport* per database vendor (a registry, not a branch per vendor):
PostgreSQL's ``COPY … FROM STDIN`` (psycopg 3's ``cursor.copy()``), else one prepared ``INSERT`` run over every
row (``executemany``, as SQLite's driver does it in C). Deleting by key fills a temporary key table with the same
transport and then runs one ``DELETE … WHERE (key) IN (SELECT … FROM the key table)`` (row values: PostgreSQL,
SQLite ≥ 3.15). Everything runs on the caller's connection and in the caller's transaction, so a failure later in
the same ``transaction.atomic`` block undoes these writes too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import islice
from typing import Any

from django.db import connections, models, router
from django.db.backends.base.base import BaseDatabaseWrapper

#: Rows per ``executemany`` call of the generic transport (bounds the memory a generator of rows costs).
CHUNK = 5000

Transport = Callable[[BaseDatabaseWrapper, str, Sequence[str], Iterable[Sequence[Any]]], None]


def insert(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Insert ``rows`` (one value per name in ``fields``, in that order; ``None`` for NULL) into ``model``'s table.

    Values go to the database as they are: no model instances, defaults or signals (``store()`` gives every
    column). A foreign key field is named by its attname (``revision_id``).
    """
    connection = _connection(model)
    columns = [model._meta.get_field(name).column for name in fields]
    _transport(connection)(connection, model._meta.db_table, columns, rows)


def delete_by_keys(model: type[models.Model], fixed: Mapping[str, Any], fields: Sequence[str],
                   keys: Iterable[Sequence[Any]]) -> int:
    """Delete the rows of ``model`` whose ``fixed`` columns equal the given values and whose ``fields`` equal one
    of ``keys``; return how many were deleted. One statement, joined to a temporary table of the keys."""
    connection = _connection(model)
    quote = connection.ops.quote_name
    key_table = f"{model._meta.db_table}_keys"
    meta_fields = [model._meta.get_field(name) for name in fields]
    columns = [field.column for field in meta_fields]
    definition = ", ".join(f"{quote(field.column)} {field.db_type(connection)} NOT NULL" for field in meta_fields)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS {quote(key_table)} ({definition})")
        cursor.execute(f"DELETE FROM {quote(key_table)}")
    _transport(connection)(connection, key_table, columns, keys)
    listed = ", ".join(quote(column) for column in columns)
    conditions = [f"{quote(model._meta.get_field(name).column)} = %s" for name in fixed]
    conditions.append(f"({listed}) IN (SELECT {listed} FROM {quote(key_table)})")
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {quote(model._meta.db_table)} WHERE {' AND '.join(conditions)}",
                       list(fixed.values()))
        deleted = cursor.rowcount
        cursor.execute(f"DELETE FROM {quote(key_table)}")
    return deleted


def _connection(model: type[models.Model]) -> BaseDatabaseWrapper:
    return connections[router.db_for_write(model)]


def _transport(connection: BaseDatabaseWrapper) -> Transport:
    return TRANSPORTS.get(connection.vendor, _insert_many)


def _copy(connection: BaseDatabaseWrapper, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """PostgreSQL: ``COPY table (columns) FROM STDIN``, row by row through psycopg 3's copy object."""
    quote = connection.ops.quote_name
    statement = f"COPY {quote(table)} ({', '.join(quote(column) for column in columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def _insert_many(connection: BaseDatabaseWrapper, table: str, columns: Sequence[str],
                 rows: Iterable[Sequence[Any]]) -> None:
    """Any other database: one ``INSERT`` statement run over the rows, :data:`CHUNK` rows per call."""
    quote = connection.ops.quote_name
    statement = (f"INSERT INTO {quote(table)} ({', '.join(quote(column) for column in columns)}) "
                 f"VALUES ({', '.join(['%s'] * len(columns))})")
    iterator = iter(rows)
    with connection.cursor() as cursor:
        while chunk := list(islice(iterator, CHUNK)):
            cursor.executemany(statement, chunk)


#: How rows reach each database vendor; vendors not named use :func:`_insert_many`.
TRANSPORTS: dict[str, Transport] = {"postgresql": _copy}
