"""Meeting mode: the item on screen, notes saved every second or two, decisions written back.

``save_item_notes`` is one guarded UPDATE in its own transaction: SQLite runs in WAL mode with
``synchronous=FULL``, so once it returns the text survives a killed process or a power cut.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from lapor_desk.domain import validation as v
from lapor_desk.domain.actor import Actor, Clock
from lapor_desk.domain.calendar import WorkingCalendar
from lapor_desk.domain.enums import FollowUpKind, InternalStatus, SlaState
from lapor_desk.domain.errors import ConcurrentEdit, NotFound
from lapor_desk.domain.meeting_outcomes import DecisionKind, check_decision
from lapor_desk.domain.meetings import (
    MeetingStatus,
    check_editable,
    check_in_session,
    discussion_note,
)
from lapor_desk.domain.privacy import mask_text
from lapor_desk.domain.sla import SlaRule, complaint_sla
from lapor_desk.i18n import _
from lapor_desk.models import (
    ActionItem,
    AgendaItem,
    Complaint,
    Decision,
    FollowUp,
    Meeting,
    Narasumber,
    Topic,
)
from lapor_desk.services.action_items import action_rows
from lapor_desk.services.agenda_items import item_rows
from lapor_desk.services.changes import Changes
from lapor_desk.services.deadlines import refresh_deadlines
from lapor_desk.services.meeting_common import (
    load_agenda_item,
    load_meeting,
    meeting_changes,
    status_of,
    unit_refs,
)
from lapor_desk.services.meeting_inputs import DecisionInput
from lapor_desk.services.meeting_models import (
    AgendaItemDetail,
    ComplaintSummary,
    DecisionRow,
    NotesSaved,
    SlaLine,
)
from lapor_desk.services.meeting_writeback import write_back
from lapor_desk.services.settings import SettingsService
from lapor_desk.services.timelines import load_timelines


def decision_rows(session: Session, decisions: Sequence[Decision]) -> list[DecisionRow]:
    """Read models of ``decisions``."""
    units = unit_refs(session, {d.unit_id for d in decisions if d.unit_id is not None})
    return [
        DecisionRow(
            id=d.id,
            agenda_item_id=d.agenda_item_id,
            kind=DecisionKind(d.kind),
            text=d.text,
            target_status=InternalStatus(d.target_status) if d.target_status else None,
            follow_up_kind=FollowUpKind(d.follow_up_kind) if d.follow_up_kind else None,
            unit=units[d.unit_id].abbreviation if d.unit_id else None,
            applied_at=d.applied_at,
            created_at=d.created_at,
            created_by=d.created_by,
        )
        for d in decisions
    ]


def item_complaint_id(session: Session, item: AgendaItem) -> int | None:
    """The complaint an item is about: its own, or that of the action it carries over."""
    if item.complaint_id is not None:
        return item.complaint_id
    if item.action_item_id is not None:
        action = session.get(ActionItem, item.action_item_id)
        return action.complaint_id if action else None
    return None


def record_decision(
    session: Session,
    now: datetime,
    actor: Actor,
    item: AgendaItem,
    meeting: Meeting,
    data: DecisionInput,
) -> tuple[Decision, int | None]:
    """Record a decision on ``item`` and write it back; returns it and the complaint touched.

    The caller refreshes the touched complaint's stored deadlines (``refresh_deadlines``) in
    the same transaction, once per batch of decisions.
    """
    check_in_session(status_of(meeting))
    text = v.require_text(data.text, "text", _("Decision"))
    complaint_id = item_complaint_id(session, item)
    check_decision(
        data.kind,
        has_complaint=complaint_id is not None,
        target_status=data.target_status,
        unit_id=data.unit_id,
    )
    decision = Decision(
        kind=data.kind.value,
        text=text,
        target_status=data.target_status.value if data.target_status else None,
        follow_up_kind=(
            data.follow_up_kind.value if data.kind is DecisionKind.FOLLOW_UP else None
        ),
        unit_id=data.unit_id,
        created_at=now,
        created_by=actor.display_name,
    )
    item.decisions.append(decision)
    if complaint_id is not None:
        complaint = session.get(Complaint, complaint_id)
        if complaint is None:
            raise NotFound(_("Complaint not found."))
        note = discussion_note(meeting.number, meeting.year, meeting.meeting_date, text)
        write_back(session, complaint, data, note, actor, now)
        decision.applied_at = now
    try:
        session.flush()
    except StaleDataError as error:
        raise ConcurrentEdit(
            _("The complaint was changed by someone else in the meantime. Reload it.")
        ) from error
    return decision, complaint_id


class MeetingNotesService:
    """What meeting mode calls: the item on screen, autosave, decisions. One transaction each."""

    def __init__(
        self, factory: sessionmaker[Session], clock: Clock, settings: SettingsService
    ) -> None:
        self._factory = factory
        self._clock = clock
        self._settings = settings

    def save_item_notes(
        self,
        actor: Actor,
        item_id: int,
        notes: str,
        expected_revision: int,
        elapsed_seconds: int | None = None,
    ) -> NotesSaved:
        """Save the item's notes (and its timer) if nobody saved them since ``expected_revision``.

        Cheap enough to call every second or two while somebody types.
        """
        now = self._clock()
        values: dict[str, Any] = {
            "notes": notes,
            "notes_revision": expected_revision + 1,
            "notes_saved_at": now,
        }
        if elapsed_seconds is not None:
            values["elapsed_seconds"] = max(0, elapsed_seconds)
        in_session = select(Meeting.id).where(Meeting.status == MeetingStatus.IN_SESSION.value)
        with self._factory.begin() as session:
            result = session.connection().execute(
                update(AgendaItem)
                .where(
                    AgendaItem.id == item_id,
                    AgendaItem.notes_revision == expected_revision,
                    AgendaItem.meeting_id.in_(in_session),
                )
                .values(**values)
            )
            if _rowcount(result) != 1:
                self._refuse(session, item_id)
        del actor
        return NotesSaved(expected_revision + 1, now)

    def _refuse(self, session: Session, item_id: int) -> None:
        """Say why an autosave did not go through."""
        item, meeting = load_agenda_item(session, item_id)
        check_in_session(status_of(meeting))
        raise ConcurrentEdit(
            _("These notes were saved from another window in the meantime "
              "(revision {revision}). Reload them.").format(revision=item.notes_revision)
        )

    def save_meeting_notes(
        self, actor: Actor, meeting_id: int, notes: str, expected_revision: int
    ) -> NotesSaved:
        """Save the meeting's own notes (opening, closing) like an item's."""
        now = self._clock()
        with self._factory.begin() as session:
            result = session.connection().execute(
                update(Meeting)
                .where(
                    Meeting.id == meeting_id,
                    Meeting.notes_revision == expected_revision,
                    Meeting.status == MeetingStatus.IN_SESSION.value,
                )
                .values(notes=notes, notes_revision=expected_revision + 1)
            )
            if _rowcount(result) != 1:
                meeting = load_meeting(session, meeting_id)
                check_in_session(status_of(meeting))
                raise ConcurrentEdit(
                    _("These notes were saved from another window in the meantime "
                      "(revision {revision}). Reload them.").format(
                        revision=meeting.notes_revision
                    )
                )
        del actor
        return NotesSaved(expected_revision + 1, now)

    def save_remarks(self, actor: Actor, narasumber_id: int, remarks: str) -> Changes:
        """What a speaker said, typed while they speak."""
        with self._factory.begin() as session:
            speaker = session.get(Narasumber, narasumber_id)
            if speaker is None:
                raise NotFound(_("Speaker not found."))
            check_editable(status_of(load_meeting(session, speaker.meeting_id)))
            speaker.remarks = remarks.strip()
        del actor
        return meeting_changes()

    def item(self, item_id: int) -> AgendaItemDetail:
        """The agenda item for meeting mode: projector summary, notes, decisions, actions."""
        calendar, rules = self._settings.calendar(), self._settings.sla_rules()
        as_of = self._settings.reference_date()
        with self._factory() as session:
            item, meeting = load_agenda_item(session, item_id)
            row = next(r for r in item_rows(session, meeting) if r.id == item_id)
            complaint_id = item_complaint_id(session, item)
            summary = (
                self._summary(session, complaint_id, calendar, rules, as_of)
                if complaint_id is not None
                else None
            )
            carried = (
                action_rows(
                    session, [session.get_one(ActionItem, item.action_item_id)], as_of, calendar
                )[0]
                if item.action_item_id
                else None
            )
            agreed = session.scalars(
                select(ActionItem).where(ActionItem.agenda_item_id == item_id).order_by(
                    ActionItem.id
                )
            ).all()
            return AgendaItemDetail(
                row=row,
                notes=item.notes,
                complaint=summary,
                action=carried,
                decisions=tuple(decision_rows(session, item.decisions)),
                actions=tuple(action_rows(session, agreed, as_of, calendar)),
            )

    @staticmethod
    def _summary(
        session: Session,
        complaint_id: int,
        calendar: WorkingCalendar,
        rules: Sequence[SlaRule],
        as_of: date,
    ) -> ComplaintSummary:
        complaint = session.get_one(Complaint, complaint_id)
        timeline = load_timelines(session, Complaint.id == complaint_id)[0]
        topic = session.get(Topic, complaint.topic_id) if complaint.topic_id else None
        lead = unit_refs(session, [timeline.lead_unit_id]) if timeline.lead_unit_id else {}
        last = session.scalars(
            select(FollowUp)
            .where(FollowUp.complaint_id == complaint_id)
            .order_by(FollowUp.posted_at.desc(), FollowUp.id.desc())
            .limit(1)
        ).first()
        status = InternalStatus(complaint.status)
        sla = (
            complaint_sla(calendar, rules, timeline.timeline, as_of)
            if status not in (InternalStatus.DIARSIPKAN, InternalStatus.TERBLOKIR)
            else ()
        )
        return ComplaintSummary(
            id=complaint.id,
            tracking_id=complaint.tracking_id,
            title=mask_text(complaint.title),
            text=mask_text(complaint.text_edited or complaint.text_original),
            topic=topic.name if topic else None,
            klasifikasi=complaint.klasifikasi,
            region=", ".join(p for p in (complaint.city, complaint.province) if p),
            received=complaint.received_at.date(),
            age_workdays=max(
                0, calendar.working_days_between(complaint.received_at.date(), as_of)
            ),
            status=status,
            lead_unit=next(iter(lead.values())).name if lead else None,
            urgent=complaint.urgent,
            last_follow_up=mask_text(last.text) if last else None,
            last_follow_up_at=last.posted_at if last else None,
            sla=tuple(
                SlaLine(r.stage, r.due, r.state)
                for r in sla
                if r.state is not SlaState.MET
            ),
            version=complaint.version,
        )

    def record_decision(
        self, actor: Actor, item_id: int, data: DecisionInput
    ) -> tuple[DecisionRow, Changes]:
        """Record what the meeting decided; a complaint's history shows it at once."""
        calendar, rules = self._settings.calendar(), self._settings.sla_rules()
        as_of = self._settings.reference_date()
        with self._factory.begin() as session:
            item, meeting = load_agenda_item(session, item_id)
            decision, complaint_id = record_decision(
                session, self._clock(), actor, item, meeting, data
            )
            if complaint_id is not None:
                refresh_deadlines(session, calendar, rules, [complaint_id], as_of=as_of)
            row = decision_rows(session, [decision])[0]
        return row, meeting_changes([complaint_id] if complaint_id is not None else [])

    def decisions(self, meeting_id: int) -> tuple[DecisionRow, ...]:
        """Every decision of the meeting, in agenda order (for the minutes)."""
        with self._factory() as session:
            load_meeting(session, meeting_id)
            found = session.scalars(
                select(Decision)
                .join(AgendaItem, AgendaItem.id == Decision.agenda_item_id)
                .where(AgendaItem.meeting_id == meeting_id)
                .order_by(AgendaItem.position, AgendaItem.id, Decision.id)
            ).all()
            return tuple(decision_rows(session, found))


def _rowcount(result: CursorResult[Any]) -> int:
    return int(result.rowcount)
