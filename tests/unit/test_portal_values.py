"""Cell values of portal exports: dates, times, privacy, numbers, channels, the status rule."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lapor_desk.domain import portal_values as pv
from lapor_desk.domain.enums import InternalStatus as S
from lapor_desk.domain.errors import ValidationError
from lapor_desk.domain.lifecycle import ALLOWED_TRANSITIONS

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember")
MONTHS_ID_SHORT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov",
                   "Des")

# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("29 May 2023", (date(2023, 5, 29), None)),
        ("06 Agu 2023", (date(2023, 8, 6), None)),
        ("6 Agustus 2023", (date(2023, 8, 6), None)),
        ("06 Agt 2023", (date(2023, 8, 6), None)),
        ("Senin, 7 Agustus 2023", (date(2023, 8, 7), None)),
        ("29-Mei-2023", (date(2023, 5, 29), None)),
        ("29 Sept. 2022 08:30", (date(2022, 9, 29), time(8, 30))),
        ("2023-05-29", (date(2023, 5, 29), None)),
        ("2023-05-29 08:30:01", (date(2023, 5, 29), time(8, 30, 1))),
        ("2023-05-29T08:30:01.250", (date(2023, 5, 29), time(8, 30, 1))),
        ("29/05/2023", (date(2023, 5, 29), None)),
        ("29.05.2023 14.05", (date(2023, 5, 29), time(14, 5))),
        (" 45075 ", (date(2023, 5, 29), None)),
        (45075, (date(2023, 5, 29), None)),
        (45075.5, (date(2023, 5, 29), time(12, 0))),
        (datetime(2023, 5, 29, 8, 30, 1, 999), (date(2023, 5, 29), time(8, 30, 1))),
        (datetime(2023, 5, 29, 8, 30, 0, 999_500), (date(2023, 5, 29), time(8, 30, 1))),
        (date(2023, 5, 29), (date(2023, 5, 29), None)),
    ],
)
def test_portal_dates_in_every_spelling(cell: object, expected: tuple[date, time | None]) -> None:
    assert pv.parse_portal_date(cell) == expected


@pytest.mark.parametrize(
    "cell",
    ["", None, True, "29 Foo 2023", "31 Feb 2023", "05/29/2023", "29 May 1999", "2023-13-01",
     "tomorrow", 12.0, 5216807.0, float("nan"), float("inf"), time(8, 0), "2023-05-29 25:00",
     "2023-05-29 10:61", date(1990, 1, 1), "29 May 2101"],
)
def test_not_a_date(cell: object) -> None:
    with pytest.raises(ValidationError) as raised:
        pv.parse_portal_date(cell)
    assert raised.value.message


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)), st.integers(0, 4))
def test_any_date_written_any_way_reads_back(day: date, style: int) -> None:
    written: object = [
        f"{day.day:02d} {MONTHS_EN[day.month - 1]} {day.year}",
        f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}",
        f"{day.day:02d} {MONTHS_ID_SHORT[day.month - 1]} {day.year}",
        day.isoformat(),
        (day - pv.EXCEL_EPOCH).days,
    ][style]
    assert pv.parse_portal_date(written) == (day, None)


# --- times ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("08:30:01", time(8, 30, 1)),
        ("8.30", time(8, 30)),
        (time(8, 30, 1, 5), time(8, 30, 1)),
        (time(8, 30, 0, 999_000), time(8, 30, 1)),
        (time(23, 59, 59, 900_000), time(23, 59, 59)),
        (datetime(2023, 1, 1, 23, 59, 59), time(23, 59, 59)),
        (timedelta(hours=8, minutes=30), time(8, 30)),
        (0.5, time(12, 0)),
        (0, time(0, 0)),
        ("", None),
        (None, None),
    ],
)
def test_times(cell: object, expected: time | None) -> None:
    assert pv.parse_portal_time(cell) == expected


@pytest.mark.parametrize("cell", ["25:00:00", "noon", 1.5, -0.1, timedelta(days=1), "8:7"])
def test_not_a_time(cell: object) -> None:
    with pytest.raises(ValidationError):
        pv.parse_portal_time(cell)


# --- privacy, numbers, text --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Anonim|Rahasia", (True, True)),
        ("Anonim", (True, False)),
        (" rahasia ", (False, True)),
        ("Rahasia, Anonim", (True, True)),
        ("Anonim dan Rahasia", (True, True)),
        ("", (False, False)),
        (None, (False, False)),
    ],
)
def test_privacy(cell: object, expected: tuple[bool, bool]) -> None:
    assert pv.parse_privacy(cell) == expected


def test_unknown_privacy_value_is_an_error_naming_it() -> None:
    with pytest.raises(ValidationError, match="Publik"):
        pv.parse_privacy("Publik")


def test_privacy_text_is_the_portal_spelling() -> None:
    assert pv.privacy_text(True, True) == "Anonim|Rahasia"
    assert pv.privacy_text(False, True) == "Rahasia"
    assert pv.privacy_text(False, False) == ""


@pytest.mark.parametrize(
    ("cell", "expected"), [(957, 957), (957.0, 957), ("1443", 1443), ("1443.0", 1443), ("", None)]
)
def test_whole_numbers(cell: object, expected: int | None) -> None:
    assert pv.parse_whole_number(cell, "category_id") == expected


@pytest.mark.parametrize("cell", [True, 9.5, "abc", "-3", 2**40, "99999999999", datetime.now()])
def test_not_whole_numbers(cell: object) -> None:
    with pytest.raises(ValidationError):
        pv.parse_whole_number(cell, "rating")


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (None, ""),
        ("  dua  spasi\n", "  dua  spasi\n"),
        (True, "TRUE"),
        (False, "FALSE"),
        (5216807.0, "5216807"),
        (2.5, "2.5"),
        (7, "7"),
        (datetime(2023, 5, 29, 8, 0), "2023-05-29 08:00:00"),
        (date(2023, 5, 29), "2023-05-29"),
        (time(8, 0), "08:00:00"),
    ],
)
def test_cell_text(cell: object, text: str) -> None:
    assert pv.cell_text(cell) == text


@pytest.mark.parametrize(
    ("cell", "lost"),
    [(3174051206850000.0, True), (3174051206850003, True), ("3,17405E+15", True),
     ("3.17405e15", True), ("3174051206850003", False), (5216807, False), (True, False),
     (float("inf"), False), (None, False)],
)
def test_digits_lost(cell: object, lost: bool) -> None:
    assert pv.digits_lost(cell) is lost


def test_blank_and_header_matching() -> None:
    assert pv.is_blank(None) and pv.is_blank("  \t") and not pv.is_blank(0)
    assert pv.canonical_header(" Tracking  ID ") == pv.canonical_header("TRACKING_ID")
    assert pv.canonical_header("ＴｒａｃｋｉｎｇＩＤ") == "trackingid"  # full-width letters


def test_control_characters_are_removed_but_line_breaks_kept() -> None:
    assert pv.strip_control("a\x00b\tc\r\nd\x1f") == ("ab\tc\r\nd", True)
    assert pv.strip_control("biasa") == ("biasa", False)


# --- channels and periods ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "name", "own"),
    [
        ("Website - kementerian-sosial", "Website - kementerian-sosial", True),
        ("website-Kementerian-Sosial ", "Website - kementerian-sosial", True),
        ("Website - kemenkes", "Website - kemenkes", False),
        ("Website", "Website", False),
        ("Website Institusi", "Website Institusi", False),
        (None, "", False),
    ],
)
def test_channel_prefix_route(cell: object, name: str, own: bool) -> None:
    channel = pv.parse_channel(cell)
    assert channel.name == name
    assert channel.is_own_prefix("kementerian-sosial") is own


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(2021-01-01) - (2024-12-31)", (date(2021, 1, 1), date(2024, 12, 31))),
        ("2022-01-01 s.d. 2022-10-31", (date(2022, 1, 1), date(2022, 10, 31))),
        ("(2024-12-31) - (2021-01-01)", None),
        ("(2021-02-30) - (2021-03-01)", None),
        ("semua", None),
    ],
)
def test_period(text: str, expected: tuple[date, date] | None) -> None:
    assert pv.parse_period(text) == expected


# --- formula neutralisation ----------------------------------------------------------------------


@given(st.text(max_size=20))
def test_neutralised_text_restores_exactly_and_never_starts_a_formula(text: str) -> None:
    written = pv.neutralise_formula(text)
    assert not written.startswith(pv.FORMULA_TRIGGERS)
    assert pv.restore_formula(written) == text


def test_neutralise_examples() -> None:
    assert pv.neutralise_formula("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert pv.neutralise_formula("- bantuan") == "'- bantuan"
    assert pv.neutralise_formula("'kutip") == "''kutip"
    assert pv.neutralise_formula("biasa") == "biasa"
    assert pv.restore_formula("'biasa") == "'biasa"  # not ours: left alone


# --- LAPOR Desk's own columns ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("Proses", S.PROSES), ("belum_ditindaklanjuti", S.BELUM_DITINDAKLANJUTI),
     ("Menunggu Kelengkapan", S.MENUNGGU_KELENGKAPAN), ("", None)],
)
def test_internal_status_names(cell: str, expected: S | None) -> None:
    assert pv.parse_internal_status(cell) is expected


def test_unknown_internal_status_names_the_value() -> None:
    with pytest.raises(ValidationError, match="Kadaluarsa"):
        pv.parse_internal_status("Kadaluarsa")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("Ya", True), ("tidak", False), ("", False), (True, True), (False, False), (1, True),
     ("0", False)],
)
def test_yes_no(cell: object, expected: bool) -> None:
    assert pv.parse_yes_no(cell) is expected


def test_yes_no_refuses_anything_else() -> None:
    with pytest.raises(ValidationError, match="mungkin"):
        pv.parse_yes_no("mungkin")


# --- the status an import may set ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "portal", "move"),
    [
        (S.PROSES, S.PROSES, pv.ImportMove.SAME),
        # "Terverifikasi" on the portal must not undo work recorded here.
        (S.PROSES, S.BELUM_DITINDAKLANJUTI, pv.ImportMove.KEEP_BEHIND),
        (S.SELESAI, S.BELUM_DITINDAKLANJUTI, pv.ImportMove.KEEP_BEHIND),
        (S.SELESAI, S.PROSES, pv.ImportMove.KEEP_BEHIND),
        # Forward, even over steps the portal took on its own.
        (S.BELUM_TERVERIFIKASI, S.SELESAI, pv.ImportMove.MOVE),
        (S.BELUM_DITINDAKLANJUTI, S.SELESAI, pv.ImportMove.MOVE),
        # Side statuses follow the lifecycle.
        (S.PROSES, S.DIARSIPKAN, pv.ImportMove.MOVE),
        (S.MENUNGGU_KELENGKAPAN, S.BELUM_DITINDAKLANJUTI, pv.ImportMove.MOVE),
        (S.DIARSIPKAN, S.BELUM_DITINDAKLANJUTI, pv.ImportMove.MOVE),
        (S.SELESAI, S.DIARSIPKAN, pv.ImportMove.KEEP_FORBIDDEN),
        (S.PROSES, S.TERBLOKIR, pv.ImportMove.KEEP_FORBIDDEN),
        (S.DIARSIPKAN, S.SELESAI, pv.ImportMove.KEEP_FORBIDDEN),
    ],
)
def test_import_status_rule(current: S, portal: S, move: pv.ImportMove) -> None:
    assert pv.import_move(current, portal) is move


@given(st.sampled_from(list(S)), st.sampled_from(list(S)))
def test_import_moves_follow_the_lifecycle_or_go_forward(current: S, portal: S) -> None:
    if pv.import_move(current, portal) is pv.ImportMove.MOVE:
        forward = (current in pv.MAIN_LINE and portal in pv.MAIN_LINE
                   and pv.MAIN_LINE.index(portal) > pv.MAIN_LINE.index(current))
        assert forward or portal in ALLOWED_TRANSITIONS[current]
