"""``ExportService``: the register, or a filtered part of it, as xlsx or CSV (also for re-import).

Every column is written, texts in full; the headers are the portal's own names (plus LAPOR
Desk's columns), fixed in Indonesian whatever the UI language, so an export imports back into
an empty register as the same complaints. Formula injection is neutralised: in xlsx a text cell
stays text (typed as a string and marked with Excel's quote prefix, the value unchanged); in CSV
a text starting with ``= + - @``, tab, CR or NUL gets a leading apostrophe, which the importer
removes again from LAPOR Desk's own CSV. The CSV has a BOM and ``;`` for Indonesian Excel.
"""

from __future__ import annotations

import contextlib
import csv
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, sessionmaker

from lapor_desk.domain.enums import InternalStatus
from lapor_desk.domain.errors import LaporError, NotFound
from lapor_desk.domain.portal_values import (
    FORMULA_TRIGGERS,
    STATUS_NAMES,
    neutralise_formula,
    privacy_text,
    strip_control,
)
from lapor_desk.i18n import _
from lapor_desk.models import Complaint, Disposition, Topic, Unit


class ExportFormat(StrEnum):
    """The file types the register can be exported to."""

    XLSX = "xlsx"
    CSV = "csv"

    @classmethod
    def from_path(cls, path: Path) -> ExportFormat:
        """The format a file name's extension asks for."""
        try:
            return cls(path.suffix.lower().lstrip("."))
        except ValueError:
            raise LaporError(
                _("Choose the export format (xlsx or csv) or give the file such an extension.")
            ) from None


@dataclass(frozen=True, slots=True)
class ExportFilter:
    """Which complaints to export; empty fields do not filter."""

    statuses: frozenset[InternalStatus] = field(default_factory=frozenset)
    #: Abbreviations of units the complaint is (still) disposed to.
    units: tuple[str, ...] = ()
    received_from: date | None = None
    received_to: date | None = None


@dataclass(frozen=True, slots=True)
class ExportResult:
    """The written file and how many complaints it holds."""

    path: Path
    format: ExportFormat
    rows: int


_Getter = Callable[[Any], object]


def _date(value: datetime | None) -> date | None:
    return value.date() if value else None


def _time(value: datetime | None) -> time | None:
    return value.time() if value else None


#: (header, value of a result row); dates stay dates, the writer formats them.
COLUMNS: tuple[tuple[str, _Getter], ...] = (
    ("Tracking ID", lambda r: r.tracking_id),
    ("Tanggal Laporan Masuk", lambda r: _date(r.received_at)),
    ("Waktu Laporan Masuk", lambda r: _time(r.received_at)),
    ("Klasifikasi Laporan", lambda r: r.klasifikasi),
    ("ID Kategori", lambda r: r.portal_category_id),
    ("Kategori", lambda r: r.portal_category_name),
    ("Topik", lambda r: r.topic),
    ("Judul Laporan", lambda r: r.title),
    ("Isi Laporan Awal", lambda r: r.text_original),
    ("Isi Laporan Akhir", lambda r: r.text_edited),
    ("Tipe Laporan (Anonim/Rahasia)", lambda r: privacy_text(r.anonim, r.rahasia)),
    ("Sumber Laporan", lambda r: r.channel),
    ("Instansi Induk", lambda r: r.parent_institution),
    ("Instansi Terdisposisi", lambda r: r.disposed_institution),
    ("Status Laporan", lambda r: r.portal_status),
    ("Status Internal", lambda r: STATUS_NAMES[InternalStatus(r.status)]),
    ("Alasan Tunda/Arsip", lambda r: r.status_reason),
    ("Provinsi", lambda r: r.province),
    ("Kota/Kabupaten", lambda r: r.city),
    ("Kecamatan", lambda r: r.district),
    ("Kelurahan", lambda r: r.village),
    ("Nama Pelapor", lambda r: r.reporter_name),
    ("NIK Pelapor", lambda r: r.reporter_nik),
    ("Telepon Pelapor", lambda r: r.reporter_phone),
    ("Email Pelapor", lambda r: r.reporter_email),
    ("Rating", lambda r: r.rating),
    ("Mendesak", lambda r: "Ya" if r.urgent else "Tidak"),
    ("Alasan Mendesak", lambda r: r.urgent_reason),
    ("Unit Utama", lambda r: r.lead_unit),
    ("Tanggal Verifikasi", lambda r: r.verified_at),
    ("Tanggal Selesai", lambda r: r.completed_at),
)
HEADERS = tuple(h for h, _getter in COLUMNS)
_WIDTHS = {"Judul Laporan": 40, "Isi Laporan Awal": 60, "Isi Laporan Akhir": 60}
_BATCH = 1000


