"""The register view over the demo, driven with keyboard and mouse as a user would."""

from __future__ import annotations

import gc
import itertools
import threading
from datetime import date, datetime

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, QPoint, Qt, QThreadPool
from PySide6.QtWidgets import QDateEdit, QLabel, QPushButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.domain.enums import OPEN_STATUSES, InternalStatus, SlaState
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.complaint_filter import ComplaintFilter, SlaFilter, Sort, SortKey
from lapor_desk.services.complaint_query import RegisterRow, SlaWindow
from lapor_desk.services.read_models import ComplaintRow
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.itemmodels import complaint_table
from lapor_desk.ui.itemmodels.complaint_cells import Cells
from lapor_desk.ui.itemmodels.complaint_table import ID_ROLE, PAGE, ComplaintTableModel
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.views.register_view import RegisterView
from lapor_desk.ui.workers import Worker
from tests.ui.conftest import Questions


def _view(qtbot: QtBot, services: Services, events: AppEvents | None = None) -> RegisterView:
    view = RegisterView(services, events or AppEvents())
    qtbot.addWidget(view)
    view.resize(1300, 700)
    view.show()
    view.activateWindow()  # shortcuts (Ctrl+F, Esc) go to the active window only
    qtbot.waitUntil(view.isActiveWindow)
    _counted(qtbot, view)
    return view


def _counted(qtbot: QtBot, view: RegisterView) -> int:
    """The row count once the worker's count has arrived (the first page shows before it)."""
    qtbot.waitUntil(lambda: view.model.count_known, timeout=10_000)
    return view.model.rowCount()


def _click_row(qtbot: QtBot, view: RegisterView, row: int) -> None:
    rect = view.table.visualRect(view.model.index(row, 3))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_model_passes_qt_model_tester(qtmodeltester: ModelTester, demo_services: Services) -> None:
    model = ComplaintTableModel(demo_services.complaints)
    model.set_query(ComplaintFilter(sla=SlaFilter.DUE_SOON), Sort(SortKey.DUE, False))
    assert 0 < model.rowCount() < 100
    qtmodeltester.check(model, force_py=True)


def test_opens_newest_first_with_the_count_in_indonesian(
    qtbot: QtBot, demo_services: Services
) -> None:
    view = _view(qtbot, demo_services)
    assert _counted(qtbot, view) == 4447
    assert view.count_label.text() == "4.447 pengaduan"
    newest = demo_services.complaints.ids(ComplaintFilter(), limit=1)[0]
    assert view.model.index(0, 0).data(ID_ROLE) == newest
    assert view.model.index(0, 1).data() == "31 Okt 2022"
    assert view.model.headerData(1, Qt.Orientation.Horizontal) == "Diterima"
    # A letter's tracking ID is not cut short ("LD-2022-…" for every letter).
    metrics = view.table.fontMetrics()
    assert view.table.columnWidth(0) > metrics.horizontalAdvance("LD-2022-00001") + 8


def test_search_by_keyboard_is_debounced_and_esc_clears_it(
    qtbot: QtBot, demo_services: Services
) -> None:
    view = _view(qtbot, demo_services)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search.hasFocus()
    qtbot.keyClicks(view.search, "saldo pkh")
    expected = demo_services.complaints.count(ComplaintFilter(text="saldo pkh"))
    assert view.model.rowCount() == 4447  # nothing happens while the user is still typing
    qtbot.waitUntil(lambda: view.model.rowCount() == expected, timeout=3000)
    assert view.count_label.text() == f"{expected} pengaduan"
    titles = [view.model.row_at(r).complaint.title.lower() for r in range(expected)]
    assert all("pkh" in t or "saldo" in t for t in titles[:5])  # title hits are there
    qtbot.keyClick(view.search, Qt.Key.Key_Escape)
    assert view.search.text() == ""
    assert _counted(qtbot, view) == 4447
    assert view.table.hasFocus()
    # Enter searches at once, without the pause, and goes to the first result.
    view.table.clearSelection()
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view.search, "saldo pkh")
    with qtbot.waitSignal(view.complaint_selected, check_params_cb=lambda i: i != 0):
        qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert view.model.filter.text == "saldo pkh" and view.table.hasFocus()
    assert view.selected_ids() == [view.model.index(0, 0).data(ID_ROLE)]
    # Down from the search box goes to the results too, keeping the row chosen there.
    view.table.selectRow(2)
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view.search, Qt.Key.Key_Down)
    assert view.table.hasFocus() and view.selected_ids() == [
        view.model.index(2, 0).data(ID_ROLE)
    ]
    # Esc in the results leaves the search as it is (only Esc in the search box clears it).
    qtbot.keyClick(view.table, Qt.Key.Key_Escape)
    assert view.search.text() == "saldo pkh" and view.model.filter.text == "saldo pkh"
    # A search that finds nothing keeps the keyboard in the search box, to type again.
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view.search, "zzzqqq")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert view.model.rowCount() == 0 and view.search.hasFocus()


