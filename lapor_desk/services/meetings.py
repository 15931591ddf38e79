"""Planning coordination meetings: header, invited units, narasumber, status and its history.

The functions taking a ``Session`` do the work inside the caller's transaction (the demo scenario
uses them too); :class:`MeetingService` wraps each in one transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from lapor_desk.domain import validation as v
from lapor_desk.domain.actor import Actor, Clock
from lapor_desk.domain.errors import ConcurrentEdit, ValidationError
from lapor_desk.domain.meetings import (
    AttendanceState,
    MeetingKind,
    MeetingStatus,
    check_editable,
    check_meeting_transition,
    is_reopening,
    normalize_nip,
)
from lapor_desk.i18n import _
from lapor_desk.models import (
    Attendance,
    Meeting,
    MeetingRenaksi,
    MeetingStatusChange,
    MeetingUnit,
    Narasumber,
    UnitContact,
)
from lapor_desk.services.changes import Changes
from lapor_desk.services.meeting_common import (
    check_units,
    label_of,
    load_meeting,
    meeting_changes,
    meeting_detail,
    meeting_rows,
    status_of,
)
from lapor_desk.services.meeting_inputs import MeetingInput, NarasumberInput, Official
from lapor_desk.services.meeting_models import MeetingDetail, MeetingRow


def _limited(value: str, field: str, label: str, limit: int, required: bool = False) -> str:
    text = v.require_text(value, field, label) if required else (value or "").strip()
    if len(text) > limit:
        raise ValidationError(
            field, _("{label} is too long (at most {limit} characters).").format(
                label=label, limit=limit
            )
        )
    return text


def _official(person: Official | None, field: str) -> tuple[str, str | None]:
    if person is None:
        return "", None
    return (
        _limited(person.name, field, _("Name"), 200),
        normalize_nip(person.nip, field=f"{field}_nip"),
    )


def validate_meeting(data: MeetingInput) -> dict[str, object]:
    """The meeting's column values, or a ValidationError naming the first bad field."""
    if data.start_time and data.end_time and data.end_time <= data.start_time:
        raise ValidationError("end_time", _("The meeting must end after it starts."))
    if data.call_time and data.start_time and data.call_time > data.start_time:
        raise ValidationError("call_time", _("The call time cannot be after the start."))
    chair = _official(data.chair, "chair")
    secretary = _official(data.secretary, "secretary")
    notulis = _official(data.notulis, "notulis")
    return {
        "title": _limited(data.title, "title", _("Title"), 500, required=True),
        "kind": MeetingKind(data.kind).value,
        "meeting_date": data.meeting_date,
        "venue": _limited(data.venue, "venue", _("Venue"), 300),
        "call_time": data.call_time,
        "start_time": data.start_time,
        "end_time": data.end_time,
        "chair_name": chair[0],
        "chair_nip": chair[1],
        "secretary_name": secretary[0],
        "secretary_nip": secretary[1],
        "notulis_name": notulis[0],
        "notulis_nip": notulis[1],
    }


def _next_number(session: Session, year: int) -> int:
    highest = session.scalar(select(func.max(Meeting.number)).where(Meeting.year == year))
    return (highest or 0) + 1


def record_status(
    session: Session,
    meeting: Meeting,
    target: MeetingStatus,
    actor: Actor,
    now: datetime,
    reason: str | None = None,
) -> None:
    """Move the meeting to ``target`` if allowed, and write the step to its history."""
    current = status_of(meeting)
    check_meeting_transition(current, target, reason)
    if target is MeetingStatus.IN_SESSION:
        meeting.started_at = meeting.started_at or now
        meeting.ended_at = None
    if target is MeetingStatus.CLOSED:
        meeting.ended_at = now
    meeting.status = target.value
    meeting.updated_at = now
    meeting.status_changes.append(
        MeetingStatusChange(
            changed_at=now,
            from_status=current.value,
            to_status=target.value,
            reason=(reason or "").strip() or None,
            changed_by=actor.display_name,
            reopening=is_reopening(current, target),
        )
    )


