"""Consistent copies of a SQLite register through SQLite's online backup API."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine


def backup_sqlite(engine: Engine, target: Path) -> Path:
    """Copy the register behind ``engine`` to ``target`` while it stays usable."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        raise ValueError("only a SQLite file register can be backed up this way")
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(database)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    return target
