"""Builder of the Daftar hadir: blank for signing at the door, or filled from the record."""

from __future__ import annotations

from datetime import datetime

from lapor_desk.reports import lang
from lapor_desk.reports.document import (
    Align,
    Block,
    Cell,
    Column,
    Document,
    Fields,
    Row,
    Table,
    Title,
)
from lapor_desk.reports.lang import _
from lapor_desk.reports.meeting_input import AttendanceInput, AttendanceMode
from lapor_desk.reports.setup import DocumentSetup, finish, nip_text

SIGN_LINE = "……………………"


def _signature_cell(number: int, note: str = "") -> Cell:
    """Signature cells alternate left and right, so neighbours do not sign over each other."""
    text = f"{number}. {note or SIGN_LINE}"
    return Cell(text, Align.LEFT if number % 2 else Align.RIGHT)


def attendance_blocks(data: AttendanceInput, *, title: str | None = None) -> list[Block]:
    """The list's title, meeting fields and table (also attached to the minutes)."""
    fields = [(_("Meeting"), data.meeting), (_("Day/date"), lang.day_long(data.day))]
    if data.start is not None:
        fields.append((_("Time"), lang.clock_time(data.start)))
    fields.append((_("Place"), data.place))
    filled = data.mode is AttendanceMode.FILLED
    people = [a for a in data.attendees if a.present] if filled else list(data.attendees)
    rows: list[Row] = []
    for number, attendee in enumerate(people, start=1):
        person = attendee.person
        note = (attendee.note or _("present")) if filled else ""
        rows.append((str(number), person.name, nip_text(person.nip) or "–",
                     person.position or "–", person.unit or "–", _signature_cell(number, note)))
    if not filled:
        for number in range(len(people) + 1, len(people) + 1 + data.spare_rows):
            rows.append((str(number), "", "", "", "", _signature_cell(number)))
    table = Table(
        # The NIP column fits "19850312 201001 1 005" on one line at the table's font size.
        (Column(_("No"), 0.45, Align.RIGHT), Column(_("Name"), 2.0), Column(_("NIP"), 2.25),
         Column(_("Position"), 1.65), Column(_("Work unit"), 1.9),
         Column(_("Signature"), 1.8)),
        tuple(rows), row_height_mm=11 if not filled else 8,
        empty_text=_("Nobody's attendance was recorded."),
    )
    return [Title(title or _("ATTENDANCE LIST")), Fields(tuple(fields), label_width=0.2), table]


def build_attendance(data: AttendanceInput, setup: DocumentSetup, snapshot: datetime) -> Document:
    """The Daftar hadir of one meeting as its own document; ``snapshot``: when it was read."""
    return finish(setup, title=_("Attendance list {meeting}").format(meeting=data.meeting),
                  kind="attendance", blocks=attendance_blocks(data), snapshot=snapshot)