def set_units(session: Session, meeting: Meeting, unit_ids: Sequence[int]) -> None:
    """Invite exactly ``unit_ids``; their liaisons join the attendance list as invitees.

    Invitees of a unit that is no longer invited leave the list unless somebody already
    recorded their attendance; people typed in by hand always stay.
    """
    wanted = check_units(session, unit_ids, meeting.meeting_date)
    before = {u.unit_id for u in meeting.units}
    removed = before - set(wanted)
    meeting.units[:] = [u for u in meeting.units if u.unit_id not in removed]
    by_unit = {u.unit_id: u for u in meeting.units}
    for position, unit_id in enumerate(wanted):
        if unit_id in by_unit:
            by_unit[unit_id].position = position
        else:
            meeting.units.append(MeetingUnit(unit_id=unit_id, position=position))
    meeting.attendance[:] = [
        a
        for a in meeting.attendance
        if not (
            a.unit_id in removed
            and a.contact_id is not None
            and a.state == AttendanceState.INVITED.value
        )
    ]
    present = {a.contact_id for a in meeting.attendance if a.contact_id is not None}
    added = [u for u in wanted if u not in before]
    if not added:
        return
    order = max((a.sort_order for a in meeting.attendance), default=0)
    contacts = session.scalars(
        select(UnitContact)
        .where(UnitContact.unit_id.in_(added), UnitContact.is_liaison.is_(True))
        .order_by(UnitContact.id)
    ).all()
    by_contact_unit: dict[int, list[UnitContact]] = defaultdict(list)
    for contact in contacts:
        by_contact_unit[contact.unit_id].append(contact)
    for unit_id in added:
        for contact in by_contact_unit[unit_id]:
            if contact.id in present:
                continue
            order += 1
            meeting.attendance.append(
                Attendance(
                    sort_order=order,
                    contact_id=contact.id,
                    unit_id=unit_id,
                    name=contact.name,
                    nip=contact.nip,
                    position=contact.position or "",
                    state=AttendanceState.INVITED.value,
                )
            )


def insert_meeting(session: Session, now: datetime, actor: Actor, data: MeetingInput) -> Meeting:
    """A new draft meeting with the next number of its year."""
    values = validate_meeting(data)
    year = data.meeting_date.year
    meeting = Meeting(
        year=year,
        number=_next_number(session, year),
        status=MeetingStatus.DRAFT.value,
        notes="",
        notes_revision=0,
        created_at=now,
        created_by=actor.display_name,
        updated_at=now,
        **values,
    )
    session.add(meeting)
    meeting.status_changes.append(
        MeetingStatusChange(
            changed_at=now, from_status=None, to_status=MeetingStatus.DRAFT.value,
            reason=None, changed_by=actor.display_name, reopening=False,
        )
    )
    session.flush()
    set_units(session, meeting, data.unit_ids)
    session.flush()
    return meeting


def set_narasumber(session: Session, meeting: Meeting, items: Sequence[NarasumberInput]) -> None:
    """Replace the meeting's speakers with ``items`` (in that order)."""
    check_editable(status_of(meeting))
    rows = []
    for position, item in enumerate(items):
        rows.append(
            Narasumber(
                position=position,
                name=_limited(item.name, "narasumber", _("Name"), 200, required=True),
                institution=_limited(item.institution, "institution", _("Institution"), 300),
                remarks=(item.remarks or "").strip(),
            )
        )
    meeting.narasumber[:] = rows


@dataclass(frozen=True, slots=True)
class MeetingCreated:
    """A new draft meeting and what changed."""

    meeting: MeetingRow
    changes: Changes


