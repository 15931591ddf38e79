"""The base of the tabs over a flat table of records (SLA rules, status mapping, routing rules)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from lapor_desk.domain.actor import Actor
from lapor_desk.services.bootstrap import Services
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.itemmodels.row_table import RowTableModel
from lapor_desk.ui.views.master_data.editor import EditorTab


def _table[T](model: RowTableModel[T], stretch: int) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


class TableTab[T, K](EditorTab[K]):
    """A tab over a flat table model of records ``T`` identified by ``K``: a row fills the form."""

    model: RowTableModel[T]

    def __init__(self, services: Services, events: AppEvents, actor: Actor,
                 model: RowTableModel[T], stretch: int, title: str,
                 parent: QWidget | None = None) -> None:
        self.model = model
        self.table = _table(model, stretch)
        super().__init__(services, events, actor, self.table, title, parent)
        self._current: K | None = None
        model.setParent(self)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.row() >= 0:
            self.open_record(self.key_of(self.model.row_at(current.row())))

    def key_of(self, item: T) -> K:
        """What identifies ``item``."""
        raise NotImplementedError

    def show_row(self, item: T) -> None:
        """Fill the form with ``item``."""
        raise NotImplementedError

    def stored(self) -> T | None:
        """The record in the form as stored; None for a new one."""
        row = self._row_of(self._current) if self._current is not None else -1
        return self.model.row_at(row) if row >= 0 else None

    def _row_of(self, key: K) -> int:
        return next((n for n, item in enumerate(self.model.rows) if self.key_of(item) == key),
                    -1)

    def current_key(self) -> K | None:
        """The record in the form; None for a new one."""
        return self._current

    def index_of(self, key: K) -> QModelIndex:
        """The table's index of record ``key``."""
        row = self._row_of(key)
        return self.model.index(row, 0) if row >= 0 else QModelIndex()

    def show_key(self, key: K) -> None:
        """Fill the form with record ``key``."""
        self.show_row(self.model.row_at(self._row_of(key)))
