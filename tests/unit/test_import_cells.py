"""The importer's fast cell checks give exactly the answers of the plain rules they replace."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lapor_desk.domain import portal_values as pv
from lapor_desk.domain.errors import ValidationError
from lapor_desk.services.importer.cells import Memo, clock_time, has_control, is_blank_row

#: Every kind of value a spreadsheet or CSV reader hands over.
CELLS = st.one_of(
    st.none(), st.text(max_size=12), st.sampled_from(["", " ", "\t\n", "\u3000", "\xa0", "x"]),
    st.integers(), st.floats(), st.booleans(), st.dates(), st.datetimes(), st.times(),
    st.timedeltas(),
)


def test_control_characters_are_found_exactly_where_the_pattern_finds_them() -> None:
    # Every character of the Basic Multilingual Plane (lone surrogates included), alone and
    # inside other text, and a sample of the planes above it.
    characters = [chr(c) for c in range(0x10000)] + [chr(c) for c in range(0x10000, 0x110000,
                                                                             997)]
    for character in characters:
        expected = pv.CONTROL_CHARACTERS.search(character) is not None
        assert has_control(character) is expected, hex(ord(character))
        assert has_control(f"Laporan é {character} 😀") is expected, hex(ord(character))
    assert not has_control("Baris satu\nbaris dua\r\n\tdengan tab")


@given(st.text())
def test_control_check_agrees_with_the_pattern_on_any_text(text: str) -> None:
    assert has_control(text) is (pv.CONTROL_CHARACTERS.search(text) is not None)


@given(st.lists(CELLS, max_size=6))
def test_a_blank_row_is_one_of_blank_cells_only(cells: list[object]) -> None:
    assert is_blank_row(cells) is all(pv.is_blank(c) for c in cells)


@pytest.mark.parametrize("cell", [
    "08:30:01", "23:59:59", "00:00:00", "24:00:00", "23:60:00", "12:34:60", "8:30:01",
    "08:30", "08.30.01", " 08:30:01", "08:30:01 ", "１２:３４:５６", "ab:cd:ef", "",
    time(8, 30, 1), time(8, 30, 1, 400_000), time(23, 59, 59, 700_000),
    time(8, 30, tzinfo=UTC), time(0, 0),
])
def test_a_clock_time_is_read_as_the_portal_parser_reads_it(cell: object) -> None:
    fast = clock_time(cell)
    if fast is None:
        return  # left to parse_portal_time
    parsed = pv.parse_portal_time(cell)
    assert fast == parsed and (fast.tzinfo, fast.microsecond) == (parsed.tzinfo,
                                                                     parsed.microsecond)


@given(st.one_of(st.times(), st.times().map(lambda t: t.isoformat(timespec="seconds")),
                 st.text(alphabet="0123456789:", min_size=8, max_size=8)))
def test_clock_time_never_disagrees_with_the_portal_parser(cell: object) -> None:
    fast = clock_time(cell)
    if fast is not None:
        assert fast == pv.parse_portal_time(cell)


def test_the_memo_tells_equal_values_of_different_types_apart() -> None:
    seen: list[str] = []

    def parse(cell: object) -> str:
        seen.append(f"{type(cell).__name__}:{cell}")
        return seen[-1]

    memo = Memo(parse)
    cells: list[object] = [1, 1.0, True, "1", date(2022, 5, 29), datetime(2022, 5, 29),
                           timedelta(days=1), None]
    first = [memo(c) for c in cells]
    again = [memo(c) for c in cells]
    assert first == again == ["int:1", "float:1.0", "bool:True", "str:1", "date:2022-05-29",
                              "datetime:2022-05-29 00:00:00", "timedelta:1 day, 0:00:00",
                              "NoneType:None"]
    # Each (type, value) parsed once and then remembered; a cell of no known type every time.
    assert seen == [*first, "NoneType:None"]


def test_the_memo_raises_a_remembered_error_afresh() -> None:
    calls: list[object] = []

    def parse(cell: object) -> int:
        calls.append(cell)
        raise ValidationError("rating", f"Not a number: {cell}")

    memo = Memo(parse)
    errors = []
    for _attempt in range(2):
        with pytest.raises(ValidationError) as caught:
            memo("lima")
        errors.append(caught.value)
    assert calls == ["lima"]
    assert errors[0] is not errors[1] and errors[1].message == "Not a number: lima"
