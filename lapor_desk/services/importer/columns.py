"""Matching a file's headers to register fields: by name with aliases, never by position.

The aliases cover the portal's "Laporan Ringkas" export, the older open-data schema and LAPOR
Desk's own export; a user's import profile (header → field) is consulted first and may also map a
header to nothing (``""``) to ignore it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from lapor_desk.domain.errors import ImportFileError, ValidationError
from lapor_desk.domain.portal_values import Cell, canonical_header, cell_text, is_blank
from lapor_desk.i18n import _


class Field(StrEnum):
    """A register field an import column can fill."""

    TRACKING_ID = "tracking_id"
    RECEIVED_DATE = "received_date"
    RECEIVED_TIME = "received_time"
    KLASIFIKASI = "klasifikasi"
    CATEGORY_ID = "category_id"
    CATEGORY_NAME = "category_name"
    TITLE = "title"
    TEXT_ORIGINAL = "text_original"
    TEXT_EDITED = "text_edited"
    PRIVACY = "privacy"
    CHANNEL = "channel"
    PARENT_INSTITUTION = "parent_institution"
    DISPOSED_INSTITUTION = "disposed_institution"
    PORTAL_STATUS = "portal_status"
    STATUS_REASON = "status_reason"
    PROVINCE = "province"
    CITY = "city"
    DISTRICT = "district"
    VILLAGE = "village"
    REPORTER_NAME = "reporter_name"
    REPORTER_NIK = "reporter_nik"
    REPORTER_PHONE = "reporter_phone"
    REPORTER_EMAIL = "reporter_email"
    RATING = "rating"
    VERIFIED_DATE = "verified_date"
    COMPLETED_DATE = "completed_date"
    # Written by LAPOR Desk's own export; used for complaints new to the register only.
    INTERNAL_STATUS = "internal_status"
    URGENT = "urgent"
    URGENT_REASON = "urgent_reason"
    #: Known columns with nothing to fill (ids of the portal, names derived here).
    KNOWN_UNUSED = "known_unused"


REQUIRED = (Field.TRACKING_ID, Field.RECEIVED_DATE)

#: Header spellings seen in the portal's exports, the open-data schema and our own export.
ALIASES: dict[Field, tuple[str, ...]] = {
    Field.TRACKING_ID: ("Tracking ID", "TrackingID", "No Tracking", "Nomor Tracking"),
    Field.RECEIVED_DATE: (
        "Tanggal Laporan Masuk", "TanggalLaporanMasuk", "Tanggal Masuk", "Tanggal Laporan",
    ),
    Field.RECEIVED_TIME: ("Waktu Laporan Masuk", "WaktuLaporanMasuk", "Jam Laporan Masuk"),
    Field.KLASIFIKASI: ("Klasifikasi Laporan", "Klasifikasi"),
    Field.CATEGORY_ID: ("ID Kategori", "KategoriID", "Kategori ID"),
    Field.CATEGORY_NAME: ("Kategori", "Nama Kategori"),
    Field.TITLE: ("Judul Laporan", "JudulLaporan", "Judul"),
    Field.TEXT_ORIGINAL: ("Isi Laporan Awal", "IsiLaporan", "Isi Laporan"),
    Field.TEXT_EDITED: ("Isi Laporan Akhir",),
    Field.PRIVACY: ("Tipe Laporan (Anonim/Rahasia)", "Tipe Laporan", "Anonim/Rahasia"),
    Field.CHANNEL: ("Sumber Laporan", "SumberLaporan", "Sumber", "Kanal"),
    Field.PARENT_INSTITUTION: ("Instansi Induk",),
    Field.DISPOSED_INSTITUTION: ("Instansi Terdisposisi", "DisposisiInstansi"),
    Field.PORTAL_STATUS: ("Status Laporan", "Status"),
    Field.STATUS_REASON: ("Alasan Tunda/Arsip", "Alasan Tunda", "Alasan Arsip"),
    Field.PROVINCE: ("Provinsi", "Area"),
    Field.CITY: ("Kota/Kabupaten", "Kabupaten/Kota", "Kota"),
    Field.DISTRICT: ("Kecamatan",),
    Field.VILLAGE: ("Kelurahan", "Kelurahan/Desa", "Desa/Kelurahan"),
    Field.REPORTER_NAME: ("Nama Pelapor",),
    Field.REPORTER_NIK: ("NIK Pelapor", "NIK"),
    Field.REPORTER_PHONE: ("Telepon Pelapor", "No HP Pelapor", "Nomor Telepon"),
    Field.REPORTER_EMAIL: ("Email Pelapor", "E-mail Pelapor"),
    Field.RATING: ("Rating",),
    Field.VERIFIED_DATE: ("Tanggal Verifikasi", "TanggalDisposisi"),
    Field.COMPLETED_DATE: ("Tanggal Selesai", "TanggalLaporanDitutup"),
    Field.INTERNAL_STATUS: ("Status Internal",),
    Field.URGENT: ("Mendesak",),
    Field.URGENT_REASON: ("Alasan Mendesak",),
    Field.KNOWN_UNUSED: ("ID Instansi Terdisposisi", "Topik", "Unit Utama"),
}

_BY_HEADER: dict[str, Field] = {
    canonical_header(alias): field for field, aliases in ALIASES.items() for alias in aliases
}


def field_lookup(profile: Mapping[str, str] | None) -> dict[str, Field | None]:
    """Canonical header → field (``None``: ignore it), the profile's entries before the aliases."""
    lookup: dict[str, Field | None] = dict(_BY_HEADER)
    for header, name in (profile or {}).items():
        lookup[canonical_header(header)] = Field(name) if name else None
    return lookup


