"""Actions on complaints from the detail pane and the register selection, with undo and redo."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import event, select

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.domain.enums import FollowUpKind, InternalStatus
from lapor_desk.domain.lifecycle import allowed_targets
from lapor_desk.models import Complaint, Unit
from lapor_desk.persistence.engine import make_session_factory
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.complaint_actions import ActionResult
from lapor_desk.services.complaint_filter import ComplaintFilter
from lapor_desk.ui.dialogs import ERROR_STYLE
from lapor_desk.ui.dialogs.dispose_dialog import DisposeDialog
from lapor_desk.ui.dialogs.follow_up_dialog import FollowUpDialog
from lapor_desk.ui.dialogs.status_dialog import StatusDialog
from lapor_desk.ui.dialogs.urgent_dialog import UrgentDialog
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.views.detail_sections import Entry

S = InternalStatus
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _first(services: Services, status: InternalStatus, *, urgent: bool | None = None) -> int:
    with make_session_factory(services.engine)() as session:
        query = select(Complaint.id).where(Complaint.status == status.value)
        if urgent is not None:
            query = query.where(Complaint.urgent.is_(urgent))
        found = session.scalar(query.order_by(Complaint.received_at.desc()).limit(1))
    assert found is not None
    return int(found)


def _unit(services: Services, abbreviation: str) -> int:
    with make_session_factory(services.engine)() as session:
        found = session.scalar(select(Unit.id).where(Unit.abbreviation == abbreviation))
    assert found is not None
    return int(found)


def _opened(qtbot: QtBot, dialog: QDialog | None) -> QDialog:
    """The action's dialog, once it is the active window (shortcuts work only then)."""
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _activate(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _window(qtbot: QtBot, services: Services) -> MainWindow:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1400, 850)
    window.show()
    qtbot.waitExposed(window)
    window.show_page(window.register)
    _activate(qtbot, window)
    return window


def _status_dialog(
    qtbot: QtBot, services: Services, status: InternalStatus
) -> tuple[MainWindow, int, StatusDialog]:
    """The window, the first complaint in ``status``, and its status dialog opened by mouse."""
    window = _window(qtbot, services)
    pane = window.complaint_menus.detail
    complaint_id = _first(services, status)
    pane.show_complaint(complaint_id)
    qtbot.mouseClick(pane.status_button, Qt.MouseButton.LeftButton)
    dialog = _opened(qtbot, pane.complaint_actions.dialog)
    assert isinstance(dialog, StatusDialog)
    return window, complaint_id, dialog