class MeetingService:
    """Plans meetings and moves them through their statuses, one transaction per call."""

    def __init__(self, factory: sessionmaker[Session], clock: Clock) -> None:
        self._factory = factory
        self._clock = clock

    def list_meetings(self, year: int | None = None) -> tuple[MeetingRow, ...]:
        """Meetings, newest first; only ``year``'s when given."""
        with self._factory() as session:
            query = select(Meeting).order_by(Meeting.meeting_date.desc(), Meeting.id.desc())
            if year is not None:
                query = query.where(Meeting.year == year)
            return tuple(meeting_rows(session, session.scalars(query).all()))

    def get(self, meeting_id: int) -> MeetingDetail:
        """The meeting with its units, speakers and status history."""
        with self._factory() as session:
            return meeting_detail(session, load_meeting(session, meeting_id))

    def create(self, actor: Actor, data: MeetingInput) -> MeetingCreated:
        """Plan a new meeting (a draft); invited units' liaisons are pre-filled as invitees."""
        with self._factory.begin() as session:
            meeting = insert_meeting(session, self._clock(), actor, data)
            row = meeting_rows(session, [meeting])[0]
        return MeetingCreated(row, meeting_changes())

    def update(
        self, actor: Actor, meeting_id: int, expected_version: int, data: MeetingInput
    ) -> Changes:
        """Replace the header and the invited units; refused once the meeting is closed."""
        values = validate_meeting(data)
        now = self._clock()
        with self._factory.begin() as session:
            meeting = load_meeting(session, meeting_id)
            if meeting.version != expected_version:
                raise ConcurrentEdit(
                    _("Meeting {number} was changed by someone else in the meantime. "
                      "Reload it and try again.").format(number=label_of(meeting))
                )
            check_editable(status_of(meeting))
            if data.meeting_date.year != meeting.year:
                # Numbered anew in the new year (read before assigning: autoflush).
                number = _next_number(session, data.meeting_date.year)
                meeting.year, meeting.number = data.meeting_date.year, number
            for name, value in values.items():
                setattr(meeting, name, value)
            meeting.updated_at = now
            set_units(session, meeting, data.unit_ids)
            try:
                session.flush()
            except StaleDataError as error:
                raise ConcurrentEdit(
                    _("The meeting was changed by someone else in the meantime. Reload it.")
                ) from error
        del actor
        return meeting_changes()

    def set_narasumber(
        self, actor: Actor, meeting_id: int, items: Sequence[NarasumberInput]
    ) -> Changes:
        """Replace the speakers (name, institution, remarks)."""
        with self._factory.begin() as session:
            meeting = load_meeting(session, meeting_id)
            set_narasumber(session, meeting, items)
            meeting.updated_at = self._clock()
        del actor
        return meeting_changes()

    def change_status(
        self, actor: Actor, meeting_id: int, target: MeetingStatus, reason: str | None = None
    ) -> Changes:
        """Schedule, start, close or approve the minutes of a meeting."""
        with self._factory.begin() as session:
            meeting = load_meeting(session, meeting_id)
            record_status(session, meeting, target, actor, self._clock(), reason)
        return meeting_changes()

    def reopen(self, actor: Actor, meeting_id: int, reason: str) -> Changes:
        """Make a closed meeting editable again; the reason is kept in its history."""
        with self._factory.begin() as session:
            meeting = load_meeting(session, meeting_id)
            if not status_of(meeting).read_only:
                raise ValidationError("status", _("Only a closed meeting can be reopened."))
            record_status(session, meeting, MeetingStatus.IN_SESSION, actor, self._clock(), reason)
        return meeting_changes()

    def delete(self, actor: Actor, meeting_id: int) -> Changes:
        """Delete a draft; a meeting that was scheduled stays on record."""
        with self._factory.begin() as session:
            meeting = load_meeting(session, meeting_id)
            if status_of(meeting) is not MeetingStatus.DRAFT:
                raise ValidationError("status", _("Only a draft meeting can be deleted."))
            session.execute(delete(MeetingRenaksi).where(MeetingRenaksi.meeting_id == meeting_id))
            session.delete(meeting)
        del actor
        return meeting_changes()

    def years(self) -> tuple[int, ...]:
        """Years that have meetings, newest first (for the planner's year filter)."""
        with self._factory() as session:
            return tuple(
                session.scalars(select(Meeting.year).distinct().order_by(Meeting.year.desc()))
            )

    def next_number(self, on: date) -> int:
        """The number a meeting on ``on`` would get now."""
        with self._factory() as session:
            return _next_number(session, on.year)
