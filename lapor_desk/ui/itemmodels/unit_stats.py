"""Table model of the per-unit indicators."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from lapor_desk.domain.formatting import fmt_decimal, fmt_int, fmt_percent
from lapor_desk.i18n import _
from lapor_desk.services.stats import UnitStats

_Index = QModelIndex | QPersistentModelIndex


class UnitStatsTableModel(QAbstractTableModel):
    """One row per unit: received, rates, first response, overdue."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[UnitStats] = []
        self._headers = [
            _("Unit"), _("Received"), _("Follow-up rate"), _("Completion rate"),
            _("Avg. first response (working days)"), _("Overdue"),
        ]

    def set_rows(self, rows: Sequence[UnitStats]) -> None:
        """Replace the rows."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        """Number of units (no children)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        """Number of columns (no children)."""
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Formatted figures; right-aligned numbers; raw values for sorting."""
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        ind = row.indicators
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                f"{row.unit} ({row.abbreviation})",
                fmt_int(ind.received),
                fmt_percent(ind.followed_up_rate),
                fmt_percent(ind.completed_rate),
                fmt_decimal(ind.avg_first_response_workdays),
                fmt_int(ind.overdue),
            )[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return (
                row.abbreviation, ind.received, ind.followed_up_rate, ind.completed_rate,
                ind.avg_first_response_workdays, ind.overdue,
            )[column]
        return None

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None
