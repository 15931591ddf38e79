"""The Renaksi register: action plans of a period, their progress, evidence and meetings.

Below the table, the chosen item's form (``renaksi_form``) and, beside it, the meetings that
fulfil it and its evidence. "New action plan" empties the form for an item the user adds.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QKeySequence, QShortcut
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
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.domain.actor import Actor
from lapor_desk.domain.formatting import fmt_date, fmt_decimal
from lapor_desk.i18n import _
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.renaksi import EvidenceInput, RenaksiDetail
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.itemmodels.meeting_tables import RenaksiTableModel
from lapor_desk.ui.views.meetings.common import call_service, form_error
from lapor_desk.ui.views.meetings.renaksi_form import RenaksiForm

_ID_ROLE = int(Qt.ItemDataRole.UserRole)


class RenaksiView(QWidget):
    """One period's action plans; the chosen one's form, fulfilling meetings and evidence."""

    def __init__(
        self, services: Services, events: AppEvents, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._events = events
        self._actor = actor
        self.detail: RenaksiDetail | None = None
        self.creating = False  # the form holds a new item being typed
        self.period = QComboBox()
        self.period.currentIndexChanged.connect(self._on_period_changed)
        self.summary = QLabel()
        self.new_button = QPushButton(_("New action plan"))
        self.new_button.clicked.connect(self.new_item)
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

        self.form = RenaksiForm()
        self.form.save_button.clicked.connect(self.save)
        self.form.cancel_button.clicked.connect(self.cancel_new)
        self.meetings = QListWidget()
        self.meetings.setMaximumHeight(80)
        self.meeting = QComboBox()
        self.meeting.setMinimumContentsLength(24)
        self.meeting.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.mark_button = QPushButton(_("Mark as fulfilled by this meeting"))
        self.mark_button.clicked.connect(self.mark_fulfilled)
        self.evidence = QListWidget()
        self.evidence_title = QLineEdit()
        self.evidence_title.setPlaceholderText(_("Evidence, e.g. Notula rapat 2/2022"))
        self.evidence_title.returnPressed.connect(self.add_evidence)
        self.evidence_location = QLineEdit()
        self.evidence_location.setPlaceholderText(_("File or link"))
        self.evidence_location.returnPressed.connect(self.add_evidence)
        self.add_evidence_button = QPushButton(_("Add evidence"))
        self.add_evidence_button.clicked.connect(self.add_evidence)
        self.remove_evidence_button = QPushButton(_("Remove evidence"))
        self.remove_evidence_button.setToolTip(_("Delete on the list"))
        self.remove_evidence_button.clicked.connect(self.remove_evidence)
        remove_key = QShortcut(QKeySequence.StandardKey.Delete, self.evidence, self.remove_evidence)
        remove_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.error = form_error()

        mark_row = QHBoxLayout()
        mark_row.addWidget(self.meeting, 1)
        mark_row.addWidget(self.mark_button)
        evidence_row = QHBoxLayout()
        evidence_row.addWidget(self.evidence_title, 2)
        evidence_row.addWidget(self.evidence_location, 1)
        evidence_row.addWidget(self.add_evidence_button)
        remove_row = QHBoxLayout()
        remove_row.addStretch(1)
        remove_row.addWidget(self.remove_evidence_button)
        self.detail_box = QGroupBox(_("Fulfilment and evidence"))
        fulfilment = QFormLayout(self.detail_box)
        fulfilment.addRow(_("Fulfilled by"), self.meetings)
        fulfilment.addRow("", mark_row)
        fulfilment.addRow(_("Evidence"), self.evidence)
        fulfilment.addRow("", remove_row)
        fulfilment.addRow("", evidence_row)
        fulfilment.addRow(self.error)

        top = QHBoxLayout()
        top.addWidget(QLabel(_("Period")))
        top.addWidget(self.period)
        top.addWidget(self.summary, 1)
        top.addWidget(self.new_button)
        register = QWidget()
        register_layout = QVBoxLayout(register)
        register_layout.setContentsMargins(0, 0, 0, 0)
        register_layout.addLayout(top)
        register_layout.addWidget(self.table, 1)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.form)
        lower.addWidget(self.detail_box)
        lower.setStretchFactor(0, 1)
        lower.setStretchFactor(1, 1)
        lower.setChildrenCollapsible(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(register)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)  # the register grows to 24 items and more
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.refresh()

    def refresh(self) -> None:
        """Reload periods, items and the meetings to choose from; keep the chosen item."""
        chosen_period = self.period.currentData()
        keep = self.detail.row.id if self.detail else None
        periods = self._services.renaksi.periods()
        self.period.blockSignals(True)
        self.period.clear()
        for period in periods:
            self.period.addItem(period, period)
        if chosen_period is not None:
            self.period.setCurrentIndex(max(0, self.period.findData(chosen_period)))
        self.period.blockSignals(False)
        if not self.creating:
            today = self._services.settings.reference_date()
            self.form.set_choices(periods, self._services.agenda.units(today))
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
        if self.creating:
            return  # a refresh from elsewhere must not replace what is being typed
        row = self.model.row_of(keep) if keep is not None else 0
        if rows:
            self.table.selectRow(max(row, 0))
        else:
            self.new_item()

    def _on_period_changed(self) -> None:
        self.creating = False
        self._load(None)

    def _on_table_selection_changed(self, selected: QItemSelection, _old: QItemSelection) -> None:
        del selected
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.show_item(self.model.row_at(rows[0].row()).id)

    def show_item(self, renaksi_id: int) -> None:
        """Show one action plan in the form, with its meetings and evidence."""
        detail = self._services.renaksi.get(renaksi_id)
        self.detail = detail
        self.creating = False
        self.detail_box.setEnabled(True)
        self.form.show_row(detail.row, self._services.settings.reference_date())
        self.meetings.clear()
        for meeting in detail.meetings:
            self.meetings.addItem(f"{meeting.label} — {fmt_date(meeting.meeting_date)}")
        self.evidence.clear()
        for evidence in detail.evidence:
            where = f" ({evidence.location})" if evidence.location else ""
            source = f" — {evidence.meeting_label}" if evidence.meeting_label else ""
            line = QListWidgetItem(f"{evidence.title}{where}{source}")
            line.setData(_ID_ROLE, evidence.id)
            self.evidence.addItem(line)
        if self.evidence.count():
            self.evidence.setCurrentRow(0)
        self.remove_evidence_button.setEnabled(bool(detail.evidence))
        self.error.hide()

    def new_item(self) -> None:
        """Empty the form for a new action plan of the period shown."""
        self.creating = True
        self.detail = None
        self.table.clearSelection()
        self.meetings.clear()
        self.evidence.clear()
        self.detail_box.setEnabled(False)  # meetings and evidence attach to a saved item
        period = self.period.currentData()
        today = self._services.settings.reference_date()
        self.form.new_item(str(period) if period else None, today)

    def cancel_new(self) -> None:
        """Leave the new item unsaved and show the first item again."""
        self.creating = False
        self._load(None)

    def _after(self, renaksi_id: int, period: str | None = None) -> None:
        self.creating = False
        if period is not None and self.period.currentData() != period:
            self.refresh()  # a new period appears in the list
            self.period.setCurrentIndex(max(0, self.period.findData(period)))
        self._load(renaksi_id)
        self.show_item(renaksi_id)

    def save(self) -> None:
        """Add the new action plan or save the changes to the one shown (Ctrl+S)."""
        data = self.form.renaksi_input()
        services, actor, row = self._services, self._actor, self.form.row
        if row is None:
            added = call_service(
                self, self._events, lambda: services.renaksi.add(actor, data),
                lambda result: result[1], self.form.error,
            )
            if added is not None:
                self._after(added[0].id, added[0].period)
            return
        done = call_service(
            self, self._events, lambda: services.renaksi.update(actor, row.id, data),
            lambda changes: changes, self.form.error,
        )
        if done is not None:
            self._after(row.id)

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

    def remove_evidence(self) -> None:
        """Take the chosen piece of evidence off the item (Delete on the list)."""
        line = self.evidence.currentItem()
        if self.detail is None or line is None:
            return
        renaksi_id, evidence_id = self.detail.row.id, int(line.data(_ID_ROLE))
        done = call_service(
            self, self._events,
            lambda: self._services.renaksi.remove_evidence(self._actor, evidence_id),
            lambda changes: changes, self.error,
        )
        if done is not None:
            self._after(renaksi_id)
            self.evidence.setFocus()
