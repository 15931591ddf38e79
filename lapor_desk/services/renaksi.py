"""The Renaksi register: SP4N-LAPOR! action plans per period, their progress and evidence.

Evidence is a meeting marked as fulfilling the item, or a document or link recorded by hand
(a generated notula or analysis, a signed decree).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from lapor_desk.domain import validation as v
from lapor_desk.domain.actor import Actor, Clock
from lapor_desk.domain.errors import NotFound, ValidationError
from lapor_desk.domain.meeting_outcomes import RenaksiStatus, check_progress, normalize_period
from lapor_desk.i18n import _
from lapor_desk.models import Meeting, MeetingRenaksi, Renaksi, RenaksiEvidence
from lapor_desk.services.changes import Changes
from lapor_desk.services.meeting_common import (
    check_units,
    label_of,
    load_meeting,
    meeting_changes,
    meeting_rows,
    unit_refs,
)
from lapor_desk.services.meeting_models import MeetingRow


@dataclass(frozen=True, slots=True)
class RenaksiInput:
    """A Renaksi item as the register's form edits it; the number is the next free one if None."""

    period: str
    title: str
    description: str = ""
    output: str = ""
    owner_unit_id: int | None = None
    target_date: date | None = None
    status: RenaksiStatus = RenaksiStatus.NOT_STARTED
    progress: int = 0
    number: int | None = None


@dataclass(frozen=True, slots=True)
class EvidenceInput:
    """A document, file or link that shows progress; optionally from a meeting."""

    title: str
    location: str = ""
    note: str = ""
    meeting_id: int | None = None


@dataclass(frozen=True, slots=True)
class RenaksiRow:
    """A Renaksi item as the register lists it."""

    id: int
    period: str
    number: int
    title: str
    description: str
    output: str
    owner_unit_id: int | None
    owner_unit: str | None
    target_date: date | None
    status: RenaksiStatus
    progress: int
    updated_at: datetime
    updated_by: str
    meetings: tuple[str, ...]  # labels of the meetings that fulfil it
    evidence_count: int


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    """One piece of evidence."""

    id: int
    title: str
    meeting_id: int | None
    meeting_label: str | None
    location: str
    note: str
    added_at: datetime
    added_by: str


@dataclass(frozen=True, slots=True)
class RenaksiDetail:
    """A Renaksi item with its evidence and the meetings that fulfil it."""

    row: RenaksiRow
    evidence: tuple[EvidenceRow, ...]
    meetings: tuple[MeetingRow, ...]


@dataclass(frozen=True, slots=True)
class RenaksiSummary:
    """Progress of a period: how many items stand where, and the average progress."""

    period: str
    total: int
    by_status: tuple[tuple[RenaksiStatus, int], ...]
    average_progress: float | None


def _rows(session: Session, items: Sequence[Renaksi]) -> list[RenaksiRow]:
    ids = [r.id for r in items]
    units = unit_refs(session, {r.owner_unit_id for r in items if r.owner_unit_id is not None})
    meetings: dict[int, list[str]] = defaultdict(list)
    for renaksi_id, meeting in session.execute(
        select(MeetingRenaksi.renaksi_id, Meeting)
        .join(Meeting, Meeting.id == MeetingRenaksi.meeting_id)
        .where(MeetingRenaksi.renaksi_id.in_(ids))
        .order_by(Meeting.meeting_date, Meeting.id)
    ).all():
        meetings[renaksi_id].append(label_of(meeting))
    evidence = dict(
        session.execute(
            select(RenaksiEvidence.renaksi_id, func.count())
            .where(RenaksiEvidence.renaksi_id.in_(ids))
            .group_by(RenaksiEvidence.renaksi_id)
        ).all()
    )
    return [
        RenaksiRow(
            id=r.id,
            period=r.period,
            number=r.number,
            title=r.title,
            description=r.description,
            output=r.output,
            owner_unit_id=r.owner_unit_id,
            owner_unit=units[r.owner_unit_id].abbreviation if r.owner_unit_id else None,
            target_date=r.target_date,
            status=RenaksiStatus(r.status),
            progress=r.progress,
            updated_at=r.updated_at,
            updated_by=r.updated_by,
            meetings=tuple(meetings[r.id]),
            evidence_count=int(evidence.get(r.id, 0)),
        )
        for r in items
    ]