def test_clicking_rows_and_headers(qtbot: QtBot, demo_services: Services) -> None:
    view = _view(qtbot, demo_services)
    with qtbot.waitSignal(view.complaint_selected) as selected:
        _click_row(qtbot, view, 2)
    assert selected.args == [view.model.index(2, 0).data(ID_ROLE)]
    with qtbot.waitSignal(view.selection_changed) as changed:
        qtbot.mouseClick(
            view.table.viewport(), Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.ShiftModifier,
            view.table.visualRect(view.model.index(4, 3)).center(),
        )
    assert changed.args[0] == [view.model.index(r, 0).data(ID_ROLE) for r in (2, 3, 4)]
    header = view.table.horizontalHeader()
    received = view.model.column_of(SortKey.RECEIVED)
    position = QPoint(header.sectionViewportPosition(received) + 20, header.height() // 2)
    # Sorting clears the selection, and says so: the detail pane no longer shows a row that is
    # not chosen any more.
    said: list[object] = []
    view.selection_changed.connect(said.append)
    view.complaint_selected.connect(said.append)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=position)
    assert said == [[], 0] and view.selected_ids() == []
    assert view.model.sort_order == Sort(SortKey.RECEIVED, False)
    oldest = demo_services.complaints.ids(ComplaintFilter(), Sort(SortKey.RECEIVED, False), limit=1)
    assert view.model.index(0, 0).data(ID_ROLE) == oldest[0]


def test_filters_from_the_bar(qtbot: QtBot, demo_services: Services) -> None:
    view = _view(qtbot, demo_services)
    view.filters.status.setFocus()
    # Keyboard on the status list: Down moves to every open status, then to the first status.
    qtbot.keyClick(view.filters.status, Qt.Key.Key_Down)
    assert _counted(qtbot, view) == demo_services.complaints.count(
        ComplaintFilter(statuses=OPEN_STATUSES)
    ) < 4447
    qtbot.keyClick(view.filters.status, Qt.Key.Key_Down)
    first = next(iter(InternalStatus))
    assert _counted(qtbot, view) == demo_services.complaints.count(
        ComplaintFilter(statuses=frozenset({first}))
    )
    view.filters.sla.setCurrentIndex(view.filters.sla.findData(SlaFilter.OVERDUE))
    rows = [view.model.row_at(r) for r in range(view.model.rowCount())]
    assert rows and all(
        r is not None and r.sla is SlaState.OVERDUE and r.complaint.status is first for r in rows
    )
    due = view.model.column_of(SortKey.DUE)
    assert view.model.index(0, due).data(Qt.ItemDataRole.BackgroundRole) is not None
    qtbot.mouseClick(view.filters.reset, Qt.MouseButton.LeftButton)
    assert _counted(qtbot, view) == 4447
    assert view.filters.channel.count() == 1  # the channel list costs a scan: read when opened
    view.filters.channel.ensure_loaded()  # what opening does (a popup warns on offscreen Qt)
    view.filters.channel.setCurrentIndex(view.filters.channel.findData("SMS (1708)"))
    assert _counted(qtbot, view) == demo_services.complaints.count(
        ComplaintFilter(channel="SMS (1708)")
    ) > 0