def check_profile(columns: Mapping[str, str]) -> dict[str, str]:
    """A profile's mapping with every field name checked; header text kept as typed."""
    checked: dict[str, str] = {}
    valid = {f.value for f in Field}
    for header, name in columns.items():
        if not canonical_header(header):
            raise ValidationError("columns", _("A column name in the profile is empty."))
        if name and name not in valid:
            raise ValidationError(
                "columns",
                _("Unknown register field “{field}” in the import profile.").format(field=name),
            )
        checked[header.strip()] = name
    return checked


def header_matcher(lookup: Mapping[str, Field | None]) -> Callable[[Cell], bool]:
    """A predicate recognising the tracking-id header cell."""

    def is_header_cell(cell: Cell) -> bool:
        return isinstance(cell, str) and lookup.get(canonical_header(cell)) is Field.TRACKING_ID

    return is_header_cell


@dataclass(frozen=True, slots=True)
class Column:
    """A column of the file that fills ``field``; ``header`` as the file spells it."""

    index: int
    header: str
    field: Field


@dataclass(frozen=True, slots=True)
class HeaderMap:
    """The columns used, the headers ignored, and the warnings matching produced."""

    columns: tuple[Column, ...]
    unknown: tuple[str, ...]
    duplicates: tuple[str, ...]

    def has(self, field: Field) -> bool:
        """True when a column fills ``field``."""
        return any(c.field is field for c in self.columns)

    def header_of(self, field: Field) -> str:
        """The file's header of ``field`` (the field name if the file has no such column)."""
        return next((c.header for c in self.columns if c.field is field), field.value)


def map_header(row: Sequence[Cell], lookup: Mapping[str, Field | None]) -> HeaderMap:
    """Match a header row; ``ImportFileError`` when a required column is missing."""
    columns: list[Column] = []
    unknown: list[str] = []
    duplicates: list[str] = []
    taken: set[Field] = set()
    for index, cell in enumerate(row):
        if is_blank(cell):
            continue
        header = cell_text(cell).strip()
        key = canonical_header(header)
        if key not in lookup:
            unknown.append(header)
            continue
        field = lookup[key]
        if field is None or field is Field.KNOWN_UNUSED:
            continue
        if field in taken:
            duplicates.append(header)
            continue
        taken.add(field)
        columns.append(Column(index, header, field))
    missing = [f for f in REQUIRED if f not in taken]
    if missing:
        names = ", ".join(ALIASES[f][0] for f in missing)
        raise ImportFileError(
            _("Required column missing: {columns}. Columns are matched by their header "
              "name; check the header row or the import profile.").format(columns=names)
        )
    return HeaderMap(tuple(columns), tuple(unknown), tuple(duplicates))


def metadata_block(rows: Sequence[Sequence[Cell]]) -> dict[str, str]:
    """The rows above the header: a label (column A) and its value (the next filled cell)."""
    block: dict[str, str] = {}
    for row in rows:
        filled = [cell for cell in row if not is_blank(cell)]
        if len(filled) >= 2:
            label = cell_text(filled[0]).strip().rstrip(":").strip()
            block.setdefault(label, cell_text(filled[1]).strip())
        elif len(filled) == 1:
            block.setdefault(cell_text(filled[0]).strip(), "")
    return block


#: Metadata labels of the portal's export and the batch column each one fills.
METADATA_FIELDS = {
    "namainstansi": "institution",
    "tanggalgenerate": "generated_on",
    "periodemasuk": "period",
}
