"""The column step's table: each header of the file, the field it fills (editable), its fate."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from lapor_desk.i18n import _
from lapor_desk.services.importer.columns import Field
from lapor_desk.services.importer.mapping import (
    CHOOSABLE,
    ColumnMapping,
    ColumnState,
    MappedColumn,
    field_label,
)

_Index = QModelIndex | QPersistentModelIndex

HEADER, FIELD, STATE = range(3)
_MUTED = QColor("#6b6b6b")


def choice_label(name: str) -> str:
    """A field name as the combo box shows it; ``""`` is "ignore"."""
    return field_label(Field(name)) if name else _("(ignore)")


def state_text(column: MappedColumn) -> str:
    """What the import does with the column, in the user's words."""
    match column.state:
        case ColumnState.USED:
            return _("used")
        case ColumnState.IGNORED:
            return _("ignored")
        case ColumnState.UNKNOWN:
            return _("unknown column: ignored")
        case ColumnState.DUPLICATE:
            return _("field already filled by an earlier column: ignored")


class ColumnMappingModel(QAbstractTableModel):
    """Headers of the file's header row; the Field column is edited with :class:`FieldDelegate`.

    ``choice_changed(header, field_name)`` is emitted when the user picks another field; the
    page then maps the columns again and hands the result back with :meth:`set_mapping`.
    """

    choice_changed = Signal(str, str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._mapping = ColumnMapping(None, (), ())
        self._choices: dict[str, str] = {}
        self._headers = [_("Column in the file"), _("Fills"), _("What happens")]

    @property
    def mapping(self) -> ColumnMapping:
        """The mapping shown."""
        return self._mapping

    def set_mapping(self, mapping: ColumnMapping, choices: dict[str, str]) -> None:
        """Show ``mapping``; the rows are reset only when the file's headers differ."""
        same = [c.header for c in mapping.columns] == [c.header for c in self._mapping.columns]
        if not same:
            self.beginResetModel()
        self._mapping = mapping
        self._choices = dict(choices)
        if not same:
            self.endResetModel()
        elif mapping.columns:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(mapping.columns) - 1, STATE))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        """Number of headers (no children)."""
        return 0 if parent.isValid() else len(self._mapping.columns)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        """Header, field, state (no children)."""
        return 0 if parent.isValid() else len(self._headers)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        """The field column is editable."""
        flags = super().flags(index)
        if index.isValid() and index.column() == FIELD:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Header text, chosen field (label; its name under EditRole), state."""
        if not index.isValid():
            return None
        column = self._mapping.columns[index.row()]
        chosen = self._mapping.choice(column, self._choices)
        if role == Qt.ItemDataRole.EditRole and index.column() == FIELD:
            return chosen
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == HEADER:
                return column.header
            if index.column() == FIELD:
                return choice_label(chosen)
            return state_text(column)
        if role == Qt.ItemDataRole.ForegroundRole and column.state is not ColumnState.USED:
            return _MUTED
        return None

    def setData(  # noqa: N802 - Qt API
        self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        """Choose the field of a column (``""``: ignore it)."""
        if not index.isValid() or index.column() != FIELD or role != Qt.ItemDataRole.EditRole:
            return False
        name = str(value or "")
        if name and name not in {f.value for f in CHOOSABLE}:
            return False
        column = self._mapping.columns[index.row()]
        if self._mapping.choice(column, self._choices) == name:
            return True
        self._choices[column.header] = name
        self.dataChanged.emit(index, index)
        self.choice_changed.emit(column.header, name)
        return True

    def headerData(  # noqa: N802 - Qt API
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        """Column titles; no row titles."""
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None


class FieldDelegate(QStyledItemDelegate):
    """A combo box of the register's fields; the choice is committed as soon as it is picked."""

    def createEditor(  # noqa: N802 - Qt API
        self, parent: QWidget, option: QStyleOptionViewItem, index: _Index
    ) -> QWidget:
        """A combo box of "(ignore)" and every field."""
        del option, index
        combo = QComboBox(parent)
        combo.addItem(choice_label(""), "")
        for field in CHOOSABLE:
            combo.addItem(choice_label(field.value), field.value)
        combo.setMaxVisibleItems(16)
        combo.activated.connect(lambda _i: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:  # noqa: N802 - Qt API
        """Select the column's current field."""
        assert isinstance(editor, QComboBox)
        position = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        if position != editor.currentIndex():
            editor.setCurrentIndex(max(position, 0))

    def setModelData(  # noqa: N802 - Qt API
        self, editor: QWidget, model: QAbstractItemModel, index: _Index
    ) -> None:
        """Store the chosen field."""
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
