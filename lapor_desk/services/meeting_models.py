"""Frozen read models of the meeting services (planner, check-in, agenda, minutes, tracker)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from lapor_desk.domain.enums import FollowUpKind, InternalStatus, SlaStage, SlaState
from lapor_desk.domain.meeting_outcomes import ActionStatus, DecisionKind
from lapor_desk.domain.meetings import (
    AgendaItemKind,
    AgendaReason,
    AttendanceState,
    MeetingKind,
    MeetingStatus,
    Presence,
    format_nip,
    meeting_number,
)
from lapor_desk.services.meeting_inputs import Official

# -- read models ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UnitRef:
    """A unit as lists show it."""

    id: int
    abbreviation: str
    name: str


@dataclass(frozen=True, slots=True)
class MeetingRow:
    """A meeting as the planner's list shows it."""

    id: int
    number: int
    year: int
    title: str
    kind: MeetingKind
    meeting_date: date
    status: MeetingStatus
    venue: str
    units: tuple[str, ...]  # abbreviations
    invited_count: int
    attendee_count: int  # present or represented
    version: int

    @property
    def label(self) -> str:
        """``2/2022``."""
        return meeting_number(self.number, self.year)


@dataclass(frozen=True, slots=True)
class MeetingStatusRow:
    """One step of the meeting's status history."""

    changed_at: datetime
    from_status: MeetingStatus | None
    to_status: MeetingStatus
    reason: str | None
    changed_by: str
    reopening: bool


@dataclass(frozen=True, slots=True)
class NarasumberRow:
    """An invited speaker."""

    id: int
    name: str
    institution: str
    remarks: str


@dataclass(frozen=True, slots=True)
class MeetingDetail:
    """Everything the planner and the meeting-mode header show of one meeting."""

    row: MeetingRow
    call_time: time | None
    start_time: time | None
    end_time: time | None
    chair: Official | None
    secretary: Official | None
    notulis: Official | None
    units: tuple[UnitRef, ...]
    narasumber: tuple[NarasumberRow, ...]
    history: tuple[MeetingStatusRow, ...]
    allowed_targets: frozenset[MeetingStatus]
    agenda_cutoff: date | None
    started_at: datetime | None  # the meeting timer runs from here
    ended_at: datetime | None
    notes: str
    notes_revision: int
    renaksi_ids: tuple[int, ...]  # Renaksi items this meeting fulfils


@dataclass(frozen=True, slots=True)
class AttendanceRow:
    """One line of the attendance list."""

    id: int
    meeting_id: int
    name: str
    nip: str | None
    position: str
    unit_id: int | None
    unit: str | None  # abbreviation
    unit_name: str | None
    institution: str
    state: AttendanceState
    presence: Presence | None
    representative_name: str | None
    representative_nip: str | None
    checked_in_at: datetime | None
    from_liaison: bool

    @property
    def nip_display(self) -> str:
        """``19850312 201001 1 005``."""
        return format_nip(self.nip)


@dataclass(frozen=True, slots=True)
class ComplaintBrief:
    """A complaint as an agenda line shows it."""

    id: int
    tracking_id: str
    title: str
    status: InternalStatus
    received: date
    urgent: bool
    topic: str | None


@dataclass(frozen=True, slots=True)
class ActionBrief:
    """An action item as an agenda line shows it."""

    id: int
    description: str
    origin_meeting_id: int
    origin_label: str
    origin_date: date
    person_in_charge: str
    due_date: date
    status: ActionStatus
    carried_count: int  # meetings it has been carried to, this one included
    complaint_tracking_id: str | None


@dataclass(frozen=True, slots=True)
class ProposedItem:
    """One item the agenda builder proposes, with why."""

    kind: AgendaItemKind
    unit_id: int
    reasons: tuple[AgendaReason, ...]
    age_workdays: int
    due: date | None  # the earliest open deadline (complaint stage or action item)
    complaint: ComplaintBrief | None = None
    action: ActionBrief | None = None

    @property
    def title(self) -> str:
        """``4123456 — Bantuan PKH tidak cair`` or the action's description."""
        if self.complaint is not None:
            return f"{self.complaint.tracking_id} — {self.complaint.title}"
        assert self.action is not None
        return self.action.description


