"""Actions on one or many complaints that can be taken back: dispose, follow up, status, urgency.

Every call reports what it did to each complaint as an :class:`Undoable`; :meth:`undo` reverses
those and says so in the complaint's history (origin ``"undo"``): a disposition is withdrawn, not
deleted. Bulk calls run in one transaction with a savepoint per complaint, so a complaint that
cannot take the action is reported by tracking id while the others go through.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from lapor_desk.domain import validation as v
from lapor_desk.domain.actor import Actor, Clock
from lapor_desk.domain.enums import FollowUpKind, InternalStatus
from lapor_desk.domain.errors import ValidationError
from lapor_desk.domain.formatting import fmt_date
from lapor_desk.i18n import _
from lapor_desk.models import Complaint, Unit
from lapor_desk.services.action_runner import (
    ActionKind,
    ActionResult,
    Failure,
    Prepare,
    ProgressCallback,
    StatusSnapshot,
    Step,
    Undoable,
    run_steps,
    snapshot,
    undo_step,
)
from lapor_desk.services.complaint_changes import (
    active_units,
    add_dispositions,
    add_follow_up,
    flush_or_conflict,
    follow_up_time,
    move_status,
    require_units,
)
from lapor_desk.services.settings import SettingsService

__all__ = [
    "ActionKind",
    "ActionResult",
    "ComplaintActionsService",
    "Failure",
    "ProgressCallback",
    "StatusSnapshot",
    "Undoable",
]


def _excerpt(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class ComplaintActionsService:
    """Dispose, follow up, change status and mark urgent, for one complaint or a selection."""

    def __init__(
        self, factory: sessionmaker[Session], clock: Clock, settings: SettingsService
    ) -> None:
        self._factory = factory
        self._clock = clock
        self._settings = settings

    def status_counts(self, complaint_ids: Sequence[int]) -> dict[InternalStatus, int]:
        """How many of the complaints are in each status (what a bulk status change offers)."""
        counts: dict[InternalStatus, int] = {}
        unique = sorted(set(complaint_ids))
        with self._factory() as session:
            for start in range(0, len(unique), 500):
                for status, count in session.execute(
                    select(Complaint.status, func.count())
                    .where(Complaint.id.in_(unique[start : start + 500]))
                    .group_by(Complaint.status)
                ):
                    key = InternalStatus(status)
                    counts[key] = counts.get(key, 0) + int(count)
        return counts

    # -- disposition ---------------------------------------------------------------------------

    def dispose(
        self,
        actor: Actor,
        complaint_id: int,
        unit_ids: Sequence[int],
        instruction: str = "",
        expected_version: int | None = None,
    ) -> ActionResult:
        """Hand one complaint to units (the first leads unless a lead exists); raises if refused."""
        return self._dispose(
            actor, [complaint_id], unit_ids, instruction, strict=True,
            expected_version=expected_version,
        )

    def bulk_dispose(
        self,
        actor: Actor,
        complaint_ids: Sequence[int],
        unit_ids: Sequence[int],
        instruction: str = "",
        progress: ProgressCallback | None = None,
    ) -> ActionResult:
        """Hand every selected complaint to units; refused complaints are listed, not fatal."""
        return self._dispose(
            actor, complaint_ids, unit_ids, instruction, strict=False, progress=progress
        )

    def _dispose(
        self,
        actor: Actor,
        complaint_ids: Sequence[int],
        unit_ids: Sequence[int],
        instruction: str,
        *,
        strict: bool,
        expected_version: int | None = None,
        progress: ProgressCallback | None = None,
    ) -> ActionResult:
        require_units(unit_ids)
        units: dict[int, Unit] = {}

        def prepare(session: Session, now: datetime) -> None:
            units.update(active_units(session, unit_ids, now.date()))

        def step(session: Session, complaint: Complaint, now: datetime) -> Undoable:
            before = snapshot(complaint)
            added = add_dispositions(session, complaint, units, actor, now, instruction)
            complaint.updated_at = now
            flush_or_conflict(session)
            return Undoable(
                ActionKind.DISPOSE,
                complaint.id,
                complaint.tracking_id,
                before,
                InternalStatus(complaint.status),
                _("disposition to {units}").format(
                    units=", ".join(unit.name for unit in units.values())
                ),
                disposition_ids=tuple(d.id for d in added),
            )

        return self._run(
            complaint_ids, step, strict=strict, prepare=prepare,
            expected_version=expected_version, progress=progress,
        )

    # -- follow-up -----------------------------------------------------------------------------

    def add_follow_up(
        self,
        actor: Actor,
        complaint_id: int,
        unit_id: int | None,
        kind: FollowUpKind,
        text: str,
        posted_at: datetime | None = None,
        expected_version: int | None = None,
    ) -> ActionResult:
        """Record a unit's follow-up; the status moves with it (Proses, Selesai, waiting)."""
        body = v.require_text(text, "text", _("Follow-up text"))
        now = self._clock()
        when = follow_up_time(posted_at, now)

        def prepare(session: Session, now: datetime) -> None:
            if unit_id is not None and session.get(Unit, unit_id) is None:
                raise ValidationError("unit", _("Unit not found."))

        def step(session: Session, complaint: Complaint, now: datetime) -> Undoable:
            before = snapshot(complaint)
            follow_up = add_follow_up(session, complaint, unit_id, kind, body, actor, when)
            complaint.updated_at = now
            flush_or_conflict(session)
            return Undoable(
                ActionKind.FOLLOW_UP,
                complaint.id,
                complaint.tracking_id,
                before,
                InternalStatus(complaint.status),
                _("follow-up of {date} “{text}”").format(
                    date=fmt_date(when.date()), text=_excerpt(body)
                ),
                follow_up_id=follow_up.id,
            )

        return self._run(
            [complaint_id], step, strict=True, prepare=prepare,
            expected_version=expected_version,
        )

    # -- status --------------------------------------------------------------------------------

    def change_status(
        self,
        actor: Actor,
        complaint_id: int,
        target: InternalStatus,
        reason: str | None = None,
        expected_version: int | None = None,
    ) -> ActionResult:
        """Move one complaint to ``target`` if the lifecycle allows it; raises if not."""
        return self._run(
            [complaint_id], self._status_step(actor, target, reason), strict=True,
            expected_version=expected_version,
        )

    def bulk_change_status(
        self,
        actor: Actor,
        complaint_ids: Sequence[int],
        target: InternalStatus,
        reason: str | None = None,
        progress: ProgressCallback | None = None,
    ) -> ActionResult:
        """Move every selected complaint that may move to ``target``; the rest are listed."""
        return self._run(
            complaint_ids, self._status_step(actor, target, reason), strict=False,
            progress=progress,
        )

    @staticmethod
    def _status_step(actor: Actor, target: InternalStatus, reason: str | None) -> Step:
        cleaned = (reason or "").strip() or None

        def step(session: Session, complaint: Complaint, now: datetime) -> Undoable:
            before = snapshot(complaint)
            move_status(session, complaint, target, actor, now, cleaned)
            complaint.updated_at = now
            flush_or_conflict(session)
            return Undoable(
                ActionKind.STATUS,
                complaint.id,
                complaint.tracking_id,
                before,
                target,
                _("status change to “{target}”").format(target=target.label),
            )

        return step

    # -- urgency -------------------------------------------------------------------------------

    def mark_urgent(
        self,
        actor: Actor,
        complaint_id: int,
        urgent: bool,
        reason: str = "",
        expected_version: int | None = None,
    ) -> ActionResult:
        """Flag the complaint urgent (a reason is required) or clear the flag."""
        cleaned = v.require_text(reason, "reason", _("Reason")) if urgent else None

        def step(session: Session, complaint: Complaint, now: datetime) -> Undoable:
            before = (complaint.urgent, complaint.urgent_reason)
            complaint.urgent = urgent
            complaint.urgent_reason = cleaned
            complaint.updated_at = now
            flush_or_conflict(session)
            return Undoable(
                ActionKind.URGENT,
                complaint.id,
                complaint.tracking_id,
                snapshot(complaint),
                InternalStatus(complaint.status),
                _("urgent flag “{reason}”").format(reason=cleaned)
                if urgent
                else _("removal of the urgent flag"),
                urgent_before=before,
            )

        return self._run(
            [complaint_id], step, strict=True, expected_version=expected_version
        )
    # -- undo ----------------------------------------------------------------------------------

    def undo(
        self,
        actor: Actor,
        done: Sequence[Undoable],
        progress: ProgressCallback | None = None,
    ) -> ActionResult:
        """Take back ``done`` (newest first), each recorded in its complaint's history.

        A complaint changed since the action (another status, a withdrawn disposition, a deleted
        follow-up) is left alone and listed as a failure; ``result.done`` holds what was undone.
        """
        steps = [(r.complaint_id, undo_step(actor, r)) for r in reversed(done)]
        return run_steps(
            self._factory, self._clock, self._settings, steps, strict=False, progress=progress
        )

    def _run(
        self,
        complaint_ids: Sequence[int],
        step: Step,
        *,
        strict: bool,
        prepare: Prepare | None = None,
        expected_version: int | None = None,
        progress: ProgressCallback | None = None,
    ) -> ActionResult:
        if not complaint_ids:
            raise ValidationError("complaints", _("Select at least one complaint."))
        unique = list(dict.fromkeys(complaint_ids))
        return run_steps(
            self._factory, self._clock, self._settings, [(i, step) for i in unique],
            strict=strict, prepare=prepare, expected_version=expected_version, progress=progress,
        )
