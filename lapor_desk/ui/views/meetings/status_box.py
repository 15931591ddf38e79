"""The planner's status box: the moves the rules allow, reopening with a reason, the history.

Only the allowed moves are offered as buttons; reopening a closed meeting goes through a typed
reason, which the meeting's history keeps.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.domain.meetings import MeetingStatus
from lapor_desk.i18n import _
from lapor_desk.services.meeting_models import MeetingDetail
from lapor_desk.ui.views.meetings.common import hint


def move_caption(current: MeetingStatus, target: MeetingStatus) -> str:
    """The button text of a status move."""
    if target is MeetingStatus.DRAFT:
        return _("Back to draft")
    if target is MeetingStatus.SCHEDULED:
        return _("Schedule")
    if target is MeetingStatus.IN_SESSION:
        return _("Start the meeting")
    if target is MeetingStatus.CLOSED:
        return _("Close the meeting")
    del current
    return _("Approve the minutes")


class MeetingStatusBox(QGroupBox):
    """Status moves, the reopening reason and the status history of one meeting."""

    #: The user chose a move (the target status).
    move_requested = Signal(object)
    #: The user asked to reopen the closed meeting (the reason typed).
    reopen_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Status"), parent)
        self.moves = QHBoxLayout()
        self.move_buttons: dict[MeetingStatus, QPushButton] = {}
        self.reopen_reason = QLineEdit()
        self.reopen_reason.setPlaceholderText(_("Why the closed meeting is reopened"))
        self.reopen_button = QPushButton(_("Reopen"))
        self.reopen_button.clicked.connect(self._on_reopen)
        self.reopen_reason.textChanged.connect(self._update_reopen)
        self.reopen_reason.returnPressed.connect(self._on_reopen)
        self.reopen_row = QWidget()
        reopen = QHBoxLayout(self.reopen_row)
        reopen.setContentsMargins(0, 0, 0, 0)
        reopen.addWidget(self.reopen_reason, 1)
        reopen.addWidget(self.reopen_button)
        self.read_only_note = hint(
            _("This meeting is closed: it is the record and cannot be changed. "
              "Reopen it (with a reason) to change it.")
        )
        self.history = QListWidget()
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.history.setMaximumHeight(120)
        status = QVBoxLayout(self)
        status.addLayout(self.moves)
        status.addWidget(self.read_only_note)
        status.addWidget(self.reopen_row)
        status.addWidget(QLabel(_("History")))
        status.addWidget(self.history)

    def show_status(self, detail: MeetingDetail | None) -> None:
        """Offer the moves of ``detail``'s status (none for an unsaved meeting) and its history."""
        while self.moves.count():
            item = self.moves.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                # Hidden at once: deleteLater waits for the event loop, and until then the old
                # button would still be drawn over the new ones.
                widget.hide()
                widget.deleteLater()
        self.move_buttons = {}
        self.history.clear()
        status = detail.row.status if detail else MeetingStatus.DRAFT
        read_only = status.read_only
        self.read_only_note.setVisible(read_only)
        self.reopen_row.setVisible(read_only)
        self.reopen_reason.clear()
        self._update_reopen()
        if detail is None:
            self.moves.addWidget(hint(_("Save the meeting to schedule it.")))
            return
        for target in sorted(detail.allowed_targets, key=list(MeetingStatus).index):
            if read_only and target is MeetingStatus.IN_SESSION:
                continue  # reopening goes through the reason field below
            button = QPushButton(move_caption(status, target))
            button.clicked.connect(
                lambda _checked=False, t=target: self.move_requested.emit(t)
            )
            self.moves.addWidget(button)
            self.move_buttons[target] = button
        self.moves.addStretch(1)
        for step in detail.history:
            when = f"{step.changed_at:%d-%m-%Y %H.%M}"
            text = f"{when}  {step.to_status.label} — {step.changed_by}"
            if step.reopening:
                text = _("{when}  Reopened by {name}: {reason}").format(
                    when=when, name=step.changed_by, reason=step.reason or ""
                )
            self.history.addItem(text)

    def _update_reopen(self) -> None:
        self.reopen_button.setEnabled(bool(self.reopen_reason.text().strip()))

    def _on_reopen(self) -> None:
        reason = self.reopen_reason.text().strip()
        if reason:
            self.reopen_requested.emit(reason)
