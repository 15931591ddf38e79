"""The headless command line, run as a user runs it: a real process on a real register."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixtures_portal import portal_rows, write_csv


def lapor(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lapor_desk", *args],
        capture_output=True, text=True, timeout=120,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin", "XDG_DATA_HOME": str(home / "data")},
    )


@pytest.fixture
def demo_copy(demo_register: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "x.db"
    shutil.copy(demo_register, copy)
    return copy


def test_stats_reports_4447_in_indonesian_format(demo_copy: Path, tmp_path: Path) -> None:
    result = lapor("--db", str(demo_copy), "stats", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Jumlah pengaduan: 4.447" in result.stdout
    assert "Biro Hubungan Masyarakat (BIRO-HUMAS)" in result.stdout
    assert "%" in result.stdout and "," in result.stdout  # 98,6% style


def test_stats_json_has_the_documented_shape(demo_copy: Path, tmp_path: Path) -> None:
    result = lapor("--db", str(demo_copy), "stats", "--json", "--as-of", "2022-11-14",
                   home=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["total"] == 4447
    assert sum(data["by_status"].values()) == 4447
    assert sum(data["by_topic"].values()) == 4447
    humas = next(u for u in data["by_unit"] if u["abbreviation"] == "BIRO-HUMAS")
    others = [u for u in data["by_unit"] if u["abbreviation"] != "BIRO-HUMAS"]
    assert {"unit", "abbreviation", "received", "followed_up_rate", "completed_rate",
            "avg_first_response_workdays", "overdue"} <= set(humas)
    assert all(humas["avg_first_response_workdays"] < u["avg_first_response_workdays"]
               for u in others)


def test_calendar_lists_holidays_with_indonesian_names(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    lapor("--db", str(db), "demo", home=tmp_path)
    result = lapor("--db", str(db), "calendar", "--from", "2022-04-25", "--to", "2022-05-13",
                   home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Hari Raya Idul Fitri" in result.stdout
    assert "Cuti Bersama" in result.stdout
    assert "9 hari kerja" in result.stdout  # 25–28 April and 9–13 May 2022
    data = json.loads(lapor("--db", str(db), "calendar", "--from", "2022-04-25", "--to",
                            "2022-05-13", "--json", home=tmp_path).stdout)
    assert data["working_days"] == 9
    assert {h["date"] for h in data["holidays"]} >= {"2022-04-29", "2022-05-02", "2022-05-06"}


@pytest.mark.parametrize(
    "args",
    [
        ("stats", "--as-of", "14-11-2022"),
        ("calendar", "--from", "2022-01-10"),
        ("nonsense",),
    ],
)
def test_bad_arguments_give_one_line_and_no_traceback(
    args: tuple[str, ...], demo_copy: Path, tmp_path: Path
) -> None:
    result = lapor("--db", str(demo_copy), *args, home=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_and_corrupt_registers(tmp_path: Path) -> None:
    missing = lapor("--db", str(tmp_path / "nope.db"), "stats", home=tmp_path)
    assert missing.returncode == 1
    assert "tidak ditemukan" in missing.stderr and "Traceback" not in missing.stderr
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"\x00garbage" * 500)
    corrupt = lapor("--db", str(broken), "stats", home=tmp_path)
    assert corrupt.returncode == 1
    assert len(corrupt.stderr.strip().splitlines()) == 1 and "Traceback" not in corrupt.stderr
    assert broken.read_bytes() == b"\x00garbage" * 500  # left exactly as it was


def test_a_register_locked_by_another_program_is_told_in_one_line(
    demo_copy: Path, tmp_path: Path
) -> None:
    export = write_csv(tmp_path / "export.csv", portal_rows(5, seed=3))
    other = sqlite3.connect(demo_copy)
    other.execute("BEGIN IMMEDIATE")  # as the desktop app does while it writes
    try:
        # The import waits the register's five seconds for the lock, then gives up.
        locked = lapor("--db", str(demo_copy), "import", str(export), "--yes", home=tmp_path)
    finally:
        other.rollback()
        other.close()
    assert locked.returncode == 1 and "Traceback" not in locked.stderr, locked.stderr
    assert locked.stderr.strip().splitlines()[-1] == (
        "lapor-desk: Program atau jendela lain sedang mengunci register: tidak ada yang diubah. "
        "Coba lagi sebentar lagi.")
    imported = lapor("--db", str(demo_copy), "import", str(export), "--yes", home=tmp_path)
    assert imported.returncode == 0, imported.stderr


def test_english_is_available(demo_copy: Path, tmp_path: Path) -> None:
    result = lapor("--lang", "en", "--db", str(demo_copy), "stats", home=tmp_path)
    assert result.returncode == 0
    assert "Total complaints: 4,447" in result.stdout