# A popup menu on the offscreen platform says so; these are not our warnings.
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_column_chooser_from_the_header_menu(qtbot: QtBot, demo_services: Services) -> None:
    view = _view(qtbot, demo_services)
    channel = view.model.column_of(SortKey.CHANNEL)
    assert view.table.isColumnHidden(channel)
    header = view.table.horizontalHeader()
    header.customContextMenuRequested.emit(QPoint(30, 5))  # what a right-click sends
    menu = view.column_menu
    assert menu is not None
    qtbot.waitExposed(menu)
    action = next(a for a in menu.actions() if a.text() == "Kanal")
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
    assert not view.table.isColumnHidden(channel)


def test_save_apply_and_delete_a_filter(
    qtbot: QtBot, demo_services: Services, questions: Questions
) -> None:
    view = _view(qtbot, demo_services)
    view.filters.sla.setCurrentIndex(view.filters.sla.findData(SlaFilter.OVERDUE))
    overdue = _counted(qtbot, view)
    qtbot.mouseClick(view.filters.save_button, Qt.MouseButton.LeftButton)
    dialog = view.name_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert sorted(b.text() for b in dialog.findChildren(QPushButton)) == ["Batal", "Simpan"]
    line = dialog.findChild(type(view.search))
    assert line is not None
    qtbot.keyClicks(line, "Terlambat")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert [r.name for r in demo_services.complaints.saved_filters()] == ["Terlambat"]
    qtbot.mouseClick(view.filters.reset, Qt.MouseButton.LeftButton)
    assert _counted(qtbot, view) == 4447
    view.filters.saved.setCurrentIndex(0)
    view.filters.saved.setFocus()
    qtbot.keyClick(view.filters.saved, Qt.Key.Key_Down)  # choose "Terlambat" with the keyboard
    view.filters.saved.activated.emit(view.filters.saved.currentIndex())
    assert view.current_filter().sla is SlaFilter.OVERDUE
    assert _counted(qtbot, view) == overdue
    questions.answer("Batal")
    qtbot.mouseClick(view.filters.delete_button, Qt.MouseButton.LeftButton)
    assert questions.asked == [
        "Hapus filter tersimpan “Terlambat”? Pengaduannya tetap seperti semula."
    ]
    assert [r.name for r in demo_services.complaints.saved_filters()] == ["Terlambat"]
    questions.answer("Hapus")
    qtbot.mouseClick(view.filters.delete_button, Qt.MouseButton.LeftButton)
    assert demo_services.complaints.saved_filters() == ()
    assert view.filters.saved.count() == 1


def test_lists_from_the_register_are_read_when_first_used(
    qtbot: QtBot, demo_services: Services
) -> None:
    q = demo_services.complaints
    q.save_filter(LOCAL_OPERATOR, "Mendesak", ComplaintFilter(urgent=True))
    try:
        view = _view(qtbot, demo_services)
        bar = view.filters
        # Nothing of these is read before the first paint.
        assert bar.unit.count() == bar.topic.count() == bar.saved.count() == 1
        bar.unit.setFocus()  # the keyboard reaches the list: it is read first
        assert bar.unit.count() == len(q.choices().units) + 1
        topic_id, topic = q.choices().topics[0]
        view.show_filter(ComplaintFilter(topic_id=topic_id))  # as a saved filter does
        assert bar.topic.currentText() == topic
        assert _counted(qtbot, view) == q.count(ComplaintFilter(topic_id=topic_id))
        bar.saved.setFocus()
        qtbot.keyClick(bar.saved, Qt.Key.Key_Down)
        assert bar.saved.currentText() == "Mendesak"
        bar.saved.activated.emit(bar.saved.currentIndex())
        assert view.current_filter() == ComplaintFilter(urgent=True)
        assert bar.delete_button.isEnabled()
    finally:
        for row in q.saved_filters():
            q.delete_filter(LOCAL_OPERATOR, row.id)


