"""Row errors and grouped warnings of one import, in the words the user reads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lapor_desk.domain.formatting import fmt_int
from lapor_desk.i18n import _

#: Row numbers listed in one grouped warning before "and N more".
SHOWN_ROWS = 5


@dataclass(frozen=True, slots=True)
class RowError:
    """A row that cannot be imported as it is: its number in the file, the column, the reason."""

    row: int
    column: str
    message: str


class Notes:
    """Collects warnings; the same warning on many rows becomes one line with row numbers."""

    def __init__(self) -> None:
        self._groups: dict[tuple[str, str, str], list[int]] = {}
        self._counts: dict[tuple[str, str, str], int] = {}
        self._texts: dict[tuple[str, str, str], Callable[[str], str]] = {}
        self._plain: list[str] = []

    def add(self, key: str, column: str, value: str, row: int,
            text: Callable[[str], str]) -> None:
        """Note ``row`` under the warning ``key``; ``text(rows)`` renders it once at the end."""
        group = (key, column, value)
        rows = self._groups.get(group)
        if rows is None:
            self._groups[group] = rows = []
            self._counts[group] = 0
            self._texts[group] = text
        self._counts[group] += 1
        if len(rows) < SHOWN_ROWS:
            rows.append(row)

    def plain(self, message: str) -> None:
        """A warning about the whole file."""
        self._plain.append(message)

    def render(self) -> tuple[str, ...]:
        """Every warning as one line, file-level ones first."""
        lines = list(self._plain)
        for group, rows in self._groups.items():
            listed = ", ".join(fmt_int(r) for r in rows)
            extra = self._counts[group] - len(rows)
            if extra:
                listed = _("{rows} and {n} more").format(rows=listed, n=fmt_int(extra))
            lines.append(self._texts[group](_("rows {rows}").format(rows=listed)))
        return tuple(lines)
