"""Change the status of a complaint or a selection: only moves the lifecycle allows are offered."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.domain.enums import InternalStatus
from lapor_desk.domain.lifecycle import REASON_REQUIRED, allowed_targets
from lapor_desk.i18n import _, ngettext
from lapor_desk.ui.dialogs import buttons, hint_label


def reachable(statuses: Mapping[InternalStatus, int]) -> dict[InternalStatus, int]:
    """Each status some of the complaints may move to, with how many of them may."""
    counts: dict[InternalStatus, int] = {}
    for status in InternalStatus:
        allowed = sum(n for current, n in statuses.items() if status in allowed_targets(current))
        if allowed:
            counts[status] = allowed
    return counts


class StatusDialog(QDialog):
    """The new status and, where the status needs one, the reason."""

    def __init__(
        self, statuses: Mapping[InternalStatus, int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Change status"))
        self.resize(480, 300)
        total = sum(statuses.values())
        if total == 1:
            (current,) = statuses
            text = _("Current status: {status}.").format(status=current.label)
        else:
            text = ngettext(
                "{n} complaint selected.", "{n} complaints selected.", total
            ).format(n=total)
        heading = QLabel(text)
        self.target = QComboBox()
        # Nothing is chosen at first: Enter alone must not close a complaint or reopen one.
        self.target.addItem(_("(choose the new status)"), None)
        choices = reachable(statuses)
        self._possible = bool(choices)
        for status, count in choices.items():
            label = status.label
            if count < total:
                label = _("{status} (for {n} of {total})").format(
                    status=status.label, n=count, total=total
                )
            self.target.addItem(label, status)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(90)
        # One label whatever the status (a label that changed its width moved the fields);
        # the box itself says whether a reason is needed.
        self.reason_label = QLabel(_("Reason"))
        self.note = hint_label()
        form = QFormLayout()
        form.addRow(_("New status"), self.target)
        form.addRow(self.reason_label, self.reason)
        box, self.ok = buttons(self, _("Change status"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(box)
        self.target.currentIndexChanged.connect(self._update)
        self.reason.textChanged.connect(self._update)
        QShortcut(QKeySequence("Ctrl+Return"), self, self._accept_if_ready)
        self._update()
        self.target.setFocus()

    def target_status(self) -> InternalStatus | None:
        """The chosen status (``None`` until one is chosen, or when no move is possible)."""
        value = self.target.currentData()
        return InternalStatus(value) if value is not None else None

    def set_target(self, status: InternalStatus) -> None:
        """Choose ``status`` in the list, as the user would."""
        self.target.setCurrentIndex(self.target.findData(status))

    def reason_text(self) -> str:
        """The reason as typed, trimmed."""
        return self.reason.toPlainText().strip()

    def _needs_reason(self) -> bool:
        return self.target_status() in REASON_REQUIRED

    def _update(self) -> None:
        target = self.target_status()
        needs = self._needs_reason()
        self.reason.setPlaceholderText(
            _("Required.") if needs else _("Optional.")
        )
        self.ok.setEnabled(target is not None and (not needs or bool(self.reason_text())))
        if not self._possible:
            self.note.setText(_("No status change is possible for this selection."))
        elif target is None:
            self.note.setText(_("Choose the new status."))
        elif needs and not self.reason_text():
            self.note.setText(
                _("Status “{target}” needs a reason; it is kept in the history.").format(
                    target=target.label
                )
            )
        else:
            self.note.setText("")

    def _accept_if_ready(self) -> None:
        if self.ok.isEnabled():
            self.accept()
