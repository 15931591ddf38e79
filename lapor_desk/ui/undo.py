"""Undo and redo of complaint actions: one QUndoCommand per action, over the actions service.

An action runs before its command is pushed, so a refused action never enters the stack; the
redo() that ``QUndoStack.push`` makes at once is therefore skipped. Undo asks the service to take
the action back (recorded in each complaint's history); redo performs it again on the complaints
that were undone. A command that can no longer be undone or redone at all drops off the stack.

More than :data:`IN_PLACE_UP_TO` complaints are undone or redone on a worker. From the menu and
its shortcuts (``ComplaintActions.undo``/``redo``) the work runs first, with progress and
Cancel, and the stack moves only when it is done; called by the stack itself, the command
waits for the worker while the window paints (:meth:`Step.run_here`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class Step:
    """An undo or redo to run: how many complaints, what the progress dialog says, the work."""

    count: int
    title: str
    #: With ``{n}``, the number of complaints.
    label: str
    work: Callable[[ProgressCallback | None], ActionResult]

    @property
    def large(self) -> bool:
        """Too many complaints to run in place on the GUI thread."""
        return self.count > IN_PLACE_UP_TO

    @property
    def text(self) -> str:
        """The progress dialog's label."""
        return self.label.format(n=fmt_int(self.count))

    def run_here(self) -> ActionResult:
        """Run now; a large step on a worker, waiting while the window paints.

        For an undo() or redo() called by the stack itself (``QUndoStack.undo`` in code, an
        undo view): QUndoCommand must have finished when it returns, so there is no Cancel.
        """
        if not self.large:
            return self.work(None)

        def work(progress: Progress) -> ActionResult:
            return self.work(lambda done, total: progress.report(done, total))

        return wait_with_progress(QApplication.activeWindow(), self.title, self.text, work)


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
        #: An outcome computed before the stack's call, and whether it is an undo's.
        self._ready: tuple[ActionResult | LaporError, bool] | None = None

    @property
    def done(self) -> tuple[Undoable, ...]:
        """What the latest run of the action did, per complaint."""
        return self._done

    def step(self, undoing: bool) -> Step:
        """The work of the next undo (or redo), for a caller that runs it before the stack call.

        A large undo is started from the menu on a worker, with progress and Cancel, and only
        when it succeeded does the stack move (:meth:`hand_over`, then ``QUndoStack.undo``):
        a cancelled one leaves both the register and the stack as they were.
        """
        if undoing:
            done = self._done
            return Step(len(done), _("Undoing…"), ngettext(
                "Taking the action back on {n} complaint…",
                "Taking the action back on {n} complaints…", len(done)),
                lambda report: self._services.actions.undo(self._actor, done, report))
        ids = [record.complaint_id for record in self._undone]
        return Step(len(ids), _("Redoing…"), ngettext(
            "Performing the action again on {n} complaint…",
            "Performing the action again on {n} complaints…", len(ids)),
            lambda report: self._perform(ids, report))

    def hand_over(self, outcome: ActionResult | LaporError, undoing: bool) -> None:
        """The outcome of :meth:`step`'s work, for the stack's next undo() (or redo()) to apply."""
        self._ready = (outcome, undoing)

    def _outcome(self, undoing: bool) -> ActionResult:
        ready, self._ready = self._ready, None
        if ready is None or ready[1] != undoing:
            return self.step(undoing).run_here()
        if isinstance(ready[0], LaporError):
            raise ready[0]
        return ready[0]

    def redo(self) -> None:
        """Perform the action again (the first call, from ``push``, is the original run)."""
        if not self._pushed:
            self._pushed = True
            return
        try:
            result = self._outcome(undoing=False)
        except LaporError as error:
            self.setObsolete(True)
            self._report(error)
            return
        self._done, self._undone = result.done, ()
        self._finish(result)

    def undo(self) -> None:
        """Take the action back on every complaint it still can be taken back on."""
        try:
            result = self._outcome(undoing=True)
        except LaporError as error:
            self.setObsolete(True)
            self._report(error)
            return
        self._undone, self._done = result.done, ()
        self._finish(result)

    def _finish(self, result: ActionResult) -> None:
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
