"""The register's use cases: enter, edit, dispose, follow up, change status, mark urgent."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from lapor_desk.domain import validation as v
from lapor_desk.domain.actor import Actor, Clock
from lapor_desk.domain.enums import (
    ComplaintSource,
    FollowUpKind,
    InternalStatus,
    Klasifikasi,
)
from lapor_desk.domain.errors import NotFound, ValidationError
from lapor_desk.domain.meetings import MeetingStatus, meeting_number
from lapor_desk.domain.routing import Suggestion, suggest
from lapor_desk.domain.sla import SlaResult, complaint_sla
from lapor_desk.i18n import _
from lapor_desk.models import (
    AgendaItem,
    Complaint,
    Disposition,
    Meeting,
    StatusChange,
    Topic,
    Unit,
)
from lapor_desk.services.changes import Changes
from lapor_desk.services.complaint_actions import ComplaintActionsService
from lapor_desk.services.complaint_changes import (
    flush_or_conflict,
    load_complaint,
)
from lapor_desk.services.deadlines import refresh_deadlines_for
from lapor_desk.services.read_models import (
    ComplaintDetail,
    ComplaintRow,
    DispositionRow,
    FollowUpRow,
    HistoryRow,
    MeetingMention,
)
from lapor_desk.services.routing import load_routes
from lapor_desk.services.settings import SettingsService
from lapor_desk.services.timelines import load_timelines

#: Channels of complaints that reach Biro Humas outside the portal.
OFFLINE_CHANNELS = ("Pos Surat", "Tatap Muka", "Call Center", "Email Instansi", "Whatsapp")


@dataclass(frozen=True, slots=True)
class ComplaintInput:
    """A complaint typed in from a letter, a phone call or a walk-in."""

    received_at: datetime
    title: str
    text: str
    channel: str
    klasifikasi: Klasifikasi | None = None
    topic_id: int | None = None
    anonim: bool = False
    rahasia: bool = False
    reporter_name: str | None = None
    reporter_nik: str | None = None
    reporter_phone: str | None = None
    reporter_email: str | None = None
    province: str | None = None
    city: str | None = None
    district: str | None = None
    village: str | None = None


@dataclass(frozen=True, slots=True)
class Created:
    """A saved complaint, what the routing rules propose for it, and what changed."""

    complaint: ComplaintRow
    suggestion: Suggestion
    changes: Changes


def _clean(value: str | None) -> str | None:
    text = (value or "").strip()
    return text or None


def validate_input(data: ComplaintInput, today: date) -> dict[str, object]:
    """The complaint's column values, or a ValidationError naming the first bad field."""
    title = v.require_text(data.title, "title", _("Title"))
    text = v.require_text(data.text, "text", _("Complaint text"))
    channel = v.require_text(data.channel, "channel", _("Channel"))
    if len(title) > 500:
        raise ValidationError("title", _("Title is too long (at most 500 characters)."))
    if data.received_at.date() > today:
        raise ValidationError("received_at", _("Received date cannot be in the future."))
    nik = _clean(data.reporter_nik)
    phone = _clean(data.reporter_phone)
    email = _clean(data.reporter_email)
    return {
        "received_at": data.received_at,
        "title": title,
        "text_original": text,
        "text_edited": text,
        "channel": channel,
        "klasifikasi": data.klasifikasi.value if data.klasifikasi else None,
        "topic_id": data.topic_id,
        "anonim": data.anonim,
        "rahasia": data.rahasia,
        "reporter_name": _clean(data.reporter_name),
        "reporter_nik": v.normalize_nik(nik) if nik else None,
        "reporter_phone": v.normalize_phone(phone) if phone else None,
        "reporter_email": v.normalize_email(email) if email else None,
        "province": _clean(data.province),
        "city": _clean(data.city),
        "district": _clean(data.district),
        "village": _clean(data.village),
    }


