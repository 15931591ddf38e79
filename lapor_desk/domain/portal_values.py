"""Cell values of the portal's exports read into register values, and the status rule of imports.

Pure functions, no I/O: spreadsheets hand over ``str``, ``int``, ``float``, ``bool``, ``date``,
``datetime``, ``time`` or ``timedelta`` cells; CSV files hand over strings. Every parser raises
:class:`~lapor_desk.domain.errors.ValidationError` with a message a user can act on.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from lapor_desk.domain.enums import InternalStatus as S
from lapor_desk.domain.errors import ValidationError
from lapor_desk.domain.lifecycle import ALLOWED_TRANSITIONS
from lapor_desk.i18n import _

#: Month names and abbreviations in English and Indonesian (``Agu``/``Agt``/``Ags`` all occur).
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "januari", "jan"),
            ("february", "februari", "feb", "pebruari", "peb"),
            ("march", "maret", "mar"),
            ("april", "apr"),
            ("may", "mei"),
            ("june", "juni", "jun"),
            ("july", "juli", "jul"),
            ("august", "agustus", "aug", "agu", "agt", "ags"),
            ("september", "sep", "sept"),
            ("october", "oktober", "oct", "okt"),
            ("november", "nov", "nop", "nopember"),
            ("december", "desember", "dec", "des"),
        ),
        start=1,
    )
    for name in names
}

#: Day 0 of Excel's 1900 date system (the 1900 leap-year bug makes it 30 December 1899).
EXCEL_EPOCH = date(1899, 12, 30)
#: Plausible received dates: the portal exists since 2011; nothing is received after 2100.
FIRST_YEAR, LAST_YEAR = 2000, 2100
_SERIAL_MIN = (date(FIRST_YEAR, 1, 1) - EXCEL_EPOCH).days
_SERIAL_MAX = (date(LAST_YEAR, 12, 31) - EXCEL_EPOCH).days

_TIME_PART = r"(?:[ T]+(?P<hh>\d{1,2})[:.](?P<mi>\d{2})(?:[:.](?P<ss>\d{2})(?:\.\d+)?)?)?"
_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})" + _TIME_PART)
_DMY = re.compile(r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})" + _TIME_PART)
_NAMED = re.compile(
    r"(?:[^\W\d_]+,\s*)?(?P<d>\d{1,2})[\s\-]+(?P<mon>[^\W\d_]+)\.?[\s\-]+(?P<y>\d{4})"
    + _TIME_PART
)
_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")
_CLOCK = re.compile(r"(?P<hh>\d{1,2})[:.](?P<mi>\d{2})(?:[:.](?P<ss>\d{2})(?:\.\d+)?)?")
_INTEGER = re.compile(r"[0-9]+(?:\.0+)?")
_SCIENTIFIC = re.compile(r"[0-9]+(?:[.,][0-9]+)?[eE]\+?[0-9]+")
_PRIVACY_SPLIT = re.compile(r"[|,/;+&]|\s+dan\s+|\s+and\s+|\s+")
_CHANNEL_PREFIX = re.compile(r"website\s*-\s*(?P<slug>\S.*)", re.IGNORECASE)
_ISO_DAY = r"\(?\s*(\d{4}-\d{2}-\d{2})\s*\)?"
_PERIOD = re.compile(_ISO_DAY + r"\s*(?:-|s\.?d\.?|to)\s*" + _ISO_DAY)
_HEADER_NOISE = re.compile(r"[\s_]+")

Cell = object
"""A spreadsheet or CSV cell as the reader hands it over."""


def is_blank(value: Cell) -> bool:
    """True for an empty cell: ``None`` or text of only whitespace."""
    return value is None or (isinstance(value, str) and not value.strip())


def canonical_header(text: str) -> str:
    """A header for matching: Unicode-normalised, case-folded, without spaces or underscores."""
    return _HEADER_NOISE.sub("", unicodedata.normalize("NFKC", text)).casefold()


def cell_text(value: Cell) -> str:
    """A cell as text, exactly as it was typed for text cells; numbers without a ``.0`` tail."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def digits_lost(value: Cell) -> bool:
    """True for a long number a spreadsheet stored as a number (15 significant digits at most).

    A 16-digit NIK typed into a number cell keeps only 15 digits; scientific notation such as
    ``3,17405E+15`` in a CSV is the same loss, written out.
    """
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return math.isfinite(value) and abs(value) >= 1e15
    return isinstance(value, str) and bool(_SCIENTIFIC.fullmatch(value.strip()))


