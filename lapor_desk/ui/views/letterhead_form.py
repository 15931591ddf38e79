"""The letterhead and signer of every document, as a form that saves through the documents service.

The Reports page and the settings page both show this form; it saves through
:meth:`~lapor_desk.services.documents.DocumentService.save_letterhead` and reloads when the
settings change, so the two pages never disagree.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from lapor_desk.domain.actor import Actor
from lapor_desk.domain.errors import ValidationError
from lapor_desk.i18n import _
from lapor_desk.reports.document import Paper
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.changes import Changes
from lapor_desk.services.documents import LetterheadSettings
from lapor_desk.ui.dialogs import error_label
from lapor_desk.ui.errors import show_error
from lapor_desk.ui.events import AppEvents


class LetterheadForm(QGroupBox):
    """Ministry, unit lines, address, contact lines, city, head of Biro Humas, paper, logo."""

    def __init__(self, services: Services, events: AppEvents, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(_("Letterhead and signer"), parent)
        self._services = services
        self._events = events
        self._actor = actor
        self._logo: bytes | None = None
        self.ministry = QLineEdit()
        self.units = QPlainTextEdit()
        self.units.setFixedHeight(56)
        self.units.setTabChangesFocus(True)
        self.address = QLineEdit()
        self.phone = QLineEdit()
        self.website = QLineEdit()
        self.email = QLineEdit()
        self.city = QLineEdit()
        self.head_name = QLineEdit()
        self.head_nip = QLineEdit()
        self.paper = QComboBox()
        self.paper.addItem("A4", Paper.A4.value)
        self.paper.addItem("F4 / Folio", Paper.F4.value)
        self.logo_label = QLabel()
        self.logo_button = QPushButton(_("Choose logo (PNG)…"))
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_label, 1)
        logo_row.addWidget(self.logo_button)
        self.error = error_label()
        self.save_button = QPushButton(_("Save letterhead"))
        form = QFormLayout(self)
        for label, widget in (
            (_("Ministry"), self.ministry), (_("Unit lines"), self.units),
            (_("Address"), self.address), (_("Phone"), self.phone),
            (_("Website"), self.website), (_("E-mail"), self.email),
            (_("City for the date line"), self.city),
            (_("Head of Biro Humas"), self.head_name), (_("NIP of the head"), self.head_nip),
            (_("Default paper"), self.paper),
        ):
            form.addRow(label, widget)
        form.addRow(_("Logo"), logo_row)
        form.addRow("", self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        self.logo_button.clicked.connect(self._on_logo_clicked)
        self.save_button.clicked.connect(self.save)
        events.changed.connect(self._on_events_changed)
        self.load()

    def load(self) -> None:
        """Show the stored letterhead."""
        value = self._services.documents.letterhead_settings()
        self._logo = value.logo_png
        self.ministry.setText(value.ministry)
        self.units.setPlainText("\n".join(value.units))
        self.address.setText(value.address)
        self.phone.setText(value.phone)
        self.website.setText(value.website)
        self.email.setText(value.email)
        self.city.setText(value.city)
        self.head_name.setText(value.head_name)
        self.head_nip.setText(value.head_nip)
        self.paper.setCurrentIndex(max(0, self.paper.findData(value.paper.value)))
        self.logo_label.setText(_("Logo set") if value.logo_png else _("No logo"))

    def letterhead(self) -> LetterheadSettings:
        """The letterhead as typed (fields this form does not show keep their stored value)."""
        stored = self._services.documents.letterhead_settings()
        return replace(
            stored, ministry=self.ministry.text(),
            units=tuple(u.strip() for u in self.units.toPlainText().splitlines() if u.strip()),
            address=self.address.text(), phone=self.phone.text(), website=self.website.text(),
            email=self.email.text(), city=self.city.text() or stored.city,
            head_name=self.head_name.text(), head_nip=self.head_nip.text(),
            paper=Paper(self.paper.currentData()), logo_png=self._logo,
        )

    def save(self) -> None:
        """Store the letterhead; a refusal shows under the form."""
        try:
            changes = self._services.documents.save_letterhead(self._actor, self.letterhead())
        except ValidationError as error:
            self.error.setText(error.message)
            self.error.show()
            self.ministry.setFocus()
            return
        self.error.hide()
        self._events.emit_changes(changes)

    def _on_logo_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Choose logo"), "", "PNG (*.png)")
        if not path:
            return
        try:
            self._logo = Path(path).read_bytes()
        except OSError as error:
            show_error(self, error)
            return
        self.logo_label.setText(Path(path).name)

    def _on_events_changed(self, changes: Changes) -> None:
        if changes.settings:
            self.load()
