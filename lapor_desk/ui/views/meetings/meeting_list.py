"""The meetings of a year, newest first, with the button that plans a new one."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.i18n import _
from lapor_desk.services.bootstrap import Services
from lapor_desk.ui.itemmodels.meeting_tables import ID_ROLE, MeetingTableModel


class MeetingList(QWidget):
    """Year filter, the meetings table, and "New meeting"."""

    #: The user chose a meeting (its id).
    meeting_chosen = Signal(int)
    #: The user asked for a new meeting.
    new_requested = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.year = QComboBox()
        self.year.setMinimumWidth(90)
        self.new_button = QPushButton(_("New meeting"))
        self.new_button.clicked.connect(self.new_requested)
        self.model = MeetingTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(3, 130)
        # Units and attendance are in the tooltip-wide planner; the list stays narrow.
        self.table.setColumnHidden(4, True)
        self.table.setColumnHidden(5, True)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Year")))
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.year.currentIndexChanged.connect(self._on_year_changed)
        self.refresh()

    def refresh(self, keep: int | None = None) -> None:
        """Reload years and meetings; keep the meeting ``keep`` (or the chosen one) selected."""
        keep = keep if keep is not None else self.current_id()
        chosen = self.year.currentData()
        years = list(self._services.meetings.years())
        reference = self._services.settings.reference_date().year
        if reference not in years:
            years.insert(0, reference)
        years.sort(reverse=True)
        self.year.blockSignals(True)
        self.year.clear()
        for year in years:
            self.year.addItem(str(year), year)
        index = self.year.findData(chosen if chosen is not None else years[0])
        self.year.setCurrentIndex(max(index, 0))
        self.year.blockSignals(False)
        self._load(keep)

    def show_year_of(self, meeting_id: int, year: int) -> None:
        """Switch to ``year`` and select ``meeting_id``."""
        index = self.year.findData(year)
        if index < 0:
            self.refresh(meeting_id)
            index = self.year.findData(year)
        self.year.blockSignals(True)
        self.year.setCurrentIndex(max(index, 0))
        self.year.blockSignals(False)
        self._load(meeting_id)

    def _load(self, keep: int | None) -> None:
        year = self.year.currentData()
        self.table.selectionModel().blockSignals(True)
        self.model.set_rows(self._services.meetings.list_meetings(year))
        self.table.selectionModel().blockSignals(False)
        if keep is not None:
            row = self.model.row_of(keep)
            if row >= 0:
                self.table.selectionModel().blockSignals(True)
                self.table.selectRow(row)
                self.table.selectionModel().blockSignals(False)

    def current_id(self) -> int | None:
        """The selected meeting's id."""
        rows = self.table.selectionModel().selectedRows()
        return int(rows[0].data(ID_ROLE)) if rows else None

    def select(self, meeting_id: int) -> None:
        """Select ``meeting_id`` as the user would (emits ``meeting_chosen``)."""
        row = self.model.row_of(meeting_id)
        if row >= 0:
            self.table.selectRow(row)

    def _on_year_changed(self) -> None:
        self._load(None)

    def _on_table_selection_changed(self, selected: QItemSelection, _old: QItemSelection) -> None:
        del selected
        meeting_id = self.current_id()
        if meeting_id is not None:
            self.meeting_chosen.emit(meeting_id)
