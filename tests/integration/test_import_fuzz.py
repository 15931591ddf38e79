"""The importer fuzzed: random bytes, damaged workbooks, random cells in random columns.

Whatever the file, the only exception a user can meet is ImportFileError (with its message),
and a failed import leaves every table exactly as it was; a committed one imports again as
"nothing changed".
"""

from __future__ import annotations

import csv
import io
import os
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.domain.errors import ImportFileError
from lapor_desk.services.bootstrap import Services
from tests.fixtures_portal import PORTAL_HEADERS, portal_rows, register_snapshot, write_xlsx

FUZZ = settings(
    max_examples=int(os.environ.get("LAPOR_FUZZ_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large],
)
MAGIC = (b"", b"PK\x03\x04", b"PK\x05\x06", bytes.fromhex("d0cf11e0a1b11ae1"), b"\xef\xbb\xbf",
         b"\xff\xfe", b"Tracking ID;Tanggal Laporan Masuk\n")
#: Characters a spreadsheet can hold (XML 1.0 forbids most control characters).
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",),
                           blacklist_characters="".join(map(chr, [*range(0, 9), 11, 12,
                                                                  *range(14, 32)]))),
    max_size=40,
)
PORTALISH = st.sampled_from([
    "29 May 2022", "06 Agu 2022", "2022-03-01", "31/02/2022", "Terverifikasi",
    "Ditutup oleh Admin", "Diarsipkan oleh Sistem", "Status Aneh", "Anonim|Rahasia", "Publik",
    "5216807.0", "Website - kementerian-sosial", "Pengaduan Berkadar Pengawasan", "1443",
    "3,17405E+15", "=HYPERLINK(\"x\")", "Ya", "Proses", "", " ", "08:30:01", "25:00",
])
CELL = st.one_of(
    st.none(), TEXT, PORTALISH,
    st.integers(5_216_800, 5_216_830),  # tracking ids: overlaps and duplicates
    st.integers(-(10**17), 10**17),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2030, 12, 31)),
    st.times(),
    st.booleans(),
)
EXTRA_HEADERS = ("Kolom Acak", "NIK Pelapor", "Rating", "Status Internal", "Mendesak",
                 "Telepon Pelapor", "Tanggal Selesai")


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[Any]], str, bool]:
    headers = draw(st.lists(st.sampled_from(PORTAL_HEADERS + EXTRA_HEADERS), unique=True,
                            max_size=14))
    for required in ("Tanggal Laporan Masuk", "Tracking ID"):
        if required not in headers and draw(st.integers(0, 9)) > 0:
            headers.insert(draw(st.integers(0, len(headers))), required)
    # Mostly plausible values with some garbage, so that many examples get as far as a commit.
    ids = st.integers(5_216_800, 5_218_800)
    days = st.dates(min_value=date(2021, 1, 1), max_value=date(2022, 11, 14))
    plausible = {
        "Tracking ID": st.one_of(ids, ids.map(str), ids.map(float)),
        "Tanggal Laporan Masuk": st.one_of(days, days.map(date.isoformat)),
        "Waktu Laporan Masuk": st.one_of(st.times(), st.none()),
        "ID Kategori": st.sampled_from([957, 1443, 1448, None, 99_999]),
        "Status Laporan": st.sampled_from(["Terverifikasi", "Ditutup oleh Admin",
                                           "Belum Terverifikasi", "Konten Terblokir",
                                           "Diarsipkan oleh Admin", "Status Aneh", None]),
        "Tipe Laporan (Anonim/Rahasia)": st.sampled_from(["", "Anonim", "Anonim|Rahasia"]),
        "Rating": st.integers(0, 6),
        "NIK Pelapor": st.sampled_from(["3171011508900001", 3171011508900001, None]),
    }

    def cell(header: str) -> st.SearchStrategy[Any]:
        usual = plausible.get(header, TEXT)
        # One cell in eight is anything at all (one_of would flatten CELL's own branches).
        return st.integers(0, 7).flatmap(lambda k: CELL if k == 0 else usual)

    width = len(headers) + draw(st.sampled_from([0] * 8 + [-1, 1]))  # rows too short or long
    rows = draw(st.lists(st.tuples(*(cell(h) for h in headers[:max(width, 0)])).map(list),
                         min_size=1, max_size=5))
    return headers, rows, draw(st.sampled_from(["xlsx", "csv"])), draw(st.booleans())


