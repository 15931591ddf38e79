"""Indonesian formatting of numbers, rates and dates through Babel (never the OS locale)."""

from __future__ import annotations

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
