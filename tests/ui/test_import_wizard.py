"""The import wizard, driven offscreen as a user would: keyboard, mouse, drops, real files."""

from __future__ import annotations

import copy
import csv
import itertools
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QPushButton, QWizard
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select, text

from lapor_desk.domain.actor import LOCAL_OPERATOR, Actor
from lapor_desk.domain.enums import Role
from lapor_desk.models import Complaint, ImportBatch
from lapor_desk.persistence.engine import make_session_factory
from lapor_desk.persistence.search import FTS_TABLE
from lapor_desk.services.bootstrap import Services, open_services
from lapor_desk.services.changes import Changes
from lapor_desk.services.importer import ImportResult
from lapor_desk.services.importer.mapping import FileHeader, map_columns
from lapor_desk.ui.dialogs.import_pages import ResultPage
from lapor_desk.ui.dialogs.import_wizard import RECENT_FOLDER_KEY, ImportWizard
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.itemmodels.import_columns import FIELD, ColumnMappingModel
from lapor_desk.ui.itemmodels.import_preview import (
    ChangedFieldsModel,
    MissingComplaintsModel,
    NewComplaintsModel,
    RowErrorsModel,
    WarningsModel,
    changed_fields,
)
from lapor_desk.ui.main_window import MainWindow
from tests.conftest import fixed_clock
from tests.fixtures_portal import (
    PORTAL_HEADERS,
    Row,
    portal_rows,
    register_snapshot,
    write_csv,
    write_not_spreadsheet,
    write_xlsx,
)

NEXT = QWizard.WizardButton.NextButton
COMMIT = QWizard.WizardButton.CommitButton
WAIT = 60_000


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    with open_services(tmp_path / "register.sqlite3", data_dir=tmp_path, clock=fixed_clock) as s:
        yield s


@pytest.fixture
def rows() -> list[Row]:
    rows = portal_rows(12)
    for row in rows:  # a known starting point for the status rules
        row["Status Laporan"] = "Terverifikasi"
        row["Alasan Tunda/Arsip"] = ""
    return rows


@pytest.fixture
def ui_settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


