"""The register's list queries: filtered, searched and sorted in SQL, read a page at a time.

The register view never holds the complaints in Python: it asks for the count of its filter,
for ids by position (:meth:`ComplaintQueryService.ids` with an offset, from either end) and for
the rows of one page (:meth:`ComplaintQueryService.rows`).
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    delete,
    false,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.elements import UnaryExpression

from lapor_desk.domain import validation as v
from lapor_desk.domain.actor import Actor
from lapor_desk.domain.enums import InternalStatus, Klasifikasi, SlaState
from lapor_desk.domain.errors import NotFound, ValidationError
from lapor_desk.domain.sla import DUE_SOON_WORKDAYS
from lapor_desk.i18n import _
from lapor_desk.models import Complaint, ComplaintDeadline, SavedFilter, Topic, Unit
from lapor_desk.persistence.search import match_condition
from lapor_desk.services.changes import Changes
from lapor_desk.services.complaint_filter import (
    NO_KLASIFIKASI,
    ComplaintFilter,
    Privacy,
    SlaFilter,
    Sort,
    SortKey,
    filter_from_json,
    filter_to_json,
)
from lapor_desk.services.read_models import ComplaintRow
from lapor_desk.services.settings import SettingsService

#: Statuses in lifecycle order, for sorting by status.
_STATUS_ORDER = {status.value: position for position, status in enumerate(InternalStatus)}


@dataclass(frozen=True, slots=True)
class SlaWindow:
    """The reference date and the first day that is no longer "due soon" (exclusive)."""

    reference: date
    due_soon_before: date

    def state(self, due: date | None) -> SlaState | None:
        """Where a stored open due date stands; ``None`` when no clock runs."""
        if due is None:
            return None
        if due < self.reference:
            return SlaState.OVERDUE
        if due < self.due_soon_before:
            return SlaState.DUE_SOON
        return SlaState.ON_TIME


@dataclass(frozen=True, slots=True)
class RegisterRow:
    """A complaint as the register table shows it: the list row plus its running deadline."""

    complaint: ComplaintRow
    unit_abbreviation: str | None
    open_due: date | None
    sla: SlaState | None


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

    # -- the window the SLA filter compares against ----------------------------------------

    def sla_window(self) -> SlaWindow:
        """Reference date and due-soon bound (``DUE_SOON_WORKDAYS`` working days ahead)."""
        reference = self._settings.reference_date()
        # evaluate() calls a stage due soon while working_days_between(as_of, due) <= 2,
        # that is while due comes before the third working day after the reference date.
        limit = self._settings.calendar().add_working_days(reference, DUE_SOON_WORKDAYS + 1)
        return SlaWindow(reference, limit)

    # -- reading -------------------------------------------------------------------------------

    def count(self, value: ComplaintFilter, window: SlaWindow | None = None) -> int:
        """How many complaints match ``value``."""
        window = window or (self.sla_window() if value.sla else None)
        with self._factory() as session:
            query = self._filtered(session, select(func.count(Complaint.id)), value, window)
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
        window = window or (self.sla_window() if value.sla else None)
        with self._factory() as session:
            query = self._filtered(session, select(Complaint.id), value, window)
            query = _sorted(query, value, sort, reverse=from_end)
            if offset:
                query = query.offset(offset)
            if limit is not None:
                query = query.limit(limit)
            return array("q", session.scalars(query))

    def rows(self, ids: Sequence[int], window: SlaWindow | None = None) -> list[RegisterRow]:
        """The rows of ``ids`` in the same order (ids that no longer exist are left out)."""
        if not ids:
            return []
        window = window or self.sla_window()
        query = (
            select(
                Complaint.id,
                Complaint.tracking_id,
                Complaint.received_at,
                Complaint.title,
                Complaint.status,
                Complaint.klasifikasi,
                Topic.name.label("topic"),
                Complaint.channel,
                Complaint.urgent,
                Complaint.anonim,
                Complaint.rahasia,
                Unit.name.label("unit"),
                Unit.abbreviation,
                Complaint.version,
                ComplaintDeadline.open_due,
            )
            .outerjoin(Topic, Topic.id == Complaint.topic_id)
            .outerjoin(ComplaintDeadline, ComplaintDeadline.complaint_id == Complaint.id)
            .outerjoin(Unit, Unit.id == ComplaintDeadline.lead_unit_id)
            .where(Complaint.id.in_(list(ids)))
        )
        with self._factory() as session:
            found = {r.id: r for r in session.execute(query)}
        result = []
        for complaint_id in ids:
            r = found.get(complaint_id)
            if r is None:
                continue
            row = ComplaintRow(
                r.id, r.tracking_id, r.received_at, r.title, InternalStatus(r.status),
                r.klasifikasi, r.topic, r.channel, r.urgent, r.anonim, r.rahasia, r.unit,
                r.version,
            )
            result.append(RegisterRow(row, r.abbreviation, r.open_due, window.state(r.open_due)))
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

    # -- SQL -----------------------------------------------------------------------------------

    @staticmethod
    def _filtered(
        session: Session, query: Select[Any], value: ComplaintFilter, window: SlaWindow | None
    ) -> Select[Any]:
        query = query.select_from(Complaint)
        if value.unit_id is not None or value.sla is not None:
            query = query.join(ComplaintDeadline, ComplaintDeadline.complaint_id == Complaint.id)
        return query.where(*_conditions(session, value, window))


def _conditions(
    session: Session, value: ComplaintFilter, window: SlaWindow | None
) -> list[ColumnElement[bool]]:
    c = Complaint
    conditions: list[ColumnElement[bool]] = []
    if value.statuses:
        # str() of a StrEnum is its value; a plain str (as Qt may hand back) passes unchanged.
        conditions.append(c.status.in_(sorted(str(s) for s in value.statuses)))
    if value.topic_id is not None:
        conditions.append(c.topic_id == value.topic_id)
    if value.unit_id is not None:
        conditions.append(ComplaintDeadline.lead_unit_id == value.unit_id)
    if value.klasifikasi == NO_KLASIFIKASI:
        conditions.append(c.klasifikasi.is_(None))
    elif value.klasifikasi is not None:
        conditions.append(c.klasifikasi == value.klasifikasi)
    if value.channel is not None:
        conditions.append(c.channel == value.channel)
    if value.urgent is not None:
        conditions.append(c.urgent.is_(value.urgent))
    if value.received_from is not None:
        conditions.append(c.received_at >= datetime.combine(value.received_from, time()))
    if value.received_to is not None:
        day_after = datetime.combine(value.received_to + timedelta(days=1), time())
        conditions.append(c.received_at < day_after)
    if value.privacy is not None:
        conditions.append(_privacy(value.privacy))
    if value.sla is not None:
        assert window is not None, "the caller computes the SLA window for an SLA filter"
        due = ComplaintDeadline.open_due
        if value.sla is SlaFilter.OVERDUE:
            conditions.append(due < window.reference)
        else:
            conditions.append(and_(due >= window.reference, due < window.due_soon_before))
    if value.text.strip():
        match = match_condition(session.get_bind().dialect.name, value.text)
        # A query of punctuation only searches for nothing: it matches no complaint.
        conditions.append(match if match is not None else false())
    return conditions


def _privacy(privacy: Privacy) -> ColumnElement[bool]:
    c = Complaint
    match privacy:
        case Privacy.PUBLIC:
            return and_(c.anonim.is_(False), c.rahasia.is_(False))
        case Privacy.ANONIM:
            return c.anonim.is_(True)
        case Privacy.RAHASIA:
            return c.rahasia.is_(True)
        case Privacy.ANY:
            return or_(c.anonim.is_(True), c.rahasia.is_(True))


def _sorted(
    query: Select[Any], value: ComplaintFilter, sort: Sort, *, reverse: bool
) -> Select[Any]:
    """Order ``query`` by ``sort``; ``reverse`` gives the exact mirror order (for the tail)."""
    descending = sort.descending != reverse
    # NULLs (no topic, no unit, no running deadline) come last in the order the user sees.
    nulls_last = not reverse
    joined_deadline = value.unit_id is not None or value.sla is not None
    # Mapped attributes and SQL expressions alike: SQLAlchemy's stubs share no narrower type.
    expressions: list[Any] = []
    nullable = True
    c = Complaint
    match sort.key:
        case SortKey.RECEIVED:
            expressions, nullable = [c.received_at], False
        case SortKey.TRACKING_ID:
            expressions, nullable = [c.tracking_id], False
        case SortKey.TITLE:
            expressions, nullable = [c.title], False
        case SortKey.STATUS:
            expressions, nullable = [case(_STATUS_ORDER, value=c.status, else_=99)], False
        case SortKey.KLASIFIKASI:
            expressions = [c.klasifikasi]
        case SortKey.TOPIC:
            query = query.outerjoin(Topic, Topic.id == c.topic_id)
            expressions = [Topic.name]
        case SortKey.CHANNEL:
            expressions = [c.channel]
        case SortKey.UNIT:
            if not joined_deadline:
                query = query.outerjoin(
                    ComplaintDeadline, ComplaintDeadline.complaint_id == c.id
                )
            query = query.outerjoin(Unit, Unit.id == ComplaintDeadline.lead_unit_id)
            expressions = [Unit.abbreviation]
        case SortKey.DUE:
            if not joined_deadline:
                query = query.outerjoin(
                    ComplaintDeadline, ComplaintDeadline.complaint_id == c.id
                )
            expressions = [ComplaintDeadline.open_due]
        case SortKey.URGENT:
            expressions, nullable = [c.urgent], False
        case SortKey.PRIVACY:
            expressions, nullable = [c.anonim, c.rahasia], False
    order: list[UnaryExpression[Any]] = []
    for expression in expressions:
        term = expression.desc() if descending else expression.asc()
        if nullable:
            term = term.nulls_last() if nulls_last else term.nulls_first()
        order.append(term)
    order.append(c.id.desc() if descending else c.id.asc())
    return query.order_by(*order)
