"""The Reports page and the export dialog, driven offscreen as a user would."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog
from pytestqt.qtbot import QtBot

from lapor_desk.services.bootstrap import Services
from lapor_desk.ui.dialogs.export_dialog import ExportDialog
from lapor_desk.ui.main_window import MainWindow
from lapor_desk.ui.views.reports_page import ReportsPage
from tests.documents.conftest import docx_text, pdf_text


def _wait(qtbot: QtBot, dialog: ExportDialog) -> None:
    assert dialog.worker is not None
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=60_000)


def test_reports_page_opens_the_analysis_with_its_narrative(
    qtbot: QtBot, demo_services: Services
) -> None:
    window = MainWindow(demo_services)
    qtbot.addWidget(window)
    window.show()
    window.show_page(window.reports)
    page = window.reports
    assert isinstance(page, ReportsPage)
    assert page.start.date().toString("yyyy-MM-dd") == "2022-01-01"
    assert page.end.date().toString("yyyy-MM-dd") == "2022-10-31"
    dialog = page.open_analysis()
    qtbot.addWidget(dialog)
    _wait(qtbot, dialog)
    summary = dialog.summary.toPlainText()
    assert "Kementerian Sosial menerima 4.447 laporan" in summary
    assert "Jumlah laporan pada Oktober 2022" in summary
    if shutil.which("pdftoppm"):
        assert dialog.preview.stack.currentIndex() == 1 and len(dialog.preview.page_labels) > 3
    else:
        assert dialog.preview.open_button.isVisible()


def test_edited_summary_chosen_sections_and_format_reach_the_file(
    qtbot: QtBot, demo_services: Services, tmp_path: Path
) -> None:
    from datetime import date

    dialog = ExportDialog(demo_services, start=date(2022, 9, 1), end=date(2022, 10, 31))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load_figures()
    _wait(qtbot, dialog)
    dialog.summary.setPlainText("Paragraf pertama dari pimpinan.\n\nParagraf kedua.")
    for row in range(dialog.sections.count()):
        item = dialog.sections.item(row)
        if item.text() == "Contoh laporan":
            item.setCheckState(Qt.CheckState.Unchecked)
    dialog.format.setCurrentIndex(dialog.format.findData("docx"))
    dialog.paper.setCurrentIndex(dialog.paper.findData("F4"))
    with qtbot.waitSignal(dialog.saved, timeout=60_000) as saved:
        dialog.save_to(tmp_path / "analisis")
    target = saved.args[0]
    assert target == tmp_path / "analisis.docx"
    text = docx_text(target)
    assert "Paragraf pertama dari pimpinan." in text and "Paragraf kedua." in text
    assert "Contoh laporan" not in text
    assert "Periode 1 September s.d. 31 Oktober 2022" in text
    import docx

    assert round(docx.Document(str(target)).sections[0].page_height.mm) == 330


def test_disposition_sheet_from_the_reports_page(
    qtbot: QtBot, demo_services: Services, tmp_path: Path
) -> None:
    page = ReportsPage(demo_services, events=_events())
    qtbot.addWidget(page)
    page.tracking.setText("4100715")
    page.sheet_button.click()
    dialog = page.dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.kind == "disposition" and not dialog.analysis_box.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.saved, timeout=60_000):
        dialog.save_to(tmp_path / "disposisi.pdf")
    assert "LEMBAR DISPOSISI" in pdf_text(tmp_path / "disposisi.pdf")


def test_letterhead_is_edited_on_the_reports_page(
    qtbot: QtBot, demo_services: Services
) -> None:
    events = _events()
    page = ReportsPage(demo_services, events=events)
    qtbot.addWidget(page)
    form = page.letterhead_form
    form.head_name.setText("Dr. Kepala Biro")
    form.head_nip.setText("197001011995032001")
    with qtbot.waitSignal(events.changed, timeout=5_000):
        form.save_button.click()
    stored = demo_services.documents.letterhead_settings()
    assert stored.head_name == "Dr. Kepala Biro"
    assert stored.head_signer().nip == "19700101 199503 2 001"
    form.ministry.setText("")
    form.save_button.click()
    assert form.error.text() == "Kop surat memerlukan nama kementerian."  # under the form
    assert demo_services.documents.letterhead_settings().ministry != ""


def _events():  # type: ignore[no-untyped-def]
    from lapor_desk.ui.events import AppEvents

    return AppEvents()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler to rasterise")
def test_printing_puts_every_page_on_paper(qtbot: QtBot, tmp_path: Path) -> None:
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    from lapor_desk.reports.output import write
    from lapor_desk.ui.dialogs.pdf_preview import PRINT_DPI, paint_pages, rasterise
    from tests.documents.samples import every_block

    source = write(every_block(rows=120), tmp_path / "sumber.pdf")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "cetak.pdf"))
    paint_pages(printer, rasterise(source, PRINT_DPI // 4))
    assert len(PdfReader(str(tmp_path / "cetak.pdf")).pages) == len(
        PdfReader(str(source)).pages)


def test_cancelled_figures_leave_the_dialog_usable(
    qtbot: QtBot, demo_services: Services, held_pool: threading.Event
) -> None:
    from datetime import date

    dialog = ExportDialog(demo_services, start=date(2022, 9, 1), end=date(2022, 10, 31))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load_figures()
    assert not dialog.save_button.isEnabled() and dialog.worker is not None
    progress = dialog.findChild(QProgressDialog)
    assert progress is not None
    progress.canceled.emit()  # what its Cancel button does
    held_pool.set()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=30_000)
    assert dialog.save_button.isEnabled() and dialog.status.text() == "Dibatalkan."
    # The figures can be asked for again, and come.
    dialog.load_figures()
    _wait(qtbot, dialog)
    assert "laporan" in dialog.summary.toPlainText()
