"""The agenda builder's proposal: what each invited unit should be asked about.

For each unit: the complaints it leads that are overdue, urgent, due before the meeting or
unmoved since the unit's last meeting, and the open action items of earlier meetings (carried
over, with how often); grouped by unit, most urgent and oldest first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from lapor_desk.domain.calendar import WorkingCalendar
from lapor_desk.domain.enums import OPEN_STATUSES, SlaState
from lapor_desk.domain.errors import ValidationError
from lapor_desk.domain.meeting_outcomes import ActionStatus
from lapor_desk.domain.meetings import (
    AgendaCandidate,
    AgendaItemKind,
    AgendaReason,
    agenda_sort_key,
    meeting_number,
)
from lapor_desk.domain.sla import SlaRule, complaint_sla
from lapor_desk.i18n import _
from lapor_desk.models import (
    ActionItem,
    Complaint,
    Disposition,
    Meeting,
    MeetingUnit,
    StatusChange,
    Topic,
)
from lapor_desk.services.meeting_common import HELD, carried_counts, unit_refs
from lapor_desk.services.meeting_models import (
    ActionBrief,
    AgendaProposal,
    ComplaintBrief,
    ProposedItem,
    UnitProposal,
)
from lapor_desk.services.timelines import load_timelines

OPEN = tuple(s.value for s in OPEN_STATUSES)


def _end_of(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time())


def _last_meetings(
    session: Session, unit_ids: Sequence[int], before: date, exclude: int | None
) -> dict[int, tuple[date, str]]:
    """Each unit's last held meeting before ``before``: its date and label."""
    query = (
        select(MeetingUnit.unit_id, Meeting.meeting_date, Meeting.number, Meeting.year)
        .join(Meeting, Meeting.id == MeetingUnit.meeting_id)
        .where(
            MeetingUnit.unit_id.in_(unit_ids),
            Meeting.status.in_(HELD),
            Meeting.meeting_date < before,
        )
        .order_by(Meeting.meeting_date, Meeting.id)
    )
    if exclude is not None:
        query = query.where(Meeting.id != exclude)
    return {
        row.unit_id: (row.meeting_date, meeting_number(row.number, row.year))
        for row in session.execute(query)
    }


def _complaint_items(
    session: Session,
    calendar: WorkingCalendar,
    rules: Sequence[SlaRule],
    unit_ids: Sequence[int],
    cutoff: date,
    meeting_date: date,
    last: dict[int, tuple[date, str]],
) -> list[ProposedItem]:
    disposed = select(Disposition.complaint_id).where(
        Disposition.unit_id.in_(unit_ids), Disposition.withdrawn_at.is_(None)
    )
    where = (
        Complaint.status.in_(OPEN)
        & (Complaint.received_at < _end_of(cutoff))
        & Complaint.id.in_(disposed)
    )
    timelines = [t for t in load_timelines(session, where) if t.lead_unit_id in unit_ids]
    moved = {
        complaint_id: when.date()
        for complaint_id, when in session.execute(
            select(StatusChange.complaint_id, func.max(StatusChange.changed_at))
            .where(
                StatusChange.complaint_id.in_(select(Complaint.id).where(where)),
                or_(
                    StatusChange.from_status.is_(None),
                    StatusChange.from_status != StatusChange.to_status,
                ),
            )
            .group_by(StatusChange.complaint_id)
        )
    }
    facts = {
        row.id: row
        for row in session.execute(
            select(Complaint.id, Complaint.tracking_id, Complaint.title, Topic.name)
            .outerjoin(Topic, Topic.id == Complaint.topic_id)
            .where(where)
        )
    }
    proposed = []
    for item in timelines:
        unit_id = item.lead_unit_id
        assert unit_id is not None
        timeline = item.timeline
        sla = complaint_sla(calendar, rules, timeline, cutoff)
        pending = [r for r in sla if r.done is None]
        reasons: set[AgendaReason] = set()
        if any(r.state is SlaState.OVERDUE for r in pending):
            reasons.add(AgendaReason.OVERDUE)
        elif any(r.due <= meeting_date for r in pending):
            reasons.add(AgendaReason.DUE_BEFORE_MEETING)
        if timeline.urgent:
            reasons.add(AgendaReason.URGENT)
        previous = last.get(unit_id)
        if previous is not None and timeline.received <= previous[0]:
            last_move = moved.get(item.complaint_id, timeline.received)
            if last_move <= previous[0]:
                reasons.add(AgendaReason.STALE)
        if not reasons:
            continue
        row = facts[item.complaint_id]
        proposed.append(
            ProposedItem(
                kind=AgendaItemKind.COMPLAINT,
                unit_id=unit_id,
                reasons=tuple(r for r in AgendaReason if r in reasons),
                age_workdays=max(0, calendar.working_days_between(timeline.received, cutoff)),
                due=min((r.due for r in pending), default=None),
                complaint=ComplaintBrief(
                    id=item.complaint_id,
                    tracking_id=row.tracking_id,
                    title=row.title,
                    status=item.status,
                    received=timeline.received,
                    urgent=timeline.urgent,
                    topic=row.name,
                ),
            )
        )
    return proposed