def open_wizard(qtbot: QtBot, services: Services, settings: QSettings,
                events: AppEvents | None = None) -> ImportWizard:
    wizard = ImportWizard(services, events or AppEvents(), LOCAL_OPERATOR, settings=settings)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def click(qtbot: QtBot, wizard: ImportWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def to_preview(qtbot: QtBot, wizard: ImportWizard, path: Path) -> None:
    wizard.set_file(path)
    with qtbot.waitSignal(wizard.header_read, timeout=WAIT):
        click(qtbot, wizard, NEXT)
    with qtbot.waitSignal(wizard.preview_ready, timeout=WAIT):
        click(qtbot, wizard, NEXT)
    assert wizard.currentPage() is wizard.preview_page


def count(services: Services) -> int:
    with make_session_factory(services.engine)() as session:
        return session.scalar(select(func.count()).select_from(Complaint)) or 0


def test_full_flow_by_keyboard_and_mouse(
    qtbot: QtBot, services: Services, ui_settings: QSettings, tmp_path: Path, rows: list[Row]
) -> None:
    path = write_xlsx(tmp_path / "laporan-ringkas.xlsx", rows)
    events = AppEvents()
    wizard = open_wizard(qtbot, services, ui_settings, events)
    assert not wizard.button(NEXT).isEnabled()  # no file yet

    # Step 1 by keyboard: type the path, Enter goes on.
    qtbot.keyClicks(wizard.file_page.path, str(tmp_path / "nothing.xlsx"))
    assert wizard.file_page.message.text() == "Berkas tidak ditemukan."
    wizard.file_page.path.clear()
    qtbot.keyClicks(wizard.file_page.path, str(path))
    with qtbot.waitSignal(wizard.header_read, timeout=WAIT):
        qtbot.keyClick(wizard.file_page.path, Qt.Key.Key_Return)

    # Step 2: the portal's headers are all known; the portal's own unit id is not used.
    page = wizard.columns_page
    assert wizard.currentPage() is page
    assert page.file_label.text() == "laporan-ringkas.xlsx (xlsx, lembar “Laporan Ringkas”)"
    shown = {page.model.index(r, 0).data(): (page.model.index(r, 1).data(),
                                             page.model.index(r, 2).data())
             for r in range(page.model.rowCount())}
    assert len(shown) == len(PORTAL_HEADERS)
    assert shown["Tanggal Laporan Masuk"] == ("Tanggal Laporan Masuk", "dipakai")
    assert shown["ID Instansi Terdisposisi"] == ("(abaikan)", "diabaikan")
    assert not page.reason_label.isVisible() and not page.save_hint.isVisible()

    with qtbot.waitSignal(wizard.preview_ready, timeout=WAIT):
        click(qtbot, wizard, NEXT)

    # Step 3: twelve new complaints, nothing else; the commit button says so.
    preview_page = wizard.preview_page
    tabs = [preview_page.tabs.tabText(i) for i in range(preview_page.tabs.count())]
    assert tabs[:5] == ["Baru (12)", "Berubah (0)", "Tidak berubah (0)", "Galat (0)",
                        "Tidak ada di ekspor (0)"]
    # An empty register maps no portal category to a topic yet: said once per category.
    warnings = [preview_page.warnings_model.index(r, 0).data()
                for r in range(preview_page.warnings_model.rowCount())]
    assert tabs[5] == f"Peringatan ({len(warnings)})"
    assert warnings and all(w.startswith("Kategori ") for w in warnings)
    assert preview_page.new_model.rowCount() == 12
    assert preview_page.new_model.index(0, 1).data() == str(rows[0]["Tracking ID"])
    assert "Kementerian Sosial" in preview_page.summary.text()
    # The export header's dates as a person writes them, not as the file stores them.
    assert ("dibuat: 1 November 2022 08.15 · periode: 1 Januari 2022 – 31 Oktober 2022"
            in preview_page.summary.text())
    assert wizard.button(COMMIT).text() == "&Impor"
    assert count(services) == 0  # the preview writes nothing

    with qtbot.waitSignal(events.changed, timeout=WAIT) as changed, \
            qtbot.waitSignal(wizard.imported, timeout=WAIT):
        click(qtbot, wizard, COMMIT)

    # Step 4: the summary of what was written, the batch and the backup.
    assert wizard.currentPage() is wizard.result_page
    result = wizard.import_result
    assert result is not None and result.new == 12 and result.batch_id is not None
    page = wizard.result_page
    assert page.counts.text() == "12 baru, 0 berubah (0 perubahan status), 0 tidak berubah."
    assert page.missing.text() == "tidak ada"
    assert page.batch.text() == str(result.batch_id)
    # The warnings of the preview, each on a line of its own.
    assert page.warnings_label.text() == f"{len(warnings)} peringatan:"
    assert [page.warnings.item(r).text() for r in range(page.warnings.count())] == warnings
    assert result.backup is not None and result.backup.exists()
    assert str(result.backup) in wizard.result_page.backup.text()
    emitted = changed.args[0]
    assert isinstance(emitted, Changes) and len(emitted.complaints) == 12
    assert count(services) == 12
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible()
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert not wizard.isVisible()


def test_a_file_that_is_no_export_is_refused_with_its_reason(
    qtbot: QtBot, services: Services, ui_settings: QSettings, tmp_path: Path,
    message_boxes: list[str],
) -> None:
    wizard = open_wizard(qtbot, services, ui_settings)
    wizard.set_file(write_not_spreadsheet(tmp_path / "foto.xlsx"))
    click(qtbot, wizard, NEXT)
    qtbot.waitUntil(lambda: wizard.worker is None, timeout=WAIT)
    assert len(message_boxes) == 1
    assert message_boxes[0].startswith("Berkas ini bukan lembar kerja atau CSV")
    assert wizard.currentPage() is wizard.file_page and wizard.button(NEXT).isEnabled()


def test_changed_tab_lists_each_field_old_and_new(
    qtbot: QtBot, services: Services, ui_settings: QSettings, tmp_path: Path, rows: list[Row]
) -> None:
    first = services.imports.preview(write_xlsx(tmp_path / "week1.xlsx", rows))
    services.imports.commit(LOCAL_OPERATOR, first)
    newer = copy.deepcopy(rows)
    newer[1]["Status Laporan"] = "Ditutup oleh Admin"
    newer[4]["Isi Laporan Akhir"] = "Teks yang disunting ulang oleh admin portal."
    del newer[7]
    newer += portal_rows(2, first_id=6_000_001, seed=9)
    wizard = open_wizard(qtbot, services, ui_settings)
    to_preview(qtbot, wizard, write_xlsx(tmp_path / "week2.xlsx", newer))
    page = wizard.preview_page
    assert [page.tabs.tabText(i) for i in range(3)] == [
        "Baru (2)", "Berubah (2)", "Tidak berubah (9)"]
    assert page.tabs.tabText(4) == "Tidak ada di ekspor (1)"
    assert page.tabs.currentIndex() == 0
    model = page.changed_model
    lines = {(model.index(r, 1).data(), model.index(r, 2).data()):
             (model.index(r, 3).data(), model.index(r, 4).data())
             for r in range(model.rowCount())}
    assert lines[(str(rows[1]["Tracking ID"]), "Status Laporan")] == (
        "Terverifikasi", "Ditutup oleh Admin")
    assert lines[(str(rows[1]["Tracking ID"]), "Status di LAPOR Desk")] == (
        "Belum ditindaklanjuti", "Selesai")
    assert lines[(str(rows[4]["Tracking ID"]), "Isi Laporan Akhir")][1] == (
        "Teks yang disunting ulang oleh admin portal.")
    assert page.missing_model.index(0, 0).data() == str(rows[7]["Tracking ID"])
    # Browsing: a click on the Field header sorts the changes by field.
    page.tabs.setCurrentIndex(1)
    header = page.changed_view.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header.viewport().rect().topLeft()
                     + QPointF(header.sectionViewportPosition(2) + 10, 5).toPoint())
    labels = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert labels == sorted(labels)
    assert "Unchanged" not in page.unchanged_label.text()
    assert page.unchanged_label.text().startswith("9 laporan")


