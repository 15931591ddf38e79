"""The "Reports" page: pick a document and what it is about, edit the letterhead, export.

A document is about a period (analysis), a complaint (disposition sheet) or a coordination
meeting (minutes, attendance list, unit extracts).
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.i18n import _
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.changes import Changes
from lapor_desk.ui.dialogs import hint_label, with_calendar
from lapor_desk.ui.dialogs.export_dialog import (
    ATTENDANCE,
    MINUTES,
    UNIT_EXTRACT,
    ExportDialog,
)
from lapor_desk.ui.errors import show_error
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.views.letterhead_form import LetterheadForm


def _date_edit(value: date) -> QDateEdit:
    return with_calendar(QDateEdit(QDate(value.year, value.month, value.day)))


class ReportsPage(QWidget):
    """Documents for leadership: analysis, disposition sheet and a meeting's documents."""

    def __init__(self, services: Services, events: AppEvents,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._events = events
        self.dialog: ExportDialog | None = None
        heading = QLabel(_("Reports"))
        heading.setObjectName("heading")
        # The last whole month before the reference date, from the start of its year: the
        # period leadership asks about (January to October in the 2022 scenario).
        reference = services.settings.reference_date()
        end = reference.replace(day=1) - timedelta(days=1)
        self.start = _date_edit(date(end.year, 1, 1))
        self.end = _date_edit(end)
        self.analysis_button = QPushButton(_("Complaint analysis report…"))
        self.tracking = QLineEdit()
        self.tracking.setPlaceholderText(_("Tracking ID, e.g. 4100715"))
        self.tracking.setMinimumWidth(230)
        self.sheet_button = QPushButton(_("Disposition sheet…"))
        documents = QGroupBox(_("Documents"))
        form = QFormLayout(documents)
        period = QHBoxLayout()
        period.addWidget(self.start)
        period.addWidget(QLabel(_("to")))
        period.addWidget(self.end)
        period.addWidget(self.analysis_button)
        period.addStretch(1)
        form.addRow(_("Analysis for the period"), period)
        sheet = QHBoxLayout()
        sheet.addWidget(self.tracking)
        sheet.addWidget(self.sheet_button)
        sheet.addStretch(1)
        form.addRow(_("Disposition sheet of"), sheet)
        self.meeting = QComboBox()
        # Long meeting titles are cut in the box (the list shows them whole), so that the page
        # still fits a small screen.
        self.meeting.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.meeting.setMinimumContentsLength(28)
        self.minutes_button = QPushButton(_("Minutes…"))
        self.attendance_button = QPushButton(_("Attendance list…"))
        self.extracts_button = QPushButton(_("Unit extracts…"))
        meeting = QHBoxLayout()
        meeting.addWidget(self.meeting)
        for button in (self.minutes_button, self.attendance_button, self.extracts_button):
            meeting.addWidget(button)
        meeting.addStretch(1)
        form.addRow(_("Coordination meeting"), meeting)
        form.addRow("", hint_label(_("The minutes carry a DRAFT watermark until the meeting's "
                                     "minutes are approved.")))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(documents)
        # The same form as on the settings page: one editor, one place that saves the letterhead.
        self.letterhead_form = LetterheadForm(services, events, LOCAL_OPERATOR)
        layout.addWidget(self.letterhead_form)
        layout.addStretch(1)
        self.analysis_button.clicked.connect(self._on_analysis_clicked)
        self.sheet_button.clicked.connect(self._on_sheet_clicked)
        self.tracking.returnPressed.connect(self._on_sheet_clicked)
        self.minutes_button.clicked.connect(lambda: self.open_meeting_document(MINUTES))
        self.attendance_button.clicked.connect(lambda: self.open_meeting_document(ATTENDANCE))
        self.extracts_button.clicked.connect(lambda: self.open_meeting_document(UNIT_EXTRACT))
        events.changed.connect(self._on_events_changed)
        self.load_meetings()

    def load_meetings(self) -> None:
        """List the meetings, newest first, keeping the chosen one."""
        chosen = self.meeting.currentData()
        self.meeting.clear()
        for row in self._services.meetings.list_meetings():
            self.meeting.addItem(f"{row.label} · {row.title}", row.id)
        index = self.meeting.findData(chosen)
        self.meeting.setCurrentIndex(max(index, 0))
        has_meeting = self.meeting.count() > 0
        for button in (self.minutes_button, self.attendance_button, self.extracts_button):
            button.setEnabled(has_meeting)

    def _on_events_changed(self, changes: Changes) -> None:
        if changes.meetings:
            self.load_meetings()

    def open_meeting_document(self, kind: str) -> ExportDialog | None:
        """Open the export dialog on a document of the chosen meeting, with its preview."""
        meeting_id = self.meeting.currentData()
        if meeting_id is None:
            return None
        self.dialog = ExportDialog(self._services, meeting_id=int(meeting_id),
                                   meeting_document=kind, parent=self)
        self.dialog.show()
        self.dialog.show_preview()
        return self.dialog

    def _period(self) -> tuple[date, date]:
        first, last = self.start.date(), self.end.date()
        return (date(first.year(), first.month(), first.day()),
                date(last.year(), last.month(), last.day()))

    def open_analysis(self) -> ExportDialog:
        """Open the export dialog on the analysis of the chosen period."""
        start, end = self._period()
        self.dialog = ExportDialog(self._services, start=start, end=end, parent=self)
        self.dialog.show()
        self.dialog.load_figures()
        return self.dialog

    def _on_analysis_clicked(self) -> None:
        self.open_analysis()

    def _on_sheet_clicked(self) -> None:
        try:
            row = self._services.register.find_by_tracking_id(self.tracking.text())
        except Exception as error:  # NotFound and friends: shown, not swallowed
            show_error(self, error)
            return
        self.dialog = ExportDialog(self._services, complaint_id=row.id, parent=self)
        self.dialog.show()
