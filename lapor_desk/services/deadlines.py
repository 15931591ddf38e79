"""Stored deadlines: each complaint's SLA due dates and lead unit, written in bulk for SQL filters.

The register view filters "overdue" and "due soon" over a million complaints in SQL, so the due
dates the domain computes (:func:`lapor_desk.domain.sla.complaint_sla`) are stored per complaint
in ``complaint_deadline``. Whatever changes a complaint, the calendar or the SLA rules calls
:func:`refresh_deadlines` in its own transaction.

Due dates are evaluated as of the reference date, exactly as the statistics do, so that the
register's "overdue" filter and the overview's overdue figure agree. Only a complaint waiting
for the reporter has due dates that move with the reference date (its clock is paused, so
each day waited pushes them back a day): when the reference date moves, those few complaints
are refreshed (:func:`refresh_waiting_deadlines`); the filter compares the stored dates with
the reference date at query time.

Beside the due dates, each row carries the facts the analysis groups by (status, topic,
klasifikasi, rating, channel, region, received date, when the response clock started, the
first response and whether it was on time, whether the complaint ever waited for the
reporter): :mod:`lapor_desk.services.analysis` reads nothing else, so whatever changes one of
them must call :func:`refresh_deadlines`, as every writer does.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Table, delete, exists, func, select
from sqlalchemy.orm import Session, sessionmaker

from lapor_desk.domain.calendar import WorkingCalendar
from lapor_desk.domain.enums import InternalStatus, SlaStage, SlaState
from lapor_desk.domain.sla import SlaRule, Timeline, complaint_sla
from lapor_desk.models import Complaint, ComplaintDeadline, Setting
from lapor_desk.persistence.bulk import indexes_rebuilt_after, insert_many
from lapor_desk.services.timelines import (
    ComplaintTimeline,
    inserted_timeline,
    load_timelines,
)

if TYPE_CHECKING:  # settings.py refreshes deadlines itself, so it cannot be imported here
    from lapor_desk.services.settings import SettingsService

#: Setting holding the reference date the waiting complaints' deadlines were computed for.
DEADLINES_AS_OF = "deadlines_as_of"
#: Complaints computed per round trip; bounds memory and the size of IN lists.
CHUNK = 5_000
#: No deadline runs for these (the statistics leave them out of the SLA figures too).
_NO_OPEN_DUE = frozenset(
    {InternalStatus.SELESAI, InternalStatus.DIARSIPKAN, InternalStatus.TERBLOKIR}
)


#: Due dates of one timeline: (verification, first response, completion, open), and whether
#: the first response came in time (``None`` while it has not come).
_Dues = tuple[date, date, date, date | None, bool | None]
#: Complaint columns copied as they are beside the deadlines, for the analysis.
_COPIED = (Complaint.klasifikasi, Complaint.rating, Complaint.channel, Complaint.province,
           Complaint.city)


def _dues(
    calendar: WorkingCalendar,
    rules: Sequence[SlaRule],
    timeline: Timeline,
    status: InternalStatus,
    as_of: date,
) -> _Dues:
    results = {r.stage: r for r in complaint_sla(calendar, rules, timeline, as_of)}
    open_due = None
    if status not in _NO_OPEN_DUE:
        running = [r.due for r in results.values() if r.done is None]
        open_due = min(running) if running else None
    first = results[SlaStage.FIRST_RESPONSE]
    return (
        results[SlaStage.VERIFICATION].due,
        first.due,
        results[SlaStage.COMPLETION].due,
        open_due,
        None if first.done is None else first.state is SlaState.MET,
    )


def deadline_values(
    calendar: WorkingCalendar,
    rules: Sequence[SlaRule],
    item: ComplaintTimeline,
    as_of: date,
    cache: dict[tuple[Timeline, InternalStatus], _Dues] | None = None,
    copied: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The ``complaint_deadline`` row of one complaint, evaluated as of ``as_of``.

    Complaints with the same dates, classification and status share their due dates; a bulk
    writer passes one ``cache`` for the whole call, so a fresh import of 100.000 untouched
    complaints computes each distinct timeline once instead of once per complaint.
    ``copied`` holds the complaint's own columns of :data:`_COPIED` (``None`` each if omitted).
    """
    key = (item.timeline, item.status)
    dues = cache.get(key) if cache is not None else None
    if dues is None:
        dues = _dues(calendar, rules, item.timeline, item.status, as_of)
        if cache is not None:
            cache[key] = dues
    timeline = item.timeline
    received = timeline.received
    return {
        "complaint_id": item.complaint_id,
        "verification_due": dues[0],
        "first_response_due": dues[1],
        "completion_due": dues[2],
        "open_due": dues[3],
        "lead_unit_id": item.lead_unit_id,
        "received_on": received,
        "received_month": received.year * 100 + received.month,
        "status": item.status.value,
        "topic_id": item.topic_id,
        **(copied or dict.fromkeys(c.key for c in _COPIED)),
        "verified_on": timeline.verified,
        "first_response_on": timeline.first_response,
        "first_response_met": dues[4],
        "waited": bool(timeline.pauses),
    }


