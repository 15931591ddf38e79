"""The complaint actions as the user starts them: dialog, service call, undo entry, report.

One controller serves the detail pane (one complaint) and the register's selection (bulk). A
selection of more than one complaint runs on a worker behind a progress dialog with Cancel;
cancelling rolls the whole action back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from lapor_desk.domain.actor import Actor
from lapor_desk.domain.errors import LaporError
from lapor_desk.i18n import _, ngettext
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.changes import Changes
from lapor_desk.services.complaint_actions import ActionResult
from lapor_desk.ui.dialogs.dispose_dialog import DisposeDialog
from lapor_desk.ui.dialogs.follow_up_dialog import FollowUpDialog
from lapor_desk.ui.dialogs.status_dialog import StatusDialog
from lapor_desk.ui.dialogs.urgent_dialog import UrgentDialog
from lapor_desk.ui.errors import show_error
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.undo import (
    ComplaintCommand,
    DisposeCommand,
    FollowUpCommand,
    StatusCommand,
    UrgentCommand,
)
from lapor_desk.ui.workers import Progress, Worker, run_with_progress, waiting

#: Failures listed by name in a report; the rest are counted.
_LISTED_FAILURES = 30


class ComplaintActions(QObject):
    """Opens the action dialogs and turns accepted dialogs into undoable service calls."""

    #: An action (or its undo/redo) finished: its ActionResult.
    action_finished = Signal(object)
    #: A short confirmation for the status bar.
    message_posted = Signal(str)

    def __init__(
        self,
        services: Services,
        events: AppEvents,
        actor: Actor,
        undo_stack: QUndoStack,
        parent_widget: QWidget,
    ) -> None:
        super().__init__(parent_widget)
        self._services = services
        self._events = events
        self._actor = actor
        self.undo_stack = undo_stack
        self._parent = parent_widget
        #: The dialog currently open (tests and the screenshots reach it here).
        self.dialog: QDialog | None = None
        #: The last report of refused complaints or errors shown to the user.
        self.report_box: QMessageBox | None = None
        self.worker: Worker | None = None
        #: True while this controller tells the screens about its own changes.
        self.announcing = False

    # -- starting actions ----------------------------------------------------------------------

    def dispose(self, complaint_ids: Sequence[int]) -> None:
        """Ask for units and an instruction, then dispose the complaints."""
        if self._refused_while_busy():
            return
        ids = list(complaint_ids)
        if not ids:
            return
        choices = self._services.intake.choices()
        already: set[int] = set()
        keeps_lead = False
        version: int | None = None  # the version the user saw, for a single complaint
        if len(ids) == 1:
            detail = self._services.register.get(ids[0])
            active = [d for d in detail.dispositions if d.withdrawn_at is None]
            already = {d.unit_id for d in active}
            keeps_lead = any(d.is_lead for d in active)
            version = detail.row.version
        dialog = DisposeDialog(
            choices.units, count=len(ids), already=already, keeps_lead=keeps_lead,
            parent=self._parent,
        )

        def accepted() -> None:
            units, instruction = dialog.unit_ids(), dialog.instruction_text()
            text = self._caption(_("Disposition"), ids)
            actions = self._services.actions

            def make(result: ActionResult) -> ComplaintCommand:
                return DisposeCommand(
                    text, self._services, self._actor, self.announce, result, self.report,
                    units, instruction,
                )

            if len(ids) == 1:
                self._run_now(
                    lambda: actions.dispose(
                        self._actor, ids[0], units, instruction, expected_version=version
                    ),
                    make,
                )
            else:
                self._run_bulk(
                    _("Disposing complaints…"),
                    lambda progress: actions.bulk_dispose(
                        self._actor, ids, units, instruction,
                        progress=self._reporter(progress, _("Disposing complaints…")),
                    ),
                    make,
                )

        self._open(dialog, accepted)

    def follow_up(self, complaint_id: int) -> None:
        """Ask for a unit's follow-up on one complaint and record it."""
        if self._refused_while_busy():
            return
        detail = self._services.register.get(complaint_id)
        lead = next(
            (d.unit_id for d in detail.dispositions if d.withdrawn_at is None and d.is_lead),
            None,
        )
        dialog = FollowUpDialog(
            self._services.intake.choices().units,
            default_unit_id=lead,
            first=not detail.follow_ups,
            received_at=detail.row.received_at,
            now=self._services.intake.now(),
            current=detail.row.status,
            parent=self._parent,
        )

        def accepted() -> None:
            unit_id, kind = dialog.unit_id(), dialog.follow_up_kind()
            body, when = dialog.body(), dialog.when()
            self._run_now(
                lambda: self._services.actions.add_follow_up(
                    self._actor, complaint_id, unit_id, kind, body, posted_at=when,
                    expected_version=detail.row.version,
                ),
                lambda result: FollowUpCommand(
                    self._caption(_("Follow-up"), [complaint_id]), self._services,
                    self._actor, self.announce, result, self.report, unit_id, kind, body, when,
                ),
            )

        self._open(dialog, accepted)

    def change_status(self, complaint_ids: Sequence[int]) -> None:
        """Offer the statuses the lifecycle allows, then move the complaints."""
        if self._refused_while_busy():
            return
        ids = list(complaint_ids)
        if not ids:
            return
        version = self._services.register.get(ids[0]).row.version if len(ids) == 1 else None
        dialog = StatusDialog(self._services.actions.status_counts(ids), parent=self._parent)

        def accepted() -> None:
            target, reason = dialog.target_status(), dialog.reason_text()
            if target is None:
                return
            text = self._caption(
                _("Status “{status}”").format(status=target.label), ids
            )
            actions = self._services.actions

            def make(result: ActionResult) -> ComplaintCommand:
                return StatusCommand(
                    text, self._services, self._actor, self.announce, result, self.report,
                    target, reason,
                )

            if len(ids) == 1:
                self._run_now(
                    lambda: actions.change_status(
                        self._actor, ids[0], target, reason, expected_version=version
                    ),
                    make,
                )
            else:
                self._run_bulk(
                    _("Changing status…"),
                    lambda progress: actions.bulk_change_status(
                        self._actor, ids, target, reason,
                        progress=self._reporter(progress, _("Changing status…")),
                    ),
                    make,
                )

        self._open(dialog, accepted)

    def mark_urgent(self, complaint_id: int) -> None:
        """Set or clear the urgent flag of one complaint, with a reason."""
        if self._refused_while_busy():
            return
        detail = self._services.register.get(complaint_id)
        dialog = UrgentDialog(detail.row.urgent, detail.urgent_reason, parent=self._parent)

        def accepted() -> None:
            urgent, reason = dialog.is_urgent(), dialog.reason_text()
            self._run_now(
                lambda: self._services.actions.mark_urgent(
                    self._actor, complaint_id, urgent, reason,
                    expected_version=detail.row.version,
                ),
                lambda result: UrgentCommand(
                    self._caption(_("Urgent flag"), [complaint_id]), self._services,
                    self._actor, self.announce, result, self.report, urgent, reason,
                ),
            )

        self._open(dialog, accepted)

    def announce(self, changes: Changes) -> None:
        """Emit ``changes`` to every screen, with :attr:`announcing` set meanwhile."""
        self.announcing = True
        try:
            self._events.emit_changes(changes)
        finally:
            self.announcing = False

    # -- running -------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """True while a change runs on a worker: no other may start meanwhile.

        An action, an undo or a redo (or the undo stack waiting for one). Its progress dialog
        blocks the window only once it shows; until then a shortcut or a button of the detail
        pane could start another change of the same complaints.
        """
        return self.worker is not None or waiting()

    def _refused_while_busy(self) -> bool:
        if self.busy:
            self.message_posted.emit(_("Wait until the running action has finished."))
        return self.busy

    def _open(self, dialog: QDialog, accepted: Callable[[], None]) -> None:
        if self._refused_while_busy():
            dialog.deleteLater()
            return
        self.dialog = dialog
        dialog.accepted.connect(accepted)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _run_now(
        self,
        call: Callable[[], ActionResult],
        make: Callable[[ActionResult], ComplaintCommand],
    ) -> None:
        if self._refused_while_busy():
            return
        try:
            result = call()
        except LaporError as error:
            self.report(error)
            return
        self._finish(result, make)

    def _run_bulk(
        self,
        title: str,
        work: Callable[[Progress], ActionResult],
        make: Callable[[ActionResult], ComplaintCommand],
    ) -> None:
        def done(result: Any) -> None:
            self.worker = None
            self._finish(result, make)

        def failed(error: BaseException) -> None:
            self.worker = None
            show_error(self._parent, error)

        self.worker = run_with_progress(self._parent, title, work, done, failed)
        self.worker.cancelled.connect(self._on_worker_cancelled)

    def _on_worker_cancelled(self) -> None:
        self.worker = None
        self.message_posted.emit(_("Cancelled; nothing was changed."))

    # -- undo and redo -------------------------------------------------------------------------

    def undo(self) -> None:
        """Undo the newest action; a large one on a worker, with progress and Cancel."""
        self._step(undoing=True)

    def redo(self) -> None:
        """Redo the newest undone action; a large one on a worker, with progress and Cancel."""
        self._step(undoing=False)

    def _step(self, undoing: bool) -> None:
        if self._refused_while_busy():
            return
        stack = self.undo_stack
        move = stack.undo if undoing else stack.redo
        index = stack.index() - 1 if undoing else stack.index()
        command = stack.command(index) if 0 <= index < stack.count() else None
        if not isinstance(command, ComplaintCommand):
            move()  # nothing to undo or redo (or a command of another kind)
            return
        step = command.step(undoing)
        if not step.large:
            # A few complaints: here and now, but also before the stack moves, so that a
            # failure (a locked or full register) leaves the stack where it was.
            try:
                outcome: ActionResult | LaporError = step.work(None)
            except LaporError as error:
                outcome = error  # reported, and the command leaves the stack, as below
            except Exception as error:  # shown and logged; the step can be tried again
                show_error(self._parent, error)
                return
            command.hand_over(outcome, undoing)
            move()
            return

        def work(progress: Progress) -> ActionResult:
            return step.work(self._reporter(progress, step.text))

        def done(result: Any) -> None:
            self.worker = None
            command.hand_over(result, undoing)
            move()  # the stack moves only now, and applies the result

        def failed(error: BaseException) -> None:
            self.worker = None
            if isinstance(error, LaporError):
                command.hand_over(error, undoing)
                move()  # reported, and the command leaves the stack, as when run in place
            else:
                show_error(self._parent, error)

        # Shown at once: the window takes no input until the stack has moved.
        self.worker = run_with_progress(self._parent, step.title, work, done, failed,
                                        show_after_ms=0)
        self.worker.cancelled.connect(self._on_worker_cancelled)

    @staticmethod
    def _reporter(progress: Progress, message: str) -> Callable[[int, int], None]:
        def report(done: int, total: int) -> None:
            progress.report(done, total, message)

        return report

    def _finish(
        self, result: ActionResult, make: Callable[[ActionResult], ComplaintCommand]
    ) -> None:
        if result.done:
            self.undo_stack.push(make(result))
        self.announce(result.changes)
        if result.failures:
            self.report(result)
        else:
            self.message_posted.emit(
                ngettext("{n} complaint changed.", "{n} complaints changed.", len(result.done))
                .format(n=len(result.done))
            )
        self.action_finished.emit(result)

    def _caption(self, action: str, ids: Sequence[int]) -> str:
        if len(ids) == 1:
            tracking = self._services.register.get(ids[0]).row.tracking_id
            return _("{action} {tracking}").format(action=action, tracking=tracking)
        return ngettext("{action}: {n} complaint", "{action}: {n} complaints", len(ids)).format(
            action=action, n=len(ids)
        )

    # -- reporting -----------------------------------------------------------------------------

    def report(self, outcome: ActionResult | LaporError) -> None:
        """Tell the user what was refused; a window they close, not a blocking one."""
        box = QMessageBox(self._parent)
        box.setWindowTitle(_("LAPOR Desk"))
        box.setIcon(QMessageBox.Icon.Warning)
        if isinstance(outcome, LaporError):
            box.setText(str(outcome))
        else:
            done, refused = len(outcome.done), len(outcome.failures)
            box.setText(
                _("{done} of {total} complaints changed; {refused} not:").format(
                    done=done, total=done + refused, refused=refused
                )
            )
            lines = [
                _("{tracking}: {message}").format(
                    tracking=f.tracking_id or f"#{f.complaint_id}", message=f.message
                )
                for f in outcome.failures[:_LISTED_FAILURES]
            ]
            if refused > _LISTED_FAILURES:
                lines.append(_("… and {n} more").format(n=refused - _LISTED_FAILURES))
            box.setInformativeText("\n".join(lines))
        if self.report_box is not None:
            self.report_box.deleteLater()
        self.report_box = box
        box.open()
