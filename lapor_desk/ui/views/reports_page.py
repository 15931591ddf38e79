"""The "Reports" page: pick a document and what it is about, edit the letterhead, export.

A document is about a period (analysis), a complaint (disposition sheet) or a coordination
meeting (minutes, attendance list, unit extracts).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.domain.errors import ValidationError
from lapor_desk.i18n import _
from lapor_desk.reports.document import Paper
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.changes import Changes
from lapor_desk.services.documents import LetterheadSettings
from lapor_desk.ui.dialogs import hint_label
from lapor_desk.ui.dialogs.export_dialog import (
    ATTENDANCE,
    MINUTES,
    UNIT_EXTRACT,
    ExportDialog,
)
from lapor_desk.ui.errors import show_error
from lapor_desk.ui.events import AppEvents


def _date_edit(value: date) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd-MM-yyyy")
    return edit


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
        self.meeting.setMinimumWidth(380)
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
        layout.addWidget(self._letterhead_box())
        layout.addStretch(1)
        self.analysis_button.clicked.connect(self._on_analysis_clicked)
        self.sheet_button.clicked.connect(self._on_sheet_clicked)
        self.tracking.returnPressed.connect(self._on_sheet_clicked)
        self.minutes_button.clicked.connect(lambda: self.open_meeting_document(MINUTES))
        self.attendance_button.clicked.connect(lambda: self.open_meeting_document(ATTENDANCE))
        self.extracts_button.clicked.connect(lambda: self.open_meeting_document(UNIT_EXTRACT))
        events.changed.connect(self._on_events_changed)
        self.load_letterhead()
        self.load_meetings()

    def _letterhead_box(self) -> QGroupBox:
        box = QGroupBox(_("Letterhead and signer"))
        form = QFormLayout(box)
        self.ministry = QLineEdit()
        self.units = QPlainTextEdit()
        self.units.setFixedHeight(64)
        self.address = QLineEdit()
        self.phone = QLineEdit()
        self.website = QLineEdit()
        self.city = QLineEdit()
        self.head_name = QLineEdit()
        self.head_nip = QLineEdit()
        self.paper = QComboBox()
        self.paper.addItem("A4", Paper.A4.value)
        self.paper.addItem("F4 / Folio", Paper.F4.value)
        self.logo_label = QLabel()
        logo_button = QPushButton(_("Choose logo (PNG)…"))
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_label, 1)
        logo_row.addWidget(logo_button)
        self.save_button = QPushButton(_("Save letterhead"))
        for label, widget in (
            (_("Ministry"), self.ministry), (_("Unit lines"), self.units),
            (_("Address"), self.address), (_("Phone"), self.phone),
            (_("Website"), self.website), (_("City for the date line"), self.city),
            (_("Head of Biro Humas"), self.head_name), (_("NIP of the head"), self.head_nip),
            (_("Default paper"), self.paper),
        ):
            form.addRow(label, widget)
        form.addRow(_("Logo"), logo_row)
        form.addRow("", self.save_button)
        logo_button.clicked.connect(self._on_logo_clicked)
        self.save_button.clicked.connect(self._on_save_clicked)
        return box

    def load_letterhead(self) -> None:
        """Show the stored letterhead."""
        value = self._services.documents.letterhead_settings()
        self._logo = value.logo_png
        self.ministry.setText(value.ministry)
        self.units.setPlainText("\n".join(value.units))
        self.address.setText(value.address)
        self.phone.setText(value.phone)
        self.website.setText(value.website)
        self.city.setText(value.city)
        self.head_name.setText(value.head_name)
        self.head_nip.setText(value.head_nip)
        self.paper.setCurrentIndex(0 if value.paper is Paper.A4 else 1)
        self.logo_label.setText(_("Logo set") if value.logo_png else _("No logo"))

    def letterhead(self) -> LetterheadSettings:
        """The letterhead as typed."""
        stored = self._services.documents.letterhead_settings()
        return replace(
            stored, ministry=self.ministry.text(),
            units=tuple(u.strip() for u in self.units.toPlainText().splitlines() if u.strip()),
            address=self.address.text(), phone=self.phone.text(), website=self.website.text(),
            city=self.city.text() or stored.city, head_name=self.head_name.text(),
            head_nip=self.head_nip.text(), paper=Paper(self.paper.currentData()),
            logo_png=self._logo,
        )

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

    def _on_logo_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Choose logo"), "", "PNG (*.png)")
        if path:
            self._logo = Path(path).read_bytes()
            self.logo_label.setText(Path(path).name)

    def _on_save_clicked(self) -> None:
        try:
            changes = self._services.documents.save_letterhead(LOCAL_OPERATOR, self.letterhead())
        except ValidationError as error:
            show_error(self, error)
            return
        self._events.emit_changes(changes)

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
