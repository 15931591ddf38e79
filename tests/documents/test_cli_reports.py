"""``lapor-desk report``: documents written headless, read back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lapor_desk.cli import main
from tests.documents.conftest import docx_text, pdf_text


@pytest.fixture
def register(demo_register: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "demo.sqlite3"
    shutil.copy(demo_register, copy)
    return copy


def test_report_analysis_pdf_and_docx(register: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    pdf = tmp_path / "analisis.pdf"
    code = main(["--db", str(register), "report", "analysis", "--from", "2022-01-01",
                 "--to", "2022-10-31", "-o", str(pdf)])
    assert code == 0
    assert "LAPORAN ANALISIS PENGADUAN" in pdf_text(pdf)
    assert str(pdf) in capsys.readouterr().out
    target = tmp_path / "analisis"
    code = main(["--db", str(register), "report", "analysis", "--from", "2022-10-01",
                 "--to", "2022-10-31", "--format", "docx", "--paper", "F4", "-o", str(target)])
    assert code == 0
    assert "Periode 1 Oktober s.d. 31 Oktober 2022" in docx_text(tmp_path / "analisis.docx")


def test_report_disposition_sheet(register: Path, tmp_path: Path) -> None:
    out = tmp_path / "disposisi.pdf"
    assert main(["--db", str(register), "report", "disposition", "4100715", "-o", str(out)]) == 0
    text = pdf_text(out)
    assert "LEMBAR DISPOSISI" in text and "4100715" in text


@pytest.mark.parametrize("args", [
    ["report", "analysis", "--from", "2022-10-31", "--to", "2022-01-01", "-o", "x.pdf"],
    ["report", "analysis", "--from", "2022-01-01", "--to", "2022-10-31", "-o", "x.txt"],
    ["report", "disposition", "999", "-o", "x.pdf"],
])
def test_bad_requests_give_one_line_and_exit_1(register: Path, tmp_path: Path, args: list[str],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    args = [str(tmp_path / a) if a.startswith("x.") else a for a in args]
    assert main(["--db", str(register), *args]) == 1
    err = capsys.readouterr().err
    assert err.startswith("lapor-desk: ") and err.count("\n") == 1
    assert list(tmp_path.glob("x.*")) == []
