"""Synthetic documents and inputs for the document tests (no register needed)."""

from __future__ import annotations

from datetime import date, datetime

from lapor_desk.reports.document import (
    Align,
    BarChart,
    BulletList,
    Cell,
    Chart,
    Column,
    Document,
    Fields,
    Heading,
    KeyFigure,
    KeyFigures,
    Letterhead,
    LineChart,
    PageBreak,
    Paper,
    Paragraph,
    Signatures,
    Signer,
    Spacer,
    Stamp,
    Table,
    Title,
    sealed,
)
from lapor_desk.reports.meeting_input import (
    ActionItem,
    AgendaItem,
    AttendanceInput,
    AttendanceMode,
    Attendee,
    MinutesInput,
    Person,
    Remark,
    UnitExtractInput,
)
from lapor_desk.reports.setup import DocumentSetup

SNAPSHOT = datetime(2022, 10, 31, 23, 59)
LETTERHEAD = Letterhead(
    "Kementerian Sosial Republik Indonesia", ("Sekretariat Jenderal", "Biro Hubungan Masyarakat"),
    "Jl. Salemba Raya No. 28, Jakarta Pusat 10430", "(021) 3103591", "www.kemensos.go.id",
)
SETUP = DocumentSetup(letterhead=LETTERHEAD, head_signer=Signer(
    "Kepala Biro Hubungan Masyarakat,", "Dra. Sri Wahyuni", "19700101 199503 2 001"))


def every_block(paper: Paper = Paper.A4, draft: bool = False, rows: int = 30) -> Document:
    """One block of every type, with Indonesian numbers in them."""
    return sealed(Document(
        title="Uji semua blok",
        letterhead=LETTERHEAD,
        paper=paper,
        draft=draft,
        stamp=Stamp(SNAPSHOT),
        blocks=(
            Title("LAPORAN UJI", ("Periode 1 Januari s.d. 31 Oktober 2022",)),
            Fields((("Hari/Tanggal", "Selasa, 15 November 2022"), ("Tempat", "Ruang Rapat"))),
            Heading("I. Ringkasan"),
            Paragraph("Jumlah laporan naik 12,4% dibanding bulan sebelumnya."),
            KeyFigures((KeyFigure("4.447", "laporan diterima"),
                        KeyFigure("98,6%", "tingkat tindak lanjut"))),
            BulletList(("butir pertama", "butir kedua")),
            BulletList(("langkah satu", "langkah dua"), numbered=True),
            Heading("II. Tabel", 2),
            Table((Column("No", 0.5, Align.RIGHT), Column("Unit", 3),
                   Column("Jumlah", 1, Align.RIGHT)),
                  tuple((str(i), f"Unit nomor {i}", f"{i}.000") for i in range(1, rows + 1)),
                  total=("", "Jumlah", Cell("465.000", bold=True)), caption="Tabel 1"),
            Table((Column("Kosong"),), (), empty_text="Tidak ada data."),
            Chart(BarChart("Tingkat tindak lanjut per unit", ("PUSDATIN", "BIRO-HUMAS"),
                           (0.925, 0.988), "percent", 0.9, "target 90%"), height_mm=40),
            Chart(LineChart("Laporan per bulan", ("Jan", "Feb", "Mar"),
                            (("DTKS", (10.0, 20.0, 15.0)), ("PKH", (5.0, 8.0, 12.0)))),
                  height_mm=50),
            Spacer(5),
            Signatures((Signer("Pimpinan Rapat,", "Dra. Sri Wahyuni", "19700101 199503 2 001"),
                        Signer("Notulis,", "Budi Santoso", "19850312 201001 1 005")),
                       place_date="Jakarta, 15 November 2022"),
            PageBreak(),
            Paragraph("Halaman lampiran", bold=True),
        ),
    ))


RAPAT = "Rapat Implementasi Renaksi SP4N-LAPOR! Tahun 2021-2024"
PLACE = "Ruang Rapat Lantai 2 Sentra Handayani, Jl. P.P.A No. 1, Bambu Apus, Jakarta Timur"
CHAIR = Person("Dra. Sri Wahyuni", "197001011995032001", "Kepala Biro Humas", "Biro Humas")
NOTULIS = Person("Budi Santoso", "198503122010011005", "Pranata Humas", "Biro Humas")


def attendance(mode: AttendanceMode = AttendanceMode.BLANK) -> AttendanceInput:
    people = [
        Attendee(CHAIR, True), Attendee(NOTULIS, True),
        Attendee(Person("Rina Marlina", "198806152012122002", "Analis Hukum", "Biro Hukum"),
                 True),
        Attendee(Person("Tamu KemenPAN-RB", "", "Narasumber", "KemenPAN-RB"), True,
                 "narasumber"),
        Attendee(Person("Agus Salim", "197912302005011003", "Kepala Subbagian", "Pusdatin"),
                 False),
    ]
    return AttendanceInput(RAPAT, date(2022, 11, 15), PLACE, datetime(2022, 11, 15, 9, 0),
                           tuple(people), mode)


def minutes(items: int = 3, approved: bool = False, text: str = "") -> MinutesInput:
    return MinutesInput(
        meeting=RAPAT,
        day=date(2022, 11, 15),
        start=datetime(2022, 11, 15, 9, 0),
        end=datetime(2022, 11, 15, 12, 0),
        called_at=datetime(2022, 11, 15, 8, 30),
        place=PLACE,
        agenda=("Implementasi Renaksi SP4N-LAPOR! 2021-2024",
                "Tindak lanjut monev pengelolaan SP4N-LAPOR! 2021"),
        chair=CHAIR,
        secretary=Person("Rina Marlina", "198806152012122002"),
        note_taker=NOTULIS,
        opening="Rapat dibuka oleh Kepala Biro Humas pukul 09.00 WIB.",
        remarks=(Remark("Narasumber KemenPAN-RB",
                        "Rata-rata tindak lanjut unit selain Biro Humas perlu perhatian."),),
        items=tuple(
            AgendaItem(f"Pembahasan laporan DTKS nomor {n}", (f"41{n:05d}",),
                       (Remark("Pusdatin", f"Data penerima sedang diverifikasi ulang. {text}"),),
                       (f"Pusdatin menyelesaikan verifikasi butir {n}.",))
            for n in range(1, items + 1)
        ),
        decisions=("Topik mendesak dimasukkan ke dalam SOP.",
                   "Prefiks dan subdomain dipakai agar laporan langsung ke admin Kemensos."),
        actions=(
            ActionItem("4100715", "Pusdatin", "Verifikasi ulang data penerima",
                       date(2022, 11, 30), "Proses"),
            ActionItem("Revisi Kepsekjen 2/HUK/2019", "Biro Hukum", "Menyusun revisi",
                       date(2022, 12, 15), "Belum"),
        ),
        closing="Rapat ditutup pukul 12.00 WIB.",
        approved=approved,
        attendance=attendance(),
    )


def unit_extract() -> UnitExtractInput:
    data = minutes()
    return UnitExtractInput("Pusdatin", data.meeting, data.day, data.place, data.decisions,
                            data.actions, nota_dinas="ND-123/HM.01/11/2022", signer=CHAIR,
                            signer_role="Kepala Biro Hubungan Masyarakat,")
