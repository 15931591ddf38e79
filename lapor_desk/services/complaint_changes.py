"""How one complaint changes, inside the caller's transaction: the register's rules in one place.

The register's own calls (:class:`~lapor_desk.services.register.RegisterService`), the undoable
actions of the desktop (:mod:`~lapor_desk.services.complaint_actions`) and the decisions of a
meeting (:mod:`~lapor_desk.services.meeting_writeback`) all change complaints through these
functions, so a status move, a disposition or a follow-up is checked the same way wherever it
starts: the lifecycle, the dates a status sets, and one history row naming where it came from
(``origin``: ``manual``, ``meeting``, ``undo``, ``import``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from lapor_desk.domain.actor import Actor
from lapor_desk.domain.enums import FollowUpKind, InternalStatus
from lapor_desk.domain.errors import ConcurrentEdit, InvalidTransition, NotFound, ValidationError
from lapor_desk.domain.lifecycle import FOLLOW_UP_TARGET, check_transition
from lapor_desk.i18n import _
from lapor_desk.models import Complaint, Disposition, FollowUp, StatusChange, Unit

#: Statuses whose reason is kept on the complaint itself (shown beside the status).
_REASON_KEPT = (
    InternalStatus.DIARSIPKAN, InternalStatus.TERBLOKIR, InternalStatus.MENUNGGU_KELENGKAPAN
)


def load_complaint(
    session: Session, complaint_id: int, expected_version: int | None = None
) -> Complaint:
    """The complaint, or NotFound; ConcurrentEdit if it is no longer ``expected_version``."""
    complaint = session.get(Complaint, complaint_id)
    if complaint is None:
        raise NotFound(_("Complaint not found."))
    if expected_version is not None and complaint.version != expected_version:
        raise ConcurrentEdit(
            _(
                "Complaint {tracking} was changed by someone else in the meantime. "
                "Reload it and try again."
            ).format(tracking=complaint.tracking_id)
        )
    return complaint


def flush_or_conflict(session: Session) -> None:
    """Flush; a version clash with another editor becomes ConcurrentEdit."""
    try:
        session.flush()
    except StaleDataError as error:
        raise ConcurrentEdit(
            _("The complaint was changed by someone else in the meantime. Reload it.")
        ) from error


def active_units(session: Session, unit_ids: Iterable[int], on: date) -> dict[int, Unit]:
    """``unit_ids`` in order, once each, every one existing and active on ``on``."""
    wanted = list(unit_ids)
    if len(set(wanted)) != len(wanted):
        raise ValidationError("units", _("A unit is chosen twice."))
    found = {u.id: u for u in session.scalars(select(Unit).where(Unit.id.in_(wanted)))}
    units: dict[int, Unit] = {}
    for unit_id in wanted:
        unit = found.get(unit_id)
        if unit is None:
            raise ValidationError("units", _("Unit not found."))
        if unit.active_to is not None and unit.active_to < on:
            raise ValidationError(
                "units", _("Unit “{unit}” is no longer active.").format(unit=unit.name)
            )
        units[unit_id] = unit
    return units


def record_history(
    session: Session,
    complaint: Complaint,
    target: InternalStatus,
    actor: Actor,
    when: datetime,
    reason: str | None,
    origin: str,
) -> None:
    """One history row from the complaint's current status to ``target`` (equal: a note)."""
    session.add(
        StatusChange(
            complaint_id=complaint.id,
            changed_at=when,
            from_status=complaint.status,
            to_status=target.value,
            reason=reason,
            changed_by=actor.display_name,
            origin=origin,
        )
    )


def move_status(
    session: Session,
    complaint: Complaint,
    target: InternalStatus,
    actor: Actor,
    when: datetime,
    reason: str | None,
    origin: str = "manual",
) -> None:
    """Move the complaint to ``target`` if the lifecycle allows it, with its history row."""
    check_transition(InternalStatus(complaint.status), target, reason)
    record_history(session, complaint, target, actor, when, reason, origin)
    complaint.status = target.value
    if target in _REASON_KEPT:
        complaint.status_reason = reason
    if target.is_verified and complaint.verified_at is None:
        complaint.verified_at = when
    complaint.completed_at = when if target is InternalStatus.SELESAI else None


def add_dispositions(
    session: Session,
    complaint: Complaint,
    units: dict[int, Unit],
    actor: Actor,
    now: datetime,
    instruction: str,
    origin: str = "manual",
) -> list[Disposition]:
    """Hand an open complaint to ``units`` (the first is the lead unless one exists already).

    A complaint not yet verified is verified by it. Refused: a closed complaint, or a unit the
    complaint is already with.
    """
    status = InternalStatus(complaint.status)
    if not status.is_open:
        raise InvalidTransition(
            _("A complaint with status “{current}” cannot be disposed.").format(
                current=status.label
            )
        )
    active = [d for d in complaint.dispositions if d.withdrawn_at is None]
    holding = {d.unit_id for d in active}
    again = [unit.name for unit_id, unit in units.items() if unit_id in holding]
    if again:
        raise ValidationError(
            "units", _("Already disposed to {units}.").format(units=", ".join(again))
        )
    has_lead = any(d.is_lead for d in active)
    added = [
        Disposition(
            unit_id=unit_id,
            is_lead=position == 0 and not has_lead,
            disposed_at=now,
            disposed_by=actor.display_name,
            instruction=instruction.strip(),
        )
        for position, unit_id in enumerate(units)
    ]
    complaint.dispositions.extend(added)
    if status is InternalStatus.BELUM_TERVERIFIKASI:
        move_status(
            session, complaint, InternalStatus.BELUM_DITINDAKLANJUTI, actor, now,
            _("Verified and disposed"), origin,
        )
    return added


def follow_up_time(posted_at: datetime | None, now: datetime) -> datetime:
    """When a follow-up was posted: as given, or now; never in the future."""
    when = posted_at or now
    if when > now:
        raise ValidationError("posted_at", _("Follow-up date cannot be in the future."))
    return when


def add_follow_up(
    session: Session,
    complaint: Complaint,
    unit_id: int | None,
    kind: FollowUpKind,
    text: str,
    actor: Actor,
    when: datetime,
    *,
    origin: str = "manual",
    note: str | None = None,
) -> FollowUp:
    """Record a unit's follow-up; the status moves with its kind (Proses, Selesai, waiting).

    The history row gives ``note`` as its reason, or the start of the text; with a ``note`` the
    history shows it even when the status stays (a meeting discussed the complaint).
    """
    status = InternalStatus(complaint.status)
    if status is InternalStatus.BELUM_TERVERIFIKASI:
        raise ValidationError(
            "status", _("Verify and dispose the complaint before recording follow-up.")
        )
    if when < complaint.received_at:
        raise ValidationError(
            "posted_at", _("Follow-up date cannot be before the complaint was received.")
        )
    follow_up = FollowUp(
        complaint_id=complaint.id,
        unit_id=unit_id,
        kind=kind.value,
        posted_at=when,
        text=text,
        created_by=actor.display_name,
    )
    session.add(follow_up)
    target = FOLLOW_UP_TARGET[kind]
    reason = note if note is not None else text[:200]
    if target is not status:
        move_status(session, complaint, target, actor, when, reason, origin)
    elif note is not None:
        record_history(session, complaint, status, actor, when, note, origin)
    return follow_up


def require_units(unit_ids: Sequence[int]) -> None:
    """At least one unit, none twice (checked before any database work)."""
    if not unit_ids:
        raise ValidationError("units", _("Choose at least one unit."))
    if len(set(unit_ids)) != len(unit_ids):
        raise ValidationError("units", _("A unit is chosen twice."))