def _copied(session: Session, condition: ColumnElement[bool]) -> dict[int, dict[str, Any]]:
    return {
        row[0]: dict(zip((c.key for c in _COPIED), row[1:], strict=True))
        for row in session.execute(select(Complaint.id, *_COPIED).where(condition))
    }


def _write(
    session: Session,
    calendar: WorkingCalendar,
    rules: Sequence[SlaRule],
    condition: ColumnElement[bool],
    stale: ColumnElement[bool],
    as_of: date,
    cache: dict[tuple[Timeline, InternalStatus], _Dues],
) -> int:
    copied = _copied(session, condition)
    rows = [
        deadline_values(calendar, rules, item, as_of, cache, copied[item.complaint_id])
        for item in load_timelines(session, condition)
    ]
    # Only rows that differ are rewritten: each row sits in eight indexes, and deleting and
    # inserting it again costs far more than comparing it (measured at 1M: rewriting 100.000
    # unchanged rows took 20 s, comparing them 5 s). A change of the calendar or of a rule
    # moves few complaints' due dates.
    table, keys = _deadline_table()
    stored = {row[0]: tuple(row) for row in session.execute(select(*table.columns).where(stale))}
    changed = []
    for row in rows:
        before = stored.pop(row["complaint_id"], None)
        if before != tuple(row[k] for k in keys):
            changed.append(row)
            if before is not None:
                stored[row["complaint_id"]] = before  # to be deleted, then inserted anew
    if stored:  # changed rows, and rows of complaints no longer there
        session.execute(delete(ComplaintDeadline).where(
            ComplaintDeadline.complaint_id.in_(list(stored))))
    if changed:
        insert_many(session.connection(), table, keys,
                    [[row[k] for k in keys] for row in changed])
    return len(rows)


def _deadline_table() -> tuple[Table, list[str]]:
    table = ComplaintDeadline.__table__
    assert isinstance(table, Table)
    return table, [c.key for c in table.columns]


def new_deadline_rows(
    calendar: WorkingCalendar,
    rules: Sequence[SlaRule],
    topic_limits: Mapping[int, int | None],
    inserted: Sequence[tuple[int, Mapping[str, Any]]],
    *,
    entered_at: datetime,
    as_of: date,
    stop: threading.Event | None = None,
) -> list[list[Any]]:
    """The ``complaint_deadline`` rows of complaints just inserted, from their inserted values.

    ``inserted``: each new complaint's id and its row's values (at least the columns of
    :func:`~lapor_desk.services.timelines.inserted_timeline` and :data:`_COPIED`), with no
    disposition, follow-up or deadline row yet and one status history entry written at
    ``entered_at`` (a bulk import); ``topic_limits`` as
    :func:`~lapor_desk.services.timelines.urgent_topic_limits` reads them. The rows are what
    :func:`refresh_deadlines` would write (tests/integration/test_analysis_facts.py compares
    them), values in the table's column order. Reads nothing: an import computes them on a
    thread of its own while SQLite builds the search index, and sets ``stop`` when the import
    fails meanwhile: the rows computed so far are then dropped (an empty list comes back).
    """
    _table, keys = _deadline_table()
    copied_keys = [c.key for c in _COPIED]
    cache: dict[tuple[Timeline, InternalStatus], _Dues] = {}
    rows = []
    for position, (complaint_id, columns) in enumerate(inserted):
        if stop is not None and position % CHUNK == 0 and stop.is_set():
            return []
        item = inserted_timeline(complaint_id, columns, entered_at, topic_limits)
        copied = {key: columns[key] for key in copied_keys}
        row = deadline_values(calendar, rules, item, as_of, cache, copied)
        rows.append([row[key] for key in keys])
    return rows


