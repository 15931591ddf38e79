"""The shape every master-data tab shares: a list on the left, a form beside it, errors under it.

Keyboard: Ctrl+N starts a new record, Ctrl+S (or Enter in a text field) saves, Delete on the
list removes the selected record where the tab allows it, after asking. A refusal of the service
appears in red under the form and the offending field takes the focus. Leaving a form with
changes not saved yet (another record in the list, or a new one) asks Save / Discard / Cancel.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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
from lapor_desk.ui.dialogs import error_label, hint_label
from lapor_desk.ui.errors import show_error
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.views.master_data.leaving import Leave, ask_to_leave, field_value
from lapor_desk.ui.workers import Progress, Worker, run_with_progress


def overrides_new(event: QEvent) -> bool:
    """Whether ``event`` is Qt asking the focus widget's parents if they take Ctrl+N."""
    return (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.New))


class EditorTab[K](QWidget):
    """A list and a form; subclasses fill :attr:`form` and implement the hooks.

    ``K`` is what identifies a record (an id, a portal value). The form remembers what it
    held when a record was loaded; a change of record in the list, or a new one, asks first
    when the form holds more than that (see :meth:`leave_form`).
    """

    #: A slow save (deadline refresh on a worker) ended, successfully or not.
    finished = Signal()
    #: Whether leaving an edited form asks first; off for a form that edits no record of the
    #: list (the holidays' correction of a date).
    guards_edits = True

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
        self._loaded: dict[str, object] | None = None  # the form as the record filled it
        self._quiet = 0  # > 0 while the tab itself moves the list's selection
        self._after_save: Callable[[], None] | None = None
        self._stale = False  # records changed elsewhere while the form was edited
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
        # Ctrl+N is no QShortcut: see event().
        save = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save)
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

    def current_key(self) -> K | None:
        """The record the form edits; None for a new one."""
        return None

    def index_of(self, key: K) -> QModelIndex:
        """The list's index of record ``key`` (invalid when the list does not show it)."""
        del key
        return QModelIndex()

    def show_key(self, key: K) -> None:
        """Fill the form with the stored record ``key``, which the list shows."""
        raise NotImplementedError

    def record_name(self) -> str:
        """How the questions name the record the form edits ("" for a new one)."""
        return ""

    # -- moving between records -----------------------------------------------------------------

    def _on_new_clicked(self) -> None:
        self.new_record()

    def new_record(self) -> None:
        """Start a new record (New, Ctrl+N), asking first about unsaved edits."""
        self.leave_form(self.start_new)

    def start_new(self) -> None:
        """An empty form for a new record, with the cursor in its first field."""
        self.show_new()
        self.hide_error()
        first = next(iter(self.fields.values()), None)
        if first is not None:
            first.setFocus()

    def show_new(self) -> None:
        """Empty the form for a new record; the list selects nothing."""
        self._select(QModelIndex())
        self.clear_form()
        self.mark_loaded()

    def open_record(self, key: K) -> None:
        """The user chose ``key`` in the list: show it, asking first about unsaved edits."""
        if self._quiet or key == self.current_key():
            return
        self.leave_form(lambda: self.open_quietly(key))

    def open_quietly(self, key: K) -> None:
        """Select ``key`` in the list and fill the form with it, asking nothing."""
        index = self.index_of(key)
        if not index.isValid():
            return
        self._select(index)
        self.show_key(key)
        self.hide_error()
        self.mark_loaded()

    def reopen(self) -> None:
        """After a reload: the record the form showed again, or a new one when it is gone."""
        key = self.current_key()
        if key is not None and self.index_of(key).isValid():
            self.open_quietly(key)
        else:
            self.show_new()

    def put_back_selection(self) -> None:
        """Select the record the form edits again (nothing for a new one)."""
        key = self.current_key()
        self._select(self.index_of(key) if key is not None else QModelIndex())

    def _select(self, index: QModelIndex) -> None:
        with self.quietly():
            if index.isValid():
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)
            else:  # the current row too, so that clicking it loads it
                self.view.selectionModel().clear()

    @contextmanager
    def quietly(self) -> Iterator[None]:
        """Selection changes made inside are the tab's own: they ask nothing and load nothing."""
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1

    def form_state(self) -> dict[str, object]:
        """What every field holds, by field name."""
        return {name: field_value(widget) for name, widget in self.fields.items()}

    def mark_loaded(self) -> None:
        """The form now shows a stored record (or an empty one) as it is: nothing to lose."""
        self._loaded = self.form_state()

    def is_edited(self, *, besides: str = "") -> bool:
        """Whether the form holds changes that leaving it would lose (in fields but ``besides``)."""
        if not self.guards_edits or self._loaded is None:
            return False
        now, loaded = self.form_state(), self._loaded
        return any(now[name] != loaded.get(name) for name in now if name != besides)

    def leave_form(self, move: Callable[[], None], *, besides: str = "") -> None:
        """Run ``move`` (which shows another record), asking first when the form is edited.

        Save stores the form and then moves, once a slow save has ended; a refused save
        stays with its message under the form. Discard moves; Cancel stays. In both cases
        where the form stays, the list selects its record again.
        """
        if not self.is_edited(besides=besides):
            move()
            self._catch_up_later()
            return
        answer = ask_to_leave(self, self.record_name())
        if answer is Leave.DISCARD:
            move()
            self._catch_up_later()
            return
        self.put_back_selection()
        # Asked in the middle of a click on another row, Qt goes on to select that row after
        # the answer: put the selection back once more when it has done so.
        QTimer.singleShot(0, self, self.put_back_selection)
        if answer is Leave.STAY:
            return
        self._after_save = move
        self.save()
        if self.worker is None:  # saved (or refused) at once, not on a worker
            self._on_save_ended()

    def _on_save_ended(self) -> None:
        move, self._after_save = self._after_save, None
        if move is not None and not self.is_edited():  # still edited: the save was refused
            move()

    # -- Ctrl+N ---------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        """Keep Ctrl+N in the tab: here it starts a new record, not a new complaint.

        The main window's "New complaint" action has Ctrl+N too; two shortcuts on one key
        are ambiguous and Qt fires neither. Accepting the ShortcutOverride that Qt sends up
        from the focus widget before it looks for shortcuts makes the key an ordinary key
        press here (:meth:`keyPressEvent`); elsewhere in the window Ctrl+N stays the action's.
        """
        if overrides_new(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        """Ctrl+N (which no field inside took) starts a new record."""
        if event.matches(QKeySequence.StandardKey.New):
            event.accept()
            self.new_record()
            return
        super().keyPressEvent(event)

    # -- helpers --------------------------------------------------------------------------------

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
        """Tell every screen (this tab included, which reloads) what changed.

        Called after each successful change: what the form shows is stored now (noted first,
        so that this tab reads the records again like any other).
        """
        self.mark_loaded()
        self._events.emit_changes(changes)

    def wants(self, changes: Changes) -> bool:
        """Whether ``changes`` touch what this tab shows."""
        return changes.master_data or changes.settings

    def _on_events_changed(self, changes: Changes) -> None:
        if not self.wants(changes):
            return
        if self.is_edited():
            # Saved on another tab or screen: reading the records again now would refill the
            # form and lose what the user is typing. They are read when the form is left.
            self._stale = True
            return
        self._stale = False
        self.reload()

    def _catch_up_later(self) -> None:
        """Read the records that changed while the form was edited, after the click that left it.

        Read at once, they would reset the list under the mouse while Qt is still in the click.
        """
        if self._stale:
            QTimer.singleShot(0, self, self._catch_up)

    def _catch_up(self) -> None:
        if self._stale:
            self._stale = False
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
            self._on_save_ended()
            self.finished.emit()

        def failed(error: BaseException) -> None:
            self.worker = None
            self._after_save = None
            self.setEnabled(True)
            if isinstance(error, ValidationError):
                self.show_problem(error)
            else:
                show_error(self, error)
            self.finished.emit()

        # One call that saves and recomputes the deadlines as a whole: it cannot stop halfway.
        self.worker = run_with_progress(self, title, job, finish, failed, cancellable=False)
