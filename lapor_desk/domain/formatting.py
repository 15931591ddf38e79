"""Indonesian formatting of numbers, rates and dates through Babel (never the OS locale)."""

from __future__ import annotations

import re
from datetime import date

from lapor_desk.i18n import current_language

DASH = "–"


def _locale() -> str:
    return "id" if current_language() == "id" else "en"


def fmt_int(value: int, locale: str | None = None) -> str:
    """``4447`` → ``4.447`` in Indonesian."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=locale or _locale())


def fmt_decimal(value: float | None, digits: int = 1, locale: str | None = None) -> str:
    """``5.14`` → ``5,1``; ``None`` → a dash."""
    if value is None:
        return DASH
    from babel.numbers import format_decimal

    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return format_decimal(value, format=pattern, locale=locale or _locale())


def fmt_percent(value: float | None, digits: int = 1, locale: str | None = None) -> str:
    """``0.986`` → ``98,6%``; ``None`` (no denominator) → a dash."""
    if value is None:
        return DASH
    from babel.numbers import format_percent

    pattern = "#,##0." + "0" * digits + "%" if digits else "#,##0%"
    return format_percent(value, format=pattern, locale=locale or _locale())


def fmt_date_long(value: date, locale: str | None = None) -> str:
    """``Selasa, 15 November 2022``."""
    from babel.dates import format_date

    return format_date(value, "EEEE, d MMMM y", locale=locale or _locale())


def fmt_date(value: date, locale: str | None = None) -> str:
    """``15 November 2022``."""
    from babel.dates import format_date

    return format_date(value, "d MMMM y", locale=locale or _locale())


#: An ISO date (2022-10-01), with a time (2022-11-01 08:15:00) or in brackets, as the portal's
#: export header writes them.
_ISO_DATE = re.compile(r"\(?(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::\d{2})?)?\)?")
#: Two dates as fmt_date writes them (day, month name, year), joined by a hyphen.
_ISO_RANGE = re.compile(r"(\d{1,2} \w+ \d{4}) - (\d{1,2} \w+ \d{4})")


def fmt_iso_dates(text: str, locale: str | None = None) -> str:
    """Every ISO date in ``text`` as a person writes it.

    ``(2022-10-01) - (2022-10-31)`` → ``1 Oktober 2022 – 31 Oktober 2022``; what only looks
    like a date (2022-13-45) stays as it is.
    """

    def one(match: re.Match[str]) -> str:
        year, month, day, hour, minute = match.groups()
        try:
            written = fmt_date(date(int(year), int(month), int(day)), locale)
        except ValueError:  # not a date after all
            return match.group(0)
        # Times as the rest of LAPOR Desk writes them, in either language: 08.15.
        return f"{written} {hour}.{minute}" if hour else written

    # A range of two dates gets an en dash; any other hyphen in the text stays.
    return _ISO_RANGE.sub(r"\1 – \2", _ISO_DATE.sub(one, text))
