"""The one read-only table model of the app's small tables: a list of frozen read models.

Columns are declared once as :class:`Column` values, so a column's header, text, tooltip, sort
key and alignment stay together. The meeting screens, the master-data tabs and the import
preview (up to 100.000 rows, sorted in Python by one key function per column rather than by a
proxy calling ``data()`` for each comparison) all build on :class:`RowTableModel`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from lapor_desk.domain.formatting import fmt_int

Index = QModelIndex | QPersistentModelIndex

#: The id of the row's record (meeting, agenda item, attendance line, action item, ...).
ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
_WARNING = QColor("#a4161a")
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True, slots=True)
class Column[T]:
    """One column of a :class:`RowTableModel`.

    ``text`` is the whole text (also the tooltip); ``shown``, when given, is what the cell
    shows instead; ``key`` makes the column sortable; numbers are right-aligned.
    """

    header: str
    text: Callable[[T], str]
    key: Callable[[T], Any] | None = None
    numeric: bool = False
    shown: Callable[[T], str] | None = None


class RowTableModel[T](QAbstractTableModel):
    """A flat, read-only table of read models; ``ID_ROLE`` gives each row's record id."""

    def __init__(self, columns: Sequence[Column[T]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[T] = []

    @property
    def rows(self) -> tuple[T, ...]:
        """The rows, in the order shown."""
        return tuple(self._rows)

    def set_rows(self, rows: Sequence[T]) -> None:
        """Replace the rows."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> T:
        """The read model shown in ``row``."""
        return self._rows[row]

    def row_of(self, record_id: int) -> int:
        """The row showing the record ``record_id``, or -1."""
        for number, item in enumerate(self._rows):
            if getattr(item, "id", None) == record_id:
                return number
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        """Number of rows (no children)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        """Number of columns (no children)."""
        return 0 if parent.isValid() else len(self._columns)

    def display(self, column: Column[T], item: T) -> str:
        """The text a cell shows (subclasses may shorten it)."""
        return (column.shown or column.text)(item)

    def needs_attention(self, item: T) -> bool:
        """Rows drawn in the warning colour (e.g. overdue action items)."""
        del item
        return False

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, whole text as tooltip, alignment, the record id and a warning colour."""
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(column, item)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.text(item)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.numeric else _LEFT
        if role == ID_ROLE:
            return getattr(item, "id", None)
        if role == Qt.ItemDataRole.ForegroundRole and self.needs_attention(item):
            return _WARNING
        return None

    def headerData(  # noqa: N802 - Qt API
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        """Column titles; row numbers down the side."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section].header if 0 <= section < len(self._columns) else None
        return fmt_int(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column`` if it has a key (stable: equal keys keep their order)."""
        if not 0 <= column < len(self._columns):
            return
        key = self._columns[column].key
        if key is None:
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        tracked = [(self._rows[index.row()], index.column()) for index in before]
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        if tracked:
            position = {id(item): number for number, item in enumerate(self._rows)}
            self.changePersistentIndexList(
                before, [self.index(position[id(item)], col) for item, col in tracked])
        self.layoutChanged.emit()
