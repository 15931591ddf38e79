"""The register's list queries: filtered, searched and sorted in SQL, read a page at a time.

The register view never holds the complaints in Python. It asks for one page of rows by
position (:meth:`ComplaintQueryService.page`, from either end, in one session) and, separately
and off the GUI thread, for the count of its filter (:meth:`ComplaintQueryService.count`).
The SQL itself, and the query plans it steers, live in :mod:`.complaint_sql`.
"""

from __future__ import annotations

import threading
from array import array
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import String, bindparam, column, delete, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from lapor_desk.domain import validation as v
from lapor_desk.domain.actor import Actor
from lapor_desk.domain.calendar import HolidayOverride
from lapor_desk.domain.enums import InternalStatus, Klasifikasi, SlaState
from lapor_desk.domain.errors import NotFound, ValidationError
from lapor_desk.domain.sla import DUE_SOON_WORKDAYS
from lapor_desk.i18n import _
from lapor_desk.models import (
    Complaint,
    ComplaintDeadline,
    HolidayOverrideRow,
    SavedFilter,
    Setting,
    Topic,
    Unit,
)
from lapor_desk.persistence.search import count_matches
from lapor_desk.services.changes import Changes
from lapor_desk.services.complaint_filter import (
    ComplaintFilter,
    Sort,
    SortKey,
    filter_from_json,
    filter_to_json,
)
from lapor_desk.services.complaint_sql import (
    SlaWindow,
    complaint_only,
    deadline_conditions,
    filtered,
    needs_deadline,
    search_page,
    sorted_query,
    tracked_id,
)
from lapor_desk.services.read_models import ComplaintRow
from lapor_desk.services.settings import (
    CUTI_BERSAMA_OFF,
    REFERENCE_DATE,
    SettingsService,
    calendar_of,
)

__all__ = ["ComplaintQueryService", "RegisterPage", "RegisterRow", "SlaWindow"]

#: Sort keys an index reads in order, so that a page stops after its rows (see complaint_sql).
_INDEXED_SORTS = frozenset({SortKey.RECEIVED, SortKey.TRACKING_ID})
#: SLA windows kept (one per reference date and calendar); a handful covers any session.
_WINDOWS_KEPT = 8

# The reads every page makes, whatever the filter, are fixed statements written in SQL:
# SQLAlchemy compiles a new statement once per process, which took the register's first
# page 6 ms of its 9 (bench/README.md, "First paint"). Their columns carry the models' types,
# so that dates and flags come back as Python values on SQLite and PostgreSQL alike.
_settings_table = Setting.__table__.c
_WINDOW_SETTINGS = text(
    "SELECT key, value FROM setting WHERE key IN (:reference, :cuti_bersama)"
).columns(_settings_table.key, _settings_table.value)
_overrides = HolidayOverrideRow.__table__.c
_HOLIDAY_OVERRIDES = text(
    "SELECT day, is_holiday, note FROM holiday_override ORDER BY day"
).columns(_overrides.day, _overrides.is_holiday, _overrides.note)
#: Stored status → member, for the rows of a page (a dict reads faster than the enum's call).
_STATUSES = {status.value: status for status in InternalStatus}
_c = Complaint.__table__.c
_ROWS = (
    text(
        "SELECT c.id, c.tracking_id, c.received_at, c.title, c.status, c.klasifikasi,"
        " t.name AS topic, c.channel, c.urgent, c.anonim, c.rahasia, u.name AS unit,"
        " u.abbreviation, c.version, d.open_due"
        " FROM complaint c"
        " LEFT OUTER JOIN topic t ON t.id = c.topic_id"
        " LEFT OUTER JOIN complaint_deadline d ON d.complaint_id = c.id"
        " LEFT OUTER JOIN unit u ON u.id = d.lead_unit_id"
        " WHERE c.id IN :ids"
    )
    .bindparams(bindparam("ids", expanding=True))
    # Every column selected, in order, with its type: dates and flags come back converted.
    .columns(
        _c.id, _c.tracking_id, _c.received_at, _c.title, _c.status, _c.klasifikasi,
        column("topic", String), _c.channel, _c.urgent, _c.anonim, _c.rahasia,
        column("unit", String), column("abbreviation", String), _c.version,
        ComplaintDeadline.__table__.c.open_due,
    )
)


@dataclass(frozen=True, slots=True)
class RegisterRow:
    """A complaint as the register table shows it: the list row plus its running deadline."""

    complaint: ComplaintRow
    unit_abbreviation: str | None
    open_due: date | None
    sla: SlaState | None


@dataclass(frozen=True, slots=True)
class RegisterPage:
    """Rows read by position, in the order shown, and whether the list goes on past them."""

    window: SlaWindow
    rows: tuple[RegisterRow, ...]
    ids: tuple[int, ...]  # as read, including ids whose complaint vanished since
    more: bool  # rows follow (or, read from the end, precede) this page


