"""A full disk, for real: an SQLite register that may not grow beyond a number of pages."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event


@contextmanager
def room_for(engine: Engine, pages: int) -> Iterator[None]:
    """Inside, the register's file may grow by ``pages`` pages only (SQLite's max_page_count).

    Every connection is opened anew with the limit, and again without it afterwards.
    """
    with engine.connect() as connection:
        limit = connection.exec_driver_sql("PRAGMA page_count").scalar_one() + pages

    def limited(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {limit}")

    event.listen(engine, "connect", limited)
    engine.dispose()
    try:
        yield
    finally:
        event.remove(engine, "connect", limited)
        engine.dispose()
