"""Synthetic portal exports, written by the tests at run time (never a real export: names, NIKs
and texts are made up). Both "Laporan Ringkas" layouts, CSV variants, ODS, the open-data schema,
and every kind of broken file the importer must refuse.
"""

from __future__ import annotations

import csv
import io
import random
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from sqlalchemy import Engine, select

from lapor_desk.models import Base
from lapor_desk.services import demo_texts

PORTAL_HEADERS: tuple[str, ...] = (
    "Tracking ID", "Tanggal Laporan Masuk", "Waktu Laporan Masuk", "Klasifikasi Laporan",
    "ID Kategori", "Kategori", "Judul Laporan", "Isi Laporan Awal", "Isi Laporan Akhir",
    "Tipe Laporan (Anonim/Rahasia)", "Sumber Laporan", "Instansi Induk", "Instansi Terdisposisi",
    "ID Instansi Terdisposisi", "Status Laporan", "Alasan Tunda/Arsip", "Provinsi",
    "Kota/Kabupaten", "Kecamatan", "Kelurahan",
)
LEGACY_HEADERS: tuple[str, ...] = (
    "TrackingID", "JudulLaporan", "IsiLaporan", "Kategori", "KategoriID", "DisposisiInstansi",
    "Area", "Status", "TanggalLaporanMasuk", "TanggalDisposisi", "TanggalLaporanDitutup",
)
METADATA: tuple[tuple[str, str], ...] = (
    ("Judul Laporan", "Laporan Ringkas"),
    ("Nama Instansi", "Kementerian Sosial"),
    ("Tanggal Generate", "2022-11-01 08:15:00"),
    ("Periode Masuk", "(2022-01-01) - (2022-10-31)"),
    ("Pengelola", "Biro Hubungan Masyarakat"),
)
CATEGORIES: tuple[tuple[int, str, str], ...] = (
    (1448, "Data Terpadu Kesejahteraan Sosial (DTKS)", "DTKS"),
    (1443, "PKH Program Keluarga Harapan", "PKH"),
    (1444, "Bantuan Pangan Non Tunan (BPNT)", "BPNT"),
    (1665, "Bantuan Sosial Tunai (BST)", "BST"),
    (1442, "Kartu Keluarga Sejahtera (KKS)", "KKS"),
    (957, "Bantuan Sosial", "CEK-BANSOS"),
)
PORTAL_STATUSES: tuple[tuple[str, int], ...] = (
    ("Belum Terverifikasi", 10), ("Terverifikasi", 30), ("Menunggu Kelengkapan Informasi", 3),
    ("Konten Terblokir", 1), ("Ditutup oleh Sistem", 10), ("Ditutup oleh Admin", 25),
    ("Ditutup oleh Pelapor", 5), ("Diarsipkan oleh Admin", 3), ("Diarsipkan oleh Sistem", 1),
    ("Diarsipkan oleh Pelapor", 1),
)
KLASIFIKASI = (
    "Pengaduan Berkadar Pengawasan", "Pengaduan Tidak Berkadar Pengawasan",
    "Permintaan Informasi", "Aspirasi", "",
)
CHANNELS = ("Website", "Android", "Website - kementerian-sosial", "ios", "SMS (1708)",
            "Whatsapp", "Email Instansi")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS_ID = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
MONTHS_ID_LONG = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                  "September", "Oktober", "November", "Desember")

Row = dict[str, object]


def portal_date(day: date, indonesian: bool = False) -> str:
    """``29 May 2023`` or ``06 Agu 2023``, as the portal writes it."""
    months = MONTHS_ID if indonesian else MONTHS_EN
    return f"{day.day:02d} {months[day.month - 1]} {day.year}"


