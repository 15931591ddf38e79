"""Record a unit's follow-up (tindak lanjut): who, what kind, when, and the text."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QDateTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.domain.enums import FollowUpKind, InternalStatus
from lapor_desk.i18n import _
from lapor_desk.services.intake import UnitChoice
from lapor_desk.ui.dialogs import buttons, error_label, hint_label, with_calendar

#: The status a complaint moves to with each kind of follow-up (as the service moves it).
_MOVES_TO = {
    FollowUpKind.COMPLETION: InternalStatus.SELESAI,
    FollowUpKind.INFO_REQUEST: InternalStatus.MENUNGGU_KELENGKAPAN,
}


class FollowUpDialog(QDialog):
    """The follow-up form; Ctrl+Enter saves from the text field."""

    def __init__(
        self,
        units: Sequence[UnitChoice],
        *,
        default_unit_id: int | None,
        first: bool,
        received_at: datetime,
        now: datetime,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Record a follow-up"))
        self.resize(560, 440)
        self.unit = QComboBox()
        self.unit.addItem(_("(no unit)"), None)
        for unit in units:
            self.unit.addItem(f"{unit.name} ({unit.abbreviation})", unit.id)
        if default_unit_id is not None:
            self.unit.setCurrentIndex(max(0, self.unit.findData(default_unit_id)))
        self.kind = QComboBox()
        for kind in FollowUpKind:
            self.kind.addItem(kind.label, kind)
        default_kind = FollowUpKind.FIRST_RESPONSE if first else FollowUpKind.FOLLOW_UP
        self.kind.setCurrentIndex(self.kind.findData(default_kind))
        self.posted_at = with_calendar(QDateTimeEdit(QDateTime(now)))
        self.posted_at.setDateTimeRange(QDateTime(received_at), QDateTime(now))
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(_("What the unit did or answered"))
        self.text_error = error_label()
        self.moves = hint_label()
        form = QFormLayout()
        form.addRow(_("Unit"), self.unit)
        form.addRow(_("Kind"), self.kind)
        form.addRow(_("Date and time"), self.posted_at)
        form.addRow(_("Follow-up text"), self.text)
        form.addRow("", self.text_error)
        box, self.ok = buttons(self, _("Save"))
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.moves)
        layout.addWidget(box)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.text.textChanged.connect(self._on_text_changed)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)
        self._on_kind_changed()
        self.text.setFocus()

    def unit_id(self) -> int | None:
        """The unit that followed up, or ``None``."""
        value = self.unit.currentData()
        return int(value) if value is not None else None

    def follow_up_kind(self) -> FollowUpKind:
        """The chosen kind."""
        return FollowUpKind(self.kind.currentData())

    def when(self) -> datetime:
        """The date and time of the follow-up, to the minute."""
        value = self.posted_at.dateTime().toPython()
        assert isinstance(value, datetime)
        return value.replace(second=0, microsecond=0)

    def body(self) -> str:
        """The follow-up text, trimmed."""
        return self.text.toPlainText().strip()

    def accept(self) -> None:
        """Refuse an empty text with a message beside the field."""
        if not self.body():
            self.text_error.setText(_("Follow-up text is required."))
            self.text_error.show()
            self.text.setFocus()
            return
        super().accept()

    def _on_text_changed(self) -> None:
        if self.body():
            self.text_error.hide()

    def _on_kind_changed(self) -> None:
        target = _MOVES_TO.get(self.follow_up_kind(), InternalStatus.PROSES)
        self.moves.setText(
            _("The complaint's status becomes “{target}”.").format(target=target.label)
        )