def test_missing_required_column_blocks_next_until_mapped_and_saved_as_profile(
    qtbot: QtBot, services: Services, ui_settings: QSettings, tmp_path: Path, rows: list[Row]
) -> None:
    headers = [("Tgl Masuk" if h == "Tanggal Laporan Masuk" else h) for h in PORTAL_HEADERS]
    headers.append("Catatan Petugas")
    renamed = [{("Tgl Masuk" if k == "Tanggal Laporan Masuk" else k): v for k, v in r.items()}
               for r in rows]
    path = write_csv(tmp_path / "lain.csv", renamed, headers)
    wizard = open_wizard(qtbot, services, ui_settings)
    wizard.set_file(path)
    with qtbot.waitSignal(wizard.header_read, timeout=WAIT):
        click(qtbot, wizard, NEXT)
    page = wizard.columns_page
    assert page.reason_label.isVisible()
    assert page.reason_label.text().startswith("Kolom wajib tidak ada: Tanggal Laporan Masuk.")
    assert not wizard.button(NEXT).isEnabled()
    assert "“Catatan Petugas”" in page.unknown_label.text()
    assert "“Tgl Masuk”" in page.unknown_label.text()

    # The user picks the field for "Tgl Masuk" in its combo box, by keyboard.
    row = next(r for r in range(page.model.rowCount())
               if page.model.index(r, 0).data() == "Tgl Masuk")
    combo = page.table.indexWidget(page.model.index(row, FIELD))
    assert isinstance(combo, QComboBox) and combo.currentText() == "(abaikan)"
    combo.setFocus()
    for _step in range(combo.findData("received_date")):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == "Tanggal Laporan Masuk"
    assert page.model.index(row, 2).data() == "dipakai"
    assert not page.reason_label.isVisible()
    # A changed mapping needs a name before going on.
    assert page.save_hint.isVisible() and not wizard.button(NEXT).isEnabled()
    qtbot.keyClicks(page.profile_name, "Ekspor kanal lain")
    with qtbot.waitSignal(wizard.preview_ready, timeout=WAIT):
        click(qtbot, wizard, NEXT)
    assert [(p.name, dict(p.columns)) for p in services.imports.profiles()] == [
        ("Ekspor kanal lain", {"Tgl Masuk": "received_date"})]
    preview = wizard.preview
    assert preview is not None and preview.profile == "Ekspor kanal lain"
    assert len(preview.new) == 12 and not preview.errors

    # Next time the profile is offered, and choosing it maps the file at once.
    again = open_wizard(qtbot, services, ui_settings)
    again.set_file(path)
    with qtbot.waitSignal(again.header_read, timeout=WAIT):
        click(qtbot, again, NEXT)
    combo_box = again.columns_page.profile
    assert [combo_box.itemText(i) for i in range(combo_box.count())] == [
        "(nama kolom bawaan)", "Ekspor kanal lain"]
    combo_box.setFocus()
    qtbot.keyClick(combo_box, Qt.Key.Key_Down)
    assert again.columns_page.mapping.blocking_reason is None
    assert again.button(NEXT).isEnabled() and not again.columns_page.edited