def portal_rows(
    count: int,
    *,
    seed: int = 3,
    first_id: int = 5_216_807,
    start: date = date(2022, 1, 3),
    end: date = date(2022, 10, 31),
) -> list[Row]:
    """``count`` synthetic complaints as the portal exports them (values as typed there)."""
    rng = random.Random(seed)
    days = (end - start).days
    rows: list[Row] = []
    for index in range(count):
        category_id, category, topic_code = rng.choice(CATEGORIES)
        province, cities = rng.choice(demo_texts.REGIONS)
        city = rng.choice(cities)
        day = start + timedelta(days=rng.randrange(days + 1))
        text = demo_texts.compose(rng, topic_code, province=province, city=city,
                                  month_name_id=MONTHS_ID_LONG[day.month - 1])
        status = rng.choices([s for s, _w in PORTAL_STATUSES],
                             [w for _s, w in PORTAL_STATUSES])[0]
        privacy = rng.choice(("", "", "", "Anonim", "Rahasia", "Anonim|Rahasia"))
        at = time(rng.randrange(24), rng.randrange(60), rng.randrange(60))
        rows.append({
            "_received": datetime.combine(day, at),
            "Tracking ID": first_id + index,
            "Tanggal Laporan Masuk": portal_date(day, indonesian=index % 3 == 0),
            "Waktu Laporan Masuk": at.isoformat(),
            "Klasifikasi Laporan": rng.choice(KLASIFIKASI),
            "ID Kategori": category_id,
            "Kategori": category,
            "Judul Laporan": text.title,
            "Isi Laporan Awal": text.text_original,
            "Isi Laporan Akhir": text.text_edited,
            "Tipe Laporan (Anonim/Rahasia)": privacy,
            "Sumber Laporan": rng.choice(CHANNELS),
            "Instansi Induk": "Kementerian Sosial",
            "Instansi Terdisposisi": "Kementerian Sosial",
            "ID Instansi Terdisposisi": 140,
            "Status Laporan": status,
            "Alasan Tunda/Arsip": ("Laporan tidak dapat ditindaklanjuti: identitas kurang"
                                   if status.startswith(("Diarsipkan", "Menunggu")) else ""),
            "Provinsi": province,
            "Kota/Kabupaten": city,
            "Kecamatan": f"Kecamatan Contoh {rng.randrange(1, 30)}",
            "Kelurahan": f"Kelurahan Contoh {rng.randrange(1, 60)}",
        })
    return rows


def _values(rows: Iterable[Mapping[str, object]], headers: Sequence[str]) -> Iterable[list[object]]:
    for row in rows:
        yield [row.get(h) for h in headers]


def write_xlsx(
    path: Path,
    rows: Iterable[Mapping[str, object]],
    headers: Sequence[str] = PORTAL_HEADERS,
    *,
    metadata: bool = True,
    sheet: str = "Laporan Ringkas",
    leading_sheets: Sequence[str] = (),
) -> Path:
    """A "Laporan Ringkas" workbook: metadata block on top (rows 1-10) or header in row 1."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for name in leading_sheets:
        workbook.create_sheet(name).append(["Catatan", "bukan data"])
    worksheet = workbook.create_sheet(sheet)
    if metadata:
        for label, value in METADATA:
            worksheet.append([label, None, value])
        for _blank in range(10 - len(METADATA)):
            worksheet.append([])
    worksheet.append(list(headers))
    for values in _values(rows, headers):
        worksheet.append(values)
    workbook.save(path)
    return path


def write_csv(
    path: Path,
    rows: Iterable[Mapping[str, object]],
    headers: Sequence[str] = PORTAL_HEADERS,
    *,
    encoding: str = "utf-8-sig",
    delimiter: str = ";",
) -> Path:
    """A CSV export: UTF-8 with or without BOM, cp1252; comma, semicolon or tab."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    for values in _values(rows, headers):
        writer.writerow(["" if v is None else v for v in values])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def _ods_cell(value: object) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>")
    lines = "".join(f"<text:p>{escape(line)}</text:p>" for line in str(value).split("\n"))
    return f'<table:table-cell office:value-type="string">{lines}</table:table-cell>'


