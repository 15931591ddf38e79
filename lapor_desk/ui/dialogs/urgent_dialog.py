"""Mark a complaint urgent (with the reason why) or clear the flag."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from lapor_desk.i18n import _
from lapor_desk.ui.dialogs import buttons, hint_label


class UrgentDialog(QDialog):
    """A check box and a reason; saving is possible only when something changes."""

    def __init__(
        self, urgent: bool, reason: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Urgent complaint"))
        self.resize(460, 220)
        self._before = (urgent, (reason or "").strip())
        self.urgent = QCheckBox(_("Urgent: must be resolved first, with shorter deadlines"))
        self.urgent.setChecked(urgent)
        self.reason = QLineEdit(reason or "")
        self.reason.setPlaceholderText(_("e.g. requested by leadership; risk to the reporter"))
        reason_label = QLabel(_("Reason"))
        reason_label.setBuddy(self.reason)
        self.note = hint_label()
        box, self.ok = buttons(self, _("Save"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.urgent)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(box)
        self.urgent.toggled.connect(self._update)
        self.reason.textChanged.connect(self._update)
        self._update()
        self.reason.setFocus()

    def is_urgent(self) -> bool:
        """Whether the complaint is to be urgent."""
        return self.urgent.isChecked()

    def reason_text(self) -> str:
        """The reason, trimmed."""
        return self.reason.text().strip()

    def _update(self) -> None:
        urgent = self.is_urgent()
        self.reason.setEnabled(urgent)
        changed = (urgent, self.reason_text() if urgent else "") != (
            self._before[0], self._before[1] if self._before[0] else ""
        )
        missing = urgent and not self.reason_text()
        self.ok.setEnabled(changed and not missing)
        self.note.setText(_("An urgent complaint needs a reason.") if missing else "")
