"""Choose the units a complaint (or a selection) goes to, the lead, and the instruction."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.i18n import _, ngettext
from lapor_desk.services.intake import UnitChoice
from lapor_desk.ui.dialogs import buttons, hint_label

_UNIT_ID = Qt.ItemDataRole.UserRole


class DisposeDialog(QDialog):
    """Units as a filterable checklist; the first unit ticked leads."""

    def __init__(
        self,
        units: Sequence[UnitChoice],
        *,
        count: int = 1,
        suggested: Sequence[int] = (),
        already: Collection[int] = (),
        keeps_lead: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._keeps_lead = keeps_lead
        self.setWindowTitle(_("Dispose complaint"))
        self.resize(620, 560)
        self._order: list[int] = []
        self.heading = QLabel(
            ngettext(
                "Dispose {n} complaint to one or more units.",
                "Dispose {n} selected complaints to one or more units.",
                count,
            ).format(n=count)
        )
        self.heading.setWordWrap(True)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(_("Search unit by name or abbreviation…"))
        self.filter.setClearButtonEnabled(True)
        self.units = QListWidget()
        self.units.setAlternatingRowColors(True)
        for unit in units:
            item = QListWidgetItem(f"{unit.name} ({unit.abbreviation})")
            item.setData(_UNIT_ID, unit.id)
            item.setData(Qt.ItemDataRole.ToolTipRole, unit.name)
            if unit.id in already:
                item.setText(_("{unit} (already disposed)").format(unit=item.text()))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setCheckState(Qt.CheckState.Unchecked)
            else:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
            self.units.addItem(item)
        self.lead = hint_label()
        self.instruction = QPlainTextEdit(_("Please follow up according to your authority."))
        self.instruction.setTabChangesFocus(True)
        self.instruction.setFixedHeight(80)
        box, self.ok = buttons(self, _("Dispose"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.filter)
        layout.addWidget(self.units, 1)
        layout.addWidget(self.lead)
        instruction_label = QLabel(_("Instruction to the units"))
        instruction_label.setBuddy(self.instruction)
        layout.addWidget(instruction_label)
        layout.addWidget(self.instruction)
        layout.addWidget(box)
        self.filter.textChanged.connect(self._on_filter_text_changed)
        self.units.itemChanged.connect(self._on_units_item_changed)
        QShortcut(QKeySequence("Ctrl+Return"), self, self._accept_if_ready)
        for unit_id in suggested:
            found = self._item(unit_id)
            if found is not None and found.flags() & Qt.ItemFlag.ItemIsEnabled:
                found.setCheckState(Qt.CheckState.Checked)
        self._update()
        self.filter.setFocus()

    def unit_ids(self) -> list[int]:
        """The chosen units, the lead first (in the order they were ticked)."""
        return list(self._order)

    def instruction_text(self) -> str:
        """The instruction as typed, trimmed."""
        return self.instruction.toPlainText().strip()

    def check(self, unit_id: int, checked: bool = True) -> None:
        """Tick (or untick) a unit, as a click on its box does."""
        item = self._item(unit_id)
        if item is not None:
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _item(self, unit_id: int) -> QListWidgetItem | None:
        for row in range(self.units.count()):
            item = self.units.item(row)
            if item.data(_UNIT_ID) == unit_id:
                return item
        return None

    def _on_filter_text_changed(self, text: str) -> None:
        needle = text.strip().casefold()
        for row in range(self.units.count()):
            item = self.units.item(row)
            # A unit ticked stays in sight whatever is searched next: it is going to be sent.
            ticked = item.checkState() == Qt.CheckState.Checked
            item.setHidden(bool(needle) and not ticked and needle not in item.text().casefold())

    def _on_units_item_changed(self, item: QListWidgetItem) -> None:
        unit_id = int(item.data(_UNIT_ID))
        if item.checkState() == Qt.CheckState.Checked and unit_id not in self._order:
            self._order.append(unit_id)
        elif item.checkState() != Qt.CheckState.Checked and unit_id in self._order:
            self._order.remove(unit_id)
            # Unticked, it follows the search again.
            self._on_filter_text_changed(self.filter.text())
        self._update()

    def _update(self) -> None:
        self.ok.setEnabled(bool(self._order))
        lead_id = self._order[0] if self._order and not self._keeps_lead else None
        # The lead unit in bold, in the list itself (a font is no tick: no itemChanged for it).
        with QSignalBlocker(self.units):
            for row in range(self.units.count()):
                item = self.units.item(row)
                font = item.font()
                if font.bold() != (item.data(_UNIT_ID) == lead_id):
                    font.setBold(not font.bold())
                    item.setFont(font)
        if not self._order:
            self.lead.setText(_("Tick at least one unit. The first unit ticked leads."))
            return
        if self._keeps_lead:
            self.lead.setText(
                ngettext(
                    "{n} unit added; the complaint keeps its lead unit.",
                    "{n} units added; the complaint keeps its lead unit.",
                    len(self._order),
                ).format(n=len(self._order))
            )
            return
        lead = self._item(self._order[0])
        name = lead.data(Qt.ItemDataRole.ToolTipRole) if lead else "?"
        if len(self._order) == 1:
            self.lead.setText(_("Lead unit: {unit}.").format(unit=name))
        else:
            self.lead.setText(
                _("Lead unit: {unit}; {n} units in all.").format(unit=name, n=len(self._order))
            )

    def _accept_if_ready(self) -> None:
        if self.ok.isEnabled():
            self.accept()
