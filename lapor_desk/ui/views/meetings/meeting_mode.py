"""Meeting mode: a focused window that steps through the agenda while the notulis types.

PageDown/PageUp (or Ctrl+Right/Ctrl+Left outside text fields) go to the next/previous item.
The item's notes and the meeting's own (opening and closing) save themselves (``autosave``),
and on every item change and on leaving.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.domain.actor import Actor
from lapor_desk.domain.meetings import MeetingStatus
from lapor_desk.i18n import _
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.changes import Changes
from lapor_desk.services.meeting_models import AgendaItemDetail, AgendaItemRow, UnitRef
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.views.meetings.action_panel import ActionPanel
from lapor_desk.ui.views.meetings.autosave import NotesBox, Saver
from lapor_desk.ui.views.meetings.common import (
    MEETING_STYLE,
    ElidedLabel,
    call_service,
    hint,
    style_status_chip,
)
from lapor_desk.ui.views.meetings.item_panels import DecisionPanel, ProjectorWindow, SummaryPanel
from lapor_desk.ui.views.meetings.session_clock import SessionClock


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
        self.clock = SessionClock(self)
        self.setStyleSheet(MEETING_STYLE)
        self.setWindowTitle(_("LAPOR Desk — meeting mode"))
        self._build()
        self._shortcuts()
        self.reload()
        self.clock.tick.start()

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        # One line, cut short with "…" (the whole title in its tooltip): a title that wraps
        # takes the height a 1366x768 laptop does not have.
        self.heading = ElidedLabel()
        self.heading.setObjectName("meetingHeading")
        self.status_chip = QLabel()
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
        top.addWidget(self.clock.meeting_label)
        top.addSpacing(8)
        top.addWidget(QLabel(_("Item")))
        top.addWidget(self.clock.item_label)
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
              "Ctrl+3 action · Ctrl+4 opening and closing")
        )

        self.item_notes = NotesBox(_("Notes on this item: who said what"))
        self.item_notes.saved.connect(self._on_item_notes_saved)
        # The names the rest of the window (and its tests) use for the item's notes.
        self.notes = self.item_notes.editor
        self.save_state = self.item_notes.save_state
        self.notes_error = self.item_notes.error
        self.meeting_notes = NotesBox(
            _("Opening and closing of the meeting: who opened it, the chair's conclusions")
        )
        self.notes_tabs = QTabWidget()
        self.notes_tabs.addTab(self.item_notes, _("Notes on this item"))
        self.notes_tabs.addTab(self.meeting_notes, _("Opening and closing"))
        self.decision_panel = DecisionPanel()
        self.decision_panel.record_requested.connect(self.record_decision)
        self.action_panel = ActionPanel(self._services, self._events, self._actor)
        self.action_panel.actions_changed.connect(self._refresh_item)
        self.state_note = hint()

        centre = QVBoxLayout()
        centre.addWidget(summary_scroll, 1)
        centre.addWidget(self.navigation_hint)
        centre_widget = QWidget()
        centre_widget.setLayout(centre)
        # The decision and action forms share a tab widget (Ctrl+2 / Ctrl+3 bring each
        # forward; their tabs count what is recorded): one above the other, they made the
        # window taller than a 1366x768 laptop's screen. The notes take what is left.
        self.record_tabs = QTabWidget()
        for panel in (self.decision_panel, self.action_panel):
            panel.setTitle("")
            panel.setFlat(True)
            self.record_tabs.addTab(panel, "")
        self._count_outcomes(0, 0)
        self.record_tabs.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        side = QVBoxLayout()
        side.addWidget(self.state_note)
        side.addWidget(self.notes_tabs, 1)
        side.addWidget(self.record_tabs)
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
            ("Ctrl+1", lambda: self._focus_in_tab(
                self.notes_tabs, self.item_notes, self.item_notes.editor)),
            ("Ctrl+2", lambda: self._focus_in_tab(
                self.record_tabs, self.decision_panel, self.decision_panel.text)),
            ("Ctrl+3", lambda: self._focus_in_tab(
                self.record_tabs, self.action_panel, self.action_panel.description)),
            ("Ctrl+4", lambda: self._focus_in_tab(
                self.notes_tabs, self.meeting_notes, self.meeting_notes.editor)),
            ("Ctrl+Shift+E", self.end_meeting),
            ("Esc", self.close),
        ):
            shortcut = QShortcut(QKeySequence(keys), self, slot)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)

    @staticmethod
    def _focus_in_tab(tabs: QTabWidget, page: QWidget, field: QWidget) -> None:
        """Bring ``page`` forward in ``tabs`` and put the keyboard in ``field``."""
        tabs.setCurrentWidget(page)
        field.setFocus()

    def _show_outcomes(self, detail: AgendaItemDetail) -> None:
        """The item's decisions and action items in their tabs, each tab with its count."""
        self.decision_panel.show_item(detail, self._units)
        self.action_panel.show_item(detail, self._units)
        self._count_outcomes(len(detail.decisions), len(detail.actions))

    def _count_outcomes(self, decisions: int, actions: int) -> None:
        for panel, title, count in (
            (self.decision_panel, _("Decisions (Ctrl+2)"), decisions),
            (self.action_panel, _("Action items (Ctrl+3)"), actions),
        ):
            index = self.record_tabs.indexOf(panel)
            self.record_tabs.setTabText(index, f"{title} · {count}" if count else title)

    # -- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the meeting and its agenda again; stay on the same item."""
        detail = self._services.meetings.get(self.meeting_id)
        self.meeting = detail
        row = detail.row
        self.heading.set_full_text(
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
        self.meeting_notes.load(
            detail.notes, detail.notes_revision, self._meeting_saver() if running else None
        )
        self.decision_panel.set_editable(running)
        self.action_panel.set_editable(running)
        if running:
            self.state_note.setText("")
        elif row.status.read_only:
            self.state_note.setText(_("The meeting is closed: what you see is the record."))
        else:
            self.state_note.setText(_("Start the meeting to take notes and decisions."))
        self.state_note.setVisible(not running)
        self.clock.start_meeting(sum(i.elapsed_seconds for i in self.items), running)
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
            self.detail = None
            self.item_notes.load("", 0, None)
            self._count_outcomes(0, 0)
            self.clock.start_item(None, running)
            self.summary.title.setText(_("The agenda is empty."))

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
        self.item_notes.load(
            detail.notes, detail.row.notes_revision,
            self._item_saver(item.id) if self.running else None,
        )
        self.clock.start_item(detail.row.elapsed_seconds, self.running)
        self.summary.show_item(detail, index + 1, len(self.items))
        if self.projector is not None:
            self.projector.summary.show_item(detail, index + 1, len(self.items))
        self._show_outcomes(detail)
        self.agenda.blockSignals(True)
        self.agenda.setCurrentRow(index)
        self.agenda.blockSignals(False)
        self.item_shown.emit(item.id)

    def next_item(self) -> None:
        """The next agenda item (PageDown)."""
        self.go_to(self.index + 1)

    def previous_item(self) -> None:
        """The previous agenda item (PageUp)."""
        self.go_to(self.index - 1)

    def _on_agenda_row_changed(self, row: int) -> None:
        self.go_to(row)

    # -- autosave ------------------------------------------------------------------------------

    def _item_saver(self, item_id: int) -> Saver:
        """Saves the item's notes together with the time spent on it."""
        services, actor = self._services, self._actor
        return lambda text, revision: services.meeting_notes.save_item_notes(
            actor, item_id, text, revision, self.clock.item_seconds()
        )

    def _meeting_saver(self) -> Saver:
        services, actor, meeting_id = self._services, self._actor, self.meeting_id
        return lambda text, revision: services.meeting_notes.save_meeting_notes(
            actor, meeting_id, text, revision
        )

    def save_notes(self, force: bool = False) -> bool:
        """Save the item's notes and timer; False when the register refused them."""
        if self.detail is None or not self.running:
            return True
        return self.item_notes.save(force=force)

    def _on_item_notes_saved(self) -> None:
        if self.detail is not None:
            self.notes_saved.emit(self.detail.row.id)

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

    def _refresh_item(self) -> None:
        """Show the item's outcomes again without touching the notes being typed."""
        if self.detail is None:
            return
        detail = self._services.meeting_notes.item(self.detail.row.id)
        self.detail = detail
        self._show_outcomes(detail)
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
        if not self.running or not self.save_notes(force=True) or not self.meeting_notes.save():
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
        self.save_notes(force=self.running)
        self.meeting_notes.save()
        self.clock.tick.stop()
        if self.projector is not None:
            self.projector.close()
        if self.running:
            self._events.emit_changes(Changes(meetings=True))
        super().closeEvent(event)
