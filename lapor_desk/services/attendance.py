"""The attendance list (daftar hadir) of a meeting and the quick check-in at the door."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from lapor_desk.domain import validation as v
from lapor_desk.domain.actor import Actor, Clock
from lapor_desk.domain.errors import NotFound, ValidationError
from lapor_desk.domain.meetings import (
    AttendanceState,
    Presence,
    check_editable,
    normalize_attendance,
    normalize_nip,
)
from lapor_desk.i18n import _
from lapor_desk.models import Attendance, Meeting
from lapor_desk.services.changes import Changes
from lapor_desk.services.meeting_common import (
    check_units,
    load_meeting,
    meeting_changes,
    status_of,
    unit_refs,
)
from lapor_desk.services.meeting_inputs import AttendeeInput
from lapor_desk.services.meeting_models import AttendanceRow


def _rows(session: Session, items: list[Attendance]) -> list[AttendanceRow]:
    units = unit_refs(session, {a.unit_id for a in items if a.unit_id is not None})
    return [
        AttendanceRow(
            id=a.id,
            meeting_id=a.meeting_id,
            name=a.name,
            nip=a.nip,
            position=a.position,
            unit_id=a.unit_id,
            unit=units[a.unit_id].abbreviation if a.unit_id else None,
            unit_name=units[a.unit_id].name if a.unit_id else None,
            institution=a.institution,
            state=AttendanceState(a.state),
            presence=Presence(a.presence) if a.presence else None,
            representative_name=a.representative_name,
            representative_nip=a.representative_nip,
            checked_in_at=a.checked_in_at,
            from_liaison=a.contact_id is not None,
        )
        for a in items
    ]


def _text(value: str | None, field: str, label: str, limit: int) -> str:
    text = (value or "").strip()
    if len(text) > limit:
        raise ValidationError(
            field,
            _("{label} is too long (at most {limit} characters).").format(label=label, limit=limit),
        )
    return text


def validate_attendee(session: Session, meeting: Meeting, data: AttendeeInput) -> dict[str, object]:
    """Column values of an attendance line; staff of a unit need a NIP, guests an institution."""
    name = v.require_text(data.name, "name", _("Name"))
    _text(name, "name", _("Name"), 200)
    if data.unit_id is not None:
        check_units(session, [data.unit_id], meeting.meeting_date)
    institution = _text(data.institution, "institution", _("Institution"), 300)
    if data.unit_id is None and not institution:
        raise ValidationError(
            "institution", _("Choose the unit, or enter the guest's institution.")
        )
    presence, representative = normalize_attendance(
        data.state, data.presence, data.representative_name
    )
    return {
        "name": name,
        "nip": normalize_nip(data.nip, required=data.unit_id is not None),
        "position": _text(data.position, "position", _("Position"), 200),
        "unit_id": data.unit_id,
        "institution": institution,
        "state": data.state.value,
        "presence": presence.value if presence else None,
        "representative_name": representative,
        "representative_nip": (
            normalize_nip(data.representative_nip, field="representative_nip")
            if representative
            else None
        ),
    }


def add_attendee(
    session: Session, meeting: Meeting, data: AttendeeInput, now: datetime
) -> Attendance:
    """Append a line to the list; somebody recorded as attending is checked in now."""
    check_editable(status_of(meeting))
    values = validate_attendee(session, meeting, data)
    order = session.scalar(
        select(func.max(Attendance.sort_order)).where(Attendance.meeting_id == meeting.id)
    )
    line = Attendance(meeting_id=meeting.id, sort_order=(order or 0) + 1, **values)
    if data.state.attended:
        line.checked_in_at = now
    session.add(line)
    session.flush()
    return line


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isascii() and c.isdigit())


class AttendanceService:
    """Keeps the attendance list; every call is one transaction."""

    def __init__(self, factory: sessionmaker[Session], clock: Clock) -> None:
        self._factory = factory
        self._clock = clock

    def _load(self, session: Session, attendance_id: int) -> tuple[Attendance, Meeting]:
        line = session.get(Attendance, attendance_id)
        if line is None:
            raise NotFound(_("Attendance line not found."))
        meeting = load_meeting(session, line.meeting_id)
        check_editable(status_of(meeting))
        return line, meeting

    def list_attendance(self, meeting_id: int) -> tuple[AttendanceRow, ...]:
        """The list in its order (pre-filled invitees first, then people added)."""
        with self._factory() as session:
            meeting = load_meeting(session, meeting_id)
            return tuple(_rows(session, list(meeting.attendance)))

    def find(self, meeting_id: int, text: str) -> tuple[AttendanceRow, ...]:
        """Lines whose name, NIP, unit or institution contain ``text`` (for the door)."""
        needle = " ".join(text.lower().split())
        digits = _digits(text)
        rows = self.list_attendance(meeting_id)
        if not needle:
            return rows
        return tuple(
            r
            for r in rows
            if needle in r.name.lower()
            or (r.representative_name and needle in r.representative_name.lower())
            or needle in (r.unit or "").lower()
            or needle in r.institution.lower()
            or (len(digits) >= 4 and digits in (r.nip or ""))
        )

    def counts(self, meeting_id: int) -> dict[AttendanceState, int]:
        """How many lines are in each state."""
        rows = self.list_attendance(meeting_id)
        found = Counter(r.state for r in rows)
        return {state: found[state] for state in AttendanceState}

    def add(
        self, actor: Actor, meeting_id: int, data: AttendeeInput
    ) -> tuple[AttendanceRow, Changes]:
        """Add a person to the list (a walk-in guest, a colleague who came along)."""
        with self._factory.begin() as session:
            meeting = load_meeting(session, meeting_id)
            line = add_attendee(session, meeting, data, self._clock())
            row = _rows(session, [line])[0]
        del actor
        return row, meeting_changes()

    def update(self, actor: Actor, attendance_id: int, data: AttendeeInput) -> Changes:
        """Correct a line (name, NIP, position, unit, state, presence, representative)."""
        now = self._clock()
        with self._factory.begin() as session:
            line, meeting = self._load(session, attendance_id)
            values = validate_attendee(session, meeting, data)
            for name, value in values.items():
                setattr(line, name, value)
            if data.state.attended:
                line.checked_in_at = line.checked_in_at or now
            else:
                line.checked_in_at = None
        del actor
        return meeting_changes()

    def check_in(
        self, actor: Actor, attendance_id: int, presence: Presence = Presence.ON_SITE
    ) -> AttendanceRow:
        """The quick check-in at the door: present, now, on site (or online)."""
        with self._factory.begin() as session:
            line, _meeting = self._load(session, attendance_id)
            line.state = AttendanceState.PRESENT.value
            line.presence = presence.value
            line.representative_name = line.representative_nip = None
            line.checked_in_at = line.checked_in_at or self._clock()
            row = _rows(session, [line])[0]
        del actor
        return row

    def set_state(
        self,
        actor: Actor,
        attendance_id: int,
        state: AttendanceState,
        presence: Presence | None = None,
        representative_name: str | None = None,
        representative_nip: str | None = None,
    ) -> AttendanceRow:
        """Record hadir, tidak hadir, izin or diwakili oleh … for a line."""
        with self._factory.begin() as session:
            line, _meeting = self._load(session, attendance_id)
            kept_presence, representative = normalize_attendance(
                state, presence, representative_name
            )
            line.state = state.value
            line.presence = kept_presence.value if kept_presence else None
            line.representative_name = representative
            line.representative_nip = (
                normalize_nip(representative_nip, field="representative_nip")
                if representative
                else None
            )
            if state.attended:
                line.checked_in_at = line.checked_in_at or self._clock()
            else:
                line.checked_in_at = None
            row = _rows(session, [line])[0]
        del actor
        return row

    def remove(self, actor: Actor, attendance_id: int) -> Changes:
        """Take a line off the list."""
        with self._factory.begin() as session:
            line, _meeting = self._load(session, attendance_id)
            session.delete(line)
        del actor
        return meeting_changes()
