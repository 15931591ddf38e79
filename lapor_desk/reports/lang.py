"""The documents' language: official documents are in Bahasa Indonesia whatever the UI language.

Builders write ``_("English source")`` like every other module (so the strings are extracted into
the catalog), but this ``_`` always answers from the Indonesian catalog. Numbers and dates go
through Babel with ``locale="id"``.
"""

from __future__ import annotations

from datetime import date, datetime

from lapor_desk.domain import formatting
from lapor_desk.i18n import load_catalog

LOCALE = "id"


def _(message: str) -> str:
    """The Indonesian text of ``message`` (the English source when it is not translated yet)."""
    return load_catalog(LOCALE).get(message, message)


def N_(message: str) -> str:  # noqa: N802 - gettext's conventional name
    """Mark ``message`` for extraction; translate it later with :func:`_`."""
    return message


def num(value: int) -> str:
    """``4447`` → ``4.447``."""
    return formatting.fmt_int(value, locale=LOCALE)


def dec(value: float | None, digits: int = 1) -> str:
    """``5.14`` → ``5,1``; ``None`` → a dash."""
    return formatting.fmt_decimal(value, digits, locale=LOCALE)


def pct(value: float | None, digits: int = 1) -> str:
    """``0.986`` → ``98,6%``; ``None`` → a dash."""
    return formatting.fmt_percent(value, digits, locale=LOCALE)


def day_long(value: date) -> str:
    """``Selasa, 15 November 2022``."""
    return formatting.fmt_date_long(value, locale=LOCALE)


def day(value: date) -> str:
    """``15 November 2022``."""
    return formatting.fmt_date(value, locale=LOCALE)


def day_short(value: date) -> str:
    """``15/11/2022``, for dense tables."""
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def clock_time(value: datetime) -> str:
    """``pukul 09.00 WIB``."""
    return _("at {time} WIB").format(time=f"{value.hour:02d}.{value.minute:02d}")


def time_range(start: datetime, end: datetime | None) -> str:
    """``pukul 09.00 s.d. 12.00 WIB`` or ``pukul 09.00 WIB s.d. selesai``."""
    first = f"{start.hour:02d}.{start.minute:02d}"
    if end is None:
        return _("at {start} WIB until finished").format(start=first)
    return _("at {start} until {end} WIB").format(
        start=first, end=f"{end.hour:02d}.{end.minute:02d}"
    )


def stamp_time(value: datetime) -> str:
    """``31 Oktober 2022 23.59``, the data snapshot in footers."""
    return f"{day(value.date())} {value.hour:02d}.{value.minute:02d}"


def month_name(year: int, month: int, short: bool = False) -> str:
    """``Januari 2022``, or ``Jan 2022`` in charts."""
    from babel.dates import format_date

    return format_date(date(year, month, 1), "MMM y" if short else "MMMM y", locale=LOCALE)


def period(start: date, end: date) -> str:
    """``1 Januari s.d. 31 Oktober 2022``; the year is written once when both dates share it."""
    if start.year == end.year:
        from babel.dates import format_date

        first = format_date(start, "d MMMM", locale=LOCALE)
        return f"{first} s.d. {day(end)}"
    return f"{day(start)} s.d. {day(end)}"
