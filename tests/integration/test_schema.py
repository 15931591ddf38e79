"""The schema comes from Alembic and matches the models, on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from lapor_desk.domain.errors import RegisterError
from lapor_desk.models import Base
from lapor_desk.persistence.backup import backup_sqlite
from lapor_desk.persistence.engine import make_engine
from lapor_desk.persistence.migrate import current_revision, head_revision, migrate
from lapor_desk.persistence.search import include_object
from lapor_desk.services.bootstrap import open_services
from tests.conftest import fixed_clock


def _diff(url: str) -> list[object]:
    engine = make_engine(url)
    try:
        migrate(engine)
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "include_object": include_object}
            )
            return list(compare_metadata(context, Base.metadata))
    finally:
        engine.dispose()


def test_alembic_head_on_empty_sqlite_matches_models(tmp_path: Path) -> None:
    assert _diff(str(tmp_path / "fresh.sqlite3")) == []


@pytest.mark.postgres
def test_alembic_head_on_empty_postgresql_matches_models(pg_url: str) -> None:
    assert _diff(pg_url) == []


def test_sqlite_register_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "r.sqlite3")
    try:
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    finally:
        engine.dispose()


def test_migrate_is_transactional_ddl_on_sqlite(tmp_path: Path) -> None:
    """A failing migration step leaves no half-made tables behind."""
    engine = make_engine(tmp_path / "r.sqlite3")
    try:
        with pytest.raises(RuntimeError), engine.begin() as connection:
            connection.execute(text("CREATE TABLE half_made (id INTEGER)"))
            raise RuntimeError("boom")
        assert "half_made" not in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_second_migrate_changes_nothing_and_backs_up_only_when_upgrading(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "r.sqlite3")
    try:
        assert migrate(engine, tmp_path / "backups") is None  # new register: nothing to back up
        assert current_revision(engine) == head_revision()
        assert migrate(engine, tmp_path / "backups") is None
        assert not (tmp_path / "backups").exists()
    finally:
        engine.dispose()


def test_register_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    engine = make_engine(path)
    try:
        migrate(engine)
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = 'ffff_future'"))
        with pytest.raises(RegisterError, match="versi yang lebih baru"):
            migrate(engine)
    finally:
        engine.dispose()


def test_backup_is_a_consistent_copy_of_an_open_register(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    engine = make_engine(path)
    try:
        migrate(engine)
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO setting (key, value) VALUES ('marker', 'x')"))
        copy = backup_sqlite(engine, tmp_path / "backups" / "copy.sqlite3")
    finally:
        engine.dispose()
    with sqlite3.connect(copy) as connection:
        assert connection.execute("SELECT value FROM setting WHERE key='marker'").fetchone() == (
            "x",
        )


def test_corrupt_file_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with (
        pytest.raises(RegisterError, match=r"rusak|bukan basis data"),
        open_services(path, data_dir=tmp_path, clock=fixed_clock),
    ):
        pass


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER)")
    with (
        pytest.raises(RegisterError),
        open_services(path, data_dir=tmp_path, clock=fixed_clock),
    ):
        pass