class RegisterService:
    """Every change to a complaint goes through here, one transaction per call."""

    def __init__(
        self, factory: sessionmaker[Session], clock: Clock, settings: SettingsService
    ) -> None:
        self._factory = factory
        self._clock = clock
        self._settings = settings
        self._actions = ComplaintActionsService(factory, clock, settings)

    # -- reading -------------------------------------------------------------------------------

    def get(self, complaint_id: int) -> ComplaintDetail:
        """The complaint with its dispositions, follow-ups, history and deadlines."""
        with self._factory() as session:
            complaint = session.scalar(
                select(Complaint)
                .where(Complaint.id == complaint_id)
                .options(
                    selectinload(Complaint.dispositions),
                    selectinload(Complaint.follow_ups),
                    selectinload(Complaint.status_changes),
                )
            )
            if complaint is None:
                raise NotFound(_("Complaint not found."))
            units = dict(session.execute(select(Unit.id, Unit.name)).all())
            timeline = load_timelines(session, Complaint.id == complaint_id)[0]
            row = _row(session, complaint)
            meetings = tuple(
                MeetingMention(mid, meeting_number(number, year), title, day,
                               MeetingStatus(state), notes)
                for mid, number, year, title, day, state, notes in session.execute(
                    select(Meeting.id, Meeting.number, Meeting.year, Meeting.title,
                           Meeting.meeting_date, Meeting.status, AgendaItem.notes)
                    .join(AgendaItem, AgendaItem.meeting_id == Meeting.id)
                    .where(AgendaItem.complaint_id == complaint_id)
                    .order_by(Meeting.meeting_date, Meeting.id, AgendaItem.position)
                )
            )
        status = InternalStatus(complaint.status)
        sla: tuple[SlaResult, ...] = ()
        if status not in (InternalStatus.DIARSIPKAN, InternalStatus.TERBLOKIR):
            sla = complaint_sla(
                self._settings.calendar(),
                self._settings.sla_rules(),
                timeline.timeline,
                self._settings.reference_date(),
            )
        return ComplaintDetail(
            row=row,
            text_original=complaint.text_original,
            text_edited=complaint.text_edited,
            portal_status=complaint.portal_status,
            status_reason=complaint.status_reason,
            urgent_reason=complaint.urgent_reason,
            region=(complaint.province, complaint.city, complaint.district, complaint.village),
            reporter_name=complaint.reporter_name,
            reporter_nik=complaint.reporter_nik,
            reporter_phone=complaint.reporter_phone,
            reporter_email=complaint.reporter_email,
            rating=complaint.rating,
            dispositions=tuple(
                DispositionRow(
                    d.unit_id,
                    units.get(d.unit_id, "?"),
                    d.is_lead,
                    d.disposed_at,
                    d.disposed_by,
                    d.instruction,
                    id=d.id,
                    withdrawn_at=d.withdrawn_at,
                )
                for d in complaint.dispositions
            ),
            follow_ups=tuple(
                FollowUpRow(
                    f.id,
                    units.get(f.unit_id) if f.unit_id else None,
                    FollowUpKind(f.kind),
                    f.posted_at,
                    f.text,
                    f.created_by,
                )
                for f in complaint.follow_ups
            ),
            history=tuple(
                HistoryRow(
                    h.changed_at,
                    InternalStatus(h.from_status) if h.from_status else None,
                    InternalStatus(h.to_status),
                    h.reason,
                    h.changed_by,
                    h.origin,
                )
                for h in complaint.status_changes
            ),
            sla=sla,
            meetings=meetings,
        )

    def find_by_tracking_id(self, tracking_id: str) -> ComplaintRow:
        """The complaint with this tracking id."""
        with self._factory() as session:
            complaint = session.scalar(
                select(Complaint).where(Complaint.tracking_id == tracking_id.strip())
            )
            if complaint is None:
                raise NotFound(_("Complaint not found."))
            return _row(session, complaint)

    # -- changing ------------------------------------------------------------------------------

    def create(self, actor: Actor, data: ComplaintInput) -> Created:
        """Enter a complaint that arrived outside the portal; it gets a local tracking id."""
        now = self._clock()
        values = validate_input(data, now.date())
        with self._factory.begin() as session:
            topics, rules = load_routes(session)
            suggestion = suggest(data.title, data.text, data.topic_id, topics, rules)
            year = data.received_at.year
            prefix = v.local_tracking_id(year, 0)[:-5]
            count = session.scalar(
                select(func.count())
                .select_from(Complaint)
                .where(Complaint.tracking_id.startswith(prefix))
            )
            complaint = Complaint(
                tracking_id=v.local_tracking_id(year, (count or 0) + 1),
                source=ComplaintSource.LOCAL.value,
                status=InternalStatus.BELUM_TERVERIFIKASI.value,
                urgent=suggestion.urgent,
                urgent_reason=(
                    _("Urgent topic or routing rule: {match}").format(
                        match=suggestion.matched or "-"
                    )
                    if suggestion.urgent
                    else None
                ),
                created_at=now,
                updated_at=now,
                **values,
            )
            if complaint.topic_id is None:
                complaint.topic_id = suggestion.topic_id
            session.add(complaint)
            session.flush()
            session.add(
                StatusChange(
                    complaint_id=complaint.id,
                    changed_at=now,
                    from_status=None,
                    to_status=complaint.status,
                    reason=_("Entered by hand ({channel})").format(channel=complaint.channel),
                    changed_by=actor.display_name,
                    origin="manual",
                )
            )
            refresh_deadlines_for(session, self._settings, [complaint.id])
            row = _row(session, complaint)
        return Created(row, suggestion, Changes(complaints=frozenset({row.id})))

    def edit(
        self, actor: Actor, complaint_id: int, expected_version: int, data: ComplaintInput
    ) -> Changes:
        """Replace the typed-in fields; fails if somebody saved the complaint in between."""
        now = self._clock()
        values = validate_input(data, now.date())
        with self._factory.begin() as session:
            complaint = load_complaint(session, complaint_id, expected_version)
            for name, value in values.items():
                if name == "text_original" and complaint.source == ComplaintSource.PORTAL:
                    continue  # what the citizen submitted on the portal is never rewritten
                setattr(complaint, name, value)
            complaint.updated_at = now
            flush_or_conflict(session)
            refresh_deadlines_for(session, self._settings, [complaint_id])
        del actor
        return Changes(complaints=frozenset({complaint_id}))

    # The actions below are the desktop's undoable actions (ComplaintActionsService) for one
    # complaint, without their undo records: one implementation of each rule.

    def dispose(
        self,
        actor: Actor,
        complaint_id: int,
        unit_ids: Sequence[int],
        instruction: str = "",
        expected_version: int | None = None,
    ) -> Changes:
        """Hand the complaint to units; the first is the lead. Verifies it if not yet verified."""
        return self._actions.dispose(
            actor, complaint_id, unit_ids, instruction, expected_version).changes

    def add_follow_up(
        self,
        actor: Actor,
        complaint_id: int,
        unit_id: int | None,
        kind: FollowUpKind,
        text: str,
        posted_at: datetime | None = None,
        expected_version: int | None = None,
    ) -> Changes:
        """Record a unit's follow-up; the status moves with it (Proses, Selesai, waiting)."""
        return self._actions.add_follow_up(
            actor, complaint_id, unit_id, kind, text, posted_at, expected_version).changes

    def change_status(
        self,
        actor: Actor,
        complaint_id: int,
        target: InternalStatus,
        reason: str | None = None,
        expected_version: int | None = None,
    ) -> Changes:
        """Move the complaint to ``target`` if the lifecycle allows it."""
        return self._actions.change_status(
            actor, complaint_id, target, reason, expected_version).changes

    def mark_urgent(
        self,
        actor: Actor,
        complaint_id: int,
        urgent: bool,
        reason: str = "",
        expected_version: int | None = None,
    ) -> Changes:
        """Flag the complaint urgent (a reason is required) or clear the flag."""
        return self._actions.mark_urgent(
            actor, complaint_id, urgent, reason, expected_version).changes


def _row(session: Session, complaint: Complaint) -> ComplaintRow:
    topic = session.get(Topic, complaint.topic_id) if complaint.topic_id else None
    lead = session.scalar(
        select(Unit.name)
        .join(Disposition, Disposition.unit_id == Unit.id)
        .where(Disposition.complaint_id == complaint.id, Disposition.withdrawn_at.is_(None))
        .order_by(Disposition.is_lead.desc(), Disposition.id)
        .limit(1)
    )
    return ComplaintRow(
        id=complaint.id,
        tracking_id=complaint.tracking_id,
        received_at=complaint.received_at,
        title=complaint.title,
        status=InternalStatus(complaint.status),
        klasifikasi=complaint.klasifikasi,
        topic=topic.name if topic else None,
        channel=complaint.channel,
        urgent=complaint.urgent,
        anonim=complaint.anonim,
        rahasia=complaint.rahasia,
        lead_unit=lead,
        version=complaint.version,
    )