def test_dispose_by_keyboard_then_undo_and_redo_with_the_edit_shortcuts(
    qtbot: QtBot, demo_services: Services
) -> None:
    window = _window(qtbot, demo_services)
    menus = window.complaint_menus
    pane = menus.detail
    complaint_id = _first(demo_services, S.BELUM_TERVERIFIKASI)
    tracking = demo_services.register.get(complaint_id).row.tracking_id
    pane.show_complaint(complaint_id)
    qtbot.mouseClick(pane.dispose_button, Qt.MouseButton.LeftButton)
    dialog = _opened(qtbot, pane.complaint_actions.dialog)
    assert isinstance(dialog, DisposeDialog)
    assert dialog.filter.hasFocus()  # the dialog opens ready for typing
    assert not dialog.ok.isEnabled()
    qtbot.keyClicks(dialog.filter, "hukum")
    visible = [dialog.units.item(r) for r in range(dialog.units.count())]
    assert [i.text() for i in visible if not i.isHidden()] == ["Biro Hukum (BIRO-HUKUM)"]
    dialog.units.setFocus()
    dialog.units.setCurrentItem(next(i for i in visible if not i.isHidden()))
    qtbot.keyClick(dialog.units, Qt.Key.Key_Space)
    assert dialog.unit_ids() == [_unit(demo_services, "BIRO-HUKUM")]
    assert dialog.lead.text() == "Unit utama: Biro Hukum."
    # The lead is in bold in the list, and stays in sight while another unit is looked for.
    hukum = next(i for i in visible if not i.isHidden())
    assert hukum.font().bold()
    dialog.filter.selectAll()
    qtbot.keyClicks(dialog.filter, "humas")
    shown = {i.text() for i in visible if not i.isHidden()}
    assert shown == {"Biro Hukum (BIRO-HUKUM)", "Biro Hubungan Masyarakat (BIRO-HUMAS)"}
    humas = next(i for i in visible if i.text().endswith("(BIRO-HUMAS)"))
    assert not humas.font().bold()
    qtbot.keyClick(dialog.instruction, Qt.Key.Key_Return, CTRL)
    detail = demo_services.register.get(complaint_id)
    assert detail.row.status is S.BELUM_DITINDAKLANJUTI and detail.row.lead_unit == "Biro Hukum"
    assert pane.dispositions.heading.text() == "Disposisi (1)"
    assert menus.undo_action.text() == f"Urungkan Disposisi {tracking}"

    _activate(qtbot, window)  # the offscreen platform has no window manager to do it
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    detail = demo_services.register.get(complaint_id)
    assert detail.row.status is S.BELUM_TERVERIFIKASI and detail.row.lead_unit is None
    withdrawn = pane.dispositions.entries[0]
    assert isinstance(withdrawn, Entry) and withdrawn.meta.font().strikeOut()
    assert pane.status_chip.text() == "Belum terverifikasi"
    assert detail.history[-1].origin == "undo"

    _activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)
    detail = demo_services.register.get(complaint_id)
    assert detail.row.lead_unit == "Biro Hukum"
    assert [d.withdrawn_at is None for d in detail.dispositions] == [False, True]
    assert pane.dispositions.heading.text() == "Disposisi (2)"


def _follow_up_dialog(
    qtbot: QtBot, services: Services, status: S
) -> tuple[MainWindow, int, FollowUpDialog]:
    """The window, a complaint in ``status`` shown in its detail pane, and its follow-up dialog."""
    window = _window(qtbot, services)
    pane = window.complaint_menus.detail
    complaint_id = _first(services, status)
    pane.show_complaint(complaint_id)
    qtbot.mouseClick(pane.follow_up_button, Qt.MouseButton.LeftButton)
    dialog = _opened(qtbot, pane.complaint_actions.dialog)
    assert isinstance(dialog, FollowUpDialog)
    return window, complaint_id, dialog


def test_follow_up_needs_text_and_is_undone_with_its_status_move(
    qtbot: QtBot, demo_services: Services
) -> None:
    window, complaint_id, dialog = _follow_up_dialog(
        qtbot, demo_services, S.BELUM_DITINDAKLANJUTI
    )
    pane = window.complaint_menus.detail
    before = demo_services.register.get(complaint_id)
    assert dialog.text.hasFocus()
    lead = next(d for d in before.dispositions if d.is_lead)
    assert dialog.unit_id() == lead.unit_id
    assert dialog.kind.currentText() == "Respons awal"
    assert dialog.moves.text() == "Status pengaduan menjadi “Proses”."
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible() and dialog.text_error.text() == "Isi tindak lanjut wajib diisi."
    qtbot.keyClicks(dialog.text, "Data sedang dicek bersama Dinas Sosial.")
    assert dialog.text_error.isHidden()
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)
    assert not dialog.isVisible()
    after = demo_services.register.get(complaint_id)
    assert after.row.status is S.PROSES
    assert after.follow_ups[-1].text == "Data sedang dicek bersama Dinas Sosial."
    assert pane.follow_ups.heading.text() == f"Tindak lanjut ({len(after.follow_ups)})"

    window.complaint_menus.undo_stack.undo()
    undone = demo_services.register.get(complaint_id)
    assert undone.row.status is S.BELUM_DITINDAKLANJUTI
    assert undone.follow_ups == before.follow_ups