class ExportService:
    """Writes the register to files; reads only."""

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory

    def export(
        self,
        path: Path | str,
        file_format: ExportFormat | None = None,
        filters: ExportFilter | None = None,
    ) -> ExportResult:
        """Write the complaints matching ``filters`` to ``path``, oldest first.

        The file appears whole or not at all: it is written next to the target and renamed.
        """
        path = Path(path)
        chosen = file_format or ExportFormat.from_path(path)
        if not path.parent.is_dir():
            raise LaporError(_("Folder not found: {path}").format(path=path.parent))
        partial = path.with_name(f".{path.name}.part")
        try:
            with self._factory() as session:
                query = self._query(session, filters or ExportFilter())
                rows = self._rows(session, query)
                if chosen is ExportFormat.XLSX:
                    count = _write_xlsx(partial, rows)
                else:
                    count = _write_csv(partial, rows)
            os.replace(partial, path)
        except OSError as error:
            raise LaporError(
                _("The export could not be written: {reason}").format(
                    reason=error.strerror or error)
            ) from None
        finally:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
        return ExportResult(path, chosen, count)

    @staticmethod
    def _query(session: Session, filters: ExportFilter) -> Select[Any]:
        lead = (
            select(Unit.name)
            .join(Disposition, Disposition.unit_id == Unit.id)
            .where(Disposition.complaint_id == Complaint.id, Disposition.withdrawn_at.is_(None))
            .order_by(Disposition.is_lead.desc(), Disposition.id)
            .limit(1)
            .scalar_subquery()
        )
        query = (
            select(Complaint.__table__, Topic.name.label("topic"), lead.label("lead_unit"))
            .outerjoin(Topic, Topic.id == Complaint.topic_id)
            .order_by(Complaint.received_at, Complaint.tracking_id)
        )
        if filters.statuses:
            query = query.where(Complaint.status.in_(sorted(s.value for s in filters.statuses)))
        if filters.units:
            wanted = set(filters.units)
            known = set(session.scalars(select(Unit.abbreviation).where(
                Unit.abbreviation.in_(sorted(wanted)))))
            if unknown := sorted(wanted - known):
                raise NotFound(_("Unit not found: {units}").format(units=", ".join(unknown)))
            disposed = (
                select(Disposition.complaint_id)
                .join(Unit, Unit.id == Disposition.unit_id)
                .where(Unit.abbreviation.in_(sorted(wanted)), Disposition.withdrawn_at.is_(None))
            )
            query = query.where(Complaint.id.in_(disposed))
        if filters.received_from:
            query = query.where(
                Complaint.received_at >= datetime.combine(filters.received_from, time()))
        if filters.received_to:
            query = query.where(Complaint.received_at < datetime.combine(
                filters.received_to + timedelta(days=1), time()))
        return query

    @staticmethod
    def _rows(session: Session, query: Select[Any]) -> Iterator[tuple[object, ...]]:
        for row in session.execute(query).yield_per(_BATCH):
            yield tuple(getter(row) for _header, getter in COLUMNS)


def _write_xlsx(target: Path, rows: Iterable[Sequence[object]]) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Register")
    for index, header in enumerate(HEADERS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS.get(header, 18)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for header in HEADERS:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    formats = {date: "dd/mm/yyyy", time: "hh:mm:ss", datetime: "dd/mm/yyyy hh:mm:ss"}
    count = 0
    for row in rows:
        cells: list[object] = []
        for value in row:
            if isinstance(value, str):
                text, _removed = strip_control(value)  # XML cannot hold them
                if text.startswith(FORMULA_TRIGGERS):
                    cell = WriteOnlyCell(sheet, value=text)
                    cell.data_type = "s"  # text, never a formula
                    cell.quotePrefix = True
                    cells.append(cell)
                else:
                    cells.append(text)
            elif isinstance(value, date | time):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = formats[type(value)]
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
        count += 1
    workbook.save(target)
    return count


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, str):
        return neutralise_formula(value)
    return str(value)


def _write_csv(target: Path, rows: Iterable[Sequence[object]]) -> int:
    count = 0
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADERS)
        for row in rows:
            writer.writerow([_csv_value(value) for value in row])
            count += 1
    return count
