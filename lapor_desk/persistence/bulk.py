"""Bulk inserts of positional rows, for the writers that insert a hundred thousand rows at once.

On SQLite the rows go straight to the driver's ``executemany``, each value converted by its
column type's own bind processor, so what is stored is exactly what Core would store; Core's
per-row handling of named parameters and the ORM's bulk insert cost more than the insert
itself there. Other databases go through Core, which batches rows into multi-row INSERTs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert


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
        processor = table.c[column].type.dialect_impl(dialect).bind_processor(dialect)
        if processor is not None:
            converters.append((position, processor))
    if converters:
        converted: list[Sequence[Any]] = []
        for row in rows:
            values = list(row)
            for position, convert in converters:
                if values[position] is not None:
                    values[position] = convert(values[position])
            converted.append(values)
        rows = converted
    quote = dialect.identifier_preparer.quote
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
           f"VALUES ({', '.join('?' for _ in columns)})")
    connection.exec_driver_sql(sql, [tuple(row) for row in rows])