def _whole_seconds(moment: datetime) -> datetime:
    """Round to the nearest second: spreadsheets store times as fractions of a day."""
    rounded = moment.replace(microsecond=0)
    return rounded + timedelta(seconds=1) if moment.microsecond >= 500_000 else rounded


def _bad_date() -> ValidationError:
    return ValidationError(
        "date",
        _("Not a date; use e.g. 29 May 2023, 06 Agu 2023, 2023-05-29 or 29/05/2023."),
    )


def _from_serial(serial: float) -> datetime:
    if not _SERIAL_MIN <= serial <= _SERIAL_MAX + 1:
        raise _bad_date()
    return _whole_seconds(datetime.combine(EXCEL_EPOCH, time()) + timedelta(days=serial))


def _clock_time(hh: str | None, mi: str | None, ss: str | None) -> time | None:
    if hh is None or mi is None:
        return None
    hour, minute, second = int(hh), int(mi), int(ss or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValidationError("time", _("Not a time of day; use HH:MM:SS."))
    return time(hour, minute, second)


def _dated(year: int, month: int, day: int) -> date:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise _bad_date()
    try:
        return date(year, month, day)
    except ValueError:
        raise _bad_date() from None


def parse_portal_date(value: Cell) -> tuple[date, time | None]:
    """A received date, and the time of day when the cell carries one.

    Accepts date cells, Excel serial numbers, ISO dates, day-first numeric dates (``29/05/2023``,
    the Indonesian order) and month names in English or Indonesian (``29 May 2023``,
    ``06 Agu 2023``, ``Senin, 6 Agustus 2023``).
    """
    if isinstance(value, datetime):
        moment = _whole_seconds(value)
        return _dated(moment.year, moment.month, moment.day), moment.time()
    if isinstance(value, date):
        return _dated(value.year, value.month, value.day), None
    if isinstance(value, bool) or value is None:
        raise _bad_date()
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise _bad_date()
        moment = _from_serial(float(value))
        return moment.date(), (moment.time() if moment.time() != time() else None)
    text = str(value).strip()
    if _SERIAL.fullmatch(text):
        return parse_portal_date(float(text))
    for pattern in (_ISO, _DMY):
        match = pattern.fullmatch(text)
        if match:
            day = _dated(int(match["y"]), int(match["m"]), int(match["d"]))
            return day, _clock_time(match["hh"], match["mi"], match["ss"])
    match = _NAMED.fullmatch(text)
    if match is None or match["mon"].casefold() not in MONTHS:
        raise _bad_date()
    day = _dated(int(match["y"]), MONTHS[match["mon"].casefold()], int(match["d"]))
    return day, _clock_time(match["hh"], match["mi"], match["ss"])


def parse_portal_time(value: Cell) -> time | None:
    """A time of day: ``HH:MM:SS``, ``HH.MM``, a time cell or an Excel day fraction, or None."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return _whole_seconds(value).time()
    if isinstance(value, time):
        # 23:59:59.6 stays in its day: a time cell has no day to carry into.
        return _whole_seconds(datetime.combine(date(2000, 1, 1), value)).time() if (
            value < time(23, 59, 59, 500_000)) else value.replace(microsecond=0)
    if isinstance(value, timedelta):
        seconds = round(value.total_seconds())
        if not 0 <= seconds < 86400:
            raise ValidationError("time", _("Not a time of day; use HH:MM:SS."))
        return time(seconds // 3600, seconds // 60 % 60, seconds % 60)
    if isinstance(value, float | int) and not isinstance(value, bool):
        if not 0 <= value < 1:
            raise ValidationError("time", _("Not a time of day; use HH:MM:SS."))
        return parse_portal_time(timedelta(days=value))
    match = _CLOCK.fullmatch(str(value).strip())
    if match is None:
        raise ValidationError("time", _("Not a time of day; use HH:MM:SS."))
    return _clock_time(match["hh"], match["mi"], match["ss"])


def parse_privacy(value: Cell) -> tuple[bool, bool]:
    """``Tipe Laporan (Anonim/Rahasia)`` → (anonim, rahasia); blank is neither."""
    if is_blank(value):
        return False, False
    tokens = {t for t in _PRIVACY_SPLIT.split(cell_text(value).casefold()) if t}
    unknown = tokens - {"anonim", "anonymous", "rahasia", "confidential"}
    if unknown:
        raise ValidationError(
            "privacy",
            _("Unknown privacy value “{value}”; expected Anonim, Rahasia or both.").format(
                value=cell_text(value).strip()
            ),
        )
    return bool(tokens & {"anonim", "anonymous"}), bool(tokens & {"rahasia", "confidential"})


def privacy_text(anonim: bool, rahasia: bool) -> str:
    """The portal's spelling of the privacy flags: ``Anonim|Rahasia``, ``Anonim``, ... or ``""``."""
    return "|".join(name for name, on in (("Anonim", anonim), ("Rahasia", rahasia)) if on)


def parse_whole_number(value: Cell, field: str) -> int | None:
    """A whole number (category id, rating) from a number or digit text; blank → None."""
    if is_blank(value):
        return None
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        number = int(value.strip().split(".", 1)[0])
    # Database integer columns hold 32 bits; anything bigger is not an id or a rating either.
    if number is None or not 0 <= number <= 2_147_483_647:
        raise ValidationError(field, _("Not a whole number."))
    return number


@dataclass(frozen=True, slots=True)
class Channel:
    """A ``Sumber Laporan`` value, and whether it is an institution's own prefix route."""

    name: str
    institution_slug: str | None

    def is_own_prefix(self, own_slug: str) -> bool:
        """True for ``Website - <own_slug>``: the report reached our admin directly."""
        return self.institution_slug is not None and self.institution_slug == own_slug.casefold()


def parse_channel(value: Cell) -> Channel:
    """The channel with surrounding space trimmed; ``Website - slug`` routes are recognised.

    Spacing and case of the prefix route vary between exports (``Website-kementerian-sosial``,
    ``website - Kementerian-Sosial``); they are written the one way the portal usually does.
    """
    text = cell_text(value).strip()
    match = _CHANNEL_PREFIX.fullmatch(text)
    if match is None:
        return Channel(text, None)
    slug = match["slug"].strip().casefold()
    return Channel(f"Website - {slug}", slug)


def parse_period(text: str) -> tuple[date, date] | None:
    """``(2021-01-01) - (2024-12-31)`` → both dates; None when it cannot be read."""
    match = _PERIOD.search(text)
    if match is None:
        return None
    try:
        start, end = date.fromisoformat(match[1]), date.fromisoformat(match[2])
    except ValueError:
        return None
    return (start, end) if start <= end else None


#: Control characters other than tab, line feed and carriage return.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_control(text: str) -> tuple[str, bool]:
    """``text`` without control characters other than tab, line feed and carriage return.

    They cannot be stored in an xlsx file (nor NUL in PostgreSQL), and no citizen typed them.
    """
    cleaned = CONTROL_CHARACTERS.sub("", text)
    return cleaned, cleaned != text


# -- the status an import may set -----------------------------------------------------------------


class ImportMove(StrEnum):
    """What an import does with a complaint's internal status when the portal's status changed."""

    SAME = "same"  # the portal says what the register already says
    MOVE = "move"  # take the portal's status
    KEEP_BEHIND = "keep_behind"  # the portal lags behind work recorded here: keep ours
    KEEP_FORBIDDEN = "keep_forbidden"  # the lifecycle forbids it: keep ours, warn the user


#: The main line of the lifecycle; a portal status never moves a complaint back along it.
MAIN_LINE: tuple[S, ...] = (S.BELUM_TERVERIFIKASI, S.BELUM_DITINDAKLANJUTI, S.PROSES, S.SELESAI)


def import_move(current: S, portal: S) -> ImportMove:
    """The rule for a complaint whose portal status changed since the last import.

    - Along the main line (Belum Terverifikasi → Belum Ditindaklanjuti → Proses → Selesai) the
      portal may move a complaint forward, even several steps at once (the steps happened on the
      portal), but never back: the portal says ``Terverifikasi`` for every complaint in work, so
      it must not undo a ``Proses`` or ``Selesai`` recorded here.
    - Into or out of the side statuses (waiting, archived, blocked) it moves only where the
      lifecycle allows the same move by hand; anything else is kept and reported.
    """
    if current is portal:
        return ImportMove.SAME
    if current in MAIN_LINE and portal in MAIN_LINE:
        behind = MAIN_LINE.index(portal) < MAIN_LINE.index(current)
        return ImportMove.KEEP_BEHIND if behind else ImportMove.MOVE
    if portal in ALLOWED_TRANSITIONS[current]:
        return ImportMove.MOVE
    return ImportMove.KEEP_FORBIDDEN


# -- formula injection in CSV files -------------------------------------------------------------

#: A cell starting with one of these may be run as a formula by a spreadsheet program.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\0")


def neutralise_formula(text: str) -> str:
    """``=HYPERLINK(…)`` → ``'=HYPERLINK(…)``: shown as text by Excel and LibreOffice.

    A text that already starts with an apostrophe gets one more, so that
    :func:`restore_formula` gives back exactly what was written.
    """
    return "'" + text if text.startswith((*FORMULA_TRIGGERS, "'")) else text


def restore_formula(text: str) -> str:
    """Undo :func:`neutralise_formula` on a cell of LAPOR Desk's own CSV export."""
    if text.startswith("'") and text[1:].startswith((*FORMULA_TRIGGERS, "'")):
        return text[1:]
    return text


# -- LAPOR Desk's own columns ---------------------------------------------------------------------

#: The internal statuses as the statistics name them (DOMAIN.md §3), written in our exports.
STATUS_NAMES: dict[S, str] = {
    S.BELUM_TERVERIFIKASI: "Belum Terverifikasi",
    S.BELUM_DITINDAKLANJUTI: "Belum Ditindaklanjuti",
    S.PROSES: "Proses",
    S.SELESAI: "Selesai",
    S.MENUNGGU_KELENGKAPAN: "Menunggu Kelengkapan",
    S.DIARSIPKAN: "Diarsipkan",
    S.TERBLOKIR: "Terblokir",
}
_STATUS_BY_NAME = {canonical_header(n): s for s, n in STATUS_NAMES.items()} | {
    canonical_header(s.value): s for s in S
}


def parse_internal_status(value: Cell) -> S | None:
    """``Proses`` or ``proses`` → the internal status; blank → None."""
    if is_blank(value):
        return None
    status = _STATUS_BY_NAME.get(canonical_header(cell_text(value)))
    if status is None:
        raise ValidationError(
            "status",
            _("Unknown LAPOR Desk status “{value}”.").format(value=cell_text(value).strip()),
        )
    return status


_YES = frozenset({"ya", "y", "yes", "true", "1", "benar"})
_NO = frozenset({"tidak", "t", "no", "n", "false", "0", "salah"})


def parse_yes_no(value: Cell) -> bool:
    """``Ya``/``Tidak`` (and English, 1/0, TRUE/FALSE) → bool; blank → False."""
    if is_blank(value):
        return False
    if isinstance(value, bool):
        return value
    text = cell_text(value).strip().casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValidationError(
        "flag", _("Expected Ya or Tidak, not “{value}”.").format(value=cell_text(value).strip())
    )
