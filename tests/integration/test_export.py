"""Exporting the register: every column, dates as dates, no formulas, and a faithful round trip."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import pytest
from sqlalchemy import select, update

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.domain.enums import InternalStatus
from lapor_desk.domain.errors import LaporError, NotFound
from lapor_desk.models import Complaint
from lapor_desk.persistence.engine import make_session_factory
from lapor_desk.services.bootstrap import Services, open_services
from lapor_desk.services.exporter import HEADERS, ExportFilter, ExportFormat
from lapor_desk.services.register import ComplaintInput
from tests.conftest import fixed_clock
from tests.fixtures_portal import portal_rows, write_xlsx

#: What a malicious citizen could type as a title; each must reach Excel as plain text.
INJECTIONS = ("=HYPERLINK(\"http://x.test\",\"klik\")", "+62 812 3456 7890", "-1+1",
              "@SUM(A1:A2)", "\tTab di depan", "\rCR di depan", "'kutip di depan")
#: Columns that only the register computes (not read back by an import).
DERIVED = {"topic_id", "id", "import_batch_id", "created_at", "updated_at", "version"}


@pytest.fixture
def demo_copy(demo_register: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "demo" / "register.sqlite3"
    copy.parent.mkdir()
    shutil.copy(demo_register, copy)
    return copy


@pytest.fixture
def injected(services: Services) -> Services:
    for title in INJECTIONS:
        created = services.register.create(LOCAL_OPERATOR, ComplaintInput(
            received_at=datetime(2022, 11, 7, 9, 30), title=title,
            text=f"{title}\nIsi pengaduan yang ditulis tangan.", channel="Pos Surat",
            reporter_nik="3174 0512 0685 0003"))
        if title[0].isspace():  # the form trims what people type; an import keeps it exactly
            with make_session_factory(services.engine).begin() as session:
                session.execute(update(Complaint).where(Complaint.id == created.complaint.id)
                                .values(title=title, text_original=title))
    return services


def rows_of(path: Path) -> list[dict[str, object]]:
    from openpyxl import load_workbook

    sheet = load_workbook(path, read_only=False).active
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def test_xlsx_has_every_column_dates_as_dates_and_text_never_a_formula(
    injected: Services, tmp_path: Path
) -> None:
    result = injected.exports.export(tmp_path / "register.xlsx")
    assert result.format is ExportFormat.XLSX and result.rows == len(INJECTIONS)
    from openpyxl import load_workbook

    sheet = load_workbook(result.path).active
    assert tuple(c.value for c in sheet[1]) == HEADERS
    titles = {sheet.cell(row=r, column=HEADERS.index("Judul Laporan") + 1)
              for r in range(2, sheet.max_row + 1)}
    assert {c.value for c in titles} == set(INJECTIONS)
    for cell in titles:
        assert cell.data_type == "s"
        if str(cell.value).startswith(("=", "+", "-", "@", "\t", "\r")):
            assert cell.quotePrefix
    with zipfile.ZipFile(result.path) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml  # not a single formula in the file
    row = rows_of(result.path)[0]
    assert isinstance(row["Tanggal Laporan Masuk"], datetime)
    assert row["Tanggal Laporan Masuk"] == datetime(2022, 11, 7)
    assert row["Waktu Laporan Masuk"] == time(9, 30)
    assert row["NIK Pelapor"] == "3174051206850003"  # text, all 16 digits
    assert row["Status Internal"] == "Belum Terverifikasi"


def test_csv_is_for_indonesian_excel_and_neutralises_formulas(
    injected: Services, tmp_path: Path
) -> None:
    result = injected.exports.export(tmp_path / "register.csv")
    data = result.path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == ";".join(HEADERS)
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r", "\0"))
    titles = {row["Judul Laporan"] for row in rows}
    assert "'=HYPERLINK(\"http://x.test\",\"klik\")" in titles
    assert "''kutip di depan" in titles
    assert rows[0]["Tanggal Laporan Masuk"] == "2022-11-07"
    assert rows[0]["NIK Pelapor"] == "3174051206850003"


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_export_then_import_into_an_empty_register_gives_the_same_complaints(
    demo_copy: Path, injected: Services, tmp_path: Path, suffix: str
) -> None:
    with open_services(demo_copy, data_dir=demo_copy.parent, clock=fixed_clock) as demo:
        exported = demo.exports.export(tmp_path / f"demo.{suffix}")
        original = _complaints(demo)
    assert exported.rows == 4447
    with open_services(tmp_path / "empty.sqlite3", data_dir=tmp_path / "empty",
                       clock=fixed_clock) as empty:
        preview = empty.imports.preview(exported.path)
        assert len(preview.new) == 4447 and not preview.errors
        empty.imports.commit(LOCAL_OPERATOR, preview)
        assert _complaints(empty) == original
        again = empty.imports.preview(exported.path)
        assert (len(again.new), len(again.changed)) == (0, 0)
    # Hand-typed complaints with formula-like titles come back exactly too.
    injected_export = injected.exports.export(tmp_path / f"typed.{suffix}")
    with open_services(tmp_path / "typed.sqlite3", data_dir=tmp_path / "typed",
                       clock=fixed_clock) as other:
        other.imports.commit(LOCAL_OPERATOR, other.imports.preview(injected_export.path))
        assert _complaints(other) == _complaints(injected)


def _complaints(services: Services) -> dict[str, dict[str, object]]:
    with make_session_factory(services.engine)() as session:
        return {
            c.tracking_id: {k: v for k, v in vars(c).items()
                            if not k.startswith("_") and k not in DERIVED}
            for c in session.scalars(select(Complaint))
        }


def test_filters_by_status_unit_and_dates(demo_copy: Path, tmp_path: Path) -> None:
    with open_services(demo_copy, data_dir=demo_copy.parent, clock=fixed_clock) as demo:
        everything = _complaints(demo)
        done = demo.exports.export(tmp_path / "selesai.csv", filters=ExportFilter(
            statuses=frozenset({InternalStatus.SELESAI}), units=("SET-ITJEN",),
            received_from=date(2022, 3, 1), received_to=date(2022, 6, 30)))
        with pytest.raises(NotFound, match="BIRO-ENTAH"):
            demo.exports.export(tmp_path / "x.csv", filters=ExportFilter(units=("BIRO-ENTAH",)))
        with pytest.raises(LaporError, match="xlsx atau csv"):
            demo.exports.export(tmp_path / "register.pdf")
        with pytest.raises(LaporError, match="Folder tidak ditemukan"):
            demo.exports.export(tmp_path / "no" / "such" / "x.csv")
    rows = list(csv.DictReader(io.StringIO(done.path.read_text("utf-8-sig"), newline=""),
                               delimiter=";"))
    assert 0 < len(rows) == done.rows
    for row in rows:
        assert row["Status Internal"] == "Selesai"
        assert "2022-03-01" <= row["Tanggal Laporan Masuk"] <= "2022-06-30"
        assert row["Unit Utama"] == "Sekretariat Inspektorat Jenderal"
    expected = [t for t, c in everything.items() if c["status"] == "selesai"
                and date(2022, 3, 1) <= c["received_at"].date() <= date(2022, 6, 30)]  # type: ignore[attr-defined]
    assert {r["Tracking ID"] for r in rows} <= set(expected)
    assert not list(tmp_path.glob(".*.part"))  # no half-written files left behind


def test_cli_export_and_import(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "XDG_DATA_HOME": str(tmp_path)}

    def lapor(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "lapor_desk", *args], capture_output=True,
                              text=True, timeout=120, env=env, stdin=subprocess.DEVNULL)

    source = write_xlsx(tmp_path / "portal.xlsx", portal_rows(20))
    db = str(tmp_path / "new" / "register.sqlite3")
    dry = lapor("--db", db, "import", str(source), "--dry-run")
    assert dry.returncode == 1 and "tidak ditemukan" in dry.stderr  # dry run creates nothing
    done = lapor("--db", db, "import", str(source))  # no terminal: no question asked
    assert done.returncode == 0, done.stderr
    assert "Baru: 20" in done.stdout and "Cadangan dibuat sebelum impor" in done.stdout
    again = lapor("--db", db, "import", str(source), "--json")
    assert again.returncode == 0
    import json

    data = json.loads(again.stdout)
    assert (data["new"], data["changed"], data["unchanged"], data["missing"]) == (0, 0, 20, 0)
    assert data["errors"] == [] and data["committed"] is False
    out = tmp_path / "out.xlsx"
    exported = lapor("--db", db, "export", "--format", "xlsx", "--status", "selesai",
                     "--status", "belum_terverifikasi", "--from", "2022-01-01", "--to",
                     "2022-12-31", "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    assert "pengaduan diekspor" in exported.stdout and out.exists()
    statuses = {r["Status Internal"] for r in rows_of(out)}
    assert statuses <= {"Selesai", "Belum Terverifikasi"}
    bad = lapor("--db", db, "export", "--unit", "NOPE", "-o", str(tmp_path / "x.csv"))
    assert bad.returncode == 1 and len(bad.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.csv").exists()
