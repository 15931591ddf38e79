"""Writing a previewed import: bulk executemany, the search index in bulk, set-based history."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter
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
    update,
)
from sqlalchemy.orm import Session

from lapor_desk.domain.errors import ConcurrentEdit
from lapor_desk.i18n import _
from lapor_desk.persistence.bulk import insert_many
from lapor_desk.persistence.search import search_index_in_bulk
from lapor_desk.services.importer.merge import COMPLAINT_TABLE, HISTORY_TABLE, Plan

_table = COMPLAINT_TABLE
_history = HISTORY_TABLE
#: Rows per executemany: between two of them the caller hears of the progress (and may cancel).
WRITE_CHUNK = 5_000
#: SQLite page cache while an import writes, in KiB. With the default 2 MB every row inserted
#: reads the B-tree pages of the complaint table's indexes (and of the stored deadlines') back
#: from the operating system: 100.000 complaints took 3,0 s of CPU instead of 1,7 s.
BULK_CACHE_KIB = 64 * 1024


def _chunks[T](rows: Sequence[T]) -> Iterator[tuple[int, Sequence[T]]]:
    """``rows`` by :data:`WRITE_CHUNK`, each chunk with the position of its first row."""
    for start in range(0, len(rows), WRITE_CHUNK):
        yield start, rows[start:start + WRITE_CHUNK]


@contextmanager
def bulk_page_cache(connection: Connection) -> Iterator[None]:
    """A larger SQLite page cache for the block, back to the connection's own size after it.

    The pages are only allocated as they are read (at most :data:`BULK_CACHE_KIB`), and freed
    when the size goes back. PostgreSQL sizes its buffers itself: nothing to do there.
    """
    if connection.dialect.name != "sqlite":
        yield
        return
    before = int(connection.exec_driver_sql("PRAGMA cache_size").scalar_one())
    connection.exec_driver_sql(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {before}")


def _insert_complaints(connection: Connection, rows: Sequence[dict[str, Any]],
                       stamp: dict[str, Any], report: Callable[[int], None]) -> None:
    """Insert ``rows``, each completed by ``stamp``, a chunk per executemany.

    The rows go to :func:`~lapor_desk.persistence.bulk.insert_many` as tuples: Core's per-row
    handling of 37 named parameters cost a third of the insert on SQLite.
    """
    # Every record carries every column (Planner completes them), so there are many columns
    # and itemgetter returns a tuple.
    columns = [column for column in rows[0] if column not in stamp]
    values_of = itemgetter(*columns)
    names = [*columns, *stamp]
    stamped = tuple(stamp.values())
    for start, chunk in _chunks(rows):
        insert_many(connection, _table, names, [(*values_of(row), *stamped) for row in chunk])
        report(start + len(chunk))


def changed_since_preview() -> str:
    """The message when the register changed between the preview and the commit."""
    return _("Complaints of this file were changed or added by someone else since the "
             "preview; nothing was imported. Preview the file again.")


@dataclass(frozen=True, slots=True)
class Written:
    """What :func:`write_plan` wrote."""

    #: Each new complaint's id and the values it was inserted with.
    inserted: list[tuple[int, dict[str, Any]]]
    #: The ids of the complaints updated.
    updated: list[int]

    @property
    def count(self) -> int:
        """How many complaints were written."""
        return len(self.inserted) + len(self.updated)

    @property
    def ids(self) -> list[int]:
        """Every complaint written."""
        return [complaint_id for complaint_id, _row in self.inserted] + self.updated


def write_plan(session: Session, plan: Plan, batch_id: int, actor_name: str,
               now: datetime, filename: str,
               progress: Callable[[int], None] | None = None,
               on_inserted: Callable[[list[tuple[int, dict[str, Any]]]], None] | None = None,
               ) -> Written:
    """Write the plan with Core executemany; returns what was written.

    ``on_inserted`` hears of the new complaints (:attr:`Written.inserted`) as soon as they are
    in, before their search index is built: work that needs no database can start meanwhile.

    Times are the commit's, not the preview's. Raises ConcurrentEdit when a complaint to update
    changed since the preview (its version moved on); a complaint added meanwhile under a new
    tracking id makes the insert fail on the unique constraint (IntegrityError). ``progress``
    hears how many complaints are written after each chunk; whatever it raises propagates.
    """
    report = progress or (lambda done: None)
    connection = session.connection()
    inserted: list[tuple[int, dict[str, Any]]] = []
    history: list[dict[str, Any]] = []
    if plan.inserts:
        stamp = {"import_batch_id": batch_id, "created_at": now, "updated_at": now}
        before = connection.execute(
            select(func.coalesce(func.max(_table.c.id), 0))).scalar_one()
        # Ours: above ``before`` and in this batch (a complaint another PostgreSQL session
        # adds meanwhile has neither).
        new = (_table.c.id > before) & (_table.c.import_batch_id == batch_id)
        with search_index_in_bulk(connection, before):
            _insert_complaints(connection, plan.inserts, stamp, report)
            records = {row["tracking_id"]: row for row in plan.inserts}
            inserted.extend(
                (complaint_id, records[tracking_id])
                for complaint_id, tracking_id in connection.execute(
                    select(_table.c.id, _table.c.tracking_id).where(new).order_by(_table.c.id))
            )
            if on_inserted is not None:
                on_inserted(inserted)  # before the search index is built, at the block's end
        # The first history entry of each new complaint is written by the database itself,
        # set-based.
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
    for move in plan.moves:
        history.append({
            "complaint_id": move.complaint_id, "changed_at": now,
            "from_status": move.old.value, "to_status": move.new.value,
            "reason": move.reason, "changed_by": actor_name, "origin": "import",
        })
    if history:
        connection.execute(insert(_history), history)
    return Written(inserted, [row["_id"] for row in plan.updates])