def _values(session: Session, data: RenaksiInput, today: date) -> dict[str, object]:
    title = v.require_text(data.title, "title", _("Title"))
    if len(title) > 500:
        raise ValidationError("title", _("Title is too long (at most 500 characters)."))
    if data.owner_unit_id is not None:
        check_units(session, [data.owner_unit_id], today)
    return {
        "period": normalize_period(data.period),
        "title": title,
        "description": data.description.strip(),
        "output": data.output.strip(),
        "owner_unit_id": data.owner_unit_id,
        "target_date": data.target_date,
        "status": data.status.value,
        "progress": check_progress(data.status, data.progress),
    }


def insert_renaksi(
    session: Session, now: datetime, actor: Actor, data: RenaksiInput
) -> Renaksi:
    """Add an item to the register; its number is the next of its period unless given."""
    values = _values(session, data, now.date())
    period = str(values["period"])
    number = data.number
    if number is None:
        highest = session.scalar(select(func.max(Renaksi.number)).where(Renaksi.period == period))
        number = (highest or 0) + 1
    elif number < 1:
        raise ValidationError("number", _("The number must be 1 or more."))
    if session.scalar(
        select(Renaksi.id).where(Renaksi.period == period, Renaksi.number == number)
    ):
        raise ValidationError(
            "number",
            _("Renaksi {period} already has an item number {number}.").format(
                period=period, number=number
            ),
        )
    item = Renaksi(number=number, updated_at=now, updated_by=actor.display_name, **values)
    session.add(item)
    session.flush()
    return item


def mark_fulfilled(
    session: Session, meeting: Meeting, renaksi_ids: Sequence[int], actor: Actor, now: datetime
) -> None:
    """Make ``renaksi_ids`` exactly the items ``meeting`` fulfils."""
    wanted = set(renaksi_ids)
    found = set(session.scalars(select(Renaksi.id).where(Renaksi.id.in_(wanted))))
    if found != wanted:
        raise NotFound(_("Renaksi item not found."))
    current = {
        m.renaksi_id: m
        for m in session.scalars(
            select(MeetingRenaksi).where(MeetingRenaksi.meeting_id == meeting.id)
        )
    }
    for renaksi_id, link in current.items():
        if renaksi_id not in wanted:
            session.delete(link)
    for renaksi_id in sorted(wanted - current.keys()):
        session.add(
            MeetingRenaksi(
                meeting_id=meeting.id, renaksi_id=renaksi_id, marked_at=now,
                marked_by=actor.display_name,
            )
        )