def write_ods(path: Path, rows: Iterable[Mapping[str, object]],
              headers: Sequence[str] = PORTAL_HEADERS) -> Path:
    """An OpenDocument spreadsheet, written by hand (header in row 1)."""
    body = ["<table:table-row>" + "".join(_ods_cell(h) for h in headers) + "</table:table-row>"]
    body += ["<table:table-row>" + "".join(_ods_cell(v) for v in values) + "</table:table-row>"
             for values in _values(rows, headers)]
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Laporan Ringkas">'
        + "".join(body)
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"),
                         "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def legacy_rows(rows: Iterable[Mapping[str, object]]) -> list[Row]:
    """The same complaints in the older open-data schema (Status: Belum/Proses/Selesai)."""
    result: list[Row] = []
    for row in rows:
        status = str(row["Status Laporan"])
        legacy = ("Selesai" if status.startswith("Ditutup")
                  else "Belum" if status == "Belum Terverifikasi" else "Proses")
        received = row["_received"]
        assert isinstance(received, datetime)
        result.append({
            "TrackingID": str(row["Tracking ID"]),
            "JudulLaporan": row["Judul Laporan"],
            "IsiLaporan": row["Isi Laporan Awal"],
            "Kategori": row["Kategori"],
            "KategoriID": row["ID Kategori"],
            "DisposisiInstansi": row["Instansi Terdisposisi"],
            "Area": row["Provinsi"],
            "Status": legacy,
            "TanggalLaporanMasuk": received.isoformat(sep=" "),
            "TanggalDisposisi": "",
            "TanggalLaporanDitutup": "",
        })
    return result


# -- broken files ---------------------------------------------------------------------------------


def write_not_spreadsheet(path: Path) -> Path:
    """A PNG picture, renamed to .xlsx."""
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    return path


def write_truncated(path: Path, source: Path) -> Path:
    """The first half of a valid workbook (a download cut off)."""
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def write_corrupt(path: Path, source: Path) -> Path:
    """A valid workbook with bytes overwritten inside the compressed sheet data."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 20, start + min(info.compress_size, 400), 7):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))
    return path


def write_zip_bomb(path: Path, megabytes: int = 64) -> Path:
    """Looks like an xlsx; its sheet inflates from a few KB to ``megabytes`` MB of spaces."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            member.write(b'<?xml version="1.0"?><worksheet><sheetData>')
            block = b" " * (1024 * 1024)
            for _mb in range(megabytes):
                member.write(block)
            member.write(b"</sheetData></worksheet>")
    return path


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n <!ENTITY xxe "x">\n'
    b' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
    b' <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n]>\n'
)
EXTERNAL_ENTITY = (
    b'<?xml version="1.0"?>\n<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">\n'
    b' <!ENTITY lol3 "x">]>\n'
)


def write_xml_trick(path: Path, source: Path, member: str, prolog: bytes) -> Path:
    """A copy of ``source`` whose ``member`` starts with a DTD (entity expansion, XXE)."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w",
                                                              zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == member:
                body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
                data = prolog + body.replace(b"<t>", b"<t>&lol3;&xxe;", 1)
            copy.writestr(info, data)
    return path


def nik_like(rng: random.Random) -> str:
    """A synthetic 16-digit NIK with a possible birth date (not a real person's)."""
    birth = date(1960, 1, 1) + timedelta(days=rng.randrange(365 * 40))
    day = birth.day + (40 if rng.random() < 0.5 else 0)
    return f"3171{rng.randrange(10, 99)}{day:02d}{birth:%m%y}{rng.randrange(1, 9999):04d}"


def with_time(day: date, at: time) -> datetime:
    return datetime.combine(day, at)


def register_snapshot(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every mapped table, to prove that a failed import wrote nothing."""
    snapshot: dict[str, list[tuple[object, ...]]] = {}
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            rows = connection.execute(select(table)).all()
            snapshot[table.name] = sorted((tuple(r) for r in rows), key=repr)
    return snapshot


def write_xls(path: Path, rows: Iterable[Mapping[str, object]],
              headers: Sequence[str] = PORTAL_HEADERS) -> Path:
    """A legacy Excel 97-2003 workbook (header in row 1), as older exports were saved."""
    import xlwt  # type: ignore[import-untyped]

    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("Laporan Ringkas")
    dated = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for column, header in enumerate(headers):
        sheet.write(0, column, header)
    for number, values in enumerate(_values(rows, headers), start=1):
        for column, value in enumerate(values):
            if isinstance(value, date):
                sheet.write(number, column, value, dated)
            elif value is not None:
                sheet.write(number, column, value)
    workbook.save(str(path))
    return path
