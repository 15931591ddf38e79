"""Undo and redo of complaint actions: one QUndoCommand per action, over the actions service.

An action runs before its command is pushed, so a refused action never enters the stack; the
redo() that ``QUndoStack.push`` makes at once is therefore skipped. Undo asks the service to take
the action back (recorded in each complaint's history); redo performs it again on the complaints
that were undone. A command that can no longer be undone or redone at all drops off the stack.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QApplication

from lapor_desk.domain.actor import Actor
from lapor_desk.domain.enums import FollowUpKind, InternalStatus
from lapor_desk.domain.errors import LaporError
from lapor_desk.domain.formatting import fmt_int
from lapor_desk.i18n import _, ngettext
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.changes import Changes
from lapor_desk.services.complaint_actions import ActionResult, ProgressCallback, Undoable
from lapor_desk.ui.workers import Progress, wait_with_progress

#: Shows the user what went wrong: a refused call, or a result with refused complaints.
Reporter = Callable[[ActionResult | LaporError], None]
#: Tells the open screens what changed (``AppEvents.emit_changes`` or a wrapper of it).
Announcer = Callable[[Changes], None]


#: Undoing or redoing more complaints than this runs on a worker behind a progress dialog.
IN_PLACE_UP_TO = 50


def _run(count: int, title: str, label: str,
         call: Callable[[ProgressCallback | None], ActionResult]) -> ActionResult:
    """``call`` in place for a few complaints; for more, on a worker while the window paints.

    QUndoCommand's undo() and redo() must have finished when they return, so the caller
    waits, in a local event loop (about a second per thousand complaints).
    """
    if count <= IN_PLACE_UP_TO:
        return call(None)

    def work(progress: Progress) -> ActionResult:
        return call(lambda done, total: progress.report(done, total))

    return wait_with_progress(QApplication.activeWindow(), title, label.format(n=fmt_int(count)),
                              work)


class ComplaintCommand(QUndoCommand):
    """An action already performed once; subclasses say how to perform it again."""

    def __init__(
        self,
        text: str,
        services: Services,
        actor: Actor,
        announce: Announcer,
        result: ActionResult,
        report: Reporter,
    ) -> None:
        super().__init__(text)
        self._services = services
        self._actor = actor
        self._announce = announce
        self._report = report
        self._done: tuple[Undoable, ...] = result.done
        self._undone: tuple[Undoable, ...] = ()
        self._pushed = False

    @property
    def done(self) -> tuple[Undoable, ...]:
        """What the latest run of the action did, per complaint."""
        return self._done

    def redo(self) -> None:
        """Perform the action again (the first call, from ``push``, is the original run)."""
        if not self._pushed:
            self._pushed = True
            return
        ids = [record.complaint_id for record in self._undone]
        try:
            result = _run(len(ids), _("Redoing…"), ngettext(
                "Performing the action again on {n} complaint…",
                "Performing the action again on {n} complaints…", len(ids)),
                lambda report: self._perform(ids, report))
        except LaporError as error:
            self.setObsolete(True)
            self._report(error)
            return
        self._done, self._undone = result.done, ()
        self._announce(result.changes)
        if result.failures:
            self._report(result)
        if not result.done:
            self.setObsolete(True)

    def undo(self) -> None:
        """Take the action back on every complaint it still can be taken back on."""
        done = self._done
        try:
            result = _run(len(done), _("Undoing…"), ngettext(
                "Taking the action back on {n} complaint…",
                "Taking the action back on {n} complaints…", len(done)),
                lambda report: self._services.actions.undo(self._actor, done, report))
        except LaporError as error:
            self.setObsolete(True)
            self._report(error)
            return
        self._undone, self._done = result.done, ()
        self._announce(result.changes)
        if result.failures:
            self._report(result)
        if not result.done:
            self.setObsolete(True)

    def _perform(
        self, complaint_ids: Sequence[int], progress: ProgressCallback | None
    ) -> ActionResult:
        """Perform the action on ``complaint_ids`` (reporting to ``progress`` if many)."""
        raise NotImplementedError


class DisposeCommand(ComplaintCommand):
    """Disposition of one or more complaints to units."""

    def __init__(
        self, text: str, services: Services, actor: Actor, announce: Announcer,
        result: ActionResult, report: Reporter, unit_ids: Sequence[int], instruction: str,
    ) -> None:
        super().__init__(text, services, actor, announce, result, report)
        self._unit_ids = list(unit_ids)
        self._instruction = instruction

    def _perform(
        self, complaint_ids: Sequence[int], progress: ProgressCallback | None
    ) -> ActionResult:
        actions = self._services.actions
        if len(complaint_ids) == 1:
            return actions.dispose(
                self._actor, complaint_ids[0], self._unit_ids, self._instruction
            )
        return actions.bulk_dispose(self._actor, complaint_ids, self._unit_ids,
                                    self._instruction, progress=progress)


class StatusCommand(ComplaintCommand):
    """A status change of one or more complaints."""

    def __init__(
        self, text: str, services: Services, actor: Actor, announce: Announcer,
        result: ActionResult, report: Reporter, target: InternalStatus, reason: str,
    ) -> None:
        super().__init__(text, services, actor, announce, result, report)
        self._target = target
        self._reason = reason

    def _perform(
        self, complaint_ids: Sequence[int], progress: ProgressCallback | None
    ) -> ActionResult:
        actions = self._services.actions
        if len(complaint_ids) == 1:
            return actions.change_status(
                self._actor, complaint_ids[0], self._target, self._reason
            )
        return actions.bulk_change_status(
            self._actor, complaint_ids, self._target, self._reason, progress=progress
        )


class FollowUpCommand(ComplaintCommand):
    """A follow-up recorded on one complaint."""

    def __init__(
        self, text: str, services: Services, actor: Actor, announce: Announcer,
        result: ActionResult, report: Reporter, unit_id: int | None, kind: FollowUpKind,
        body: str, posted_at: datetime,
    ) -> None:
        super().__init__(text, services, actor, announce, result, report)
        self._unit_id = unit_id
        self._kind = kind
        self._body = body
        self._posted_at = posted_at

    def _perform(
        self, complaint_ids: Sequence[int], progress: ProgressCallback | None
    ) -> ActionResult:
        return self._services.actions.add_follow_up(
            self._actor, complaint_ids[0], self._unit_id, self._kind, self._body,
            posted_at=self._posted_at,
        )


class UrgentCommand(ComplaintCommand):
    """The urgent flag set or cleared on one complaint."""

    def __init__(
        self, text: str, services: Services, actor: Actor, announce: Announcer,
        result: ActionResult, report: Reporter, urgent: bool, reason: str,
    ) -> None:
        super().__init__(text, services, actor, announce, result, report)
        self._urgent = urgent
        self._reason = reason

    def _perform(
        self, complaint_ids: Sequence[int], progress: ProgressCallback | None
    ) -> ActionResult:
        return self._services.actions.mark_urgent(
            self._actor, complaint_ids[0], self._urgent, self._reason
        )
