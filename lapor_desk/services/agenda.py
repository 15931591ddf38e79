"""A meeting's agenda: the builder's proposal added, items added by hand, reordered, removed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from lapor_desk.domain.actor import Actor, Clock
from lapor_desk.domain.errors import ValidationError
from lapor_desk.domain.meetings import AgendaItemKind, check_editable
from lapor_desk.i18n import _
from lapor_desk.models import ActionItem, AgendaItem, Decision, Meeting, Unit
from lapor_desk.services.agenda_items import add_item, append_items, item_rows
from lapor_desk.services.agenda_proposal import propose_agenda
from lapor_desk.services.changes import Changes
from lapor_desk.services.meeting_common import (
    HELD,
    load_agenda_item,
    load_meeting,
    meeting_changes,
    meeting_rows,
    status_of,
)
from lapor_desk.services.meeting_models import (
    AgendaItemRow,
    AgendaProposal,
    MeetingRow,
    ProposedItem,
    UnitRef,
)
from lapor_desk.services.settings import SettingsService


class AgendaService:
    """Proposes and edits a meeting's agenda, one transaction per call."""

    def __init__(
        self, factory: sessionmaker[Session], clock: Clock, settings: SettingsService
    ) -> None:
        self._factory = factory
        self._clock = clock
        self._settings = settings

    def propose(
        self,
        unit_ids: Sequence[int],
        cutoff: date,
        meeting_date: date | None = None,
        limit_per_unit: int | None = None,
    ) -> AgendaProposal:
        """What to discuss with ``unit_ids`` at a meeting on ``meeting_date`` (default: cutoff)."""
        calendar, rules = self._settings.calendar(), self._settings.sla_rules()
        with self._factory() as session:
            return propose_agenda(
                session, calendar, rules, unit_ids, cutoff, meeting_date or cutoff,
                limit_per_unit=limit_per_unit,
            )

    def propose_for(
        self,
        meeting_id: int,
        cutoff: date,
        unit_ids: Sequence[int] | None = None,
        limit_per_unit: int | None = None,
    ) -> AgendaProposal:
        """The proposal for a planned meeting: its date, its invited units unless given."""
        calendar, rules = self._settings.calendar(), self._settings.sla_rules()
        with self._factory() as session:
            meeting = load_meeting(session, meeting_id)
            units = list(unit_ids) if unit_ids is not None else [u.unit_id for u in meeting.units]
            return propose_agenda(
                session, calendar, rules, units, cutoff, meeting.meeting_date,
                exclude_meeting=meeting.id, limit_per_unit=limit_per_unit,
            )

    def add_proposed(
        self, actor: Actor, meeting_id: int, items: Sequence[ProposedItem], cutoff: date
    ) -> Changes:
        """Add the proposed items the user kept, at the end of the agenda."""
        with self._factory.begin() as session:
            append_items(session, load_meeting(session, meeting_id), items, cutoff)
        del actor
        return meeting_changes()

    def build(
        self,
        actor: Actor,
        meeting_id: int,
        cutoff: date,
        unit_ids: Sequence[int] | None = None,
        limit_per_unit: int | None = None,
    ) -> tuple[AgendaItemRow, ...]:
        """Propose and add in one go (the first ``limit_per_unit`` items of each unit)."""
        calendar, rules = self._settings.calendar(), self._settings.sla_rules()
        with self._factory.begin() as session:
            meeting = load_meeting(session, meeting_id)
            units = list(unit_ids) if unit_ids is not None else [u.unit_id for u in meeting.units]
            proposal = propose_agenda(
                session, calendar, rules, units, cutoff, meeting.meeting_date,
                exclude_meeting=meeting.id, limit_per_unit=limit_per_unit,
            )
            append_items(
                session, meeting, [i for u in proposal.units for i in u.items], cutoff
            )
            rows = item_rows(session, meeting)
        del actor
        return tuple(rows)

    def items(self, meeting_id: int) -> tuple[AgendaItemRow, ...]:
        """The agenda in order."""
        with self._factory() as session:
            return tuple(item_rows(session, load_meeting(session, meeting_id)))

    def add_general(
        self, actor: Actor, meeting_id: int, title: str, unit_id: int | None = None
    ) -> tuple[int, Changes]:
        """A general topic (e.g. "Paparan narasumber")."""
        return self._add(actor, meeting_id, AgendaItemKind.GENERAL, title=title, unit_id=unit_id)

    def add_complaint(
        self, actor: Actor, meeting_id: int, complaint_id: int
    ) -> tuple[int, Changes]:
        """A complaint the builder did not propose; grouped under its lead unit."""
        return self._add(actor, meeting_id, AgendaItemKind.COMPLAINT, complaint_id=complaint_id)

    def add_renaksi(
        self, actor: Actor, meeting_id: int, renaksi_id: int, title: str = ""
    ) -> tuple[int, Changes]:
        """A Renaksi item to report on."""
        return self._add(
            actor, meeting_id, AgendaItemKind.RENAKSI, renaksi_id=renaksi_id, title=title
        )

    def add_previous_minutes(
        self, actor: Actor, meeting_id: int, previous_meeting_id: int | None = None
    ) -> tuple[int, Changes]:
        """Approval of the minutes of an earlier meeting (default: the last one held before)."""
        if previous_meeting_id is None:
            previous = self.previous_meeting(meeting_id)
            if previous is None:
                raise ValidationError("meeting", _("No earlier meeting was held."))
            previous_meeting_id = previous.id
        return self._add(
            actor, meeting_id, AgendaItemKind.PREVIOUS_MINUTES,
            linked_meeting_id=previous_meeting_id,
        )

    def _add(
        self,
        actor: Actor,
        meeting_id: int,
        kind: AgendaItemKind,
        *,
        title: str = "",
        unit_id: int | None = None,
        complaint_id: int | None = None,
        renaksi_id: int | None = None,
        linked_meeting_id: int | None = None,
    ) -> tuple[int, Changes]:
        with self._factory.begin() as session:
            item = add_item(
                session, load_meeting(session, meeting_id), kind, title=title, unit_id=unit_id,
                complaint_id=complaint_id, renaksi_id=renaksi_id,
                linked_meeting_id=linked_meeting_id,
            )
            item_id = item.id
        del actor
        return item_id, meeting_changes()

    def remove(self, actor: Actor, item_id: int) -> Changes:
        """Take an item off the agenda; one with decisions or action items stays."""
        with self._factory.begin() as session:
            item, meeting = load_agenda_item(session, item_id)
            check_editable(status_of(meeting))
            has_outcome = session.scalar(
                select(Decision.id).where(Decision.agenda_item_id == item_id).limit(1)
            ) or session.scalar(
                select(ActionItem.id).where(ActionItem.agenda_item_id == item_id).limit(1)
            )
            if has_outcome:
                raise ValidationError(
                    "item", _("This item has decisions or action items; it stays on the agenda.")
                )
            session.delete(item)
        del actor
        return meeting_changes()

    def reorder(self, actor: Actor, meeting_id: int, item_ids: Sequence[int]) -> Changes:
        """Put the agenda in the order of ``item_ids`` (all of the meeting's items, once each)."""
        with self._factory.begin() as session:
            meeting = load_meeting(session, meeting_id)
            check_editable(status_of(meeting))
            items = {
                i.id: i
                for i in session.scalars(
                    select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
                )
            }
            if sorted(item_ids) != sorted(items):
                raise ValidationError(
                    "items", _("The new order must list every agenda item exactly once.")
                )
            for position, item_id in enumerate(item_ids, start=1):
                items[item_id].position = position
        del actor
        return meeting_changes()

    def units(self, on: date | None = None) -> tuple[UnitRef, ...]:
        """Units that can be invited on ``on`` (default: every unit), by abbreviation."""
        with self._factory() as session:
            query = select(Unit).order_by(Unit.abbreviation)
            if on is not None:
                query = query.where(Unit.active_to.is_(None) | (Unit.active_to >= on))
            return tuple(UnitRef(u.id, u.abbreviation, u.name) for u in session.scalars(query))

    def previous_meeting(self, meeting_id: int) -> MeetingRow | None:
        """The last meeting held before this one (whose minutes it may approve)."""
        with self._factory() as session:
            meeting = load_meeting(session, meeting_id)
            previous = session.scalars(
                select(Meeting)
                .where(
                    Meeting.id != meeting.id,
                    Meeting.status.in_(HELD),
                    Meeting.meeting_date <= meeting.meeting_date,
                )
                .order_by(Meeting.meeting_date.desc(), Meeting.id.desc())
                .limit(1)
            ).first()
            return meeting_rows(session, [previous])[0] if previous else None
