"""The parser's hot path: cheap checks run on every cell of a 100.000-row file.

Each function gives exactly the answer of the plain rule it stands in for (named in its
docstring); they only avoid the per-character work of a regular expression or the repeated
parsing of the values an export repeats (dates, times, flags, categories).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Final

from lapor_desk.domain import portal_values as pv
from lapor_desk.domain.errors import ValidationError

#: The bytes of :data:`~lapor_desk.domain.portal_values.CONTROL_CHARACTERS`. The class holds
#: ASCII characters only, and in UTF-8 an ASCII byte never occurs inside another character.
CONTROL_BYTES: Final = bytes(b for b in range(128) if pv.CONTROL_CHARACTERS.match(chr(b)))


def has_control(text: str) -> bool:
    """``pv.CONTROL_CHARACTERS.search(text) is not None``, about four times faster.

    The regular expression visits every character in Python's matching engine; deleting the
    control bytes from the UTF-8 encoding runs as two plain C loops over a copy.
    """
    data = text.encode("utf-8", "surrogatepass")
    return len(data.translate(None, CONTROL_BYTES)) != len(data)


def is_blank_row(cells: Sequence[pv.Cell]) -> bool:
    """``all(pv.is_blank(c) for c in cells)``, deciding on the first filled cell."""
    for cell in cells:
        if cell is None:
            continue
        if type(cell) is str:
            # str.strip() removes exactly the characters str.isspace() accepts.
            if cell and not cell.isspace():
                return False
        elif not pv.is_blank(cell):
            return False
    return True


def clock_time(cell: pv.Cell) -> time | None:
    """A time cell in whole seconds, or ``HH:MM:SS`` text, as ``pv.parse_portal_time`` reads it.

    None for anything else (the caller then asks ``parse_portal_time``): a time of day is the
    one value an export hardly repeats, so a memo does not help with it.
    """
    if type(cell) is time:
        # parse_portal_time rounds to whole seconds and drops a time zone.
        return cell if not cell.microsecond and cell.tzinfo is None else None
    if type(cell) is not str or len(cell) != 8 or cell[2] != ":" or cell[5] != ":":
        return None
    hh, mi, ss = cell[:2], cell[3:5], cell[6:]
    if not (hh.isdigit() and mi.isdigit() and ss.isdigit() and cell.isascii()):
        return None
    hour, minute, second = int(hh), int(mi), int(ss)
    if hour > 23 or minute > 59 or second > 59:
        return None  # parse_portal_time says why
    return time(hour, minute, second)


#: Cell types the memo keys by value: hashable, and equal only to values of the same meaning.
_KEYED_TYPES = frozenset({str, int, float, bool, date, datetime, time, timedelta})
_MISSING: Final = object()


class Memo[T]:
    """Results of a pure parser by cell value: an export repeats its dates, times and flags.

    Keys carry the cell's type besides its value (``1``, ``1.0`` and ``True`` are equal in
    Python but not the same cell). A ValidationError is remembered too and raised afresh.
    """

    LIMIT = 100_000

    def __init__(self, parse: Callable[[pv.Cell], T]) -> None:
        self._parse = parse
        self._seen: dict[object, T | ValidationError] = {}

    def __call__(self, cell: pv.Cell) -> T:
        """``parse(cell)``, from the memo when the same value was parsed before."""
        kind = type(cell)
        if kind is str:
            key: object = cell
        elif kind in _KEYED_TYPES:
            key = (kind, cell)
        else:
            return self._parse(cell)
        hit = self._seen.get(key, _MISSING)
        if hit is _MISSING:
            try:
                hit = self._parse(cell)
            except ValidationError as error:
                hit = error
            if len(self._seen) < self.LIMIT:
                self._seen[key] = hit
        if isinstance(hit, ValidationError):
            raise ValidationError(hit.field, hit.message)  # a fresh one: no growing traceback
        return hit  # type: ignore[return-value]  # _MISSING was replaced above
