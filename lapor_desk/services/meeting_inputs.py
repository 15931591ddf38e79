"""What the meeting screens hand to the services: meetings, attendees, decisions, actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from lapor_desk.domain.enums import FollowUpKind, InternalStatus
from lapor_desk.domain.meeting_outcomes import ActionStatus, DecisionKind
from lapor_desk.domain.meetings import AttendanceState, MeetingKind, Presence


@dataclass(frozen=True, slots=True)
class Official:
    """A person in the meeting's header (chair, secretary, note-taker) with an optional NIP."""

    name: str
    nip: str | None = None


@dataclass(frozen=True, slots=True)
class MeetingInput:
    """What the planner types; invited units pre-fill the attendance list with their liaisons."""

    title: str
    kind: MeetingKind
    meeting_date: date
    venue: str = ""
    call_time: time | None = None
    start_time: time | None = None
    end_time: time | None = None
    chair: Official | None = None
    secretary: Official | None = None
    notulis: Official | None = None
    unit_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class NarasumberInput:
    """An invited speaker: name, institution and (later) what they said."""

    name: str
    institution: str = ""
    remarks: str = ""


@dataclass(frozen=True, slots=True)
class AttendeeInput:
    """One line of the attendance list; guests may have no unit and no NIP."""

    name: str
    nip: str | None = None
    position: str = ""
    unit_id: int | None = None
    institution: str = ""
    state: AttendanceState = AttendanceState.INVITED
    presence: Presence | None = None
    representative_name: str | None = None
    representative_nip: str | None = None


@dataclass(frozen=True, slots=True)
class DecisionInput:
    """A decision on an agenda item and what it writes back to the complaint, if anything.

    ``unit_id`` is the unit posting the follow-up (default: the complaint's lead unit) or the
    unit the complaint is disposed to.
    """

    kind: DecisionKind
    text: str
    target_status: InternalStatus | None = None
    follow_up_kind: FollowUpKind = FollowUpKind.FOLLOW_UP
    unit_id: int | None = None


@dataclass(frozen=True, slots=True)
class ActionItemInput:
    """An agreed action: owner unit, person in charge, deadline in working days."""

    description: str
    owner_unit_id: int
    due_workdays: int
    person_in_charge: str = ""
    complaint_id: int | None = None


@dataclass(frozen=True, slots=True)
class ActionFilter:
    """Filters of the action tracker; ``min_carried=2`` shows items carried twice or more."""

    unit_id: int | None = None
    status: ActionStatus | None = None
    overdue_only: bool = False
    min_carried: int = 0
    meeting_id: int | None = None
