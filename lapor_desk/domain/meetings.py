"""Rules of coordination meetings (rapat koordinasi): status moves, attendance, NIP, agenda order.

What a meeting produces (decisions, action items, Renaksi) is in ``meeting_outcomes``. Pure
Python: no I/O, no clock.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from lapor_desk.domain.errors import InvalidTransition, ValidationError
from lapor_desk.domain.formatting import fmt_date
from lapor_desk.i18n import N_, _

# -- the meeting's lifecycle ----------------------------------------------------------------------


class MeetingStatus(StrEnum):
    """Draft → scheduled → in session → closed (read-only) → minutes approved."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    IN_SESSION = "in_session"
    CLOSED = "closed"
    MINUTES_APPROVED = "minutes_approved"

    @property
    def label(self) -> str:
        """The status as a user reads it."""
        return _(_MEETING_STATUS_LABELS[self])

    @property
    def read_only(self) -> bool:
        """A closed meeting is the record: nothing in it changes until it is reopened."""
        return self in (MeetingStatus.CLOSED, MeetingStatus.MINUTES_APPROVED)

    @property
    def held(self) -> bool:
        """The meeting took place (or is taking place)."""
        return self in HELD_STATUSES


_MEETING_STATUS_LABELS: dict[MeetingStatus, str] = {
    MeetingStatus.DRAFT: N_("Draft"),
    MeetingStatus.SCHEDULED: N_("Scheduled"),
    MeetingStatus.IN_SESSION: N_("In session"),
    MeetingStatus.CLOSED: N_("Closed"),
    MeetingStatus.MINUTES_APPROVED: N_("Minutes approved"),
}

HELD_STATUSES = frozenset(
    {MeetingStatus.IN_SESSION, MeetingStatus.CLOSED, MeetingStatus.MINUTES_APPROVED}
)

_M = MeetingStatus
MEETING_TRANSITIONS: dict[MeetingStatus, frozenset[MeetingStatus]] = {
    _M.DRAFT: frozenset({_M.SCHEDULED}),
    _M.SCHEDULED: frozenset({_M.DRAFT, _M.IN_SESSION}),
    _M.IN_SESSION: frozenset({_M.CLOSED}),
    # Reopening (back to in session) is the only way to change a closed meeting again.
    _M.CLOSED: frozenset({_M.MINUTES_APPROVED, _M.IN_SESSION}),
    _M.MINUTES_APPROVED: frozenset({_M.IN_SESSION}),
}


def is_reopening(current: MeetingStatus, target: MeetingStatus) -> bool:
    """True when the move makes a closed meeting editable again."""
    return current.read_only and target is MeetingStatus.IN_SESSION


def allowed_meeting_targets(current: MeetingStatus) -> frozenset[MeetingStatus]:
    """The statuses a meeting in ``current`` may move to."""
    return MEETING_TRANSITIONS[current]


def check_meeting_transition(
    current: MeetingStatus, target: MeetingStatus, reason: str | None = None
) -> None:
    """Raise unless the move is allowed; reopening a closed meeting needs a reason."""
    if target not in MEETING_TRANSITIONS[current]:
        raise InvalidTransition(
            _("A meeting with status “{current}” cannot be changed to “{target}”.").format(
                current=current.label, target=target.label
            )
        )
    if is_reopening(current, target) and not (reason and reason.strip()):
        raise ValidationError("reason", _("Reopening a closed meeting needs a reason."))


def check_editable(status: MeetingStatus) -> None:
    """Raise when the meeting is closed: its content is the record until it is reopened."""
    if status.read_only:
        raise ValidationError(
            "status", _("The meeting is closed and read-only; reopen it to change it.")
        )


def check_in_session(status: MeetingStatus) -> None:
    """Notes, decisions and action items are taken while the meeting is in session."""
    check_editable(status)
    if status is not MeetingStatus.IN_SESSION:
        raise ValidationError(
            "status", _("Notes, decisions and action items are taken once the meeting starts.")
        )


