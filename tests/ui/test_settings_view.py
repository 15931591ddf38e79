"""The Settings page and the Master data page inside the main window."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.domain.enums import InternalStatus
from lapor_desk.models import ComplaintDeadline
from lapor_desk.persistence.engine import make_session_factory
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.complaint_filter import ComplaintFilter, SlaFilter
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.preferences import save_language, stored_language
from lapor_desk.ui.views.master_data import MasterDataView
from lapor_desk.ui.views.master_data.editor import EditorTab
from lapor_desk.ui.views.settings_view import SettingsView


def _stored_verification_due(services: Services, complaint_id: int) -> date:
    """The due date the register's SQL filters read (the stored deadline row)."""
    with make_session_factory(services.engine)() as session:
        row = session.get(ComplaintDeadline, complaint_id)
        assert row is not None
        return row.verification_due


def _click_indicator(qtbot: QtBot, button: QAbstractButton) -> None:
    """Click a radio button on its circle (a wide button's middle is empty space)."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def _settings_view(qtbot: QtBot, services: Services, preferences: Path) -> SettingsView:
    view = SettingsView(services, AppEvents(), LOCAL_OPERATOR, preferences)
    qtbot.addWidget(view)
    view.resize(1000, 900)
    view.show()
    return view


def test_navigation_opens_master_data_and_settings(qtbot: QtBot, demo_services: Services) -> None:
    window = MainWindow(demo_services)
    qtbot.addWidget(window)
    window.show()
    titles = [window.navigation.item(r).text() for r in range(window.navigation.count())]
    window.navigation.setCurrentRow(titles.index("Data Master"))
    assert isinstance(window.current_page(), MasterDataView)
    tabs = window.master_data.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Unit kerja", "Topik", "Aturan SLA", "Hari libur", "Pemetaan status", "Aturan rute"]
    window.navigation.setFocus()
    qtbot.keyClick(window.navigation, Qt.Key.Key_Down)
    assert window.current_page() is window.settings


def test_fixed_reference_date_moves_the_register_and_the_status_bar(
    qtbot: QtBot, demo_services: Services, tmp_path: Path
) -> None:
    window = MainWindow(demo_services)
    qtbot.addWidget(window)
    window.show()
    view = window.settings
    # The demo register fixes its reference date on the day before the 2022 meeting.
    assert view.fixed.isChecked() and view.reference.isEnabled()
    assert view.reference.date() == QDate(2022, 11, 14)
    overdue_before = demo_services.complaints.count(ComplaintFilter(sla=SlaFilter.OVERDUE))
    _click_indicator(qtbot, view.follow_today)
    assert not view.reference.isEnabled()
    _click_indicator(qtbot, view.fixed)
    assert view.reference.isEnabled()
    view.reference.setDate(QDate(2022, 10, 31))
    assert view.reference_long.text() == "Senin, 31 Oktober 2022"
    with qtbot.waitSignal(view.finished, timeout=60_000):
        qtbot.mouseClick(view.apply_reference_button, Qt.MouseButton.LeftButton)
    assert demo_services.settings.reference_date() == date(2022, 10, 31)
    assert demo_services.master_data.fixed_reference_date() == date(2022, 10, 31)
    assert window.reference_label.text() == "Tanggal acuan: Senin, 31 Oktober 2022"
    # Two weeks earlier fewer deadlines have passed.
    assert demo_services.complaints.count(ComplaintFilter(sla=SlaFilter.OVERDUE)) < overdue_before
    _click_indicator(qtbot, view.follow_today)
    with qtbot.waitSignal(view.finished, timeout=60_000):
        qtbot.mouseClick(view.apply_reference_button, Qt.MouseButton.LeftButton)
    assert demo_services.master_data.fixed_reference_date() is None
    assert view.follow_today.isChecked()
    # The fixed clock of the tests says 14 November 2022.
    assert window.reference_label.text() == "Tanggal acuan: Senin, 14 November 2022"


def test_cuti_bersama_as_working_days_moves_deadlines(
    qtbot: QtBot, demo_services: Services, tmp_path: Path
) -> None:
    view = _settings_view(qtbot, demo_services, tmp_path / "prefs.json")
    assert view.cuti_bersama.isChecked()
    register = demo_services.register
    # A complaint received just before the Idul Fitri cuti bersama of 2022 (29 April, 4–6 May).
    ids = demo_services.complaints.ids(ComplaintFilter(
        statuses=frozenset({InternalStatus.SELESAI}), received_from=date(2022, 4, 27),
        received_to=date(2022, 4, 27)), limit=1)
    assert register.get(ids[0]).sla[0].due == date(2022, 5, 10)
    assert _stored_verification_due(demo_services, ids[0]) == date(2022, 5, 10)
    view.cuti_bersama.setFocus()
    qtbot.keyClick(view.cuti_bersama, Qt.Key.Key_Space)
    with qtbot.waitSignal(view.finished, timeout=60_000):
        qtbot.mouseClick(view.apply_calendar_button, Qt.MouseButton.LeftButton)
    assert not demo_services.settings.calendar().cuti_bersama_off
    # 28 April, then 29 April and 4 May are working days now.
    assert register.get(ids[0]).sla[0].due == date(2022, 5, 4)
    assert _stored_verification_due(demo_services, ids[0]) == date(2022, 5, 4)
    assert not view.cuti_bersama.isChecked()


def test_language_is_remembered_for_the_next_start(
    qtbot: QtBot, demo_services: Services, tmp_path: Path
) -> None:
    preferences = tmp_path / "config" / "prefs.json"
    view = _settings_view(qtbot, demo_services, preferences)
    assert view.language.currentText() == "Bahasa Indonesia"
    view.language.setFocus()
    qtbot.keyClick(view.language, Qt.Key.Key_Down)
    assert view.language.currentText() == "English"
    qtbot.mouseClick(view.save_language_button, Qt.MouseButton.LeftButton)
    assert stored_language(preferences) == "en"
    assert "English berlaku saat LAPOR Desk dibuka berikutnya" in view.language_note.text()
    again = _settings_view(qtbot, demo_services, preferences)
    assert again.language.currentText() == "English"


def test_damaged_preferences_fall_back_to_the_default(tmp_path: Path) -> None:
    path = tmp_path / "prefs.json"
    path.write_text("{not json", encoding="utf-8")
    assert stored_language(path) is None
    save_language("id", path)
    assert stored_language(path) == "id"
    path.write_text('{"language": "fr"}', encoding="utf-8")
    assert stored_language(path) is None


def test_letterhead_fields_save_through_the_documents_service(
    qtbot: QtBot, demo_services: Services, tmp_path: Path
) -> None:
    view = _settings_view(qtbot, demo_services, tmp_path / "prefs.json")
    form = view.letterhead
    assert form.ministry.text() == "Kementerian Sosial Republik Indonesia"
    form.head_name.setText("Dra. Sri Handayani, M.Si.")
    form.paper.setCurrentIndex(form.paper.findText("F4 / Folio"))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    stored = demo_services.documents.letterhead_settings()
    assert stored.head_name == "Dra. Sri Handayani, M.Si."
    assert stored.paper.value == "F4"
    form.ministry.clear()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.error.isVisible() and "kementerian" in form.error.text().lower()
    assert demo_services.documents.letterhead_settings().ministry.startswith("Kementerian")


def _saved_without_cancel(
    qtbot: QtBot, page: SettingsView | EditorTab, held_pool: threading.Event
) -> None:
    """``page``'s save waits in the held pool: its progress dialog has no Cancel, Escape and the
    close button leave it, and the page comes back once the save ends."""
    assert not page.isEnabled() and page.worker is not None
    dialog = page.findChild(QProgressDialog)
    assert dialog is not None
    assert not [b for b in dialog.findChildren(QPushButton) if b.isVisibleTo(dialog)]
    qtbot.waitUntil(dialog.isVisible)  # shown after a moment, even before the first report
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.close()  # the window's close button
    assert dialog.isVisible()
    with qtbot.waitSignal(page.finished, timeout=30_000):
        held_pool.set()
    assert page.isEnabled() and page.worker is None


def test_applying_the_calendar_offers_no_cancel_that_would_not_cancel(
    qtbot: QtBot, demo_services: Services, tmp_path: Path, held_pool: threading.Event
) -> None:
    view = _settings_view(qtbot, demo_services, tmp_path / "prefs.json")
    qtbot.keyClick(view.cuti_bersama, Qt.Key.Key_Space)
    qtbot.mouseClick(view.apply_calendar_button, Qt.MouseButton.LeftButton)
    _saved_without_cancel(qtbot, view, held_pool)
    assert not demo_services.settings.calendar().cuti_bersama_off


def test_saving_an_sla_rule_offers_no_cancel_that_would_not_cancel(
    qtbot: QtBot, demo_services: Services, held_pool: threading.Event
) -> None:
    page = MasterDataView(demo_services, AppEvents(), LOCAL_OPERATOR)
    qtbot.addWidget(page)
    page.show()
    tab = page.sla_rules
    page.tabs.setCurrentWidget(tab)
    rect = tab.table.visualRect(tab.model.index(0, 0))
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    tab.workdays.setFocus()
    tab.workdays.selectAll()
    qtbot.keyClicks(tab.workdays, "9")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    _saved_without_cancel(qtbot, tab, held_pool)
    assert demo_services.master_data.sla_rules()[0].workdays == 9
