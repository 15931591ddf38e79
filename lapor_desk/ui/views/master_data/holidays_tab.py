"""The "Hari libur" tab: a year's holidays from the ``holidays`` package beside the overrides.

A decree can move a holiday or add cuti bersama mid-year: the user adds a date as a day off,
makes a listed date a working day, or drops the override (after asking). Each change
recomputes every stored deadline, so it runs on a worker.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.domain.actor import Actor
from lapor_desk.domain.formatting import fmt_date_long
from lapor_desk.i18n import _
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.changes import Changes
from lapor_desk.services.master_data_models import HolidayLine
from lapor_desk.ui.dialogs import confirm, with_calendar
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.itemmodels.master_tables import HolidayTableModel
from lapor_desk.ui.views.master_data.date_fields import from_qdate, to_qdate
from lapor_desk.ui.views.master_data.editor import EditorTab


class HolidaysTab(EditorTab[date]):
    """One year's days off; the form adds or removes one date with a note.

    The form corrects the date it shows rather than editing a record of the list, so moving
    through the list asks nothing.
    """

    guards_edits = False

    def __init__(self, services: Services, events: AppEvents, actor: Actor,
                 parent: QWidget | None = None) -> None:
        self.table = QTableView()
        holder = QWidget()
        super().__init__(services, events, actor, self.table, _("Correct the calendar"), parent)
        self.model = HolidayTableModel(self)
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        reference = services.settings.reference_date()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(reference.year)
        self.year.setPrefix(_("Year") + " ")
        self.cuti_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.year)
        top.addWidget(self.cuti_label, 1)
        # The year chooser sits above the list: move the list into a holder with it.
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.splitter.insertWidget(0, holder)
        self.splitter.setSizes([860, 460])
        self.day = with_calendar(QDateEdit(to_qdate(reference)))
        self.day_name = QLabel()
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("e.g. SKB 3 Menteri, cuti bersama tambahan"))
        self.add_field("day", _("Date"), self.day)
        self.form.addRow("", self.day_name)
        self.add_field("note", _("Note"), self.note)
        self.hint.setText(_("Each change recomputes the stored deadlines of every complaint."))
        self.hint.show()
        self.new_button.hide()
        self.save_button.setText(_("Add as day off"))
        self.working_button = self.add_button(_("Make working day"), self.make_working_day)
        self.remove_button = self.add_button(_("Remove override"), self.delete)
        self.year.valueChanged.connect(self.reload)
        self.day.dateChanged.connect(self._on_day_changed)
        self.note.returnPressed.connect(self.save)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.reload()
        self._on_day_changed()

    def wants(self, changes: Changes) -> bool:
        """The calendar is a setting."""
        return changes.settings

    def reload(self) -> None:
        """Read the chosen year again."""
        self.model.set_rows(self._services.master_data.holidays(self.year.value()))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        off = self._services.settings.calendar().cuti_bersama_off
        self.cuti_label.setText(
            _("Cuti bersama counts as a day off (change it under Settings).") if off
            else _("Cuti bersama counts as a working day (change it under Settings)."))
        row = self.model.row_of_day(from_qdate(self.day.date()))
        if row >= 0:
            self.table.selectRow(row)
        self._on_day_changed()

    def clear_form(self) -> None:
        """Nothing to clear: the date stays."""
        self.note.clear()

    def _on_current_row_changed(self, *_args: object) -> None:
        row = self.table.currentIndex().row()
        if row < 0:
            return
        line: HolidayLine = self.model.row_at(row)
        self.day.setDate(to_qdate(line.day))
        self.note.setText(line.note)
        self.hide_error()

    def _line(self) -> HolidayLine | None:
        day = from_qdate(self.day.date())
        return next((x for x in self.model.rows if x.day == day), None)

    def _on_day_changed(self) -> None:
        self.day_name.setText(fmt_date_long(from_qdate(self.day.date())))
        line = self._line()
        self.remove_button.setEnabled(line is not None and line.override is not None)
        self.working_button.setEnabled(line is not None and line.day_off)

    def _set(self, is_holiday: bool | None) -> None:
        day, note = from_qdate(self.day.date()), self.note.text().strip()
        settings = self._services.settings
        self.call_slow(_("Recomputing deadlines…"),
                       lambda: settings.set_holiday_override(self._actor, day, is_holiday, note),
                       lambda: self._follow(day))

    def _follow(self, day: date) -> None:
        if day.year != self.year.value():
            self.year.setValue(day.year)  # reloads

    def save(self) -> None:
        """Add the date as a day off."""
        self._set(True)

    def make_working_day(self) -> None:
        """Make a listed day off a working day."""
        self._set(False)

    def delete(self) -> None:
        """Drop the user's override of the date, once the user agrees: the list decides again."""
        line = self._line()
        if line is None or line.override is None:
            return  # the Delete key on a date nobody corrected
        if confirm(
            self, _("Master data"),
            _("Remove the correction of {day}? The day follows the holiday list again, and "
              "the stored deadlines of every complaint are recomputed.")
            .format(day=fmt_date_long(line.day)),
            _("Remove override"), _("Cancel"),
        ):
            self._set(None)
