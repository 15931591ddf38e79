"""A small register for the meeting tests: units with liaisons, complaints with known dates."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from sqlalchemy.orm import Session

from lapor_desk.domain.actor import Actor
from lapor_desk.domain.enums import FollowUpKind, InternalStatus, Klasifikasi, Role
from lapor_desk.domain.meetings import MeetingKind, MeetingStatus
from lapor_desk.models import (
    Complaint,
    Disposition,
    FollowUp,
    StatusChange,
    Topic,
    Unit,
    UnitContact,
)
from lapor_desk.persistence.engine import make_session_factory
from lapor_desk.services.bootstrap import Services, open_services
from lapor_desk.services.meeting_inputs import MeetingInput, Official

NOTULIS = Actor("notulis", "Rina Notulis", Role.OPERATOR)
S = InternalStatus


@dataclass
class Clock:
    """A wall clock the test moves by hand."""

    now: datetime = datetime(2022, 11, 14, 10, 0)

    def __call__(self) -> datetime:
        return self.now

    def at(self, day: date, hour: int = 10, minute: int = 0) -> None:
        self.now = datetime.combine(day, time(hour, minute))


@dataclass
class Register:
    """Services over a fresh register, its clock and the ids of its units."""

    services: Services
    clock: Clock
    units: dict[str, int] = field(default_factory=dict)

    def session(self) -> AbstractContextManager[Session]:
        return make_session_factory(self.services.engine).begin()


UNITS = (
    ("PUSDATIN", "Pusat Data dan Informasi Kesejahteraan Sosial", "198503122010011005"),
    ("SET-ITJEN", "Sekretariat Inspektorat Jenderal", "197901052005022001"),
    ("BIRO-HUKUM", "Biro Hukum", None),  # a liaison without NIP on record
)


@contextmanager
def open_register(target: str | Path, data_dir: Path) -> Iterator[Register]:
    """Services over ``target`` with three units, each with one liaison, and a topic."""
    clock = Clock()
    with open_services(target, data_dir=data_dir, clock=clock) as services:
        register = Register(services, clock)
        with register.session() as session:
            for abbreviation, name, nip in UNITS:
                unit = Unit(name=name, abbreviation=abbreviation, kind="eselon_ii")
                session.add(unit)
                session.flush()
                register.units[abbreviation] = unit.id
                session.add(
                    UnitContact(
                        unit_id=unit.id, name=f"Penghubung {abbreviation}", nip=nip,
                        position="Admin Penghubung SP4N-LAPOR!", is_liaison=True,
                    )
                )
            session.add(
                UnitContact(unit_id=register.units["PUSDATIN"], name="Bukan Penghubung",
                            is_liaison=False)
            )
            session.add(Topic(code="DTKS", name="DTKS", keywords="dtks"))
        yield register


def add_complaint(
    register: Register,
    tracking: str,
    received: date,
    unit: str,
    status: InternalStatus = S.BELUM_DITINDAKLANJUTI,
    *,
    urgent: bool = False,
    responded: date | None = None,
    klasifikasi: Klasifikasi | None = None,
    text: str = "Bantuan tidak cair. NIK saya 3174051206850003, HP 0812-3456-7890.",
) -> int:
    """A portal complaint verified and disposed to ``unit`` on the day it arrived."""
    at = datetime.combine(received, time(9))
    with register.session() as session:
        complaint = Complaint(
            tracking_id=tracking, source="portal", received_at=at, title=f"Pengaduan {tracking}",
            text_original=text, text_edited=text, status=status.value, urgent=urgent,
            klasifikasi=klasifikasi.value if klasifikasi else None,
            verified_at=at, created_at=at, updated_at=at, city="Kota Bekasi",
            province="Jawa Barat", reporter_name="Pelapor Rahasia",
            completed_at=(
                datetime.combine(responded or received, time(15)) if status is S.SELESAI else None
            ),
        )
        session.add(complaint)
        session.flush()
        session.add(Disposition(complaint_id=complaint.id, unit_id=register.units[unit],
                                is_lead=True, disposed_at=at, disposed_by="Admin"))
        session.add(StatusChange(complaint_id=complaint.id, changed_at=at, from_status=None,
                                 to_status=S.BELUM_TERVERIFIKASI.value, changed_by="x",
                                 origin="import"))
        session.add(StatusChange(complaint_id=complaint.id, changed_at=at,
                                 from_status=S.BELUM_TERVERIFIKASI.value,
                                 to_status=S.BELUM_DITINDAKLANJUTI.value, changed_by="x",
                                 origin="import"))
        if responded is not None:
            moved = datetime.combine(responded, time(14))
            session.add(FollowUp(complaint_id=complaint.id, unit_id=register.units[unit],
                                 kind=FollowUpKind.FIRST_RESPONSE.value, posted_at=moved,
                                 text="Sedang diverifikasi.", created_by="unit"))
            session.add(StatusChange(complaint_id=complaint.id, changed_at=moved,
                                     from_status=S.BELUM_DITINDAKLANJUTI.value,
                                     to_status=status.value, changed_by="x", origin="import"))
        return complaint.id


def new_meeting(
    register: Register,
    day: date,
    units: tuple[str, ...] = ("PUSDATIN", "SET-ITJEN"),
    title: str = "Rapat Koordinasi Tindak Lanjut Pengaduan",
) -> int:
    """A draft meeting on ``day`` inviting ``units``."""
    created = register.services.meetings.create(
        NOTULIS,
        MeetingInput(
            title=title, kind=MeetingKind.FOLLOW_UP, meeting_date=day,
            venue="Ruang Rapat Biro Humas", start_time=time(9), end_time=time(12),
            chair=Official("Kepala Biro Humas", "197001012000031001"),
            notulis=Official("Rina Notulis"),
            unit_ids=tuple(register.units[u] for u in units),
        ),
    )
    return created.meeting.id


def start(register: Register, meeting_id: int, day: date) -> None:
    """Schedule and open the meeting at 09:00 on ``day``."""
    register.clock.at(day, 8)
    register.services.meetings.change_status(NOTULIS, meeting_id, MeetingStatus.SCHEDULED)
    register.clock.at(day, 9)
    register.services.meetings.change_status(NOTULIS, meeting_id, MeetingStatus.IN_SESSION)


def close(register: Register, meeting_id: int, day: date) -> None:
    """Close the meeting at noon on ``day``."""
    register.clock.at(day, 12)
    register.services.meetings.change_status(NOTULIS, meeting_id, MeetingStatus.CLOSED)

