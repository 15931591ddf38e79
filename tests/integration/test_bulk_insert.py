"""persistence/bulk.insert_many stores what Core stores, whatever repeats among the values."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    MetaData,
    Table,
    create_engine,
    insert,
)

from lapor_desk.persistence.bulk import insert_many

WIB = timezone(timedelta(hours=7))


def test_repeated_and_equal_values_are_stored_as_core_stores_them(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'bulk.sqlite3'}")
    metadata = MetaData()
    table = Table("t", metadata, Column("id", Integer, primary_key=True),
                  Column("at", DateTime), Column("day", Date), Column("flag", Boolean))
    metadata.create_all(engine)
    # The same instant in two offsets compares equal, and so do True and 1; a date and the
    # midnight of that date do not: each must be stored as Core stores it.
    rows = [
        [1, datetime(2024, 1, 1, 7, 0, tzinfo=WIB), date(2024, 1, 1), True],
        [2, datetime(2024, 1, 1, 0, 0, tzinfo=UTC), datetime(2024, 1, 1), 1],
        [3, datetime(2024, 1, 1, 7, 0, tzinfo=WIB), date(2024, 1, 1), False],
        [4, None, None, None],
    ]
    columns = ["id", "at", "day", "flag"]
    query = "SELECT typeof(at), quote(at), quote(day), quote(flag) FROM t ORDER BY id"
    with engine.begin() as connection:
        insert_many(connection, table, columns, rows)
        ours = connection.exec_driver_sql(query).all()
        connection.exec_driver_sql("DELETE FROM t")
        connection.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in rows])
        core = connection.exec_driver_sql(query).all()
    assert ours == core
    assert ours[0][1] != ours[1][1]
    engine.dispose()
