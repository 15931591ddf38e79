"""Files that must not be imported: a clear Indonesian reason, the register exactly as it was."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.domain.errors import ImportFileError, RegisterError
from lapor_desk.persistence.engine import make_session_factory
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.importer import ImportService, ReadLimits
from tests.conftest import fixed_clock
from tests.fixtures_portal import (
    BILLION_LAUGHS,
    EXTERNAL_ENTITY,
    PORTAL_HEADERS,
    Row,
    portal_rows,
    register_snapshot,
    write_corrupt,
    write_csv,
    write_not_spreadsheet,
    write_truncated,
    write_xlsx,
    write_xml_trick,
    write_zip_bomb,
)
from tests.integration.register_limits import room_for


@pytest.fixture
def rows() -> list[Row]:
    return portal_rows(15)


@pytest.fixture
def filled(services: Services, tmp_path: Path) -> Services:
    """A register that already holds complaints, so that "unchanged" means something."""
    preview = services.imports.preview(write_xlsx(tmp_path / "first.xlsx", portal_rows(
        5, first_id=4_000_001)))
    services.imports.commit(LOCAL_OPERATOR, preview)
    return services


def _valid(folder: Path, rows: list[Row]) -> Path:
    return write_xlsx(folder / "valid.xlsx", rows)


def _empty_workbook(path: Path) -> Path:
    from openpyxl import Workbook

    Workbook().save(path)
    return path


def _docx_like(path: Path) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return path


Builder = Callable[[Path, list[Row]], Path]
BROKEN: dict[str, tuple[Builder, str]] = {
    "not a spreadsheet": (lambda d, r: write_not_spreadsheet(d / "foto.xlsx"),
                          "bukan lembar kerja"),
    "binary csv": (lambda d, r: write_not_spreadsheet(d / "data.csv"), "bukan lembar kerja"),
    "other zip": (lambda d, r: _docx_like(d / "surat.xlsx"), "bukan lembar kerja"),
    "truncated zip": (lambda d, r: write_truncated(d / "cut.xlsx", _valid(d, r)), "rusak"),
    "corrupt zip": (lambda d, r: write_corrupt(d / "bad.xlsx", _valid(d, r)), "rusak"),
    "zip bomb": (lambda d, r: write_zip_bomb(d / "bomb.xlsx"), "zip bomb"),
    "entity expansion": (
        lambda d, r: write_xml_trick(d / "lol.xlsx", _valid(d, r), "xl/worksheets/sheet1.xml",
                                     BILLION_LAUGHS), "deklarasi XML"),
    "external entity": (
        lambda d, r: write_xml_trick(d / "xxe.xlsx", _valid(d, r), "xl/workbook.xml",
                                     EXTERNAL_ENTITY), "deklarasi XML"),
    "empty sheet": (lambda d, r: _empty_workbook(d / "kosong.xlsx"), "kosong"),
    "empty file": (lambda d, r: (d / "nol.csv").write_bytes(b"") or d / "nol.csv", "kosong"),
    "header only": (lambda d, r: write_xlsx(d / "judul.xlsx", []), "tidak berisi pengaduan"),
    "missing required column": (
        lambda d, r: write_xlsx(d / "kurang.xlsx", r,
                                [h for h in PORTAL_HEADERS if h != "Tanggal Laporan Masuk"]),
        "Kolom wajib tidak ada: Tanggal Laporan Masuk"),
    "no header row": (
        lambda d, r: write_csv(d / "lain.csv", r, ["Judul Laporan", "Isi Laporan Awal"]),
        "Tracking ID"),
    "folder": (lambda d, r: d, "bukan lembar kerja"),
    "missing file": (lambda d, r: d / "tidak-ada.xlsx", "tidak ditemukan"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_unusable_files_are_refused_with_a_reason_and_nothing_written(
    case: str, filled: Services, tmp_path: Path, rows: list[Row]
) -> None:
    build, reason = BROKEN[case]
    folder = tmp_path / "in"
    folder.mkdir()
    path = build(folder, rows)
    before = register_snapshot(filled.engine)
    with pytest.raises(ImportFileError) as raised:
        filled.imports.preview(path)
    message = str(raised.value)
    assert reason in message and "\n" not in message
    assert register_snapshot(filled.engine) == before
    assert len(list((tmp_path / "backups").glob("*"))) == 1  # only the first import's


def test_a_legitimate_file_beyond_the_limits_is_refused_too(
    services: Services, tmp_path: Path, rows: list[Row]
) -> None:
    strict = ImportService(make_session_factory(services.engine), fixed_clock, services.settings,
                           tmp_path / "backups", ReadLimits(max_uncompressed_bytes=20_000))
    with pytest.raises(ImportFileError, match="zip bomb"):
        strict.preview(_valid(tmp_path, rows))
    tiny = ImportService(make_session_factory(services.engine), fixed_clock, services.settings,
                         None, ReadLimits(max_file_bytes=100))
    with pytest.raises(ImportFileError, match="terlalu besar"):
        tiny.preview(_valid(tmp_path, rows))


ROW_ERRORS: dict[str, tuple[dict[str, object], str, str]] = {
    "duplicate tracking id": ({"Tracking ID": 5_216_807}, "Tracking ID", "sudah ada di baris 12"),
    "bad date": ({"Tanggal Laporan Masuk": "31 Februari 2022"}, "Tanggal Laporan Masuk",
                 "Bukan tanggal"),
    "date in the future": ({"Tanggal Laporan Masuk": "01 Jan 2023"}, "Tanggal Laporan Masuk",
                           "masa depan"),
    "no date": ({"Tanggal Laporan Masuk": ""}, "Tanggal Laporan Masuk", "kosong"),
    "bad time": ({"Waktu Laporan Masuk": "25:61"}, "Waktu Laporan Masuk", "Bukan jam"),
    "bad tracking id": ({"Tracking ID": "52168O7"}, "Tracking ID", "tidak valid"),
    "no tracking id": ({"Tracking ID": None}, "Tracking ID", "kosong"),
    "title too long": ({"Judul Laporan": "x" * 501}, "Judul Laporan", "500"),
}


@pytest.mark.parametrize("case", list(ROW_ERRORS))
def test_row_errors_are_listed_and_block_the_commit(
    case: str, filled: Services, tmp_path: Path, rows: list[Row]
) -> None:
    change, column, reason = ROW_ERRORS[case]
    rows[3].update(change)
    preview = filled.imports.preview(write_xlsx(tmp_path / "rows.xlsx", rows))
    assert [(e.row, e.column) for e in preview.errors] == [(15, column)]
    assert reason in preview.errors[0].message
    assert len(preview.new) == 14 and not preview.can_commit
    before = register_snapshot(filled.engine)
    with pytest.raises(ImportFileError, match="1 baris bermasalah"):
        filled.imports.commit(LOCAL_OPERATOR, preview)
    assert register_snapshot(filled.engine) == before


def lapor(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lapor_desk", *args],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
        env={"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
             "XDG_DATA_HOME": str(home / "data")},
    )


def test_cli_bad_input_exits_non_zero_with_one_line_and_leaves_the_register(
    filled: Services, tmp_path: Path, rows: list[Row]
) -> None:
    register = Path(filled.location)
    before = register_snapshot(filled.engine)
    corrupt = write_corrupt(tmp_path / "bad.xlsx", _valid(tmp_path, rows))
    result = lapor("--db", str(register), "import", str(corrupt), "--yes", home=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "lapor-desk: Lembar kerja rusak atau tidak lengkap (misalnya terputus saat diunduh); "
        "unduh ulang ekspornya."]
    rows[4]["Tanggal Laporan Masuk"] = "kemarin"
    bad_rows = write_xlsx(tmp_path / "rows.xlsx", rows)
    result = lapor("--db", str(register), "import", str(bad_rows), "--yes", "--json",
                   home=tmp_path)
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
    import json

    data = json.loads(result.stdout)
    assert data["errors"] == [{"row": 16, "column": "Tanggal Laporan Masuk",
                               "message": data["errors"][0]["message"]}]
    assert data["committed"] is False and data["new"] == 14
    after = register_snapshot(filled.engine)
    # Opening a register with today's clock refreshes its stored deadlines; the import wrote
    # nothing.
    for table in ("complaint", "status_change", "import_batch", "disposition", "follow_up"):
        assert after[table] == before[table]


def test_a_full_disk_during_the_commit_is_reported_and_changes_nothing(
    services: Services, tmp_path: Path
) -> None:
    """SQLite rolls a transaction back by itself when the disk is full: the user hears of the
    full disk (not of a failed rollback), the register is as it was, and the same preview
    commits once there is room again."""
    preview = services.imports.preview(write_csv(tmp_path / "a.csv", portal_rows(3000, seed=1)))
    engine = services.engine
    with (room_for(engine, 400),
          pytest.raises(RegisterError, match=r"^Disk tempat register penuh: tidak ada")):
        services.imports.commit(LOCAL_OPERATOR, preview)
    with engine.connect() as connection:
        assert connection.exec_driver_sql(
            "SELECT (SELECT count(*) FROM complaint), (SELECT count(*) FROM complaint_deadline), "
            "(SELECT count(*) FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name = 'complaint_deadline'), (SELECT count(*) FROM sqlite_master "
            "WHERE type = 'trigger')").one() == (0, 0, 8, 3)
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
    assert services.imports.commit(LOCAL_OPERATOR, preview).new == 3000
