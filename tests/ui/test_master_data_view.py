"""The master-data page over the demo register, driven by keyboard and mouse."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from lapor_desk.domain.enums import InternalStatus, SlaStage
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.complaint_filter import ComplaintFilter
from lapor_desk.ui.itemmodels.master_tables import (
    HolidayTableModel,
    RoutingRuleTableModel,
    SlaRuleTableModel,
    StatusMappingTableModel,
    TopicTableModel,
)
from lapor_desk.ui.itemmodels.unit_tree import UnitTreeModel
from lapor_desk.ui.views.master_data import MasterDataView
from tests.ui.conftest import Questions
from tests.ui.master_data_helpers import click_row, open_master_data

TODAY = date(2022, 11, 14)


@pytest.fixture
def view(qtbot: QtBot, demo_services: Services) -> MasterDataView:
    return open_master_data(qtbot, demo_services)


def _texts(model: QAbstractItemModel, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_every_master_data_model_passes_the_qt_model_tester(
    qtmodeltester: ModelTester, demo_services: Services
) -> None:
    md = demo_services.master_data
    tree = UnitTreeModel()
    tree.set_units(md.units(), TODAY)
    qtmodeltester.check(tree, force_py=True)
    assert tree.rowCount() == 1 and tree.index(0, 0).data() == "Kementerian Sosial"
    setjen = tree.index_of(next(u.id for u in md.units() if u.abbreviation == "SETJEN"))
    assert "Biro Hubungan Masyarakat" in _children(tree, setjen)
    for model, rows in (
        (TopicTableModel(), md.topics()),
        (SlaRuleTableModel(), md.sla_rules()),
        (HolidayTableModel(), md.holidays(2022)),
        (StatusMappingTableModel(), md.status_mapping()),
        (RoutingRuleTableModel(), md.routing_rules()),
    ):
        model.set_rows(rows)  # type: ignore[attr-defined]
        qtmodeltester.check(model, force_py=True)
        assert model.rowCount() == len(rows) > 0


def _children(model: UnitTreeModel, parent: object) -> list[str]:
    index = parent
    return [model.index(r, 0, index).data() for r in range(model.rowCount(index))]  # type: ignore[arg-type]


def test_a_new_unit_by_keyboard_with_inline_errors(qtbot: QtBot, view: MasterDataView) -> None:
    tab = view.units
    tab.tree.setFocus()
    qtbot.keyClick(tab.tree, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert tab.name.hasFocus() and tab.name.text() == ""
    qtbot.keyClicks(tab.name, "Biro Kerja Sama Luar Negeri")
    qtbot.keyClick(tab.name, Qt.Key.Key_Tab)
    qtbot.keyClicks(tab.abbreviation, "biro-humas")  # taken, in another case
    tab.parent_unit.setCurrentIndex(tab.parent_unit.findText("SETJEN — Sekretariat Jenderal"))
    tab.contacts.add_row()
    qtbot.keyClicks(tab.contacts.table, "Dewi Lestari")
    qtbot.keyClick(tab.abbreviation, Qt.Key.Key_Return)
    assert tab.error.isVisible()
    assert tab.error.text() == ("Singkatan BIRO-HUMAS sudah dipakai oleh Biro Hubungan "
                                "Masyarakat.")
    assert tab.abbreviation.hasFocus()
    tab.abbreviation.selectAll()
    qtbot.keyClicks(tab.abbreviation, "biro-ksln")
    tab.contacts.table.item(0, 1).setText("1985")  # a NIP too short
    qtbot.keyClick(tab.abbreviation, Qt.Key.Key_Return)
    assert tab.error.text() == "NIP harus terdiri atas tepat 18 angka."
    assert (tab.contacts.table.currentRow(), tab.contacts.table.currentColumn()) == (0, 1)
    tab.contacts.table.item(0, 1).setText("19850312 201001 2 005")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert not tab.error.isVisible()
    unit = next(u for u in view.units.model_units() if u.abbreviation == "BIRO-KSLN")
    assert unit.contacts[0].nip == "198503122010012005"
    index = tab.tree.currentIndex()
    assert index.data() == "Biro Kerja Sama Luar Negeri"
    assert index.parent().data() == "Sekretariat Jenderal"


def test_deactivating_a_unit_greys_it_after_its_last_day(
    qtbot: QtBot, view: MasterDataView, demo_services: Services
) -> None:
    tab = view.units
    humas = next(u for u in tab.model_units() if u.abbreviation == "BIRO-UMUM")
    tab.select(humas.id)
    tab.active_to.check.setChecked(True)
    tab.active_to.edit.setDate(tab.active_to.edit.date().addDays(-14))  # 31 October 2022
    qtbot.mouseClick(tab.deactivate_button, Qt.MouseButton.LeftButton)
    stored = next(u for u in demo_services.master_data.units() if u.id == humas.id)
    assert stored.active_to == date(2022, 10, 31)
    assert tab.tree.currentIndex().data(Qt.ItemDataRole.ForegroundRole) is not None
    assert not tab.deactivate_button.isEnabled()


def test_topic_urgency_edited_with_the_mouse(
    qtbot: QtBot, view: MasterDataView, demo_services: Services
) -> None:
    view.tabs.setCurrentWidget(view.topics)
    tab = view.topics
    row = _texts(tab.model, 0).index("BPNT")
    click_row(qtbot, tab.table, row)
    assert tab.name.text() == "Bantuan Pangan Non Tunai (BPNT)"
    assert not tab.urgent_days.isEnabled()
    qtbot.mouseClick(tab.urgent, Qt.MouseButton.LeftButton)
    assert tab.urgent_days.isEnabled()
    tab.urgent_days.setValue(5)
    tab.categories.setText("1444, seribu")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert "angka" in tab.error.text() and tab.categories.hasFocus()
    tab.categories.setText("1444")
    # Saved on a worker: the new urgent limit moves the topic's urgent complaints' deadlines.
    with qtbot.waitSignal(tab.finished, timeout=60_000):
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert not tab.error.isVisible()
    bpnt = next(t for t in demo_services.master_data.topics() if t.code == "BPNT")
    assert (bpnt.urgent, bpnt.urgent_sla_workdays) == (True, 5)
    assert tab.model.index(tab.table.currentIndex().row(), 2).data() == "Ya, 5 hari kerja"


def test_an_sla_rule_change_moves_a_complaints_deadline(
    qtbot: QtBot, view: MasterDataView, demo_services: Services, questions: Questions
) -> None:
    register = demo_services.register
    # A complaint still waiting for its first follow-up, not urgent, with a running clock.
    complaint = demo_services.complaints.ids(ComplaintFilter(
        statuses=frozenset({InternalStatus.BELUM_DITINDAKLANJUTI}), urgent=False), limit=1)[0]

    def first_response_due() -> date:
        return next(s.due for s in register.get(complaint).sla
                    if s.stage is SlaStage.FIRST_RESPONSE)

    before = first_response_due()
    view.tabs.setCurrentWidget(view.sla_rules)
    tab = view.sla_rules
    row = next(n for n, r in enumerate(tab.model.rows)
               if r.stage is SlaStage.FIRST_RESPONSE and r.klasifikasi is None and not r.urgent)
    click_row(qtbot, tab.table, row)
    assert tab.workdays.value() == 5
    tab.workdays.setFocus()
    tab.workdays.selectAll()
    qtbot.keyClicks(tab.workdays, "8")
    with qtbot.waitSignal(tab.finished, timeout=60_000):
        qtbot.keyClick(tab.workdays, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    after = first_response_due()
    calendar = demo_services.settings.calendar()
    assert calendar.working_days_between(before, after) == 3
    assert tab.model.index(tab.table.currentIndex().row(), 3).data() == "8"
    # The general rule cannot be deleted: the refusal shows under the form. (The progress
    # dialog took the window activation, which the offscreen platform does not hand back.)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    click_row(qtbot, tab.table, tab.table.currentIndex().row())
    questions.answer("Hapus")
    with qtbot.waitSignal(tab.finished, timeout=60_000):
        qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert "harus tetap ada" in tab.error.text()


def test_holiday_override_from_the_list(
    qtbot: QtBot, view: MasterDataView, demo_services: Services, questions: Questions
) -> None:
    view.tabs.setCurrentWidget(view.holidays)
    tab = view.holidays
    tab.year.setValue(2022)
    row = tab.model.row_of_day(date(2022, 5, 5))
    click_row(qtbot, tab.table, row)
    assert tab.day_name.text() == "Kamis, 5 Mei 2022"
    assert tab.model.index(row, 1).data() == "Cuti Bersama Hari Raya Idul Fitri"
    qtbot.keyClicks(tab.note, "Masuk kerja (SE Menteri)")
    with qtbot.waitSignal(tab.finished, timeout=60_000):
        qtbot.mouseClick(tab.working_button, Qt.MouseButton.LeftButton)
    assert demo_services.settings.calendar().is_working_day(date(2022, 5, 5))
    row = tab.model.row_of_day(date(2022, 5, 5))
    assert tab.model.index(row, 3).data() == "Dijadikan hari kerja"
    assert tab.model.index(row, 5).data() == "Hari kerja"
    assert tab.remove_button.isEnabled()
    questions.answer("Hapus koreksi")
    with qtbot.waitSignal(tab.finished, timeout=60_000):
        qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    assert len(questions.asked) == 1 and "Kamis, 5 Mei 2022" in questions.asked[0]
    assert not demo_services.settings.calendar().is_working_day(date(2022, 5, 5))


def test_status_mapping_delete_by_key_and_restore(
    qtbot: QtBot, view: MasterDataView, demo_services: Services, questions: Questions
) -> None:
    view.tabs.setCurrentWidget(view.status_mapping)
    tab = view.status_mapping
    row = _texts(tab.model, 0).index("Konten Terblokir")
    click_row(qtbot, tab.table, row)
    questions.answer("Hapus")
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert "Konten Terblokir" not in _texts(tab.model, 0)
    qtbot.keyClick(tab.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(tab.portal_value, "Dalam Proses Instansi")
    tab.status.setCurrentIndex(tab.status.findData(InternalStatus.PROSES.value))
    qtbot.keyClick(tab.portal_value, Qt.Key.Key_Return)
    questions.answer("Pulihkan bawaan")
    qtbot.mouseClick(tab.restore_button, Qt.MouseButton.LeftButton)
    mapping = demo_services.settings.status_mapping()
    assert mapping["Konten Terblokir"] is InternalStatus.TERBLOKIR
    assert mapping["Dalam Proses Instansi"] is InternalStatus.PROSES
    assert "Dalam Proses Instansi" in _texts(tab.model, 0)


def test_routing_rule_added_then_used(
    qtbot: QtBot, view: MasterDataView, demo_services: Services
) -> None:
    view.tabs.setCurrentWidget(view.routing_rules)
    tab = view.routing_rules
    before = tab.model.rowCount()
    qtbot.keyClick(tab.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(tab.keyword, "KIS PBI")
    qtbot.keyClick(tab.keyword, Qt.Key.Key_Return)
    assert tab.error.text() == "Pilih unit yang dituju aturan ini."
    assert tab.unit.hasFocus()
    tab.unit.setCurrentIndex(tab.unit.findText("PUSDATIN", Qt.MatchFlag.MatchStartsWith))
    tab.priority.setValue(5)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.model.rowCount() == before + 1
    assert tab.model.index(0, 1).data() == "kis pbi"  # priority 5 comes first
    assert demo_services.master_data.routing_rules()[0].unit.startswith("Pusat Data")
