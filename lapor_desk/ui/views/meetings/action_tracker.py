"""The action tracker: every meeting's action items, filters, completion and ageing per unit.

Closing an item records who closed it and when (shown in its status column).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
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
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.domain.actor import Actor
from lapor_desk.domain.formatting import fmt_int, fmt_percent
from lapor_desk.domain.meeting_outcomes import AGEING_LIMITS, ActionStatus
from lapor_desk.i18n import _
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.changes import Changes
from lapor_desk.services.meeting_inputs import ActionFilter
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.itemmodels.meeting_tables import ActionItemTableModel
from lapor_desk.ui.views.meetings.common import call_service, form_error


def ageing_headers() -> list[str]:
    """``≤ 5``, ``6–10``, ``11–20``, ``> 20`` working days."""
    headers, low = [], 0
    for limit in AGEING_LIMITS:
        headers.append(f"≤ {limit}" if low == 0 else f"{low}–{limit}")
        low = limit + 1
    headers.append(f"> {AGEING_LIMITS[-1]}")
    return headers


class ActionTracker(QWidget):
    """All action items across meetings, filtered; per unit how much is done and how old."""

    def __init__(
        self, services: Services, events: AppEvents, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._events = events
        self._actor = actor
        self.unit = QComboBox()
        self.open_only = QCheckBox(_("Open only"))
        self.open_only.setChecked(True)
        self.overdue = QCheckBox(_("Overdue"))
        self.carried = QCheckBox(_("Carried over 2× or more"))
        for box in (self.open_only, self.overdue, self.carried):
            box.toggled.connect(self.refresh)
        self.unit.currentIndexChanged.connect(self.refresh)
        self.model = ActionItemTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.count = QLabel()
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("Closing note, e.g. reported done in the meeting"))
        self.close_button = QPushButton(_("Close the chosen item"))
        self.close_button.clicked.connect(self.close_current)
        self.note.returnPressed.connect(self.close_current)
        self.error = form_error()
        columns = [_("Unit"), _("Items"), _("Done"), _("Completion"), _("Open"), _("Overdue"),
                   *ageing_headers()]
        self.stats = QTableWidget(0, len(columns))
        self.stats.setHorizontalHeaderLabels(columns)
        self.stats.verticalHeader().hide()
        self.stats.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.stats.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        filters = QHBoxLayout()
        filters.addWidget(QLabel(_("Unit")))
        filters.addWidget(self.unit)
        for box in (self.open_only, self.overdue, self.carried):
            filters.addWidget(box)
        filters.addStretch(1)
        filters.addWidget(self.count)
        closing = QHBoxLayout()
        closing.addWidget(self.note, 1)
        closing.addWidget(self.close_button)
        items = QWidget()
        items_layout = QVBoxLayout(items)
        items_layout.setContentsMargins(0, 0, 0, 0)
        items_layout.addLayout(filters)
        items_layout.addWidget(self.table, 1)
        items_layout.addLayout(closing)
        items_layout.addWidget(self.error)
        stats_box = QGroupBox(
            _("Per unit: completion rate and age of open items (working days since the meeting)")
        )
        QVBoxLayout(stats_box).addWidget(self.stats)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(items)
        splitter.addWidget(stats_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._load_units()
        self.refresh()

    def _load_units(self) -> None:
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem(_("All units"), None)
        for unit in self._services.agenda.units():
            self.unit.addItem(unit.abbreviation, unit.id)
        self.unit.blockSignals(False)

    def criteria(self) -> ActionFilter:
        """The filters as chosen."""
        unit = self.unit.currentData()
        return ActionFilter(
            unit_id=int(unit) if unit is not None else None,
            status=ActionStatus.OPEN if self.open_only.isChecked() else None,
            overdue_only=self.overdue.isChecked(),
            min_carried=2 if self.carried.isChecked() else 0,
        )

    def refresh(self) -> None:
        """Reload items and per-unit figures."""
        rows = self._services.action_items.list_items(self.criteria())
        self.model.set_rows(rows)
        self.count.setText(_("{n} items").format(n=fmt_int(len(rows))))
        stats = self._services.action_items.unit_stats()
        self.stats.setRowCount(len(stats))
        for number, unit in enumerate(stats):
            values = [
                unit.unit.abbreviation, fmt_int(unit.total), fmt_int(unit.done),
                fmt_percent(unit.completion_rate), fmt_int(unit.open), fmt_int(unit.overdue),
                *(fmt_int(n) for n in unit.ageing),
            ]
            for column, text in enumerate(values):
                cell = QTableWidgetItem(text)
                if column:
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.stats.setItem(number, column, cell)

    def close_current(self) -> None:
        """Close the chosen item with the note typed; who and when are recorded."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        action = self.model.row_at(rows[0].row())
        note = self.note.text()
        done = call_service(
            self, self._events,
            lambda: self._services.action_items.close(self._actor, action.id, note),
            lambda _row: Changes(meetings=True), self.error,
        )
        if done is not None:
            self.note.clear()
            self.refresh()
