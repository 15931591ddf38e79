"""Master data and weights of the Kemensos 2022 demo scenario (DOMAIN.md §2, §6). Synthetic."""

from __future__ import annotations

from dataclasses import dataclass

from lapor_desk.domain.enums import UnitKind


@dataclass(frozen=True, slots=True)
class DemoUnit:
    """A unit of the demo tree; ``parent`` is the parent's abbreviation."""

    abbreviation: str
    name: str
    kind: UnitKind
    parent: str | None
    # Mean and spread of the unit's first-response delay, in working days.
    response_mean: float = 6.0
    response_spread: float = 3.0


K = UnitKind
UNITS: tuple[DemoUnit, ...] = (
    DemoUnit("KEMENSOS", "Kementerian Sosial", K.KEMENTERIAN, None),
    DemoUnit("SETJEN", "Sekretariat Jenderal", K.ESELON_I, "KEMENSOS"),
    DemoUnit("BIRO-HUMAS", "Biro Hubungan Masyarakat", K.ESELON_II, "SETJEN", 1.0, 1.0),
    DemoUnit("BIRO-HUKUM", "Biro Hukum", K.ESELON_II, "SETJEN", 5.0, 2.5),
    DemoUnit("BIRO-OSDM", "Biro Organisasi dan Sumber Daya Manusia", K.ESELON_II, "SETJEN",
             5.5, 2.5),
    DemoUnit("BIRO-REN", "Biro Perencanaan", K.ESELON_II, "SETJEN"),
    DemoUnit("BIRO-KEU", "Biro Keuangan", K.ESELON_II, "SETJEN"),
    DemoUnit("BIRO-UMUM", "Biro Umum", K.ESELON_II, "SETJEN"),
    DemoUnit("PUSDATIN", "Pusat Data dan Informasi Kesejahteraan Sosial", K.ESELON_II,
             "SETJEN", 6.5, 3.5),
    DemoUnit("DITJEN-LINJAMSOS", "Direktorat Jenderal Perlindungan dan Jaminan Sosial",
             K.ESELON_I, "KEMENSOS"),
    DemoUnit("SETDITJEN-LINJAMSOS", "Sekretariat Direktorat Jenderal Perlindungan dan Jaminan "
             "Sosial", K.ESELON_II, "DITJEN-LINJAMSOS", 7.0, 4.0),
    DemoUnit("DIT-JSK", "Direktorat Jaminan Sosial Keluarga", K.ESELON_II, "DITJEN-LINJAMSOS"),
    DemoUnit("DIT-PSKBA", "Direktorat Perlindungan Sosial Korban Bencana Alam", K.ESELON_II,
             "DITJEN-LINJAMSOS"),
    DemoUnit("DITJEN-REHSOS", "Direktorat Jenderal Rehabilitasi Sosial", K.ESELON_I,
             "KEMENSOS"),
    DemoUnit("SETDITJEN-REHSOS", "Sekretariat Direktorat Jenderal Rehabilitasi Sosial",
             K.ESELON_II, "DITJEN-REHSOS", 5.0, 3.0),
    DemoUnit("SENTRA-HANDAYANI", "Sentra Handayani Jakarta", K.SENTRA, "DITJEN-REHSOS"),
    DemoUnit("SENTRA-MULYA-JAYA", "Sentra Mulya Jaya Jakarta", K.SENTRA, "DITJEN-REHSOS"),
    DemoUnit("DITJEN-DAYASOS", "Direktorat Jenderal Pemberdayaan Sosial", K.ESELON_I,
             "KEMENSOS"),
    DemoUnit("SETDITJEN-DAYASOS", "Sekretariat Direktorat Jenderal Pemberdayaan Sosial",
             K.ESELON_II, "DITJEN-DAYASOS", 7.5, 4.0),
    DemoUnit("DIT-PKAT", "Direktorat Pemberdayaan Komunitas Adat Terpencil", K.ESELON_II,
             "DITJEN-DAYASOS"),
    DemoUnit("ITJEN", "Inspektorat Jenderal", K.ESELON_I, "KEMENSOS"),
    DemoUnit("SET-ITJEN", "Sekretariat Inspektorat Jenderal", K.ESELON_II, "ITJEN", 8.0, 4.0),
)


@dataclass(frozen=True, slots=True)
class DemoTopic:
    """A topic of the demo: weight among complaints, units it goes to, portal category."""

    code: str
    name: str
    weight: int
    units: tuple[tuple[str, int], ...]  # (unit abbreviation, weight)
    category: tuple[int, str] | None
    keywords: str
    urgent: bool = False
    berkadar_share: float = 0.05
    info_share: float = 0.1