def test_a_follow_up_on_a_completed_complaint_warns_that_it_reopens_it(
    qtbot: QtBot, demo_services: Services
) -> None:
    _window_shown, complaint_id, dialog = _follow_up_dialog(qtbot, demo_services, S.SELESAI)
    dialog.kind.setCurrentIndex(dialog.kind.findData(FollowUpKind.FOLLOW_UP))
    assert dialog.moves.text() == (
        "Pengaduan ini sudah selesai: tindak lanjut ini membukanya kembali, dan statusnya "
        "menjadi “Proses”."
    )
    assert dialog.moves.styleSheet() == ERROR_STYLE
    dialog.kind.setCurrentIndex(dialog.kind.findData(FollowUpKind.COMPLETION))
    assert dialog.moves.text() == "Status pengaduan tetap “Selesai”."
    assert dialog.moves.styleSheet() != ERROR_STYLE
    # A completed complaint cannot wait for the reporter: said before anything is typed.
    dialog.kind.setCurrentIndex(dialog.kind.findData(FollowUpKind.INFO_REQUEST))
    assert dialog.moves.text() == (
        "Pengaduan “Selesai” tidak dapat menjadi “Menunggu kelengkapan”: pilih jenis tindak "
        "lanjut lain, atau ubah statusnya lebih dulu."
    )
    assert not dialog.ok.isEnabled()
    qtbot.keyClicks(dialog.text, "Pelapor keberatan atas jawaban; unit meninjau ulang.")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible() and dialog.kind.hasFocus()
    dialog.kind.setCurrentIndex(dialog.kind.findData(FollowUpKind.FOLLOW_UP))
    assert dialog.ok.isEnabled()
    dialog.text.setFocus()
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)
    assert demo_services.register.get(complaint_id).row.status is S.PROSES


def test_status_dialog_offers_only_allowed_moves_and_asks_for_reasons(
    qtbot: QtBot, demo_services: Services
) -> None:
    window, complaint_id, dialog = _status_dialog(qtbot, demo_services, S.BELUM_TERVERIFIKASI)
    pane = window.complaint_menus.detail
    offered = [dialog.target.itemData(i) for i in range(dialog.target.count())]
    assert offered[0] is None and not dialog.ok.isEnabled()
    qtbot.keyClick(dialog.target, Qt.Key.Key_Return)  # nothing chosen: Enter changes nothing
    assert dialog.isVisible() and dialog.note.text() == "Pilih status baru."
    assert set(offered[1:]) == allowed_targets(S.BELUM_TERVERIFIKASI)
    assert S.SELESAI not in offered
    dialog.set_target(S.DIARSIPKAN)
    assert not dialog.ok.isEnabled() and dialog.reason_label.text() == "Alasan"
    assert dialog.reason.placeholderText().startswith("Wajib")
    qtbot.keyClicks(dialog.reason, "Duplikat laporan sebelumnya")
    assert dialog.ok.isEnabled()
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert demo_services.register.get(complaint_id).row.status is S.DIARSIPKAN
    assert pane.status_chip.text() == "Diarsipkan"
    assert "Duplikat laporan sebelumnya" in pane.notes.text()
    window.complaint_menus.undo_stack.undo()
    restored = demo_services.register.get(complaint_id)
    assert restored.row.status is S.BELUM_TERVERIFIKASI and restored.status_reason is None


def test_urgent_flag_needs_a_reason_and_undo_clears_it(
    qtbot: QtBot, demo_services: Services
) -> None:
    window = _window(qtbot, demo_services)
    pane = window.complaint_menus.detail
    complaint_id = _first(demo_services, S.PROSES, urgent=False)
    pane.show_complaint(complaint_id)
    assert pane.urgent_chip.isHidden()
    qtbot.mouseClick(pane.urgent_button, Qt.MouseButton.LeftButton)
    dialog = _opened(qtbot, pane.complaint_actions.dialog)
    assert isinstance(dialog, UrgentDialog) and not dialog.ok.isEnabled()
    qtbot.mouseClick(dialog.urgent, Qt.MouseButton.LeftButton)
    assert not dialog.ok.isEnabled() and dialog.note.text() == (
        "Pengaduan mendesak memerlukan alasan."
    )
    qtbot.keyClicks(dialog.reason, "Diminta pimpinan")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert pane.urgent_chip.isVisible()
    assert demo_services.register.get(complaint_id).urgent_reason == "Diminta pimpinan"
    window.complaint_menus.undo_stack.undo()
    assert pane.urgent_chip.isHidden()
    assert not demo_services.register.get(complaint_id).row.urgent


