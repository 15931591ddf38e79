"""Meeting mode: a focused window that steps through the agenda while the notulis types.

PageDown/PageUp (or Ctrl+Right/Ctrl+Left outside text fields) go to the next/previous item.
Notes save on a one-second idle timer and at least every two seconds while typing, on every
item change and on leaving, so a killed process loses at most the last two seconds of typing.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.domain.actor import Actor
from lapor_desk.domain.errors import LaporError
from lapor_desk.domain.meetings import MeetingStatus
from lapor_desk.i18n import _
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.changes import Changes
from lapor_desk.services.meeting_models import AgendaItemDetail, AgendaItemRow, UnitRef
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.views.meetings.common import (
    MEETING_STYLE,
    call_service,
    fmt_duration,
    form_error,
    hint,
    style_status_chip,
)
from lapor_desk.ui.views.meetings.item_panels import ActionPanel, DecisionPanel, SummaryPanel

IDLE_SAVE_MS = 1000  # save after a second without typing
MAX_UNSAVED_MS = 2000  # and never let typed text wait longer than this


class ProjectorWindow(QWidget):
    """The item summary alone, for a second screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(_("LAPOR Desk — projector"))
        self.summary = SummaryPanel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        layout.addWidget(self.summary)


class MeetingMode(QWidget):
    """Steps through one meeting's agenda: summary, notes, decisions, action items, timers."""

    #: The item now shown (its id).
    item_shown = Signal(int)
    #: The notes of an item reached the register (its id).
    notes_saved = Signal(int)

    def __init__(
        self,
        services: Services,
        events: AppEvents,
        actor: Actor,
        meeting_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._services = services
        self._events = events
        self._actor = actor
        self.meeting_id = meeting_id
        self.items: tuple[AgendaItemRow, ...] = ()
        self.index = -1
        self.detail: AgendaItemDetail | None = None
        self.projector: ProjectorWindow | None = None
        self._revision = 0
        self._dirty = False
        self._loading = False
        self._item_base = 0  # seconds recorded on the item before it was shown this time
        self._meeting_base = 0
        self._item_clock = QElapsedTimer()
        self._meeting_clock = QElapsedTimer()
        self.setStyleSheet(MEETING_STYLE)
        self.setWindowTitle(_("LAPOR Desk — meeting mode"))
        self._build()
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(IDLE_SAVE_MS)
        self.idle_timer.timeout.connect(self.save_notes)
        self.max_timer = QTimer(self)
        self.max_timer.setSingleShot(True)
        self.max_timer.setInterval(MAX_UNSAVED_MS)
        self.max_timer.timeout.connect(self.save_notes)
        self.tick = QTimer(self)
        self.tick.setInterval(1000)
        self.tick.timeout.connect(self._show_timers)
        self._shortcuts()
        self.reload()
        self.tick.start()

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = QLabel()
        self.heading.setObjectName("meetingHeading")
        self.heading.setWordWrap(True)
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.status_chip = QLabel()
        self.meeting_timer = QLabel()
        self.item_timer = QLabel()
        for label in (self.meeting_timer, self.item_timer):
            label.setStyleSheet("font-size: 13pt; font-family: monospace;")
        self.start_button = QPushButton(_("Start the meeting"))
        self.start_button.clicked.connect(self.start_meeting)
        self.end_button = QPushButton(_("Close the meeting"))
        self.end_button.setToolTip(_("Ctrl+Shift+E"))
        self.end_button.clicked.connect(self.end_meeting)
        self.projector_button = QPushButton(_("Projector window"))
        self.projector_button.clicked.connect(self.open_projector)
        self.leave_button = QPushButton(_("Leave meeting mode"))
        self.leave_button.setToolTip(_("Esc"))
        self.leave_button.clicked.connect(self.close)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        self.status_chip.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        top.addWidget(self.status_chip)
        top.addSpacing(16)
        top.addWidget(QLabel(_("Meeting")))
        top.addWidget(self.meeting_timer)
        top.addSpacing(8)
        top.addWidget(QLabel(_("Item")))
        top.addWidget(self.item_timer)
        top.addSpacing(16)
        for button in (self.start_button, self.end_button, self.projector_button,
                       self.leave_button):
            top.addWidget(button)

        self.agenda = QListWidget()
        self.agenda.setWordWrap(True)
        self.agenda.setMinimumWidth(220)
        self.agenda.setSpacing(2)
        self.agenda.currentRowChanged.connect(self._on_agenda_row_changed)
        self.summary = SummaryPanel()
        summary_scroll = QScrollArea()
        summary_scroll.setWidgetResizable(True)
        summary_scroll.setWidget(self.summary)
        self.navigation_hint = hint(
            _("PageDown / PageUp: next / previous item · Ctrl+1 notes · Ctrl+2 decision · "
              "Ctrl+3 action")
        )

        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(_("Notes on this item: who said what"))
        self.notes.setStyleSheet("font-size: 12pt;")
        self.notes.textChanged.connect(self._on_notes_text_changed)
        self.save_state = hint()
        self.notes_error = form_error()
        notes_box = QGroupBox(_("Notes"))
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.addWidget(self.notes, 1)
        notes_layout.addWidget(self.save_state)
        notes_layout.addWidget(self.notes_error)
        self.decision_panel = DecisionPanel()
        self.decision_panel.record_requested.connect(self.record_decision)
        self.action_panel = ActionPanel()
        self.action_panel.add_requested.connect(self.add_action)
        self.state_note = hint()

        centre = QVBoxLayout()
        centre.addWidget(summary_scroll, 1)
        centre.addWidget(self.navigation_hint)
        centre_widget = QWidget()
        centre_widget.setLayout(centre)
        side = QVBoxLayout()
        side.addWidget(self.state_note)
        side.addWidget(notes_box, 1)
        side.addWidget(self.decision_panel)
        side.addWidget(self.action_panel)
        side_widget = QWidget()
        side_widget.setLayout(side)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.agenda)
        splitter.addWidget(centre_widget)
        splitter.addWidget(side_widget)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        self._sized = False  # True once the user set the column widths by hand
        splitter.splitterMoved.connect(self._on_splitter_moved)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    def _shortcuts(self) -> None:
        for keys, slot in (
            ("PgDown", self.next_item),
            ("PgUp", self.previous_item),
            ("Ctrl+Right", self.next_item),
            ("Ctrl+Left", self.previous_item),
            ("Ctrl+1", self.notes.setFocus),
            ("Ctrl+2", self.decision_panel.text.setFocus),
            ("Ctrl+3", self.action_panel.description.setFocus),
            ("Ctrl+Shift+E", self.end_meeting),
            ("Esc", self.close),
        ):
            shortcut = QShortcut(QKeySequence(keys), self, slot)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)

    # -- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the meeting and its agenda again; stay on the same item."""
        detail = self._services.meetings.get(self.meeting_id)
        self.meeting = detail
        row = detail.row
        self.heading.setText(
            _("Meeting No. {number} — {title}").format(number=row.label, title=row.title)
        )
        style_status_chip(self.status_chip, row.status)
        self.items = self._services.agenda.items(self.meeting_id)
        self._units: tuple[UnitRef, ...] = self._services.agenda.units(row.meeting_date)
        invited = [u.id for u in detail.units]
        self._units = tuple(
            sorted(self._units, key=lambda u: (u.id not in invited, u.abbreviation))
        )
        running = row.status is MeetingStatus.IN_SESSION
        self.start_button.setVisible(row.status is MeetingStatus.SCHEDULED)
        self.end_button.setVisible(running)
        self.notes.setReadOnly(not running)
        self.decision_panel.set_editable(running)
        self.action_panel.set_editable(running)
        if running:
            self.state_note.setText("")
        elif row.status.read_only:
            self.state_note.setText(_("The meeting is closed: what you see is the record."))
        else:
            self.state_note.setText(_("Start the meeting to take notes and decisions."))
        self.state_note.setVisible(not running)
        self._meeting_base = sum(i.elapsed_seconds for i in self.items)
        if running:
            self._meeting_clock.start()
        else:
            self._meeting_clock.invalidate()
        current = self.items[self.index].id if 0 <= self.index < len(self.items) else None
        self.agenda.blockSignals(True)
        self.agenda.clear()
        for number, item in enumerate(self.items, start=1):
            unit = f"[{item.unit}] " if item.unit else ""
            self.agenda.addItem(f"{number}. {unit}{item.title}")
        self.agenda.blockSignals(False)
        ids = [i.id for i in self.items]
        target = ids.index(current) if current in ids else (0 if ids else -1)
        self.index = -1
        if target >= 0:
            self.go_to(target)
        else:
            self.summary.title.setText(_("The agenda is empty."))
        self._show_timers()

    @property
    def running(self) -> bool:
        """The meeting is in session: notes, decisions and actions are taken."""
        return self.meeting.row.status is MeetingStatus.IN_SESSION

    # -- moving through the agenda -------------------------------------------------------------

    def go_to(self, index: int) -> None:
        """Show agenda item ``index`` (0-based), saving the one left first."""
        if not 0 <= index < len(self.items) or index == self.index:
            return
        self.save_notes(force=True)
        self.index = index
        item = self.items[index]
        detail = self._services.meeting_notes.item(item.id)
        self.detail = detail
        self._loading = True
        self.notes.setPlainText(detail.notes)
        self._loading = False
        self._dirty = False
        self._revision = detail.row.notes_revision
        self._item_base = detail.row.elapsed_seconds
        if self.running:
            self._item_clock.start()
        else:
            self._item_clock.invalidate()
        self.summary.show_item(detail, index + 1, len(self.items))
        if self.projector is not None:
            self.projector.summary.show_item(detail, index + 1, len(self.items))
        self.decision_panel.show_item(detail, self._units)
        self.action_panel.show_item(detail, self._units)
        self.agenda.blockSignals(True)
        self.agenda.setCurrentRow(index)
        self.agenda.blockSignals(False)
        self.save_state.setText("")
        self.notes_error.hide()
        self._show_timers()
        self.item_shown.emit(item.id)

    def next_item(self) -> None:
        """The next agenda item (PageDown)."""
        self.go_to(self.index + 1)

    def previous_item(self) -> None:
        """The previous agenda item (PageUp)."""
        self.go_to(self.index - 1)

    def _on_agenda_row_changed(self, row: int) -> None:
        self.go_to(row)

    # -- timers --------------------------------------------------------------------------------

    def item_seconds(self) -> int:
        """Seconds spent on the item shown, earlier visits included."""
        running = self._item_clock.elapsed() // 1000 if self._item_clock.isValid() else 0
        return self._item_base + int(running)

    def meeting_seconds(self) -> int:
        """Seconds of the meeting: time recorded on its items plus time since this window opened."""
        running = self._meeting_clock.elapsed() // 1000 if self._meeting_clock.isValid() else 0
        return self._meeting_base + int(running)

    def _show_timers(self) -> None:
        self.meeting_timer.setText(fmt_duration(self.meeting_seconds()))
        self.item_timer.setText(fmt_duration(self.item_seconds()) if self.detail else "—")

    # -- autosave ------------------------------------------------------------------------------

    def _on_notes_text_changed(self) -> None:
        if self._loading or not self.running:
            return
        self._dirty = True
        self.idle_timer.start()  # restarted by every keystroke
        if not self.max_timer.isActive():
            self.max_timer.start()  # not restarted: caps how long typed text stays unsaved
        self.save_state.setText(_("Unsaved changes…"))

    def save_notes(self, force: bool = False) -> bool:
        """Save the item's notes and timer; False when the register refused them."""
        self.idle_timer.stop()
        self.max_timer.stop()
        if self.detail is None or not self.running or not (self._dirty or force):
            return True
        item_id = self.detail.row.id
        text = self.notes.toPlainText()
        try:
            saved = self._services.meeting_notes.save_item_notes(
                self._actor, item_id, text, self._revision, self.item_seconds()
            )
        except LaporError as error:
            # Shown beside the notes, not in a box: the notulis keeps typing, nothing is lost
            # from the editor, and the text can be copied out.
            self.notes_error.setText(str(error))
            self.notes_error.show()
            return False
        self._revision = saved.revision
        self._dirty = False
        self.notes_error.hide()
        self.save_state.setText(_("Saved at {time}").format(time=f"{saved.saved_at:%H.%M.%S}"))
        self.notes_saved.emit(item_id)
        return True

    # -- decisions and actions -----------------------------------------------------------------

    def record_decision(self) -> None:
        """Record the typed decision on the item; it writes back to the complaint."""
        if self.detail is None or not self.running:
            return
        item_id, data = self.detail.row.id, self.decision_panel.decision()
        done = call_service(
            self, self._events,
            lambda: self._services.meeting_notes.record_decision(self._actor, item_id, data),
            lambda result: result[1], self.decision_panel.error,
        )
        if done is not None:
            self._refresh_item()
            self.decision_panel.text.setFocus()

    def add_action(self) -> None:
        """Agree the typed action item under the item."""
        if self.detail is None or not self.running:
            return
        item_id, data = self.detail.row.id, self.action_panel.action()
        done = call_service(
            self, self._events,
            lambda: self._services.action_items.add(self._actor, item_id, data),
            lambda result: result[1], self.action_panel.error,
        )
        if done is not None:
            self._refresh_item()
            self.action_panel.description.setFocus()

    def _refresh_item(self) -> None:
        """Show the item's outcomes again without touching the notes being typed."""
        if self.detail is None:
            return
        detail = self._services.meeting_notes.item(self.detail.row.id)
        self.detail = detail
        self.decision_panel.show_item(detail, self._units)
        self.action_panel.show_item(detail, self._units)
        self.summary.show_item(detail, self.index + 1, len(self.items))

    # -- the meeting's status ------------------------------------------------------------------

    def start_meeting(self) -> None:
        """Open the session (from scheduled)."""
        done = call_service(
            self, self._events,
            lambda: self._services.meetings.change_status(
                self._actor, self.meeting_id, MeetingStatus.IN_SESSION
            ),
            lambda changes: changes,
        )
        if done is not None:
            self.index = -1
            self.reload()

    def end_meeting(self) -> None:
        """Save, then close the meeting: from now on it is read-only (Ctrl+Shift+E)."""
        if not self.running or not self.save_notes(force=True):
            return
        done = call_service(
            self, self._events,
            lambda: self._services.meetings.change_status(
                self._actor, self.meeting_id, MeetingStatus.CLOSED
            ),
            lambda changes: changes,
        )
        if done is not None:
            self.index = -1
            self.reload()

    def open_projector(self) -> None:
        """Show the summary in a window of its own, on the second screen when there is one."""
        if self.projector is None:
            self.projector = ProjectorWindow()
            self.projector.resize(1280, 720)
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            self.projector.setGeometry(screens[1].availableGeometry())
        if self.detail is not None:
            self.projector.summary.show_item(self.detail, self.index + 1, len(self.items))
        self.projector.show()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        """Keep the summary the widest column until the user drags the splitter."""
        super().resizeEvent(event)
        if not self._sized:
            rest = max(600, self.width() - 280)
            self.splitter.setSizes([250, rest * 3 // 5, rest * 2 // 5])

    def _on_splitter_moved(self) -> None:
        self._sized = True

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        """Save the notes (and the item's time) before the window goes."""
        self.save_notes(force=self._dirty or self.running)
        self.tick.stop()
        if self.projector is not None:
            self.projector.close()
        if self.running:
            self._events.emit_changes(Changes(meetings=True))
        super().closeEvent(event)
