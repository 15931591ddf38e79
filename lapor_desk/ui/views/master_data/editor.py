"""The shape every master-data tab shares: a list on the left, a form beside it, errors under it.

Keyboard: Ctrl+N starts a new record, Ctrl+S (or Enter in a text field) saves, Delete on the
list removes the selected record where the tab allows it. A refusal of the service appears in
red under the form and the offending field takes the focus.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.domain.actor import Actor
from lapor_desk.domain.errors import LaporError, ValidationError
from lapor_desk.i18n import _
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.changes import Changes
from lapor_desk.ui.dialogs import error_label, hint_label, with_calendar
from lapor_desk.ui.errors import show_error
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.workers import Progress, Worker, run_with_progress


def to_qdate(value: date) -> QDate:
    """A Python date as QDate."""
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    """A QDate as a Python date."""
    return date(value.year(), value.month(), value.day())


class OptionalDate(QWidget):
    """A date that may be left empty: a check box switches the date field on."""

    def __init__(self, tooltip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox()
        self.check.setToolTip(tooltip)
        self.edit = with_calendar(QDateEdit())
        self.edit.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        self.check.toggled.connect(self.edit.setEnabled)
        self.setFocusProxy(self.check)

    def value(self) -> date | None:
        """The date, or None when unchecked."""
        return from_qdate(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, value: date | None, fallback: date) -> None:
        """Show ``value``; an empty value unchecks the box and parks ``fallback`` in the field."""
        self.check.setChecked(value is not None)
        self.edit.setDate(to_qdate(value or fallback))


class EditorTab(QWidget):
    """A list and a form; subclasses fill :attr:`form` and implement the hooks."""

    #: A slow save (deadline refresh on a worker) ended, successfully or not.
    finished = Signal()

    def __init__(
        self,
        services: Services,
        events: AppEvents,
        actor: Actor,
        view: QAbstractItemView,
        form_title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._events = events
        self._actor = actor
        self.view = view
        self.worker: Worker | None = None
        self.fields: dict[str, QWidget] = {}
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setAlternatingRowColors(True)
        if isinstance(view, QTableView):
            view.setWordWrap(False)
            view.verticalHeader().setDefaultSectionSize(26)
        self.form_box = QGroupBox(form_title)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.hint = hint_label()
        self.hint.hide()
        self.error = error_label()
        self.error.setObjectName("formError")
        self.buttons = QHBoxLayout()
        self.new_button = QPushButton(_("New"))
        self.save_button = QPushButton(_("Save"))
        self.save_button.setDefault(True)
        self.buttons.addWidget(self.new_button)
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.save_button)
        box = QVBoxLayout(self.form_box)
        box.addLayout(self.form)
        box.addWidget(self.hint)
        box.addWidget(self.error)
        box.addStretch(1)
        box.addLayout(self.buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(view)
        splitter.addWidget(self.form_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([800, 520])  # the list wants the room; the form is a column of fields
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(splitter)
        self.new_button.clicked.connect(self._on_new_clicked)
        self.save_button.clicked.connect(self.save)
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in ((QKeySequence.StandardKey.New, self._on_new_clicked),
                           (QKeySequence.StandardKey.Save, self.save)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(scope)
            shortcut.activated.connect(slot)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete)
        events.changed.connect(self._on_events_changed)

    def add_field(self, name: str, label: str, widget: QWidget, span: bool = False) -> None:
        """A labelled row of the form; ``name`` is the field a ValidationError names.

        With ``span`` the label sits above the widget, which gets the form's full width.
        """
        if isinstance(widget, QComboBox):
            # Long unit names would otherwise widen the form and squeeze the list beside it.
            widget.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            widget.setMinimumContentsLength(24)
            # ... and it takes the width the form has, as the text fields beside it do.
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        if span:
            self.form.addRow(QLabel(label))
            self.form.addRow(widget)
        else:
            self.form.addRow(label, widget)
        self.fields[name] = widget

    def add_button(self, caption: str, slot: Callable[[], object]) -> QPushButton:
        """A further button left of Save."""
        button = QPushButton(caption)
        self.buttons.insertWidget(self.buttons.count() - 1, button)
        button.clicked.connect(slot)
        return button

    # -- hooks ----------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the records again and keep the selection."""
        raise NotImplementedError

    def clear_form(self) -> None:
        """Empty the form for a new record."""
        raise NotImplementedError

    def save(self) -> None:
        """Store the form."""
        raise NotImplementedError

    def delete(self) -> None:
        """Remove the selected record, where the tab allows it."""

    # -- helpers --------------------------------------------------------------------------------

    def _on_new_clicked(self) -> None:
        self.view.clearSelection()
        self.clear_form()
        self.hide_error()
        first = next(iter(self.fields.values()), None)
        if first is not None:
            first.setFocus()

    def hide_error(self) -> None:
        """Remove the message under the form."""
        self.error.hide()
        self.error.setText("")

    def show_problem(self, error: ValidationError) -> None:
        """Say what is wrong under the form and put the cursor in the field at fault."""
        self.error.setText(error.message)
        self.error.show()
        widget = self.fields.get(error.field) or self.fields.get(error.field.split(".")[0])
        if widget is not None:
            widget.setFocus()
        self.focus_detail(error.field)

    def focus_detail(self, field: str) -> None:
        """Point at a part of a field (a row of a table of contacts); nothing by default."""
        del field

    def call[T](self, work: Callable[[], T]) -> T | None:
        """Run a quick service call; None when it was refused (the reason is shown)."""
        try:
            result = work()
        except ValidationError as error:
            self.show_problem(error)
            return None
        except LaporError as error:
            show_error(self, error)
            return None
        self.hide_error()
        return result

    def announce(self, changes: Changes) -> None:
        """Tell every screen (this tab included, which reloads) what changed."""
        self._events.emit_changes(changes)

    def wants(self, changes: Changes) -> bool:
        """Whether ``changes`` touch what this tab shows."""
        return changes.master_data or changes.settings

    def _on_events_changed(self, changes: Changes) -> None:
        if self.wants(changes):
            self.reload()

    def call_slow(
        self, title: str, work: Callable[[], Changes], done: Callable[[], None] | None = None
    ) -> None:
        """Run a call that recomputes deadlines on a worker behind a progress dialog."""
        self.setEnabled(False)

        def job(progress: Progress) -> Changes:
            progress.report(0, 0, title)
            return work()

        def finish(result: Any) -> None:
            self.worker = None
            self.setEnabled(True)
            self.hide_error()
            if done is not None:
                done()
            self.announce(result)
            self.finished.emit()

        def failed(error: BaseException) -> None:
            self.worker = None
            self.setEnabled(True)
            if isinstance(error, ValidationError):
                self.show_problem(error)
            else:
                show_error(self, error)
            self.finished.emit()

        # One call that saves and recomputes the deadlines as a whole: it cannot stop halfway.
        self.worker = run_with_progress(self, title, job, finish, failed, cancellable=False)
