"""The working-day calendar: Monday–Friday minus national holidays and cuti bersama.

Days are counted against a sorted index of working days, so adding or counting working days is a
binary search whatever the span; the index grows a year at a time when a date outside it is asked.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from lapor_desk.i18n import _


@dataclass(frozen=True, slots=True)
class HolidayOverride:
    """A user's correction: ``is_holiday`` adds ``day`` as a day off, ``False`` removes it."""

    day: date
    is_holiday: bool
    note: str = ""


@dataclass(frozen=True, slots=True)
class Holiday:
    """A day off other than a weekend, with its Indonesian name and where it came from."""

    day: date
    name: str
    kind: str  # "public", "cuti_bersama" or "override"


#: Supplies the (public holidays, cuti bersama) of one year, each day → Indonesian name.
HolidaySource = Callable[[int], tuple[Mapping[date, str], Mapping[date, str]]]


def package_holidays(year: int) -> tuple[dict[date, str], dict[date, str]]:
    """Indonesia's public holidays and cuti bersama of ``year`` from the ``holidays`` package."""
    public, cuti = _package_holidays(year)
    return dict(public), dict(cuti)


@functools.cache
def _package_holidays(year: int) -> tuple[tuple[tuple[date, str], ...], ...]:
    # The package builds a year in about a millisecond and every calendar of the process asks
    # for the same few years: each is built once (the tables are fixed for a package version).
    import holidays

    public = holidays.country_holidays("ID", years=year, categories=("public",), language="id")
    government = holidays.country_holidays(
        "ID", years=year, categories=("government",), language="id"
    )
    return tuple(public.items()), tuple(government.items())


class WorkingCalendar:
    """Answers which days are working days and does arithmetic in working days."""

    def __init__(
        self,
        *,
        source: HolidaySource = package_holidays,
        cuti_bersama_off: bool = True,
        overrides: Iterable[HolidayOverride] = (),
    ) -> None:
        self._source = source
        self._cuti_bersama_off = cuti_bersama_off
        self._overrides = {o.day: o for o in overrides}
        self._holidays: dict[date, Holiday] = {}
        self._years: set[int] = set()
        self._working: list[date] = []

    @property
    def cuti_bersama_off(self) -> bool:
        """Whether cuti bersama counts as a day off."""
        return self._cuti_bersama_off

    def _ensure(self, *days: date) -> None:
        missing = {d.year for d in days} - self._years
        if not missing:
            return
        # Keep the index contiguous: fill every year between the known range and the new ones.
        wanted = missing | self._years
        years = range(min(wanted), max(wanted) + 1)
        for year in years:
            if year in self._years:
                continue
            public, cuti = self._source(year)
            for day, name in public.items():
                self._holidays[day] = Holiday(day, name, "public")
            if self._cuti_bersama_off:
                for day, name in cuti.items():
                    self._holidays.setdefault(day, Holiday(day, name, "cuti_bersama"))
            for day, override in self._overrides.items():
                if day.year != year:
                    continue
                if override.is_holiday:
                    note = override.note or _("Day off (added)")
                    self._holidays[day] = Holiday(day, note, "override")
                else:
                    self._holidays.pop(day, None)
            self._years.add(year)
        first, last = date(years[0], 1, 1), date(years[-1], 12, 31)
        every_day = (first + timedelta(days=i) for i in range((last - first).days + 1))
        days_off = self._holidays  # the rule of _is_working, without a call per day
        self._working = [d for d in every_day if d.weekday() < 5 and d not in days_off]

    def _is_working(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self._holidays

    def is_working_day(self, day: date) -> bool:
        """True on a Monday–Friday that is no holiday (after the user's overrides)."""
        self._ensure(day)
        return self._is_working(day)

    def holiday(self, day: date) -> Holiday | None:
        """The holiday on ``day`` (a weekday or weekend), if any."""
        self._ensure(day)
        return self._holidays.get(day)

    def holidays_between(self, start: date, end: date) -> list[Holiday]:
        """Holidays from ``start`` to ``end`` inclusive, in date order."""
        self._ensure(start, end)
        return sorted(
            (h for h in self._holidays.values() if start <= h.day <= end), key=lambda h: h.day
        )

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative when end < start)."""
        self._ensure(start, end)
        if end < start:
            return -self.working_days_between(end, start)
        return bisect.bisect_right(self._working, end) - bisect.bisect_right(self._working, start)

    def add_working_days(self, start: date, days: int) -> date:
        """The ``days``-th working day after ``start``; ``start`` itself when ``days`` is 0."""
        if days < 0:
            raise ValueError("days must not be negative")
        if days == 0:
            return start
        # A year holds at least ~230 working days; make sure the index reaches far enough.
        self._ensure(start, start + timedelta(days=days * 2 + 30))
        index = bisect.bisect_right(self._working, start) + days - 1
        while index >= len(self._working):
            # The year after the last one loaded: that year may hold no working day at all.
            self._ensure(date(max(self._years) + 1, 1, 1))
        return self._working[index]
