"""Meeting mode's action items: the ones agreed under the item, a form to add or correct one.

While the meeting is in session an action agreed by mistake can be corrected (Enter on the list,
or "Edit") or deleted (Delete on the list); once the meeting is closed the list is the record.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.domain.actor import Actor
from lapor_desk.domain.formatting import fmt_date
from lapor_desk.i18n import _
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.meeting_inputs import ActionItemInput
from lapor_desk.services.meeting_models import ActionItemRow, AgendaItemDetail, UnitRef
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.views.meetings.common import call_service, compact, form_error

DEFAULT_DUE_WORKDAYS = 5
_ID_ROLE = int(Qt.ItemDataRole.UserRole)


def action_text(action: ActionItemRow) -> str:
    """``Kirim jawaban — PUSDATIN, Budi, batas 28 Nov 2022``."""
    person = f", {action.person_in_charge}" if action.person_in_charge else ""
    due = _("due {date}").format(date=fmt_date(action.due_date))
    return f"{action.description} — {action.owner_unit}{person}, {due}"


class ActionPanel(QGroupBox):
    """The action items agreed under the item, and the form for a new or corrected one."""

    #: An action was added, corrected or deleted under the item shown.
    actions_changed = Signal()

    def __init__(
        self, services: Services, events: AppEvents, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Action items"), parent)
        self._services = services
        self._events = events
        self._actor = actor
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setMaximumHeight(90)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.itemActivated.connect(self._on_list_item_activated)
        self.edit_button = QPushButton(_("Edit"))
        self.edit_button.setToolTip(_("Enter on the list"))
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setToolTip(_("Delete on the list"))
        self.delete_button.clicked.connect(self.delete_current)
        delete_key = QShortcut(QKeySequence.StandardKey.Delete, self.list, self.delete_current)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.description = QLineEdit()
        self.description.setPlaceholderText(_("The agreed action (Enter adds it)"))
        self.description.returnPressed.connect(self.save)
        self.unit = QComboBox()
        compact(self.unit)
        self.person = QLineEdit()
        self.person.setPlaceholderText(_("Person in charge"))
        self.person.returnPressed.connect(self.save)
        self.due = QSpinBox()
        self.due.setRange(1, 250)
        self.due.setValue(DEFAULT_DUE_WORKDAYS)
        self.due.setSuffix(" " + _("working days"))
        self.complaint = QLabel()
        self.add_button = QPushButton(_("Add action"))
        self.add_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.clicked.connect(self.cancel_edit)
        self.cancel_button.hide()
        self.error = form_error()
        self.editing: int | None = None  # the action being corrected
        self._editable = True
        self._actions: dict[int, ActionItemRow] = {}
        self._item_id: int | None = None
        self._item_unit_id: int | None = None
        self._item_complaint: tuple[int | None, str] = (None, "")

        listed = QHBoxLayout()
        listed.addWidget(self.list, 1)
        list_buttons = QVBoxLayout()
        list_buttons.addWidget(self.edit_button)
        list_buttons.addWidget(self.delete_button)
        list_buttons.addStretch(1)
        listed.addLayout(list_buttons)
        form = QFormLayout()
        form.addRow(_("Action"), self.description)
        form.addRow(_("Owner unit"), self.unit)
        form.addRow(_("Person in charge"), self.person)
        form.addRow(_("Due in"), self.due)
        form.addRow(_("Complaint"), self.complaint)
        layout = QVBoxLayout(self)
        layout.addLayout(listed)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.error, 1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.add_button)
        layout.addLayout(row)

    def show_item(self, detail: AgendaItemDetail, units: Sequence[UnitRef]) -> None:
        """The item's actions; the owner defaults to the item's unit, the complaint to its own."""
        self.list.clear()
        self._actions = {a.id: a for a in detail.actions}
        for action in detail.actions:
            line = QListWidgetItem(action_text(action))
            line.setData(_ID_ROLE, action.id)
            self.list.addItem(line)
        self.unit.clear()
        for unit in units:
            self.unit.addItem(f"{unit.abbreviation} — {unit.name}", unit.id)
        self._item_id = detail.row.id
        self._item_unit_id = detail.row.unit_id
        complaint = detail.complaint
        self._item_complaint = (complaint.id, complaint.tracking_id) if complaint else (None, "")
        self.cancel_edit()
        self._update_list_buttons()

    def set_editable(self, editable: bool) -> None:
        """Offer the form only while the meeting is in session; the list stays readable."""
        for widget in (self.description, self.unit, self.person, self.due, self.add_button,
                       self.cancel_button):
            widget.setEnabled(editable)
        self._editable = editable
        self._update_list_buttons()

    def _update_list_buttons(self) -> None:
        enabled = self._editable and bool(self._actions)
        self.edit_button.setEnabled(enabled)
        self.delete_button.setEnabled(enabled)

    def current_id(self) -> int | None:
        """The action chosen in the list."""
        line = self.list.currentItem()
        return int(line.data(_ID_ROLE)) if line is not None else None

    def _on_list_item_activated(self, line: QListWidgetItem) -> None:
        del line
        self.edit_current()

    def edit_current(self) -> None:
        """Load the chosen action into the form to correct it."""
        action_id = self.current_id()
        if action_id is None or not self.edit_button.isEnabled():
            return
        action = self._actions[action_id]
        self.editing = action.id
        self.description.setText(action.description)
        self.unit.setCurrentIndex(max(0, self.unit.findData(action.owner_unit_id)))
        self.person.setText(action.person_in_charge)
        self.due.setValue(action.due_workdays)
        self.complaint.setText(action.tracking_id or _("none"))
        self.add_button.setText(_("Save changes"))
        self.cancel_button.show()
        self.error.hide()
        self.description.setFocus()
        self.description.selectAll()

    def cancel_edit(self) -> None:
        """Back to an empty form for a new action under the item."""
        self.editing = None
        if self._item_unit_id is not None:
            self.unit.setCurrentIndex(max(0, self.unit.findData(self._item_unit_id)))
        self.complaint.setText(self._item_complaint[1] or _("none"))
        self.description.clear()
        self.person.clear()
        self.due.setValue(DEFAULT_DUE_WORKDAYS)
        self.add_button.setText(_("Add action"))
        self.cancel_button.hide()
        self.error.hide()

    def save(self) -> None:
        """Agree the typed action under the item, or save the one being corrected."""
        if self._item_id is None or not self.add_button.isEnabled():
            return
        services, actor, data = self._services, self._actor, self.action()
        item_id, editing = self._item_id, self.editing
        done = call_service(
            self, self._events,
            lambda: (
                services.action_items.add(actor, item_id, data)[1]
                if editing is None
                else services.action_items.update(actor, editing, data)
            ),
            lambda changes: changes, self.error,
        )
        if done is not None:
            self.actions_changed.emit()
            self.description.setFocus()

    def delete_current(self) -> None:
        """Delete the action chosen in the list (agreed by mistake)."""
        action_id = self.current_id()
        if action_id is None or not self.delete_button.isEnabled():
            return
        services, actor = self._services, self._actor
        done = call_service(
            self, self._events, lambda: services.action_items.delete(actor, action_id),
            lambda changes: changes, self.error,
        )
        if done is not None:
            self.actions_changed.emit()
            self.list.setFocus()

    def action(self) -> ActionItemInput:
        """The form as the service's input; a corrected action keeps its complaint."""
        unit = self.unit.currentData()
        complaint_id = (
            self._actions[self.editing].complaint_id
            if self.editing is not None
            else self._item_complaint[0]
        )
        return ActionItemInput(
            description=self.description.text(),
            owner_unit_id=int(unit) if unit is not None else 0,
            due_workdays=self.due.value(),
            person_in_charge=self.person.text(),
            complaint_id=complaint_id,
        )