@dataclass(frozen=True, slots=True)
class SavedFilterRow:
    """A filter the user saved under a name."""

    id: int
    name: str
    filter: ComplaintFilter
    sort: Sort


@dataclass(frozen=True, slots=True)
class FilterChoices:
    """What the filter bar offers: units, topics, klasifikasi values."""

    units: tuple[tuple[int, str, str], ...]  # id, abbreviation, name
    topics: tuple[tuple[int, str], ...]
    klasifikasi: tuple[str, ...]


class ComplaintQueryService:
    """Counts, ids, rows and saved filters of the register view; one transaction per call."""

    def __init__(self, factory: sessionmaker[Session], settings: SettingsService) -> None:
        self._factory = factory
        self._settings = settings
        self._windows: OrderedDict[tuple[object, ...], SlaWindow] = OrderedDict()
        # Counts run on a worker thread while the GUI thread reads pages.
        self._windows_lock = threading.Lock()

    # -- the window the SLA filter compares against ----------------------------------------

    def sla_window(self) -> SlaWindow:
        """Reference date and due-soon bound (``DUE_SOON_WORKDAYS`` working days ahead)."""
        with self._factory() as session:
            return self._window_in(session)

    def _window_in(self, session: Session) -> SlaWindow:
        # Building the calendar costs the holiday tables; the window only changes with the
        # reference date, the cuti bersama choice and the user's holiday overrides, which are
        # two small reads: the window is cached on exactly those.
        connection = session.connection()
        settings: dict[str, str] = dict(
            connection.execute(
                _WINDOW_SETTINGS, {"reference": REFERENCE_DATE, "cuti_bersama": CUTI_BERSAMA_OFF}
            ).all()
        )
        stored = settings.get(REFERENCE_DATE)
        reference = date.fromisoformat(stored) if stored else self._settings.reference_date()
        overrides = tuple(
            HolidayOverride(day, is_holiday, note)
            for day, is_holiday, note in connection.execute(_HOLIDAY_OVERRIDES)
        )
        key = (reference, settings.get(CUTI_BERSAMA_OFF), overrides)
        with self._windows_lock:
            window = self._windows.get(key)
            if window is not None:
                self._windows.move_to_end(key)
                return window
        # evaluate() calls a stage due soon while working_days_between(as_of, due) <= 2,
        # that is while due comes before the third working day after the reference date.
        calendar = calendar_of(settings.get(CUTI_BERSAMA_OFF), overrides)
        limit = calendar.add_working_days(reference, DUE_SOON_WORKDAYS + 1)
        window = SlaWindow(reference, limit)
        with self._windows_lock:
            self._windows[key] = window
            while len(self._windows) > _WINDOWS_KEPT:
                self._windows.popitem(last=False)
        return window

    # -- reading -------------------------------------------------------------------------------

    def count(self, value: ComplaintFilter, window: SlaWindow | None = None) -> int:
        """How many complaints match ``value`` (a scan of the matches: run it off the GUI)."""
        with self._factory() as session:
            if value.sla and window is None:
                window = self._window_in(session)
            if (
                value.text.strip()
                and ComplaintFilter(text=value.text) == value
                and tracked_id(session, value.text) is None
            ):
                # The search index alone knows how many complaints it matches.
                return count_matches(session.connection(), value.text)
            if needs_deadline(value) and complaint_only(value):
                # Deadline rows come and go with their complaint: no need to join it.
                query = select(func.count()).select_from(ComplaintDeadline)
                query = query.where(*deadline_conditions(value, window))
            else:
                query = filtered(session, select(func.count(Complaint.id)), value, window)
            return int(session.scalar(query) or 0)

    def ids(
        self,
        value: ComplaintFilter,
        sort: Sort = Sort(),  # noqa: B008 - frozen value object
        *,
        offset: int = 0,
        limit: int | None = None,
        from_end: bool = False,
        window: SlaWindow | None = None,
    ) -> array[int]:
        """Ids of the matching complaints in ``sort`` order, ``limit`` of them from ``offset``.

        With ``from_end`` the offset counts from the last row and the ids come last row first,
        so that the end of a long list is as quick to reach as its start.
        """
        with self._factory() as session:
            if value.sla and window is None:
                window = self._window_in(session)
            return self._ids_in(session, value, sort, offset, limit, from_end, window)

    @staticmethod
    def _ids_in(
        session: Session,
        value: ComplaintFilter,
        sort: Sort,
        offset: int,
        limit: int | None,
        from_end: bool,
        window: SlaWindow | None,
    ) -> array[int]:
        # Only a short read in an index's order profits from steering the plan.
        in_order = limit is not None and offset + limit <= 10_000 and sort.key in _INDEXED_SORTS
        if in_order and limit is not None and value.text.strip():
            page = search_page(
                session, value, window, sort, offset=offset, limit=limit, from_end=from_end
            )
            if page is not None:
                return array("q", page)
        query = filtered(session, select(Complaint.id), value, window, in_order=in_order)
        query = sorted_query(query, value, sort, reverse=from_end)
        if offset:
            query = query.offset(offset)
        if limit is not None:
            query = query.limit(limit)
        return array("q", session.scalars(query))

    def page(
        self,
        value: ComplaintFilter,
        sort: Sort = Sort(),  # noqa: B008 - frozen value object
        *,
        offset: int = 0,
        limit: int = 100,
        from_end: bool = False,
    ) -> RegisterPage:
        """``limit`` rows from ``offset`` (counted from the end with ``from_end``), in one session.

        The rows come in the order shown, whichever end they were read from; ``more`` tells
        whether the list goes on beyond them, so that a short list needs no count.
        """
        with self._factory() as session:
            window = self._window_in(session)
            ids = self._ids_in(session, value, sort, offset, limit + 1, from_end, window)
            more = len(ids) > limit
            del ids[limit:]
            if from_end:
                ids.reverse()
            rows = self._rows_in(session, ids, window)
        return RegisterPage(window, tuple(rows), tuple(ids), more)

    def rows(self, ids: Sequence[int], window: SlaWindow | None = None) -> list[RegisterRow]:
        """The rows of ``ids`` in the same order (ids that no longer exist are left out)."""
        if not ids:
            return []
        with self._factory() as session:
            return self._rows_in(session, ids, window or self._window_in(session))

    @staticmethod
    def _rows_in(session: Session, ids: Sequence[int], window: SlaWindow) -> list[RegisterRow]:
        if not ids:
            return []
        found = {row[0]: row for row in session.connection().execute(_ROWS, {"ids": list(ids)})}
        result = []
        state = window.state
        for complaint_id in ids:
            r = found.get(complaint_id)
            if r is None:
                continue
            (_id, tracking_id, received_at, title, status, klasifikasi, topic, channel, urgent,
             anonim, rahasia, unit, abbreviation, version, open_due) = r
            row = ComplaintRow(
                complaint_id, tracking_id, received_at, title, _STATUSES[status], klasifikasi,
                topic, channel, urgent, anonim, rahasia, unit, version,
            )
            result.append(RegisterRow(row, abbreviation, open_due, state(open_due)))
        return result

    def channels(self) -> tuple[str, ...]:
        """The channels present in the register (a scan of every complaint: call sparingly)."""
        with self._factory() as session:
            return tuple(
                channel
                for channel in session.scalars(
                    select(Complaint.channel)
                    .where(Complaint.channel.is_not(None))
                    .group_by(Complaint.channel)
                    .order_by(Complaint.channel)
                )
                if channel
            )

    def choices(self) -> FilterChoices:
        """Units, topics and klasifikasi values for the filter bar's lists."""
        with self._factory() as session:
            units = tuple(
                (r.id, r.abbreviation, r.name)
                for r in session.execute(
                    select(Unit.id, Unit.abbreviation, Unit.name).order_by(Unit.name)
                )
            )
            topics = tuple(
                (r.id, r.name)
                for r in session.execute(select(Topic.id, Topic.name).order_by(Topic.name))
            )
        return FilterChoices(units, topics, tuple(k.value for k in Klasifikasi))

    # -- saved filters -------------------------------------------------------------------------

    def saved_filters(self) -> tuple[SavedFilterRow, ...]:
        """Every saved filter, by name."""
        with self._factory() as session:
            rows = session.scalars(select(SavedFilter).order_by(SavedFilter.name)).all()
            return tuple(
                SavedFilterRow(r.id, r.name, *filter_from_json(r.filter_json)) for r in rows
            )

    def save_filter(
        self, actor: Actor, name: str, value: ComplaintFilter, sort: Sort = Sort()  # noqa: B008
    ) -> Changes:
        """Save ``value`` under ``name``; a filter of the same name is replaced."""
        del actor  # recorded by the audit trail once it exists
        label = v.require_text(name, "name", _("Name"))
        if len(label) > 100:
            raise ValidationError("name", _("The name is too long (at most 100 characters)."))
        with self._factory.begin() as session:
            row = session.scalar(select(SavedFilter).where(SavedFilter.name == label))
            if row is None:
                session.add(SavedFilter(name=label, filter_json=filter_to_json(value, sort)))
            else:
                row.filter_json = filter_to_json(value, sort)
        return Changes(settings=True)

    def delete_filter(self, actor: Actor, filter_id: int) -> Changes:
        """Remove a saved filter."""
        del actor
        with self._factory.begin() as session:
            removed = session.execute(delete(SavedFilter).where(SavedFilter.id == filter_id))
            if not removed.rowcount:  # type: ignore[attr-defined] # CursorResult of a DELETE
                raise NotFound(_("Saved filter not found."))
        return Changes(settings=True)