def test_jump_to_the_last_row_reads_only_the_tail(qtbot: QtBot, demo_services: Services) -> None:
    view = _view(qtbot, demo_services)
    view.table.setFocus()
    _click_row(qtbot, view, 0)
    qtbot.keyClick(view.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert view.table.currentIndex().row() == 4446
    oldest = demo_services.complaints.ids(ComplaintFilter(), Sort(SortKey.RECEIVED, False), limit=1)
    assert view.model.index(4446, 0).data(ID_ROLE) == oldest[0]
    assert view.model._all_ids is None  # no full id list was loaded for the jump


def test_a_tracking_id_read_out_on_the_phone_finds_its_complaint(
    qtbot: QtBot, demo_services: Services
) -> None:
    view = _view(qtbot, demo_services)
    assert view.search.placeholderText() == "Cari Tracking ID, judul atau isi laporan (Ctrl+F)"
    oldest = demo_services.complaints.ids(ComplaintFilter(), Sort(SortKey.RECEIVED, False), limit=1)
    tracking = view.model.row_at(_counted(qtbot, view) - 1)
    assert tracking is not None and tracking.complaint.id == oldest[0]
    view.search.setFocus()
    qtbot.keyClicks(view.search, tracking.complaint.tracking_id)
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert view.model.index(0, 0).data(ID_ROLE) == oldest[0]
    assert view.table.hasFocus() and view.selected_ids() == [oldest[0]]


def test_a_change_elsewhere_refreshes_the_list(qtbot: QtBot, demo_services: Services) -> None:
    events = AppEvents()
    view = RegisterView(demo_services, events)
    qtbot.addWidget(view)
    view.filters.status.setCurrentIndex(view.filters.status.findData(InternalStatus.DIARSIPKAN))
    archived = _counted(qtbot, view)
    target = demo_services.complaints.ids(
        ComplaintFilter(statuses=frozenset({InternalStatus.BELUM_TERVERIFIKASI})), limit=1
    )[0]
    changes = demo_services.register.change_status(
        LOCAL_OPERATOR, target, InternalStatus.DIARSIPKAN, "Bukan wewenang Kemensos"
    )
    events.emit_changes(changes)
    assert _counted(qtbot, view) == archived + 1
    assert view.count_label.text() == f"{archived + 1} pengaduan"


def test_a_change_keeps_the_place_and_the_selection(
    qtbot: QtBot, demo_services: Services
) -> None:
    events = AppEvents()
    view = _view(qtbot, demo_services, events)
    # Far below the first page, two complaints chosen with Ctrl, as a user would.
    view.table.scrollTo(view.model.index(350, 0), view.table.ScrollHint.PositionAtTop)
    _click_row(qtbot, view, 352)
    rect = view.table.visualRect(view.model.index(355, 3))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ControlModifier, rect.center())
    chosen = view.selected_ids()
    assert len(chosen) == 2
    scrolled = view.table.verticalScrollBar().value()
    assert scrolled > 300
    shown: list[int] = []
    view.complaint_selected.connect(shown.append)
    resets: list[int] = []
    view.model.modelReset.connect(lambda: resets.append(1))
    changes = demo_services.register.mark_urgent(LOCAL_OPERATOR, chosen[1], True, "Viral")
    events.emit_changes(changes)
    _counted(qtbot, view)
    assert view.selected_ids() == chosen
    assert view.table.verticalScrollBar().value() == scrolled
    assert view.model.index(355, 0).data(ID_ROLE) == chosen[1]
    assert view.model.index(355, 5).data(Qt.ItemDataRole.DecorationRole) is not None  # urgent
    assert resets == [] and shown == []  # no reset, and the detail pane was not disturbed
    # Every row chosen (Ctrl+A): too many to find again one by one; the selection is cleared.
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(view.table.selectionModel().selectedRows()) == 4447
    events.emit_changes(changes)
    assert view.selected_ids() == [] and shown[-1] == 0
    assert view.table.verticalScrollBar().value() == scrolled


def test_a_complaint_that_leaves_the_filter_leaves_the_selection(
    qtbot: QtBot, demo_services: Services
) -> None:
    events = AppEvents()
    view = _view(qtbot, demo_services, events)
    view.filters.status.setCurrentIndex(view.filters.status.findData(InternalStatus.PROSES))
    before = _counted(qtbot, view)
    assert before > PAGE
    view.table.scrollTo(view.model.index(150, 0), view.table.ScrollHint.PositionAtTop)
    _click_row(qtbot, view, 151)
    leaving = view.selected_ids()[0]
    staying = view.model.index(152, 0).data(ID_ROLE)
    shown: list[int] = []
    view.complaint_selected.connect(shown.append)
    changes = demo_services.register.change_status(
        LOCAL_OPERATOR, leaving, InternalStatus.SELESAI, "Sudah disalurkan"
    )
    events.emit_changes(changes)
    assert _counted(qtbot, view) == before - 1
    assert view.selected_ids() == [] and shown == [0]
    assert view.model.index(151, 0).data(ID_ROLE) == staying  # the rows below moved up