def test_bulk_dispose_of_a_selection_reports_refusals_and_undoes_in_one_step(
    qtbot: QtBot, demo_services: Services
) -> None:
    window = _window(qtbot, demo_services)
    table = window.register.table
    model = window.register.model
    first = table.visualRect(model.index(0, 3)).center()
    tenth = table.visualRect(model.index(9, 3)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=first)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, SHIFT, pos=tenth)
    ids = window.register.selected_ids()
    assert len(ids) == 10
    archived = ids[3]
    demo_services.register.change_status(LOCAL_OPERATOR, archived, S.DIARSIPKAN, "Spam")
    menus = window.complaint_menus
    assert menus.dispose_action.isEnabled()
    qtbot.keyClick(table, Qt.Key.Key_D, CTRL)
    dialog = menus.actions.dialog
    assert isinstance(dialog, DisposeDialog)
    assert dialog.heading.text() == "Disposisikan 10 pengaduan ke satu unit atau lebih."
    dialog.check(_unit(demo_services, "BIRO-HUKUM"))
    with qtbot.waitSignal(menus.actions.action_finished, timeout=60_000) as finished:
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    result = finished.args[0]
    assert isinstance(result, ActionResult)
    assert len(result.done) == 9 and [f.complaint_id for f in result.failures] == [archived]
    report = menus.actions.report_box
    assert report is not None and report.isVisible()
    assert report.text() == "9 dari 10 pengaduan diubah; 1 tidak:"
    tracking = demo_services.register.get(archived).row.tracking_id
    assert report.informativeText().startswith(f"{tracking}: Pengaduan berstatus “Diarsipkan”")
    report.close()
    assert menus.undo_action.text() == "Urungkan Disposisi: 10 pengaduan"
    menus.undo_stack.undo()
    for complaint_id in ids:
        detail = demo_services.register.get(complaint_id)
        assert all(d.unit != "Biro Hukum" or d.withdrawn_at for d in detail.dispositions)


def test_cancelled_bulk_status_change_changes_nothing(
    qtbot: QtBot, demo_services: Services
) -> None:
    window = _window(qtbot, demo_services)
    menus = window.complaint_menus
    waiting = ComplaintFilter(statuses=frozenset({S.BELUM_DITINDAKLANJUTI, S.PROSES}))
    ids = demo_services.complaints.ids(waiting, limit=600)
    assert len(ids) == 600
    menus.actions.change_status(ids)
    dialog = menus.actions.dialog
    assert isinstance(dialog, StatusDialog)
    assert dialog.target.itemText(dialog.target.findData(S.SELESAI)) == "Selesai"
    dialog.set_target(S.MENUNGGU_KELENGKAPAN)
    qtbot.keyClicks(dialog.reason, "Mohon lengkapi data")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    worker = menus.actions.worker
    assert worker is not None
    with qtbot.waitSignal(worker.cancelled, timeout=60_000):
        worker.progress.cancel()
    counts = demo_services.actions.status_counts(ids)
    assert S.MENUNGGU_KELENGKAPAN not in counts
    assert menus.undo_stack.count() == 0
    assert window.statusBar().currentMessage() == "Dibatalkan; tidak ada yang diubah."


def test_someone_elses_change_while_the_dialog_is_open_is_reported_not_overwritten(
    qtbot: QtBot, demo_services: Services
) -> None:
    window, complaint_id, dialog = _status_dialog(qtbot, demo_services, S.PROSES)
    menus = window.complaint_menus
    pane = menus.detail
    demo_services.register.mark_urgent(LOCAL_OPERATOR, complaint_id, True, "Pimpinan")
    dialog.set_target(S.SELESAI)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    report = pane.complaint_actions.report_box
    assert report is not None and "diubah oleh orang lain" in report.text()
    assert demo_services.register.get(complaint_id).row.status is S.PROSES
    assert menus.undo_stack.count() == 0