def _action_items(
    session: Session,
    calendar: WorkingCalendar,
    unit_ids: Sequence[int],
    cutoff: date,
    meeting_date: date,
    exclude: int | None,
) -> list[ProposedItem]:
    query = (
        select(ActionItem, Meeting.meeting_date, Meeting.number, Meeting.year)
        .join(Meeting, Meeting.id == ActionItem.meeting_id)
        .where(
            ActionItem.status == ActionStatus.OPEN.value,
            ActionItem.owner_unit_id.in_(unit_ids),
            Meeting.meeting_date <= meeting_date,
        )
        .order_by(ActionItem.id)
    )
    if exclude is not None:
        query = query.where(ActionItem.meeting_id != exclude)
    rows = session.execute(query).all()
    carried = carried_counts(session, [r[0].id for r in rows], before=meeting_date)
    tracking = dict(
        session.execute(
            select(Complaint.id, Complaint.tracking_id).where(
                Complaint.id.in_([r[0].complaint_id for r in rows if r[0].complaint_id])
            )
        ).all()
    )
    proposed = []
    for action, origin_date, number, year in rows:
        reasons = {AgendaReason.CARRY_OVER}
        if action.due_date < cutoff:
            reasons.add(AgendaReason.OVERDUE)
        elif action.due_date <= meeting_date:
            reasons.add(AgendaReason.DUE_BEFORE_MEETING)
        proposed.append(
            ProposedItem(
                kind=AgendaItemKind.CARRY_OVER,
                unit_id=action.owner_unit_id,
                reasons=tuple(r for r in AgendaReason if r in reasons),
                age_workdays=max(0, calendar.working_days_between(origin_date, cutoff)),
                due=action.due_date,
                action=ActionBrief(
                    id=action.id,
                    description=action.description,
                    origin_meeting_id=action.meeting_id,
                    origin_label=meeting_number(number, year),
                    origin_date=origin_date,
                    person_in_charge=action.person_in_charge,
                    due_date=action.due_date,
                    status=ActionStatus(action.status),
                    carried_count=carried.get(action.id, 0) + 1,
                    complaint_tracking_id=(
                        tracking.get(action.complaint_id) if action.complaint_id else None
                    ),
                ),
            )
        )
    return proposed


def propose_agenda(
    session: Session,
    calendar: WorkingCalendar,
    rules: Sequence[SlaRule],
    unit_ids: Sequence[int],
    cutoff: date,
    meeting_date: date,
    *,
    exclude_meeting: int | None = None,
    limit_per_unit: int | None = None,
) -> AgendaProposal:
    """The proposed agenda for ``unit_ids`` (in that order) as of ``cutoff``."""
    if not unit_ids:
        raise ValidationError("units", _("Choose at least one unit."))
    if meeting_date < cutoff:
        raise ValidationError("cutoff", _("The cut-off date cannot be after the meeting."))
    units = unit_refs(session, unit_ids)
    if len(units) != len(set(unit_ids)):
        raise ValidationError("units", _("Unit not found."))
    last = _last_meetings(session, unit_ids, meeting_date, exclude_meeting)
    items = _complaint_items(session, calendar, rules, unit_ids, cutoff, meeting_date, last)
    items += _action_items(session, calendar, unit_ids, cutoff, meeting_date, exclude_meeting)
    group = {unit_id: index for index, unit_id in enumerate(unit_ids)}

    def key(item: ProposedItem) -> tuple[int, int, int, int, str]:
        return agenda_sort_key(
            AgendaCandidate(
                group=group[item.unit_id],
                reasons=frozenset(item.reasons),
                age_workdays=item.age_workdays,
                carried=item.action.carried_count if item.action else 0,
                key=item.complaint.tracking_id if item.complaint else f"~{item.title}",
            )
        )

    by_unit: dict[int, list[ProposedItem]] = defaultdict(list)
    for item in sorted(items, key=key):
        by_unit[item.unit_id].append(item)
    return AgendaProposal(
        cutoff=cutoff,
        meeting_date=meeting_date,
        units=tuple(
            UnitProposal(
                unit=units[unit_id],
                items=tuple(by_unit[unit_id][:limit_per_unit]),
                total=len(by_unit[unit_id]),
                last_meeting=last[unit_id][1] if unit_id in last else None,
            )
            for unit_id in unit_ids
        ),
    )
