"""Shared pieces of the analysis: tallies, the period condition, constants and labels."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import (
    ColumnElement,
    Date,
    and_,
    case,
    func,
    literal_column,
    select,
    true,
    type_coerce,
)
from sqlalchemy.orm import InstrumentedAttribute, Session

from lapor_desk.domain.enums import InternalStatus
from lapor_desk.models import Complaint, ComplaintDeadline, Topic, Unit
from lapor_desk.reports.analysis_input import CountRow
from lapor_desk.reports.lang import _ as doc_

S = InternalStatus
#: Every figure is read from the stored deadlines and facts (``complaint_deadline``).
D = ComplaintDeadline
EXCLUDED = (S.DIARSIPKAN.value, S.TERBLOKIR.value)
#: Over-SLA complaints whose details are fetched (the document lists fewer).
OVERDUE_DETAILS = 40
EXAMPLE_TOPICS = 3
TOP_PROVINCES = 15
TOP_CITIES = 10


def status_of(value: str | None) -> InternalStatus:
    """A stored status, never guessed.

    ``None`` marks a row written without its facts (by an older version's bulk path), which
    opening the register heals (``ensure_deadlines``).
    """
    if value is None:
        raise LookupError("complaint_deadline row without the analysis facts: reopen the register")
    return InternalStatus(value)


VERIFIED = tuple(s.value for s in InternalStatus if s.is_verified)
FOLLOWED_UP = tuple(v for v in (S.PROSES.value, S.SELESAI.value) if v in VERIFIED)
COMPLETED = tuple(v for v in (S.SELESAI.value,) if v in VERIFIED)


def tally_columns(status: InstrumentedAttribute[str | None]) -> tuple[ColumnElement[int], ...]:
    """Received, verified, followed up, completed, excluded: SQL sums as :meth:`Tally.add`."""
    return (func.count(), *(func.sum(case((status.in_(values), 1), else_=0))
                            for values in (VERIFIED, FOLLOWED_UP, COMPLETED, EXCLUDED)))


@dataclass(slots=True)
class Tally:
    """Received, verified, followed-up, completed and excluded complaints of one group."""

    received: int = 0
    verified: int = 0
    followed_up: int = 0
    completed: int = 0
    excluded: int = 0  # archived or blocked: received, but outside the rates

    def add(self, status: InternalStatus, count: int) -> None:
        """Count ``count`` complaints of ``status``."""
        self.received += count
        if status.value in EXCLUDED:
            self.excluded += count
        if status.is_verified:
            self.verified += count
            if status in (S.PROSES, S.SELESAI):
                self.followed_up += count
            if status is S.SELESAI:
                self.completed += count

    def add_sums(self, received: int, verified: int | None, followed_up: int | None,
                 completed: int | None, excluded: int | None) -> None:
        """Add the sums of :func:`tally_columns`."""
        self.received += received
        self.verified += int(verified or 0)
        self.followed_up += int(followed_up or 0)
        self.completed += int(completed or 0)
        self.excluded += int(excluded or 0)

    def row(self, label: str) -> CountRow:
        """The tally as a row of the document."""
        return CountRow(label, self.received, self.verified, self.followed_up, self.completed,
                        self.excluded)


@dataclass(slots=True)
class Timing:
    """Sums behind the average first response and the SLA compliance of one unit."""

    response_days: int = 0
    responses: int = 0
    sla_checked: int = 0
    sla_met: int = 0
    overdue: int = 0


def ordered(tallies: dict[str, Tally]) -> tuple[CountRow, ...]:
    """Rows by descending count, then by label."""
    return tuple(sorted((t.row(label) for label, t in tallies.items()),
                        key=lambda r: (-r.received, r.label)))


def months(start: date, end: date) -> list[tuple[int, int]]:
    """(year, month) of every month from ``start`` to ``end``."""
    found: list[tuple[int, int]] = []
    cursor = date(start.year, start.month, 1)
    while cursor <= end:
        found.append((cursor.year, cursor.month))
        cursor = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
    return found


def period_condition(session: Session, start: date, end: date) -> ColumnElement[bool]:
    """Complaints received from ``start`` to ``end``; no condition when that is all of them.

    Evaluated inside each covering index (the received date closes every one of them).
    """
    # Two statements: min() and max() together would scan the whole index instead of
    # reading its two ends.
    first = session.scalar(select(func.min(Complaint.received_at)))
    last = session.scalar(select(func.max(Complaint.received_at)))
    if first is None or last is None or (first.date() >= start and last.date() <= end):
        return true()
    received: ColumnElement[date | None] = D.received_on.expression
    if session.get_bind().dialect.name == "sqlite":
        # Unary plus: SQLite never reads the period through an index. With ANALYZE statistics
        # it would skip-scan an index led by a column of few values and visit the table rows
        # (2 s a query at 1M instead of 0,3 s); so each query scans its own covering index.
        received = type_coerce(literal_column("+complaint_deadline.received_on"), Date)
    return and_(received >= start, received <= end)


class Labels:
    """Names of the register's units and topics, and the document's placeholders."""

    def __init__(self, session: Session) -> None:
        self.units = {u.id: (u.name, u.abbreviation) for u in session.scalars(select(Unit))}
        self.topics: dict[int, str] = dict(session.execute(select(Topic.id, Topic.name)).all())

    def topic(self, topic_id: int | None) -> str:
        """A topic's name, or the placeholder of complaints without one."""
        return self.topics.get(topic_id, doc_("(no topic)")) if topic_id else doc_("(no topic)")
