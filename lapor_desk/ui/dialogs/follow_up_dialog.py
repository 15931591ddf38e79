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
from lapor_desk.domain.lifecycle import FOLLOW_UP_TARGET, allowed_targets
from lapor_desk.i18n import _
from lapor_desk.services.intake import UnitChoice
from lapor_desk.ui.dialogs import (
    ERROR_STYLE,
    HINT_STYLE,
    buttons,
    error_label,
    hint_label,
    with_calendar,
)


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
        current: InternalStatus | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._current = current
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
        """Refuse an empty text (said beside the field) and a move the lifecycle refuses."""
        if not self.ok.isEnabled():
            self.kind.setFocus()
            return
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
        target = FOLLOW_UP_TARGET[self.follow_up_kind()]
        current = self._current
        refused = (
            current is not None and target is not current
            and target not in allowed_targets(current)
        )
        reopens = current is InternalStatus.SELESAI and not refused and target is not current
        if refused:
            text = _("A “{current}” complaint cannot become “{target}”: choose another kind "
                     "of follow-up, or change its status first.")
        elif reopens:
            text = _("This complaint is completed: this follow-up reopens it, and its status "
                     "becomes “{target}”.")
        elif target is current:
            text = _("The complaint's status stays “{target}”.")
        else:
            text = _("The complaint's status becomes “{target}”.")
        self.moves.setText(text.format(
            target=target.label, current=current.label if current is not None else ""
        ))
        self.moves.setStyleSheet(ERROR_STYLE if refused or reopens else HINT_STYLE)
        self.ok.setEnabled(not refused)