def test_undo_of_a_complaint_changed_since_is_refused_and_leaves_the_stack(
    qtbot: QtBot, demo_services: Services
) -> None:
    window, complaint_id, dialog = _status_dialog(qtbot, demo_services, S.PROSES)
    menus = window.complaint_menus
    dialog.set_target(S.SELESAI)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert menus.undo_stack.count() == 1
    demo_services.register.change_status(LOCAL_OPERATOR, complaint_id, S.PROSES, "Dibuka lagi")
    menus.undo_stack.undo()
    report = menus.actions.report_box
    assert report is not None and report.text() == "0 dari 1 pengaduan diubah; 1 tidak:"
    assert "sudah berubah sejak itu" in report.informativeText()
    assert menus.undo_stack.count() == 0 and not menus.undo_action.isEnabled()
    assert demo_services.register.get(complaint_id).row.status is S.PROSES


def _sixty_moved_to_proses(
    qtbot: QtBot, services: Services, spare: int = 0
) -> tuple[MainWindow, list[int]]:
    """The window after a bulk status change of 60 complaints to Proses, by the dialog; the
    60 ids, then ``spare`` more complaints still waiting for follow-up."""
    window = _window(qtbot, services)
    menus = window.complaint_menus
    waiting = ComplaintFilter(statuses=frozenset({S.BELUM_DITINDAKLANJUTI}))
    ids = list(services.complaints.ids(waiting, limit=60 + spare))
    assert len(ids) == 60 + spare
    menus.actions.change_status(ids[:60])
    dialog = _opened(qtbot, menus.actions.dialog)
    assert isinstance(dialog, StatusDialog)
    dialog.set_target(S.PROSES)
    with qtbot.waitSignal(menus.actions.action_finished, timeout=60_000):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    return window, ids


def test_bulk_status_change_undo_and_redo_of_sixty_complaints(
    qtbot: QtBot, demo_services: Services
) -> None:
    window, ids = _sixty_moved_to_proses(qtbot, demo_services)
    menus = window.complaint_menus
    assert demo_services.actions.status_counts(ids) == {S.PROSES: 60}
    assert window.statusBar().currentMessage() == "60 pengaduan diubah."
    assert menus.undo_action.text() == "Urungkan Status “Proses”: 60 pengaduan"
    # Sixty complaints are undone and redone on a worker: the event loop keeps running (the
    # window paints) until the stack call returns, with the work done.
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    menus.undo_stack.undo()
    undo_ticks = len(ticks)
    assert demo_services.actions.status_counts(ids) == {S.BELUM_DITINDAKLANJUTI: 60}
    assert menus.redo_action.isEnabled()
    menus.undo_stack.redo()
    timer.stop()
    assert undo_ticks > 0 and len(ticks) > undo_ticks
    assert demo_services.actions.status_counts(ids) == {S.PROSES: 60}
    menus.undo_stack.undo()
    assert demo_services.actions.status_counts(ids) == {S.BELUM_DITINDAKLANJUTI: 60}
    history = demo_services.register.get(ids[0]).history
    assert [h.origin for h in history[-3:]] == ["undo", "manual", "undo"]


