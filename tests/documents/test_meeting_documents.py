"""Notula, Daftar hadir and unit extracts from synthetic meeting inputs, read back."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from lapor_desk.reports.attendance import build_attendance
from lapor_desk.reports.document import Align, Cell, Table
from lapor_desk.reports.meeting_input import AttendanceMode
from lapor_desk.reports.minutes import build_minutes
from lapor_desk.reports.output import write
from lapor_desk.reports.unit_extract import build_unit_extract
from tests.documents import samples
from tests.documents.conftest import docx_tables, docx_text, pdf_text


@pytest.mark.parametrize("suffix", ["pdf", "docx"])
def test_minutes_have_every_part_of_a_notula(tmp_path: Path, suffix: str) -> None:
    document = build_minutes(samples.minutes(), samples.SETUP, samples.SNAPSHOT)
    path = write(document, tmp_path / f"notula.{suffix}")
    text = pdf_text(path) if suffix == "pdf" else docx_text(path)
    flat = " ".join(text.split())
    for expected in (
        "NOTULA", "Rapat Implementasi Renaksi SP4N-LAPOR! Tahun 2021-2024",
        "Selasa, 15 November 2022", "pukul 08.30 WIB", "pukul 09.00 s.d. 12.00 WIB",
        "Ruang Rapat Lantai 2 Sentra Handayani", "1. Implementasi Renaksi SP4N-LAPOR! 2021-2024",
        "Ketua: Dra. Sri Wahyuni", "Pencatat: Budi Santoso", "daftar hadir terlampir",
        "Kegiatan Rapat", "Pembukaan", "Paparan narasumber",
        "Narasumber KemenPAN-RB: Rata-rata tindak lanjut unit selain Biro Humas",
        "Pembahasan", "Laporan terkait: 4100002", "Disepakati: Pusdatin menyelesaikan",
        "Keputusan", "Topik mendesak dimasukkan ke dalam SOP.", "Rencana Tindak Lanjut",
        "Verifikasi ulang data penerima", "30 November 2022", "Penutup",
        "Jakarta, 15 November 2022", "Pimpinan Rapat,", "Notulis,",
        "NIP 19700101 199503 2 001", "NIP 19850312 201001 1 005",
        "Lampiran: daftar hadir", "DAFTAR HADIR", "Tanda Tangan", "Rina Marlina",
    ):
        assert expected in flat, expected


def test_minutes_table_and_draft_until_approved(tmp_path: Path) -> None:
    draft = write(build_minutes(samples.minutes(), samples.SETUP, samples.SNAPSHOT),
                  tmp_path / "draft.docx")
    tables = docx_tables(draft)
    actions = next(t for t in tables if t[0][0] == "No" and "Tindak lanjut yang disepakati"
                   in t[0])
    assert actions[0] == ["No", "Tracking ID / permasalahan", "Unit penanggung jawab",
                          "Tindak lanjut yang disepakati", "Batas waktu", "Status"]
    assert actions[1] == ["1", "4100715", "Pusdatin", "Verifikasi ulang data penerima",
                          "30 November 2022", "Proses"]
    assert "DRAFT" in docx.Document(str(draft)).sections[0].header._element.xml
    approved = build_minutes(samples.minutes(approved=True), samples.SETUP, samples.SNAPSHOT)
    assert "DRAFT" not in pdf_text(write(approved, tmp_path / "final.pdf"))
    assert "DRAFT" in pdf_text(write(
        build_minutes(samples.minutes(), samples.SETUP, samples.SNAPSHOT), tmp_path / "d.pdf"))


def test_three_hundred_agenda_items(tmp_path: Path) -> None:
    document = build_minutes(samples.minutes(items=300), samples.SETUP, samples.SNAPSHOT)
    text = pdf_text(write(document, tmp_path / "panjang.pdf"))
    assert "3.300. Pembahasan laporan DTKS nomor 300" in " ".join(text.split())


def test_blank_attendance_alternates_signature_cells_and_leaves_spare_rows() -> None:
    document = build_attendance(samples.attendance(), samples.SETUP, samples.SNAPSHOT)
    table = next(b for b in document.blocks if isinstance(b, Table))
    assert [c.header for c in table.columns] == ["No", "Nama", "NIP", "Jabatan", "Unit Kerja",
                                                 "Tanda Tangan"]
    assert len(table.rows) == 5 + 5  # every invitee, whether present or not, and spare rows
    signatures = [row[-1] for row in table.rows]
    assert all(isinstance(c, Cell) for c in signatures)
    aligns = [c.align for c in signatures if isinstance(c, Cell)]
    assert aligns[:4] == [Align.LEFT, Align.RIGHT, Align.LEFT, Align.RIGHT]
    assert table.rows[0][2] == "19700101 199503 2 001"
    assert table.rows[3][2] == "–"  # a guest without NIP


@pytest.mark.parametrize("suffix", ["pdf", "docx"])
def test_filled_attendance_lists_who_came(tmp_path: Path, suffix: str) -> None:
    document = build_attendance(samples.attendance(AttendanceMode.FILLED), samples.SETUP,
                                samples.SNAPSHOT)
    path = write(document, tmp_path / f"hadir.{suffix}")
    text = pdf_text(path) if suffix == "pdf" else docx_text(path)
    assert "DAFTAR HADIR" in text and "Selasa, 15 November 2022" in text
    assert "Rina Marlina" in text and "4. narasumber" in text
    assert "Agus Salim" not in text  # invited, but did not come


@pytest.mark.parametrize("suffix", ["pdf", "docx"])
def test_unit_extract_holds_only_the_units_actions(tmp_path: Path, suffix: str) -> None:
    document = build_unit_extract(samples.unit_extract(), samples.SETUP, samples.SNAPSHOT)
    path = write(document, tmp_path / f"petikan.{suffix}")
    text = " ".join((pdf_text(path) if suffix == "pdf" else docx_text(path)).split())
    assert "PETIKAN HASIL RAPAT" in text
    assert "ND-123/HM.01/11/2022" in text
    assert "Rencana tindak lanjut untuk Pusdatin" in text
    assert "Verifikasi ulang data penerima" in text
    assert "Menyusun revisi" not in text  # Biro Hukum's action is not Pusdatin's business
    assert "Topik mendesak dimasukkan ke dalam SOP." in text
