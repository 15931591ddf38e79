"""Name and NIP fields of an official (chair, secretary, note-taker) in the planner."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from lapor_desk.domain.meetings import format_nip
from lapor_desk.i18n import _
from lapor_desk.services.meeting_inputs import Official


class OfficialFields:
    """Name and NIP fields of a chair, secretary or note-taker."""

    def __init__(self, name_hint: str) -> None:
        self.name = QLineEdit()
        self.name.setPlaceholderText(name_hint)
        self.nip = QLineEdit()
        self.nip.setPlaceholderText(_("NIP (18 digits, optional)"))
        self.nip.setMaximumWidth(210)

    def value(self) -> Official | None:
        """The official as typed, or None without a name."""
        name = self.name.text().strip()
        return Official(name, self.nip.text().strip() or None) if name else None

    def show(self, person: Official | None) -> None:
        """Fill the fields with ``person`` (empty for None)."""
        self.name.setText(person.name if person else "")
        self.nip.setText(format_nip(person.nip) if person else "")

    def row(self) -> QWidget:
        """Name and NIP side by side, for a form row."""
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.name, 1)
        layout.addWidget(self.nip)
        return box
