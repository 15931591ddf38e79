"""Plain input of the meeting documents: minutes, attendance list and unit extracts.

The coordination-meeting records map onto these dataclasses; the builders know nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Person:
    """Somebody named in a meeting document; guests may have no NIP."""

    name: str
    nip: str = ""
    position: str = ""
    unit: str = ""


@dataclass(frozen=True, slots=True)
class Remark:
    """Who said what (a narasumber's point, a unit's answer)."""

    speaker: str
    text: str


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One item of the discussion: its subject, the complaints it is about, remarks, decisions."""

    title: str
    tracking_ids: tuple[str, ...] = ()
    remarks: tuple[Remark, ...] = ()
    decisions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ActionItem:
    """One row of the Rencana Tindak Lanjut."""

    issue: str
    unit: str
    action: str
    deadline: date | None = None
    status: str = ""


class AttendanceMode(StrEnum):
    """Blank for signing at the door, or filled from the recorded attendance."""

    BLANK = "blank"
    FILLED = "filled"


@dataclass(frozen=True, slots=True)
class Attendee:
    """An invitee, or somebody who attended; ``present`` is ``None`` while not yet recorded."""

    person: Person
    present: bool | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class AttendanceInput:
    """The attendance list of one meeting."""

    meeting: str
    day: date
    place: str
    start: datetime | None
    attendees: tuple[Attendee, ...]
    mode: AttendanceMode = AttendanceMode.BLANK
    #: Empty rows at the end of a blank list for guests who were not invited by name.
    spare_rows: int = 5


@dataclass(frozen=True, slots=True)
class MinutesInput:
    """Everything the Notula rapat says (DOMAIN.md §8)."""

    meeting: str
    day: date
    start: datetime
    place: str
    agenda: tuple[str, ...]
    chair: Person
    note_taker: Person
    end: datetime | None = None
    called_at: datetime | None = None
    secretary: Person | None = None
    opening: str = ""
    remarks: tuple[Remark, ...] = ()
    items: tuple[AgendaItem, ...] = ()
    decisions: tuple[str, ...] = ()
    actions: tuple[ActionItem, ...] = ()
    closing: str = ""
    signed_on: date | None = None
    approved: bool = False
    attendance: AttendanceInput | None = None


@dataclass(frozen=True, slots=True)
class UnitExtractInput:
    """A unit's decisions and action items of one meeting, attached to a nota dinas."""

    unit: str
    meeting: str
    day: date
    place: str
    decisions: tuple[str, ...]
    actions: tuple[ActionItem, ...]
    nota_dinas: str = ""
    signer: Person | None = None
    signer_role: str = ""
