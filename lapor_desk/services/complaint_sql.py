"""The SQL of the register's list: filter conditions, sort orders and the plan each one needs.

A page of the list is ``ORDER BY … LIMIT``; it is quick only when SQLite reads an index in that
order and stops after the page. A condition that SQLite can answer from an index of its own
(the search index, the deadline columns) tempts it to fetch every match first and sort them
all, which costs in proportion to the matches: fine for a few hundred, 0,5 s for 500.000.
So before an ordered read the deadline conditions that tempt it are probed with a bounded
``LIMIT`` (:data:`MANY_MATCHES`): when many rows match, the condition is written so that SQLite
cannot drive the query with it (a unary ``+``) and only checks it on the rows it reads in
order. A search matching many complaints is paged in windows of the ordered list instead
(:func:`search_page`). PostgreSQL's planner weighs this itself; there nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    Select,
    and_,
    case,
    false,
    func,
    literal_column,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import UnaryExpression

from lapor_desk.domain.enums import InternalStatus, SlaState
from lapor_desk.domain.validation import tracking_id_in
from lapor_desk.models import Complaint, ComplaintDeadline, Topic, Unit
from lapor_desk.persistence.search import (
    id_ranges,
    match_condition,
    matches_at_least,
    matching_ids,
    search_terms,
)
from lapor_desk.services.complaint_filter import (
    NO_KLASIFIKASI,
    ComplaintFilter,
    Privacy,
    SlaFilter,
    Sort,
    SortKey,
)

#: A condition matching at least this many rows is only checked on rows read in sort order.
MANY_MATCHES = 2_000
#: Rows of the list :func:`search_page` reads in order, at most, to fill a page. A match set
#: that the rows read so far show too sparse to fill it within them is read the other way.
WINDOW_BUDGET = 2_048
_FIRST_WINDOW = 256
#: Search-index ranges per window, and the gap between ids worth a range of its own.
_RANGES = 32
_RANGE_GAP = 1_000
#: A window whose ranges span more ids than this per row read is scattered over the register:
#: reading the search index across it would cost more than looking the matches up.
_SPREAD = 64

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


def needs_deadline(value: ComplaintFilter) -> bool:
    """True when ``value`` filters on the stored deadline table."""
    return value.unit_id is not None or value.sla is not None


def complaint_only(value: ComplaintFilter) -> bool:
    """True when ``value`` has no condition on the complaint table itself."""
    return ComplaintFilter(unit_id=value.unit_id, sla=value.sla) == value


def filtered(
    session: Session,
    query: Select[Any],
    value: ComplaintFilter,
    window: SlaWindow | None,
    *,
    in_order: bool = False,
) -> Select[Any]:
    """``query`` over the complaints matching ``value``.

    ``in_order``: the caller sorts and limits, so large match sets must not drive the plan.
    """
    query = query.select_from(Complaint)
    if needs_deadline(value):
        query = query.join(ComplaintDeadline, ComplaintDeadline.complaint_id == Complaint.id)
    return query.where(*conditions(session, value, window, in_order=in_order))


def search_page(
    session: Session,
    value: ComplaintFilter,
    window: SlaWindow | None,
    sort: Sort,
    *,
    offset: int,
    limit: int,
    from_end: bool,
) -> list[int] | None:
    """Ids ``offset`` to ``offset + limit`` of a search matching many complaints (SQLite).

    The plan of :func:`conditions` for a large match set reads the list in order and probes a
    set of every match, which SQLite builds first: 60 ms for the 250.000 complaints that hold
    "pkh" among a million. Instead the list without the search is read in sort order, from an
    index, a window at a time (256 rows, then twice as many each time), and the window's ids
    are checked against the search index within the id ranges the window covers: FTS5 seeks
    to each range and reads its doclists only that far. So the cost follows the rows read,
    about ``limit`` divided by the share of the rows that match.

    ``None`` where this does not pay, and the caller uses the plan of :func:`conditions`: not
    SQLite, no search word, fewer than :data:`MANY_MATCHES` matches, matches so sparse among
    the rows read first that filling the page would take more than :data:`WINDOW_BUDGET`
    rows, or a window whose ids are scattered over the register.
    """
    if session.get_bind().dialect.name != "sqlite" or not search_terms(value.text):
        return None
    if tracked_id(session, value.text) is not None:
        return None  # the search index alone does not know that complaint
    connection = session.connection()
    if not _many_matches(session, value.text):
        return None
    rest = replace(value, text="")
    query = sorted_query(
        filtered(session, select(Complaint.id), rest, window, in_order=True),
        rest,
        sort,
        reverse=from_end,
    )
    wanted = offset + limit
    found: list[int] = []
    start, size = 0, _FIRST_WINDOW
    while start < WINDOW_BUDGET:
        ids = list(session.scalars(query.offset(start).limit(size)))
        ranges = id_ranges(ids, _RANGES, _RANGE_GAP)
        if sum(high - low + 1 for low, high in ranges) > _SPREAD * len(ids):
            return None
        hits = matching_ids(connection, value.text, ranges)
        found.extend(i for i in ids if i in hits)
        if len(found) >= wanted or len(ids) < size:
            return found[offset:wanted]
        start += size
        size *= 2
        if start * wanted > WINDOW_BUDGET * max(len(found), 1):
            return None  # at the share matching so far, the page needs more rows than that
    return None


def tracked_id(session: Session, query: str) -> int | None:
    """The id of the complaint whose tracking ID ``query`` is, if there is one.

    Looked up apart (one unique-index read) so that a search for anything else, digits
    included, keeps the plans of the search index alone.
    """
    tracking = tracking_id_in(query)
    if tracking is None:
        return None
    key = ("tracked id", tracking)
    if key not in session.info:
        session.info[key] = session.scalar(
            select(Complaint.id).where(Complaint.tracking_id == tracking)
        )
    found = session.info[key]
    return int(found) if found is not None else None


def _many_matches(session: Session, query: str) -> bool:
    # Both plans for a long list ask; the answer holds for the session's snapshot.
    key = ("many matches", query)
    if key not in session.info:
        session.info[key] = matches_at_least(session.connection(), query, MANY_MATCHES)
    return bool(session.info[key])


def _probe_many(session: Session, condition: ColumnElement[bool]) -> bool:
    bounded = select(ComplaintDeadline.complaint_id).where(condition).limit(MANY_MATCHES)
    found = session.scalar(select(func.count()).select_from(bounded.subquery()))
    return int(found or 0) >= MANY_MATCHES


def _unindexed_deadline(column: str, kind: Date | Integer) -> ColumnElement[Any]:
    # "+column" has the column's value, but SQLite no longer considers an index on it.
    return type_coerce(literal_column(f"+complaint_deadline.{column}"), kind)


def deadline_conditions(
    value: ComplaintFilter, window: SlaWindow | None
) -> list[ColumnElement[bool]]:
    """The conditions of ``value`` on the stored deadline table, indexable form."""
    conditions: list[ColumnElement[bool]] = []
    if value.unit_id is not None:
        conditions.append(ComplaintDeadline.lead_unit_id == value.unit_id)
    if value.sla is not None:
        assert window is not None, "the caller computes the SLA window for an SLA filter"
        conditions.append(_sla_condition(ComplaintDeadline.open_due, value.sla, window))
    return conditions


def _sla_condition(
    due: ColumnElement[Any] | Any, sla: SlaFilter, window: SlaWindow
) -> ColumnElement[bool]:
    if sla is SlaFilter.OVERDUE:
        return due < window.reference
    return and_(due >= window.reference, due < window.due_soon_before)


def conditions(
    session: Session, value: ComplaintFilter, window: SlaWindow | None, *, in_order: bool
) -> list[ColumnElement[bool]]:
    """The WHERE conditions of ``value`` (see :func:`filtered` for ``in_order``)."""
    c = Complaint
    dialect = session.get_bind().dialect.name
    steer = in_order and dialect == "sqlite"
    result: list[ColumnElement[bool]] = []
    if value.statuses:
        # str() of a StrEnum is its value; a plain str (as Qt may hand back) passes unchanged.
        result.append(c.status.in_(sorted(str(s) for s in value.statuses)))
    if value.topic_id is not None:
        result.append(c.topic_id == value.topic_id)
    deadline = deadline_conditions(value, window)
    if steer and deadline and _probe_many(session, and_(*deadline)):
        if value.unit_id is not None:
            unit = _unindexed_deadline("lead_unit_id", Integer())
            result.append(unit == value.unit_id)
        if value.sla is not None:
            assert window is not None
            due = _unindexed_deadline("open_due", Date())
            result.append(_sla_condition(due, value.sla, window))
    else:
        result.extend(deadline)
    if value.klasifikasi == NO_KLASIFIKASI:
        result.append(c.klasifikasi.is_(None))
    elif value.klasifikasi is not None:
        result.append(c.klasifikasi == value.klasifikasi)
    if value.channel is not None:
        result.append(c.channel == value.channel)
    if value.urgent is not None:
        result.append(c.urgent.is_(value.urgent))
    if value.received_from is not None:
        result.append(c.received_at >= datetime.combine(value.received_from, time()))
    if value.received_to is not None:
        day_after = datetime.combine(value.received_to + timedelta(days=1), time())
        result.append(c.received_at < day_after)
    if value.privacy is not None:
        result.append(_privacy(value.privacy))
    if value.text.strip():
        # search_page() pages a large match set more cheaply where the matches are dense.
        many = steer and _many_matches(session, value.text)
        match = match_condition(dialect, value.text, in_order=many)
        exact = tracked_id(session, value.text)
        if exact is not None:
            # A tracking ID typed into the search finds its complaint, besides the texts.
            match = c.id == exact if match is None else or_(c.id == exact, match)
        # A query of punctuation only searches for nothing: it matches no complaint.
        result.append(match if match is not None else false())
    return result


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


def sorted_query(
    query: Select[Any], value: ComplaintFilter, sort: Sort, *, reverse: bool
) -> Select[Any]:
    """Order ``query`` by ``sort``; ``reverse`` gives the exact mirror order (for the tail)."""
    descending = sort.descending != reverse
    # NULLs (no topic, no unit, no running deadline) come last in the order the user sees.
    nulls_last = not reverse
    joined_deadline = needs_deadline(value)
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
