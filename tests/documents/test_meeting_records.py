"""The demo's 15 November 2022 meeting (2/2022) as Notula, Daftar hadir and unit extracts.

Built from the meeting records by ``DocumentService``, written as DOCX and PDF, read back.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.domain.meetings import MeetingStatus
from lapor_desk.reports.document import BulletList
from lapor_desk.reports.output import write
from lapor_desk.services.bootstrap import Services
from tests.documents.conftest import docx_tables, docx_text, pdf_text

NIP_WRITTEN = re.compile(r"^\d{8} \d{6} \d \d{3}$")
RTL_HEADER = ["No", "Tracking ID / permasalahan", "Unit penanggung jawab",
              "Tindak lanjut yang disepakati", "Batas waktu", "Status"]
HADIR_HEADER = ["No", "Nama", "NIP", "Jabatan", "Unit Kerja", "Tanda Tangan"]


def meeting_id(services: Services, label: str = "2/2022") -> int:
    """The id of the demo meeting with this number."""
    return next(r.id for r in services.meetings.list_meetings() if r.label == label)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _table(tables: list[list[list[str]]], header: list[str]) -> list[list[str]]:
    return next(t for t in tables if t[0] == header)


@pytest.mark.parametrize("suffix", ["pdf", "docx"])
def test_minutes_of_the_15_november_meeting(demo_services: Services, tmp_path: Path,
                                            suffix: str) -> None:
    meeting = meeting_id(demo_services)
    document = demo_services.documents.meeting_minutes(meeting)
    path = write(document, tmp_path / f"notula.{suffix}")
    text = _flat(pdf_text(path) if suffix == "pdf" else docx_text(path))
    for expected in (
        "NOTULA", "Rapat Implementasi Renaksi SP4N-LAPOR! Tahun 2021-2024 dan Tindak Lanjut "
        "Monev Pengelolaan SP4N-LAPOR! Tahun 2021", "Selasa, 15 November 2022",
        "Waktu panggilan : pukul 08.30 WIB", "pukul 09.00 s.d. 12.00 WIB",
        "Ruang Rapat Lantai 2 Sentra Handayani", "1. Pengesahan notula rapat No. 1/2022",
        "Tindak lanjut pengaduan Pusat Data dan Informasi Kesejahteraan Sosial",
        "20 orang (daftar hadir terlampir)", "Kegiatan Rapat", "1. Pembukaan",
        "Sampai dengan 31 Oktober 2022 Kementerian Sosial menerima 4.447 pengaduan",
        "2. Paparan narasumber", "Kementerian Pendayagunaan Aparatur Negara",
        "Libatkan APIP (Inspektorat Jenderal)", "3. Pembahasan", "Catatan: Perwakilan unit",
        "Disepakati: Progres Renaksi 1 disepakati 50%", "4. Keputusan",
        "Notula rapat No. 1/2022 disahkan tanpa perubahan.", "5. Rencana Tindak Lanjut",
        "lanjutan dari rapat No. 1/2022", "6. Penutup", "Rapat ditutup pukul 12.05 WIB.",
        "Jakarta, 15 November 2022", "Pimpinan Rapat,", "Notulis,", "Lampiran: daftar hadir",
        "DAFTAR HADIR",
    ):
        assert expected in text, expected
    # Each of the speaker's four points is an item of its own, not one run-on bullet.
    points = next(b for b in document.blocks
                  if isinstance(b, BulletList) and "Secara nasional" in b.items[0])
    assert points.numbered and len(points.items) == 4
    assert points.items[1].startswith("Topik mendesak")
    # Chair and note-taker sign with their NIP written the official way.
    assert len(re.findall(r"NIP \d{8} \d{6} \d \d{3}", text)) >= 2
    assert "DRAFT" in (text if suffix == "pdf" else
                       docx.Document(str(path)).sections[0].header._element.xml)


def test_action_plan_and_attendance_tables(demo_services: Services, tmp_path: Path) -> None:
    meeting = meeting_id(demo_services)
    path = write(demo_services.documents.meeting_minutes(meeting), tmp_path / "notula.docx")
    tables = docx_tables(path)
    actions = _table(tables, RTL_HEADER)[1:]
    stored = demo_services.action_items.list_items()
    agreed = [a for a in stored if a.meeting_id == meeting]
    carried = [r for r in demo_services.agenda.items(meeting) if r.action_item_id]
    assert len(actions) == len(agreed) + len(carried) == 16
    assert [row[0] for row in actions] == [str(n) for n in range(1, 17)]
    first = actions[0]
    assert first[1].startswith("Paparan narasumber KemenPAN-RB")
    assert first[2] == "Biro Organisasi dan Sumber Daya Manusia"
    assert first[3].startswith("Mencantumkan topik mendesak")
    assert re.fullmatch(r"\d{1,2} (November|Desember) 2022", first[4])
    assert {row[5] for row in actions} <= {"Terbuka", "Selesai"}
    # A complaint's action names its tracking ID; a carried-over one its origin.
    assert any(re.fullmatch(r"\d{7}", row[1]) for row in actions)
    assert sum("lanjutan dari rapat No. 1/2022" in row[1] for row in actions) == len(carried)

    attendance = _table(tables, HADIR_HEADER)[1:]
    assert len(attendance) == 20
    assert all(NIP_WRITTEN.match(row[2]) for row in attendance)
    assert {row[4] for row in attendance} == {
        "Biro Hukum", "Biro Organisasi dan Sumber Daya Manusia",
        "Sekretariat Direktorat Jenderal Pemberdayaan Sosial",
        "Sekretariat Inspektorat Jenderal",
        "Sekretariat Direktorat Jenderal Perlindungan dan Jaminan Sosial",
        "Pusat Data dan Informasi Kesejahteraan Sosial"}
    signatures = [row[5] for row in attendance]
    assert sum(s.endswith("hadir (daring)") for s in signatures) == 2
    assert sum("mewakili" in s for s in signatures) == 1  # the Pusdatin liaison sent somebody


def test_approved_minutes_lose_the_draft_mark(demo_services: Services, tmp_path: Path) -> None:
    meeting = meeting_id(demo_services)
    demo_services.meetings.change_status(LOCAL_OPERATOR, meeting,
                                         MeetingStatus.MINUTES_APPROVED)
    pdf = write(demo_services.documents.meeting_minutes(meeting), tmp_path / "final.pdf")
    word = write(demo_services.documents.meeting_minutes(meeting), tmp_path / "final.docx")
    assert "NOTULA" in pdf_text(pdf) and "DRAFT" not in pdf_text(pdf)
    assert "DRAFT" not in docx.Document(str(word)).sections[0].header._element.xml
    # The earlier meeting's minutes were approved in this one.
    earlier = demo_services.documents.meeting_minutes(meeting_id(demo_services, "1/2022"))
    assert not earlier.draft


@pytest.mark.parametrize("suffix", ["pdf", "docx"])
def test_attendance_blank_and_filled(demo_services: Services, tmp_path: Path,
                                     suffix: str) -> None:
    meeting = meeting_id(demo_services)
    documents = demo_services.documents
    filled = write(documents.meeting_attendance(meeting), tmp_path / f"hadir.{suffix}")
    blank = write(documents.meeting_attendance(meeting, blank=True),
                  tmp_path / f"kosong.{suffix}")
    for path in (filled, blank):
        text = _flat(pdf_text(path) if suffix == "pdf" else docx_text(path))
        assert "DAFTAR HADIR" in text and "Selasa, 15 November 2022" in text
        assert "pukul 09.00 WIB" in text and "DRAFT" not in text
    filled_text = pdf_text(filled) if suffix == "pdf" else docx_text(filled)
    blank_text = pdf_text(blank) if suffix == "pdf" else docx_text(blank)
    assert "hadir" in filled_text.replace("DAFTAR HADIR", "")
    assert "hadir (daring)" not in blank_text and "mewakili" not in blank_text
    if suffix == "docx":
        blank_rows = _table(docx_tables(blank), HADIR_HEADER)[1:]
        assert len(blank_rows) == 20 + 5  # every invitee, and spare rows for walk-ins
        assert [r[5] for r in blank_rows[:2]] == ["1. ……………………", "2. ……………………"]
        assert blank_rows[-1][1:5] == ["", "", "", ""]
        # The invitee whom a colleague represented is listed under their own name.
        invitees = {a.name for a in demo_services.attendance.list_attendance(meeting)}
        assert {r[1] for r in blank_rows[:20]} == invitees


@pytest.mark.parametrize("suffix", ["pdf", "docx"])
def test_one_extract_per_unit_with_only_its_actions(demo_services: Services, tmp_path: Path,
                                                    suffix: str) -> None:
    meeting = meeting_id(demo_services)
    extracts = demo_services.documents.meeting_unit_extracts(meeting)
    assert [e.unit.abbreviation for e in extracts] == [
        "BIRO-HUKUM", "BIRO-OSDM", "SETDITJEN-DAYASOS", "SET-ITJEN", "SETDITJEN-LINJAMSOS",
        "PUSDATIN"]
    owners = {a.owner_unit for a in demo_services.action_items.list_items()
              if a.meeting_id == meeting}
    for extract in extracts:
        path = write(extract.document, tmp_path / f"petikan-{extract.unit.abbreviation}.{suffix}")
        text = _flat(pdf_text(path) if suffix == "pdf" else docx_text(path))
        assert "PETIKAN HASIL RAPAT" in text and extract.unit.name in text
        assert f"Rencana tindak lanjut untuk {extract.unit.name}" in text
        assert "Selasa, 15 November 2022" in text
        others = [e.unit.name for e in extracts if e is not extract]
        if suffix == "docx":
            rows = [r for t in docx_tables(path) if t[0] == RTL_HEADER for r in t[1:]]
            assert rows, extract.unit.abbreviation
            assert {r[2] for r in rows} == {extract.unit.name}
            assert not any(name in r[2] for r in rows for name in others)
        assert extract.unit.abbreviation in owners
