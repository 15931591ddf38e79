"""Frozen read models the services hand out instead of ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from lapor_desk.domain.enums import FollowUpKind, InternalStatus
from lapor_desk.domain.meetings import MeetingStatus
from lapor_desk.domain.sla import SlaResult


@dataclass(frozen=True, slots=True)
class ComplaintRow:
    """A complaint as a list shows it."""

    id: int
    tracking_id: str
    received_at: datetime
    title: str
    status: InternalStatus
    klasifikasi: str | None
    topic: str | None
    channel: str | None
    urgent: bool
    anonim: bool
    rahasia: bool
    lead_unit: str | None
    version: int


@dataclass(frozen=True, slots=True)
class DispositionRow:
    """One hand-over of the complaint to a unit."""

    unit_id: int
    unit: str
    is_lead: bool
    disposed_at: datetime
    disposed_by: str
    instruction: str
    id: int = 0
    #: Set when the disposition was taken back (undone); it stays in the history.
    withdrawn_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class FollowUpRow:
    """One follow-up entry."""

    id: int
    unit: str | None
    kind: FollowUpKind
    posted_at: datetime
    text: str
    created_by: str


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One step of the complaint's status history."""

    changed_at: datetime
    from_status: InternalStatus | None
    to_status: InternalStatus
    reason: str | None
    changed_by: str
    origin: str


@dataclass(frozen=True, slots=True)
class MeetingMention:
    """A coordination meeting whose agenda holds the complaint, and what was noted there."""

    meeting_id: int
    label: str  # ``2/2022``
    title: str
    meeting_date: date
    status: MeetingStatus
    notes: str  # the agenda item's notes ("" before the meeting)


@dataclass(frozen=True, slots=True)
class ComplaintDetail:
    """Everything the detail pane shows of one complaint."""

    row: ComplaintRow
    text_original: str
    text_edited: str
    portal_status: str | None
    status_reason: str | None
    urgent_reason: str | None
    region: tuple[str | None, str | None, str | None, str | None]
    reporter_name: str | None
    reporter_nik: str | None
    reporter_phone: str | None
    reporter_email: str | None
    rating: int | None
    dispositions: tuple[DispositionRow, ...]
    follow_ups: tuple[FollowUpRow, ...]
    history: tuple[HistoryRow, ...]
    sla: tuple[SlaResult, ...]
    meetings: tuple[MeetingMention, ...] = ()  # oldest first
