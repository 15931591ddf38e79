"""Decisions written back to the complaint they are about, in the decision's own transaction.

The rules are the register's (:mod:`~lapor_desk.services.complaint_changes`): the lifecycle
check, the status a follow-up kind leads to, who is verified and completed when. The decision,
the follow-up or disposition and the history step are one commit; every step is recorded with
origin ``meeting`` and the line "Dibahas dalam Rapat Koordinasi …", also when the status stays.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from lapor_desk.domain.actor import Actor
from lapor_desk.domain.enums import InternalStatus
from lapor_desk.domain.errors import ValidationError
from lapor_desk.domain.meeting_outcomes import DecisionKind
from lapor_desk.i18n import _
from lapor_desk.models import Complaint, Disposition
from lapor_desk.services.complaint_changes import (
    active_units,
    add_follow_up,
    move_status,
    record_history,
)
from lapor_desk.services.meeting_inputs import DecisionInput

ORIGIN = "meeting"


def _move(
    session: Session,
    complaint: Complaint,
    target: InternalStatus,
    actor: Actor,
    now: datetime,
    note: str,
) -> None:
    """Change the status, or only note the discussion when it stays."""
    if target.value == complaint.status:
        record_history(session, complaint, target, actor, now, note, ORIGIN)
    else:
        move_status(session, complaint, target, actor, now, note, ORIGIN)


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
        _move(session, complaint, data.target_status, actor, now, note)
    elif data.kind is DecisionKind.FOLLOW_UP:
        unit_id = data.unit_id if data.unit_id is not None else _lead_unit(complaint)
        if unit_id is not None:
            active_units(session, [unit_id], now.date())
        add_follow_up(
            session, complaint, unit_id, data.follow_up_kind, data.text.strip(), actor, now,
            origin=ORIGIN, note=note,
        )
    elif data.kind is DecisionKind.REDISPOSE:
        assert data.unit_id is not None  # checked by check_decision
        active_units(session, [data.unit_id], now.date())
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
        _move(session, complaint, target, actor, now, note)
    else:
        _move(session, complaint, current, actor, now, note)
    complaint.updated_at = now