class MeetingKind(StrEnum):
    """What the meeting is for."""

    FOLLOW_UP = "follow_up"
    MONEV = "monev"
    RENAKSI = "renaksi"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The kind as a user reads it."""
        return _(_MEETING_KIND_LABELS[self])


_MEETING_KIND_LABELS: dict[MeetingKind, str] = {
    MeetingKind.FOLLOW_UP: N_("Coordination meeting on complaint follow-up"),
    MeetingKind.MONEV: N_("Monitoring and evaluation (monev)"),
    MeetingKind.RENAKSI: N_("Renaksi implementation meeting"),
    MeetingKind.OTHER: N_("Other meeting"),
}


def meeting_number(number: int, year: int) -> str:
    """``2/2022``: meetings are numbered per year."""
    return f"{number}/{year}"


def discussion_note(number: int, year: int, day: date, text: str) -> str:
    """The line a complaint's history shows for a meeting decision about it."""
    body = " ".join(text.split())
    if len(body) > 600:
        body = body[:599] + "…"
    return _("Discussed in coordination meeting No. {number} on {date}: {text}").format(
        number=meeting_number(number, year), date=fmt_date(day), text=body
    )


# -- attendance ----------------------------------------------------------------------------------


class AttendanceState(StrEnum):
    """Whether an invitee came: hadir, tidak hadir, izin, diwakili (or not known yet)."""

    INVITED = "invited"
    PRESENT = "present"
    ABSENT = "absent"
    EXCUSED = "excused"
    REPRESENTED = "represented"

    @property
    def label(self) -> str:
        """The state as a user reads it."""
        return _(_ATTENDANCE_LABELS[self])

    @property
    def attended(self) -> bool:
        """Somebody sat in the meeting for this row (the invitee or a representative)."""
        return self in (AttendanceState.PRESENT, AttendanceState.REPRESENTED)


_ATTENDANCE_LABELS: dict[AttendanceState, str] = {
    AttendanceState.INVITED: N_("Invited"),
    AttendanceState.PRESENT: N_("Present"),
    AttendanceState.ABSENT: N_("Absent"),
    AttendanceState.EXCUSED: N_("Excused"),
    AttendanceState.REPRESENTED: N_("Represented"),
}


class Presence(StrEnum):
    """How an attendee took part."""

    ON_SITE = "on_site"
    ONLINE = "online"

    @property
    def label(self) -> str:
        """The presence as a user reads it."""
        return _(N_("On site")) if self is Presence.ON_SITE else _(N_("Online"))


def normalize_attendance(
    state: AttendanceState, presence: Presence | None, representative: str | None
) -> tuple[Presence | None, str | None]:
    """The (presence, representative) to store for ``state``.

    Whoever attended was on site unless said otherwise; somebody who did not attend has no
    presence. "Diwakili" needs the representative's name; other states keep none.
    """
    name = (representative or "").strip() or None
    if state is AttendanceState.REPRESENTED and name is None:
        raise ValidationError(
            "representative", _("Enter the name of the person representing the invitee.")
        )
    if state is not AttendanceState.REPRESENTED:
        name = None
    if not state.attended:
        return None, name
    return presence or Presence.ON_SITE, name


_NIP = re.compile(r"[0-9]{18}")  # ASCII only: \d also matches other scripts' digits
_NIP_SEPARATORS = re.compile(r"[\s.\-]")


def normalize_nip(value: str | None, *, required: bool = False, field: str = "nip") -> str | None:
    """A civil servant's NIP as its 18 digits, or ``None`` when empty and not required.

    The NIP holds the birth date (8 digits), the appointment year and month (6), the sex (1 or
    2) and a sequence (3); guests from outside the civil service have none.
    """
    digits = _NIP_SEPARATORS.sub("", value or "")
    if not digits:
        if required:
            raise ValidationError(field, _("NIP is required."))
        return None
    if not _NIP.fullmatch(digits):
        raise ValidationError(field, _("NIP must consist of exactly 18 digits."))
    try:
        born = date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise ValidationError(field, _("NIP does not contain a valid date of birth.")) from None
    appointed_year, appointed_month = int(digits[8:12]), int(digits[12:14])
    if not 1 <= appointed_month <= 12:
        raise ValidationError(field, _("NIP does not contain a valid appointment month."))
    if appointed_year < born.year + 15:
        raise ValidationError(
            field,
            _("The appointment year in the NIP ({year}) is less than 15 years after the year "
              "of birth ({born}).").format(year=appointed_year, born=born.year),
        )
    if digits[14] not in "12":
        raise ValidationError(field, _("The fifteenth digit of a NIP (sex) must be 1 or 2."))
    return digits


