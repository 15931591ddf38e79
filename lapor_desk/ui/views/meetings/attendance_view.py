"""The attendance list and the quick check-in at the door.

Type part of a name, NIP or unit; Enter checks in the first person found (or the one chosen
with the arrow keys), on site or online. Other states (tidak hadir, izin, diwakili oleh …) and
walk-in guests are set below the list.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.domain.actor import Actor
from lapor_desk.domain.formatting import fmt_int
from lapor_desk.domain.meetings import AttendanceState, Presence
from lapor_desk.i18n import _
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.changes import Changes
from lapor_desk.services.meeting_inputs import AttendeeInput
from lapor_desk.services.meeting_models import AttendanceRow
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.itemmodels.meeting_tables import AttendanceTableModel
from lapor_desk.ui.views.meetings.common import call_service, form_error, hint


class AttendanceView(QWidget):
    """Check people in at the door and keep the daftar hadir."""

    def __init__(
        self, services: Services, events: AppEvents, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._events = events
        self._actor = actor
        self.meeting_id: int | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Name, NIP or unit — Enter checks in"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.returnPressed.connect(self.check_in_current)
        self.search.installEventFilter(self)
        self.online = QCheckBox(_("Online"))
        self.counts = QLabel()
        self.model = AttendanceTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.check_in_button = QPushButton(_("Check in"))
        self.check_in_button.clicked.connect(self.check_in_current)
        self.state = QComboBox()
        for state in AttendanceState:
            self.state.addItem(state.label, state)
        self.representative = QLineEdit()
        self.representative.setPlaceholderText(_("Represented by (name)"))
        self.set_state_button = QPushButton(_("Set state"))
        self.set_state_button.clicked.connect(self.set_state_of_current)
        self.guest_name = QLineEdit()
        self.guest_name.setPlaceholderText(_("Name"))
        self.guest_nip = QLineEdit()
        self.guest_nip.setPlaceholderText(_("NIP (optional for guests)"))
        self.guest_position = QLineEdit()
        self.guest_position.setPlaceholderText(_("Position"))
        self.guest_institution = QLineEdit()
        self.guest_institution.setPlaceholderText(_("Unit or institution"))
        self.add_guest_button = QPushButton(_("Add and check in"))
        self.add_guest_button.clicked.connect(self.add_guest)
        self.error = form_error()
        self.read_only_note = hint(_("The meeting is closed: the attendance list is the record."))

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.online)
        top.addWidget(self.check_in_button)
        states = QHBoxLayout()
        states.addWidget(QLabel(_("State of the chosen person")))
        states.addWidget(self.state)
        states.addWidget(self.representative, 1)
        states.addWidget(self.set_state_button)
        guest_box = QGroupBox(_("Walk-in guest"))
        guest = QHBoxLayout(guest_box)
        for widget in (self.guest_name, self.guest_nip, self.guest_position,
                       self.guest_institution):
            guest.addWidget(widget, 1)
        guest.addWidget(self.add_guest_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        layout.addLayout(states)
        layout.addWidget(guest_box)
        layout.addWidget(self.read_only_note)
        layout.addWidget(self.error)
        self._editable: list[QWidget] = [
            self.check_in_button, self.set_state_button, self.add_guest_button, self.state,
            self.representative, guest_box,
        ]

    def show_meeting(self, meeting_id: int) -> None:
        """Show ``meeting_id``'s attendance list."""
        self.meeting_id = meeting_id
        read_only = self._services.meetings.get(meeting_id).row.status.read_only
        for widget in self._editable:
            widget.setEnabled(not read_only)
        self.read_only_note.setVisible(read_only)
        self.error.hide()
        self.refresh()

    def refresh(self, keep: int | None = None) -> None:
        """Reload the list filtered by the search text."""
        if self.meeting_id is None:
            return
        rows = self._services.attendance.find(self.meeting_id, self.search.text())
        self.model.set_rows(rows)
        if keep is not None and (row := self.model.row_of(keep)) >= 0:
            self.table.selectRow(row)
        elif rows:
            self.table.selectRow(0)
        counts = self._services.attendance.counts(self.meeting_id)
        attended = counts[AttendanceState.PRESENT] + counts[AttendanceState.REPRESENTED]
        self.counts.setText(
            _("{attended} of {total} attended · {absent} absent · {excused} excused").format(
                attended=fmt_int(attended), total=fmt_int(sum(counts.values())),
                absent=fmt_int(counts[AttendanceState.ABSENT]),
                excused=fmt_int(counts[AttendanceState.EXCUSED]),
            )
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Up and Down in the search box move through the people found."""
        # While Qt tears the view down, its Python attributes may already be gone and the
        # search box still sends events.
        search = self.__dict__.get("search")
        if search is not None and watched is search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None and self.model.rowCount():
                row = max(0, min(self._current_row() + step, self.model.rowCount() - 1))
                self.table.selectRow(row)
                return True
        return super().eventFilter(watched, event)

    def _on_search_text_changed(self) -> None:
        self.refresh()

    def _current_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def current(self) -> AttendanceRow | None:
        """The chosen line."""
        row = self._current_row()
        return self.model.row_at(row) if row >= 0 else None

    def check_in_current(self) -> None:
        """Check the chosen person in, now, on site or online (Enter in the search box)."""
        line = self.current()
        if line is None or not self.check_in_button.isEnabled():
            return
        presence = Presence.ONLINE if self.online.isChecked() else Presence.ON_SITE
        done = call_service(
            self, self._events,
            lambda: self._services.attendance.check_in(self._actor, line.id, presence),
            lambda _row: Changes(meetings=True), self.error,
        )
        if done is not None:
            self.search.clear()
            self.refresh(keep=line.id)
            self.search.setFocus()

    def set_state_of_current(self) -> None:
        """Record hadir, tidak hadir, izin or diwakili oleh … for the chosen person."""
        line = self.current()
        state = self.state.currentData()
        if line is None or state is None:
            return
        presence = Presence.ONLINE if self.online.isChecked() else None
        representative = self.representative.text()
        done = call_service(
            self, self._events,
            lambda: self._services.attendance.set_state(
                self._actor, line.id, AttendanceState(state), presence, representative
            ),
            lambda _row: Changes(meetings=True), self.error,
        )
        if done is not None:
            self.representative.clear()
            self.refresh(keep=line.id)

    def add_guest(self) -> None:
        """Add a walk-in guest, already checked in."""
        if self.meeting_id is None:
            return
        meeting_id = self.meeting_id
        data = AttendeeInput(
            name=self.guest_name.text(),
            nip=self.guest_nip.text() or None,
            position=self.guest_position.text(),
            institution=self.guest_institution.text(),
            state=AttendanceState.PRESENT,
            presence=Presence.ONLINE if self.online.isChecked() else Presence.ON_SITE,
        )
        added = call_service(
            self, self._events,
            lambda: self._services.attendance.add(self._actor, meeting_id, data),
            lambda result: result[1], self.error,
        )
        if added is not None:
            for field in (self.guest_name, self.guest_nip, self.guest_position,
                          self.guest_institution):
                field.clear()
            self.refresh(keep=added[0].id)

