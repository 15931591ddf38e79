"""The main window over the demo register, driven offscreen as a user would."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, QPointF, QSize, Qt, QThreadPool
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QScrollArea,
    QWidget,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from lapor_desk import i18n
from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.domain.enums import InternalStatus
from lapor_desk.domain.formatting import fmt_percent
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.changes import Changes
from lapor_desk.services.complaint_filter import ComplaintFilter
from lapor_desk.ui.itemmodels.unit_stats import UnitStatsTableModel
from lapor_desk.ui.main_window import DEFAULT_SIZE, MainWindow, fits


def test_window_shows_register_figures_in_indonesian(qtbot: QtBot, demo_services: Services) -> None:
    window = MainWindow(demo_services)
    qtbot.addWidget(window)
    window.show()
    assert window.overview.total.value.text() == "4.447"
    assert window.overview.heading.text() == "Register per Senin, 14 November 2022"
    assert window.reference_label.text() == "Tanggal acuan: Senin, 14 November 2022"
    assert demo_services.location in window.location_label.text()
    model = window.overview.units_model
    units = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert "Biro Hubungan Masyarakat (BIRO-HUMAS)" in units
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Diterima"


def test_the_overview_follows_changes_to_complaints(
    qtbot: QtBot, demo_services: Services
) -> None:
    window = MainWindow(demo_services)
    qtbot.addWidget(window)
    window.show()
    completed = window.overview.completed.value.text()
    window.show_page(window.register)
    proses = demo_services.complaints.ids(
        ComplaintFilter(statuses=frozenset({InternalStatus.PROSES})), limit=30
    )
    changes = Changes()
    for complaint_id in proses:
        changes |= demo_services.register.change_status(
            LOCAL_OPERATOR, complaint_id, InternalStatus.SELESAI, "Sudah disalurkan"
        )
    window.events.emit_changes(changes)
    assert window.overview.completed.value.text() == completed  # read when shown, not before
    window.show_page(window.overview)
    reference = demo_services.settings.reference_date()
    now = fmt_percent(demo_services.stats.stats(reference).overall.completed_rate)
    assert now != completed
    qtbot.waitUntil(lambda: window.overview.completed.value.text() == now)  # from a worker
    # Shown already: at once.
    more = demo_services.complaints.ids(
        ComplaintFilter(statuses=frozenset({InternalStatus.PROSES})), limit=30
    )
    for complaint_id in more:
        changes = demo_services.register.change_status(
            LOCAL_OPERATOR, complaint_id, InternalStatus.SELESAI, "Sudah disalurkan"
        )
        window.events.emit_changes(changes)
    assert window.overview.completed.value.text() == now  # not while the changes come in
    later = fmt_percent(demo_services.stats.stats(reference).overall.completed_rate)
    assert later != now
    qtbot.waitUntil(lambda: window.overview.completed.value.text() == later)


def test_a_newer_change_outdates_a_reading_under_way_and_closing_waits_for_it(
    qtbot: QtBot, demo_services: Services
) -> None:
    window = MainWindow(demo_services)
    qtbot.addWidget(window)
    window.show()
    window.events.emit_changes(Changes(master_data=True))
    window._read_overview()  # a reading under way (as the timer starts it)
    worker = window._overview_worker
    assert worker is not None
    # The reference date moves meanwhile: the reading under way no longer counts.
    window.events.emit_changes(
        demo_services.settings.set_reference_date(LOCAL_OPERATOR, date(2022, 11, 21))
    )
    assert window.reference_label.text() == "Tanggal acuan: Senin, 21 November 2022"
    qtbot.waitUntil(lambda: window.overview.heading.text().endswith("21 November 2022"))
    qtbot.waitUntil(lambda: window._overview_worker is None)
    # Closing while a reading runs waits for it; nothing is read after.
    window._read_overview()
    running = window._overview_worker
    assert running is not None
    window.close()
    assert QThreadPool.globalInstance().activeThreadCount() == 0  # the reading has ended
    window.events.emit_changes(Changes(master_data=True))
    window._read_overview()
    assert window._overview_worker is running  # and no other starts after the close


def test_navigation_by_keyboard(qtbot: QtBot, demo_services: Services) -> None:
    window = MainWindow(demo_services)
    qtbot.addWidget(window)
    window.show()
    window.navigation.setFocus()
    qtbot.keyClick(window.navigation, Qt.Key.Key_Down)
    assert window.current_page() is window.register
    qtbot.keyClick(window.navigation, Qt.Key.Key_Down)
    assert window.pages.currentIndex() == 2
    assert window.current_page() is window.meetings


def test_unit_stats_model_passes_qt_model_tester(
    qtmodeltester: ModelTester, demo_services: Services
) -> None:
    model = UnitStatsTableModel()
    model.set_rows(demo_services.stats.stats().by_unit)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 8


def test_english_ui(qtbot: QtBot, demo_services: Services) -> None:
    i18n.activate("en")
    window = MainWindow(demo_services)
    qtbot.addWidget(window)
    assert window.overview.total.value.text() == "4,447"
    assert window.navigation.item(4).text() == "Master data"


def test_closing_the_window_stops_the_register_count(
    qtbot: QtBot, demo_services: Services
) -> None:
    """The register is closed right after the window (app, screenshots): no count may follow."""
    window = MainWindow(demo_services)
    qtbot.addWidget(window)
    model = window.register.model
    assert model.count_waiting  # the register has more than a page: its count waits
    window.close()
    assert not model.count_waiting
    qtbot.wait(100)  # past the count's fallback timer
    assert not model.count_known  # the count never ran


def test_the_window_fits_a_small_screen(qtbot: QtBot, demo_services: Services) -> None:
    # A 1024-pixel projector in a meeting room, or a small laptop: the window keeps the size
    # of the screen, and a page larger than that scrolls inside it.
    window = MainWindow(demo_services)
    qtbot.addWidget(window)
    window.resize(1024, 640)
    window.show()
    qtbot.waitUntil(lambda: window.register.model.count_known, timeout=10_000)
    assert (window.width(), window.height()) == (1024, 640)
    for page in (window.overview, window.register, window.reports, window.master_data,
                 window.settings):
        window.show_page(page)
        area = window.pages.currentWidget()
        assert isinstance(area, QScrollArea) and area.widget() is page
        # Settled once the scroll area has laid the page out at its new size.
        qtbot.waitUntil(
            lambda a=area: not a.horizontalScrollBar().isVisible()
            and a.widget().width() == a.viewport().width(),
            timeout=2_000,
        )
    window.show_page(window.meetings)  # the widest page: scrolls sideways at this size
    area = window.pages.currentWidget()
    assert isinstance(area, QScrollArea)
    qtbot.waitUntil(lambda: area.horizontalScrollBar().isVisible())
    assert area.horizontalScrollBar().maximum() > 0


def _shown(qtbot: QtBot, services: Services, width: int = 1280, height: int = 800) -> MainWindow:
    """The window shown at ``width`` x ``height`` and active (keyboard shortcuts reach it)."""
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # the offscreen platform has no window manager to do it
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _wheel(widget: QWidget, delta: int) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre, QPointF(widget.mapToGlobal(centre)), QPoint(), QPoint(0, delta),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_scrolls_the_page_over_a_field_nobody_chose(
    qtbot: QtBot, demo_services: Services
) -> None:
    window = _shown(qtbot, demo_services, 1024, 640)
    window.show_page(window.reports)  # taller than the window at this size: scrolls down
    area = window.pages.currentWidget()
    assert isinstance(area, QScrollArea)
    bar = area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    start = window.reports.start
    day = start.date()
    _wheel(start, -120)  # down
    assert start.date() == day and bar.value() > 0 and not start.hasFocus()
    # Chosen (clicked or tabbed into), the field takes the wheel as Qt's fields do.
    start.setFocus()
    assert start.hasFocus()
    scrolled = bar.value()
    _wheel(start, 120)  # up: the day after 1 January
    assert start.date() == day.addDays(1) and bar.value() == scrolled
    # Every list and spin box of every page is guarded.
    for page in (window.register, window.meetings, window.reports, window.master_data,
                 window.settings):
        fields = [*page.findChildren(QComboBox), *page.findChildren(QAbstractSpinBox)]
        assert fields and all(
            f.focusPolicy() != Qt.FocusPolicy.WheelFocus for f in fields
        ), page


def test_the_detail_pane_can_be_hidden_to_widen_the_register(
    qtbot: QtBot, demo_services: Services
) -> None:
    window = _shown(qtbot, demo_services, 1024, 640)
    action = window.complaint_menus.detail_action
    assert not action.isEnabled()  # on the overview, where there is no detail pane
    window.show_page(window.register)
    assert action.isEnabled()
    table, pane = window.register.table, window.register.detail_slot
    qtbot.waitUntil(lambda: table.isVisible() and pane.isVisible())
    narrow = table.width()
    assert narrow < 450  # beside the pane on a 1024-pixel screen
    assert action.text() == "Panel rincian" and action.isChecked()
    qtbot.keyClick(table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: table.width() > narrow + 300)
    assert not pane.isVisible() and not action.isChecked()
    qtbot.keyClick(table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: pane.isVisible() and table.width() < narrow + 50)


def test_ctrl_q_in_the_file_menu_closes_the_window(qtbot: QtBot, demo_services: Services) -> None:
    window = _shown(qtbot, demo_services)
    assert window.menuBar().actions()[0].text() == "&Berkas"
    texts = [a.text() for a in window.file_menu.actions() if not a.isSeparator()]
    assert texts[-1] == "&Keluar" and window.quit_action.shortcut().toString() == "Ctrl+Q"
    # An open meeting's own window closes with it (the application quits, not only this one).
    meeting = demo_services.meetings.list_meetings()[0]
    demo_services.meetings.reopen(LOCAL_OPERATOR, meeting.id, "Uji menu Keluar")
    window.meetings.show_meeting(meeting.id)
    mode = window.meetings.open_meeting_mode()
    assert mode is not None and mode.isVisible()
    qtbot.addWidget(mode)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.register.table, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible() and not mode.isVisible()


def test_the_window_opens_maximized_on_a_screen_too_small_for_it(
    qtbot: QtBot, demo_services: Services
) -> None:
    assert fits(DEFAULT_SIZE, QSize(1920, 1040))
    assert fits(DEFAULT_SIZE, QSize(1300, 840))
    assert not fits(DEFAULT_SIZE, QSize(1366, 728))  # a 1366x768 laptop less its panel
    assert not fits(DEFAULT_SIZE, QSize(1024, 728))
    window = MainWindow(demo_services)
    qtbot.addWidget(window)
    screen = window.screen().availableGeometry().size()
    assert not fits(DEFAULT_SIZE, screen)  # Qt's offscreen screen: 800x800
    window.show_on_screen()
    assert window.isMaximized()
    # As small as the window can be (a 1024-pixel screen's width) on the test's 800 pixels.
    qtbot.waitUntil(lambda: window.width() < DEFAULT_SIZE.width())
    assert window.height() <= screen.height()


def test_tab_goes_from_the_navigation_into_the_page(qtbot: QtBot, demo_services: Services) -> None:
    window = _shown(qtbot, demo_services)
    window.show_page(window.register)
    window.navigation.setFocus()
    qtbot.keyClick(window.navigation, Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    # Not the scroll area around the page, which nobody sees take the focus.
    assert not isinstance(focused, QScrollArea)
    assert focused is not None and window.register.isAncestorOf(focused)


def test_every_date_field_of_the_window_writes_a_day_the_same_way(
    qtbot: QtBot, demo_services: Services
) -> None:
    window = MainWindow(demo_services)
    qtbot.addWidget(window)
    fields = window.findChildren(QDateTimeEdit)
    assert len(fields) >= 8  # filters, reports, settings, master data, meetings
    for field in fields:
        wanted = "dd-MM-yyyy" if isinstance(field, QDateEdit) else "dd-MM-yyyy HH:mm"
        assert (field.displayFormat(), field.calendarPopup()) == (wanted, True), field
