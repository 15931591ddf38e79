"""The reporter block of the detail pane: masked by default, revealed only to an admin.

DOMAIN.md: identities of Anonim reports, NIKs and phone numbers stay hidden ("when in doubt,
mask"). An Anonim reporter is withheld for every user, admins included.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from lapor_desk.domain.enums import Role
from lapor_desk.domain.privacy import (
    can_reveal_reporter,
    mask_email,
    mask_name,
    mask_nik,
    mask_phone,
)
from lapor_desk.i18n import _
from lapor_desk.services.read_models import ComplaintDetail
from lapor_desk.ui.views.detail_sections import Section, fact_rows


class ReporterSection(Section):
    """Name, NIK, phone, e-mail and region of the reporter, with the admin's reveal button."""

    #: The user pressed the reveal button (True) or hid the data again (False).
    reveal_toggled = Signal(bool)

    def __init__(self, role: Role, parent: QWidget | None = None) -> None:
        super().__init__(_("Reporter"), "", parent)
        self.empty.hide()
        self._role = role
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        rows = (
            ("name", _("Name")), ("nik", _("NIK")), ("phone", _("Phone")),
            ("email", _("E-mail")), ("region", _("Region")),
        )
        self.values = {key: value for key, (_label, value) in fact_rows(grid, rows).items()}
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #5a2a7a;")
        self.reveal_button = QPushButton(_("Show reporter data"))
        self.reveal_button.setCheckable(True)
        self.reveal_button.toggled.connect(self.reveal_toggled)
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignTop)
        self.body.addLayout(grid)
        self.body.addLayout(bottom)

    def show_reporter(self, detail: ComplaintDetail, revealed: bool) -> bool:
        """Fill the block; returns whether the data is shown unmasked (never for Anonim)."""
        row = detail.row
        may_reveal = can_reveal_reporter(self._role, row.anonim)
        shown = revealed and may_reveal
        values = self.values
        if row.anonim:
            values["name"].setText(_("Anonymous: identity withheld"))
            withheld = _("(withheld)")
            values["nik"].setText(withheld if detail.reporter_nik else "–")
            values["phone"].setText(withheld if detail.reporter_phone else "–")
            values["email"].setText(withheld if detail.reporter_email else "–")
            self.note.setText(
                _("The reporter chose Anonim: the identity stays hidden for every user.")
            )
        else:
            values["name"].setText(
                (detail.reporter_name if shown else mask_name(detail.reporter_name)) or "–"
            )
            values["nik"].setText(
                (detail.reporter_nik if shown else mask_nik(detail.reporter_nik)) or "–"
            )
            values["phone"].setText(
                (detail.reporter_phone if shown else mask_phone(detail.reporter_phone)) or "–"
            )
            values["email"].setText(
                (detail.reporter_email if shown else mask_email(detail.reporter_email)) or "–"
            )
            if shown:
                self.note.setText(_("Shown to you as admin. Do not pass the reporter's data on."))
            elif may_reveal:
                self.note.setText(_("Personal data is masked."))
            else:
                self.note.setText(_("Personal data is masked; only an admin may show it."))
        values["region"].setText(", ".join(part for part in detail.region if part) or "–")
        self.reveal_button.setVisible(may_reveal)
        self.reveal_button.blockSignals(True)
        self.reveal_button.setChecked(shown)
        self.reveal_button.blockSignals(False)
        self.reveal_button.setText(_("Hide reporter data") if shown else _("Show reporter data"))
        return shown
