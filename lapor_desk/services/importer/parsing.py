"""Data rows → register values: one parsed row per complaint, row errors, grouped warnings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, time

from lapor_desk.domain import portal_values as pv
from lapor_desk.i18n import _
from lapor_desk.services.importer.cells import has_control, is_blank_row
from lapor_desk.services.importer.columns import Field, HeaderMap
from lapor_desk.services.importer.fields import FieldReader, RowFailed, RowState
from lapor_desk.services.importer.notes import Notes, RowError
from lapor_desk.services.importer.rows import (
    COMPLAINT_COLUMNS,
    EXACT_TEXT,
    ParseContext,
    ParsedRow,
    ParseOutcome,
)

#: A plain text column's complaint column, exactness, length limit and shared values.
_PlainText = tuple[str, bool, int, dict[str, str] | None]
#: Distinct values of one column kept to be shared. An export repeats its provinces, cities,
#: institutions and categories in every row: one string object per value instead of one per
#: cell keeps ~50 MB less alive for 100.000 rows. Complaint texts are never shared.
SHARED_TEXTS = 10_000


class RowParser(FieldReader):
    """Parses the data rows of one file against its header map."""

    def __init__(self, header: HeaderMap, context: ParseContext, notes: Notes) -> None:
        super().__init__(context, notes)
        self._header = header
        self._columns = [(c.index, c.header, c.field, self.handler(c.field, c.header),
                          self._plain_text(c.field)) for c in header.columns]
        self._tracking_column = header.header_of(Field.TRACKING_ID)
        self._date_column = header.header_of(Field.RECEIVED_DATE)

    def parse(self, rows: Iterable[tuple[int, Sequence[pv.Cell]]]) -> ParseOutcome:
        """Parse every non-blank row; a tracking id seen twice is an error on the second row."""
        outcome = ParseOutcome()
        first_row: dict[str, int] = {}
        for number, cells in rows:
            if is_blank_row(cells):
                continue
            parsed = self._row(number, cells, outcome)
            if parsed is None:
                continue
            earlier = first_row.get(parsed.tracking_id)
            if earlier is not None:
                outcome.errors.append(
                    RowError(number, self._tracking_column,
                             _("Tracking ID {tracking} already appears in row {row}.").format(
                                 tracking=parsed.tracking_id, row=earlier))
                )
                continue
            first_row[parsed.tracking_id] = number
            outcome.rows.append(parsed)
            day = parsed.values["received_at"].date()
            if outcome.first_day is None or day < outcome.first_day:
                outcome.first_day = day
            if outcome.last_day is None or day > outcome.last_day:
                outcome.last_day = day
        return outcome

    # -- one row ---------------------------------------------------------------------------------

    def _row(
        self, number: int, cells: Sequence[pv.Cell], outcome: ParseOutcome
    ) -> ParsedRow | None:
        errors_before = len(outcome.errors)
        row = RowState(number)
        # One search over the row's texts instead of one per cell; cells are searched one by
        # one only in the rare row that has a control character somewhere.
        row.controls = has_control("\n".join([c for c in cells if type(c) is str]))
        width = len(cells)
        # Clean text of a sensible length in a plain text column (most cells of a file) is
        # stored right here; anything else goes to the column's handler, in column order.
        fast = not row.controls and not self._restore
        values = row.values
        for index, header, fld, handler, plain in self._columns:
            cell = cells[index] if index < width else None
            if plain is not None and fast and type(cell) is str:
                column, exact, longest, shared = plain
                text = (cell if cell and not cell.isspace() else None) if exact else (
                    cell.strip() or None)
                if text is None:
                    values[column] = "" if exact else None
                    continue
                if len(text) <= longest:
                    if shared is not None:
                        known = shared.get(text)
                        if known is not None:
                            text = known
                        elif len(shared) < SHARED_TEXTS:
                            shared[text] = text
                    values[column] = text
                    continue
            try:
                handler(row, fld, header, cell, outcome)
            except RowFailed:
                continue
        if row.tracking_id is not None:
            outcome.named_ids.add(row.tracking_id)
        if len(outcome.errors) > errors_before:
            return None
        assert row.tracking_id is not None and row.received is not None
        day, at = row.received
        clock = row.received_time if row.has_time_column else at
        row.values["received_at"] = datetime.combine(day, clock or time())
        return ParsedRow(
            row=number,
            tracking_id=row.tracking_id,
            values=row.values,
            mapped_status=row.mapped_status,
            internal_status=row.internal_status,
            urgent=row.urgent,
            urgent_reason=row.urgent_reason,
            verified_at=row.verified_at,
            completed_at=row.completed_at,
            own_prefix=row.own_prefix,
        )

    def _plain_text(self, fld: Field) -> _PlainText | None:
        """How the fast path stores a plain text field (None for the other fields)."""
        if fld in self._handlers:
            return None
        limit = self._lengths.get(fld)
        exact = fld in EXACT_TEXT
        return (COMPLAINT_COLUMNS[fld], exact, limit if limit is not None else 1 << 62,
                None if exact else {})