@dataclass(frozen=True, slots=True)
class UnitProposal:
    """The proposed items of one unit; ``total`` counts them before any per-unit limit."""

    unit: UnitRef
    items: tuple[ProposedItem, ...]
    total: int
    last_meeting: str | None  # label of the meeting "since the last meeting" refers to


@dataclass(frozen=True, slots=True)
class AgendaProposal:
    """The agenda builder's answer, grouped by unit in the order the units were chosen."""

    cutoff: date
    meeting_date: date
    units: tuple[UnitProposal, ...]


@dataclass(frozen=True, slots=True)
class AgendaItemRow:
    """One agenda line, in order."""

    id: int
    meeting_id: int
    position: int
    kind: AgendaItemKind
    title: str
    unit_id: int | None
    unit: str | None
    complaint_id: int | None
    tracking_id: str | None
    complaint_status: InternalStatus | None
    action_item_id: int | None
    carried_count: int
    renaksi_id: int | None
    linked_meeting_id: int | None
    reasons: tuple[AgendaReason, ...]
    notes_revision: int
    elapsed_seconds: int
    decision_count: int
    action_count: int


@dataclass(frozen=True, slots=True)
class SlaLine:
    """A deadline of the complaint, for the projector."""

    stage: SlaStage
    due: date
    state: SlaState


@dataclass(frozen=True, slots=True)
class ComplaintSummary:
    """What the projector shows of a complaint: no reporter, identifiers in the text masked."""

    id: int
    tracking_id: str
    title: str
    text: str
    topic: str | None
    klasifikasi: str | None
    region: str
    received: date
    age_workdays: int
    status: InternalStatus
    lead_unit: str | None
    urgent: bool
    last_follow_up: str | None
    last_follow_up_at: datetime | None
    sla: tuple[SlaLine, ...]
    version: int


@dataclass(frozen=True, slots=True)
class DecisionRow:
    """A decision and whether it reached the complaint."""

    id: int
    agenda_item_id: int
    kind: DecisionKind
    text: str
    target_status: InternalStatus | None
    follow_up_kind: FollowUpKind | None
    unit: str | None
    applied_at: datetime | None
    created_at: datetime
    created_by: str


@dataclass(frozen=True, slots=True)
class ActionItemRow:
    """An action item as the tracker and the minutes list it."""

    id: int
    meeting_id: int
    meeting_label: str
    meeting_date: date
    agenda_item_id: int | None
    description: str
    owner_unit_id: int
    owner_unit: str
    person_in_charge: str
    due_workdays: int
    due_date: date
    complaint_id: int | None
    tracking_id: str | None
    status: ActionStatus
    created_at: datetime
    created_by: str
    closed_at: datetime | None
    closed_by: str | None
    closing_note: str
    carried_count: int  # later meetings that took it over while it stayed open
    overdue: bool  # open and past its due date on the reference date
    age_workdays: int  # from the meeting to closing, or to the reference date


@dataclass(frozen=True, slots=True)
class AgendaItemDetail:
    """Meeting mode's view of one item: summary for the projector, notes, outcomes."""

    row: AgendaItemRow
    notes: str
    complaint: ComplaintSummary | None
    action: ActionItemRow | None  # the earlier meeting's action a carry-over item is about
    decisions: tuple[DecisionRow, ...]
    actions: tuple[ActionItemRow, ...]  # agreed under this item


@dataclass(frozen=True, slots=True)
class NotesSaved:
    """An autosave went through: the revision to send next time."""

    revision: int
    saved_at: datetime


@dataclass(frozen=True, slots=True)
class UnitActionStats:
    """A unit's action items: completion rate and the ageing of what is still open."""

    unit: UnitRef
    total: int
    done: int
    open: int
    overdue: int
    completion_rate: float | None
    ageing: tuple[int, ...] = (0, 0, 0, 0)  # open items per AGEING_LIMITS bucket
    oldest_open_workdays: int | None = None
