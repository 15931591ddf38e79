"""The synthetic people of the demo meetings: civil servants with NIPs, and who came.

Names are recombined from common name parts (``demo_texts``) and NIPs are made up; no real
person is meant.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from lapor_desk.domain.meetings import AttendanceState, Presence
from lapor_desk.models import Attendance, Meeting
from lapor_desk.services import demo_texts
from lapor_desk.services.attendance import add_attendee
from lapor_desk.services.meeting_inputs import AttendeeInput, Official


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


def synthetic_nip(rng: random.Random, sex: str | None = None) -> str:
    """A NIP-shaped number: a birth date, an appointment month after the 20th birthday."""
    born = date(1968, 1, 1) + timedelta(days=rng.randrange(0, 365 * 27))
    appointed = rng.randrange(max(born.year + 20, 1992), 2021)
    return (
        f"{born:%Y%m%d}{appointed}{rng.randrange(1, 13):02d}"
        f"{sex or rng.choice('12')}{rng.randrange(1, 30):03d}"
    )


def person(rng: random.Random, taken: set[str] | None = None) -> Official:
    """A made-up civil servant; ``taken`` names are drawn again (one list, no namesakes)."""
    name = demo_texts.reporter_name(rng)
    while taken is not None and name in taken:
        name = demo_texts.reporter_name(rng)
    if taken is not None:
        taken.add(name)
    return Official(name, synthetic_nip(rng))


def fill_attendance(
    session: Session,
    rng: random.Random,
    units: dict[str, int],
    meeting: Meeting,
    per_unit: dict[str, int],
    positions: tuple[str, ...],
) -> None:
    """Liaisons check in; each unit's colleagues are added until it sent ``per_unit``."""
    for line in meeting.attendance:
        line.state = AttendanceState.PRESENT.value
        line.presence = Presence.ON_SITE.value
        line.checked_in_at = _at(meeting.meeting_date, 8, 35 + rng.randrange(20))
    taken = {line.name for line in meeting.attendance}
    sent = {abbreviation: 0 for abbreviation in per_unit}
    by_id = {unit_id: a for a, unit_id in units.items()}
    for line in meeting.attendance:
        assert line.unit_id is not None
        sent[by_id[line.unit_id]] += 1
    for abbreviation, wanted in per_unit.items():
        for _index in range(wanted - sent[abbreviation]):
            colleague = person(rng, taken)
            add_attendee(
                session,
                meeting,
                AttendeeInput(
                    name=colleague.name,
                    nip=colleague.nip,
                    position=rng.choice(positions),
                    unit_id=units[abbreviation],
                    state=AttendanceState.PRESENT,
                    presence=Presence.ON_SITE,
                ),
                _at(meeting.meeting_date, 8, 40 + rng.randrange(20)),
            )


def liaisons(meeting: Meeting) -> dict[int, str]:
    """Name of each unit's liaison on the attendance list, by unit id."""
    return {
        a.unit_id: a.name for a in meeting.attendance if a.contact_id and a.unit_id is not None
    }


def attendance_lines(session: Session, meeting: Meeting) -> list[Attendance]:
    """The attendance list as stored (lines added in this transaction included)."""
    return list(
        session.scalars(
            select(Attendance).where(Attendance.meeting_id == meeting.id).order_by(
                Attendance.sort_order
            )
        )
    )
