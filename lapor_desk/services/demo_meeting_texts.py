"""Facts and texts of the demo's two coordination meetings (DOMAIN.md §2); all synthetic.

The people are made up by ``demo_meetings``; here are the titles, venues, the units that came,
what the KemenPAN-RB speaker said and the five Renaksi 2021-2024 items the meeting fulfilled.
"""

from __future__ import annotations

from datetime import date

from lapor_desk.domain.meetings import AgendaReason

EARLIER = date(2022, 9, 22)
EARLIER_TITLE = "Rapat Koordinasi Tindak Lanjut Pengaduan SP4N-LAPOR! Triwulan III Tahun 2022"
EARLIER_VENUE = (
    "Ruang Rapat Biro Hubungan Masyarakat, Kementerian Sosial, Jl. Salemba Raya No. 28, "
    "Jakarta Pusat"
)
EARLIER_UNITS = ("PUSDATIN", "SETDITJEN-LINJAMSOS", "SETDITJEN-DAYASOS", "SET-ITJEN")

MAIN = date(2022, 11, 15)
MAIN_TITLE = (
    "Rapat Implementasi Renaksi SP4N-LAPOR! Tahun 2021-2024 dan Tindak Lanjut Monev "
    "Pengelolaan SP4N-LAPOR! Tahun 2021"
)
MAIN_VENUE = "Ruang Rapat Lantai 2 Sentra Handayani, Jl. P.P.A No. 1, Bambu Apus, Jakarta Timur"
#: The six units of DOMAIN.md §2 and how many of the 20 attendees each sent.
MAIN_UNITS: tuple[tuple[str, int], ...] = (
    ("BIRO-HUKUM", 3),
    ("BIRO-OSDM", 3),
    ("SETDITJEN-DAYASOS", 4),
    ("SET-ITJEN", 3),
    ("SETDITJEN-LINJAMSOS", 4),
    ("PUSDATIN", 3),
)
KEMENPAN_RB = "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi (KemenPAN-RB)"
NARASUMBER_REMARKS = (
    "1. Secara nasional penanganan pengaduan Kementerian Sosial sudah sangat baik, namun "
    "rata-rata waktu tindak lanjut unit kerja selain Biro Humas perlu mendapat perhatian.\n"
    "2. Topik mendesak yang harus diselesaikan paling cepat agar dicantumkan dalam SOP "
    "penanganan pengaduan.\n"
    "3. Gunakan prefiks dan subdomain agar pengaduan langsung masuk ke admin Kementerian Sosial.\n"
    "4. Libatkan APIP (Inspektorat Jenderal) sebagai pengawas internal penanganan pengaduan."
)

#: The five Renaksi 2021-2024 items the 15 November meeting fulfilled (DOMAIN.md §2).
RENAKSI: tuple[tuple[str, str, str, int], ...] = (
    ("Revisi Keputusan Sekretaris Jenderal Nomor 2/HUK/2019 tanggal 13 September 2019 tentang "
     "Tim Koordinasi Pengelola Aplikasi LAPOR!", "Keputusan Sekretaris Jenderal hasil revisi",
     "BIRO-HUKUM", 50),
    ("Penyusunan proses bisnis penanganan pengaduan", "Dokumen proses bisnis",
     "BIRO-OSDM", 60),
    ("Penyusunan SOP penanganan pengaduan masyarakat", "SOP penanganan pengaduan",
     "BIRO-OSDM", 40),
    ("Penyampaian analisa/notula rapat koordinasi tindak lanjut pengaduan kepada pimpinan",
     "Nota dinas beserta analisa dan notula", "BIRO-HUMAS", 50),
    ("Pelaksanaan rapat koordinasi tindak lanjut pengaduan dengan unit kerja yang diadukan",
     "Notula dan daftar hadir rapat koordinasi", "BIRO-HUMAS", 75),
)

COMPLAINT_DECISIONS = {
    AgendaReason.URGENT: "Topik mendesak: unit diminta memprioritaskan penyelesaian dan "
    "melaporkan hasilnya kepada Biro Humas.",
    AgendaReason.OVERDUE: "Unit diminta menyampaikan tanggapan kepada pelapor melalui "
    "SP4N-LAPOR! dan menuntaskan tindak lanjutnya.",
    AgendaReason.DUE_BEFORE_MEETING: "Unit diminta menyelesaikan tindak lanjut sebelum batas "
    "waktu.",
}

#: What the meeting agreed on the speaker's points: (action, owner unit, working days).
SPEAKER_ACTIONS: tuple[tuple[str, str, int], ...] = (
    ("Mencantumkan topik mendesak beserta batas waktu penyelesaiannya dalam SOP penanganan "
     "pengaduan.", "BIRO-OSDM", 20),
    ("Mengusulkan prefiks dan subdomain agar pengaduan langsung masuk ke admin Kementerian "
     "Sosial.", "PUSDATIN", 15),
    ("Menyusun mekanisme keterlibatan APIP dalam pengawasan penanganan pengaduan.",
     "SET-ITJEN", 15),
)
#: Drafts the meeting asked for, by Renaksi number.
RENAKSI_DRAFTS: dict[int, tuple[str, str, int]] = {
    1: ("Menyampaikan draf revisi Keputusan Sekretaris Jenderal Nomor 2/HUK/2019 kepada Biro "
        "Humas.", "BIRO-HUKUM", 20),
    2: ("Menyampaikan draf proses bisnis penanganan pengaduan.", "BIRO-OSDM", 20),
    3: ("Menyampaikan draf SOP penanganan pengaduan.", "BIRO-OSDM", 25),
}