def test_a_large_undo_from_the_menu_runs_on_a_worker_and_can_be_cancelled(
    qtbot: QtBot, demo_services: Services
) -> None:
    window, ids = _sixty_moved_to_proses(qtbot, demo_services)
    menus = window.complaint_menus
    _activate(qtbot, window)
    # Cancelled: neither the register nor the stack moves.
    menus.undo_action.trigger()
    worker = menus.actions.worker
    assert worker is not None  # on a worker, not in the stack's own call
    worker.progress.cancel()
    qtbot.waitUntil(lambda: menus.actions.worker is None, timeout=30_000)
    assert demo_services.actions.status_counts(ids) == {S.PROSES: 60}
    assert menus.undo_stack.index() == 1 and menus.undo_action.isEnabled()
    assert window.statusBar().currentMessage() == "Dibatalkan; tidak ada yang diubah."
    # By keyboard, to the end: the stack moves once the work is done.
    _activate(qtbot, window)  # back from the cancelled progress dialog
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert menus.actions.worker is not None and menus.undo_stack.index() == 1
    qtbot.waitUntil(lambda: menus.undo_stack.index() == 0, timeout=30_000)
    assert menus.actions.worker is None
    assert demo_services.actions.status_counts(ids) == {S.BELUM_DITINDAKLANJUTI: 60}
    _activate(qtbot, window)  # back from the progress dialog
    qtbot.keyClick(window, Qt.Key.Key_Y, CTRL)
    qtbot.waitUntil(lambda: menus.undo_stack.index() == 1, timeout=30_000)
    assert demo_services.actions.status_counts(ids) == {S.PROSES: 60}
    history = demo_services.register.get(ids[0]).history
    assert [h.origin for h in history[-3:]] == ["manual", "undo", "manual"]


def test_no_other_change_starts_while_an_undo_runs(
    qtbot: QtBot, demo_services: Services
) -> None:
    window, ids = _sixty_moved_to_proses(qtbot, demo_services, spare=1)
    menus = window.complaint_menus
    other, ids = ids[60], ids[:60]
    _activate(qtbot, window)
    menus.undo_action.trigger()
    assert menus.actions.busy
    # Neither another action nor a second undo starts before the first undo is done.
    menus.actions.change_status([other])
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, StatusDialog) and w.isVisible()]
    assert window.statusBar().currentMessage() == (
        "Tunggu sampai tindakan yang sedang berjalan selesai.")
    menus.undo_action.trigger()
    qtbot.waitUntil(lambda: not menus.actions.busy, timeout=30_000)
    assert menus.undo_stack.index() == 0
    assert demo_services.actions.status_counts(ids) == {S.BELUM_DITINDAKLANJUTI: 60}
    assert demo_services.register.get(other).row.status is S.BELUM_DITINDAKLANJUTI
    # Called by the stack itself the redo waits in a local loop; a shortcut pressed meanwhile
    # starts nothing.
    pressed: list[bool] = []

    def press_undo() -> None:
        pressed.append(menus.actions.busy)
        menus.undo_action.trigger()

    QTimer.singleShot(0, press_undo)
    menus.undo_stack.redo()
    assert pressed == [True] and not menus.actions.busy
    assert menus.undo_stack.index() == 1
    assert demo_services.actions.status_counts(ids) == {S.PROSES: 60}
    history = demo_services.register.get(ids[0]).history
    assert [h.origin for h in history[-3:]] == ["manual", "undo", "manual"]


def test_an_undo_the_register_refuses_leaves_the_stack_where_it_was(
    qtbot: QtBot, demo_services: Services, message_boxes: list[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    window, complaint_id, dialog = _status_dialog(qtbot, demo_services, S.PROSES)
    menus = window.complaint_menus
    dialog.set_target(S.SELESAI)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert menus.undo_stack.index() == 1
    # Another program holds the register's write lock, longer than the register waits.
    engine = demo_services.engine
    path = engine.url.database
    assert path is not None

    def impatient(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA busy_timeout = 50")

    event.listen(engine, "connect", impatient)
    engine.dispose()
    other = sqlite3.connect(path)
    other.execute("BEGIN IMMEDIATE")
    try:
        menus.undo_action.trigger()
    finally:
        other.rollback()
        other.close()
        event.remove(engine, "connect", impatient)
        engine.dispose()
    assert menus.undo_stack.index() == 1 and menus.undo_action.isEnabled()
    assert message_boxes == [
        "Program atau jendela lain sedang mengunci register: tidak ada yang diubah. Coba lagi "
        "sebentar lagi."]
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        "register failure"]  # and kept in the log
    assert demo_services.register.get(complaint_id).row.status is S.SELESAI
    menus.undo_action.trigger()  # the lock is gone: now it is undone
    assert menus.undo_stack.index() == 0
    assert demo_services.register.get(complaint_id).row.status is S.PROSES
