"""From a coordination meeting's records to the inputs of its documents.

The Notula, the Daftar hadir and the per-unit extracts are built by ``reports`` from plain
dataclasses; this module reads one meeting (header, narasumber, agenda with notes and decisions,
action items, attendance) inside the caller's session and maps it onto them. Everything here is
document text, so ``_`` is the documents' Indonesian ``_``, whatever the UI language.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from lapor_desk.domain.meeting_outcomes import ActionStatus
from lapor_desk.domain.meetings import (
    HELD_STATUSES,
    AgendaItemKind,
    AttendanceState,
    MeetingStatus,
    Presence,
)
from lapor_desk.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Complaint,
    Decision,
    Meeting,
    Unit,
)
from lapor_desk.reports import lang
from lapor_desk.reports.lang import _
from lapor_desk.reports.meeting_input import ActionItem as ActionLine
from lapor_desk.reports.meeting_input import (
    AgendaItem as DiscussionItem,
)
from lapor_desk.reports.meeting_input import (
    AttendanceInput,
    AttendanceMode,
    Attendee,
    MinutesInput,
    Person,
    Remark,
    UnitExtractInput,
)
from lapor_desk.services.agenda_items import item_rows
from lapor_desk.services.meeting_common import label_of, load_meeting
from lapor_desk.services.meeting_models import AgendaItemRow

#: A signature line for an official whose name is not in the record yet.
UNNAMED = "…………………………"
_STATUS_SOURCE = {ActionStatus.OPEN: "Open", ActionStatus.DONE: "Done"}


@dataclass(frozen=True, slots=True)
class MeetingUnit:
    """A unit an extract is written for: its code (for file names) and its name."""

    id: int
    abbreviation: str
    name: str


def _at(day: date, value: time | None) -> datetime | None:
    return datetime.combine(day, value) if value is not None else None


def _person(name: str, nip: str | None) -> Person:
    return Person(name or UNNAMED, nip or "")


def _units(session: Session) -> dict[int, MeetingUnit]:
    return {
        row.id: MeetingUnit(row.id, row.abbreviation, row.name)
        for row in session.execute(select(Unit.id, Unit.abbreviation, Unit.name))
    }


# -- attendance ------------------------------------------------------------------------------


def _attendee(line: Attendance, units: dict[int, MeetingUnit], *, blank: bool) -> Attendee:
    unit = units[line.unit_id].name if line.unit_id in units else line.institution
    state = AttendanceState(line.state)
    person = Person(line.name, line.nip or "", line.position, unit)
    if blank:  # a list for signing names the invitees, whatever happened later
        return Attendee(person)
    if state is AttendanceState.REPRESENTED and line.representative_name:
        # Whoever sat in the meeting signs the list, on behalf of the invitee.
        person = Person(line.representative_name, line.representative_nip or "", "", unit)
        note = _("on behalf of {name}").format(name=line.name)
    elif state.attended and line.presence == Presence.ONLINE.value:
        note = _("present (online)")
    else:
        note = ""
    return Attendee(person, state.attended if state is not AttendanceState.INVITED else None,
                    note)


def attendance_input(session: Session, meeting_id: int, *, blank: bool) -> AttendanceInput:
    """The Daftar hadir: blank for signing (every invitee) or filled from the record."""
    meeting = load_meeting(session, meeting_id)
    return _attendance(session, meeting, blank=blank)


def _attendance(session: Session, meeting: Meeting, *, blank: bool) -> AttendanceInput:
    units = _units(session)
    return AttendanceInput(
        meeting=meeting.title,
        day=meeting.meeting_date,
        place=meeting.venue,
        start=_at(meeting.meeting_date, meeting.start_time),
        attendees=tuple(_attendee(line, units, blank=blank) for line in meeting.attendance),
        mode=AttendanceMode.BLANK if blank else AttendanceMode.FILLED,
    )


# -- minutes ---------------------------------------------------------------------------------


def _decisions(session: Session, item_ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    for item_id, text in session.execute(
        select(Decision.agenda_item_id, Decision.text)
        .where(Decision.agenda_item_id.in_(item_ids))
        .order_by(Decision.id)
    ):
        found[item_id].append(text)
    return found


def _tracking_ids(session: Session, complaint_ids: set[int]) -> dict[int, str]:
    return dict(
        session.execute(
            select(Complaint.id, Complaint.tracking_id).where(Complaint.id.in_(complaint_ids))
        ).all()
    )


def _action_lines(
    session: Session, meeting: Meeting, rows: list[AgendaItemRow], units: dict[int, MeetingUnit]
) -> list[tuple[int, ActionLine]]:
    """(owner unit id, line) of the actions agreed here, then of those carried over to here."""
    titles = {r.id: r.title for r in rows}
    carried = [r.action_item_id for r in rows if r.action_item_id is not None]
    agreed = list(session.scalars(
        select(ActionItem).where(ActionItem.meeting_id == meeting.id).order_by(ActionItem.id)
    ))
    earlier = list(session.scalars(
        select(ActionItem).where(ActionItem.id.in_(carried)).order_by(ActionItem.id)
    ))
    origins = {m.id: label_of(m) for m in session.scalars(
        select(Meeting).where(Meeting.id.in_({a.meeting_id for a in earlier})))}
    tracking = _tracking_ids(session, {a.complaint_id for a in (*agreed, *earlier)
                                       if a.complaint_id is not None})
    lines = []
    for action in (*agreed, *earlier):
        if action.complaint_id is not None:
            issue = tracking[action.complaint_id]
        elif action.meeting_id == meeting.id and action.agenda_item_id in titles:
            issue = titles[action.agenda_item_id]
        else:
            issue = ""
        if action.meeting_id != meeting.id:
            origin = _("continued from meeting No. {number}").format(
                number=origins[action.meeting_id])
            issue = f"{issue} ({origin})" if issue else origin
        owner = units[action.owner_unit_id].name
        if action.person_in_charge:
            owner = f"{owner} ({action.person_in_charge})"
        lines.append((action.owner_unit_id, ActionLine(
            issue=issue, unit=owner, action=action.description, deadline=action.due_date,
            status=_(_STATUS_SOURCE[ActionStatus(action.status)]),
        )))
    return lines


def _agenda(rows: list[AgendaItemRow], units: dict[int, MeetingUnit]) -> tuple[str, ...]:
    """The Acara: each general item, and one line per unit for its complaints and actions."""
    entries: list[str | int] = []  # an item's title, or the unit whose complaints come here
    per_unit: Counter[int] = Counter()
    for row in rows:
        if row.kind in (AgendaItemKind.COMPLAINT, AgendaItemKind.CARRY_OVER) and row.unit_id:
            if row.unit_id not in per_unit:
                entries.append(row.unit_id)
            per_unit[row.unit_id] += 1
        else:
            entries.append(row.title)
    return tuple(
        entry if isinstance(entry, str)
        else _("Follow-up of the complaints of {unit} ({count} items)").format(
            unit=units[entry].name, count=lang.num(per_unit[entry]))
        for entry in entries
    )


def _summary(decided: list[str]) -> tuple[str, ...]:
    """Each distinct decision once, in agenda order, with how many items it settled."""
    counts = Counter(decided)
    return tuple(
        text if counts[text] == 1 else _("{decision} ({count} items).").format(
            decision=text.strip().rstrip("."), count=lang.num(counts[text]))
        for text in dict.fromkeys(decided)
    )


def minutes_input(session: Session, meeting_id: int) -> MinutesInput:
    """The Notula of the meeting, with its attendance list attached.

    The attendance is filled from the record once the meeting was held, blank before; the
    DRAFT watermark stays until the minutes are approved.
    """
    meeting = load_meeting(session, meeting_id)
    units = _units(session)
    rows = item_rows(session, meeting)
    decisions = _decisions(session, [r.id for r in rows])
    remarks = tuple(
        Remark(f"{n.name} ({n.institution})" if n.institution else n.name, n.remarks)
        for n in meeting.narasumber if n.remarks.strip()
    )
    spoken = {" ".join(r.text.split()) for r in remarks}
    notes = dict(session.execute(
        select(AgendaItem.id, AgendaItem.notes).where(AgendaItem.meeting_id == meeting.id)
    ).all())
    items = []
    for row in rows:
        row_notes = notes[row.id]
        if " ".join(row_notes.split()) in spoken:
            row_notes = ""  # the speaker's points are already under "Paparan narasumber"
        # A complaint's title already starts with its tracking ID: no "Laporan terkait" line.
        tracking = (row.tracking_id,) if row.tracking_id and row.tracking_id not in row.title \
            else ()
        items.append(DiscussionItem(
            title=row.title,
            tracking_ids=tracking,
            remarks=(Remark(_("Notes"), row_notes),) if row_notes.strip() else (),
            decisions=tuple(decisions.get(row.id, ())),
        ))
    status = MeetingStatus(meeting.status)
    closed = meeting.ended_at or _at(meeting.meeting_date, meeting.end_time)
    start = _at(meeting.meeting_date, meeting.start_time) or meeting.started_at
    return MinutesInput(
        meeting=meeting.title,
        day=meeting.meeting_date,
        start=start or datetime.combine(meeting.meeting_date, time()),
        end=_at(meeting.meeting_date, meeting.end_time),
        called_at=_at(meeting.meeting_date, meeting.call_time),
        place=meeting.venue,
        agenda=_agenda(rows, units),
        chair=_person(meeting.chair_name, meeting.chair_nip),
        secretary=_person(meeting.secretary_name, meeting.secretary_nip)
        if meeting.secretary_name else None,
        note_taker=_person(meeting.notulis_name, meeting.notulis_nip),
        opening=meeting.notes,
        remarks=remarks,
        items=tuple(items),
        decisions=_summary([d for r in rows for d in decisions.get(r.id, ())]),
        actions=tuple(line for _unit, line in _action_lines(session, meeting, rows, units)),
        closing=_("The meeting was closed {time}.").format(time=lang.clock_time(closed))
        if closed is not None and status in HELD_STATUSES else "",
        signed_on=meeting.meeting_date,
        approved=status is MeetingStatus.MINUTES_APPROVED,
        attendance=_attendance(session, meeting, blank=status not in HELD_STATUSES),
    )


# -- unit extracts ---------------------------------------------------------------------------


def extract_units(session: Session, meeting_id: int) -> tuple[MeetingUnit, ...]:
    """Units an extract is written for: those invited, then any other owner of an action."""
    meeting = load_meeting(session, meeting_id)
    units = _units(session)
    wanted = [u.unit_id for u in meeting.units]
    rows = item_rows(session, meeting)
    for owner, _line in _action_lines(session, meeting, rows, units):
        if owner not in wanted:
            wanted.append(owner)
    return tuple(units[u] for u in wanted)


def unit_extract_inputs(
    session: Session, meeting_id: int, signer: Person | None, signer_role: str
) -> tuple[tuple[MeetingUnit, UnitExtractInput], ...]:
    """One extract per unit: the decisions on its own and on general items, and its actions."""
    meeting = load_meeting(session, meeting_id)
    units = _units(session)
    rows = item_rows(session, meeting)
    decisions = _decisions(session, [r.id for r in rows])
    actions = _action_lines(session, meeting, rows, units)
    out = []
    for unit in extract_units(session, meeting_id):
        decided = [d for r in rows if r.unit_id in (None, unit.id)
                   for d in decisions.get(r.id, ())]
        # ``build_unit_extract`` keeps the lines whose unit equals the extract's unit label.
        own = tuple(
            ActionLine(line.issue, unit.name, line.action, line.deadline, line.status)
            for owner, line in actions if owner == unit.id
        )
        out.append((unit, UnitExtractInput(
            unit=unit.name, meeting=meeting.title, day=meeting.meeting_date,
            place=meeting.venue, decisions=_summary(decided), actions=own,
            signer=signer, signer_role=signer_role,
        )))
    return tuple(out)
