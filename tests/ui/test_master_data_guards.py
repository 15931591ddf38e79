"""Data Master keeps the user's work: it asks before deleting and before dropping unsaved edits,
Tab leaves the liaisons' table, and Ctrl+N in a tab means a new record there."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMessageBox,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from lapor_desk.domain.enums import InternalStatus, Klasifikasi, SlaStage
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.complaint_filter import ComplaintFilter
from lapor_desk.services.master_data_models import UnitRow
from lapor_desk.ui.itemmodels.unit_tree import ID_ROLE
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.views.master_data import MasterDataView
from lapor_desk.ui.views.master_data.units_tab import UnitsTab
from tests.ui.conftest import Questions
from tests.ui.master_data_helpers import click_row, open_master_data

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def view(qtbot: QtBot, demo_services: Services) -> MasterDataView:
    return open_master_data(qtbot, demo_services)


def _activate(qtbot: QtBot, widget: QWidget) -> None:
    """Make ``widget``'s window active again, as a desktop does once a question is answered.

    The offscreen platform does not hand the activation back to the window by itself.
    """
    widget.window().activateWindow()
    qtbot.waitUntil(widget.window().isActiveWindow)


def _back_to(qtbot: QtBot, widget: QWidget) -> None:
    """The focus in ``widget`` of the active window, where keyboard shortcuts reach it."""
    _activate(qtbot, widget)
    widget.setFocus()


def _unit(tab: UnitsTab, abbreviation: str) -> UnitRow:
    return next(u for u in tab.model_units() if u.abbreviation == abbreviation)


def _click_unit(qtbot: QtBot, tab: UnitsTab, unit_id: int) -> None:
    rect = tab.tree.visualRect(tab.model.index_of(unit_id))
    qtbot.mouseClick(tab.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _selected_unit(tab: UnitsTab) -> int | None:
    rows = tab.tree.selectionModel().selectedRows()
    return int(rows[0].data(ID_ROLE)) if rows else None


def _press_on_next_question(qtbot: QtBot, key: Qt.Key) -> tuple[list[str], QTimer]:
    """Press ``key`` on the next question the app asks; its text lands in the list.

    The caller keeps the timer until the question has come.
    """
    seen: list[str] = []
    timer = QTimer()

    def press() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            timer.stop()
            seen.append(box.text())
            qtbot.keyClick(box, key)

    timer.timeout.connect(press)
    timer.start(20)
    return seen, timer


# -- confirmations ----------------------------------------------------------------------------


def test_deleting_an_sla_rule_asks_and_only_hapus_deletes_it(
    qtbot: QtBot, view: MasterDataView, demo_services: Services, questions: Questions
) -> None:
    md, register = demo_services.master_data, demo_services.register
    berkadar = Klasifikasi.BERKADAR_PENGAWASAN
    complaint = demo_services.complaints.ids(
        ComplaintFilter(klasifikasi=berkadar.value, urgent=False), limit=1)[0]

    def completion_due() -> date:
        return next(s.due for s in register.get(complaint).sla
                    if s.stage is SlaStage.COMPLETION)

    before, due_before = md.sla_rules(), completion_due()
    view.tabs.setCurrentWidget(view.sla_rules)
    tab = view.sla_rules
    rule = next(r for r in tab.model.rows if r.klasifikasi is berkadar)
    click_row(qtbot, tab.table, tab.model.row_of(rule.id))
    questions.answer("Batal")
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert len(questions.asked) == 1
    # It names the rule and says what deleting it does.
    assert "Pengaduan Berkadar Pengawasan · 60 hari kerja" in questions.asked[0]
    assert "tenggat tersimpan semua pengaduan dihitung ulang" in questions.asked[0]
    assert md.sla_rules() == before and tab.worker is None
    # Enter and Esc keep it too: the safe answer is the default.
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Escape):
        _back_to(qtbot, tab.table)
        seen, _timer = _press_on_next_question(qtbot, key)
        qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
        assert len(seen) == 1 and md.sla_rules() == before
    questions.answer("Hapus")
    with qtbot.waitSignal(tab.finished, timeout=60_000):
        qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert rule.id not in {r.id for r in md.sla_rules()}
    assert tab.model.row_of(rule.id) == -1 and tab.current_key() is None
    # The complaint falls back on the 14-day completion rule: its deadline comes sooner.
    assert completion_due() < due_before


def test_deleting_a_routing_rule_asks_and_batal_keeps_it(
    qtbot: QtBot, view: MasterDataView, demo_services: Services, questions: Questions
) -> None:
    md = demo_services.master_data
    view.tabs.setCurrentWidget(view.routing_rules)
    tab = view.routing_rules
    row = next(n for n, r in enumerate(tab.model.rows) if r.keyword == "pungli")
    click_row(qtbot, tab.table, row)
    questions.answer("Batal")
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert "pungli" in questions.asked[0]
    assert "Sekretariat Inspektorat Jenderal" in questions.asked[0]
    assert "pungli" in {r.keyword for r in md.routing_rules()}
    questions.answer("Hapus")
    _back_to(qtbot, tab.table)
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert "pungli" not in {r.keyword for r in md.routing_rules()}
    assert tab.keyword.text() == "" and not tab.delete_button.isEnabled()


def test_status_mapping_delete_and_restore_ask_and_batal_keeps_it(
    qtbot: QtBot, view: MasterDataView, demo_services: Services, questions: Questions
) -> None:
    settings = demo_services.settings
    view.tabs.setCurrentWidget(view.status_mapping)
    tab = view.status_mapping
    row = next(n for n, r in enumerate(tab.model.rows) if r.portal_value == "Konten Terblokir")
    click_row(qtbot, tab.table, row)
    tab.status.setCurrentIndex(tab.status.findData(InternalStatus.PROSES.value))
    qtbot.keyClick(tab.portal_value, Qt.Key.Key_Return)
    assert settings.status_mapping()["Konten Terblokir"] is InternalStatus.PROSES
    questions.answer("Batal", "Batal")
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    qtbot.mouseClick(tab.restore_button, Qt.MouseButton.LeftButton)
    assert len(questions.asked) == 2 and "Konten Terblokir" in questions.asked[0]
    assert settings.status_mapping()["Konten Terblokir"] is InternalStatus.PROSES
    questions.answer("Pulihkan bawaan")
    qtbot.mouseClick(tab.restore_button, Qt.MouseButton.LeftButton)
    assert settings.status_mapping()["Konten Terblokir"] is InternalStatus.TERBLOKIR


def test_removing_a_holiday_correction_asks_and_delete_on_a_plain_day_does_nothing(
    qtbot: QtBot, view: MasterDataView, demo_services: Services, questions: Questions
) -> None:
    calendar = demo_services.settings.calendar
    view.tabs.setCurrentWidget(view.holidays)
    tab = view.holidays
    tab.year.setValue(2022)
    click_row(qtbot, tab.table, tab.model.row_of_day(date(2022, 5, 5)))
    with qtbot.waitSignal(tab.finished, timeout=60_000):
        qtbot.mouseClick(tab.working_button, Qt.MouseButton.LeftButton)
    assert calendar().is_working_day(date(2022, 5, 5))
    _back_to(qtbot, tab.table)
    click_row(qtbot, tab.table, tab.model.row_of_day(date(2022, 5, 5)))
    questions.answer("Batal")
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert "Kamis, 5 Mei 2022" in questions.asked[0] and "dihitung ulang" in questions.asked[0]
    assert calendar().is_working_day(date(2022, 5, 5)) and tab.worker is None
    # A national holiday nobody corrected: the Delete key has nothing to remove, asks nothing.
    _back_to(qtbot, tab.table)
    click_row(qtbot, tab.table, tab.model.row_of_day(date(2022, 1, 1)))
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert tab.worker is None and len(questions.asked) == 1


# -- unsaved edits ----------------------------------------------------------------------------


def test_another_unit_asks_about_the_edited_one_batal_buang_simpan(
    qtbot: QtBot, view: MasterDataView, demo_services: Services, questions: Questions
) -> None:
    tab = view.units
    humas, hukum = _unit(tab, "BIRO-HUMAS"), _unit(tab, "BIRO-HUKUM")
    tab.select(humas.id)
    qtbot.keyClicks(tab.name, " Baru")
    questions.answer("Batal")
    _click_unit(qtbot, tab, hukum.id)
    assert len(questions.asked) == 1 and "Biro Hubungan Masyarakat" in questions.asked[0]
    # Batal: still the edited unit, as typed, and the tree selects it again.
    assert tab.name.text() == "Biro Hubungan Masyarakat Baru"
    assert tab.current_key() == humas.id and _selected_unit(tab) == humas.id
    questions.answer("Buang")
    _click_unit(qtbot, tab, hukum.id)
    assert tab.name.text() == "Biro Hukum" and _selected_unit(tab) == hukum.id
    assert _unit(tab, "BIRO-HUMAS").name == "Biro Hubungan Masyarakat"
    # Moving without a change asks nothing.
    _click_unit(qtbot, tab, humas.id)
    _click_unit(qtbot, tab, hukum.id)
    assert len(questions.asked) == 2
    qtbot.keyClicks(tab.name, " dan HAM")
    questions.answer("Simpan")
    _click_unit(qtbot, tab, humas.id)
    stored = next(u for u in demo_services.master_data.units() if u.id == hukum.id)
    assert stored.name == "Biro Hukum dan HAM"
    assert tab.name.text() == "Biro Hubungan Masyarakat" and _selected_unit(tab) == humas.id
    assert not tab.is_edited()


def test_a_save_on_another_tab_leaves_what_is_typed_here(
    qtbot: QtBot, demo_services: Services, questions: Questions
) -> None:
    view = open_master_data(qtbot, demo_services)
    units, topics = view.units, view.topics
    humas, hukum = _unit(units, "BIRO-HUMAS"), _unit(units, "BIRO-HUKUM")
    units.select(humas.id)
    qtbot.keyClicks(units.name, " Baru")
    # Meanwhile a topic is saved (the units' lists hold topics' units; any master data will do).
    view.tabs.setCurrentWidget(topics)
    click_row(qtbot, topics.table, 0)
    qtbot.keyClicks(topics.name, " (ubah)")
    with qtbot.waitSignal(topics.finished, timeout=10_000):
        topics.save()
    assert units.name.text() == "Biro Hubungan Masyarakat Baru" and units.is_edited()
    assert units._stale  # not read again under what is typed
    # Leaving the unit asks; Buang then shows the other unit as stored, lists read again.
    view.tabs.setCurrentWidget(units)
    questions.answer("Buang")
    _click_unit(qtbot, units, hukum.id)
    assert len(questions.asked) == 1 and units.name.text() == "Biro Hukum"
    qtbot.waitUntil(lambda: not units._stale)  # the records are read once the click is over
    assert units.current_key() == hukum.id and _selected_unit(units) == hukum.id


def test_deactivating_a_unit_with_other_edits_asks_first(
    qtbot: QtBot, view: MasterDataView, demo_services: Services, questions: Questions
) -> None:
    tab = view.units
    umum = _unit(tab, "BIRO-UMUM")
    tab.select(umum.id)
    qtbot.keyClicks(tab.name, " dan Rumah Tangga")
    questions.answer("Batal")
    qtbot.mouseClick(tab.deactivate_button, Qt.MouseButton.LeftButton)
    assert len(questions.asked) == 1 and "Biro Umum" in questions.asked[0]
    assert _unit(tab, "BIRO-UMUM").active_to is None  # nothing done, the name still typed
    assert tab.name.text() == "Biro Umum dan Rumah Tangga"


def test_a_refused_save_stays_on_the_unit_with_its_message(
    qtbot: QtBot, view: MasterDataView, questions: Questions
) -> None:
    tab = view.units
    humas, hukum = _unit(tab, "BIRO-HUMAS"), _unit(tab, "BIRO-HUKUM")
    tab.select(humas.id)
    tab.abbreviation.selectAll()
    qtbot.keyClicks(tab.abbreviation, "biro-hukum")  # taken
    questions.answer("Simpan")
    _click_unit(qtbot, tab, hukum.id)
    assert tab.error.isVisible() and "BIRO-HUKUM" in tab.error.text()
    assert tab.abbreviation.text() == "biro-hukum" and tab.current_key() == humas.id
    assert _selected_unit(tab) == humas.id


def test_an_added_liaison_row_counts_and_ctrl_n_asks_too(
    qtbot: QtBot, view: MasterDataView, questions: Questions
) -> None:
    tab = view.units
    humas, hukum = _unit(tab, "BIRO-HUMAS"), _unit(tab, "BIRO-HUKUM")
    tab.select(humas.id)
    qtbot.mouseClick(tab.contacts.add_button, Qt.MouseButton.LeftButton)
    questions.answer("Batal")
    _click_unit(qtbot, tab, hukum.id)
    assert tab.contacts.table.rowCount() == 2 and tab.current_key() == humas.id
    questions.answer("Batal")
    _back_to(qtbot, tab.contacts.table)
    qtbot.keyClick(tab.contacts.table, Qt.Key.Key_N, CTRL)
    assert tab.current_key() == humas.id and tab.contacts.table.rowCount() == 2
    questions.answer("Buang")
    _back_to(qtbot, tab.new_button)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    assert len(questions.asked) == 3
    _activate(qtbot, tab)
    assert tab.current_key() is None and tab.name.text() == "" and tab.name.hasFocus()
    assert _selected_unit(tab) is None


def test_a_cell_still_being_typed_in_is_saved_by_ctrl_s_and_asked_about_by_ctrl_n(
    qtbot: QtBot, view: MasterDataView, demo_services: Services, questions: Questions
) -> None:
    _activate(qtbot, view)
    tab = view.units
    humas = _unit(tab, "BIRO-HUMAS")
    tab.select(humas.id)
    table = tab.contacts.table
    table.setFocus()
    table.setCurrentCell(0, 2)  # Jabatan
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Pranata Humas")
    qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)  # the cell is still open
    stored = next(u for u in demo_services.master_data.units() if u.id == humas.id)
    assert stored.contacts[0].position == "Pranata Humas"
    _back_to(qtbot, table)
    table.setCurrentCell(0, 2)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.end(False)  # the editor opens with its text selected
    qtbot.keyClicks(editor, " Ahli")
    questions.answer("Batal")
    qtbot.keyClick(editor, Qt.Key.Key_N, CTRL)
    assert len(questions.asked) == 1 and tab.current_key() == humas.id
    assert table.item(0, 2).text() == "Pranata Humas Ahli"


def test_simpan_on_a_topic_saves_on_the_worker_then_moves(
    qtbot: QtBot, view: MasterDataView, demo_services: Services, questions: Questions
) -> None:
    view.tabs.setCurrentWidget(view.topics)
    tab = view.topics
    codes = [t.code for t in tab.model.rows]
    click_row(qtbot, tab.table, codes.index("BPNT"))
    tab.name.selectAll()
    qtbot.keyClicks(tab.name, "Bantuan Pangan Non Tunai")
    questions.answer("Simpan")
    with qtbot.waitSignal(tab.finished, timeout=60_000):  # an update recomputes deadlines
        click_row(qtbot, tab.table, codes.index("PKH"))
    assert "BPNT — Bantuan Pangan Non Tunai (BPNT)" in questions.asked[0]
    bpnt = next(t for t in demo_services.master_data.topics() if t.code == "BPNT")
    assert bpnt.name == "Bantuan Pangan Non Tunai"
    assert tab.code.text() == "PKH" and tab.table.currentIndex().row() == codes.index("PKH")


def test_arrow_down_in_the_sla_rules_asks_and_buang_moves_on(
    qtbot: QtBot, view: MasterDataView, demo_services: Services, questions: Questions
) -> None:
    view.tabs.setCurrentWidget(view.sla_rules)
    tab = view.sla_rules
    click_row(qtbot, tab.table, 0)
    first, second = tab.model.rows[0], tab.model.rows[1]
    tab.workdays.setValue(first.workdays + 4)
    questions.answer("Batal")
    qtbot.keyClick(tab.table, Qt.Key.Key_Down)
    assert tab.current_key() == first.id and tab.table.currentIndex().row() == 0
    assert tab.workdays.value() == first.workdays + 4
    questions.answer("Buang")
    qtbot.keyClick(tab.table, Qt.Key.Key_Down)
    assert tab.current_key() == second.id and tab.workdays.value() == second.workdays
    assert demo_services.master_data.sla_rules() == tab.model.rows
    assert len(questions.asked) == 2 and tab.worker is None


def test_a_click_on_another_row_then_batal_leaves_the_edited_row_selected(
    qtbot: QtBot, view: MasterDataView, questions: Questions
) -> None:
    for tab in (view.sla_rules, view.topics):
        view.tabs.setCurrentWidget(tab)
        click_row(qtbot, tab.table, 0)
        edited = tab.current_key()
        first = tab.fields[next(iter(tab.fields))]
        if isinstance(first, QLineEdit):
            first.setText(first.text() + " (diubah)")
        else:
            tab.workdays.setValue(tab.workdays.value() + 4)
        questions.answer("Batal")
        click_row(qtbot, tab.table, 2)
        assert tab.current_key() == edited

        def selected(table: QTableView = tab.table) -> list[int]:
            return [index.row() for index in table.selectionModel().selectedRows()]

        qtbot.waitUntil(lambda: selected() == [0])  # once Qt has finished the click
        assert tab.table.currentIndex().row() == 0 and tab.current_key() == edited
        questions.answer("Buang")
        click_row(qtbot, tab.table, 2)
        assert selected() == [2]
        assert tab.current_key() != edited


# -- the liaisons' table and Tab --------------------------------------------------------------


def test_tab_leaves_the_liaisons_table_and_arrows_move_inside(
    qtbot: QtBot, view: MasterDataView
) -> None:
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    tab = view.units
    tab.select(_unit(tab, "BIRO-HUMAS").id)
    table = tab.contacts.table
    table.setFocus()
    table.setCurrentCell(0, 0)
    qtbot.keyClick(table, Qt.Key.Key_Right)
    assert (table.currentRow(), table.currentColumn()) == (0, 1)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert tab.contacts.add_button.hasFocus()
    # Typing in the last cell, Tab stores it and goes on out of the table, not back to (0, 0).
    table.setFocus()
    table.setCurrentCell(0, 4)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "humas@kemensos.test")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert table.item(0, 4).text() == "humas@kemensos.test"
    assert tab.contacts.add_button.hasFocus()
    # Shift+Tab from the first cell goes back to the field before the table.
    table.setFocus()
    table.setCurrentCell(0, 0)
    qtbot.keyClick(table, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    focused = QApplication.focusWidget()
    assert focused is not None and not tab.contacts.isAncestorOf(focused)


# -- Ctrl+N in the main window ----------------------------------------------------------------


def test_ctrl_n_in_a_master_data_tab_is_a_new_record_elsewhere_a_new_complaint(
    qtbot: QtBot, demo_services: Services
) -> None:
    window = MainWindow(demo_services)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_page(window.master_data)
    page, menus = window.master_data, window.complaint_menus
    units = page.units
    units.select(_unit(units, "BIRO-HUMAS").id)
    units.name.setFocus()
    qtbot.keyClick(units.name, Qt.Key.Key_N, CTRL)
    assert menus.form is None
    assert units.name.text() == "" and units.name.hasFocus() and _selected_unit(units) is None
    assert units.current_key() is None
    # From a rules table, and from the tab bar above the tabs, the same.
    page.tabs.setCurrentWidget(page.routing_rules)
    rules = page.routing_rules
    click_row(qtbot, rules.table, 0)
    assert rules.current_key() is not None
    qtbot.keyClick(rules.table, Qt.Key.Key_N, CTRL)
    assert rules.keyword.text() == "" and rules.current_key() is None
    click_row(qtbot, rules.table, 0)
    page.tabs.tabBar().setFocus()
    qtbot.keyClick(page.tabs.tabBar(), Qt.Key.Key_N, CTRL)
    assert rules.current_key() is None and rules.priority.hasFocus()
    assert menus.form is None
    # On the register Ctrl+N is still "Pengaduan baru".
    window.show_page(window.register)
    window.register.table.setFocus()
    qtbot.keyClick(window.register.table, Qt.Key.Key_N, CTRL)
    form = menus.form
    assert form is not None and form.isVisible()
    form.reject()  # nothing typed: it closes without asking
    qtbot.waitUntil(lambda: menus.form is None)
