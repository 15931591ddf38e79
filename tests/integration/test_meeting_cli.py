"""``lapor-desk meeting``, run as a user runs it: a real process on the demo register."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SIX = "BIRO-HUKUM,BIRO-OSDM,SETDITJEN-DAYASOS,SET-ITJEN,SETDITJEN-LINJAMSOS,PUSDATIN"


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


def test_meeting_list_json_and_text(demo_copy: Path, tmp_path: Path) -> None:
    result = lapor("--db", str(demo_copy), "meeting", "list", "--json", home=tmp_path)
    assert result.returncode == 0, result.stderr
    meetings = json.loads(result.stdout)["meetings"]
    assert [(m["number"], m["date"], m["status"]) for m in meetings] == [
        ("2/2022", "2022-11-15", "closed"),
        ("1/2022", "2022-09-22", "minutes_approved"),
    ]
    main = meetings[0]
    assert main["attendees"] == 20 and isinstance(main["id"], int)
    assert main["units"] == SIX.split(",")
    assert main["title"].startswith("Rapat Implementasi Renaksi SP4N-LAPOR!")

    text = lapor("--db", str(demo_copy), "meeting", "list", home=tmp_path)
    assert text.returncode == 0, text.stderr
    assert "15 November 2022" in text.stdout and "Notula disahkan" in text.stdout
    assert "2/2022" in text.stdout.splitlines()[2]  # newest first, under the header


def test_meeting_agenda_is_grouped_by_unit_in_the_order_given(
    demo_copy: Path, tmp_path: Path
) -> None:
    result = lapor("--db", str(demo_copy), "meeting", "agenda", "--units", "pusdatin,SET-ITJEN",
                   "--cutoff", "2022-11-14", "--meeting-date", "2022-11-22", "--json",
                   home=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["cutoff"], data["meeting_date"]) == ("2022-11-14", "2022-11-22")
    assert [u["abbreviation"] for u in data["units"]] == ["PUSDATIN", "SET-ITJEN"]
    pusdatin = data["units"][0]
    assert pusdatin["last_meeting"] == "2/2022"
    assert pusdatin["total"] == len(pusdatin["items"]) > 100
    kinds = {i["kind"] for i in pusdatin["items"]}
    assert kinds == {"complaint", "carry_over"}
    carried = [i for i in pusdatin["items"] if i["kind"] == "carry_over"]
    # Open actions of the 22 September meeting were carried on 15 November: now the second time.
    assert {i["origin_meeting"] for i in carried} >= {"1/2022", "2/2022"}
    assert max(i["carried_count"] for i in carried) == 2
    first = pusdatin["items"][0]
    assert "overdue" in first["reasons"] and first["tracking_id"].isdigit()

    text = lapor("--db", str(demo_copy), "meeting", "agenda", "--units", "SET-ITJEN",
                 "--cutoff", "2022-10-31", "--limit", "3", home=tmp_path)
    assert text.returncode == 0, text.stderr
    assert "Sekretariat Inspektorat Jenderal (SET-ITJEN): 3 dari" in text.stdout
    assert "Mendesak" in text.stdout and "hari kerja" in text.stdout


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("meeting", "agenda", "--units", "PUSDATIN,NOPE", "--cutoff", "2022-10-31"), 1),
        (("meeting", "agenda", "--units", "PUSDATIN", "--cutoff", "31-10-2022"), 2),
        (("meeting", "agenda", "--units", "PUSDATIN", "--cutoff", "2022-10-31", "--limit", "0"),
         2),
        (("meeting",), 2),
    ],
)
def test_bad_arguments_give_one_line(
    args: tuple[str, ...], code: int, demo_copy: Path, tmp_path: Path
) -> None:
    result = lapor("--db", str(demo_copy), *args, home=tmp_path)
    assert result.returncode == code
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
