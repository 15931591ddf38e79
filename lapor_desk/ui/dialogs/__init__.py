"""Dialogs of the complaint actions and the new-complaint form; shared small helpers."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from lapor_desk.i18n import _

ERROR_STYLE = "color: #a4161a;"
HINT_STYLE = "color: #555;"


def buttons(dialog: QDialog, accept_text: str) -> tuple[QDialogButtonBox, QPushButton]:
    """OK and Cancel with our own (translated) captions, wired to accept and reject."""
    box = QDialogButtonBox()
    ok = box.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
    cancel = box.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
    ok.setDefault(True)
    ok.setAutoDefault(True)
    cancel.setAutoDefault(False)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box, ok


def confirm(parent: QWidget, title: str, text: str, accept_text: str, keep_text: str) -> bool:
    """Ask before something that cannot simply be taken back; True when the user agrees.

    The buttons say what each does (``accept_text``: "Hapus", ``keep_text``: "Batal"), and the
    safe one is the default: Enter and Esc both keep things as they are.
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    agree = box.addButton(accept_text, QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(keep_text, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    agreed = box.clickedButton() is agree
    box.deleteLater()  # a hidden child of ``parent`` otherwise, one per question
    return agreed


def error_label(parent: QWidget | None = None) -> QLabel:
    """A red line under a field, hidden until there is something wrong."""
    label = QLabel(parent)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def hint_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A grey explanatory line."""
    label = QLabel(text, parent)
    label.setStyleSheet(HINT_STYLE)
    label.setWordWrap(True)
    return label


def with_calendar[E: QDateTimeEdit](edit: E) -> E:
    """``edit`` with a calendar to pick from, showing a day the one way every screen does.

    ``dd-MM-yyyy``, and ``dd-MM-yyyy HH:mm`` for a field that takes the time too.
    """
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd-MM-yyyy" if isinstance(edit, QDateEdit) else "dd-MM-yyyy HH:mm")
    return edit
