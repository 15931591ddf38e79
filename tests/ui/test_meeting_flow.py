"""A coordination meeting planned, given an agenda, run by keyboard only, and closed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.domain.meetings import AgendaItemKind, MeetingStatus
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.meeting_inputs import ActionFilter
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.views.meetings import MeetingsView
from lapor_desk.ui.views.meetings.autosave import MAX_UNSAVED_MS
from lapor_desk.ui.views.meetings.meeting_mode import MeetingMode

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def _view(qtbot: QtBot, services: Services) -> MeetingsView:
    view = MeetingsView(services, AppEvents(), LOCAL_OPERATOR)
    qtbot.addWidget(view)
    view.resize(1400, 860)
    view.show()
    with qtbot.waitActive(view):  # shortcuts (Ctrl+S, F5) go to the active window only
        view.activateWindow()
    return view


def _press(qtbot: QtBot, button: QWidget) -> None:
    """Press a button from the keyboard: focus it, then Space."""
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)


def _tick(view: MeetingsView, abbreviation: str) -> None:
    units = view.planner.units
    for row in range(units.count()):
        if units.item(row).text().startswith(abbreviation + " "):
            units.setCurrentRow(row)
            return
    raise AssertionError(abbreviation)


def _plan(qtbot: QtBot, view: MeetingsView) -> int:
    planner = view.planner
    _press(qtbot, view.list.new_button)
    qtbot.keyClicks(planner.title, "Rapat Koordinasi Tindak Lanjut Pengaduan November")
    planner.meeting_date.setDate(QDate(2022, 11, 21))
    qtbot.keyClicks(planner.start_time, "09.00")
    qtbot.keyClicks(planner.end_time, "11.30")
    qtbot.keyClicks(planner.venue, "Ruang Rapat Biro Humas")
    qtbot.keyClicks(planner.notulis.name, "Rina Notulis")
    for unit in ("PUSDATIN", "SET-ITJEN"):
        _tick(view, unit)
        qtbot.keyClick(planner.units, Qt.Key.Key_Space)
    with qtbot.waitSignal(planner.meeting_saved) as saved:
        qtbot.keyClick(planner.title, Qt.Key.Key_S, CTRL)
    meeting_id = int(saved.args[0])
    assert view.list.current_id() == meeting_id
    return meeting_id


def test_plan_agenda_run_by_keyboard_and_close(qtbot: QtBot, demo_services: Services) -> None:
    services = demo_services
    view = _view(qtbot, services)
    meeting_id = _plan(qtbot, view)
    detail = services.meetings.get(meeting_id)
    assert detail.row.label == "3/2022" and detail.row.status is MeetingStatus.DRAFT
    assert [u.abbreviation for u in detail.units] == ["PUSDATIN", "SET-ITJEN"]
    assert detail.start_time is not None and f"{detail.start_time:%H.%M}" == "09.00"
    # Invitees come from the units' liaisons.
    invitees = services.attendance.list_attendance(meeting_id)
    assert invitees and {a.unit for a in invitees} == {"PUSDATIN", "SET-ITJEN"}
    # Only the allowed move is offered from a draft.
    assert set(view.planner.move_buttons) == {MeetingStatus.SCHEDULED}
    _press(qtbot, view.planner.move_buttons[MeetingStatus.SCHEDULED])
    assert services.meetings.get(meeting_id).row.status is MeetingStatus.SCHEDULED
    assert set(view.planner.move_buttons) == {MeetingStatus.DRAFT, MeetingStatus.IN_SESSION}

    # The agenda: propose for the two units, keep the two most pressing of each.
    builder = view.agenda
    view.meeting_tabs.setCurrentWidget(builder)
    assert builder.units.checked_ids() == tuple(u.id for u in detail.units)
    _press(qtbot, builder.propose_button)
    assert builder.proposal is not None
    assert [u.unit.abbreviation for u in builder.proposal.units] == ["PUSDATIN", "SET-ITJEN"]
    first = builder.tree.topLevelItem(0)
    assert first is not None and first.childCount() > 2
    builder.tree.setFocus()
    builder.tree.setCurrentItem(first.child(0))
    qtbot.keyClick(builder.tree, Qt.Key.Key_Space)
    builder.check_first(2)
    chosen = builder.checked_items()
    assert len(chosen) == 4
    _press(qtbot, builder.add_button)
    agenda = services.agenda.items(meeting_id)
    assert [a.complaint_id or a.action_item_id for a in agenda] == [
        p.complaint.id if p.complaint else p.action.id for p in chosen if p.complaint or p.action
    ]
    builder.topic.setFocus()
    qtbot.keyClicks(builder.topic, "Paparan Pusdatin tentang pemadanan DTKS")
    qtbot.keyClick(builder.topic, Qt.Key.Key_Return)
    topic = services.agenda.items(meeting_id)[-1]
    assert topic.kind is AgendaItemKind.GENERAL and topic.title.startswith("Paparan Pusdatin")
    # The topic goes first: Alt+Up four times; Delete removes the last item.
    builder.agenda.setFocus()
    builder.agenda.selectRow(4)
    for _ in range(4):
        qtbot.keyClick(builder.agenda, Qt.Key.Key_Up, ALT)
    assert services.agenda.items(meeting_id)[0].id == topic.id
    builder.agenda.selectRow(4)
    removed = builder.agenda_model.row_at(4).id
    qtbot.keyClick(builder.agenda, Qt.Key.Key_Delete)
    items = services.agenda.items(meeting_id)
    assert len(items) == 4 and removed not in [a.id for a in items]

    # Start and open meeting mode (F5).
    view.meeting_tabs.setCurrentWidget(view.planner)
    _press(qtbot, view.planner.move_buttons[MeetingStatus.IN_SESSION])
    with qtbot.waitSignal(view.meeting_mode_opened) as opened:
        qtbot.keyClick(view.planner.title, Qt.Key.Key_F5)
    mode = opened.args[0]
    assert isinstance(mode, MeetingMode)
    qtbot.addWidget(mode)
    mode.showNormal()
    with qtbot.waitActive(mode):
        mode.activateWindow()
    _run_by_keyboard(qtbot, mode, services, meeting_id, [a.id for a in items])


def _run_by_keyboard(
    qtbot: QtBot, mode: MeetingMode, services: Services, meeting_id: int, items: list[int]
) -> None:
    assert mode.detail is not None and mode.detail.row.id == items[0]
    assert mode.summary.title.text().startswith("Paparan Pusdatin")
    qtbot.keyClick(mode, Qt.Key.Key_1, CTRL)
    assert QApplication.focusWidget() is mode.notes
    qtbot.keyClicks(mode.notes, "Pusdatin memaparkan jadwal pemadanan.")
    # PageDown works from inside the notes editor, and saves the item it leaves.
    with qtbot.waitSignal(mode.item_shown) as shown:
        qtbot.keyClick(mode.notes, Qt.Key.Key_PageDown)
    assert shown.args == [items[1]]
    assert services.meeting_notes.item(items[0]).notes == "Pusdatin memaparkan jadwal pemadanan."
    complaint = mode.detail.complaint
    assert complaint is not None and complaint.tracking_id in mode.summary.title.text()

    # A decision (Ctrl+2, type, Ctrl+Enter) reaches the complaint's history.
    mode.record_tabs.setCurrentWidget(mode.action_panel)
    qtbot.keyClick(mode.notes, Qt.Key.Key_2, CTRL)
    assert mode.record_tabs.currentWidget() is mode.decision_panel
    assert QApplication.focusWidget() is mode.decision_panel.text
    qtbot.keyClicks(mode.decision_panel.text, "Unit menyelesaikan verifikasi minggu ini.")
    qtbot.keyClick(mode.decision_panel.text, Qt.Key.Key_Return, CTRL)
    # Its tab counts it.
    assert mode.record_tabs.tabText(0) == "Keputusan (Ctrl+2) · 1"
    decisions = services.meeting_notes.item(items[1]).decisions
    assert [d.text for d in decisions] == ["Unit menyelesaikan verifikasi minggu ini."]
    history = services.register.get(complaint.id).history
    assert "Unit menyelesaikan verifikasi" in (history[-1].reason or "")

    # An action item (Ctrl+3, type, Enter): owner is the item's unit, linked to its complaint.
    assert mode.record_tabs.tabText(1) == "Butir tindak lanjut (Ctrl+3)"
    qtbot.keyClick(mode.decision_panel.text, Qt.Key.Key_3, CTRL)
    assert mode.record_tabs.currentWidget() is mode.action_panel
    assert QApplication.focusWidget() is mode.action_panel.description
    qtbot.keyClicks(mode.action_panel.description, "Kirim jawaban kepada pelapor")
    qtbot.keyClick(mode.action_panel.description, Qt.Key.Key_Return)
    assert mode.record_tabs.tabText(1) == "Butir tindak lanjut (Ctrl+3) · 1"
    (action,) = services.action_items.list_items(ActionFilter(meeting_id=meeting_id))
    assert action.description == "Kirim jawaban kepada pelapor"
    assert action.owner_unit == mode.detail.row.unit and action.tracking_id == complaint.tracking_id
    assert action.due_workdays == 5 and action.due_date == date(2022, 11, 28)

    # Ctrl+Left goes back (outside text fields); the notes typed earlier are there.
    mode.agenda.setFocus()
    qtbot.keyClick(mode.agenda, Qt.Key.Key_Left, CTRL)
    assert mode.detail.row.id == items[0]
    assert mode.notes.toPlainText() == "Pusdatin memaparkan jadwal pemadanan."
    qtbot.keyClick(mode.agenda, Qt.Key.Key_PageDown)
    qtbot.keyClick(mode.agenda, Qt.Key.Key_PageDown)
    assert mode.detail.row.id == items[2]

    # Close the meeting (Ctrl+Shift+E): read-only from now on.
    qtbot.keyClick(mode, Qt.Key.Key_E, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert services.meetings.get(meeting_id).row.status is MeetingStatus.CLOSED
    assert mode.notes.isReadOnly() and not mode.decision_panel.record_button.isEnabled()
    assert mode.state_note.text() == "Rapat sudah ditutup: yang tampil adalah catatan resminya."


def test_notes_are_saved_within_two_seconds(qtbot: QtBot, demo_services: Services) -> None:
    services = demo_services
    view = _view(qtbot, services)
    meeting_id = _plan(qtbot, view)
    services.agenda.add_general(LOCAL_OPERATOR, meeting_id, "Evaluasi tindak lanjut")
    services.meetings.change_status(LOCAL_OPERATOR, meeting_id, MeetingStatus.SCHEDULED)
    services.meetings.change_status(LOCAL_OPERATOR, meeting_id, MeetingStatus.IN_SESSION)
    mode = MeetingMode(services, AppEvents(), LOCAL_OPERATOR, meeting_id)
    qtbot.addWidget(mode)
    mode.show()
    item_id = services.agenda.items(meeting_id)[0].id
    mode.notes.setFocus()
    # Typing without a pause (a key every 100 ms for 3 s): the idle timer never fires, the
    # two-second cap does, so part of the text is in the register before typing stops.
    text = "Notulis mengetik tanpa jeda selama tiga detik."
    assert len(text) * 100 > MAX_UNSAVED_MS + 500
    qtbot.keyClicks(mode.notes, text, delay=100)
    saved = services.meeting_notes.item(item_id)
    assert saved.row.notes_revision >= 1
    assert saved.notes and text.startswith(saved.notes)
    # After the last key, the idle save writes the rest within the limit.
    qtbot.waitUntil(
        lambda: services.meeting_notes.item(item_id).notes == text, timeout=MAX_UNSAVED_MS
    )
    assert mode.save_state.text().startswith("Tersimpan pukul")


def _in_session(qtbot: QtBot, services: Services) -> tuple[MeetingMode, int]:
    view = _view(qtbot, services)
    meeting_id = _plan(qtbot, view)
    services.agenda.add_general(LOCAL_OPERATOR, meeting_id, "Evaluasi tindak lanjut")
    services.meetings.change_status(LOCAL_OPERATOR, meeting_id, MeetingStatus.SCHEDULED)
    services.meetings.change_status(LOCAL_OPERATOR, meeting_id, MeetingStatus.IN_SESSION)
    mode = MeetingMode(services, AppEvents(), LOCAL_OPERATOR, meeting_id)
    qtbot.addWidget(mode)
    mode.show()
    with qtbot.waitActive(mode):
        mode.activateWindow()
    return mode, meeting_id


def test_meeting_notes_save_within_two_seconds_and_before_closing(
    qtbot: QtBot, demo_services: Services
) -> None:
    services = demo_services
    mode, meeting_id = _in_session(qtbot, services)
    box = mode.meeting_notes
    qtbot.keyClick(mode.notes, Qt.Key.Key_4, CTRL)
    assert mode.notes_tabs.currentWidget() is box and QApplication.focusWidget() is box.editor
    # Typing without a pause: the two-second cap saves part of it before typing stops.
    opening = "Rapat dibuka oleh Kepala Biro Humas pukul 09.05."
    assert len(opening) * 100 > MAX_UNSAVED_MS + 500
    qtbot.keyClicks(box.editor, opening, delay=100)
    saved = services.meetings.get(meeting_id)
    assert saved.notes_revision >= 1 and saved.notes and opening.startswith(saved.notes)
    qtbot.waitUntil(
        lambda: services.meetings.get(meeting_id).notes == opening, timeout=MAX_UNSAVED_MS
    )
    assert box.save_state.text().startswith("Tersimpan pukul")
    # The item's notes are a separate text (Ctrl+1 goes back to them).
    qtbot.keyClick(box.editor, Qt.Key.Key_1, CTRL)
    assert QApplication.focusWidget() is mode.notes and mode.notes.toPlainText() == ""
    # The closing words typed just before Ctrl+Shift+E are saved before the meeting closes.
    qtbot.keyClick(mode.notes, Qt.Key.Key_4, CTRL)
    box.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(box.editor, " Ditutup pukul 11.30.")
    assert box.dirty
    qtbot.keyClick(box.editor, Qt.Key.Key_E, CTRL | Qt.KeyboardModifier.ShiftModifier)
    detail = services.meetings.get(meeting_id)
    assert detail.row.status is MeetingStatus.CLOSED
    assert detail.notes == opening + " Ditutup pukul 11.30."
    assert box.editor.isReadOnly() and box.editor.toPlainText() == detail.notes


def test_meeting_notes_refused_when_saved_from_another_window(
    qtbot: QtBot, demo_services: Services
) -> None:
    services = demo_services
    mode, meeting_id = _in_session(qtbot, services)
    # Somebody else saved the meeting's notes meanwhile: the refusal shows beside the editor
    # and the text typed here stays in it.
    services.meeting_notes.save_meeting_notes(LOCAL_OPERATOR, meeting_id, "Dari laptop lain", 0)
    box = mode.meeting_notes
    qtbot.keyClick(mode.notes, Qt.Key.Key_4, CTRL)
    qtbot.keyClicks(box.editor, "Pembukaan")
    assert not box.save()
    assert box.error.isVisible() and "revisi 1" in box.error.text()
    assert box.editor.toPlainText() == "Pembukaan"
    assert services.meetings.get(meeting_id).notes == "Dari laptop lain"


def test_an_action_is_corrected_and_deleted_while_in_session(
    qtbot: QtBot, demo_services: Services
) -> None:
    services = demo_services
    mode, meeting_id = _in_session(qtbot, services)
    panel = mode.action_panel
    assert not panel.edit_button.isEnabled()  # nothing agreed yet
    for text in ("Kirim data pemadanan", "Undang Dinsos Kabupaten Malang"):
        qtbot.keyClick(mode.notes, Qt.Key.Key_3, CTRL)
        qtbot.keyClicks(panel.description, text)
        qtbot.keyClick(panel.description, Qt.Key.Key_Return)
    first, second = services.action_items.list_items(ActionFilter(meeting_id=meeting_id))
    assert panel.list.count() == 2 and panel.edit_button.isEnabled()
    # Enter on the list loads the action into the form; Enter in a field saves the correction.
    panel.list.setFocus()
    panel.list.setCurrentRow(0)
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert panel.editing == first.id and panel.add_button.text() == "Simpan perubahan"
    assert QApplication.focusWidget() is panel.description
    qtbot.keyClicks(panel.description, "Kirim hasil pemadanan DTKS")  # replaces the selection
    panel.due.setFocus()
    panel.due.selectAll()
    qtbot.keyClicks(panel.due, "10")
    panel.person.setFocus()
    qtbot.keyClicks(panel.person, "Rina")
    qtbot.keyClick(panel.person, Qt.Key.Key_Return)
    rows = {r.id: r for r in services.action_items.list_items(ActionFilter(meeting_id=meeting_id))}
    corrected = rows[first.id]
    assert corrected.description == "Kirim hasil pemadanan DTKS"
    assert corrected.person_in_charge == "Rina" and corrected.due_workdays == 10
    assert corrected.due_date == date(2022, 12, 5)  # 21 November + 10 working days
    assert rows[second.id].description == "Undang Dinsos Kabupaten Malang"
    assert panel.editing is None and panel.add_button.text() == "Tambah tindak lanjut"
    # Delete on the list removes the chosen action.
    panel.list.setFocus()
    panel.list.setCurrentRow(1)
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    left = services.action_items.list_items(ActionFilter(meeting_id=meeting_id))
    assert [a.id for a in left] == [first.id] and panel.list.count() == 1
    # Once the meeting is closed the list is the record.
    mode.end_meeting()
    assert not panel.edit_button.isEnabled() and not panel.delete_button.isEnabled()
    panel.list.setCurrentRow(0)
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert len(services.action_items.list_items(ActionFilter(meeting_id=meeting_id))) == 1


def test_meeting_mode_fits_a_laptop_screen(qtbot: QtBot, demo_services: Services) -> None:
    # A 1366x768 laptop leaves a window about 700 pixels; the demo meeting's long title and an
    # item with a decision and an action item used to need 830.
    meeting = next(
        m for m in demo_services.meetings.list_meetings() if m.meeting_date == date(2022, 11, 15)
    )
    demo_services.meetings.reopen(LOCAL_OPERATOR, meeting.id, "Uji layar laptop")
    mode = MeetingMode(demo_services, AppEvents(), LOCAL_OPERATOR, meeting.id)
    qtbot.addWidget(mode)
    item = next(i for i in mode.items if i.complaint_id and i.action_count)
    mode.go_to(mode.items.index(item))
    mode.resize(1366, 700)
    mode.show()
    qtbot.waitExposed(mode)
    assert mode.minimumSizeHint().height() <= 700
    assert (mode.width(), mode.height()) == (1366, 700)
    # The title on one line, cut short; the whole of it in the tooltip.
    title = f"Rapat No. {meeting.label} — {meeting.title}"
    assert mode.heading.text().endswith("…") and mode.heading.toolTip() == title
    assert mode.heading.height() < 2 * mode.heading.fontMetrics().height()
    # Both forms are a tab away, and every field of the one shown is inside the window.
    for panel in (mode.decision_panel, mode.action_panel):
        mode.record_tabs.setCurrentWidget(panel)
        QApplication.processEvents()
        bottom = panel.mapTo(mode, panel.rect().bottomLeft()).y()
        assert panel.isVisible() and bottom <= mode.height()