def write_table(path: Path, headers: list[str], rows: list[list[Any]], metadata: bool) -> None:
    if path.suffix == ".xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Laporan Ringkas")
        if metadata:
            sheet.append(["Nama Instansi", None, "Kementerian Sosial"])
            sheet.append([])
        sheet.append(headers)
        for row in rows:
            # Formulas are not what the portal exports; write such text as text.
            sheet.append([f"'{v}" if isinstance(v, str) and v.startswith("=") else v
                          for v in row])
        workbook.save(path)
        return
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(headers)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")


def note(stage: str) -> None:
    """Count how far an example got (``--hypothesis-show-statistics``)."""
    if currently_in_test_context():
        event(stage)


def attempt(services: Services, path: Path) -> None:
    """Preview and commit like a user: any failure must be ImportFileError and write nothing."""
    before = register_snapshot(services.engine)
    stage = "refused"
    try:
        preview = services.imports.preview(path)
        assert preview.errors or preview.new or preview.changed or preview.unchanged
        stage = "row errors"
        result = services.imports.commit(LOCAL_OPERATOR, preview)
    except ImportFileError as error:
        note(stage)
        assert str(error) and "\n" not in str(error)
        assert register_snapshot(services.engine) == before
        return
    if result.batch_id is None:
        note("nothing to write")
        assert register_snapshot(services.engine) == before
        return
    note("committed")
    again = services.imports.preview(path)
    assert (len(again.new), len(again.changed)) == (0, 0)


@FUZZ
@given(magic=st.sampled_from(MAGIC), body=st.binary(max_size=3000),
       suffix=st.sampled_from([".xlsx", ".xls", ".ods", ".csv"]))
def test_random_bytes_are_refused_cleanly(
    services: Services, tmp_path: Path, magic: bytes, body: bytes, suffix: str
) -> None:
    path = tmp_path / f"acak{suffix}"
    path.write_bytes(magic + body)
    attempt(services, path)


@FUZZ
@given(data=st.data())
def test_damaged_workbooks_are_refused_cleanly(
    services: Services, tmp_path: Path, data: st.DataObject
) -> None:
    original = tmp_path / "asli.xlsx"
    if not original.exists():
        write_xlsx(original, portal_rows(3))
    content = bytearray(original.read_bytes())
    for _ in range(data.draw(st.integers(1, 6), label="mutations")):
        position = data.draw(st.integers(0, len(content) - 1), label="position")
        content[position] = data.draw(st.integers(0, 255), label="byte")
    cut = data.draw(st.integers(len(content) // 3, len(content)), label="length")
    damaged = tmp_path / "rusak.xlsx"
    damaged.write_bytes(bytes(content[:cut]))
    attempt(services, damaged)


@FUZZ
@given(table=tables())
def test_random_cells_in_random_columns(
    services: Services, tmp_path: Path, table: tuple[list[str], list[list[Any]], str, bool]
) -> None:
    headers, rows, kind, metadata = table
    path = tmp_path / f"acak.{kind}"
    write_table(path, headers, rows, metadata)
    attempt(services, path)


def test_the_fuzzer_reaches_commits(services: Services, tmp_path: Path) -> None:
    """A table the strategies can draw imports; the fuzz tests are not all refusals."""
    headers = ["Tracking ID", "Tanggal Laporan Masuk", "Judul Laporan"]
    write_table(tmp_path / "ok.csv", headers,
                [[5_216_801, date(2022, 5, 1), "Judul"], [5_216_802, "06 Agu 2022", None],
                 [5_216_803, datetime(2022, 1, 1, 8, 0), time(8, 0)]], False)
    attempt(services, tmp_path / "ok.csv")
    assert services.imports.batches()[0].new == 3
