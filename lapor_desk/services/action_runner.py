"""The records of undoable actions, the per-complaint runner, and the honest undo of one action.

The runner applies one step per complaint inside one transaction: strictly (the first refusal
raises) for a single complaint, or with a savepoint per complaint for a selection, where a refused
complaint becomes a :class:`Failure` and the others go through. A progress callback that raises
(the user cancelled) rolls the whole transaction back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from lapor_desk.domain.actor import Actor, Clock
from lapor_desk.domain.enums import InternalStatus
from lapor_desk.domain.errors import ConcurrentEdit, LaporError
from lapor_desk.i18n import _
from lapor_desk.models import Complaint, Disposition, FollowUp, StatusChange
from lapor_desk.services.changes import Changes
from lapor_desk.services.complaint_changes import flush_or_conflict, load_complaint
from lapor_desk.services.deadlines import refresh_deadlines_for
from lapor_desk.services.settings import SettingsService

#: Called with (complaints done, complaints in total); raising from it cancels the whole call.
ProgressCallback = Callable[[int, int], None]
_CHUNK = 500  # ids per IN (...) query: far below every database's parameter limit


class ActionKind(StrEnum):
    """What an undoable action did."""

    DISPOSE = "dispose"
    FOLLOW_UP = "follow_up"
    STATUS = "status"
    URGENT = "urgent"


@dataclass(frozen=True, slots=True)
class StatusSnapshot:
    """The status fields of a complaint before an action, restored by its undo."""

    status: InternalStatus
    status_reason: str | None
    verified_at: datetime | None
    completed_at: datetime | None


@dataclass(frozen=True, slots=True)
class Undoable:
    """What one action did to one complaint: enough to take it back honestly."""

    kind: ActionKind
    complaint_id: int
    tracking_id: str
    before: StatusSnapshot
    after_status: InternalStatus
    description: str
    disposition_ids: tuple[int, ...] = ()
    follow_up_id: int | None = None
    urgent_before: tuple[bool, str | None] | None = None


@dataclass(frozen=True, slots=True)
class Failure:
    """A complaint the action was refused for, and why, in the user's language."""

    complaint_id: int
    tracking_id: str | None
    message: str


@dataclass(frozen=True, slots=True)
class ActionResult:
    """What a call did (per complaint), what it could not do, and what screens must refresh."""

    changes: Changes
    done: tuple[Undoable, ...]
    failures: tuple[Failure, ...] = ()


#: One complaint's part of an action, inside the caller's transaction.
Step = Callable[[Session, Complaint, datetime], Undoable]
#: Checks made once per call (units exist, ...) before any complaint is touched.
Prepare = Callable[[Session, datetime], None]


def snapshot(complaint: Complaint) -> StatusSnapshot:
    """The complaint's status fields as they are now."""
    return StatusSnapshot(
        InternalStatus(complaint.status),
        complaint.status_reason,
        complaint.verified_at,
        complaint.completed_at,
    )


def run_steps(
    factory: sessionmaker[Session],
    clock: Clock,
    settings: SettingsService,
    steps: Sequence[tuple[int, Step]],
    *,
    strict: bool,
    prepare: Prepare | None = None,
    expected_version: int | None = None,
    progress: ProgressCallback | None = None,
) -> ActionResult:
    """Apply each (complaint id, step) in one transaction; see the module docstring."""
    now = clock()
    done: list[Undoable] = []
    failures: list[Failure] = []
    with factory.begin() as session:
        if prepare is not None:
            prepare(session, now)
        # Held in a local: the session's identity map keeps only weak references.
        loaded = _preload(session, [complaint_id for complaint_id, _step in steps])
        for position, (complaint_id, step) in enumerate(steps, start=1):
            tracking: str | None = None
            try:
                complaint = load_complaint(session, complaint_id, expected_version)
                tracking = complaint.tracking_id
                if strict:
                    done.append(step(session, complaint, now))
                else:
                    with session.begin_nested():
                        done.append(step(session, complaint, now))
            except LaporError as error:
                if strict:
                    raise
                failures.append(Failure(complaint_id, tracking, str(error)))
            if progress is not None:
                progress(position, len(steps))
        del loaded
        changed = frozenset(r.complaint_id for r in done)
        if changed:
            refresh_deadlines_for(session, settings, changed)
    changes = Changes(complaints=changed)
    return ActionResult(changes, tuple(done), tuple(failures))


def _preload(session: Session, complaint_ids: Sequence[int]) -> list[Complaint]:
    # One query per chunk fills the identity map, so the loop's lookups cost nothing.
    loaded: list[Complaint] = []
    for start in range(0, len(complaint_ids), _CHUNK):
        chunk = complaint_ids[start : start + _CHUNK]
        loaded.extend(
            session.scalars(
                select(Complaint)
                .where(Complaint.id.in_(chunk))
                .options(selectinload(Complaint.dispositions))
            )
        )
    return loaded


def undo_step(actor: Actor, record: Undoable) -> Step:
    """The step that takes ``record`` back and writes it into the complaint's history."""

    def step(session: Session, complaint: Complaint, now: datetime) -> Undoable:
        current = InternalStatus(complaint.status)
        if current is not record.after_status:
            raise ConcurrentEdit(
                _(
                    "Complaint {tracking} has changed since: its status is now “{status}”. "
                    "It was not undone."
                ).format(tracking=record.tracking_id, status=current.label)
            )
        if record.kind is ActionKind.DISPOSE:
            for disposition_id in record.disposition_ids:
                row = session.get(Disposition, disposition_id)
                if row is None or row.withdrawn_at is not None:
                    raise ConcurrentEdit(
                        _("The disposition of complaint {tracking} was already withdrawn.").format(
                            tracking=record.tracking_id
                        )
                    )
                row.withdrawn_at = now  # withdrawn, not deleted: the hand-over stays on record
        elif record.kind is ActionKind.FOLLOW_UP:
            follow_up = session.get(FollowUp, record.follow_up_id)
            if follow_up is None:
                raise ConcurrentEdit(
                    _("The follow-up of complaint {tracking} no longer exists.").format(
                        tracking=record.tracking_id
                    )
                )
            session.delete(follow_up)
        elif record.kind is ActionKind.URGENT and record.urgent_before is not None:
            complaint.urgent, complaint.urgent_reason = record.urgent_before
        before = record.before
        if before.status is not current:
            # Undo restores the earlier state as it was: the lifecycle's allowed moves are for
            # new decisions, and the reverse of an allowed move often is not one.
            complaint.status = before.status.value
            complaint.status_reason = before.status_reason
            complaint.verified_at = before.verified_at
            complaint.completed_at = before.completed_at
        # Always one history row; when the status stays, it is a note (from = to), which the
        # timelines do not take for a pause edge of the SLA clock.
        session.add(
            StatusChange(
                complaint_id=complaint.id,
                changed_at=now,
                from_status=current.value,
                to_status=before.status.value,
                reason=_("Undone: {action}").format(action=record.description),
                changed_by=actor.display_name,
                origin="undo",
            )
        )
        complaint.updated_at = now
        flush_or_conflict(session)
        return record

    return step