def test_errors_tab_blocks_the_import_and_saves_the_error_file(
    qtbot: QtBot, services: Services, ui_settings: QSettings, tmp_path: Path, rows: list[Row],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rows[2]["Tanggal Laporan Masuk"] = "31 Februari 2022"
    rows[5]["Tracking ID"] = rows[4]["Tracking ID"]
    wizard = open_wizard(qtbot, services, ui_settings)
    to_preview(qtbot, wizard, write_xlsx(tmp_path / "rusak.xlsx", rows))
    page = wizard.preview_page
    assert page.tabs.currentIndex() == 3 and page.tabs.tabText(3) == "Galat (2)"
    assert page.notice.text().startswith("2 baris bermasalah")
    assert not wizard.button(COMMIT).isEnabled()
    shown = [tuple(page.errors_model.index(r, c).data() for c in range(3))
             for r in range(page.errors_model.rowCount())]
    assert [s[:2] for s in shown] == [("14", "Tanggal Laporan Masuk"), ("17", "Tracking ID")]

    target = tmp_path / "daftar-galat"
    asked: list[str] = []

    def choose(_parent: object, _title: str, proposed: str, _filter: str) -> tuple[str, str]:
        asked.append(proposed)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    qtbot.mouseClick(page.save_errors_button, Qt.MouseButton.LeftButton)
    assert asked and asked[0].endswith("galat-impor-rusak.csv")
    written = tmp_path / "daftar-galat.csv"
    assert written.read_bytes().startswith(b"\xef\xbb\xbf")
    with written.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle, delimiter=";"))
    assert lines[0] == ["Baris", "Kolom", "Alasan"]
    assert [tuple(line) for line in lines[1:]] == shown
    assert str(written) in page.saved_label.text()
    assert count(services) == 0


