"""The "Pengaturan" page: reference date, cuti bersama, UI language, letterhead.

Changing the reference date or the cuti bersama choice recomputes stored deadlines, so those
run on a worker behind a progress dialog. The language is this computer's preference (a file
beside the user's configuration, not the register) and applies at the next start.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from lapor_desk import i18n
from lapor_desk.domain.actor import Actor
from lapor_desk.domain.formatting import fmt_date_long
from lapor_desk.i18n import _
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.changes import Changes
from lapor_desk.ui.dialogs import hint_label, with_calendar
from lapor_desk.ui.errors import show_error
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.preferences import save_language, stored_language
from lapor_desk.ui.views.letterhead_form import LetterheadForm
from lapor_desk.ui.views.master_data.date_fields import from_qdate, to_qdate
from lapor_desk.ui.workers import Progress, Worker, run_with_progress

LANGUAGE_NAMES = (("id", "Bahasa Indonesia"), ("en", "English"))


class SettingsView(QWidget):
    """The register's settings and this computer's preferences."""

    #: A deadline-moving change finished on its worker (successfully or not).
    finished = Signal()

    def __init__(self, services: Services, events: AppEvents, actor: Actor,
                 preferences: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._events = events
        self._actor = actor
        self._preferences = preferences
        self.worker: Worker | None = None
        heading = QLabel(_("Settings"))
        heading.setObjectName("heading")
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self._reference_box())
        column.addWidget(self._calendar_box())
        column.addWidget(self._language_box())
        self.letterhead = LetterheadForm(services, events, actor)
        column.addWidget(self.letterhead)
        column.addStretch(1)
        content.setMaximumWidth(900)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(scroll, 1)
        events.changed.connect(self._on_events_changed)
        self.load()

    # -- building -------------------------------------------------------------------------------

    def _reference_box(self) -> QGroupBox:
        box = QGroupBox(_("Reference date of the register"))
        self.follow_today = QRadioButton(_("Today (follows the calendar)"))
        self.fixed = QRadioButton(_("A fixed date:"))
        group = QButtonGroup(box)
        group.addButton(self.follow_today)
        group.addButton(self.fixed)
        self.reference = with_calendar(QDateEdit())
        self.reference_long = QLabel()
        self.apply_reference_button = QPushButton(_("Apply reference date"))
        fixed_row = QHBoxLayout()
        fixed_row.addWidget(self.fixed)
        fixed_row.addWidget(self.reference)
        fixed_row.addWidget(self.reference_long, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.apply_reference_button)
        layout = QVBoxLayout(box)
        layout.addWidget(hint_label(_(
            "Deadlines, “overdue” and the indicators are computed as of this date. Fix it to "
            "report on a closed period (e.g. the state on the day of a meeting).")))
        layout.addWidget(self.follow_today)
        layout.addLayout(fixed_row)
        layout.addLayout(buttons)
        self.fixed.toggled.connect(self.reference.setEnabled)
        self.reference.dateChanged.connect(self._on_reference_date_changed)
        self.apply_reference_button.clicked.connect(self.apply_reference)
        return box

    def _calendar_box(self) -> QGroupBox:
        box = QGroupBox(_("Working days"))
        self.cuti_bersama = QCheckBox(_("Cuti bersama counts as a day off"))
        self.apply_calendar_button = QPushButton(_("Apply"))
        row = QHBoxLayout()
        row.addWidget(self.cuti_bersama, 1)
        row.addWidget(self.apply_calendar_button)
        layout = QVBoxLayout(box)
        layout.addWidget(hint_label(_(
            "Working days are Monday to Friday without national holidays. Single dates are "
            "added or removed under Master data › Holidays.")))
        layout.addLayout(row)
        self.apply_calendar_button.clicked.connect(self.apply_calendar)
        return box

    def _language_box(self) -> QGroupBox:
        box = QGroupBox(_("Language of the window"))
        self.language = QComboBox()
        for code, name in LANGUAGE_NAMES:
            self.language.addItem(name, code)
        self.save_language_button = QPushButton(_("Save language"))
        self.language_note = hint_label()
        form = QFormLayout(box)
        row = QHBoxLayout()
        row.addWidget(self.language)
        row.addStretch(1)
        row.addWidget(self.save_language_button)
        form.addRow(_("Language"), row)
        form.addRow("", self.language_note)
        self.save_language_button.clicked.connect(self.save_language)
        return box

    # -- state ----------------------------------------------------------------------------------

    def load(self) -> None:
        """Show the stored settings."""
        settings = self._services.settings
        fixed = self._services.master_data.fixed_reference_date()
        reference = fixed or settings.reference_date()
        self.follow_today.setChecked(fixed is None)
        self.fixed.setChecked(fixed is not None)
        self.reference.setEnabled(fixed is not None)
        self.reference.setDate(to_qdate(reference))
        self._on_reference_date_changed()
        self.cuti_bersama.setChecked(settings.calendar().cuti_bersama_off)
        chosen = stored_language(self._preferences) or i18n.current_language()
        self.language.setCurrentIndex(max(0, self.language.findData(chosen)))
        self.language_note.setText(_("Applies the next time LAPOR Desk starts."))

    def _on_reference_date_changed(self) -> None:
        self.reference_long.setText(fmt_date_long(from_qdate(self.reference.date())))

    def _on_events_changed(self, changes: Changes) -> None:
        if changes.settings and self.worker is None:
            self.load()

    # -- actions --------------------------------------------------------------------------------

    def apply_reference(self) -> None:
        """Store the reference date (or follow today again) and move the deadlines."""
        value = from_qdate(self.reference.date()) if self.fixed.isChecked() else None
        settings = self._services.settings
        self._run(_("Recomputing deadlines…"),
                  lambda: settings.set_reference_date(self._actor, value))

    def apply_calendar(self) -> None:
        """Store the cuti bersama choice and recompute every deadline."""
        off = self.cuti_bersama.isChecked()
        settings = self._services.settings
        self._run(_("Recomputing deadlines…"),
                  lambda: settings.set_cuti_bersama_off(self._actor, off))

    def save_language(self) -> None:
        """Remember the chosen language for the next start."""
        code = str(self.language.currentData())
        try:
            save_language(code, self._preferences)
        except OSError as error:
            show_error(self, error)
            return
        self.language_note.setText(_("Saved. {language} applies the next time LAPOR Desk "
                                     "starts.").format(language=self.language.currentText()))

    def _run(self, title: str, work: Callable[[], Changes]) -> None:
        self.setEnabled(False)

        def job(progress: Progress) -> Changes:
            progress.report(0, 0, title)
            return work()

        def done(result: Any) -> None:
            self.worker = None
            self.setEnabled(True)
            self._events.emit_changes(result)
            self.load()
            self.finished.emit()

        def failed(error: BaseException) -> None:
            self.worker = None
            self.setEnabled(True)
            show_error(self, error)
            self.finished.emit()

        # One call that saves and recomputes the deadlines as a whole: it cannot stop halfway.
        self.worker = run_with_progress(self, title, job, done, failed, cancellable=False)
