"""The "Unit kerja" tab: the unit tree beside the unit's form with its liaisons."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelection, QModelIndex
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.domain.actor import Actor
from lapor_desk.domain.enums import UnitKind
from lapor_desk.i18n import _
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.master_data_models import ContactInput, UnitInput, UnitRow
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.itemmodels.unit_tree import ID_ROLE, UnitTreeModel, kind_label
from lapor_desk.ui.views.master_data.date_fields import OptionalDate
from lapor_desk.ui.views.master_data.editor import EditorTab

CONTACT_FIELDS = ("name", "nip", "position", "phone", "email")


class _LiaisonCells(QTableWidget):
    """The cells of the liaisons' table: Tab after the last cell leaves the table.

    While a cell is being typed into, Tab stores it and opens the next cell, as in a
    spreadsheet; Qt would go from the last cell back to the first, so that Tab never left
    the table. Here Tab in the last cell (Shift+Tab in the first) goes on to the next
    (previous) field of the form.
    """

    def closeEditor(  # noqa: N802 - Qt API
        self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint
    ) -> None:
        """Close the cell's editor; at either end of the table, move on out of it."""
        hints = QAbstractItemDelegate.EndEditHint
        at_end = (self.currentRow() == self.rowCount() - 1
                  and self.currentColumn() == self.columnCount() - 1)
        at_start = self.currentRow() == 0 and self.currentColumn() == 0
        if (hint is hints.EditNextItem and at_end) or (hint is hints.EditPreviousItem
                                                        and at_start):
            super().closeEditor(editor, hints.NoHint)  # the cell's text is committed already
            self.focusNextPrevChild(hint is hints.EditNextItem)
            return
        super().closeEditor(editor, hint)

    def commit_typing(self) -> None:
        """Store what is typed in a cell still open (Ctrl+S and Ctrl+N come before Enter)."""
        editor = self.indexWidget(self.currentIndex())
        if editor is not None:
            self.commitData(editor)


