"""The meeting planner: header, invited units, narasumber, and the status box (``status_box``).

Closing makes the meeting read-only; reopening needs a typed reason, which its history keeps.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.domain.actor import Actor
from lapor_desk.domain.meetings import MeetingKind, MeetingStatus, meeting_number
from lapor_desk.i18n import _
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.changes import Changes
from lapor_desk.services.meeting_inputs import MeetingInput, NarasumberInput
from lapor_desk.services.meeting_models import MeetingDetail
from lapor_desk.ui.dialogs import with_calendar
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.views.meetings.common import (
    UnitChecklist,
    call_service,
    fmt_time,
    form_error,
    from_qdate,
    hint,
    parse_time,
    style_status_chip,
    to_qdate,
)
from lapor_desk.ui.views.meetings.officials import OfficialFields
from lapor_desk.ui.views.meetings.status_box import MeetingStatusBox
from lapor_desk.ui.views.meetings.unsaved import header_of, notice_label, unsaved_notice


class MeetingPlanner(QWidget):
    """Edit one meeting's header and move it through its statuses."""

    #: A meeting was created or saved (its id).
    meeting_saved = Signal(int)

    def __init__(
        self, services: Services, events: AppEvents, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._events = events
        self._actor = actor
        self.detail: MeetingDetail | None = None
        self._loaded: tuple[object, ...] = ()
        self._build()
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.new_meeting(services.settings.reference_date())

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = QLabel()
        self.heading.setObjectName("meetingHeading")
        self.status_chip = QLabel()
        self.title = QLineEdit()
        self.title.setPlaceholderText(_("e.g. Coordination meeting on complaint follow-up"))
        self.kind = QComboBox()
        for kind in MeetingKind:
            self.kind.addItem(kind.label, kind)
        self.meeting_date = with_calendar(QDateEdit())
        self.call_time = QLineEdit()
        self.start_time = QLineEdit()
        self.end_time = QLineEdit()
        for field, example in (
            (self.call_time, "08.30"), (self.start_time, "09.00"), (self.end_time, "12.00")
        ):
            field.setPlaceholderText(example)
            field.setMaximumWidth(80)
        times = QWidget()
        row = QHBoxLayout(times)
        row.setContentsMargins(0, 0, 0, 0)
        for caption, field in (
            (_("Call"), self.call_time), (_("Start"), self.start_time), (_("End"), self.end_time)
        ):
            row.addWidget(QLabel(caption))
            row.addWidget(field)
        row.addStretch(1)
        self.venue = QLineEdit()
        self.chair = OfficialFields(_("Chair"))
        self.secretary = OfficialFields(_("Secretary"))
        self.notulis = OfficialFields(_("Note-taker (notulis)"))

        header = QGroupBox(_("Meeting"))
        form = QFormLayout(header)
        form.addRow(_("Title"), self.title)
        form.addRow(_("Kind"), self.kind)
        form.addRow(_("Date"), self.meeting_date)
        form.addRow(_("Time"), times)
        form.addRow(_("Venue"), self.venue)
        form.addRow(_("Chair"), self.chair.row())
        form.addRow(_("Secretary"), self.secretary.row())
        form.addRow(_("Note-taker"), self.notulis.row())

        self.units = UnitChecklist()
        self.units.setMinimumHeight(160)
        units_box = QGroupBox(_("Invited units"))
        units_layout = QVBoxLayout(units_box)
        units_layout.addWidget(hint(_("Their liaisons are added to the attendance list.")))
        units_layout.addWidget(self.units)

        self.narasumber = QTableWidget(0, 3)
        self.narasumber.setHorizontalHeaderLabels([_("Name"), _("Institution"), _("Remarks")])
        self.narasumber.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.narasumber.setColumnWidth(0, 200)
        self.narasumber.setColumnWidth(1, 200)
        self.narasumber.setMinimumHeight(110)
        self.narasumber.verticalHeader().hide()
        self.add_speaker = QPushButton(_("Add speaker"))
        self.remove_speaker = QPushButton(_("Remove speaker"))
        self.add_speaker.clicked.connect(self._on_add_speaker_clicked)
        self.remove_speaker.clicked.connect(self._on_remove_speaker_clicked)
        speakers_box = QGroupBox(_("Narasumber"))
        speakers = QGridLayout(speakers_box)
        speakers.addWidget(self.narasumber, 0, 0, 1, 3)
        speakers.addWidget(self.add_speaker, 1, 0)
        speakers.addWidget(self.remove_speaker, 1, 1)
        speakers.setColumnStretch(2, 1)

        self.error = form_error()
        self.notice = notice_label()
        self.save_button = QPushButton(_("Save meeting"))
        self.save_button.setToolTip(_("Ctrl+S"))
        self.save_button.clicked.connect(self.save)

        self.status_box = MeetingStatusBox()
        self.status_box.move_requested.connect(self.move_to)
        self.status_box.reopen_requested.connect(self.reopen)
        # The box's parts the window (and its tests) reach through the planner.
        self.reopen_reason = self.status_box.reopen_reason
        self.reopen_button = self.status_box.reopen_button
        self.reopen_row = self.status_box.reopen_row
        self.history = self.status_box.history

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.status_chip)
        top.addStretch(1)
        top.addWidget(self.save_button)
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(header)
        left.addWidget(speakers_box, 1)
        right = QVBoxLayout()
        right.addWidget(units_box, 1)
        right.addWidget(self.status_box)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        content = QWidget()
        body = QVBoxLayout(content)
        body.addLayout(top)
        body.addWidget(self.error)
        body.addWidget(self.notice)
        body.addLayout(columns, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._editable: list[QWidget] = [
            self.title, self.kind, self.meeting_date, self.call_time, self.start_time,
            self.end_time, self.venue, self.units, self.narasumber, self.add_speaker,
            self.remove_speaker, self.save_button,
            *(p.name for p in (self.chair, self.secretary, self.notulis)),
            *(p.nip for p in (self.chair, self.secretary, self.notulis)),
        ]

    # -- showing -------------------------------------------------------------------------------

    def new_meeting(self, on: date) -> None:
        """An empty form for a new meeting on ``on``."""
        self.detail = None
        self.heading.setText(
            _("New meeting No. {number}").format(
                number=meeting_number(self._services.meetings.next_number(on), on.year)
            )
        )
        self.status_chip.setText("")
        self.status_chip.setStyleSheet("")
        self.title.clear()
        self.kind.setCurrentIndex(0)
        self.meeting_date.setDate(to_qdate(on))
        for field in (self.call_time, self.start_time, self.end_time, self.venue):
            field.clear()
        for person in (self.chair, self.secretary, self.notulis):
            person.show(None)
        self.units.set_units(self._services.agenda.units(on))
        self.narasumber.setRowCount(0)
        self.error.hide()
        self.notice.hide()
        self._show_status()
        self._loaded = self._form_state()
        self.title.setFocus()

    def show_meeting(self, meeting_id: int) -> None:
        """Load the meeting ``meeting_id`` into the form."""
        detail = self._services.meetings.get(meeting_id)
        self.detail = detail
        row = detail.row
        self.heading.setText(_("Meeting No. {number}").format(number=row.label))
        style_status_chip(self.status_chip, row.status)
        self.title.setText(row.title)
        self.kind.setCurrentIndex(self.kind.findData(row.kind))
        self.meeting_date.setDate(to_qdate(row.meeting_date))
        self.call_time.setText(fmt_time(detail.call_time))
        self.start_time.setText(fmt_time(detail.start_time))
        self.end_time.setText(fmt_time(detail.end_time))
        self.venue.setText(row.venue)
        self.chair.show(detail.chair)
        self.secretary.show(detail.secretary)
        self.notulis.show(detail.notulis)
        self.units.set_units(
            self._services.agenda.units(row.meeting_date), [u.id for u in detail.units]
        )
        self.narasumber.setRowCount(0)
        for speaker in detail.narasumber:
            self._append_speaker(speaker.name, speaker.institution, speaker.remarks)
        self.error.hide()
        self.notice.hide()
        self._show_status()
        self._loaded = self._form_state()

    def refresh_meeting(self, meeting_id: int) -> None:
        """Show the meeting as stored now, keeping what the user typed and has not saved.

        Another screen (attendance, agenda, meeting mode) changed the meeting: without unsaved
        edits the form is reloaded. With them the form stays as typed and a line says so; the
        stored version is adopted (so Save applies the typing) only when the header the typing
        started from is still the stored one. If someone else changed the header meanwhile,
        the old version is kept, so Save is refused rather than overwriting their change.
        """
        if not self.has_unsaved_changes() or self.detail is None \
                or self.detail.row.id != meeting_id:
            self.show_meeting(meeting_id)
            return
        fresh = self._services.meetings.get(meeting_id)
        header_kept = header_of(fresh) == header_of(self.detail)
        if header_kept:
            self.detail = fresh
        style_status_chip(self.status_chip, fresh.row.status)
        self._show_status()
        self.notice.setText(unsaved_notice(header_kept))
        self.notice.show()

    def _form_state(self) -> tuple[object, ...]:
        """Everything the user can type into the form, to tell unsaved edits."""
        people = tuple((p.name.text(), p.nip.text())
                       for p in (self.chair, self.secretary, self.notulis))
        cells = tuple(
            tuple(item.text() if (item := self.narasumber.item(row, column)) else ""
                  for column in range(3))
            for row in range(self.narasumber.rowCount())
        )
        return (
            self.title.text(), self.kind.currentIndex(), self.meeting_date.date().toString(),
            self.call_time.text(), self.start_time.text(), self.end_time.text(),
            self.venue.text(), people, self.units.checked_ids(), cells,
        )

    def has_unsaved_changes(self) -> bool:
        """True when the form differs from the meeting as last loaded or saved."""
        return self._form_state() != self._loaded

    @property
    def move_buttons(self) -> dict[MeetingStatus, QPushButton]:
        """The status moves offered now, by target status."""
        return self.status_box.move_buttons

    def _show_status(self) -> None:
        read_only = self.detail is not None and self.detail.row.status.read_only
        for widget in self._editable:
            widget.setEnabled(not read_only)
        self.status_box.show_status(self.detail)

    # -- editing -------------------------------------------------------------------------------

    def _append_speaker(self, name: str = "", institution: str = "", remarks: str = "") -> None:
        row = self.narasumber.rowCount()
        self.narasumber.insertRow(row)
        for column, text in enumerate((name, institution, remarks)):
            self.narasumber.setItem(row, column, QTableWidgetItem(text))

    def _on_add_speaker_clicked(self) -> None:
        self._append_speaker()
        row = self.narasumber.rowCount() - 1
        self.narasumber.setCurrentCell(row, 0)
        cell = self.narasumber.item(row, 0)
        if cell is not None:
            self.narasumber.editItem(cell)

    def _on_remove_speaker_clicked(self) -> None:
        row = self.narasumber.currentRow()
        if row >= 0:
            self.narasumber.removeRow(row)

    def speakers(self) -> list[NarasumberInput]:
        """The speakers as typed (rows without a name are skipped)."""
        found = []
        for row in range(self.narasumber.rowCount()):
            cells = [self.narasumber.item(row, c) for c in range(3)]
            name, institution, remarks = (c.text().strip() if c else "" for c in cells)
            if name:
                found.append(NarasumberInput(name, institution, remarks))
        return found

    def meeting_input(self) -> MeetingInput:
        """The form as the service's input (times parsed here, the rest checked there)."""
        kind = self.kind.currentData()
        return MeetingInput(
            title=self.title.text(),
            kind=MeetingKind(kind),
            meeting_date=from_qdate(self.meeting_date.date()),
            venue=self.venue.text(),
            call_time=parse_time(self.call_time.text(), "call_time"),
            start_time=parse_time(self.start_time.text(), "start_time"),
            end_time=parse_time(self.end_time.text(), "end_time"),
            chair=self.chair.value(),
            secretary=self.secretary.value(),
            notulis=self.notulis.value(),
            unit_ids=self.units.checked_ids(),
        )

    def save(self) -> None:
        """Create the meeting or save the changes, speakers included (Ctrl+S)."""
        if not self.save_button.isEnabled():
            return
        services, actor, detail = self._services, self._actor, self.detail

        def work() -> int:
            data = self.meeting_input()
            if detail is None:
                meeting_id = services.meetings.create(actor, data).meeting.id
            else:
                meeting_id = detail.row.id
                services.meetings.update(actor, meeting_id, detail.row.version, data)
            services.meetings.set_narasumber(actor, meeting_id, self.speakers())
            return meeting_id

        saved = call_service(
            self, self._events, work, lambda _id: Changes(meetings=True), self.error
        )
        if saved is None:
            return
        self.show_meeting(saved)
        self.meeting_saved.emit(saved)

    def move_to(self, target: MeetingStatus) -> None:
        """Move the meeting to ``target`` (one of the offered moves)."""
        if self.detail is None:
            return
        meeting_id = self.detail.row.id
        done = call_service(
            self, self._events,
            lambda: self._services.meetings.change_status(self._actor, meeting_id, target),
            lambda changes: changes, self.error,
        )
        if done is not None:
            self.show_meeting(meeting_id)

    def reopen(self, reason: str) -> None:
        """Reopen the closed meeting with ``reason`` (kept in its history)."""
        if self.detail is None or not reason.strip():
            return
        meeting_id = self.detail.row.id
        done = call_service(
            self, self._events,
            lambda: self._services.meetings.reopen(self._actor, meeting_id, reason),
            lambda changes: changes, self.error,
        )
        if done is not None:
            self.show_meeting(meeting_id)
