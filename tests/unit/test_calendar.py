"""The working-day calendar: Indonesian holidays and cuti bersama, overrides, working-day sums."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lapor_desk.domain.calendar import Holiday, HolidayOverride, WorkingCalendar

D = date


# --- the real calendar (the ``holidays`` package), checked against the 2022 decree ------------


def test_idul_fitri_2022_and_its_cuti_bersama_are_days_off() -> None:
    calendar = WorkingCalendar()

    for day in (
        D(2022, 4, 29),
        D(2022, 5, 2),
        D(2022, 5, 3),
        D(2022, 5, 4),
        D(2022, 5, 5),
        D(2022, 5, 6),
    ):
        assert not calendar.is_working_day(day), day
    assert calendar.is_working_day(D(2022, 4, 28))
    assert calendar.is_working_day(D(2022, 5, 9))


def test_three_working_days_after_28_april_2022_skip_the_lebaran_break() -> None:
    calendar = WorkingCalendar()

    assert calendar.add_working_days(D(2022, 4, 28), 3) == D(2022, 5, 11)
    assert calendar.working_days_between(D(2022, 4, 28), D(2022, 5, 11)) == 3


def test_independence_day_is_a_day_off_with_its_indonesian_name() -> None:
    calendar = WorkingCalendar()

    assert not calendar.is_working_day(D(2022, 8, 17))
    assert calendar.holiday(D(2022, 8, 17)) == Holiday(
        D(2022, 8, 17), "Hari Kemerdekaan Republik Indonesia", "public"
    )
    assert calendar.add_working_days(D(2022, 8, 16), 1) == D(2022, 8, 18)


def test_weekends_are_not_working_days_but_are_no_holidays_either() -> None:
    calendar = WorkingCalendar()

    assert not calendar.is_working_day(D(2022, 11, 12))  # Saturday
    assert not calendar.is_working_day(D(2022, 11, 13))  # Sunday
    assert calendar.holiday(D(2022, 11, 12)) is None
    assert calendar.is_working_day(D(2022, 11, 15))
    assert calendar.holiday(D(2022, 11, 15)) is None


def test_holidays_between_lists_the_lebaran_break_in_indonesian_in_date_order() -> None:
    calendar = WorkingCalendar()

    listed = calendar.holidays_between(D(2022, 4, 29), D(2022, 5, 8))

    assert [(h.day, h.name, h.kind) for h in listed] == [
        (D(2022, 4, 29), "Cuti Bersama Hari Raya Idul Fitri", "cuti_bersama"),
        (D(2022, 5, 1), "Hari Buruh Internasional", "public"),
        (D(2022, 5, 2), "Hari Raya Idul Fitri", "public"),
        (D(2022, 5, 3), "Hari kedua dari Hari Raya Idul Fitri", "public"),
        (D(2022, 5, 4), "Cuti Bersama Hari Raya Idul Fitri", "cuti_bersama"),
        (D(2022, 5, 5), "Cuti Bersama Hari Raya Idul Fitri", "cuti_bersama"),
        (D(2022, 5, 6), "Cuti Bersama Hari Raya Idul Fitri", "cuti_bersama"),
    ]


def test_holidays_between_includes_both_ends_and_nothing_outside() -> None:
    calendar = WorkingCalendar()

    assert [h.day for h in calendar.holidays_between(D(2022, 5, 2), D(2022, 5, 3))] == [
        D(2022, 5, 2),
        D(2022, 5, 3),
    ]
    assert calendar.holidays_between(D(2022, 5, 7), D(2022, 5, 15)) == []


def test_cuti_bersama_can_count_as_working_days() -> None:
    calendar = WorkingCalendar(cuti_bersama_off=False)

    assert not calendar.cuti_bersama_off
    assert calendar.is_working_day(D(2022, 4, 29))
    assert calendar.holiday(D(2022, 4, 29)) is None
    assert not calendar.is_working_day(D(2022, 5, 2))  # Idul Fitri itself stays a day off
    assert calendar.add_working_days(D(2022, 4, 28), 3) == D(2022, 5, 5)
    assert [h.kind for h in calendar.holidays_between(D(2022, 4, 29), D(2022, 5, 8))] == [
        "public",
        "public",
        "public",
    ]


def test_cuti_bersama_counts_as_day_off_by_default() -> None:
    assert WorkingCalendar().cuti_bersama_off


def test_a_day_off_added_by_the_user_moves_deadlines() -> None:
    added = HolidayOverride(D(2022, 12, 26), True, "Cuti Bersama Hari Raya Natal")
    calendar = WorkingCalendar(overrides=[added])

    assert not calendar.is_working_day(D(2022, 12, 26))
    assert calendar.holiday(D(2022, 12, 26)) == Holiday(
        D(2022, 12, 26), "Cuti Bersama Hari Raya Natal", "override"
    )
    assert calendar.add_working_days(D(2022, 12, 23), 1) == D(2022, 12, 27)


def test_a_day_off_added_without_a_note_still_has_a_name(language: str) -> None:
    calendar = WorkingCalendar(overrides=[HolidayOverride(D(2022, 12, 26), True)])

    holiday = calendar.holiday(D(2022, 12, 26))

    assert holiday is not None
    assert holiday.kind == "override"
    assert isinstance(holiday.name, str)
    assert holiday.name.strip()


def test_a_day_off_removed_by_the_user_becomes_a_working_day() -> None:
    removed = HolidayOverride(D(2022, 4, 29), False, "SKB revised")
    calendar = WorkingCalendar(overrides=[removed])

    assert calendar.is_working_day(D(2022, 4, 29))
    assert calendar.holiday(D(2022, 4, 29)) is None
    assert calendar.add_working_days(D(2022, 4, 28), 1) == D(2022, 4, 29)
    # The rest of the break is untouched.
    assert calendar.add_working_days(D(2022, 4, 28), 2) == D(2022, 5, 9)


def test_removing_a_public_holiday_makes_it_a_working_day() -> None:
    calendar = WorkingCalendar(overrides=[HolidayOverride(D(2022, 8, 17), False)])

    assert calendar.is_working_day(D(2022, 8, 17))


def test_removing_a_day_that_was_no_holiday_changes_nothing() -> None:
    plain = WorkingCalendar()
    calendar = WorkingCalendar(overrides=[HolidayOverride(D(2022, 11, 15), False)])

    assert calendar.is_working_day(D(2022, 11, 15))
    assert calendar.working_days_between(D(2022, 1, 1), D(2022, 12, 31)) == (
        plain.working_days_between(D(2022, 1, 1), D(2022, 12, 31))
    )


def test_overrides_apply_in_their_own_year_whenever_that_year_is_first_used() -> None:
    calendar = WorkingCalendar(
        overrides=[
            HolidayOverride(D(2022, 12, 26), True, "Cuti Bersama Natal 2022"),
            HolidayOverride(D(2024, 2, 9), False, "Dibatalkan"),
            HolidayOverride(D(2024, 3, 1), True, "Libur kantor"),
        ]
    )

    assert calendar.is_working_day(D(2022, 12, 27))  # 2022 loaded first
    assert not calendar.is_working_day(D(2022, 12, 26))
    assert calendar.is_working_day(D(2024, 2, 9))  # 2024 loaded later
    assert not calendar.is_working_day(D(2024, 3, 1))


def test_counting_across_the_new_year() -> None:
    calendar = WorkingCalendar()

    assert calendar.add_working_days(D(2022, 12, 30), 1) == D(2023, 1, 2)
    # 26–30 December 2022 and 2–6 January 2023.
    assert calendar.working_days_between(D(2022, 12, 23), D(2023, 1, 6)) == 10
    assert [h.name for h in calendar.holidays_between(D(2022, 12, 24), D(2023, 1, 1))] == [
        "Hari Raya Natal",
        "Tahun Baru Masehi",
    ]


def test_years_asked_out_of_order_give_the_same_answers() -> None:
    forward, backward = WorkingCalendar(), WorkingCalendar()

    forward.is_working_day(D(2021, 6, 1))
    backward.is_working_day(D(2024, 6, 1))

    for calendar in (forward, backward):
        assert calendar.working_days_between(D(2021, 1, 1), D(2024, 12, 31)) == (
            WorkingCalendar().working_days_between(D(2021, 1, 1), D(2024, 12, 31))
        )
        assert calendar.add_working_days(D(2022, 4, 28), 3) == D(2022, 5, 11)


def test_a_closure_longer_than_the_lookahead_still_finds_the_next_working_day() -> None:
    # The office shuts from 15 November to the end of 2022, e.g. after a decree.
    closure = [
        HolidayOverride(D(2022, 11, 15) + timedelta(days=i), True, "Kantor tutup")
        for i in range(47)
    ]
    calendar = WorkingCalendar(overrides=closure)

    assert calendar.add_working_days(D(2022, 11, 14), 1) == D(2023, 1, 2)
    assert calendar.add_working_days(D(2022, 11, 14), 2) == D(2023, 1, 3)


def test_a_year_has_a_plausible_number_of_working_days() -> None:
    # 260 weekdays in 2022 minus the holidays and cuti bersama that fall on weekdays.
    assert WorkingCalendar().working_days_between(D(2021, 12, 31), D(2022, 12, 31)) == 246


def test_zero_days_is_the_start_itself_even_on_a_holiday() -> None:
    calendar = WorkingCalendar()

    assert calendar.add_working_days(D(2022, 8, 17), 0) == D(2022, 8, 17)


def test_counting_backwards_is_negative() -> None:
    calendar = WorkingCalendar()

    assert calendar.working_days_between(D(2022, 5, 11), D(2022, 4, 28)) == -3
    assert calendar.working_days_between(D(2022, 5, 11), D(2022, 5, 11)) == 0


def test_negative_days_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        WorkingCalendar().add_working_days(D(2022, 5, 11), -1)


def overlapping_source(year: int) -> tuple[dict[date, str], dict[date, str]]:
    """A decree that also lists a public holiday (Monday 2 January) as cuti bersama."""
    public = {D(year, 1, 2): "Tahun Baru Masehi"}
    cuti = {D(year, 1, 2): "Cuti Bersama Tahun Baru", D(year, 1, 3): "Cuti Bersama Tahun Baru"}
    return public, cuti


@pytest.mark.parametrize("cuti_bersama_off", [True, False])
def test_a_public_holiday_also_listed_as_cuti_bersama_stays_a_public_holiday(
    cuti_bersama_off: bool,
) -> None:
    calendar = WorkingCalendar(source=overlapping_source, cuti_bersama_off=cuti_bersama_off)

    assert calendar.holiday(D(2023, 1, 2)) == Holiday(D(2023, 1, 2), "Tahun Baru Masehi", "public")
    assert not calendar.is_working_day(D(2023, 1, 2))
    assert calendar.is_working_day(D(2023, 1, 3)) is not cuti_bersama_off


def long_closure_source(year: int) -> tuple[dict[date, str], dict[date, str]]:
    """Every day from 15 November 2022 to the end of 2023 is a day off: a whole empty year."""
    first = max(D(year, 1, 1), D(2022, 11, 15))
    last = min(D(year, 12, 31), D(2023, 12, 31))
    return {first + timedelta(days=i): "Libur" for i in range((last - first).days + 1)}, {}


def test_however_long_the_days_off_the_next_working_day_is_found() -> None:
    for start in (D(2022, 11, 14), D(2022, 12, 30), D(2023, 6, 1)):
        calendar = WorkingCalendar(source=long_closure_source)

        assert calendar.add_working_days(start, 1) == D(2024, 1, 1)
        assert calendar.add_working_days(start, 2) == D(2024, 1, 2)
    assert calendar.working_days_between(D(2022, 11, 14), D(2024, 1, 1)) == 1


# --- the algebra of working days, as properties ------------------------------------------------


def fake_source(year: int) -> tuple[dict[date, str], dict[date, str]]:
    """Deterministic made-up holidays: scattered days plus a ten-day cuti bersama block."""
    rng = random.Random(year)
    first = D(year, 1, 1)
    length = (D(year + 1, 1, 1) - first).days
    public = {first + timedelta(days=d): f"Libur {d}" for d in rng.sample(range(length), 15)}
    cuti = {first + timedelta(days=d): f"Cuti {d}" for d in rng.sample(range(length), 5)}
    block = rng.randrange(length - 10)
    cuti.update({first + timedelta(days=block + i): "Cuti panjang" for i in range(10)})
    return public, cuti


FAKE = {off: WorkingCalendar(source=fake_source, cuti_bersama_off=off) for off in (True, False)}
REAL = WorkingCalendar()

fake_days = st.dates(min_value=D(1990, 1, 1), max_value=D(2080, 12, 31))
real_days = st.dates(min_value=D(2015, 1, 1), max_value=D(2035, 12, 31))
calendars = st.sampled_from([FAKE[True], FAKE[False]])
counts = st.integers(min_value=0, max_value=400)


@given(calendars, fake_days, counts)
def test_counting_back_the_days_added_gives_the_same_number(
    calendar: WorkingCalendar, start: date, n: int
) -> None:
    assert calendar.working_days_between(start, calendar.add_working_days(start, n)) == n


@given(real_days, counts)
def test_counting_back_the_days_added_gives_the_same_number_real(start: date, n: int) -> None:
    assert REAL.working_days_between(start, REAL.add_working_days(start, n)) == n


@given(calendars, fake_days, st.integers(min_value=1, max_value=400))
def test_the_result_of_adding_days_is_the_first_working_day_that_far(
    calendar: WorkingCalendar, start: date, n: int
) -> None:
    result = calendar.add_working_days(start, n)

    assert result > start
    assert calendar.is_working_day(result)
    assert calendar.holiday(result) is None
    assert calendar.working_days_between(start, result - timedelta(days=1)) == n - 1


@given(real_days, st.integers(min_value=1, max_value=400))
def test_the_result_of_adding_days_is_a_working_day_real(start: date, n: int) -> None:
    result = REAL.add_working_days(start, n)

    assert result > start
    assert REAL.is_working_day(result)
    assert REAL.working_days_between(start, result - timedelta(days=1)) == n - 1


@given(calendars, fake_days, fake_days, fake_days)
def test_counts_over_consecutive_spans_add_up(
    calendar: WorkingCalendar, a: date, b: date, c: date
) -> None:
    assert calendar.working_days_between(a, b) + calendar.working_days_between(
        b, c
    ) == calendar.working_days_between(a, c)


@given(real_days, real_days, real_days)
def test_counts_over_consecutive_spans_add_up_real(a: date, b: date, c: date) -> None:
    assert REAL.working_days_between(a, b) + REAL.working_days_between(
        b, c
    ) == REAL.working_days_between(a, c)


@given(calendars, fake_days, st.integers(1, 300), st.integers(1, 300))
def test_adding_in_two_steps_equals_adding_at_once(
    calendar: WorkingCalendar, start: date, m: int, n: int
) -> None:
    assert calendar.add_working_days(calendar.add_working_days(start, m), n) == (
        calendar.add_working_days(start, m + n)
    )


@given(real_days, st.integers(1, 300), st.integers(1, 300))
def test_adding_in_two_steps_equals_adding_at_once_real(start: date, m: int, n: int) -> None:
    assert REAL.add_working_days(REAL.add_working_days(start, m), n) == (
        REAL.add_working_days(start, m + n)
    )


@given(calendars, fake_days, fake_days)
def test_counting_backwards_is_the_negative_of_counting_forwards(
    calendar: WorkingCalendar, a: date, b: date
) -> None:
    assert calendar.working_days_between(a, b) == -calendar.working_days_between(b, a)


@given(real_days, real_days)
def test_counting_backwards_is_the_negative_of_counting_forwards_real(a: date, b: date) -> None:
    assert REAL.working_days_between(a, b) == -REAL.working_days_between(b, a)


@given(calendars, fake_days)
def test_a_day_counts_once_exactly_when_it_is_a_working_day(
    calendar: WorkingCalendar, day: date
) -> None:
    counted = calendar.working_days_between(day - timedelta(days=1), day)

    assert counted == (1 if calendar.is_working_day(day) else 0)
    if calendar.holiday(day) is not None:
        assert counted == 0


@given(fake_days, st.booleans(), st.booleans())
def test_an_override_decides_whether_a_weekday_is_worked(
    day: date, is_holiday: bool, cuti_bersama_off: bool
) -> None:
    calendar = WorkingCalendar(
        source=fake_source,
        cuti_bersama_off=cuti_bersama_off,
        overrides=[HolidayOverride(day, is_holiday, "Koreksi")],
    )

    if is_holiday:
        assert not calendar.is_working_day(day)
        assert calendar.holiday(day) == Holiday(day, "Koreksi", "override")
    else:
        assert calendar.is_working_day(day) == (day.weekday() < 5)
        assert calendar.holiday(day) is None