class RenaksiService:
    """Keeps the Renaksi register; one transaction per call."""

    def __init__(self, factory: sessionmaker[Session], clock: Clock) -> None:
        self._factory = factory
        self._clock = clock

    def _load(self, session: Session, renaksi_id: int) -> Renaksi:
        item = session.get(Renaksi, renaksi_id)
        if item is None:
            raise NotFound(_("Renaksi item not found."))
        return item

    def periods(self) -> tuple[str, ...]:
        """The periods in the register, newest first."""
        with self._factory() as session:
            return tuple(
                session.scalars(select(Renaksi.period).distinct().order_by(Renaksi.period.desc()))
            )

    def list_items(self, period: str | None = None) -> tuple[RenaksiRow, ...]:
        """The register (one period's when given), by period and number."""
        with self._factory() as session:
            query = select(Renaksi).order_by(Renaksi.period, Renaksi.number)
            if period is not None:
                query = query.where(Renaksi.period == normalize_period(period))
            return tuple(_rows(session, session.scalars(query).all()))

    def get(self, renaksi_id: int) -> RenaksiDetail:
        """One item with its evidence and the meetings that fulfil it."""
        with self._factory() as session:
            item = self._load(session, renaksi_id)
            labels = {
                m.id: label_of(m)
                for m in session.scalars(
                    select(Meeting).where(
                        Meeting.id.in_({e.meeting_id for e in item.evidence if e.meeting_id})
                    )
                )
            }
            meetings = session.scalars(
                select(Meeting)
                .join(MeetingRenaksi, MeetingRenaksi.meeting_id == Meeting.id)
                .where(MeetingRenaksi.renaksi_id == renaksi_id)
                .order_by(Meeting.meeting_date, Meeting.id)
            ).all()
            return RenaksiDetail(
                row=_rows(session, [item])[0],
                evidence=tuple(
                    EvidenceRow(
                        e.id, e.title, e.meeting_id,
                        labels.get(e.meeting_id) if e.meeting_id else None,
                        e.location, e.note, e.added_at, e.added_by,
                    )
                    for e in item.evidence
                ),
                meetings=tuple(meeting_rows(session, meetings)),
            )

    def summary(self, period: str) -> RenaksiSummary:
        """How a period's action plans stand."""
        rows = self.list_items(period)
        return RenaksiSummary(
            period=normalize_period(period),
            total=len(rows),
            by_status=tuple(
                (status, sum(r.status is status for r in rows)) for status in RenaksiStatus
            ),
            average_progress=sum(r.progress for r in rows) / len(rows) if rows else None,
        )

    def add(self, actor: Actor, data: RenaksiInput) -> tuple[RenaksiRow, Changes]:
        """Add an action plan to the register."""
        with self._factory.begin() as session:
            item = insert_renaksi(session, self._clock(), actor, data)
            row = _rows(session, [item])[0]
        return row, meeting_changes()

    def update(self, actor: Actor, renaksi_id: int, data: RenaksiInput) -> Changes:
        """Replace an item's fields (its period and number stay)."""
        now = self._clock()
        with self._factory.begin() as session:
            item = self._load(session, renaksi_id)
            values = _values(session, data, now.date())
            if values.pop("period") != item.period:
                raise ValidationError("period", _("An item keeps its period."))
            for name, value in values.items():
                setattr(item, name, value)
            item.updated_at, item.updated_by = now, actor.display_name
        return meeting_changes()

    def set_progress(
        self, actor: Actor, renaksi_id: int, status: RenaksiStatus, progress: int
    ) -> Changes:
        """Record where the action plan stands."""
        with self._factory.begin() as session:
            item = self._load(session, renaksi_id)
            item.progress = check_progress(status, progress)
            item.status = status.value
            item.updated_at, item.updated_by = self._clock(), actor.display_name
        return meeting_changes()

    def add_evidence(
        self, actor: Actor, renaksi_id: int, data: EvidenceInput
    ) -> tuple[EvidenceRow, Changes]:
        """Attach a document, file or link as evidence."""
        title = v.require_text(data.title, "title", _("Title"))
        now = self._clock()
        with self._factory.begin() as session:
            item = self._load(session, renaksi_id)
            label = label_of(load_meeting(session, data.meeting_id)) if data.meeting_id else None
            evidence = RenaksiEvidence(
                title=title[:500], meeting_id=data.meeting_id, location=data.location.strip(),
                note=data.note.strip(), added_at=now, added_by=actor.display_name,
            )
            item.evidence.append(evidence)
            session.flush()
            row = EvidenceRow(
                evidence.id, evidence.title, evidence.meeting_id, label, evidence.location,
                evidence.note, evidence.added_at, evidence.added_by,
            )
        return row, meeting_changes()

    def remove_evidence(self, actor: Actor, evidence_id: int) -> Changes:
        """Take a piece of evidence off an item."""
        with self._factory.begin() as session:
            evidence = session.get(RenaksiEvidence, evidence_id)
            if evidence is None:
                raise NotFound(_("Evidence not found."))
            session.delete(evidence)
        del actor
        return meeting_changes()

    def set_fulfilled_by(
        self, actor: Actor, meeting_id: int, renaksi_ids: Sequence[int]
    ) -> Changes:
        """Mark the meeting as fulfilling exactly ``renaksi_ids``."""
        with self._factory.begin() as session:
            meeting = load_meeting(session, meeting_id)
            mark_fulfilled(session, meeting, renaksi_ids, actor, self._clock())
        return meeting_changes()
