"""Engine factory: SQLite files with safe pragmas, or a PostgreSQL server by URL."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker


def database_url(target: str | Path) -> str:
    """A SQLAlchemy URL from a file path or an existing URL (``postgresql://…``)."""
    text = str(target)
    if "://" in text:
        url = make_url(text)
        if url.drivername in ("postgresql", "postgres"):
            return url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


class _SQLiteConnection(sqlite3.Connection):
    """A register connection whose rollback survives SQLite having rolled back by itself.

    On a full disk (or out of memory) SQLite ends the transaction on its own. A ROLLBACK then
    fails with "cannot rollback - no transaction is active", and that error, not the full
    disk, is what the caller would see. Here the rollback has nothing to undo: it opens the
    next transaction as PEP 249 mode does after a rollback, and the original error stands.
    """

    def rollback(self) -> None:
        """Roll back the transaction if SQLite has not already done so."""
        if self.in_transaction or self.autocommit is not False:
            super().rollback()
        else:
            self.execute("BEGIN")


#: How long a write waits for another connection's lock before it gives up (both databases).
LOCK_WAIT_MS = 5000


def _sqlite_code(error: BaseException) -> int | None:
    # Python reports SQLite's extended code (SQLITE_BUSY_SNAPSHOT is 517): the low byte is the
    # primary one (SQLITE_BUSY, 5).
    code = getattr(getattr(error, "orig", error), "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _sqlstate(error: BaseException) -> str | None:
    state = getattr(getattr(error, "orig", error), "sqlstate", None)
    return state if isinstance(state, str) else None


def is_disk_full(error: BaseException) -> bool:
    """True for the database's "disk full" error (SQLite's SQLITE_FULL, PostgreSQL's 53100)."""
    return _sqlite_code(error) == sqlite3.SQLITE_FULL or _sqlstate(error) == "53100"


def is_busy(error: BaseException) -> bool:
    """True when another connection held a lock too long: trying again may work.

    SQLite's SQLITE_BUSY with its variants ("database is locked", also when another
    connection wrote since this transaction read; SQLITE_LOCKED comes from this connection
    itself, a bug, and is left to the generic message); PostgreSQL's lock timeout, deadlock and
    serialization failures.
    """
    return _sqlite_code(error) == sqlite3.SQLITE_BUSY or _sqlstate(error) in (
        "55P03", "40P01", "40001")


def _on_sqlite_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Pragmas cannot change inside a transaction, and with autocommit=False one is always open:
    # step out of it for the pragmas, then back to PEP 249 transactions (transactional DDL).
    dbapi_connection.autocommit = True
    for pragma in (
        "PRAGMA journal_mode=WAL",
        "PRAGMA foreign_keys=ON",
        "PRAGMA synchronous=FULL",
        f"PRAGMA busy_timeout={LOCK_WAIT_MS}",
    ):
        dbapi_connection.execute(pragma)
    dbapi_connection.autocommit = False


def make_engine(target: str | Path) -> Engine:
    """An engine for ``target`` (a path or URL), configured for the register."""
    url = database_url(target)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"autocommit": False,
                                                  "factory": _SQLiteConnection})
        event.listen(engine, "connect", _on_sqlite_connect)
        return engine
    engine = create_engine(url, pool_pre_ping=True)
    event.listen(engine, "connect", _on_postgresql_connect)
    return engine


def _on_postgresql_connect(dbapi_connection: Any, _record: Any) -> None:
    # A row another user keeps locked fails after the same wait as SQLite's busy timeout, with
    # a message (services/failures.py), instead of hanging the window. Set per session, not
    # as a startup option: that would replace the URL's own options and poolers refuse it.
    cursor = dbapi_connection.cursor()
    cursor.execute(f"SET lock_timeout = {LOCK_WAIT_MS}")
    cursor.close()
    dbapi_connection.commit()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """The sessionmaker every service receives."""
    return sessionmaker(engine, expire_on_commit=False)
