"""What coordination meetings produce: decisions, action items and the Renaksi register.

Decisions may write back to the complaint they are about; action items are open until somebody
closes them; Renaksi (Rencana Aksi) items collect meetings and documents as evidence.
"""

from __future__ import annotations

import re
from enum import StrEnum

from lapor_desk.domain.enums import InternalStatus
from lapor_desk.domain.errors import ValidationError
from lapor_desk.i18n import N_, _

# -- decisions and action items -------------------------------------------------------------------


class DecisionKind(StrEnum):
    """What a decision does to the complaint it is about."""

    NONE = "none"
    STATUS_CHANGE = "status_change"
    FOLLOW_UP = "follow_up"
    REDISPOSE = "redispose"

    @property
    def label(self) -> str:
        """The kind as a user reads it."""
        return _(_DECISION_LABELS[self])


_DECISION_LABELS: dict[DecisionKind, str] = {
    DecisionKind.NONE: N_("Discussion only"),
    DecisionKind.STATUS_CHANGE: N_("Change the complaint's status"),
    DecisionKind.FOLLOW_UP: N_("Record a follow-up"),
    DecisionKind.REDISPOSE: N_("Dispose to another unit"),
}


def check_decision(
    kind: DecisionKind,
    *,
    has_complaint: bool,
    target_status: InternalStatus | None,
    unit_id: int | None,
) -> None:
    """Raise unless the decision names what its kind needs."""
    if kind is DecisionKind.NONE:
        return
    if not has_complaint:
        raise ValidationError(
            "kind", _("Only a decision about a complaint can change the complaint.")
        )
    if kind is DecisionKind.STATUS_CHANGE and target_status is None:
        raise ValidationError("target_status", _("Choose the complaint's new status."))
    if kind is DecisionKind.REDISPOSE and unit_id is None:
        raise ValidationError("unit", _("Choose the unit the complaint goes to."))


class ActionStatus(StrEnum):
    """An action item is open until somebody closes it."""

    OPEN = "open"
    DONE = "done"

    @property
    def label(self) -> str:
        """The status as a user reads it."""
        return _(N_("Open")) if self is ActionStatus.OPEN else _(N_("Done"))


#: Upper bounds (working days) of the ageing buckets of open action items; the last is open.
AGEING_LIMITS: tuple[int, ...] = (5, 10, 20)
MAX_DUE_WORKDAYS = 250  # about a year of working days


def ageing_bucket(age_workdays: int) -> int:
    """Index of the bucket: 0 for ≤ 5 working days, 1 for 6–10, 2 for 11–20, 3 beyond."""
    for index, limit in enumerate(AGEING_LIMITS):
        if age_workdays <= limit:
            return index
    return len(AGEING_LIMITS)


def check_due_workdays(workdays: int) -> int:
    """An action's deadline in working days after the meeting: 1 to about a year."""
    if not 1 <= workdays <= MAX_DUE_WORKDAYS:
        raise ValidationError(
            "due_workdays",
            _("The deadline must be 1 to {limit} working days after the meeting.").format(
                limit=MAX_DUE_WORKDAYS
            ),
        )
    return workdays


# -- Renaksi -------------------------------------------------------------------------------------


class RenaksiStatus(StrEnum):
    """Where a Renaksi action plan stands."""

    NOT_STARTED = "not_started"
    UNDER_WAY = "under_way"
    ACHIEVED = "achieved"

    @property
    def label(self) -> str:
        """The status as a user reads it."""
        return _(_RENAKSI_LABELS[self])


_RENAKSI_LABELS: dict[RenaksiStatus, str] = {
    RenaksiStatus.NOT_STARTED: N_("Not started"),
    RenaksiStatus.UNDER_WAY: N_("Under way"),
    RenaksiStatus.ACHIEVED: N_("Achieved"),
}

_PERIOD = re.compile(r"\s*([0-9]{4})\s*[-–]\s*([0-9]{4})\s*")


def normalize_period(value: str) -> str:
    """A Renaksi period such as ``2021-2024``; the en dash people type is accepted."""
    match = _PERIOD.fullmatch(value or "")
    if match is None:
        raise ValidationError("period", _("Write the period as two years, e.g. 2021-2024."))
    start, end = int(match.group(1)), int(match.group(2))
    if not (2000 <= start <= end <= start + 10):
        raise ValidationError("period", _("The period must run forward over at most ten years."))
    return f"{start}-{end}"


def check_progress(status: RenaksiStatus, progress: int) -> int:
    """Progress in percent, consistent with the status."""
    if not 0 <= progress <= 100:
        raise ValidationError("progress", _("Progress is a percentage from 0 to 100."))
    if status is RenaksiStatus.ACHIEVED and progress != 100:
        raise ValidationError("progress", _("An achieved action plan has 100% progress."))
    if status is RenaksiStatus.NOT_STARTED and progress != 0:
        raise ValidationError("progress", _("An action plan that has not started has 0% progress."))
    return progress
