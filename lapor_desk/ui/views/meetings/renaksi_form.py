"""The form of one Renaksi action plan: what it is, who owns it, by when, and where it stands.

The demo holds only the five items of 2021-2024 that the November 2022 meeting fulfilled; the
user types the rest here. A new item takes the next free number of its period unless one is
given; an item keeps its period and number once saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.domain.meeting_outcomes import RenaksiStatus
from lapor_desk.i18n import _
from lapor_desk.services.meeting_models import UnitRef
from lapor_desk.services.renaksi import RenaksiInput, RenaksiRow
from lapor_desk.ui.dialogs import with_calendar
from lapor_desk.ui.views.meetings.common import compact, form_error, from_qdate, to_qdate


class RenaksiForm(QGroupBox):
    """Add or correct one action plan; Ctrl+S (or Enter in a one-line field) saves."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Action plan"), parent)
        self.row: RenaksiRow | None = None  # None: a new item
        self.period = QComboBox()
        self.period.setEditable(True)
        self.period.setToolTip(_("Two years, e.g. 2025-2029"))
        self.number = QSpinBox()
        self.number.setRange(0, 999)
        self.number.setSpecialValueText(_("next free"))
        self.plan_title = QLineEdit()
        self.plan_title.setPlaceholderText(_("e.g. Compose the SOP for public-complaint handling"))
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(_("What the action plan involves"))
        self.description.setFixedHeight(56)
        self.output = QLineEdit()
        self.output.setPlaceholderText(_("Expected output, e.g. a signed decree"))
        self.unit = QComboBox()
        compact(self.unit)
        self.has_target = QCheckBox(_("Target date"))
        self.target = with_calendar(QDateEdit())
        self.has_target.toggled.connect(self.target.setEnabled)
        self.status = QComboBox()
        for status in RenaksiStatus:
            self.status.addItem(status.label, status)
        self.status.activated.connect(self._on_status_activated)
        self.progress = QSpinBox()
        self.progress.setRange(0, 100)
        self.progress.setSuffix(" %")
        self.save_button = QPushButton(_("Save action plan"))
        self.save_button.setToolTip(_("Ctrl+S"))
        self.cancel_button = QPushButton(_("Cancel"))
        self.error = form_error()
        for line in (self.plan_title, self.output):
            line.returnPressed.connect(self.save_button.click)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self, self.save_button.click)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        where = QHBoxLayout()
        where.addWidget(self.period, 1)
        where.addWidget(self.number)
        target_row = QHBoxLayout()
        target_row.addWidget(self.has_target)
        target_row.addWidget(self.target)
        target_row.addStretch(1)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.status, 1)
        progress_row.addWidget(self.progress)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        form = QFormLayout()
        form.addRow(_("Period and No."), where)
        form.addRow(_("Title"), self.plan_title)
        form.addRow(_("Description"), self.description)
        form.addRow(_("Output"), self.output)
        form.addRow(_("Unit"), self.unit)
        form.addRow("", target_row)
        form.addRow(_("Status and progress"), progress_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def set_choices(self, periods: Sequence[str], units: Sequence[UnitRef]) -> None:
        """The periods offered for a new item and the units that can own one."""
        self.period.clear()
        self.period.addItems(list(periods))
        self.unit.clear()
        self.unit.addItem(_("(no unit)"), None)
        for unit in units:
            self.unit.addItem(f"{unit.abbreviation} — {unit.name}", unit.id)

    def new_item(self, period: str | None, today: date) -> None:
        """An empty form for a new item of ``period``."""
        self.row = None
        self.setTitle(_("New action plan"))
        self.period.setEnabled(True)
        self.number.setEnabled(True)
        self.period.setEditText(period or "")
        self.number.setValue(0)
        for line in (self.plan_title, self.output):
            line.clear()
        self.description.clear()
        self.unit.setCurrentIndex(0)
        self.has_target.setChecked(False)
        self.target.setEnabled(False)
        self.target.setDate(to_qdate(today))
        self.status.setCurrentIndex(self.status.findData(RenaksiStatus.NOT_STARTED))
        self.progress.setValue(0)
        self.cancel_button.show()
        self.error.hide()
        self.plan_title.setFocus()

    def show_row(self, row: RenaksiRow, today: date) -> None:
        """Load ``row`` to correct it; its period and number stay."""
        self.row = row
        self.setTitle(_("Action plan No. {number}").format(number=row.number))
        self.period.setEditText(row.period)
        self.number.setValue(row.number)
        self.period.setEnabled(False)
        self.number.setEnabled(False)
        self.plan_title.setText(row.title)
        self.plan_title.setCursorPosition(0)  # long titles: show how they begin
        self.description.setPlainText(row.description)
        self.output.setText(row.output)
        self.unit.setCurrentIndex(max(0, self.unit.findData(row.owner_unit_id)))
        self.has_target.setChecked(row.target_date is not None)
        self.target.setEnabled(row.target_date is not None)
        self.target.setDate(to_qdate(row.target_date or today))
        self.status.setCurrentIndex(self.status.findData(row.status))
        self.progress.setValue(row.progress)
        self.cancel_button.hide()
        self.error.hide()

    def _on_status_activated(self) -> None:
        # The two ends of the scale follow the status; in between the user says how far.
        status = RenaksiStatus(self.status.currentData())
        if status is RenaksiStatus.ACHIEVED:
            self.progress.setValue(100)
        elif status is RenaksiStatus.NOT_STARTED:
            self.progress.setValue(0)

    def renaksi_input(self) -> RenaksiInput:
        """The form as the service's input (the service checks it)."""
        unit = self.unit.currentData()
        return RenaksiInput(
            period=self.period.currentText(),
            title=self.plan_title.text(),
            description=self.description.toPlainText(),
            output=self.output.text(),
            owner_unit_id=int(unit) if unit is not None else None,
            target_date=from_qdate(self.target.date()) if self.has_target.isChecked() else None,
            status=RenaksiStatus(self.status.currentData()),
            progress=self.progress.value(),
            number=self.number.value() or None,
        )
