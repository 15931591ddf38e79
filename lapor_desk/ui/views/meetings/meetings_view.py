"""The "Rapat" page: meetings by year with planner, agenda and attendance; tracker; Renaksi."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.domain.actor import Actor
from lapor_desk.i18n import _
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.changes import Changes
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.views.meetings.action_tracker import ActionTracker
from lapor_desk.ui.views.meetings.agenda_builder import AgendaBuilder
from lapor_desk.ui.views.meetings.attendance_view import AttendanceView
from lapor_desk.ui.views.meetings.common import MEETING_STYLE
from lapor_desk.ui.views.meetings.meeting_list import MeetingList
from lapor_desk.ui.views.meetings.meeting_mode import MeetingMode
from lapor_desk.ui.views.meetings.planner import MeetingPlanner
from lapor_desk.ui.views.meetings.renaksi_view import RenaksiView


class MeetingsView(QWidget):
    """Everything about coordination meetings, on one navigation page."""

    #: Meeting mode opened (the window).
    meeting_mode_opened = Signal(QWidget)

    def __init__(
        self, services: Services, events: AppEvents, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._events = events
        self._actor = actor
        self.meeting_mode: MeetingMode | None = None
        self.setStyleSheet(MEETING_STYLE)
        self.list = MeetingList(services)
        self.planner = MeetingPlanner(services, events, actor)
        self.agenda = AgendaBuilder(services, events, actor)
        self.attendance = AttendanceView(services, events, actor)
        self.mode_button = QPushButton(_("Open meeting mode"))
        self.mode_button.setToolTip(_("F5"))
        self.mode_button.setShortcut("F5")
        self.mode_button.clicked.connect(self.open_meeting_mode)
        self.meeting_tabs = QTabWidget()
        self.meeting_tabs.addTab(self.planner, _("Planning"))
        self.meeting_tabs.addTab(self.agenda, _("Agenda"))
        self.meeting_tabs.addTab(self.attendance, _("Attendance"))
        self.meeting_tabs.setCornerWidget(self.mode_button, Qt.Corner.TopRightCorner)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(self.meeting_tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([330, 1000])
        splitter.setChildrenCollapsible(False)
        self.meetings_page = QWidget()
        QHBoxLayout(self.meetings_page).addWidget(splitter)
        self.tracker = ActionTracker(services, events, actor)
        self.renaksi = RenaksiView(services, events, actor)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.meetings_page, _("Meetings"))
        self.tabs.addTab(self.tracker, _("Action tracker"))
        self.tabs.addTab(self.renaksi, _("Renaksi"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.list.meeting_chosen.connect(self._on_list_meeting_chosen)
        self.list.new_requested.connect(self._on_list_new_requested)
        self.planner.meeting_saved.connect(self._on_planner_meeting_saved)
        events.changed.connect(self._on_events_changed)
        self._set_meeting_tabs_enabled(False)
        if self.list.model.rowCount():
            self.list.table.selectRow(0)

    @property
    def meeting_id(self) -> int | None:
        """The meeting shown in the planner."""
        return self.planner.detail.row.id if self.planner.detail else None

    def show_meeting(self, meeting_id: int) -> None:
        """Show ``meeting_id`` in the planner, the agenda builder and the attendance list."""
        self.planner.show_meeting(meeting_id)
        self.agenda.show_meeting(meeting_id)
        self.attendance.show_meeting(meeting_id)
        self._set_meeting_tabs_enabled(True)

    def _set_meeting_tabs_enabled(self, enabled: bool) -> None:
        for index in (1, 2):
            self.meeting_tabs.setTabEnabled(index, enabled)
        self.mode_button.setEnabled(enabled)

    def _on_list_meeting_chosen(self, meeting_id: int) -> None:
        self.show_meeting(meeting_id)

    def _on_list_new_requested(self) -> None:
        self.list.table.clearSelection()
        self.planner.new_meeting(self._services.settings.reference_date())
        self._set_meeting_tabs_enabled(False)
        self.meeting_tabs.setCurrentWidget(self.planner)

    def _on_planner_meeting_saved(self, meeting_id: int) -> None:
        year = self._services.meetings.get(meeting_id).row.year
        self.list.show_year_of(meeting_id, year)
        self.agenda.show_meeting(meeting_id)
        self.attendance.show_meeting(meeting_id)
        self._set_meeting_tabs_enabled(True)

    def _on_events_changed(self, changes: Changes) -> None:
        if not (changes.meetings or changes.master_data):
            return
        self.list.refresh(self.meeting_id)
        self.tracker.refresh()
        self.renaksi.refresh()
        meeting_id = self.meeting_id
        if meeting_id is not None:
            self.planner.refresh_meeting(meeting_id)  # keeps unsaved typing
            self.agenda.show_meeting(meeting_id)
            self.attendance.show_meeting(meeting_id)

    def open_meeting_mode(self) -> MeetingMode | None:
        """Open the focused meeting window for the meeting shown (F5)."""
        meeting_id = self.meeting_id
        if meeting_id is None:
            return None
        if self.meeting_mode is not None:
            self.meeting_mode.close()
        mode = MeetingMode(self._services, self._events, self._actor, meeting_id)
        mode.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.meeting_mode = mode
        mode.showMaximized()
        self.meeting_mode_opened.emit(mode)
        return mode
