"""Meeting screens over the demo register: a closed meeting, reopening, the door, the tracker."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.domain.meeting_outcomes import ActionStatus, RenaksiStatus
from lapor_desk.domain.meetings import AttendanceState, MeetingKind, MeetingStatus, Presence
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.meeting_inputs import ActionFilter, MeetingInput
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.itemmodels.meeting_tables import (
    ActionItemTableModel,
    AgendaTableModel,
    AttendanceTableModel,
    MeetingTableModel,
    RenaksiTableModel,
    RowTableModel,
)
from lapor_desk.ui.views.meetings import MeetingsView


def _view(qtbot: QtBot, services: Services) -> MeetingsView:
    view = MeetingsView(services, AppEvents(), LOCAL_OPERATOR)
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
    page.status.setCurrentIndex(page.status.findData(RenaksiStatus.ACHIEVED))
    page.progress.setValue(100)
    page.save_progress.click()
    row = services.renaksi.get(renaksi_id).row
    assert row.status is RenaksiStatus.ACHIEVED and row.progress == 100
    page.progress.setValue(50)
    page.save_progress.click()  # achieved with 50% is refused under the form
    assert page.error.isVisible() and services.renaksi.get(renaksi_id).row.progress == 100


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