class ContactsTable(QWidget):
    """The liaisons of a unit, typed into a small table.

    The arrow keys move from cell to cell and typing edits the cell; Tab leaves the table for
    the buttons under it (while a cell is typed into, Tab goes on to the next cell first).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = _LiaisonCells(0, len(CONTACT_FIELDS))
        self.table.setHorizontalHeaderLabels(
            [_("Name"), _("NIP"), _("Position"), _("Phone"), _("E-mail")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)  # 18 digits
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setMinimumHeight(110)
        self.table.setTabKeyNavigation(False)  # Tab from cell to cell trapped the keyboard
        self.add_button = QPushButton(_("Add liaison"))
        self.remove_button = QPushButton(_("Remove liaison"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.setFocusProxy(self.table)

    def set_contacts(self, contacts: tuple[ContactInput, ...]) -> None:
        """Show ``contacts``."""
        self.table.setRowCount(0)
        for contact in contacts:
            self.add_row(contact)

    def add_row(self, contact: ContactInput | None = None) -> None:
        """Append a liaison (an empty row to type into by default) and put the cursor in it."""
        values = contact or ContactInput("")
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, name in enumerate(CONTACT_FIELDS):
            item = QTableWidgetItem(getattr(values, name))
            item.setToolTip(item.text())  # narrow cells elide: the whole value on hover
            self.table.setItem(row, column, item)
        self.table.setCurrentCell(row, 0)

    def _on_remove_clicked(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def form_value(self) -> tuple[tuple[str, ...], ...]:
        """Every row as typed, empty ones too: an added row is a change of the form."""
        self.table.commit_typing()
        return tuple(tuple(self._text(r, c) for c in range(len(CONTACT_FIELDS)))
                     for r in range(self.table.rowCount()))

    def contacts(self) -> tuple[ContactInput, ...]:
        """The liaisons typed; wholly empty rows are left out."""
        self.table.commit_typing()
        result = []
        for row in range(self.table.rowCount()):
            values = [self._text(row, c) for c in range(len(CONTACT_FIELDS))]
            if any(values):
                result.append(ContactInput(*values))
        return tuple(result)

    def point_at(self, number: int, field: str) -> None:
        """Select the cell of contact ``number`` (1-based, counting typed rows) and ``field``."""
        typed = [r for r in range(self.table.rowCount())
                 if any(self._text(r, c) for c in range(len(CONTACT_FIELDS)))]
        if 0 < number <= len(typed) and field in CONTACT_FIELDS:
            self.table.setCurrentCell(typed[number - 1], CONTACT_FIELDS.index(field))
            self.table.setFocus()


class UnitsTab(EditorTab[int]):
    """Units as a tree; the form edits the selected unit or a new one."""

    def __init__(self, services: Services, events: AppEvents, actor: Actor,
                 parent: QWidget | None = None) -> None:
        self.tree = QTreeView()
        super().__init__(services, events, actor, self.tree, _("Unit"), parent)
        self.splitter.setSizes([620, 580])  # the liaisons' table needs the room
        self.model = UnitTreeModel(self)
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._units: tuple[UnitRow, ...] = ()
        self._current: int | None = None
        self.name = QLineEdit()
        self.abbreviation = QLineEdit()
        self.abbreviation.setMaxLength(40)
        self.kind = QComboBox()
        for kind in UnitKind:
            self.kind.addItem(kind_label(kind), kind.value)
        self.parent_unit = QComboBox()
        self.active_from = OptionalDate(_("Tick to set the first day the unit exists"))
        self.active_to = OptionalDate(_("Tick to set the last day the unit exists"))
        self.contacts = ContactsTable()
        self.add_field("name", _("Name"), self.name)
        self.add_field("abbreviation", _("Abbreviation"), self.abbreviation)
        self.add_field("kind", _("Level"), self.kind)
        self.add_field("parent", _("Part of"), self.parent_unit)
        self.add_field("active_from", _("Active from"), self.active_from)
        self.add_field("active_to", _("Active until"), self.active_to)
        self.add_field("contacts", _("Liaisons (admin penghubung)"), self.contacts, span=True)
        self.deactivate_button = self.add_button(_("Deactivate"), self.deactivate)
        for edit in (self.name, self.abbreviation):
            edit.returnPressed.connect(self.save)
        self.tree.selectionModel().selectionChanged.connect(self._on_tree_selection_changed)
        self.reload()

    def model_units(self) -> tuple[UnitRow, ...]:
        """The units the tree shows."""
        return self._units

    def _today(self) -> date:
        return self._services.settings.reference_date()

    def reload(self) -> None:
        """Read the units again, keep the tree open and the selection."""
        self._units = self._services.master_data.units()
        self.model.set_units(self._units, self._today())
        self.tree.expandAll()
        for column in range(self.model.columnCount()):
            self.tree.resizeColumnToContents(column)
        # The longest names are elided so that abbreviation and level stay in view.
        self.tree.setColumnWidth(0, min(self.tree.columnWidth(0), 340))
        self._fill_parents()
        self.reopen()

    def _fill_parents(self) -> None:
        self.parent_unit.clear()
        self.parent_unit.addItem(_("(top level)"), None)
        for unit in sorted(self._units, key=lambda u: u.abbreviation):
            self.parent_unit.addItem(f"{unit.abbreviation} — {unit.name}", unit.id)

    def select(self, unit_id: int) -> None:
        """Select ``unit_id`` in the tree and fill the form with it (what was typed is lost)."""
        self.open_quietly(unit_id)

    def _on_tree_selection_changed(self, selected: QItemSelection, _old: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self.open_record(int(indexes[0].data(ID_ROLE)))

    def current_key(self) -> int | None:
        """The unit in the form; None for a new one."""
        return self._current

    def index_of(self, key: int) -> QModelIndex:
        """The tree's index of unit ``key``."""
        return self.model.index_of(key)

    def show_key(self, key: int) -> None:
        """Fill the form with unit ``key``."""
        self._show(key)

    def record_name(self) -> str:
        """The stored name of the unit in the form."""
        unit = next((u for u in self._units if u.id == self._current), None)
        return unit.name if unit is not None else ""

    def _show(self, unit_id: int) -> None:
        unit = next((u for u in self._units if u.id == unit_id), None)
        if unit is None:
            return
        self._current = unit.id
        self.name.setText(unit.name)
        self.abbreviation.setText(unit.abbreviation)
        self.kind.setCurrentIndex(self.kind.findData(unit.kind.value))
        self.parent_unit.setCurrentIndex(max(0, self.parent_unit.findData(unit.parent_id)))
        self.active_from.set_value(unit.active_from, self._today())
        self.active_to.set_value(unit.active_to, self._today())
        self.contacts.set_contacts(unit.contacts)
        self.deactivate_button.setEnabled(unit.active_to is None)
        self.hide_error()

    def clear_form(self) -> None:
        """A new unit under the selected one's parent level."""
        self._current = None
        for edit in (self.name, self.abbreviation):
            edit.clear()
        self.kind.setCurrentIndex(self.kind.findData(UnitKind.ESELON_II.value))
        self.parent_unit.setCurrentIndex(0)
        self.active_from.set_value(None, self._today())
        self.active_to.set_value(None, self._today())
        self.contacts.set_contacts(())
        self.deactivate_button.setEnabled(False)

    def unit_input(self) -> UnitInput:
        """The unit as typed."""
        parent = self.parent_unit.currentData()
        return UnitInput(
            name=self.name.text(), abbreviation=self.abbreviation.text(),
            kind=UnitKind(self.kind.currentData()),
            parent_id=int(parent) if parent is not None else None,
            active_from=self.active_from.value(), active_to=self.active_to.value(),
            contacts=self.contacts.contacts(),
        )

    def save(self) -> None:
        """Create or update the unit in the form."""
        data = self.unit_input()
        md, current = self._services.master_data, self._current
        if current is None:
            created = self.call(lambda: md.create_unit(self._actor, data))
            if created is None:
                return  # refused: the form keeps what was typed, the message is under it
            self._current, changes = created
        else:
            result = self.call(lambda: md.update_unit(self._actor, current, data))
            if result is None:
                return
            changes = result
        self.announce(changes)

    def deactivate(self) -> None:
        """Close the selected unit on the "active until" date (the reference date if empty).

        Other unsaved edits of the unit are asked about first (Simpan / Buang / Batal): the
        unit is read again afterwards. The "active until" date is this action's own.
        """
        if self._current is None:
            return
        last_day = self.active_to.value() or self._today()
        self.leave_form(lambda: self._deactivate(last_day), besides="active_to")

    def _deactivate(self, last_day: date) -> None:
        if self._current is None:
            return
        current = self._current
        md = self._services.master_data
        changes = self.call(lambda: md.deactivate_unit(self._actor, current, last_day))
        if changes is not None:
            self.announce(changes)

    def focus_detail(self, field: str) -> None:
        """``contacts.2.nip`` selects the NIP cell of the second liaison."""
        parts = field.split(".")
        if len(parts) == 3 and parts[0] == "contacts" and parts[1].isdigit():
            self.contacts.point_at(int(parts[1]), parts[2])
