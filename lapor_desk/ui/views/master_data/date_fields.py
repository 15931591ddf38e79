"""Date fields of the master-data forms: QDate conversions and a date that may be left empty."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QWidget

from lapor_desk.ui.dialogs import with_calendar


def to_qdate(value: date) -> QDate:
    """A Python date as QDate."""
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    """A QDate as a Python date."""
    return date(value.year(), value.month(), value.day())


class OptionalDate(QWidget):
    """A date that may be left empty: a check box switches the date field on."""

    def __init__(self, tooltip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox()
        self.check.setToolTip(tooltip)
        self.edit = with_calendar(QDateEdit())
        self.edit.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        self.check.toggled.connect(self.edit.setEnabled)
        self.setFocusProxy(self.check)

    def value(self) -> date | None:
        """The date, or None when unchecked."""
        return from_qdate(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, value: date | None, fallback: date) -> None:
        """Show ``value``; an empty value unchecks the box and parks ``fallback`` in the field."""
        self.check.setChecked(value is not None)
        self.edit.setDate(to_qdate(value or fallback))

    def form_value(self) -> date | None:
        """What the field holds, for telling an edited form from a loaded one."""
        return self.value()
