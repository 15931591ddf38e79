"""The main window's complaint commands: new complaint, actions on the selection, undo and redo.

Installed by the main window over its register view: puts the detail pane beside the table,
adds the Edit and Complaint menus and a toolbar, and owns the one undo stack of the window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow

from lapor_desk.domain.actor import Actor
from lapor_desk.domain.enums import Role
from lapor_desk.i18n import _
from lapor_desk.services.bootstrap import Services
from lapor_desk.ui.actions import ComplaintActions
from lapor_desk.ui.dialogs.complaint_form import ComplaintForm
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.views.complaint_detail import ComplaintDetailPane
from lapor_desk.ui.views.register_view import RegisterView


class ComplaintMenus(QObject):
    """Menus, toolbar and shortcuts of the complaint actions, wired to the register's selection."""

    def __init__(
        self,
        window: QMainWindow,
        services: Services,
        events: AppEvents,
        actor: Actor,
        register: RegisterView,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._services = services
        self._events = events
        self._actor = actor
        self._register = register
        self._selection: list[int] = []
        self.form: ComplaintForm | None = None
        self.undo_stack = QUndoStack(window)
        self.actions = ComplaintActions(services, events, actor, self.undo_stack, window)
        self.detail = ComplaintDetailPane(services, events, actor, actions=self.actions)
        register.set_detail_widget(self.detail)
        register.complaint_selected.connect(self._on_register_complaint_selected)
        register.selection_changed.connect(self._on_register_selection_changed)
        self.actions.message_posted.connect(self._on_actions_message_posted)

        # The stack's own actions keep their text and state; triggering them goes through the
        # actions controller, which runs a large undo or redo on a worker with Cancel.
        self.undo_action = self.undo_stack.createUndoAction(window, _("Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.disconnect()
        self.undo_action.triggered.connect(self.actions.undo)
        self.redo_action = self.undo_stack.createRedoAction(window, _("Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.triggered.disconnect()
        self.redo_action.triggered.connect(self.actions.redo)
        self.new_action = QAction(_("New complaint…"), window)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_action.setToolTip(_("Enter a letter, phone call or walk-in (Ctrl+N)"))
        self.new_action.triggered.connect(self.open_form)
        self.dispose_action = QAction(_("Dispose selected…"), window)
        self.dispose_action.setShortcut(QKeySequence("Ctrl+D"))
        self.dispose_action.triggered.connect(self._on_dispose_triggered)
        self.status_action = QAction(_("Change status of selected…"), window)
        self.status_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.status_action.triggered.connect(self._on_status_triggered)
        # Beside a 1024-pixel-wide table the detail pane leaves it about 390 pixels: it can go.
        self.detail_action = QAction(_("Detail pane"), window)
        self.detail_action.setCheckable(True)
        self.detail_action.setChecked(True)
        self.detail_action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.detail_action.setToolTip(_("Show or hide the detail pane beside the register "
                                        "(Ctrl+Shift+D)"))
        self.detail_action.toggled.connect(register.detail_slot.setVisible)
        changing = (self.new_action, self.dispose_action, self.status_action)
        if actor.role is Role.AUDITOR:  # APIP reads everything and changes nothing
            for action in changing:
                action.setVisible(False)

        edit = window.menuBar().addMenu(_("&Edit"))
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        menu = window.menuBar().addMenu(_("&Complaint"))
        for action in changing:
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.detail_action)
        toolbar = window.addToolBar(_("Complaints"))
        toolbar.setObjectName("complaintToolbar")
        toolbar.setMovable(False)
        for action in changing:
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.undo_action)
        toolbar.addAction(self.redo_action)
        toolbar.addSeparator()
        toolbar.addAction(self.detail_action)
        self._on_register_selection_changed([])

    def open_form(self) -> ComplaintForm:
        """Open the new-complaint form (or bring the open one forward)."""
        if self.form is None:
            self.form = ComplaintForm(self._services, self._events, self._actor, self._window)
            self.form.complaint_saved.connect(self._on_complaint_saved)
            self.form.finished.connect(self._on_form_finished)
            self.form.show()
        else:
            self.form.raise_()  # already open behind the window: bring it forward
        self.form.activateWindow()
        return self.form

    def _on_complaint_saved(self, complaint_id: int, note: str) -> None:
        # The toolbar acts on the table's selection: the new complaint's row, or nothing when
        # the filter does not show it, never the row selected before.
        self._register.select_complaint(complaint_id)
        self.detail.show_complaint(complaint_id)
        self._window.statusBar().showMessage(note, 8000)

    def _on_form_finished(self, _result: int) -> None:
        if self.form is not None:
            self.form.deleteLater()
            self.form = None

    def _on_register_complaint_selected(self, complaint_id: int) -> None:
        if complaint_id == 0 and self.actions.announcing:
            # The table refreshed after our own action and lost the row (it may no longer
            # match the filter): keep showing the complaint the user is working on.
            return
        self.detail.show_complaint(complaint_id)

    def _on_register_selection_changed(self, ids: list[int]) -> None:
        self._selection = list(ids)
        self.dispose_action.setEnabled(bool(ids))
        self.status_action.setEnabled(bool(ids))

    def _on_dispose_triggered(self) -> None:
        self.actions.dispose(self._selection)

    def _on_status_triggered(self) -> None:
        self.actions.change_status(self._selection)

    def _on_actions_message_posted(self, text: str) -> None:
        self._window.statusBar().showMessage(text, 8000)
