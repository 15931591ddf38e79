"""How an import runs: values stored as Core stores them, page cache and collector restored."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import bindparam, event, select, update

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.domain.errors import ImportFileError
from lapor_desk.models import Complaint
from lapor_desk.services.bootstrap import Services
from tests.fixtures_portal import (
    PORTAL_HEADERS,
    Row,
    portal_rows,
    write_csv,
    write_not_spreadsheet,
    write_xlsx,
)

TABLE: Any = Complaint.__table__
#: LAPOR Desk's own export adds these: they fill dates, flags and numbers a portal file lacks.
OWN_HEADERS = (*PORTAL_HEADERS, "Tanggal Verifikasi", "Tanggal Selesai", "Status Internal",
               "Mendesak", "Alasan Mendesak", "Rating", "Nama Pelapor", "Telepon Pelapor")


def varied_rows() -> list[Row]:
    rows = portal_rows(40, seed=21)
    for number, row in enumerate(rows):
        row["Judul Laporan"] = f"{row['Judul Laporan']} — ß é 😀"
        if number % 2:
            row["Tanggal Verifikasi"] = f"2022-11-0{number % 9 + 1} 08:15:{number:02d}"
        if number % 4 == 1:
            row["Tanggal Selesai"] = "2022-11-12 16:00:00"
            row["Status Internal"] = "Selesai"
        row["Mendesak"] = "Ya" if number % 5 == 0 else "Tidak"
        row["Alasan Mendesak"] = "Menyangkut keselamatan" if number % 5 == 0 else ""
        row["Rating"] = number % 5 + 1 if number % 3 else ""
        row["Nama Pelapor"] = "" if number % 2 else f"Pelapor {number}"
        row["Telepon Pelapor"] = "081234567890" if number % 3 == 0 else ""
    return rows


def raw_rows(connection: Any) -> list[tuple[object, ...]]:
    """Every complaint as SQLite holds it: storage class and literal text of each cell."""
    cells = ", ".join(f"typeof({c.name}), quote({c.name})" for c in TABLE.columns)
    return list(connection.exec_driver_sql(f"SELECT {cells} FROM complaint ORDER BY id").all())


@pytest.mark.parametrize("write", [write_xlsx, write_csv])
def test_imported_complaints_are_stored_exactly_as_core_stores_them(
    services: Services, tmp_path: Path, write: Any
) -> None:
    path = write(tmp_path / f"export.{write.__name__[6:]}", varied_rows(), OWN_HEADERS)
    preview = services.imports.preview(path)
    assert not preview.errors and len(preview.new) == 40
    services.imports.commit(LOCAL_OPERATOR, preview)
    with services.engine.connect() as connection:
        stored = raw_rows(connection)
        kinds = {(c.name, cell) for row in stored
                 for c, cell in zip(TABLE.columns, row[::2], strict=True)}
        # The file reached every kind of column: text, dates, flags, numbers, empty cells.
        assert {("received_at", "text"), ("verified_at", "text"), ("verified_at", "null"),
                ("completed_at", "text"), ("urgent", "integer"), ("rating", "integer"),
                ("reporter_name", "null"), ("reporter_phone", "text")} <= kinds
        # Written again through Core from what Core reads back, nothing may change.
        complaints = connection.execute(select(TABLE)).mappings().all()
        others = [c.name for c in TABLE.columns if c.name != "id"]
        connection.execute(
            update(TABLE).where(TABLE.c.id == bindparam("b_id"))
            .values({name: bindparam(f"b_{name}") for name in others}),
            [{f"b_{key}": value for key, value in row.items()} for row in complaints],
        )
        assert raw_rows(connection) == stored
        connection.rollback()


class Stop(Exception):
    pass


@pytest.mark.parametrize("stop_at", [None, 0.5])
def test_the_page_cache_is_back_to_its_size_after_a_commit(
    services: Services, tmp_path: Path, stop_at: float | None
) -> None:
    preview = services.imports.preview(write_csv(tmp_path / "a.csv", portal_rows(300)))
    statements: list[str] = []
    checked_in: list[int] = []

    def executed(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.startswith("PRAGMA cache_size"):
            statements.append(statement)

    def returned(dbapi_connection: Any, _record: Any) -> None:
        if dbapi_connection is not None:
            checked_in.append(dbapi_connection.execute("PRAGMA cache_size").fetchone()[0])

    def progress(done: int, total: int) -> None:
        if stop_at is not None and done >= stop_at * total:
            raise Stop

    event.listen(services.engine, "before_cursor_execute", executed)
    event.listen(services.engine, "checkin", returned)
    try:
        if stop_at is None:
            services.imports.commit(LOCAL_OPERATOR, preview, progress=progress)
        else:
            with pytest.raises(Stop):
                services.imports.commit(LOCAL_OPERATOR, preview, progress=progress)
    finally:
        event.remove(services.engine, "before_cursor_execute", executed)
        event.remove(services.engine, "checkin", returned)
    assert statements == ["PRAGMA cache_size", "PRAGMA cache_size = -65536",
                          "PRAGMA cache_size = -2000"]
    assert checked_in and set(checked_in) == {-2000}


def test_the_garbage_collector_is_paused_while_an_import_runs_and_back_after_it(
    services: Services, tmp_path: Path
) -> None:
    collecting: list[bool] = []

    def progress(done: int, total: int) -> None:
        collecting.append(gc.isenabled())

    def stop(done: int, total: int) -> None:
        raise Stop

    assert gc.isenabled()
    with pytest.raises(ImportFileError):
        services.imports.preview(write_not_spreadsheet(tmp_path / "rusak.xlsx"))
    assert gc.isenabled()
    preview = services.imports.preview(write_csv(tmp_path / "a.csv", portal_rows(1500)),
                                       progress=progress)
    with pytest.raises(Stop):
        services.imports.commit(LOCAL_OPERATOR, preview, progress=stop)
    assert gc.isenabled()
    services.imports.commit(LOCAL_OPERATOR, preview, progress=progress)
    assert gc.isenabled()
    assert len(collecting) > 4 and not any(collecting)


def test_stored_deadlines_of_an_import_are_stored_exactly_as_core_stores_them(
    services: Services, tmp_path: Path
) -> None:
    # The deadlines' rows also go to the driver as tuples (persistence/bulk.py): dates, flags
    # and empty cells must be exactly what Core writes, or the SQL filters would miss rows.
    from lapor_desk.models import ComplaintDeadline

    deadline: Any = ComplaintDeadline.__table__
    path = write_xlsx(tmp_path / "export.xlsx", varied_rows(), OWN_HEADERS)
    services.imports.commit(LOCAL_OPERATOR, services.imports.preview(path))
    cells = ", ".join(f"typeof({c.name}), quote({c.name})" for c in deadline.columns)
    query = f"SELECT {cells} FROM complaint_deadline ORDER BY complaint_id"
    with services.engine.connect() as connection:
        stored = list(connection.exec_driver_sql(query).all())
        assert len(stored) == 40
        kinds = {(c.name, cell) for row in stored
                 for c, cell in zip(deadline.columns, row[::2], strict=True)}
        assert {("verification_due", "text"), ("received_on", "text"), ("waited", "integer"),
                ("open_due", "null")} <= kinds
        rows = connection.execute(select(deadline)).mappings().all()
        connection.execute(deadline.delete())
        connection.execute(deadline.insert(), [dict(row) for row in rows])
        assert list(connection.exec_driver_sql(query).all()) == stored
        # The search index was built in bulk, found what was imported, and its pending-entries
        # memory is back at the default.
        hashsize = connection.exec_driver_sql(
            "SELECT v FROM complaint_fts_config WHERE k = 'hashsize'").scalar()
        assert hashsize == 1 << 20
        assert connection.exec_driver_sql(
            "SELECT count(*) FROM complaint_fts WHERE complaint_fts MATCH 'ß*'").scalar() == 40
        connection.rollback()


_DEADLINE_INDEXES = ("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                     "AND tbl_name = 'complaint_deadline' ORDER BY name")


@pytest.mark.parametrize("cancelled", [False, True])
def test_a_bulk_import_builds_the_deadline_indexes_anew_even_when_cancelled(
    services: Services, tmp_path: Path, cancelled: bool
) -> None:
    """Into a smaller table the stored deadlines go in without their indexes, which are then
    built from the model again: the same definitions, whether the import ended or not."""
    with services.engine.connect() as connection:
        before = connection.exec_driver_sql(_DEADLINE_INDEXES).all()
    assert len(before) == 8
    dropped: list[str] = []

    def executed(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().startswith("DROP INDEX"):
            dropped.append(statement)

    def progress(done: int, total: int) -> None:
        if cancelled and done >= total:  # the first such report comes from the deadlines
            raise Stop

    preview = services.imports.preview(write_csv(tmp_path / "a.csv", portal_rows(300)))
    event.listen(services.engine, "before_cursor_execute", executed)
    try:
        if cancelled:
            with pytest.raises(Stop):
                services.imports.commit(LOCAL_OPERATOR, preview, progress=progress)
        else:
            services.imports.commit(LOCAL_OPERATOR, preview, progress=progress)
        assert len(dropped) == 8
        # A smaller import into a larger table keeps the indexes as they are (after the
        # cancelled import the table is still empty).
        dropped.clear()
        rows = portal_rows(100, first_id=7_000_000, seed=4)
        services.imports.commit(LOCAL_OPERATOR, services.imports.preview(
            write_csv(tmp_path / "b.csv", rows)))
        assert len(dropped) == (8 if cancelled else 0)
    finally:
        event.remove(services.engine, "before_cursor_execute", executed)
    with services.engine.connect() as connection:
        assert connection.exec_driver_sql(_DEADLINE_INDEXES).all() == before
        counts = connection.exec_driver_sql(
            "SELECT (SELECT count(*) FROM complaint), (SELECT count(*) FROM complaint_deadline)"
        ).one()
    assert tuple(counts) == ((100, 100) if cancelled else (400, 400))