def format_nip(digits: str | None) -> str:
    """``198503122010011005`` → ``19850312 201001 1 005``; empty for none."""
    if not digits:
        return ""
    if len(digits) != 18:
        return digits
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


# -- the agenda ----------------------------------------------------------------------------------


class AgendaItemKind(StrEnum):
    """What an agenda item discusses."""

    COMPLAINT = "complaint"
    CARRY_OVER = "carry_over"
    GENERAL = "general"
    RENAKSI = "renaksi"
    PREVIOUS_MINUTES = "previous_minutes"

    @property
    def label(self) -> str:
        """The kind as a user reads it."""
        return _(_AGENDA_KIND_LABELS[self])


_AGENDA_KIND_LABELS: dict[AgendaItemKind, str] = {
    AgendaItemKind.COMPLAINT: N_("Complaint"),
    AgendaItemKind.CARRY_OVER: N_("Open action from an earlier meeting"),
    AgendaItemKind.GENERAL: N_("General topic"),
    AgendaItemKind.RENAKSI: N_("Renaksi item"),
    AgendaItemKind.PREVIOUS_MINUTES: N_("Approval of the previous minutes"),
}


class AgendaReason(StrEnum):
    """Why the agenda builder proposes an item."""

    OVERDUE = "overdue"
    URGENT = "urgent"
    DUE_BEFORE_MEETING = "due_before_meeting"
    STALE = "stale"
    CARRY_OVER = "carry_over"

    @property
    def label(self) -> str:
        """The reason as a user reads it."""
        return _(_REASON_LABELS[self])


_REASON_LABELS: dict[AgendaReason, str] = {
    AgendaReason.OVERDUE: N_("Overdue"),
    AgendaReason.URGENT: N_("Urgent"),
    AgendaReason.DUE_BEFORE_MEETING: N_("Due before the meeting"),
    AgendaReason.STALE: N_("No status change since the last meeting"),
    AgendaReason.CARRY_OVER: N_("Carried over"),
}


def encode_reasons(reasons: Iterable[AgendaReason]) -> str:
    """Reasons as stored: comma-separated, in the enum's order."""
    chosen = set(reasons)
    return ",".join(r.value for r in AgendaReason if r in chosen)


def decode_reasons(text: str) -> tuple[AgendaReason, ...]:
    """Stored reasons back, in the enum's order; unknown words (a newer version's) are skipped."""
    words = set(text.split(","))
    return tuple(r for r in AgendaReason if r.value in words)


def urgency_rank(reasons: Iterable[AgendaReason]) -> int:
    """0 is the most pressing: urgent and overdue, then overdue, urgent, due soon, the rest."""
    found = set(reasons)
    overdue = AgendaReason.OVERDUE in found
    urgent = AgendaReason.URGENT in found
    if overdue and urgent:
        return 0
    if overdue:
        return 1
    if urgent:
        return 2
    if AgendaReason.DUE_BEFORE_MEETING in found:
        return 3
    return 4


@dataclass(frozen=True, slots=True)
class AgendaCandidate:
    """What the agenda order needs to know of a proposed item."""

    group: int  # the unit's place among the chosen units
    reasons: frozenset[AgendaReason]
    age_workdays: int
    carried: int = 0
    key: str = ""  # a stable tie-breaker (tracking id, action id)


def agenda_sort_key(candidate: AgendaCandidate) -> tuple[int, int, int, int, str]:
    """Grouped by unit; within a unit the most urgent first, then the oldest, then the key."""
    return (
        candidate.group,
        urgency_rank(candidate.reasons),
        -candidate.age_workdays,
        -candidate.carried,
        candidate.key,
    )
