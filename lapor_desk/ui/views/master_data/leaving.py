"""Unsaved edits in a master-data form: what a field holds, and the question before leaving it.

A tab notes what its fields hold when a record fills them; moving to another record while they
hold something else asks Simpan / Buang / Batal first (see ``EditorTab.leave_form``).
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from lapor_desk.i18n import _


class Leave(Enum):
    """The answer to "the form has changes not saved yet" when the user moves away."""

    SAVE = "save"
    DISCARD = "discard"
    STAY = "stay"


def ask_to_leave(parent: QWidget, record: str) -> Leave:
    """Ask Save / Discard / Cancel before a form with unsaved changes shows something else.

    ``record`` names what the form edits ("" for a new record). As in
    :func:`lapor_desk.ui.dialogs.confirm`, which has two answers where this needs three, each
    button says what it does and the safe one is the default: Enter and Esc stay on the form.
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Master data"))
    box.setText(
        _("The changes to “{record}” have not been saved.").format(record=record) if record
        else _("The new record has not been saved."))
    box.setInformativeText(_("Save them before moving on, or discard them?"))
    save = box.addButton(_("Save"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(_("Discard"), QMessageBox.ButtonRole.DestructiveRole)
    stay = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if clicked is save:
        return Leave.SAVE
    return Leave.DISCARD if clicked is discard else Leave.STAY


def field_value(widget: QWidget) -> object:
    """What a form field holds, comparable with what it held when the record was loaded.

    A widget of our own says it through a ``form_value()`` method.
    """
    own = getattr(widget, "form_value", None)
    if callable(own):
        return own()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentIndex(), widget.currentText()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTime()
    raise TypeError(f"no value known for a {type(widget).__name__} field")