def test_cancelled_commit_leaves_the_register_as_it_was(
    qtbot: QtBot, services: Services, ui_settings: QSettings, tmp_path: Path
) -> None:
    base = portal_rows(40)
    services.imports.commit(LOCAL_OPERATOR,
                            services.imports.preview(write_xlsx(tmp_path / "base.xlsx", base)))
    newer = copy.deepcopy(base)
    for row in newer[:20]:
        row["Status Laporan"] = "Ditutup oleh Admin"
    newer += portal_rows(3000, first_id=6_000_001, seed=5)
    wizard = open_wizard(qtbot, services, ui_settings)
    to_preview(qtbot, wizard, write_csv(tmp_path / "besar.csv", newer))
    before = register_snapshot(services.engine)

    with qtbot.waitSignal(wizard.work_cancelled, timeout=WAIT):
        click(qtbot, wizard, COMMIT)
        assert wizard.progress_dialog is not None
        cancel = wizard.progress_dialog.findChild(QPushButton)
        assert cancel.text() == "Batal"
        cancel.click()
    assert wizard.currentPage() is wizard.preview_page
    assert wizard.preview_page.notice.text() == (
        "Impor dibatalkan: tidak ada yang ditulis ke register.")
    assert register_snapshot(services.engine) == before
    with services.engine.connect() as connection:  # the search trigger is back too
        assert connection.execute(text(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = :n"),
            {"n": f"{FTS_TABLE}_ai"}).scalar() == 1

    # Trying again imports everything.
    with qtbot.waitSignal(wizard.imported, timeout=WAIT):
        click(qtbot, wizard, COMMIT)
    assert count(services) == 3040
    with make_session_factory(services.engine)() as session:
        assert session.scalar(select(func.count()).select_from(ImportBatch)) == 2


def test_dropped_file_and_the_recent_folder(
    qtbot: QtBot, services: Services, ui_settings: QSettings, tmp_path: Path, rows: list[Row]
) -> None:
    folder = tmp_path / "unduhan"
    folder.mkdir()
    path = write_xlsx(folder / "ekspor.xlsx", rows)
    wizard = open_wizard(qtbot, services, ui_settings)
    page = wizard.file_page
    assert page.folder_hint.text() == f"Folder terakhir: {Path.home()}"
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPointF(page.rect().center()), Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(page, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(page.rect().center()), Qt.DropAction.CopyAction, data,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(page, drop)
    assert page.path.text() == str(path)
    with qtbot.waitSignal(wizard.header_read, timeout=WAIT):
        click(qtbot, wizard, NEXT)
    assert ui_settings.value(RECENT_FOLDER_KEY) == str(folder)
    later = open_wizard(qtbot, services, ui_settings)
    assert later.recent_folder() == folder
    assert later.file_page.folder_hint.text() == f"Folder terakhir: {folder}"
    # Two files at once are refused: the wizard imports one export at a time.
    data.setUrls([QUrl.fromLocalFile(str(path)), QUrl.fromLocalFile(str(path))])
    two = QDragEnterEvent(QPointF(page.rect().center()), Qt.DropAction.CopyAction, data,
                          Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(later.file_page, two)
    assert not two.isAccepted()


def test_preview_models_pass_the_qt_model_tester(
    qtmodeltester: ModelTester, services: Services, tmp_path: Path, rows: list[Row]
) -> None:
    services.imports.commit(LOCAL_OPERATOR, services.imports.preview(
        write_xlsx(tmp_path / "a.xlsx", rows)))
    newer = copy.deepcopy(rows)
    newer[0]["Status Laporan"] = "Ditutup oleh Admin"
    newer[1]["Tanggal Laporan Masuk"] = "bukan tanggal"
    newer[2]["ID Kategori"] = 999_999
    del newer[3]
    newer += portal_rows(3, first_id=6_000_001)
    preview = services.imports.preview(write_xlsx(tmp_path / "b.xlsx", newer))
    assert preview.new and preview.changed and preview.errors and preview.missing
    assert preview.warnings
    for model, items in (
        (NewComplaintsModel(), preview.new),
        (ChangedFieldsModel(), changed_fields(preview.changed)),
        (RowErrorsModel(), preview.errors),
        (MissingComplaintsModel(), preview.missing),
        (WarningsModel(), preview.warnings),
    ):
        model.set_rows(items)
        qtmodeltester.check(model, force_py=True)
        model.sort(0, Qt.SortOrder.DescendingOrder)
        qtmodeltester.check(model, force_py=True)
    columns = ColumnMappingModel()
    header = FileHeader(tmp_path / "b.xlsx", "xlsx", None,
                        (("Tracking ID", "Tgl", "Tracking ID", "Lain"),))
    columns.set_mapping(map_columns(header), {})
    qtmodeltester.check(columns, force_py=True)
    assert columns.setData(columns.index(1, FIELD), "received_date")
    assert not columns.setData(columns.index(1, FIELD), "no_such_field")
    assert [columns.index(r, 2).data() for r in range(4)] == [
        "dipakai", "kolom tidak dikenal: diabaikan",
        "ruas sudah diisi kolom sebelumnya: diabaikan", "kolom tidak dikenal: diabaikan"]


def test_ctrl_i_opens_the_wizard_from_the_main_window(
    qtbot: QtBot, demo_services: Services
) -> None:
    window = MainWindow(demo_services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # the offscreen platform has no window manager to do it
    qtbot.waitUntil(window.isActiveWindow)
    menu = window.menuBar().actions()[0]
    assert menu.text() == "&Berkas"
    assert menu.menu().actions()[0].text() == "Impor ekspor portal…"
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    wizard = window.import_menu.wizard
    assert wizard is not None and wizard.isVisible()
    assert wizard.windowTitle() == "Impor ekspor portal"
    wizard.reject()
    qtbot.waitUntil(lambda: window.import_menu.wizard is None)


def test_auditors_cannot_import(qtbot: QtBot, demo_services: Services) -> None:
    window = MainWindow(demo_services, actor=Actor("apip", "Inspektorat", Role.AUDITOR))
    qtbot.addWidget(window)
    assert not window.import_menu.action.isVisible()


# -- 100.000 rows --------------------------------------------------------------------------------


def write_big_csv(path: Path, count: int) -> Path:
    """``count`` complaints in a portal CSV, from 300 synthetic templates (fast to write)."""
    templates = portal_rows(300, seed=11)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(PORTAL_HEADERS)
        for number in range(count):
            row = templates[number % len(templates)]
            values = ["" if row.get(h) is None else row[h] for h in PORTAL_HEADERS]
            values[0] = 7_000_000 + number
            writer.writerow(values)
    return path


@pytest.mark.slow
def test_100k_row_import_keeps_the_window_responsive(
    qtbot: QtBot, services: Services, ui_settings: QSettings, tmp_path: Path,
    record_property: Callable[[str, object], None],
) -> None:
    path = write_big_csv(tmp_path / "seratus-ribu.csv", 100_000)
    wizard = open_wizard(qtbot, services, ui_settings)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    reading: list[tuple[int, int]] = []
    writing: list[tuple[int, int]] = []
    started = time.perf_counter()
    timer.start()
    wizard.set_file(path)
    with qtbot.waitSignal(wizard.header_read, timeout=120_000):
        click(qtbot, wizard, NEXT)
    assert wizard.worker is None
    with qtbot.waitSignal(wizard.preview_ready, timeout=300_000):
        click(qtbot, wizard, NEXT)
        assert wizard.worker is not None
        wizard.worker.progressed.connect(lambda done, total, _m: reading.append((done, total)))
    assert wizard.preview_page.new_model.rowCount() == 100_000
    with qtbot.waitSignal(wizard.imported, timeout=300_000):
        click(qtbot, wizard, COMMIT)
        assert wizard.worker is not None
        wizard.worker.progressed.connect(lambda done, total, _m: writing.append((done, total)))
    timer.stop()
    elapsed = time.perf_counter() - started
    assert count(services) == 100_000
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    record_property("seconds", round(elapsed, 1))
    record_property("longest_gap_seconds", round(max(gaps), 3))
    assert len(ticks) > elapsed / 0.05 * 0.5, (len(ticks), elapsed)
    # The behaviour under test is "no freeze": done on the GUI thread this import stops the
    # event loop for its whole 20-40 s. On this shared 2-core machine single hitches of
    # 0,3-0,9 s were measured (garbage collection, a busy neighbour), so the bound is 2 s.
    assert max(gaps) < 2.0, f"longest gap between ticks: {max(gaps):.3f} s"
    # The bar moved forward through both steps: rows read (header included), then complaints
    # written and their deadlines computed (each complaint counts twice). Reports the GUI had no
    # time to show are coalesced, so only "many steps, in order, ending at the end" is fixed.
    assert len(reading) >= 10 and reading == sorted(set(reading))
    assert reading[-1] == (100_001, 100_001)
    assert {total for _done, total in writing} == {200_000} and writing == sorted(set(writing))
    assert len(writing) >= 10 and writing[-1] == (200_000, 200_000)


def test_the_result_page_counts_what_the_export_no_longer_lists(qtbot: QtBot) -> None:
    page = ResultPage()
    qtbot.addWidget(page)
    page.show_result(ImportResult(
        batch_id=7, new=0, changed=3, unchanged=1290, missing=2, status_moves=1,
        backup=None, backup_note="Register di server basis data: dicadangkan oleh servernya.",
        warnings=(), changes=Changes(),
    ))
    assert page.counts.text() == "0 baru, 3 berubah (1 perubahan status), 1.290 tidak berubah."
    assert page.missing.text() == "2 pengaduan di register, tidak diubah dan tidak dihapus."
    assert page.batch.text() == "7"
    assert page.backup.text().startswith("Register di server")
    assert page.warnings_label.text() == "Tidak ada peringatan." and page.warnings.isHidden()
