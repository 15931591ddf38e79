"""``lapor-desk report minutes|attendance|unit-extracts``: a meeting's documents, headless."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lapor_desk.cli import main
from tests.documents.conftest import docx_tables, docx_text, pdf_text
from tests.documents.test_meeting_records import HADIR_HEADER, RTL_HEADER


@pytest.fixture
def register(demo_register: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "demo.sqlite3"
    shutil.copy(demo_register, copy)
    return copy


def _run(register: Path, *args: str) -> int:
    return main(["--db", str(register), "report", *args])


def test_minutes_by_number_and_by_id(register: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(register, "minutes", "--meeting", "2/2022", "--format", "docx",
                "-o", str(tmp_path / "notula")) == 0
    assert "notula.docx" in capsys.readouterr().out
    tables = docx_tables(tmp_path / "notula.docx")
    assert len(next(t for t in tables if t[0] == RTL_HEADER)) == 1 + 16
    assert len(next(t for t in tables if t[0] == HADIR_HEADER)) == 1 + 20
    assert _run(register, "minutes", "--meeting", "2", "-o", str(tmp_path / "n.pdf")) == 0
    text = pdf_text(tmp_path / "n.pdf")
    assert "NOTULA" in text and "Selasa, 15 November 2022" in text and "DRAFT" in text


def test_attendance_blank_for_signing(register: Path, tmp_path: Path) -> None:
    target = tmp_path / "hadir.docx"
    assert _run(register, "attendance", "--meeting", "2/2022", "--blank", "-o",
                str(target)) == 0
    rows = next(t for t in docx_tables(target) if t[0] == HADIR_HEADER)[1:]
    assert len(rows) == 25 and rows[0][5] == "1. ……………………"
    assert _run(register, "attendance", "--meeting", "2/2022", "--format", "pdf",
                "--paper", "F4", "-o", str(tmp_path / "terisi.pdf")) == 0
    assert "mewakili" in pdf_text(tmp_path / "terisi.pdf")


def test_unit_extracts_one_file_per_unit(register: Path, tmp_path: Path) -> None:
    folder = tmp_path / "petikan"
    assert _run(register, "unit-extracts", "--meeting", "2/2022", "--format", "docx",
                "-o", str(folder)) == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "petikan-biro-hukum.docx", "petikan-biro-osdm.docx", "petikan-pusdatin.docx",
        "petikan-set-itjen.docx", "petikan-setditjen-dayasos.docx",
        "petikan-setditjen-linjamsos.docx"]
    assert "Rencana tindak lanjut untuk Pusat Data dan Informasi Kesejahteraan Sosial" in \
        " ".join(docx_text(folder / "petikan-pusdatin.docx").split())
    assert _run(register, "unit-extracts", "--meeting", "1/2022", "-o",
                str(tmp_path / "pdf")) == 0
    assert len(list((tmp_path / "pdf").glob("petikan-*.pdf"))) == 4  # PDF by default


@pytest.mark.parametrize("args", [
    ["minutes", "--meeting", "9/2022", "-o", "x.pdf"],
    ["minutes", "--meeting", "999", "-o", "x.pdf"],
    ["minutes", "--meeting", "dua", "-o", "x.pdf"],
    ["attendance", "--meeting", "2/2022", "-o", "x.txt"],
    ["unit-extracts", "--meeting", "2/2022", "-o", "x.pdf"],
])
def test_bad_meeting_requests_give_one_line_and_exit_1(
    register: Path, tmp_path: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "x.pdf").write_bytes(b"") if args[0] == "unit-extracts" else None
    args = [str(tmp_path / a) if a.startswith("x.") else a for a in args]
    assert _run(register, *args) == 1
    err = capsys.readouterr().err
    assert err.startswith("lapor-desk: ") and err.count("\n") == 1
    assert [p.name for p in tmp_path.glob("x.*")] == (
        ["x.pdf"] if args[0] == "unit-extracts" else [])
