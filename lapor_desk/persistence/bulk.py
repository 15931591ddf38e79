"""Bulk inserts of positional rows, for the writers that insert a hundred thousand rows at once.

On SQLite the rows go straight to the driver's ``executemany``, each value converted by its
column type's own bind processor, so what is stored is exactly what Core would store; Core's
per-row handling of named parameters and the ORM's bulk insert cost more than the insert
itself there. Other databases go through Core, which batches rows into multi-row INSERTs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Boolean, Connection, Date, DateTime, Table, func, insert, select

#: Column types whose values repeat across the rows of a bulk insert (a few hundred days, the
#: commit's own time on every row, two booleans) and are immutable: each distinct value is
#: converted once (the date formatting was a fifth of an import's stored deadlines).
_REPEATING = (Date, DateTime, Boolean)


def _remembering(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``convert``, computing each distinct value's result once."""
    seen: dict[Any, Any] = {}

    def remembered(value: Any) -> Any:
        if getattr(value, "tzinfo", None) is not None:
            # Equal instants in other offsets are equal keys, but are stored apart.
            return convert(value)
        try:
            return seen[value]
        except KeyError:
            seen[value] = result = convert(value)
            return result

    return remembered


def insert_many(
    connection: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """INSERT ``rows`` (values in the order of ``columns``) into ``table`` in one executemany."""
    if not rows:
        return
    dialect = connection.dialect
    if dialect.name != "sqlite" or dialect.paramstyle != "qmark":
        connection.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in rows])
        return
    converters: list[tuple[int, Callable[[Any], Any]]] = []
    for position, column in enumerate(columns):
        column_type = table.c[column].type
        processor = column_type.dialect_impl(dialect).bind_processor(dialect)
        if processor is not None:
            repeating = isinstance(column_type, _REPEATING)
            converters.append((position, _remembering(processor) if repeating else processor))
    prepared: list[tuple[Any, ...]] = []
    for row in rows:
        if converters:
            values = list(row)
            for position, convert in converters:
                if values[position] is not None:
                    values[position] = convert(values[position])
            row = values
        prepared.append(tuple(row))
    quote = dialect.identifier_preparer.quote
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
           f"VALUES ({', '.join('?' for _ in columns)})")
    connection.exec_driver_sql(sql, prepared)


@contextmanager
def indexes_rebuilt_after(connection: Connection, table: Table, coming: int) -> Iterator[None]:
    """Without ``table``'s non-unique indexes for the block, built anew after it.

    Only on SQLite, and when ``coming`` rows are about to be inserted into a table holding
    fewer. Building an index sorts once; keeping it while a hundred thousand rows go in costs a
    B-tree insert per row and index, in no order (measured: 1,76 s against 1,06 s for the
    stored deadlines of 100.000 complaints and their eight indexes). The indexes come back
    from the table's definition in the same transaction, so a reader never sees the table
    without them. When the block raises, the caller's transaction must roll back, which
    brings the dropped indexes back (DDL is transactional in SQLite; a full disk rolls the
    transaction back by itself, and building them again then would fail with a misleading
    error). On other databases, or when the table is the larger, nothing changes.
    """
    indexes = [index for index in table.indexes if not index.unique]
    if connection.dialect.name != "sqlite" or not indexes or coming <= connection.execute(
        select(func.count()).select_from(table)
    ).scalar_one():
        yield
        return
    for index in indexes:
        index.drop(connection)
    yield
    for index in indexes:
        index.create(connection)
