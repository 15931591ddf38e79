"""Writing a previewed import: Core executemany, the search index in bulk, set-based history."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    DateTime,
    String,
    Text,
    bindparam,
    func,
    insert,
    literal,
    null,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session

from lapor_desk.domain.errors import ConcurrentEdit
from lapor_desk.i18n import _
from lapor_desk.persistence.search import FTS_TABLE
from lapor_desk.services.importer.merge import COMPLAINT_TABLE, HISTORY_TABLE, Plan

_table = COMPLAINT_TABLE
_history = HISTORY_TABLE
#: Rows per executemany: between two of them the caller hears of the progress (and may cancel).
WRITE_CHUNK = 5_000


def _chunks(rows: Sequence[dict[str, Any]]) -> Iterator[Sequence[dict[str, Any]]]:
    for start in range(0, len(rows), WRITE_CHUNK):
        yield rows[start:start + WRITE_CHUNK]


@contextmanager
def _search_index_in_bulk(connection: Connection, before: int) -> Iterator[None]:
    """Index the complaints inserted inside the block (ids above ``before``) in one statement.

    SQLite's FTS5 index is kept in step by an AFTER INSERT trigger; fired 100.000 times it
    costs three times the bulk insert of the same rows into the index. The trigger is dropped
    for the block and recreated from its own stored SQL, all inside the caller's transaction
    (DDL is transactional in SQLite), so a failed import leaves trigger and index as they were.
    PostgreSQL's expression index keeps itself up to date: nothing to do there.
    TODO(issue 3 review): move next to the trigger's definition in persistence/search.py.
    """
    trigger = f"{FTS_TABLE}_ai"
    stored = None
    if connection.dialect.name == "sqlite":
        stored = connection.execute(
            text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :name"),
            {"name": trigger},
        ).scalar()
    if stored is None:
        yield
        return
    connection.exec_driver_sql(f"DROP TRIGGER {trigger}")
    yield
    connection.execute(
        text(f"INSERT INTO {FTS_TABLE} (rowid, title, text_original, text_edited) "
             "SELECT id, title, text_original, text_edited FROM complaint WHERE id > :before"),
        {"before": before},
    )
    connection.exec_driver_sql(stored)


def changed_since_preview() -> str:
    """The message when the register changed between the preview and the commit."""
    return _("Complaints of this file were changed or added by someone else since the "
             "preview; nothing was imported. Preview the file again.")


def write_plan(session: Session, plan: Plan, batch_id: int, actor_name: str,
               now: datetime, filename: str,
               progress: Callable[[int], None] | None = None) -> list[int]:
    """Write the plan with Core executemany; returns the ids of every complaint written.

    Times are the commit's, not the preview's. Raises ConcurrentEdit when a complaint to update
    changed since the preview (its version moved on); a complaint added meanwhile under a new
    tracking id makes the insert fail on the unique constraint (IntegrityError). ``progress``
    hears how many complaints are written after each chunk; whatever it raises propagates.
    """
    report = progress or (lambda done: None)
    connection = session.connection()
    written: list[int] = []
    history: list[dict[str, Any]] = []
    if plan.inserts:
        stamp = {"import_batch_id": batch_id, "created_at": now, "updated_at": now}
        before = connection.execute(
            select(func.coalesce(func.max(_table.c.id), 0))).scalar_one()
        with _search_index_in_bulk(connection, before):
            done = 0
            for chunk in _chunks(plan.inserts):
                connection.execute(insert(_table), [row | stamp for row in chunk])
                done += len(chunk)
                report(done)
        # Ours: above ``before`` and in this batch (a complaint another PostgreSQL session
        # adds meanwhile has neither). The first history entry of each new complaint is
        # written by the database itself, set-based.
        new = (_table.c.id > before) & (_table.c.import_batch_id == batch_id)
        written.extend(connection.execute(select(_table.c.id).where(new)).scalars())
        imported = _("Imported from the portal export {file}").format(file=filename)
        connection.execute(insert(_history).from_select(
            ["complaint_id", "changed_at", "from_status", "to_status", "reason", "changed_by",
             "origin"],
            select(_table.c.id, literal(now, DateTime()), null(), _table.c.status,
                   literal(imported, Text()), literal(actor_name, String()),
                   literal("import", String())).where(new).order_by(_table.c.id),
        ))
    if plan.updates:
        columns = [c for c in plan.updates[0] if not c.startswith("_")]
        # Bound names must differ from column names in an UPDATE's SET clause.
        parameters = [
            {f"p_{key}": value for key, value in row.items()}
            | {"p_import_batch_id": batch_id, "p_updated_at": now}
            for row in plan.updates
        ]
        updating = (
            update(_table)
            .where(_table.c.id == bindparam("p__id"),
                   _table.c.version == bindparam("p__version"))
            .values({c: bindparam(f"p_{c}") for c in columns} | {"version": _table.c.version + 1})
        )
        for start in range(0, len(parameters), WRITE_CHUNK):
            chunk = parameters[start:start + WRITE_CHUNK]
            if connection.execute(updating, chunk).rowcount != len(chunk):
                raise ConcurrentEdit(changed_since_preview())
            report(len(plan.inserts) + start + len(chunk))
        written.extend(row["_id"] for row in plan.updates)
    for move in plan.moves:
        history.append({
            "complaint_id": move.complaint_id, "changed_at": now,
            "from_status": move.old.value, "to_status": move.new.value,
            "reason": move.reason, "changed_by": actor_name, "origin": "import",
        })
    if history:
        connection.execute(insert(_history), history)
    return written
