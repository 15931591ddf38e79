"""LibreOffice headless opens and converts every kind of generated DOCX without error.

Skipped where LibreOffice is not installed, except under CI, where that is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from lapor_desk.reports.attendance import build_attendance
from lapor_desk.reports.document import Document
from lapor_desk.reports.meeting_input import AttendanceMode
from lapor_desk.reports.minutes import build_minutes
from lapor_desk.reports.output import write
from lapor_desk.reports.unit_extract import build_unit_extract
from lapor_desk.services.bootstrap import Services
from tests.documents import samples

TIMEOUT_S = 120


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is not installed but CI must convert the DOCX files")
        pytest.skip("LibreOffice is not installed")
    return found


def convert(docx_path: Path, out_dir: Path) -> Path:
    """DOCX → PDF with a throw-away profile, a timeout and a check that the output exists."""
    soffice = _soffice()
    with tempfile.TemporaryDirectory(prefix="lapor-lo-") as profile:
        result = subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", str(out_dir), str(docx_path)],
            capture_output=True, text=True, timeout=TIMEOUT_S, check=False,
        )
    target = out_dir / f"{docx_path.stem}.pdf"
    assert result.returncode == 0, result.stderr
    assert target.exists() and target.stat().st_size > 0, result.stdout + result.stderr
    return target


def test_every_document_converts(demo_services: Services, tmp_path: Path) -> None:
    _soffice()
    documents = demo_services.documents
    data = documents.analysis_input(date(2022, 1, 1), date(2022, 10, 31))
    built: dict[str, Document] = {
        "analisis": documents.analysis(data),
        "disposisi": documents.disposition_sheet(7),
        "notula": build_minutes(samples.minutes(), samples.SETUP, samples.SNAPSHOT),
        "hadir": build_attendance(samples.attendance(AttendanceMode.BLANK), samples.SETUP,
                                  samples.SNAPSHOT),
        "petikan": build_unit_extract(samples.unit_extract(), samples.SETUP, samples.SNAPSHOT),
    }
    # The demo's 15 November 2022 meeting, from its records.
    meeting = next(r.id for r in demo_services.meetings.list_meetings() if r.label == "2/2022")
    built["notula-2-2022"] = documents.meeting_minutes(meeting)
    built["hadir-2-2022"] = documents.meeting_attendance(meeting, blank=True)
    built["petikan-2-2022"] = documents.meeting_unit_extracts(meeting)[0].document
    out = tmp_path / "pdf"
    out.mkdir()
    for name, document in built.items():
        pdf = convert(write(document, tmp_path / f"{name}.docx"), out)
        reader = PdfReader(str(pdf))
        text = " ".join((p.extract_text() or "") for p in reader.pages)
        assert "KEMENTERIAN SOSIAL REPUBLIK INDONESIA" in text, name
        # Word fields are laid out by LibreOffice: the last page says "Halaman N dari N".
        pages = len(reader.pages)
        assert f"Halaman {pages} dari {pages}" in " ".join(
            (reader.pages[-1].extract_text() or "").split()), name
