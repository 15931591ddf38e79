"""Decisions written back to the complaint they are about, in the decision's own transaction.

The rules are the register's (``RegisterService``): the lifecycle check, the status a follow-up
kind leads to, who is verified and completed when. They are applied here to the ORM objects
because the decision, the follow-up or disposition and the history step must be one commit;
every step is recorded with origin ``meeting`` and the line "Dibahas dalam Rapat Koordinasi …".
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from lapor_desk.domain.actor import Actor
from lapor_desk.domain.enums import FollowUpKind, InternalStatus
from lapor_desk.domain.errors import ValidationError
from lapor_desk.domain.lifecycle import check_transition
from lapor_desk.domain.meeting_outcomes import DecisionKind
from lapor_desk.i18n import _
from lapor_desk.models import Complaint, Disposition, FollowUp, StatusChange
from lapor_desk.services.meeting_common import check_units
from lapor_desk.services.meeting_inputs import DecisionInput

ORIGIN = "meeting"

#: The status a follow-up of each kind leads to (as in ``RegisterService.add_follow_up``).
FOLLOW_UP_TARGET: dict[FollowUpKind, InternalStatus] = {
    FollowUpKind.FIRST_RESPONSE: InternalStatus.PROSES,
    FollowUpKind.FOLLOW_UP: InternalStatus.PROSES,
    FollowUpKind.COMPLETION: InternalStatus.SELESAI,
    FollowUpKind.INFO_REQUEST: InternalStatus.MENUNGGU_KELENGKAPAN,
}


def _history(
    complaint: Complaint,
    current: InternalStatus,
    target: InternalStatus,
    actor: Actor,
    now: datetime,
    note: str,
) -> None:
    complaint.status_changes.append(
        StatusChange(
            changed_at=now,
            from_status=current.value,
            to_status=target.value,
            reason=note,
            changed_by=actor.display_name,
            origin=ORIGIN,
        )
    )


def _move(
    complaint: Complaint, target: InternalStatus, actor: Actor, now: datetime, note: str
) -> None:
    """Change the status as ``RegisterService._move`` does, or only note the discussion."""
    current = InternalStatus(complaint.status)
    if target is current:
        # Discussed without a status change: the history still shows the meeting.
        _history(complaint, current, current, actor, now, note)
        return
    check_transition(current, target, note)
    complaint.status = target.value
    if target in (
        InternalStatus.DIARSIPKAN, InternalStatus.TERBLOKIR, InternalStatus.MENUNGGU_KELENGKAPAN
    ):
        complaint.status_reason = note
    if target.is_verified and complaint.verified_at is None:
        complaint.verified_at = now
    complaint.completed_at = now if target is InternalStatus.SELESAI else None
    _history(complaint, current, target, actor, now, note)


def _lead_unit(complaint: Complaint) -> int | None:
    active = [d for d in complaint.dispositions if d.withdrawn_at is None]
    active.sort(key=lambda d: (not d.is_lead, d.id))
    return active[0].unit_id if active else None


def write_back(
    session: Session,
    complaint: Complaint,
    data: DecisionInput,
    note: str,
    actor: Actor,
    now: datetime,
) -> None:
    """Apply the decision ``data`` to ``complaint``; ``note`` is the history line."""
    current = InternalStatus(complaint.status)
    if data.kind is DecisionKind.STATUS_CHANGE:
        assert data.target_status is not None  # checked by check_decision
        if data.target_status is current:
            raise ValidationError(
                "target_status", _("The complaint already has status “{target}”.").format(
                    target=current.label
                )
            )
        _move(complaint, data.target_status, actor, now, note)
    elif data.kind is DecisionKind.FOLLOW_UP:
        if current is InternalStatus.BELUM_TERVERIFIKASI:
            raise ValidationError(
                "status", _("Verify and dispose the complaint before recording follow-up.")
            )
        unit_id = data.unit_id if data.unit_id is not None else _lead_unit(complaint)
        if unit_id is not None:
            check_units(session, [unit_id], now.date())
        complaint.follow_ups.append(
            FollowUp(
                unit_id=unit_id,
                kind=data.follow_up_kind.value,
                posted_at=now,
                text=data.text.strip(),
                created_by=actor.display_name,
            )
        )
        _move(complaint, FOLLOW_UP_TARGET[data.follow_up_kind], actor, now, note)
    elif data.kind is DecisionKind.REDISPOSE:
        assert data.unit_id is not None  # checked by check_decision
        check_units(session, [data.unit_id], now.date())
        if _lead_unit(complaint) == data.unit_id:
            raise ValidationError("unit", _("The complaint is already disposed to this unit."))
        for disposition in complaint.dispositions:
            if disposition.withdrawn_at is None and (
                disposition.is_lead or disposition.unit_id == data.unit_id
            ):
                disposition.withdrawn_at = now
        complaint.dispositions.append(
            Disposition(
                unit_id=data.unit_id,
                is_lead=True,
                disposed_at=now,
                disposed_by=actor.display_name,
                instruction=data.text.strip(),
            )
        )
        target = (
            InternalStatus.BELUM_DITINDAKLANJUTI
            if current is InternalStatus.BELUM_TERVERIFIKASI
            else current
        )
        _move(complaint, target, actor, now, note)
    else:
        _move(complaint, current, actor, now, note)
    complaint.updated_at = now
