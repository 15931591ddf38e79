"""The import wizard's column step: a file's header row, what each header fills, what is missing.

Reads only what the step needs (the rows above and including the header) and never writes. The
user's choices are kept as an import profile's mapping (header → field name, ``""``: ignore),
so what the wizard shows is exactly what :meth:`ImportService.preview` will apply once the
choices are saved as a profile. Also writes the preview's row errors to a CSV file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from lapor_desk.domain.portal_values import Cell, canonical_header, cell_text, is_blank
from lapor_desk.domain.portal_values import neutralise_formula as _safe
from lapor_desk.i18n import _
from lapor_desk.services.importer.columns import (
    ALIASES,
    REQUIRED,
    Field,
    field_lookup,
    header_matcher,
)
from lapor_desk.services.importer.notes import RowError
from lapor_desk.services.importer.reader import (
    DEFAULT_LIMITS,
    HEADER_SEARCH_ROWS,
    ReadLimits,
    open_table,
)

#: The fields a user can choose for a column, in the order of the portal's export.
CHOOSABLE: tuple[Field, ...] = tuple(f for f in Field if f is not Field.KNOWN_UNUSED)


def field_label(field: Field) -> str:
    """A field as the user knows it: the portal's own column name (an Indonesian term)."""
    return ALIASES[field][0]


class ColumnState(StrEnum):
    """What happens to one column of the file."""

    USED = "used"
    IGNORED = "ignored"
    UNKNOWN = "unknown"
    DUPLICATE = "duplicate"


@dataclass(frozen=True, slots=True)
class FileHeader:
    """The top rows of a file, as text: enough to find and map its header row."""

    path: Path
    kind: str
    sheet: str | None
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class MappedColumn:
    """One header of the file: what it fills now, and what the built-in names would say."""

    header: str
    field: Field | None
    state: ColumnState
    default: Field | None


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Every header of the file's header row mapped; ``missing`` lists required fields unfilled."""

    header_row: int | None
    columns: tuple[MappedColumn, ...]
    missing: tuple[Field, ...]

    @property
    def blocking_reason(self) -> str | None:
        """Why the file cannot be previewed with this mapping, or None."""
        if not self.columns:
            return _("No header row was found in the first {n} rows of the file.").format(
                n=HEADER_SEARCH_ROWS)
        if not self.missing:
            return None
        return _("Required column missing: {columns}. Choose the file's column for it in the "
                 "table, or pick another import profile.").format(
            columns=", ".join(field_label(f) for f in self.missing))

    @property
    def unknown(self) -> tuple[str, ...]:
        """Headers no built-in name or profile entry knows: ignored by the import."""
        return tuple(c.header for c in self.columns if c.state is ColumnState.UNKNOWN)

    def choice(self, column: MappedColumn, choices: Mapping[str, str]) -> str:
        """The field name ``column`` is set to (``""``: ignore it)."""
        if column.header in choices:
            return choices[column.header]
        return column.default.value if column.default else ""

    def profile(
        self, choices: Mapping[str, str], keep: Mapping[str, str] | None = None
    ) -> dict[str, str]:
        """A profile to save: the choices that differ from the built-in names.

        ``keep`` is the profile being edited: its entries for headers this file lacks stay.
        """
        here = {canonical_header(c.header) for c in self.columns}
        profile = {header: name for header, name in (keep or {}).items()
                   if canonical_header(header) not in here}
        for column in self.columns:
            default = column.default.value if column.default else ""
            chosen = self.choice(column, choices)
            if chosen != default:
                profile[column.header] = chosen
        return profile


def read_header(
    path: Path, columns: Mapping[str, str] | None = None, limits: ReadLimits = DEFAULT_LIMITS
) -> FileHeader:
    """The first rows of ``path`` as text; ``ImportFileError`` when the file is unusable."""
    table = open_table(path, header_matcher(field_lookup(columns)), limits)
    rows: list[tuple[str, ...]] = []
    for row in table.rows:
        rows.append(tuple("" if is_blank(cell) else cell_text(cell).strip() for cell in row))
        if len(rows) >= HEADER_SEARCH_ROWS:
            break
    return FileHeader(path, table.kind, table.sheet, tuple(rows))


def choices_from_profile(header: FileHeader, columns: Mapping[str, str] | None) -> dict[str, str]:
    """A profile's entries keyed by the file's own header texts (matched case-insensitively)."""
    by_key = {canonical_header(k): v for k, v in (columns or {}).items()}
    return {text: by_key[canonical_header(text)]
            for row in header.rows for text in row
            if text and canonical_header(text) in by_key}


def _header_row(rows: Sequence[Sequence[Cell]], columns: Mapping[str, str] | None) -> int | None:
    is_header = header_matcher(field_lookup(columns))
    for index, row in enumerate(rows):
        if any(is_header(cell) for cell in row):
            return index
    # No tracking-id column under these names: the widest of the top rows is the header the
    # user is about to map (data rows come after it, the metadata block is narrower).
    widths = [sum(1 for cell in row if cell) for row in rows]
    if not widths or max(widths) == 0:
        return None
    return widths.index(max(widths))


def map_columns(header: FileHeader, columns: Mapping[str, str] | None = None) -> ColumnMapping:
    """Map the header row of ``header`` with ``columns`` (a profile's mapping) over the aliases."""
    index = _header_row(header.rows, columns)
    if index is None:
        return ColumnMapping(None, (), REQUIRED)
    lookup = field_lookup(columns)
    builtin = field_lookup(None)
    taken: set[Field] = set()
    mapped: list[MappedColumn] = []
    for text in header.rows[index]:
        if not text:
            continue
        key = canonical_header(text)
        default = builtin.get(key)
        default = None if default is Field.KNOWN_UNUSED else default
        if key not in lookup:
            mapped.append(MappedColumn(text, None, ColumnState.UNKNOWN, None))
            continue
        field = lookup[key]
        if field is None or field is Field.KNOWN_UNUSED:
            mapped.append(MappedColumn(text, None, ColumnState.IGNORED, default))
        elif field in taken:
            mapped.append(MappedColumn(text, None, ColumnState.DUPLICATE, default))
        else:
            taken.add(field)
            mapped.append(MappedColumn(text, field, ColumnState.USED, default))
    missing = tuple(f for f in REQUIRED if f not in taken)
    return ColumnMapping(index + 1, tuple(mapped), missing)


def write_error_list(path: Path, errors: Sequence[RowError]) -> Path:
    """Write the row errors as a CSV file Excel opens directly (UTF-8 with BOM, ``;``).

    Cells that a spreadsheet would run as a formula are neutralised, since error messages
    quote the file's own cells.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_("Row"), _("Column"), _("Reason")])
    for error in errors:
        writer.writerow([error.row, _safe(error.column), _safe(error.message)])
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    return path
