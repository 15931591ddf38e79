"""The import wizard's service side: header mapping, the error file, progress and cancelling."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.importer import RowError
from lapor_desk.services.importer.columns import Field
from lapor_desk.services.importer.mapping import (
    ColumnState,
    choices_from_profile,
    map_columns,
    read_header,
    write_error_list,
)
from tests.fixtures_portal import (
    PORTAL_HEADERS,
    portal_rows,
    register_snapshot,
    write_csv,
    write_xlsx,
)


def test_header_below_the_metadata_block_is_found_and_mapped(tmp_path: Path) -> None:
    header = read_header(write_xlsx(tmp_path / "a.xlsx", portal_rows(3)))
    assert (header.kind, header.sheet) == ("xlsx", "Laporan Ringkas")
    mapping = map_columns(header)
    assert mapping.header_row == 11 and mapping.blocking_reason is None
    states = {c.header: (c.field, c.state) for c in mapping.columns}
    assert states["Tracking ID"] == (Field.TRACKING_ID, ColumnState.USED)
    assert states["ID Instansi Terdisposisi"] == (None, ColumnState.IGNORED)
    assert mapping.profile({}) == {}


def test_unknown_headers_need_a_choice_which_becomes_the_profile(tmp_path: Path) -> None:
    headers = ["No Laporan", "Tgl", "Judul Laporan", "Judul"]
    path = write_csv(tmp_path / "b.csv", [{h: "x" for h in headers}], headers)
    header = read_header(path)
    mapping = map_columns(header)
    # No "Tracking ID" anywhere: the widest top row is taken as the header to map.
    assert mapping.header_row == 1 and mapping.missing == (Field.TRACKING_ID,
                                                           Field.RECEIVED_DATE)
    assert mapping.blocking_reason == (
        "Kolom wajib tidak ada: Tracking ID, Tanggal Laporan Masuk. Pilih kolom berkas yang "
        "mengisinya di tabel, atau pilih profil impor lain.")
    assert [c.state for c in mapping.columns] == [
        ColumnState.UNKNOWN, ColumnState.UNKNOWN, ColumnState.USED, ColumnState.DUPLICATE]
    choices = {"No Laporan": "tracking_id", "Tgl": "received_date", "Judul": ""}
    chosen = map_columns(header, choices)
    assert chosen.blocking_reason is None and chosen.header_row == 1
    kept = {"Kolom Lama": "title", "judul laporan": "title"}
    assert chosen.profile(choices, keep=kept) == {
        "Kolom Lama": "title", "No Laporan": "tracking_id", "Tgl": "received_date",
        "Judul": ""}
    # Profile keys match the file's headers case-insensitively.
    assert choices_from_profile(header, {"no laporan": "tracking_id"}) == {
        "No Laporan": "tracking_id"}


def test_error_file_neutralises_formulas(tmp_path: Path) -> None:
    errors = [RowError(3, "=HYPERLINK(\"http://x\")", "Bukan tanggal."),
              RowError(9, "Tracking ID", "+62 bukan nomor laporan")]
    target = write_error_list(tmp_path / "galat.csv", errors)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle, delimiter=";"))
    assert lines == [["Baris", "Kolom", "Alasan"],
                     ["3", "'=HYPERLINK(\"http://x\")", "Bukan tanggal."],
                     ["9", "Tracking ID", "'+62 bukan nomor laporan"]]


def test_preview_and_commit_report_progress(services: Services, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", portal_rows(2500), PORTAL_HEADERS)
    read: list[tuple[int, int]] = []
    preview = services.imports.preview(path, progress=lambda d, t: read.append((d, t)))
    assert read == [(n, 2501) for n in (1000, 2000, 2501)]
    written: list[tuple[int, int]] = []
    services.imports.commit(LOCAL_OPERATOR, preview,
                            progress=lambda d, t: written.append((d, t)))
    assert written[0] == (0, 5000) and written[-1] == (5000, 5000)
    # Forward only and never the same report twice: the GUI shows every report it gets.
    assert written == sorted(set(written))


class Stop(Exception):
    pass


@pytest.mark.parametrize("share", [0.0, 0.5, 1.0])
def test_a_commit_stopped_by_its_progress_callback_writes_nothing(
    services: Services, tmp_path: Path, share: float
) -> None:
    base = portal_rows(30)
    services.imports.commit(LOCAL_OPERATOR,
                            services.imports.preview(write_xlsx(tmp_path / "a.xlsx", base)))
    newer = base + portal_rows(2470, first_id=6_000_001, seed=4)
    newer[0] = newer[0] | {"Status Laporan": "Ditutup oleh Admin"}
    preview = services.imports.preview(write_csv(tmp_path / "b.csv", newer, PORTAL_HEADERS))
    assert len(preview.new) == 2470 and len(preview.changed) >= 1
    before = register_snapshot(services.engine)

    def stop(done: int, total: int) -> None:
        if done >= share * total:  # the first report, one halfway, the last one
            raise Stop

    with pytest.raises(Stop):
        services.imports.commit(LOCAL_OPERATOR, preview, progress=stop)
    assert register_snapshot(services.engine) == before
    result = services.imports.commit(LOCAL_OPERATOR, preview)
    assert result.new == 2470
