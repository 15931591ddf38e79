"""Comparing parsed rows with the register (the preview) and writing the difference (the commit).

Merge rules, per field of an existing complaint:

- The portal owns what it exports: a column present in the file replaces the stored value, a
  blank cell included (a cleared Klasifikasi is cleared here too). A column the file lacks is
  never touched.
- A blank cell never erases what may have been gathered here: the reporter's name and
  contacts, the rating, the archive/postpone reason.
- Privacy flags are only ever added: an export that no longer says Anonim does not unmask a
  reporter (when in doubt, mask); a person clears the flag by hand.
- The topic follows a changed portal category when that category is mapped to a topic;
  otherwise the topic set here stays.
- The internal status moves only when the portal's status changed since the last import, and
  then by :func:`lapor_desk.domain.portal_values.import_move`; each move is recorded as a status
  change with origin ``import``.
- Never touched: dispositions, follow-ups, status history, meeting decisions, the local urgent
  flag and its reason, notes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    Table,
    select,
)
from sqlalchemy.orm import Session

from lapor_desk.domain.enums import ComplaintSource, InternalStatus
from lapor_desk.domain.lifecycle import REASON_REQUIRED
from lapor_desk.domain.portal_values import ImportMove, import_move
from lapor_desk.domain.routing import KeywordRule, Router, TopicRoute
from lapor_desk.domain.validation import LOCAL_TRACKING_PREFIX
from lapor_desk.i18n import _
from lapor_desk.models import Complaint, StatusChange, Topic, TopicCategory, Unit
from lapor_desk.services.importer.notes import Notes
from lapor_desk.services.importer.results import (
    ChangedComplaint,
    FieldChange,
    MissingComplaint,
    NewComplaint,
)
from lapor_desk.services.importer.rows import ParsedRow

KEEP_IF_BLANK = frozenset(
    {"status_reason", "reporter_name", "reporter_nik", "reporter_phone", "reporter_email",
     "rating"}
)
ONLY_ADDED = frozenset({"anonim", "rahasia"})
#: Columns an update writes besides the file's own.
STATUS_COLUMNS = ("status", "status_reason", "verified_at", "completed_at", "topic_id")
_CHUNK = 500

# Declarative classes give their Table as a FromClause; Core insert/update want the Table.
COMPLAINT_TABLE: Table = Complaint.__table__  # type: ignore[assignment]
HISTORY_TABLE: Table = StatusChange.__table__  # type: ignore[assignment]
_table = COMPLAINT_TABLE
_EXISTING_COLUMNS = [
    _table.c.id, _table.c.tracking_id, _table.c.version, _table.c.status,
    _table.c.received_at, _table.c.klasifikasi, _table.c.topic_id,
    _table.c.portal_category_id, _table.c.portal_category_name, _table.c.title,
    _table.c.text_original, _table.c.text_edited, _table.c.anonim, _table.c.rahasia,
    _table.c.channel, _table.c.parent_institution, _table.c.disposed_institution,
    _table.c.portal_status, _table.c.status_reason, _table.c.province, _table.c.city,
    _table.c.district, _table.c.village, _table.c.reporter_name, _table.c.reporter_nik,
    _table.c.reporter_phone, _table.c.reporter_email, _table.c.rating,
    _table.c.verified_at, _table.c.completed_at,
]


@dataclass(frozen=True, slots=True)
class Context:
    """The register's rules an import applies, loaded once per preview or commit."""

    categories: Mapping[int, int]
    topics: Mapping[int, str]
    units: Mapping[int, str]
    routes: tuple[list[TopicRoute], list[KeywordRule]]

    @classmethod
    def load(cls, session: Session) -> Context:
        """Read the category → topic map, topic and unit names, and the routing rules."""
        from lapor_desk.services.routing import load_routes

        return cls(
            categories=dict(
                session.execute(select(TopicCategory.portal_id, TopicCategory.topic_id)).all()
            ),
            topics=dict(session.execute(select(Topic.id, Topic.name)).all()),
            units=dict(session.execute(select(Unit.id, Unit.name)).all()),
            routes=load_routes(session),
        )


@dataclass(slots=True)
class StatusMove:
    """An internal status an import changes, for the history."""

    complaint_id: int
    old: InternalStatus
    new: InternalStatus
    reason: str


