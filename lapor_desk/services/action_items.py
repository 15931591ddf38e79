"""Action items (rencana tindak lanjut) agreed in meetings, and the tracker across meetings.

An item is agreed while its meeting is in session and stays open until somebody closes it; a
later meeting's agenda carries it over, and the tracker counts how often that happened.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from lapor_desk.domain import validation as v
from lapor_desk.domain.actor import Actor, Clock
from lapor_desk.domain.calendar import WorkingCalendar
from lapor_desk.domain.errors import NotFound, ValidationError
from lapor_desk.domain.meeting_outcomes import (
    AGEING_LIMITS,
    ActionStatus,
    ageing_bucket,
    check_due_workdays,
)
from lapor_desk.domain.meetings import check_in_session
from lapor_desk.i18n import _
from lapor_desk.models import ActionItem, AgendaItem, Complaint, Meeting
from lapor_desk.services.changes import Changes
from lapor_desk.services.meeting_common import (
    carried_counts,
    check_units,
    label_of,
    load_agenda_item,
    load_meeting,
    meeting_changes,
    status_of,
    unit_refs,
)
from lapor_desk.services.meeting_inputs import ActionFilter, ActionItemInput
from lapor_desk.services.meeting_models import ActionItemRow, UnitActionStats
from lapor_desk.services.settings import SettingsService


def action_rows(
    session: Session,
    items: Sequence[ActionItem],
    as_of: date,
    calendar: WorkingCalendar,
) -> list[ActionItemRow]:
    """Rows of ``items`` with their carry-over counts, lateness and age on ``as_of``."""
    wanted = {i.meeting_id for i in items}
    meetings = {m.id: m for m in session.scalars(select(Meeting).where(Meeting.id.in_(wanted)))}
    units = unit_refs(session, {i.owner_unit_id for i in items})
    tracking = dict(
        session.execute(
            select(Complaint.id, Complaint.tracking_id).where(
                Complaint.id.in_({i.complaint_id for i in items if i.complaint_id})
            )
        ).all()
    )
    carried = carried_counts(session, [i.id for i in items])
    rows = []
    for item in items:
        meeting = meetings[item.meeting_id]
        status = ActionStatus(item.status)
        end = item.closed_at.date() if item.closed_at else as_of
        rows.append(
            ActionItemRow(
                id=item.id,
                meeting_id=item.meeting_id,
                meeting_label=label_of(meeting),
                meeting_date=meeting.meeting_date,
                agenda_item_id=item.agenda_item_id,
                description=item.description,
                owner_unit_id=item.owner_unit_id,
                owner_unit=units[item.owner_unit_id].abbreviation,
                person_in_charge=item.person_in_charge,
                due_workdays=item.due_workdays,
                due_date=item.due_date,
                complaint_id=item.complaint_id,
                tracking_id=tracking.get(item.complaint_id) if item.complaint_id else None,
                status=status,
                created_at=item.created_at,
                created_by=item.created_by,
                closed_at=item.closed_at,
                closed_by=item.closed_by,
                closing_note=item.closing_note,
                carried_count=carried.get(item.id, 0),
                overdue=status is ActionStatus.OPEN and item.due_date < as_of,
                age_workdays=max(0, calendar.working_days_between(meeting.meeting_date, end)),
            )
        )
    return rows


def _validated(
    session: Session, meeting: Meeting, data: ActionItemInput, calendar: WorkingCalendar
) -> dict[str, object]:
    description = v.require_text(data.description, "description", _("Action"))
    person = (data.person_in_charge or "").strip()
    if len(person) > 200:
        raise ValidationError("person_in_charge", _("Name is too long (at most 200 characters)."))
    check_units(session, [data.owner_unit_id], meeting.meeting_date)
    workdays = check_due_workdays(data.due_workdays)
    if data.complaint_id is not None and session.get(Complaint, data.complaint_id) is None:
        raise NotFound(_("Complaint not found."))
    return {
        "description": description,
        "owner_unit_id": data.owner_unit_id,
        "person_in_charge": person,
        "due_workdays": workdays,
        "due_date": calendar.add_working_days(meeting.meeting_date, workdays),
        "complaint_id": data.complaint_id,
    }


def insert_action_item(
    session: Session,
    calendar: WorkingCalendar,
    now: datetime,
    actor: Actor,
    item: AgendaItem,
    meeting: Meeting,
    data: ActionItemInput,
) -> ActionItem:
    """Agree an action under ``item``; its complaint is the item's unless one is named."""
    check_in_session(status_of(meeting))
    if data.complaint_id is None and item.complaint_id is not None:
        data = ActionItemInput(
            data.description, data.owner_unit_id, data.due_workdays, data.person_in_charge,
            item.complaint_id,
        )
    action = ActionItem(
        meeting_id=meeting.id,
        agenda_item_id=item.id,
        status=ActionStatus.OPEN.value,
        created_at=now,
        created_by=actor.display_name,
        closing_note="",
        **_validated(session, meeting, data, calendar),
    )
    session.add(action)
    session.flush()
    return action


def close_action(
    action: ActionItem, actor: Actor, now: datetime, note: str = ""
) -> None:
    """Mark an open action done, recording who and when."""
    if action.status != ActionStatus.OPEN.value:
        raise ValidationError("status", _("The action item is already closed."))
    action.status = ActionStatus.DONE.value
    action.closed_at = now
    action.closed_by = actor.display_name
    action.closing_note = (note or "").strip()


