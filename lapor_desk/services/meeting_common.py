"""Queries and checks the meeting services share; they run inside the caller's transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from lapor_desk.domain.errors import NotFound
from lapor_desk.domain.meetings import (
    HELD_STATUSES,
    AgendaItemKind,
    AttendanceState,
    MeetingKind,
    MeetingStatus,
    allowed_meeting_targets,
    meeting_number,
)
from lapor_desk.i18n import _
from lapor_desk.models import AgendaItem, Attendance, Meeting, MeetingRenaksi, MeetingUnit, Unit
from lapor_desk.services.changes import Changes
from lapor_desk.services.complaint_changes import active_units
from lapor_desk.services.meeting_inputs import Official
from lapor_desk.services.meeting_models import (
    MeetingDetail,
    MeetingRow,
    MeetingStatusRow,
    NarasumberRow,
    UnitRef,
)

HELD = tuple(s.value for s in HELD_STATUSES)


def meeting_changes(complaint_ids: Iterable[int] = ()) -> Changes:
    """What a meeting call changed, for ``AppEvents``: the meeting data and any complaints."""
    return Changes(complaints=frozenset(complaint_ids), meetings=True)


def load_meeting(session: Session, meeting_id: int) -> Meeting:
    """The meeting, or NotFound."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(_("Meeting not found."))
    return meeting


def status_of(meeting: Meeting) -> MeetingStatus:
    """The meeting's status as the enum."""
    return MeetingStatus(meeting.status)


def label_of(meeting: Meeting) -> str:
    """``2/2022``."""
    return meeting_number(meeting.number, meeting.year)


def load_agenda_item(session: Session, item_id: int) -> tuple[AgendaItem, Meeting]:
    """The agenda item and its meeting, or NotFound."""
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise NotFound(_("Agenda item not found."))
    return item, load_meeting(session, item.meeting_id)


def unit_refs(session: Session, ids: Iterable[int] | None = None) -> dict[int, UnitRef]:
    """Units by id (all when ``ids`` is None)."""
    query = select(Unit.id, Unit.abbreviation, Unit.name)
    if ids is not None:
        query = query.where(Unit.id.in_(list(ids)))
    return {row.id: UnitRef(row.id, row.abbreviation, row.name) for row in session.execute(query)}


def check_units(session: Session, unit_ids: Iterable[int], on: date) -> list[int]:
    """``unit_ids`` in order, once each, every one existing and active on ``on``."""
    return list(active_units(session, unit_ids, on))


def carried_counts(
    session: Session,
    action_ids: Iterable[int] | None = None,
    *,
    before: date | None = None,
    including: int | None = None,
) -> dict[int, int]:
    """How many meetings took each action item over as a carry-over.

    Counted are meetings that were held (a draft or a scheduled agenda is only a plan), dated
    before ``before`` when given; the meeting ``including`` counts whatever its status.
    """
    counted: ColumnElement[bool] = Meeting.status.in_(HELD)
    if including is not None:
        counted = counted | (Meeting.id == including)
    query = (
        select(AgendaItem.action_item_id, func.count())
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(
            AgendaItem.kind == AgendaItemKind.CARRY_OVER.value,
            AgendaItem.action_item_id.is_not(None),
            counted,
        )
        .group_by(AgendaItem.action_item_id)
    )
    if before is not None:
        query = query.where(Meeting.meeting_date < before)
    if action_ids is not None:
        query = query.where(AgendaItem.action_item_id.in_(list(action_ids)))
    return {
        int(action_id): int(count)
        for action_id, count in session.execute(query)
        if action_id is not None
    }


def meeting_rows(session: Session, meetings: Sequence[Meeting]) -> list[MeetingRow]:
    """List rows of ``meetings`` with their units and attendance counts, in three queries."""
    ids = [m.id for m in meetings]
    units = unit_refs(session)
    invited: dict[int, list[str]] = defaultdict(list)
    for meeting_id, unit_id in session.execute(
        select(MeetingUnit.meeting_id, MeetingUnit.unit_id)
        .where(MeetingUnit.meeting_id.in_(ids))
        .order_by(MeetingUnit.meeting_id, MeetingUnit.position)
    ):
        invited[meeting_id].append(units[unit_id].abbreviation)
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    attended = (AttendanceState.PRESENT.value, AttendanceState.REPRESENTED.value)
    for meeting_id, state, count in session.execute(
        select(Attendance.meeting_id, Attendance.state, func.count())
        .where(Attendance.meeting_id.in_(ids))
        .group_by(Attendance.meeting_id, Attendance.state)
    ):
        counts[meeting_id][0] += count
        if state in attended:
            counts[meeting_id][1] += count
    return [
        MeetingRow(
            id=m.id,
            number=m.number,
            year=m.year,
            title=m.title,
            kind=MeetingKind(m.kind),
            meeting_date=m.meeting_date,
            status=MeetingStatus(m.status),
            venue=m.venue,
            units=tuple(invited[m.id]),
            invited_count=counts[m.id][0],
            attendee_count=counts[m.id][1],
            version=m.version,
        )
        for m in meetings
    ]


def _person(name: str, nip: str | None) -> Official | None:
    return Official(name, nip) if name else None


def meeting_detail(session: Session, meeting: Meeting) -> MeetingDetail:
    """Everything the planner shows of ``meeting``."""
    units = unit_refs(session, [u.unit_id for u in meeting.units])
    renaksi = session.scalars(
        select(MeetingRenaksi.renaksi_id)
        .where(MeetingRenaksi.meeting_id == meeting.id)
        .order_by(MeetingRenaksi.renaksi_id)
    ).all()
    return MeetingDetail(
        row=meeting_rows(session, [meeting])[0],
        call_time=meeting.call_time,
        start_time=meeting.start_time,
        end_time=meeting.end_time,
        chair=_person(meeting.chair_name, meeting.chair_nip),
        secretary=_person(meeting.secretary_name, meeting.secretary_nip),
        notulis=_person(meeting.notulis_name, meeting.notulis_nip),
        units=tuple(units[u.unit_id] for u in meeting.units),
        narasumber=tuple(
            NarasumberRow(n.id, n.name, n.institution, n.remarks) for n in meeting.narasumber
        ),
        history=tuple(
            MeetingStatusRow(
                h.changed_at,
                MeetingStatus(h.from_status) if h.from_status else None,
                MeetingStatus(h.to_status),
                h.reason,
                h.changed_by,
                h.reopening,
            )
            for h in meeting.status_changes
        ),
        allowed_targets=allowed_meeting_targets(status_of(meeting)),
        agenda_cutoff=meeting.agenda_cutoff,
        started_at=meeting.started_at,
        ended_at=meeting.ended_at,
        notes=meeting.notes,
        notes_revision=meeting.notes_revision,
        renaksi_ids=tuple(renaksi),
    )