def insert_deadline_rows(
    session: Session,
    rows: Sequence[Sequence[Any]],
    progress: Callable[[int], None] | None = None,
) -> int:
    """Insert new complaints' rows of :func:`new_deadline_rows`, a :data:`CHUNK` at a time.

    ``progress`` hears how many are stored after each chunk.
    """
    table, keys = _deadline_table()
    connection = session.connection()
    with indexes_rebuilt_after(connection, table, len(rows)):
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start:start + CHUNK]
            insert_many(connection, table, keys, chunk)
            if progress is not None:
                progress(start + len(chunk))
    return len(rows)


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def refresh_deadlines(
    session: Session,
    calendar: WorkingCalendar,
    rules: Sequence[SlaRule],
    complaint_ids: Collection[int] | None,
    *,
    as_of: date,
) -> int:
    """Recompute and store the deadlines of ``complaint_ids`` (every complaint when ``None``).

    ``as_of`` is the register's reference date. Runs inside the caller's transaction, in chunks
    of :data:`CHUNK` complaints written with Core executemany. Ids of complaints that no longer
    exist are ignored. Returns how many complaints were written.
    """
    # Whatever the caller's session holds must reach the database before it is read back.
    session.flush()
    written = 0
    cache: dict[tuple[Timeline, InternalStatus], _Dues] = {}
    if complaint_ids is not None:
        for chunk in _chunks(sorted(set(complaint_ids))):
            # A run of consecutive ids (the complaints an import just inserted) is one range
            # scan; an IN list of thousands is compiled and looked up one id at a time.
            if chunk[-1] - chunk[0] + 1 == len(chunk):
                wanted = Complaint.id.between(chunk[0], chunk[-1])
                stale = ComplaintDeadline.complaint_id.between(chunk[0], chunk[-1])
            else:
                wanted = Complaint.id.in_(chunk)
                stale = ComplaintDeadline.complaint_id.in_(chunk)
            written += _write(session, calendar, rules, wanted, stale, as_of, cache)
        return written
    low, high = session.execute(select(func.min(Complaint.id), func.max(Complaint.id))).one()
    _remember(session, as_of)
    if low is None:
        session.execute(delete(ComplaintDeadline))
        return 0
    # Id ranges rather than IN lists: each chunk is one range scan of the primary key.
    for start in range(low, high + 1, CHUNK):
        end = start + CHUNK - 1
        written += _write(
            session,
            calendar,
            rules,
            Complaint.id.between(start, end),
            ComplaintDeadline.complaint_id.between(start, end),
            as_of,
            cache,
        )
    return written


def _remember(session: Session, as_of: date) -> None:
    row = session.get(Setting, DEADLINES_AS_OF)
    if row is None:
        session.add(Setting(key=DEADLINES_AS_OF, value=as_of.isoformat()))
    else:
        row.value = as_of.isoformat()


def refresh_waiting_deadlines(
    session: Session, calendar: WorkingCalendar, rules: Sequence[SlaRule], *, as_of: date
) -> int:
    """Recompute the complaints waiting for the reporter for a new reference date."""
    waiting = session.scalars(
        select(Complaint.id).where(Complaint.status == InternalStatus.MENUNGGU_KELENGKAPAN.value)
    ).all()
    _remember(session, as_of)
    return refresh_deadlines(session, calendar, rules, waiting, as_of=as_of)


def refresh_deadlines_for(
    session: Session, settings: SettingsService, complaint_ids: Collection[int] | None
) -> int:
    """:func:`refresh_deadlines` with the register's own calendar and SLA rules.

    The one call a writer (register service, importer, demo) adds inside its transaction after
    changing complaints.
    """
    return refresh_deadlines(
        session,
        settings.calendar(),
        settings.sla_rules(),
        complaint_ids,
        as_of=settings.reference_date(),
    )


def missing_deadline_ids(session: Session) -> list[int]:
    """Complaints without a complete stored deadline row (cheap when there are none).

    Incomplete: written without the analysis' facts, by a bulk path of an older version.
    """
    # The leading column of an analysis index: a range read of its NULLs, not a scan (which
    # an ORDER BY complaint_id would make SQLite prefer).
    incomplete = sorted(session.scalars(
        select(ComplaintDeadline.complaint_id).where(ComplaintDeadline.received_month.is_(None))
    ))
    complaints = session.scalar(select(func.count()).select_from(Complaint)) or 0
    stored = session.scalar(select(func.count()).select_from(ComplaintDeadline)) or 0
    # Deadline rows cascade with their complaint, so equal counts mean nothing is missing.
    if stored >= complaints:
        return incomplete
    has_row = exists().where(ComplaintDeadline.complaint_id == Complaint.id)
    missing = session.scalars(select(Complaint.id).where(~has_row).order_by(Complaint.id))
    return sorted([*missing, *incomplete])


def ensure_deadlines(factory: sessionmaker[Session], settings: SettingsService) -> int:
    """Bring the stored deadlines up to date; returns how many complaints were computed.

    Run when a register is opened: it fills the table once after the migration that created
    it, heals rows a bulk writer left without deadlines, and follows a reference date that
    moved with the calendar (today) since the last time.
    """
    reference = settings.reference_date()
    with factory.begin() as session:
        written = 0
        missing = missing_deadline_ids(session)
        if missing:
            calendar, rules = settings.calendar(), settings.sla_rules()
            written += refresh_deadlines(session, calendar, rules, missing, as_of=reference)
        stored = session.get(Setting, DEADLINES_AS_OF)
        if stored is None or stored.value != reference.isoformat():
            calendar, rules = settings.calendar(), settings.sla_rules()
            written += refresh_waiting_deadlines(session, calendar, rules, as_of=reference)
        return written
