"""Tree model of the ministry's units: Eselon I under the ministry, directorates under them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from lapor_desk.domain.enums import UnitKind
from lapor_desk.domain.formatting import fmt_date
from lapor_desk.i18n import N_, _
from lapor_desk.services.master_data_models import UnitRow

_Index = QModelIndex | QPersistentModelIndex
#: The unit's id.
ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
_INACTIVE = QColor("#8a8a8a")

KIND_LABELS: dict[UnitKind, str] = {
    UnitKind.KEMENTERIAN: N_("Ministry"),
    UnitKind.ESELON_I: N_("Eselon I"),
    UnitKind.ESELON_II: N_("Eselon II"),
    UnitKind.SENTRA: N_("Sentra"),
    UnitKind.OTHER: N_("Other"),
}


def kind_label(kind: UnitKind) -> str:
    """The unit level as a user reads it."""
    return _(KIND_LABELS[kind])


class UnitTreeModel(QAbstractItemModel):
    """Units as a tree; a unit whose parent is missing shows at the top level.

    Internal ids of the indexes are unit ids, so an index finds its parent without pointers
    into Python objects (which Qt would not keep alive).
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: dict[int, UnitRow] = {}
        self._children: dict[int | None, list[int]] = {None: []}
        self._today = date.today()
        self._headers = [_("Unit"), _("Abbreviation"), _("Level"), _("Active")]

    def set_units(self, units: Sequence[UnitRow], today: date) -> None:
        """Replace the units; ``today`` decides which are shown as closed."""
        self.beginResetModel()
        self._today = today
        self._rows = {u.id: u for u in units}
        self._children = {None: []}
        for unit in units:  # the service sorts by name, so siblings arrive in order
            parent = unit.parent_id if unit.parent_id in self._rows else None
            self._children.setdefault(parent, []).append(unit.id)
        self.endResetModel()

    def unit(self, index: _Index) -> UnitRow | None:
        """The unit at ``index``."""
        return self._rows.get(index.internalId()) if index.isValid() else None

    def index_of(self, unit_id: int) -> QModelIndex:
        """The first-column index of ``unit_id`` (invalid when unknown)."""
        unit = self._rows.get(unit_id)
        if unit is None:
            return QModelIndex()
        parent = unit.parent_id if unit.parent_id in self._rows else None
        return self.createIndex(self._children[parent].index(unit_id), 0, unit_id)

    def index(  # noqa: D102 - Qt API
        self, row: int, column: int, parent: _Index = QModelIndex()  # noqa: B008 - Qt API
    ) -> QModelIndex:
        if column < 0 or column >= len(self._headers):
            return QModelIndex()
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        key = parent.internalId() if parent.isValid() else None
        siblings = self._children.get(key, [])
        if not 0 <= row < len(siblings):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    def parent(self, child: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008, D102 - Qt API has two overloads
        if not child.isValid():
            return QModelIndex()
        unit = self._rows.get(child.internalId())
        if unit is None or unit.parent_id not in self._rows:
            return QModelIndex()
        return self.index_of(unit.parent_id) if unit.parent_id is not None else QModelIndex()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008, D102 - Qt API
        if parent.isValid():
            if parent.column() != 0:
                return 0
            return len(self._children.get(parent.internalId(), []))
        return len(self._children[None])

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008, D102 - Qt API
        return len(self._headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Name, abbreviation, level and active period; closed units in grey."""
        unit = self.unit(index)
        if unit is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (unit.name, unit.abbreviation, kind_label(unit.kind), self._period(unit))[
                index.column()]
        if role == ID_ROLE:
            return unit.id
        if role == Qt.ItemDataRole.ForegroundRole and not unit.active_on(self._today):
            return _INACTIVE
        return None

    @staticmethod
    def _period(unit: UnitRow) -> str:
        if unit.active_to is not None:
            return _("until {date}").format(date=fmt_date(unit.active_to))
        if unit.active_from is not None:
            return _("since {date}").format(date=fmt_date(unit.active_from))
        return ""

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None