TOPICS: tuple[DemoTopic, ...] = (
    DemoTopic("DTKS", "Data Terpadu Kesejahteraan Sosial (DTKS)", 27,
              (("PUSDATIN", 9), ("BIRO-HUMAS", 1)),
              (1448, "Data Terpadu Kesejahteraan Sosial (DTKS)"), "dtks,data terpadu,musdes"),
    DemoTopic("PKH", "Program Keluarga Harapan (PKH)", 20,
              (("SETDITJEN-LINJAMSOS", 9), ("BIRO-HUMAS", 1)),
              (1443, "PKH Program Keluarga Harapan"), "pkh,keluarga harapan"),
    DemoTopic("BPNT", "Bantuan Pangan Non Tunai (BPNT)", 17,
              (("SETDITJEN-DAYASOS", 9), ("BIRO-HUMAS", 1)),
              (1444, "Bantuan Pangan Non Tunan (BPNT)"), "bpnt,sembako,e-warong"),
    DemoTopic("BST", "Bantuan Sosial Tunai (BST)", 6, (("SETDITJEN-LINJAMSOS", 1),),
              (1665, "Bantuan Sosial Tunai (BST)"), "bst,bantuan sosial tunai"),
    DemoTopic("PBI-JK", "Penerima Bantuan Iuran Jaminan Kesehatan (PBI-JK)", 7,
              (("PUSDATIN", 1),), None, "pbi,bpjs kesehatan,kis"),
    DemoTopic("KKS", "Kartu Keluarga Sejahtera (KKS)", 4, (("SETDITJEN-DAYASOS", 1),),
              (1442, "Kartu Keluarga Sejahtera (KKS)"), "kks,kartu keluarga sejahtera"),
    DemoTopic("ATENSI", "Rehabilitasi Sosial (ATENSI)", 4, (("SETDITJEN-REHSOS", 1),), None,
              "atensi,rehabilitasi,lansia,disabilitas,terlantar"),
    DemoTopic("BENCANA", "Bantuan Korban Bencana", 2, (("SETDITJEN-LINJAMSOS", 1),), None,
              "bencana,banjir,gempa,longsor", urgent=True),
    DemoTopic("PEMBERDAYAAN", "Pemberdayaan Sosial (KUBE, KAT)", 2,
              (("SETDITJEN-DAYASOS", 1),), None, "kube,komunitas adat,kat"),
    DemoTopic("PENDAMPING", "Pendamping Sosial (Pendamping PKH, TKSK)", 3,
              (("SETDITJEN-LINJAMSOS", 2), ("BIRO-OSDM", 1)), None,
              "pendamping,tksk,rekrutmen"),
    DemoTopic("PUNGLI", "Pungutan Liar dan Penyalahgunaan Bantuan", 2, (("SET-ITJEN", 1),),
              None, "pungli,potongan,dipotong,oknum", urgent=True, berkadar_share=0.9),
    DemoTopic("CEK-BANSOS", "Aplikasi Cek Bansos", 3, (("PUSDATIN", 1),),
              (957, "Bantuan Sosial"), "cek bansos,aplikasi,usul sanggah"),
    DemoTopic("BUKAN-KEWENANGAN", "Bukan Kewenangan Kementerian Sosial", 2,
              (("BIRO-HUMAS", 1),), (958, "Lainnya terkait Sosial dan Kesejahteraan"),
              "ktp,kip,bpjs ketenagakerjaan,adminduk"),
    DemoTopic("INFORMASI", "Permintaan Informasi dan Regulasi", 2,
              (("BIRO-HUMAS", 3), ("BIRO-HUKUM", 2)),
              (1454, "Lainnya terkait Bantuan Sosial"), "informasi,cara mendaftar,regulasi",
              info_share=0.8),
)

CHANNELS: tuple[tuple[str, int], ...] = (
    ("Website", 34), ("Android", 24), ("Website - kementerian-sosial", 9), ("ios", 5),
    ("SMS (1708)", 6), ("Whatsapp", 5), ("Instagram", 3), ("Email Instansi", 3),
    ("Call Center", 3), ("Tatap Muka", 2), ("Pos Surat", 2), ("Hotline Service", 1),
    ("Facebook", 1), ("Website Institusi", 1),
)

FIRST_RESPONSES: tuple[str, ...] = (
    "Terima kasih atas laporan Saudara. Laporan telah kami teruskan kepada {unit} dan Dinas "
    "Sosial {city} untuk dilakukan verifikasi dan validasi data.",
    "Laporan Saudara sedang kami tindak lanjuti bersama Dinas Sosial {city}. Mohon kesediaan "
    "Saudara menunggu hasil pengecekan lapangan.",
    "Laporan telah diterima oleh {unit}. Kami sedang melakukan pengecekan data penerima pada "
    "sistem dan berkoordinasi dengan pendamping setempat.",
)
COMPLETIONS: tuple[str, ...] = (
    "Berdasarkan hasil verifikasi bersama Dinas Sosial {city}, permasalahan telah ditangani "
    "dan data telah diperbaiki. Laporan kami nyatakan selesai.",
    "Hasil pengecekan: bantuan telah disalurkan kembali melalui bank penyalur. Apabila masih "
    "terdapat kendala, Saudara dapat menghubungi Dinas Sosial {city}.",
    "Pelapor telah diusulkan kembali melalui musyawarah desa/kelurahan dan akan diproses pada "
    "penetapan data bulan berikutnya. Laporan selesai.",
    "Informasi telah disampaikan kepada pelapor sesuai ketentuan yang berlaku. Laporan "
    "dinyatakan selesai.",
)
ARCHIVE_REASONS: tuple[str, ...] = (
    "Laporan tidak lengkap dan pelapor tidak melengkapi informasi",
    "Laporan duplikat dengan laporan sebelumnya",
    "Bukan kewenangan Kementerian Sosial",
)