def test_after_a_change_near_the_end_every_row_shows_its_own_complaint(
    qtbot: QtBot, demo_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(complaint_table, "DIRECT_ROWS", 150)  # the tail is read from the end
    events = AppEvents()
    view = _view(qtbot, demo_services, events)
    value = ComplaintFilter(statuses=frozenset({InternalStatus.PROSES}))
    view.show_filter(value)
    before = _counted(qtbot, view)
    assert before > 2 * 150 + PAGE
    view.table.scrollToBottom()
    _click_row(qtbot, view, before - 1)
    leaving = view.model.index(before - 5, 0).data(ID_ROLE)
    changes = demo_services.register.change_status(
        LOCAL_OPERATOR, leaving, InternalStatus.SELESAI, "Sudah disalurkan"
    )
    last = view.selected_ids()
    events.emit_changes(changes)
    assert _counted(qtbot, view) == before - 1
    expected = list(demo_services.complaints.ids(value))
    assert [view.model.index(r, 0).data(ID_ROLE) for r in range(before - 1)] == expected
    assert view.selected_ids() == last and view.table.currentIndex().row() == before - 2


def test_the_model_stays_consistent_through_a_reload(
    qtmodeltester: ModelTester, qtbot: QtBot, demo_services: Services
) -> None:
    model = ComplaintTableModel(demo_services.complaints)
    value = ComplaintFilter(sla=SlaFilter.DUE_SOON)
    model.set_query(value, Sort(SortKey.DUE, False))
    shown = model.rowCount()
    qtmodeltester.check(model, force_py=True)
    first = model.index(0, 0).data(ID_ROLE)
    demo_services.register.change_status(LOCAL_OPERATOR, first, InternalStatus.SELESAI, "Selesai")
    model.reload()  # the tester checks every signal on the way
    assert model.rowCount() == shown - 1 == demo_services.complaints.count(value)
    assert model.count_known and model.row_of(first) is None


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_the_date_calendars_open_where_the_dates_are(
    qtbot: QtBot, demo_services: Services
) -> None:
    view = _view(qtbot, demo_services)

    def opened_at(edit: QDateEdit) -> tuple[int, int]:
        edit.setFocus()
        qtbot.keyClick(edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
        calendar = edit.calendarWidget()
        qtbot.waitUntil(calendar.isVisible)
        shown = calendar.yearShown(), calendar.monthShown()
        calendar.window().close()
        return shown

    # No bound yet: the reference date's month (the demo's 14 November 2022), not 2000.
    assert opened_at(view.filters.received_from) == (2022, 11)
    view.filters.received_from.setDate(QDate(2022, 3, 5))
    assert opened_at(view.filters.received_to) == (2022, 3)  # beside the other bound
    assert opened_at(view.filters.received_from) == (2022, 3)  # a bound opens at itself
    assert view.filters.received_to.date() == QDate(2000, 1, 1)  # looking chose nothing


def test_detail_slot_and_main_window_entry(qtbot: QtBot, demo_services: Services) -> None:
    window = MainWindow(demo_services)
    qtbot.addWidget(window)
    assert [window.navigation.item(i).text() for i in range(2)] == ["Ringkasan", "Register"]
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.navigation, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert not window.register.search.hasFocus()  # Ctrl+F is the register's, not Ringkasan's
    window.navigation.setFocus()
    qtbot.keyClick(window.navigation, Qt.Key.Key_Down)  # to "Register" with the keyboard
    assert window.current_page() is window.register and window.navigation.hasFocus()
    qtbot.keyClick(window.navigation, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.register.search.hasFocus()
    detail = QLabel("detail")
    window.register.set_detail_widget(detail)
    assert detail.parent() is window.register.detail_slot


def test_only_the_columns_marked_for_it_ever_show_an_icon_or_a_colour(qapp: object) -> None:
    # data() answers the icon and colour roles of the other columns without looking.
    cells = Cells()
    for urgent, anonim, rahasia in itertools.product((False, True), repeat=3):
        for sla in (None, *SlaState):
            row = ComplaintRow(1, "1000001", datetime(2022, 11, 7, 9), "Judul",
                               InternalStatus.PROSES, None, "PKH", "Website", urgent, anonim,
                               rahasia, "Biro", 1)
            item = RegisterRow(row, "BIRO", date(2022, 11, 10), sla)
            for key in SortKey:
                if key not in Cells.DECORATED:
                    assert cells.decoration(item, key) is None, key
                if key not in Cells.COLOURED:
                    assert cells.background(item, key) is None, key


def test_the_first_page_shows_before_the_count_arrives(
    qtbot: QtBot, demo_services: Services
) -> None:
    view = _view(qtbot, demo_services)
    newest = demo_services.complaints.ids(ComplaintFilter(), limit=1)[0]
    inserted: list[tuple[int, int]] = []
    view.model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    with qtbot.waitSignal(view.model.counted, timeout=10_000) as counted:
        view.show_filter(ComplaintFilter())
        # Before any event is processed: the first page is there, the count is not.
        assert not view.model.count_known
        assert view.model.rowCount() == PAGE
        assert view.model.index(0, 0).data(ID_ROLE) == newest
        assert view.count_label.text() == "Menghitung pengaduan…"
    assert counted.args == [4447]
    assert inserted == [(PAGE, 4446)]  # the rest appear below the page, no reset
    assert view.count_label.text() == "4.447 pengaduan"


def test_a_new_filter_paints_the_table_once(qtbot: QtBot, demo_services: Services) -> None:
    view = _view(qtbot, demo_services)
    qtbot.waitExposed(view)
    painted: list[int] = []

    class Paints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                painted.append(1)
            return False

    paints = Paints()
    view.table.viewport().installEventFilter(paints)
    # Lists within one page: no count follows that could paint the table again.
    for value in (ComplaintFilter(statuses=frozenset({InternalStatus.MENUNGGU_KELENGKAPAN})),
                  ComplaintFilter(text="kks hilang")):
        painted.clear()
        view.show_filter(value)
        assert view.model.count_known and 0 < view.model.rowCount() <= PAGE
        # The first page is painted once: Qt's own later layout of the reset table (scroll
        # bars, header) used to paint it all again at the event loop's next turn.
        for _turn in range(3):
            QCoreApplication.processEvents()
        assert len(painted) == 1


def test_the_count_starts_once_the_table_has_painted_the_first_page(
    qtbot: QtBot, demo_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A model no view paints still counts, after a short wait.
    model = ComplaintTableModel(demo_services.complaints)
    model.set_query(ComplaintFilter())
    assert model.count_waiting and not model.count_known
    qtbot.waitUntil(lambda: model.count_known, timeout=10_000)
    assert model.rowCount() == 4447 and not model.count_waiting
    # Counted at once on demand, the count no longer waits for anything.
    model.set_query(ComplaintFilter(statuses=frozenset({InternalStatus.PROSES})))
    assert model.count_waiting
    model.ensure_counted()
    assert model.count_known and not model.count_waiting
    # A table: its count waits for its first paint, however long the fallback would be.
    monkeypatch.setattr(complaint_table, "COUNT_UNSHOWN_MS", 600_000)
    view = RegisterView(demo_services, AppEvents())
    qtbot.addWidget(view)
    waiting_at_paint: list[bool] = []  # on the GUI thread, at each paint of the table

    class Paints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
            if event.type() == QEvent.Type.Paint:
                waiting_at_paint.append(view.model.count_waiting)
            return False

    paints = Paints()
    view.table.viewport().installEventFilter(paints)
    QCoreApplication.processEvents()
    assert view.model.count_waiting and waiting_at_paint == []  # not shown: not painted
    view.resize(1300, 700)
    view.show()
    qtbot.waitUntil(lambda: view.model.count_known, timeout=10_000)
    assert waiting_at_paint[0] is True  # the first paint came before the count began
    # So does a new filter's.
    waiting_at_paint.clear()
    view.show_filter(ComplaintFilter(statuses=frozenset({InternalStatus.SELESAI})))
    assert view.model.count_waiting
    qtbot.waitUntil(lambda: view.model.count_known, timeout=10_000)
    assert waiting_at_paint[0] is True and not view.model.count_waiting


def test_a_filter_of_several_statuses_is_shown_and_kept(
    qtbot: QtBot, demo_services: Services
) -> None:
    view = _view(qtbot, demo_services)
    several = frozenset({InternalStatus.PROSES, InternalStatus.SELESAI})
    view.show_filter(ComplaintFilter(statuses=several))
    assert view.model.filter.statuses == several
    assert view.filters.status.currentText() == ", ".join(
        s.label for s in InternalStatus if s in several
    )
    # Another list changed: the statuses stay in the filter.
    view.filters.urgent.setCurrentIndex(view.filters.urgent.findData(True))
    assert view.model.filter == ComplaintFilter(statuses=several, urgent=True)
    assert _counted(qtbot, view) == demo_services.complaints.count(view.model.filter)
    # Another set replaces the item of the first.
    other = frozenset({InternalStatus.DIARSIPKAN, InternalStatus.TERBLOKIR})
    view.show_filter(ComplaintFilter(statuses=other))
    assert view.model.filter.statuses == other
    assert view.filters.status.count() == len(InternalStatus) + 3
    assert view.filters.status.findData(several) == -1
    # The open statuses have an item of their own, found for an equal set (as a saved filter
    # reads it back), not only for the same object.
    view.show_filter(ComplaintFilter(statuses=frozenset(set(OPEN_STATUSES))))
    assert view.filters.status.currentIndex() == 1
    assert view.model.filter.statuses == OPEN_STATUSES
    assert view.filters.status.count() == len(InternalStatus) + 2
    # Reset: the item of a set shown before does not stay behind.
    view.show_filter(ComplaintFilter(statuses=several))
    assert view.filters.status.count() == len(InternalStatus) + 3
    qtbot.mouseClick(view.filters.reset, Qt.MouseButton.LeftButton)
    assert view.filters.status.count() == len(InternalStatus) + 2
    assert view.model.filter == ComplaintFilter()


def test_a_count_that_arrives_after_the_window_closed_is_dropped(
    qtbot: QtBot, demo_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked, release, answered = threading.Event(), threading.Event(), threading.Event()
    count = demo_services.complaints.count

    def slow(value: ComplaintFilter, window: SlaWindow | None = None) -> int:
        asked.set()
        release.wait(10)
        result = count(value, window)
        answered.set()
        return result

    monkeypatch.setattr(demo_services.complaints, "count", slow)
    owner = QLabel()
    model = ComplaintTableModel(demo_services.complaints, owner)
    model.set_query(ComplaintFilter())
    model.page_shown()
    qtbot.waitUntil(asked.is_set)
    owner.deleteLater()  # the window closes while the count runs
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    release.set()
    assert QThreadPool.globalInstance().waitForDone(10_000) and answered.is_set()
    QCoreApplication.processEvents()  # the late answer: dropped, no error in the event loop


def test_a_count_for_an_older_filter_is_dropped(
    qtbot: QtBot, demo_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _view(qtbot, demo_services)
    proses = ComplaintFilter(statuses=frozenset({InternalStatus.PROSES}))
    expected = demo_services.complaints.count(proses)
    assert expected > PAGE
    # The real count, recorded; the count of everything waits until the test lets it go.
    asked: list[ComplaintFilter] = []
    release = threading.Event()
    count = demo_services.complaints.count

    def recorded(value: ComplaintFilter, window: SlaWindow | None = None) -> int:
        asked.append(value)
        if value == ComplaintFilter():
            release.wait(10)
        return count(value, window)

    monkeypatch.setattr(demo_services.complaints, "count", recorded)
    with qtbot.waitSignal(view.model.counted, timeout=10_000) as counted:
        view.model.set_query(ComplaintFilter())  # replaced before the event loop runs again:
        view.model.set_query(proses)  # never counted
    assert counted.args == [expected]
    assert asked == [proses]
    view.model.set_query(ComplaintFilter())
    qtbot.waitUntil(lambda: len(asked) == 2)  # its count runs, and will come too late
    with qtbot.waitSignal(view.model.counted, timeout=10_000) as counted:
        view.model.set_query(proses)
        release.set()
    assert counted.args == [expected]
    view.model.wait_for_workers()
    QCoreApplication.processEvents()  # delivers the late answer for the first filter
    assert asked == [proses, ComplaintFilter(), proses]
    assert view.model.rowCount() == expected
    assert view.count_label.text() == f"{expected} pengaduan"
    # Short lists need no count at all.
    view.model.set_query(ComplaintFilter(text="?!"))
    assert view.model.count_known and view.model.rowCount() == 0


def test_a_count_still_queued_for_an_older_filter_never_runs(
    qtbot: QtBot, demo_services: Services, monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    # Typing a search makes a filter per pause; on a busy machine their counts queue up, and
    # only the last one is worth the time.
    view = _view(qtbot, demo_services)
    held_pool: threading.Event = request.getfixturevalue("held_pool")
    proses = ComplaintFilter(statuses=frozenset({InternalStatus.PROSES}))
    expected = demo_services.complaints.count(proses)
    asked: list[ComplaintFilter] = []
    count = demo_services.complaints.count

    def recorded(value: ComplaintFilter, window: SlaWindow | None = None) -> int:
        asked.append(value)
        return count(value, window)

    monkeypatch.setattr(demo_services.complaints, "count", recorded)
    for value in (ComplaintFilter(), ComplaintFilter(urgent=False), proses):
        view.model.set_query(value)
        view.model.page_shown()
        qtbot.waitUntil(lambda: not view.model.count_waiting)  # its count is queued
    with qtbot.waitSignal(view.model.counted, timeout=10_000) as counted:
        held_pool.set()
    assert counted.args == [expected]
    view.model.wait_for_workers()
    assert asked == [proses]


def test_count_workers_are_freed_once_they_answer(
    qtbot: QtBot, demo_services: Services
) -> None:
    view = _view(qtbot, demo_services)
    before = {id(o) for o in gc.get_objects() if isinstance(o, Worker)}
    for value in (ComplaintFilter(), ComplaintFilter(urgent=False), ComplaintFilter()):
        with qtbot.waitSignal(view.model.counted, timeout=10_000):
            view.model.set_query(value)
            view.model.page_shown()
    view.model.wait_for_workers()
    QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    assert [o for o in gc.get_objects() if isinstance(o, Worker) and id(o) not in before] == []


def test_status_deadline_and_lead_unit_stay_in_sight_beside_the_detail_pane(
    qtbot: QtBot, demo_services: Services
) -> None:
    window = MainWindow(demo_services)
    qtbot.addWidget(window)
    window.resize(1366, 700)  # the most common laptop screen in the ministry's offices
    window.show()
    window.navigation.setCurrentRow(1)
    view = window.register
    qtbot.waitUntil(lambda: view.model.count_known, timeout=10_000)
    header = view.table.horizontalHeader()
    shown = view.table.viewport().width()
    for key in (SortKey.TRACKING_ID, SortKey.RECEIVED, SortKey.STATUS, SortKey.DUE,
                SortKey.UNIT):
        column = view.model.column_of(key)
        assert not header.isSectionHidden(column), key
        assert header.sectionViewportPosition(column) >= 0, key
        assert header.sectionViewportPosition(column) + header.sectionSize(column) <= shown, key


def test_an_urgent_complaint_has_a_dot_before_its_title(
    qtbot: QtBot, demo_services: Services
) -> None:
    view = _view(qtbot, demo_services)
    view.show_filter(ComplaintFilter(urgent=True))
    title = view.model.index(0, view.model.column_of(SortKey.TITLE))
    assert title.data(Qt.ItemDataRole.DecorationRole) is not None
    assert title.data(Qt.ItemDataRole.ToolTipRole).startswith("Mendesak: ")
    view.show_filter(ComplaintFilter(urgent=False))
    title = view.model.index(0, view.model.column_of(SortKey.TITLE))
    assert title.data(Qt.ItemDataRole.DecorationRole) is None


def test_an_overdue_deadline_is_coloured_and_a_red_dot_only_means_urgent(
    qtbot: QtBot, demo_services: Services
) -> None:
    view = _view(qtbot, demo_services)
    view.show_filter(ComplaintFilter(sla=SlaFilter.OVERDUE, urgent=False))
    due = view.model.index(0, view.model.column_of(SortKey.DUE))
    assert due.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert due.data(Qt.ItemDataRole.ToolTipRole) == "Lewat batas waktu"
    assert due.data(Qt.ItemDataRole.DecorationRole) is None
