"""Bring a register's schema to the current version: back up first, refuse newer registers."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect
from sqlalchemy.exc import DatabaseError, OperationalError

from lapor_desk.domain.errors import RegisterError
from lapor_desk.i18n import _
from lapor_desk.persistence.backup import backup_sqlite

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    """An Alembic configuration pointing at the packaged migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The newest schema revision this program knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the package ships at least one migration"
    return head


def current_revision(engine: Engine) -> str | None:
    """The register's schema revision, ``None`` for an empty database."""
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    except (DatabaseError, OperationalError) as error:
        raise RegisterError(
            _("The register cannot be opened: it is not a LAPOR Desk database or it is damaged.")
        ) from error


def migrate(engine: Engine, backup_dir: Path | None = None) -> Path | None:
    """Upgrade ``engine``'s schema to head; returns the backup made before, if any.

    A register written by a newer LAPOR Desk is refused rather than damaged. A SQLite register
    that already has tables is backed up into ``backup_dir`` before any change.
    """
    script = ScriptDirectory.from_config(alembic_config())
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return None
    if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
        raise RegisterError(
            _("The register was written by a newer version of LAPOR Desk; please update.")
        )
    backup: Path | None = None
    if current is None:
        with engine.connect() as connection:
            tables = inspect(connection).get_table_names()
        if tables:
            raise RegisterError(
                _("The register cannot be opened: it is not a LAPOR Desk database.")
            )
    elif backup_dir is not None and engine.dialect.name == "sqlite":
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = backup_sqlite(engine, backup_dir / f"before-migrate-{stamp}.sqlite3")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return backup