@dataclass(slots=True)
class Plan:
    """The preview's lists and the rows the commit writes."""

    new: list[NewComplaint] = field(default_factory=list)
    changed: list[ChangedComplaint] = field(default_factory=list)
    unchanged: int = 0
    missing: list[MissingComplaint] = field(default_factory=list)
    inserts: list[dict[str, Any]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    moves: list[StatusMove] = field(default_factory=list)


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, InternalStatus):
        return value.label
    return str(value)


def _merged(column: str, old: object, new: object) -> object:
    if column in ONLY_ADDED:
        return bool(old) or bool(new)
    if column in KEEP_IF_BLANK and new is None:
        return old
    return new


def _portal_reason(status: str | None) -> str:
    return _("Status on the portal: {status}").format(status=status or "-")


class Planner:
    """Builds the plan of one file against the register, inside the caller's session."""

    def __init__(self, session: Session, context: Context, labels: Mapping[str, str],
                 notes: Notes, now: datetime) -> None:
        self._session = session
        self._context = context
        self._router = Router(*context.routes)
        self._labels = labels
        self._notes = notes
        self._now = now
        # Every column a new complaint's row carries (executemany wants the same keys).
        self._defaults: dict[str, Any] = {
            "klasifikasi": None, "portal_category_id": None, "portal_category_name": None,
            "title": "", "text_original": "", "text_edited": "", "anonim": False,
            "rahasia": False, "channel": None, "parent_institution": None,
            "disposed_institution": None, "portal_status": None, "province": None, "city": None,
            "district": None, "village": None, "reporter_name": None, "reporter_nik": None,
            "reporter_phone": None, "reporter_email": None, "rating": None,
            "source": ComplaintSource.PORTAL.value, "completed_at": None, "created_at": now,
            "updated_at": now, "version": 1,
        }

    def plan(self, rows: Sequence[ParsedRow], named: set[str],
             period: tuple[date, date] | None) -> Plan:
        """Compare every row with the register; ``named`` also holds ids of rows with errors."""
        plan = Plan()
        present = set(self._session.scalars(select(Complaint.tracking_id)))
        wanted = [r.tracking_id for r in rows if r.tracking_id in present]
        existing: dict[str, Any] = {}
        for chunk in _chunks(wanted):
            for record in self._session.execute(
                select(*_EXISTING_COLUMNS).where(_table.c.tracking_id.in_(chunk))
            ):
                existing[record.tracking_id] = record
        for row in rows:
            old = existing.get(row.tracking_id)
            if old is None:
                self._new(plan, row)
            else:
                self._existing(plan, row, old)
        if period is not None:
            self._missing(plan, named, period)
        return plan

    # -- complaints new to the register ----------------------------------------------------------

    def _topic_for(self, row: ParsedRow, category: int | None) -> int | None:
        if category is None:
            return None
        topic = self._context.categories.get(category)
        if topic is None:
            name = row.values.get("portal_category_name") or "-"
            self._notes.add("category", "", str(category), row.row, lambda rows: _(
                "Category {id} “{name}” has no topic; the complaints stay without a topic "
                "until it is mapped ({rows}).").format(id=category, name=name, rows=rows))
        return topic

    def _new(self, plan: Plan, row: ParsedRow) -> None:
        values = row.values
        topic_id = self._topic_for(row, values.get("portal_category_id"))
        title = values.get("title") or ""
        text = values.get("text_edited") or values.get("text_original") or ""
        suggestion = self._router.suggest(title, text, topic_id)
        status = row.internal_status or row.mapped_status or InternalStatus.BELUM_TERVERIFIKASI
        reason = values.get("status_reason")
        if status in REASON_REQUIRED and not reason:
            reason = _portal_reason(values.get("portal_status"))
        if row.urgent is not None:
            urgent, urgent_reason = row.urgent, (row.urgent_reason if row.urgent else None)
        else:
            urgent = suggestion.urgent
            urgent_reason = (
                _("Urgent topic or routing rule: {match}").format(match=suggestion.matched or "-")
                if urgent else None
            )
        # The row's values become its insert record, completed in place: a copy would keep a
        # second dictionary per complaint alive until the commit (80 MB for 100.000 rows).
        record = row.values
        if "text_edited" not in record:
            record["text_edited"] = record.get("text_original") or ""
        defaults = self._defaults
        for column in defaults.keys() - record.keys():
            record[column] = defaults[column]
        record["tracking_id"] = row.tracking_id
        if row.tracking_id.startswith(LOCAL_TRACKING_PREFIX):
            record["source"] = ComplaintSource.LOCAL.value
        record["topic_id"] = topic_id
        record["status"] = status.value
        record["status_reason"] = reason
        record["urgent"] = urgent
        record["urgent_reason"] = urgent_reason
        record["verified_at"] = row.verified_at
        if status is InternalStatus.SELESAI:
            record["completed_at"] = row.completed_at
        plan.inserts.append(record)
        plan.new.append(NewComplaint(
            tracking_id=row.tracking_id,
            row=row.row,
            title=title,
            received_at=values["received_at"],
            status=status,
            topic=self._context.topics.get(topic_id) if topic_id else None,
            suggested_unit=(self._context.units.get(suggestion.unit_id)
                            if suggestion.unit_id else None),
            urgent=urgent,
            own_prefix=row.own_prefix,
        ))

    # -- complaints already here -----------------------------------------------------------------

    def _existing(self, plan: Plan, row: ParsedRow, old: Any) -> None:
        merged: dict[str, Any] = {}
        changes: list[FieldChange] = []
        for column, new in row.values.items():
            value = _merged(column, getattr(old, column), new)
            merged[column] = value
            if value != getattr(old, column):
                changes.append(FieldChange(column, self._labels.get(column, column),
                                           _shown(getattr(old, column)), _shown(value)))
        # The file's own Alasan Tunda/Arsip is among these: start from the merged values.
        status_values = {c: merged.get(c, getattr(old, c)) for c in STATUS_COLUMNS}
        category = merged.get("portal_category_id")
        if "portal_category_id" in merged and category != old.portal_category_id:
            topic = self._topic_for(row, category)
            if topic is not None and topic != old.topic_id:
                status_values["topic_id"] = topic
                changes.append(FieldChange(
                    "topic_id", _("Topic"), self._context.topics.get(old.topic_id, "")
                    if old.topic_id else "", self._context.topics.get(topic, "")))
        move = self._status_move(row, old, merged)
        if move is not None:
            status_values["status"] = move.new.value
            if move.new in REASON_REQUIRED:
                status_values["status_reason"] = merged.get("status_reason") or move.reason
            if move.new.is_verified and old.verified_at is None:
                status_values["verified_at"] = self._now
            status_values["completed_at"] = (
                self._now if move.new is InternalStatus.SELESAI else None
            )
            changes.append(FieldChange("status", _("Status in LAPOR Desk"), move.old.label,
                                       move.new.label))
            plan.moves.append(move)
        if not changes:
            plan.unchanged += 1
            return
        merged.update(status_values)
        plan.updates.append({
            **merged, "_id": old.id, "_version": old.version, "import_batch_id": None,
            "updated_at": self._now,
        })
        plan.changed.append(ChangedComplaint(row.tracking_id, row.row,
                                             merged.get("title", old.title), tuple(changes)))

    def _status_move(
        self, row: ParsedRow, old: Any, merged: Mapping[str, Any]
    ) -> StatusMove | None:
        if "portal_status" not in merged or merged["portal_status"] == old.portal_status:
            return None  # the portal says what it said last time: work done here stands
        target = row.mapped_status
        if target is None:
            return None  # unknown value: kept raw, warned about while parsing
        current = InternalStatus(old.status)
        decision = import_move(current, target)
        if decision is ImportMove.KEEP_FORBIDDEN:
            self._notes.add("forbidden", "", f"{current.value}>{target.value}", row.row,
                            lambda rows: _(
                "The portal status “{portal}” cannot be applied to complaints with status "
                "“{current}”; their status here is kept ({rows}).").format(
                    portal=merged["portal_status"], current=current.label, rows=rows))
        if decision is not ImportMove.MOVE:
            return None
        return StatusMove(old.id, current, target, _portal_reason(merged["portal_status"]))

    # -- complaints the export no longer lists ---------------------------------------------------

    def _missing(self, plan: Plan, named: set[str], period: tuple[date, date]) -> None:
        start = datetime.combine(period[0], time())
        end = datetime.combine(period[1] + timedelta(days=1), time())
        for record in self._session.execute(
            select(_table.c.tracking_id, _table.c.received_at, _table.c.title, _table.c.status)
            .where(_table.c.source == ComplaintSource.PORTAL.value,
                   _table.c.received_at >= start, _table.c.received_at < end)
            .order_by(_table.c.received_at, _table.c.tracking_id)
        ):
            if record.tracking_id not in named:
                plan.missing.append(MissingComplaint(
                    record.tracking_id, record.received_at, record.title,
                    InternalStatus(record.status)))
