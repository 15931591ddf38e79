"""The Laporan page offers a meeting's Notula, Daftar hadir and unit extracts (offscreen Qt)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from lapor_desk.services.bootstrap import Services
from lapor_desk.ui.dialogs.export_dialog import ATTENDANCE, MINUTES, UNIT_EXTRACT
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.views.reports_page import ReportsPage
from tests.documents.conftest import docx_tables, pdf_text
from tests.documents.test_meeting_records import HADIR_HEADER


def test_meeting_documents_from_the_reports_page(qtbot: QtBot, demo_services: Services,
                                                 tmp_path: Path) -> None:
    page = ReportsPage(demo_services, events=AppEvents())
    qtbot.addWidget(page)
    assert page.meeting.count() == 2 and page.meeting.currentText().startswith("2/2022 · ")
    dialog = page.open_meeting_document(MINUTES)
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=60_000)
    assert dialog.kind == MINUTES and not dialog.analysis_box.isVisibleTo(dialog)
    assert dialog.file_stem() == "notula-rapat-2-2022"
    with qtbot.waitSignal(dialog.saved, timeout=60_000):
        dialog.save_to(tmp_path / "notula.pdf")
    text = pdf_text(tmp_path / "notula.pdf")
    assert "NOTULA" in text and "DRAFT" in text and "Selasa, 15 November 2022" in text

    # The blank attendance list, in Word.
    dialog.document.setCurrentIndex(dialog.document.findData(ATTENDANCE))
    assert dialog.blank.isVisibleTo(dialog) and not dialog.unit.isVisibleTo(dialog)
    dialog.blank.setChecked(True)
    dialog.format.setCurrentIndex(dialog.format.findData("docx"))
    with qtbot.waitSignal(dialog.saved, timeout=60_000) as saved:
        dialog.save_to(tmp_path / "hadir")
    rows = next(t for t in docx_tables(saved.args[0]) if t[0] == HADIR_HEADER)[1:]
    assert saved.args[0] == tmp_path / "hadir.docx" and len(rows) == 25

    # One unit's extract: the unit chosen in the dialog.
    dialog.document.setCurrentIndex(dialog.document.findData(UNIT_EXTRACT))
    assert dialog.unit.isVisibleTo(dialog) and dialog.unit.count() == 6
    dialog.unit.setCurrentIndex(dialog.unit.findData(
        next(u.id for u in demo_services.documents.meeting_extract_units(
            page.meeting.currentData()) if u.abbreviation == "PUSDATIN")))
    assert dialog.file_stem() == "petikan-pusdatin"
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    with qtbot.waitSignal(dialog.saved, timeout=60_000):
        dialog.save_to(tmp_path / "petikan.pdf")
    extract = " ".join(pdf_text(tmp_path / "petikan.pdf").split())
    assert "Rencana tindak lanjut untuk Pusat Data dan Informasi Kesejahteraan Sosial" in extract
