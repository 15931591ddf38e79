"""The Renaksi register: action plans of a period, their progress, evidence and meetings."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.domain.actor import Actor
from lapor_desk.domain.formatting import fmt_date, fmt_decimal
from lapor_desk.domain.meeting_outcomes import RenaksiStatus
from lapor_desk.i18n import _
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.renaksi import EvidenceInput, RenaksiDetail
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.itemmodels.meeting_tables import RenaksiTableModel
from lapor_desk.ui.views.meetings.common import call_service, form_error


class RenaksiView(QWidget):
    """One period's action plans; the chosen one's progress, evidence and fulfilling meetings."""

    def __init__(
        self, services: Services, events: AppEvents, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._events = events
        self._actor = actor
        self.detail: RenaksiDetail | None = None
        self.period = QComboBox()
        self.period.currentIndexChanged.connect(self._on_period_changed)
        self.summary = QLabel()
        self.model = RenaksiTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: 600; font-size: 11pt;")
        self.status = QComboBox()
        for status in RenaksiStatus:
            self.status.addItem(status.label, status)
        self.progress = QSpinBox()
        self.progress.setRange(0, 100)
        self.progress.setSuffix(" %")
        self.save_progress = QPushButton(_("Save progress"))
        self.save_progress.clicked.connect(self.set_progress)
        self.meetings = QListWidget()
        self.meetings.setMaximumHeight(80)
        self.meeting = QComboBox()
        self.mark_button = QPushButton(_("Mark as fulfilled by this meeting"))
        self.mark_button.clicked.connect(self.mark_fulfilled)
        self.evidence = QListWidget()
        self.evidence_title = QLineEdit()
        self.evidence_title.setPlaceholderText(_("Evidence, e.g. Notula rapat 2/2022"))
        self.evidence_location = QLineEdit()
        self.evidence_location.setPlaceholderText(_("File or link"))
        self.add_evidence_button = QPushButton(_("Add evidence"))
        self.add_evidence_button.clicked.connect(self.add_evidence)
        self.error = form_error()

        progress_row = QHBoxLayout()
        progress_row.addWidget(self.status)
        progress_row.addWidget(self.progress)
        progress_row.addWidget(self.save_progress)
        progress_row.addStretch(1)
        mark_row = QHBoxLayout()
        mark_row.addWidget(self.meeting, 1)
        mark_row.addWidget(self.mark_button)
        evidence_row = QHBoxLayout()
        evidence_row.addWidget(self.evidence_title, 2)
        evidence_row.addWidget(self.evidence_location, 1)
        evidence_row.addWidget(self.add_evidence_button)
        self.detail_box = QGroupBox(_("Action plan"))
        form = QFormLayout(self.detail_box)
        form.addRow(self.title)
        form.addRow(_("Status and progress"), progress_row)
        form.addRow(_("Fulfilled by"), self.meetings)
        form.addRow("", mark_row)
        form.addRow(_("Evidence"), self.evidence)
        form.addRow("", evidence_row)
        form.addRow(self.error)

        top = QHBoxLayout()
        top.addWidget(QLabel(_("Period")))
        top.addWidget(self.period)
        top.addWidget(self.summary, 1)
        register = QWidget()
        register_layout = QVBoxLayout(register)
        register_layout.setContentsMargins(0, 0, 0, 0)
        register_layout.addLayout(top)
        register_layout.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(register)
        splitter.addWidget(self.detail_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.refresh()

    def refresh(self) -> None:
        """Reload periods, items and the meetings to choose from; keep the chosen item."""
        chosen_period = self.period.currentData()
        keep = self.detail.row.id if self.detail else None
        self.period.blockSignals(True)
        self.period.clear()
        for period in self._services.renaksi.periods():
            self.period.addItem(period, period)
        if chosen_period is not None:
            self.period.setCurrentIndex(max(0, self.period.findData(chosen_period)))
        self.period.blockSignals(False)
        self.meeting.clear()
        for meeting in self._services.meetings.list_meetings():
            self.meeting.addItem(
                f"{meeting.label} — {fmt_date(meeting.meeting_date)} — {meeting.title}", meeting.id
            )
        self._load(keep)

    def _load(self, keep: int | None) -> None:
        period = self.period.currentData()
        rows = self._services.renaksi.list_items(period) if period else ()
        self.model.set_rows(rows)
        if period:
            summary = self._services.renaksi.summary(period)
            parts = [f"{status.label}: {n}" for status, n in summary.by_status]
            parts.append(
                _("average progress {value}%").format(value=fmt_decimal(summary.average_progress))
            )
            self.summary.setText(" · ".join(parts))
        row = self.model.row_of(keep) if keep is not None else 0
        if rows:
            self.table.selectRow(max(row, 0))
        else:
            self.detail = None
            self.detail_box.setEnabled(False)

    def _on_period_changed(self) -> None:
        self._load(None)

    def _on_table_selection_changed(self, selected: QItemSelection, _old: QItemSelection) -> None:
        del selected
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.show_item(self.model.row_at(rows[0].row()).id)

    def show_item(self, renaksi_id: int) -> None:
        """Show one action plan's progress, meetings and evidence."""
        detail = self._services.renaksi.get(renaksi_id)
        self.detail = detail
        self.detail_box.setEnabled(True)
        row = detail.row
        self.title.setText(f"{row.number}. {row.title}")
        self.status.setCurrentIndex(self.status.findData(row.status))
        self.progress.setValue(row.progress)
        self.meetings.clear()
        for meeting in detail.meetings:
            self.meetings.addItem(f"{meeting.label} — {fmt_date(meeting.meeting_date)}")
        self.evidence.clear()
        for evidence in detail.evidence:
            where = f" ({evidence.location})" if evidence.location else ""
            source = f" — {evidence.meeting_label}" if evidence.meeting_label else ""
            self.evidence.addItem(f"{evidence.title}{where}{source}")
        self.error.hide()

    def _after(self, renaksi_id: int) -> None:
        self._load(renaksi_id)
        self.show_item(renaksi_id)

    def set_progress(self) -> None:
        """Save the status and progress chosen."""
        if self.detail is None:
            return
        renaksi_id = self.detail.row.id
        status, progress = RenaksiStatus(self.status.currentData()), self.progress.value()
        done = call_service(
            self, self._events,
            lambda: self._services.renaksi.set_progress(self._actor, renaksi_id, status, progress),
            lambda changes: changes, self.error,
        )
        if done is not None:
            self._after(renaksi_id)

    def mark_fulfilled(self) -> None:
        """Add the chosen meeting to the meetings that fulfil this action plan."""
        meeting_id = self.meeting.currentData()
        if self.detail is None or meeting_id is None:
            return
        renaksi_id = self.detail.row.id
        current = self._services.meetings.get(int(meeting_id)).renaksi_ids
        wanted = sorted({*current, renaksi_id})
        done = call_service(
            self, self._events,
            lambda: self._services.renaksi.set_fulfilled_by(self._actor, int(meeting_id), wanted),
            lambda changes: changes, self.error,
        )
        if done is not None:
            self._after(renaksi_id)

    def add_evidence(self) -> None:
        """Record a document, file or link as evidence."""
        if self.detail is None:
            return
        renaksi_id = self.detail.row.id
        data = EvidenceInput(self.evidence_title.text(), self.evidence_location.text())
        done = call_service(
            self, self._events,
            lambda: self._services.renaksi.add_evidence(self._actor, renaksi_id, data),
            lambda result: result[1], self.error,
        )
        if done is not None:
            self.evidence_title.clear()
            self.evidence_location.clear()
            self._after(renaksi_id)

