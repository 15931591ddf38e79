"""Reading the portal's exports in every layout and format, into a real SQLite register."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, time
from pathlib import Path

import pytest
from sqlalchemy import select

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.domain.enums import InternalStatus
from lapor_desk.domain.errors import ImportFileError, NotFound
from lapor_desk.models import Complaint, ImportBatch
from lapor_desk.persistence.engine import make_session_factory
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.settings import DEFAULT_STATUS_MAPPING
from tests.fixtures_portal import (
    LEGACY_HEADERS,
    PORTAL_HEADERS,
    Row,
    legacy_rows,
    portal_rows,
    write_csv,
    write_ods,
    write_xls,
    write_xlsx,
)


@pytest.fixture
def rows() -> list[Row]:
    rows = portal_rows(30)
    # Text no encoding may mangle, and whitespace nobody may collapse.
    rows[0]["Judul Laporan"] = "Café “kutipan” — bantuan Rp 1.500.000,- belum cair"
    rows[0]["Isi Laporan Awal"] = "  Baris satu\n\nbaris   dua\twith tab  \n"
    return rows


def complaints(services: Services) -> dict[str, Complaint]:
    with make_session_factory(services.engine)() as session:
        return {c.tracking_id: c for c in session.scalars(select(Complaint))}


def assert_imported_as_exported(services: Services, rows: list[Row], texts: bool = True) -> None:
    stored = complaints(services)
    assert len(stored) == len(rows)
    for row in rows:
        c = stored[str(row["Tracking ID"])]
        assert c.received_at == row["_received"]
        assert c.title == row["Judul Laporan"]
        assert c.portal_status == row["Status Laporan"]
        assert c.status == DEFAULT_STATUS_MAPPING[str(row["Status Laporan"])].value
        assert c.source == "portal"
        if texts:
            assert c.text_original == row["Isi Laporan Awal"]
            assert c.text_edited == row["Isi Laporan Akhir"]
            assert c.portal_category_id == row["ID Kategori"]
            assert (c.anonim, c.rahasia) == ("Anonim" in str(row["Tipe Laporan (Anonim/Rahasia)"]),
                                             "Rahasia" in str(row["Tipe Laporan (Anonim/Rahasia)"]))
            assert c.klasifikasi == (row["Klasifikasi Laporan"] or None)


def test_laporan_ringkas_with_metadata_block(
    services: Services, tmp_path: Path, rows: list[Row]
) -> None:
    path = write_xlsx(tmp_path / "laporan-ringkas.xlsx", rows)
    preview = services.imports.preview(path)
    assert (len(preview.new), len(preview.changed), preview.unchanged) == (30, 0, 0)
    assert preview.errors == () and preview.missing == ()
    assert preview.sheet == "Laporan Ringkas" and preview.kind == "xlsx"
    assert preview.institution == "Kementerian Sosial"
    assert preview.generated_on == "2022-11-01 08:15:00"
    assert preview.period == "(2022-01-01) - (2022-10-31)"
    assert preview.unknown_columns == ()

    result = services.imports.commit(LOCAL_OPERATOR, preview)
    assert result.new == 30 and result.batch_id is not None
    assert_imported_as_exported(services, rows)
    with make_session_factory(services.engine)() as session:
        batch = session.get(ImportBatch, result.batch_id)
        assert batch is not None
        assert batch.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert (batch.new_count, batch.changed_count, batch.unchanged_count) == (30, 0, 0)
        assert batch.imported_by == LOCAL_OPERATOR.display_name
        assert batch.institution == "Kementerian Sosial"
        assert json.loads(batch.metadata_json)["Pengelola"] == "Biro Hubungan Masyarakat"
        assert {c.import_batch_id for c in session.scalars(select(Complaint))} == {batch.id}


def test_header_in_row_one_on_a_later_sheet(
    services: Services, tmp_path: Path, rows: list[Row]
) -> None:
    path = write_xlsx(tmp_path / "export.xlsx", rows, metadata=False, sheet="Sheet1",
                      leading_sheets=("Catatan",))
    preview = services.imports.preview(path)
    assert preview.sheet == "Sheet1" and len(preview.new) == 30
    assert preview.institution is None
    services.imports.commit(LOCAL_OPERATOR, preview)
    assert_imported_as_exported(services, rows)


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8-sig", ";"), ("utf-8", ","), ("cp1252", ";"), ("cp1252", ","), ("utf-8", "\t"),
     ("utf-16", "\t")],
)
def test_csv_variants_read_without_mojibake(
    services: Services, tmp_path: Path, rows: list[Row], encoding: str, delimiter: str
) -> None:
    path = write_csv(tmp_path / "export.csv", rows, encoding=encoding, delimiter=delimiter)
    preview = services.imports.preview(path)
    assert preview.kind == "csv" and len(preview.new) == 30 and not preview.errors
    services.imports.commit(LOCAL_OPERATOR, preview)
    assert_imported_as_exported(services, rows)
    assert complaints(services)[str(rows[0]["Tracking ID"])].title.startswith("Café “kutipan” —")


def test_ods_is_read_too(services: Services, tmp_path: Path, rows: list[Row]) -> None:
    preview = services.imports.preview(write_ods(tmp_path / "export.ods", rows))
    assert preview.kind == "ods" and len(preview.new) == 30 and not preview.errors
    services.imports.commit(LOCAL_OPERATOR, preview)
    assert_imported_as_exported(services, rows)


def test_legacy_xls_is_read_too(services: Services, tmp_path: Path, rows: list[Row]) -> None:
    preview = services.imports.preview(write_xls(tmp_path / "export.xls", rows))
    assert preview.kind == "xls" and len(preview.new) == 30 and not preview.errors
    services.imports.commit(LOCAL_OPERATOR, preview)
    assert_imported_as_exported(services, rows)


def test_older_open_data_schema(services: Services, tmp_path: Path, rows: list[Row]) -> None:
    legacy = legacy_rows(rows)
    path = write_csv(tmp_path / "opendata.csv", legacy, LEGACY_HEADERS, encoding="utf-8",
                     delimiter=",")
    preview = services.imports.preview(path)
    assert len(preview.new) == 30 and not preview.errors, preview.errors
    services.imports.commit(LOCAL_OPERATOR, preview)
    stored = complaints(services)
    for old, new in zip(rows, legacy, strict=True):
        c = stored[str(old["Tracking ID"])]
        assert c.received_at == old["_received"]
        assert c.title == old["Judul Laporan"] and c.text_original == old["Isi Laporan Awal"]
        # One text only: the edited text starts as the submitted one.
        assert c.text_edited == c.text_original
        assert c.province == old["Provinsi"]
        assert c.status == {"Belum": "belum_ditindaklanjuti", "Proses": "proses",
                            "Selesai": "selesai"}[str(new["Status"])]


def test_numbers_dates_and_times_as_spreadsheets_store_them(
    services: Services, tmp_path: Path, rows: list[Row]
) -> None:
    typed = rows[:4]
    typed[0]["Tracking ID"] = 5216807.0  # a number cell
    typed[1]["Tracking ID"] = "5216808.0"  # the same, rendered as text
    typed[0]["Tanggal Laporan Masuk"] = datetime(2022, 5, 29, 8, 30)  # a date cell
    typed[0]["Waktu Laporan Masuk"] = time(8, 30, 1)  # a time cell
    typed[1]["Tanggal Laporan Masuk"] = 44710  # an Excel serial number: 29 May 2022
    typed[2]["Tanggal Laporan Masuk"] = "06 Agu 2022"
    typed[3]["Tanggal Laporan Masuk"] = "2022-03-01"
    typed[3]["Waktu Laporan Masuk"] = None
    preview = services.imports.preview(write_xlsx(tmp_path / "typed.xlsx", typed))
    assert not preview.errors, preview.errors
    services.imports.commit(LOCAL_OPERATOR, preview)
    stored = complaints(services)
    assert stored["5216807"].received_at == datetime(2022, 5, 29, 8, 30, 1)
    assert stored["5216808"].received_at.date() == date(2022, 5, 29)
    assert stored[str(typed[2]["Tracking ID"])].received_at.date() == date(2022, 8, 6)
    assert stored[str(typed[3]["Tracking ID"])].received_at == datetime(2022, 3, 1)


def test_columns_found_by_name_in_any_order_and_spelling(
    services: Services, tmp_path: Path, rows: list[Row]
) -> None:
    renamed = {"Tracking ID": "  TRACKING id ", "Tanggal Laporan Masuk": "tanggal_laporan_masuk",
               "Judul Laporan": "JudulLaporan", "Status Laporan": "STATUS LAPORAN"}
    headers = [renamed.get(h, h) for h in reversed(PORTAL_HEADERS)] + ["Kolom Tambahan"]
    shuffled = [{renamed.get(k, k): v for k, v in r.items()} | {"Kolom Tambahan": "x"}
                for r in rows]
    preview = services.imports.preview(write_xlsx(tmp_path / "shuffled.xlsx", shuffled, headers))
    assert preview.unknown_columns == ("Kolom Tambahan",)
    assert any("Kolom Tambahan" in w for w in preview.warnings)
    services.imports.commit(LOCAL_OPERATOR, preview)
    assert_imported_as_exported(services, rows)


def test_a_profile_maps_a_source_with_its_own_headers(
    services: Services, tmp_path: Path, rows: list[Row]
) -> None:
    headers = {"Tracking ID": "Nomor Aduan", "Tanggal Laporan Masuk": "Tgl Terima",
               "Judul Laporan": "Perihal"}
    source = [{headers.get(k, k): v for k, v in r.items()} | {"Catatan Internal": "rahasia"}
              for r in rows]
    path = write_csv(tmp_path / "dinsos.csv", source,
                     [headers.get(h, h) for h in PORTAL_HEADERS] + ["Catatan Internal"])
    with pytest.raises(ImportFileError, match="Tracking ID"):
        services.imports.preview(path)
    services.imports.save_profile(LOCAL_OPERATOR, "Dinsos", {
        "Nomor Aduan": "tracking_id", "Tgl Terima": "received_date", "Perihal": "title",
        "Catatan Internal": "",
    })
    assert [p.name for p in services.imports.profiles()] == ["Dinsos"]
    preview = services.imports.preview(path, profile="Dinsos")
    assert len(preview.new) == 30 and preview.unknown_columns == ()
    services.imports.commit(LOCAL_OPERATOR, preview)
    assert_imported_as_exported(services, rows)
    with pytest.raises(NotFound, match="Tidak Ada"):
        services.imports.preview(path, profile="Tidak Ada")


def test_profile_with_an_unknown_field_is_refused(services: Services) -> None:
    from lapor_desk.domain.errors import ValidationError

    with pytest.raises(ValidationError, match="nomor_hp"):
        services.imports.save_profile(LOCAL_OPERATOR, "x", {"HP": "nomor_hp"})


def test_nik_stored_as_a_number_is_not_imported_and_warned_about(
    services: Services, tmp_path: Path, rows: list[Row]
) -> None:
    headers = [*PORTAL_HEADERS, "NIK Pelapor"]
    rows[0]["NIK Pelapor"] = 3174051206850000  # what Excel keeps of 3174051206850003
    rows[1]["NIK Pelapor"] = "3174051206850003"  # kept as text: exact
    rows[2]["NIK Pelapor"] = "3,17405E+15"  # the same loss written out by a CSV
    preview = services.imports.preview(write_xlsx(tmp_path / "nik.xlsx", rows, headers))
    assert not preview.errors
    warning = next(w for w in preview.warnings if "NIK" in w)
    assert "NIK Pelapor" in warning and "12" in warning and "14" in warning
    services.imports.commit(LOCAL_OPERATOR, preview)
    stored = complaints(services)
    assert stored[str(rows[0]["Tracking ID"])].reporter_nik is None
    assert stored[str(rows[1]["Tracking ID"])].reporter_nik == "3174051206850003"
    assert stored[str(rows[2]["Tracking ID"])].reporter_nik is None


def test_unknown_portal_status_is_kept_raw_with_a_warning(
    services: Services, tmp_path: Path, rows: list[Row]
) -> None:
    rows[0]["Status Laporan"] = "Sedang Diproses Instansi Lain"
    preview = services.imports.preview(write_xlsx(tmp_path / "status.xlsx", rows))
    assert any("Sedang Diproses Instansi Lain" in w for w in preview.warnings)
    services.imports.commit(LOCAL_OPERATOR, preview)
    stored = complaints(services)[str(rows[0]["Tracking ID"])]
    assert stored.portal_status == "Sedang Diproses Instansi Lain"
    assert stored.status == InternalStatus.BELUM_TERVERIFIKASI.value
