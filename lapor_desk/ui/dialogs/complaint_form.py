"""The new-complaint form for letters, phone calls and walk-ins; keyboard first.

Tab moves through the fields in reading order, Enter saves and closes, Ctrl+N saves and clears the
form for the next complaint, Esc closes. NIK, phone and e-mail are checked as soon as the user
leaves the field; topic and unit follow the routing rules until the user picks them; complaints
of the same reporter with a similar title within 30 days are listed while typing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from itertools import pairwise

from PySide6.QtCore import QDateTime, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.domain.actor import Actor
from lapor_desk.domain.enums import Klasifikasi
from lapor_desk.domain.errors import LaporError, ValidationError
from lapor_desk.domain.formatting import fmt_date, fmt_percent
from lapor_desk.i18n import _
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.register import OFFLINE_CHANNELS, ComplaintInput
from lapor_desk.ui.dialogs import (
    ERROR_STYLE,
    HINT_STYLE,
    confirm,
    hint_label,
    with_calendar,
)
from lapor_desk.ui.dialogs.form_fields import CheckedField, FieldSet, PlainField
from lapor_desk.ui.events import AppEvents

#: Milliseconds of quiet typing before suggestions and duplicates are looked up.
LOOKUP_DELAY_MS = 300


class ComplaintForm(QDialog):
    """Enter complaints that arrived outside the portal, one after another."""

    #: A complaint was saved: its id and what the form says about it ("Tersimpan sebagai …").
    complaint_saved = Signal(int, str)

    def __init__(
        self, services: Services, events: AppEvents, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._events = events
        self._actor = actor
        self._topic_chosen = False
        self._unit_chosen = False
        self._dispose_failed = False
        self._marked_said = False  # the message is "Correct the marked fields."
        self.saved: list[str] = []  # tracking ids saved through this form, oldest first
        self.setWindowTitle(_("New complaint"))
        self.resize(1040, 700)
        choices = services.intake.choices()
        now = services.intake.now()
        self.fields = FieldSet()

        self.channel = QComboBox()
        self.channel.addItems(list(OFFLINE_CHANNELS))
        self.received = with_calendar(QDateTimeEdit(QDateTime(now)))
        self.received.setMaximumDateTime(QDateTime(now))
        self.title_field = self.fields.add(PlainField("title", required=_("Title")))
        self.title_field.edit.setMaxLength(500)
        self.title_field.edit.setPlaceholderText(_("What the complaint is about, in one line"))
        self.text_field = self.fields.add_text("text", required=_("Complaint text"))
        self.klasifikasi = QComboBox()
        self.klasifikasi.addItem(_("(not set)"), None)
        for value in Klasifikasi:
            self.klasifikasi.addItem(value.value, value)
        self.topic = QComboBox()
        self.topic.addItem(_("(not set)"), None)
        for topic in choices.topics:
            self.topic.addItem(topic.name, topic.id)
        self.unit = QComboBox()
        self.unit.addItem(_("(do not dispose yet)"), None)
        for unit in choices.units:
            self.unit.addItem(f"{unit.name} ({unit.abbreviation})", unit.id)
        self.anonim = QCheckBox(_("Anonymous: the reporter's identity stays hidden"))
        self.rahasia = QCheckBox(_("Confidential: the report is hidden from the public"))
        self.reporter_name = QLineEdit()
        self.nik_field = self.fields.add(CheckedField("reporter_nik", "nik"))
        self.nik_field.edit.setPlaceholderText("3174 0512 0685 0003")
        self.phone_field = self.fields.add(CheckedField("reporter_phone", "phone"))
        self.phone_field.edit.setPlaceholderText("0812-3456-7890")
        self.email_field = self.fields.add(CheckedField("reporter_email", "email"))
        self.province = QLineEdit()
        self.city = QLineEdit()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("Channel"), self.channel)
        form.addRow(_("Received"), self.received)
        form.addRow(_("Title") + " *", self.title_field)
        form.addRow(_("Complaint text") + " *", self.text_field)
        form.addRow(_("Klasifikasi"), self.klasifikasi)
        form.addRow(_("Topic"), self.topic)
        form.addRow(_("Dispose to"), self.unit)
        privacy = QVBoxLayout()
        privacy.addWidget(self.anonim)
        privacy.addWidget(self.rahasia)
        form.addRow(_("Privacy"), privacy)
        form.addRow(_("Reporter's name"), self.reporter_name)
        form.addRow(_("NIK"), self.nik_field)
        form.addRow(_("Phone"), self.phone_field)
        form.addRow(_("E-mail"), self.email_field)
        form.addRow(_("Province"), self.province)
        form.addRow(_("Regency / city"), self.city)

        self.suggestion = QLabel(_("Type a title and text to get a suggestion."))
        self.suggestion.setWordWrap(True)
        self.suggestion.setTextFormat(Qt.TextFormat.PlainText)
        self.suggestion.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # Room for topic, unit, urgency and the reason, so the box does not jump while typing.
        self.suggestion.setMinimumHeight(self.suggestion.fontMetrics().lineSpacing() * 5)
        suggestion_box = QGroupBox(_("Routing suggestion"))
        QVBoxLayout(suggestion_box).addWidget(self.suggestion)
        self.duplicates = QListWidget()
        self.duplicates.setWordWrap(True)
        # One complaint per item, each set apart: three lines each would otherwise run together.
        self.duplicates.setStyleSheet(
            "QListWidget::item { padding: 4px 2px; border-bottom: 1px solid #d0d0d0; }"
        )
        self.duplicates.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.duplicates_note = hint_label(_("Enter a NIK or phone number to look for duplicates."))
        duplicates_box = QGroupBox(_("Likely duplicates"))
        duplicates_layout = QVBoxLayout(duplicates_box)
        duplicates_layout.addWidget(self.duplicates_note)
        duplicates_layout.addWidget(self.duplicates, 1)
        side = QVBoxLayout()
        side.addWidget(suggestion_box)
        side.addWidget(duplicates_box, 1)
        side.addWidget(
            hint_label(_("Enter saves · Ctrl+N saves and starts the next · Esc closes"))
        )

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.save_button = QPushButton(_("Save"))
        self.save_button.setDefault(True)
        self.next_button = QPushButton(_("Save and next (Ctrl+N)"))
        self.next_button.setAutoDefault(False)
        self.close_button = QPushButton(_("Close"))
        self.close_button.setAutoDefault(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.next_button)
        bottom.addWidget(self.close_button)
        columns = QHBoxLayout()
        columns.addLayout(form, 3)
        columns.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)

        chain = [
            self.channel, self.received, self.title_field.edit, self.text_field.edit,
            self.klasifikasi, self.topic, self.unit, self.anonim, self.rahasia,
            self.reporter_name, self.nik_field.edit, self.phone_field.edit,
            self.email_field.edit, self.province, self.city, self.save_button,
            self.next_button, self.close_button,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

        self._lookup = QTimer(self)
        self._lookup.setSingleShot(True)
        self._lookup.setInterval(LOOKUP_DELAY_MS)
        self._lookup.timeout.connect(self.refresh_hints)
        for signal in (
            self.title_field.edit.textChanged, self.text_field.edit.textChanged,
            self.nik_field.edit.textChanged, self.phone_field.edit.textChanged,
            self.received.dateTimeChanged,
        ):
            signal.connect(self._lookup.start)
        self.topic.activated.connect(self._on_topic_activated)
        self.unit.activated.connect(self._on_unit_activated)
        for field in self.fields:
            field.error_changed.connect(self._on_field_error_changed)
        self.save_button.clicked.connect(self.save)
        self.next_button.clicked.connect(self.save_and_next)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+N"), self, self.save_and_next)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save)
        self.title_field.edit.setFocus()

    # -- saving --------------------------------------------------------------------------------

    def save(self) -> None:
        """Save and close (Enter); stays open when the disposition failed, to say so."""
        if not self._save():
            return
        if self._dispose_failed:
            # The complaint is in the register: emptied, the form cannot save it a second
            # time; the message says what is left to do.
            self._clear()
        else:
            self.accept()

    def save_and_next(self) -> None:
        """Save and clear the form for the next complaint (Ctrl+N)."""
        if self._save():
            self._clear()

    def reject(self) -> None:
        """Close (Esc, Tutup or the window's ×), asking first when a complaint is half typed."""
        if self.typed() and not confirm(
            self,
            _("New complaint"),
            _("The complaint you typed has not been saved. Close the form and discard it?"),
            _("Discard"),
            _("Back to the form"),
        ):
            return
        super().reject()

    def typed(self) -> bool:
        """True when any of the complaint's own fields holds something not saved yet."""
        return any(field.value() for field in self.fields) or any(
            line.text().strip() for line in (self.reporter_name, self.province, self.city)
        )

    def _input(self) -> ComplaintInput:
        value = self.received.dateTime().toPython()
        assert isinstance(value, datetime)
        return ComplaintInput(
            received_at=value.replace(second=0, microsecond=0),
            title=self.title_field.value(),
            text=self.text_field.value(),
            channel=self.channel.currentText(),
            klasifikasi=self.klasifikasi.currentData(),
            topic_id=self.topic.currentData() if self._topic_chosen else None,
            anonim=self.anonim.isChecked(),
            rahasia=self.rahasia.isChecked(),
            reporter_name=self.reporter_name.text(),
            reporter_nik=self.nik_field.value(),
            reporter_phone=self.phone_field.value(),
            reporter_email=self.email_field.value(),
            province=self.province.text(),
            city=self.city.text(),
        )

    def _save(self) -> bool:
        if self._dispose_failed and not (self.title_field.value() or self.text_field.value()):
            # Emptied after a complaint saved without its disposition: the message naming
            # it stays until the next complaint is typed.
            return False
        self._say("")
        first_bad = self.fields.check_all()
        if first_bad is not None:
            first_bad.focus()
            self._say(_("Correct the marked fields."), error=True)
            self._marked_said = True
            return False
        data = self._input()
        if not self._topic_chosen and self.topic.currentData() is not None:
            # The suggestion the user saw and kept is what gets saved.
            data = replace(data, topic_id=self.topic.currentData())
        try:
            created = self._services.register.create(self._actor, data)
        except ValidationError as error:
            field = self.fields.get(error.field)
            if field is None:
                self._say(str(error), error=True)
            else:
                field.show_error(str(error))
                field.focus()
            return False
        except LaporError as error:
            self._say(str(error), error=True)
            return False
        changes = created.changes
        tracking = created.complaint.tracking_id
        self.saved.append(tracking)
        unit_id = self.unit.currentData()
        note = _("Saved as {tracking}.").format(tracking=tracking)
        failed = self._dispose_failed = False
        if unit_id is not None:
            try:
                result = self._services.actions.dispose(
                    self._actor, created.complaint.id, [int(unit_id)],
                    _("Please follow up according to your authority."),
                )
            except LaporError as error:
                failed = self._dispose_failed = True
                note = _("Saved as {tracking}, but not disposed: {error}").format(
                    tracking=tracking, error=error
                )
            else:
                changes = changes | result.changes
                note = _("Saved as {tracking} and disposed to {unit}.").format(
                    tracking=tracking, unit=self.unit.currentText()
                )
        self._events.emit_changes(changes)
        self._say(note, error=failed)
        self.complaint_saved.emit(created.complaint.id, note)
        return True

    def _say(self, text: str, *, error: bool = False) -> None:
        self._marked_said = False
        self.message.setStyleSheet(ERROR_STYLE if error else "color: #1e5e1e;")
        self.message.setText(text)

    def _on_field_error_changed(self) -> None:
        # "Correct the marked fields" goes once nothing is marked any more.
        if self._marked_said and not self.fields.has_errors():
            self._say("")

    def _clear(self) -> None:
        """Empty the complaint's own fields; channel and date stay for a pile of letters."""
        self.fields.clear()
        for line in (self.reporter_name, self.province, self.city):
            line.clear()
        for box in (self.anonim, self.rahasia):
            box.setChecked(False)
        for combo in (self.klasifikasi, self.topic, self.unit):
            combo.setCurrentIndex(0)
        self._topic_chosen = self._unit_chosen = False
        self.duplicates.clear()
        self.suggestion.setText(_("Type a title and text to get a suggestion."))
        self.title_field.edit.setFocus()

    # -- hints while typing --------------------------------------------------------------------

    def refresh_hints(self) -> None:
        """Look up the routing suggestion and likely duplicates for what is typed now."""
        self._lookup.stop()
        self._refresh_suggestion()
        self._refresh_duplicates()

    def _refresh_suggestion(self) -> None:
        title, text = self.title_field.value(), self.text_field.value()
        if not (title or text):
            return
        chosen = self.topic.currentData() if self._topic_chosen else None
        found = self._services.intake.suggest(title, text, chosen)
        if not self._topic_chosen:
            self.topic.setCurrentIndex(max(0, self.topic.findData(found.topic_id)))
        if not self._unit_chosen:
            self.unit.setCurrentIndex(max(0, self.unit.findData(found.unit_id)))
        if found.topic_id is None and found.unit_id is None:
            self.suggestion.setText(_("No routing rule matches yet."))
            return
        lines = [
            _("Topic: {topic}").format(topic=found.topic or "–"),
            _("Unit: {unit}").format(unit=found.unit or "–"),
        ]
        if found.urgent:
            lines.append(_("Urgent topic: shorter deadlines apply."))
        if found.matched:
            lines.append(_("Because the text mentions “{word}”.").format(word=found.matched))
        self.suggestion.setText("\n".join(lines))

    def _refresh_duplicates(self) -> None:
        self.duplicates.clear()
        self.duplicates_note.setStyleSheet(HINT_STYLE)
        nik, phone = self.nik_field.value(), self.phone_field.value()
        if not (nik or phone):
            self.duplicates_note.setText(_("Enter a NIK or phone number to look for duplicates."))
            return
        received = self.received.dateTime().toPython()
        assert isinstance(received, datetime)
        found = self._services.intake.likely_duplicates(
            nik, phone, self.title_field.value(), received
        )
        if not found:
            self.duplicates_note.setText(
                _("No complaint of the same reporter with a similar title in 30 days.")
            )
            return
        self.duplicates_note.setText(
            _("Perhaps already in the register — check before saving:")
        )
        self.duplicates_note.setStyleSheet("color: #7a4f00; font-weight: 600;")
        for row in found:
            same = _("same NIK") if row.same_nik else _("same phone")
            self.duplicates.addItem(
                _("{tracking} · {date} · {status}\n{title}\n{same}, title {share} alike").format(
                    tracking=row.tracking_id, date=fmt_date(row.received_at.date()),
                    status=row.status.label, title=row.title, same=same,
                    share=fmt_percent(row.similarity, 0),
                )
            )

    def _on_topic_activated(self, _index: int) -> None:
        self._topic_chosen = self.topic.currentData() is not None
        self._lookup.start()

    def _on_unit_activated(self, _index: int) -> None:
        self._unit_chosen = True

