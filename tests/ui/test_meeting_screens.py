"""Meeting screens over the demo register: a closed meeting, reopening, the door, the tracker."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.domain.meeting_outcomes import ActionStatus, RenaksiStatus
from lapor_desk.domain.meetings import AttendanceState, MeetingKind, MeetingStatus, Presence
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.changes import Changes
from lapor_desk.services.meeting_inputs import ActionFilter, MeetingInput
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.itemmodels.meeting_tables import (
    ActionItemTableModel,
    AgendaTableModel,
    AttendanceTableModel,
    MeetingTableModel,
    RenaksiTableModel,
)
from lapor_desk.ui.itemmodels.row_table import RowTableModel
from lapor_desk.ui.views.meetings import MeetingsView


def _view(qtbot: QtBot, services: Services, events: AppEvents | None = None) -> MeetingsView:
    view = MeetingsView(services, events or AppEvents(), LOCAL_OPERATOR)
    qtbot.addWidget(view)
    view.resize(1400, 860)
    view.show()
    with qtbot.waitActive(view):
        view.activateWindow()
    return view


def _main_meeting(services: Services) -> int:
    return next(m.id for m in services.meetings.list_meetings() if m.meeting_date.day == 15)


def test_closed_meeting_is_read_only_and_reopening_is_recorded(
    qtbot: QtBot, demo_services: Services
) -> None:
    services = demo_services
    view = _view(qtbot, services)
    meeting_id = _main_meeting(services)
    view.list.select(meeting_id)
    planner = view.planner
    assert planner.heading.text() == "Rapat No. 2/2022"
    assert planner.status_chip.text() == "Ditutup"
    assert not planner.title.isEnabled() and not planner.save_button.isEnabled()
    assert not view.agenda.add_button.isEnabled()
    assert not view.attendance.add_guest_button.isEnabled()
    # From "closed" only the approval is offered as a button; reopening needs a reason.
    assert set(planner.move_buttons) == {MeetingStatus.MINUTES_APPROVED}
    assert planner.reopen_row.isVisible() and not planner.reopen_button.isEnabled()
    planner.reopen_reason.setFocus()
    qtbot.keyClicks(planner.reopen_reason, "Keputusan butir 9 salah dicatat")
    assert planner.reopen_button.isEnabled()
    qtbot.keyClick(planner.reopen_reason, Qt.Key.Key_Return)
    detail = services.meetings.get(meeting_id)
    assert detail.row.status is MeetingStatus.IN_SESSION
    last = detail.history[-1]
    assert last.reopening and last.reason == "Keputusan butir 9 salah dicatat"
    assert last.changed_by == LOCAL_OPERATOR.display_name
    assert planner.title.isEnabled() and planner.status_chip.text() == "Sedang berlangsung"
    assert planner.history.item(planner.history.count() - 1).text().endswith(
        "Dibuka kembali oleh Operator Biro Humas: Keputusan butir 9 salah dicatat"
    )
    assert set(planner.move_buttons) == {MeetingStatus.CLOSED}


def test_a_bad_time_is_refused_under_the_form(qtbot: QtBot, demo_services: Services) -> None:
    view = _view(qtbot, demo_services)
    planner = view.planner
    planner.new_meeting(date(2022, 11, 21))
    qtbot.keyClicks(planner.title, "Rapat monev")
    qtbot.keyClicks(planner.start_time, "25.00")
    before = len(demo_services.meetings.list_meetings())
    qtbot.keyClick(planner.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert planner.error.isVisible()
    assert planner.error.text() == "Tulis waktu sebagai jam dan menit, misalnya 09.00."
    assert len(demo_services.meetings.list_meetings()) == before


def test_check_in_at_the_door(qtbot: QtBot, demo_services: Services) -> None:
    services = demo_services
    units = {u.abbreviation: u.id for u in services.agenda.units()}
    created = services.meetings.create(
        LOCAL_OPERATOR,
        MeetingInput("Rapat monev", MeetingKind.MONEV, date(2022, 11, 21),
                     unit_ids=(units["PUSDATIN"], units["BIRO-HUKUM"])),
    )
    meeting_id = created.meeting.id
    view = _view(qtbot, services)
    view.list.select(meeting_id)
    door = view.attendance
    view.meeting_tabs.setCurrentWidget(door)
    invitees = services.attendance.list_attendance(meeting_id)
    person = next(a for a in invitees if a.unit == "BIRO-HUKUM")
    door.search.setFocus()
    qtbot.keyClicks(door.search, person.name.split()[0].lower())
    assert person.id in [r.id for r in door.model.rows]
    while door.current() is not None and door.current().id != person.id:  # type: ignore[union-attr] - checked
        qtbot.keyClick(door.search, Qt.Key.Key_Down)
    qtbot.keyClick(door.search, Qt.Key.Key_Return)
    line = next(a for a in services.attendance.list_attendance(meeting_id) if a.id == person.id)
    assert line.state is AttendanceState.PRESENT and line.presence is Presence.ON_SITE
    assert line.checked_in_at is not None
    assert door.search.text() == "" and door.counts.text().startswith("1 dari ")
    # A walk-in guest without NIP, online.
    door.online.setChecked(True)
    qtbot.keyClicks(door.guest_name, "Tamu dari KemenPAN-RB")
    qtbot.keyClicks(door.guest_institution, "KemenPAN-RB")
    door.add_guest_button.click()
    guest = services.attendance.list_attendance(meeting_id)[-1]
    assert guest.name == "Tamu dari KemenPAN-RB" and guest.nip is None
    assert guest.presence is Presence.ONLINE and guest.state is AttendanceState.PRESENT


def test_unsaved_planner_typing_survives_a_check_in_on_another_tab(
    qtbot: QtBot, demo_services: Services
) -> None:
    services = demo_services
    units = {u.abbreviation: u.id for u in services.agenda.units()}
    meeting_id = services.meetings.create(
        LOCAL_OPERATOR,
        MeetingInput("Rapat monev", MeetingKind.MONEV, date(2022, 11, 21),
                     unit_ids=(units["PUSDATIN"],)),
    ).meeting.id
    view = _view(qtbot, services)
    view.list.select(meeting_id)
    planner = view.planner
    assert not planner.has_unsaved_changes() and planner.notice.isHidden()
    planner.venue.setFocus()
    qtbot.keyClicks(planner.venue, "Ruang Rapat Lantai 2")
    assert planner.has_unsaved_changes()
    # The secretary checks somebody in at the door: the meeting changes, every tab refreshes.
    door = view.attendance
    view.meeting_tabs.setCurrentWidget(door)
    person = services.attendance.list_attendance(meeting_id)[0]
    door.search.setFocus()
    qtbot.keyClicks(door.search, person.name.split()[0].lower())
    while door.current() is not None and door.current().id != person.id:  # type: ignore[union-attr] - checked
        qtbot.keyClick(door.search, Qt.Key.Key_Down)
    qtbot.keyClick(door.search, Qt.Key.Key_Return)
    assert next(a for a in services.attendance.list_attendance(meeting_id)
                if a.id == person.id).state is AttendanceState.PRESENT
    assert planner.venue.text() == "Ruang Rapat Lantai 2"
    assert not planner.notice.isHidden() and "Ctrl+S" in planner.notice.text()
    view.meeting_tabs.setCurrentWidget(planner)
    with qtbot.waitSignal(planner.meeting_saved):
        planner.save_button.click()
    assert services.meetings.get(meeting_id).row.venue == "Ruang Rapat Lantai 2"
    assert planner.notice.isHidden() and not planner.has_unsaved_changes()
    # Without unsaved typing the planner simply shows the meeting as stored.
    services.meetings.update(
        LOCAL_OPERATOR, meeting_id, services.meetings.get(meeting_id).row.version,
        MeetingInput("Rapat monev", MeetingKind.MONEV, date(2022, 11, 21), venue="Aula",
                     unit_ids=(units["PUSDATIN"],)),
    )
    planner.refresh_meeting(meeting_id)
    assert planner.venue.text() == "Aula" and planner.notice.isHidden()


def test_unsaved_typing_is_not_saved_over_someone_elses_change_of_the_header(
    qtbot: QtBot, demo_services: Services, message_boxes: list[str]
) -> None:
    services = demo_services
    units = {u.abbreviation: u.id for u in services.agenda.units()}
    data = MeetingInput("Rapat monev", MeetingKind.MONEV, date(2022, 11, 21),
                        unit_ids=(units["PUSDATIN"],))
    meeting_id = services.meetings.create(LOCAL_OPERATOR, data).meeting.id
    events = AppEvents()
    view = _view(qtbot, services, events)
    view.list.select(meeting_id)
    planner = view.planner
    qtbot.keyClicks(planner.venue, "Ruang Rapat Lantai 2")
    # Another user on the shared register changes the header; this window hears of it.
    version = services.meetings.get(meeting_id).row.version
    services.meetings.update(LOCAL_OPERATOR, meeting_id, version,
                             MeetingInput("Rapat monev bulanan", MeetingKind.MONEV,
                                          date(2022, 11, 21), unit_ids=(units["PUSDATIN"],)))
    events.emit_changes(Changes(meetings=True))
    assert planner.venue.text() == "Ruang Rapat Lantai 2"
    assert planner.title.text() == "Rapat monev"  # the typing's base, not their title
    assert "orang lain" in planner.notice.text()
    planner.save_button.click()
    assert len(message_boxes) == 1 and "diubah" in message_boxes[0]
    assert services.meetings.get(meeting_id).row.title == "Rapat monev bulanan"


def test_action_tracker_filters_and_closing_records_who_and_when(
    qtbot: QtBot, demo_services: Services
) -> None:
    services = demo_services
    view = _view(qtbot, services)
    tracker = view.tracker
    view.tabs.setCurrentWidget(tracker)
    open_items = services.action_items.list_items(ActionFilter(status=ActionStatus.OPEN))
    assert len(tracker.model.rows) == len(open_items) > 0
    tracker.carried.setChecked(True)
    carried = services.action_items.list_items(
        ActionFilter(status=ActionStatus.OPEN, min_carried=2)
    )
    assert [r.id for r in tracker.model.rows] == [r.id for r in carried]
    tracker.carried.setChecked(False)
    stats = services.action_items.unit_stats()
    assert tracker.stats.rowCount() == len(stats)
    first_stats = tracker.stats.item(0, 0)
    assert first_stats is not None and first_stats.text() == stats[0].unit.abbreviation
    target = tracker.model.row_at(0)
    tracker.table.selectRow(0)
    qtbot.keyClicks(tracker.note, "Jawaban sudah dikirim ke pelapor")
    qtbot.keyClick(tracker.note, Qt.Key.Key_Return)
    closed = services.action_items.list_items(ActionFilter(status=ActionStatus.DONE))
    row = next(r for r in closed if r.id == target.id)
    assert row.closed_by == LOCAL_OPERATOR.display_name and row.closed_at is not None
    assert row.closing_note == "Jawaban sudah dikirim ke pelapor"
    assert target.id not in [r.id for r in tracker.model.rows]  # "open only" is on


def test_renaksi_progress_and_fulfilling_meeting(qtbot: QtBot, demo_services: Services) -> None:
    services = demo_services
    view = _view(qtbot, services)
    page = view.renaksi
    view.tabs.setCurrentWidget(page)
    assert page.period.currentText() == "2021-2024"
    assert page.detail is not None
    renaksi_id = page.detail.row.id
    assert page.meetings.count() >= 1  # the demo's 15 November meeting fulfils all five
    form = page.form
    form.status.setCurrentIndex(form.status.findData(RenaksiStatus.ACHIEVED))
    form.progress.setValue(100)
    form.save_button.click()
    row = services.renaksi.get(renaksi_id).row
    assert row.status is RenaksiStatus.ACHIEVED and row.progress == 100
    form.progress.setValue(50)
    form.save_button.click()  # achieved with 50% is refused under the form
    assert form.error.isVisible() and services.renaksi.get(renaksi_id).row.progress == 100


def _press(qtbot: QtBot, button: QWidget) -> None:
    """Press a button from the keyboard: focus it, then Space."""
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)


def test_renaksi_item_added_by_keyboard_edited_evidenced_and_fulfilled(
    qtbot: QtBot, demo_services: Services
) -> None:
    services = demo_services
    view = _view(qtbot, services)
    page, form = view.renaksi, view.renaksi.form
    view.tabs.setCurrentWidget(page)
    assert [r.number for r in services.renaksi.list_items("2021-2024")] == [1, 2, 3, 4, 5]
    _press(qtbot, page.new_button)
    assert page.creating and form.row is None and not page.detail_box.isEnabled()
    assert QApplication.focusWidget() is form.plan_title
    assert form.period.currentText() == "2021-2024" and form.number.text() == "nomor berikutnya"
    qtbot.keyClicks(form.plan_title, "Menyusun standar pelayanan pengaduan")
    qtbot.keyClick(form.plan_title, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.description
    qtbot.keyClicks(form.description, "Standar pelayanan diumumkan di laman Kemensos.")
    qtbot.keyClick(form.description, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.output
    qtbot.keyClicks(form.output, "Keputusan Sekretaris Jenderal")
    qtbot.keyClick(form.output, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.unit
    qtbot.keyClicks(form.unit, "BIRO-HUKUM")
    qtbot.keyClick(form.unit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    items = services.renaksi.list_items("2021-2024")
    added = items[-1]
    assert len(items) == 6 and added.number == 6
    assert added.title == "Menyusun standar pelayanan pengaduan"
    assert added.description == "Standar pelayanan diumumkan di laman Kemensos."
    assert added.output == "Keputusan Sekretaris Jenderal" and added.owner_unit == "BIRO-HUKUM"
    assert added.status is RenaksiStatus.NOT_STARTED and added.target_date is None
    assert not page.creating and page.detail is not None and page.detail.row.id == added.id
    assert form.title() == "Rencana aksi No. 6" and not form.period.isEnabled()
    assert page.model.row_at(page.table.selectionModel().selectedRows()[0].row()).id == added.id

    # Edit: a new title, under way at 40%, a target date.
    form.plan_title.setFocus()
    form.plan_title.selectAll()
    qtbot.keyClicks(form.plan_title, "Menyusun dan mengumumkan standar pelayanan pengaduan")
    form.status.setFocus()
    qtbot.keyClick(form.status, Qt.Key.Key_Down)
    assert form.status.currentData() == RenaksiStatus.UNDER_WAY
    form.progress.setFocus()
    form.progress.selectAll()
    qtbot.keyClicks(form.progress, "40")
    form.has_target.setFocus()
    qtbot.keyClick(form.has_target, Qt.Key.Key_Space)
    form.target.setDate(QDate(2023, 6, 30))
    qtbot.keyClick(form.progress, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    edited = services.renaksi.get(added.id).row
    assert edited.title == "Menyusun dan mengumumkan standar pelayanan pengaduan"
    assert (edited.status, edited.progress) == (RenaksiStatus.UNDER_WAY, 40)
    assert edited.target_date == date(2023, 6, 30) and edited.number == 6
    assert edited.period == "2021-2024" and not form.error.isVisible()

    # Two pieces of evidence typed in; the first removed with Delete.
    for title, where in (("Draf SK Sekjen", "//biro-humas/renaksi/draf-sk.docx"),
                         ("Notula rapat 2/2022", "")):
        page.evidence_title.setFocus()
        qtbot.keyClicks(page.evidence_title, title)
        qtbot.keyClick(page.evidence_title, Qt.Key.Key_Tab)
        qtbot.keyClicks(page.evidence_location, where)
        qtbot.keyClick(page.evidence_location, Qt.Key.Key_Return)
    evidence = services.renaksi.get(added.id).evidence
    assert [e.title for e in evidence] == ["Draf SK Sekjen", "Notula rapat 2/2022"]
    assert evidence[0].location == "//biro-humas/renaksi/draf-sk.docx"
    assert page.evidence.count() == 2 and page.evidence_title.text() == ""
    page.evidence.setFocus()
    page.evidence.setCurrentRow(0)
    qtbot.keyClick(page.evidence, Qt.Key.Key_Delete)
    assert [e.title for e in services.renaksi.get(added.id).evidence] == ["Notula rapat 2/2022"]
    assert [page.evidence.item(0).text()] == ["Notula rapat 2/2022"]
    row = page.model.row_of(added.id)
    assert page.model.index(row, 6).data() == "1"  # the evidence column counts what is left

    # The 15 November meeting fulfils the new item too.
    meeting_id = _main_meeting(services)
    page.meeting.setCurrentIndex(page.meeting.findData(meeting_id))
    _press(qtbot, page.mark_button)
    assert added.id in services.meetings.get(meeting_id).renaksi_ids
    assert page.meetings.count() == 1
    assert page.meetings.item(0).text() == "2/2022 — 15 November 2022"
    assert page.model.index(page.model.row_of(added.id), 5).data() == "2/2022"


def test_renaksi_form_refusals_and_a_new_period(qtbot: QtBot, demo_services: Services) -> None:
    services = demo_services
    view = _view(qtbot, services)
    page, form = view.renaksi, view.renaksi.form
    view.tabs.setCurrentWidget(page)
    _press(qtbot, page.new_button)
    qtbot.keyClick(form.plan_title, Qt.Key.Key_Return)  # no title
    assert form.error.isVisible() and len(services.renaksi.list_items()) == 5
    assert page.creating  # what was typed stays in the form
    form.number.setValue(3)  # taken in 2021-2024
    qtbot.keyClicks(form.plan_title, "Evaluasi SOP pengaduan")
    qtbot.keyClick(form.plan_title, Qt.Key.Key_Return)
    assert form.error.text() == "Renaksi 2021-2024 sudah memiliki butir nomor 3."
    assert len(services.renaksi.list_items()) == 5
    # A new period is typed in; the item keeps the number given and the page shows the period.
    form.period.setFocus()
    form.period.lineEdit().selectAll()
    qtbot.keyClicks(form.period.lineEdit(), "2025-2029")
    qtbot.keyClick(form.plan_title, Qt.Key.Key_Return)
    (item,) = services.renaksi.list_items("2025-2029")
    assert (item.number, item.title) == (3, "Evaluasi SOP pengaduan")
    assert page.period.currentText() == "2025-2029" and page.model.rowCount() == 1
    assert services.renaksi.periods() == ("2025-2029", "2021-2024")
    # Cancel leaves a new item unsaved.
    _press(qtbot, page.new_button)
    qtbot.keyClicks(form.plan_title, "Tidak jadi")
    _press(qtbot, form.cancel_button)
    assert not page.creating and page.detail is not None and page.detail.row.id == item.id
    assert len(services.renaksi.list_items()) == 6


@pytest.mark.parametrize(
    "model_type",
    [MeetingTableModel, AgendaTableModel, AttendanceTableModel, ActionItemTableModel,
     RenaksiTableModel],
)
def test_meeting_models_pass_the_qt_model_tester(
    qtmodeltester: ModelTester, demo_services: Services, model_type: type[RowTableModel[object]]
) -> None:
    services = demo_services
    meeting_id = _main_meeting(services)
    rows: dict[type[RowTableModel[object]], tuple[object, ...]] = {
        MeetingTableModel: services.meetings.list_meetings(),
        AgendaTableModel: services.agenda.items(meeting_id),
        AttendanceTableModel: services.attendance.list_attendance(meeting_id),
        ActionItemTableModel: services.action_items.list_items(),
        RenaksiTableModel: services.renaksi.list_items(),
    }
    model = model_type()
    model.set_rows(rows[model_type])
    assert model.rowCount() == len(rows[model_type]) > 0
    qtmodeltester.check(model, force_py=True)