class ActionItemService:
    """Agrees, closes and lists action items; one transaction per call."""

    def __init__(
        self, factory: sessionmaker[Session], clock: Clock, settings: SettingsService
    ) -> None:
        self._factory = factory
        self._clock = clock
        self._settings = settings

    def _load(self, session: Session, action_id: int) -> ActionItem:
        action = session.get(ActionItem, action_id)
        if action is None:
            raise NotFound(_("Action item not found."))
        return action

    def _rows(self, session: Session, items: Sequence[ActionItem]) -> list[ActionItemRow]:
        return action_rows(
            session, items, self._settings.reference_date(), self._settings.calendar()
        )

    def add(
        self, actor: Actor, agenda_item_id: int, data: ActionItemInput
    ) -> tuple[ActionItemRow, Changes]:
        """Agree an action under an agenda item of a meeting in session."""
        calendar = self._settings.calendar()
        with self._factory.begin() as session:
            item, meeting = load_agenda_item(session, agenda_item_id)
            action = insert_action_item(
                session, calendar, self._clock(), actor, item, meeting, data
            )
            row = self._rows(session, [action])[0]
        return row, meeting_changes()

    def update(self, actor: Actor, action_id: int, data: ActionItemInput) -> Changes:
        """Correct an action while its meeting is in session (afterwards it is the record)."""
        calendar = self._settings.calendar()
        with self._factory.begin() as session:
            action = self._load(session, action_id)
            meeting = load_meeting(session, action.meeting_id)
            check_in_session(status_of(meeting))
            for name, value in _validated(session, meeting, data, calendar).items():
                setattr(action, name, value)
        del actor
        return meeting_changes()

    def delete(self, actor: Actor, action_id: int) -> Changes:
        """Remove an action agreed by mistake, while its meeting is in session."""
        with self._factory.begin() as session:
            action = self._load(session, action_id)
            check_in_session(status_of(load_meeting(session, action.meeting_id)))
            if session.scalar(
                select(AgendaItem.id).where(AgendaItem.action_item_id == action_id).limit(1)
            ):
                raise ValidationError(
                    "action", _("The action item is on a later agenda; close it instead.")
                )
            session.delete(action)
        del actor
        return meeting_changes()

    def close(self, actor: Actor, action_id: int, note: str = "") -> ActionItemRow:
        """Mark the action done; who closed it and when are recorded."""
        with self._factory.begin() as session:
            action = self._load(session, action_id)
            close_action(action, actor, self._clock(), note)
            return self._rows(session, [action])[0]

    def reopen(self, actor: Actor, action_id: int) -> ActionItemRow:
        """Open a closed action again (closed by mistake, or the problem came back)."""
        with self._factory.begin() as session:
            action = self._load(session, action_id)
            if action.status == ActionStatus.OPEN.value:
                raise ValidationError("status", _("The action item is open already."))
            action.status = ActionStatus.OPEN.value
            action.closed_at = action.closed_by = None
            action.closing_note = ""
            row = self._rows(session, [action])[0]
        del actor
        return row

    def list_items(self, criteria: ActionFilter | None = None) -> tuple[ActionItemRow, ...]:
        """The tracker: action items of every meeting, oldest deadline first."""
        wanted = criteria or ActionFilter()
        with self._factory() as session:
            query = select(ActionItem).order_by(ActionItem.due_date, ActionItem.id)
            if wanted.unit_id is not None:
                query = query.where(ActionItem.owner_unit_id == wanted.unit_id)
            if wanted.status is not None:
                query = query.where(ActionItem.status == wanted.status.value)
            if wanted.meeting_id is not None:
                query = query.where(ActionItem.meeting_id == wanted.meeting_id)
            rows = self._rows(session, session.scalars(query).all())
        return tuple(
            r
            for r in rows
            if (r.overdue or not wanted.overdue_only) and r.carried_count >= wanted.min_carried
        )

    def unit_stats(self, unit_ids: Sequence[int] | None = None) -> tuple[UnitActionStats, ...]:
        """Per owner unit: completion rate, overdue count and ageing of the open items."""
        rows = self.list_items()
        by_unit: dict[int, list[ActionItemRow]] = defaultdict(list)
        for row in rows:
            if unit_ids is None or row.owner_unit_id in unit_ids:
                by_unit[row.owner_unit_id].append(row)
        with self._factory() as session:
            units = unit_refs(session, by_unit)
        stats = []
        for unit_id, items in by_unit.items():
            open_items = [r for r in items if r.status is ActionStatus.OPEN]
            ageing = [0] * (len(AGEING_LIMITS) + 1)
            for row in open_items:
                ageing[ageing_bucket(row.age_workdays)] += 1
            done = len(items) - len(open_items)
            stats.append(
                UnitActionStats(
                    unit=units[unit_id],
                    total=len(items),
                    done=done,
                    open=len(open_items),
                    overdue=sum(r.overdue for r in open_items),
                    completion_rate=done / len(items),
                    ageing=tuple(ageing),
                    oldest_open_workdays=max((r.age_workdays for r in open_items), default=None),
                )
            )
        return tuple(sorted(stats, key=lambda s: (-s.open, s.unit.abbreviation)))
