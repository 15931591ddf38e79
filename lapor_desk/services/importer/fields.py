"""Reading one cell of each field: a handler per field, and the row's state while it is read.

:class:`~lapor_desk.services.importer.parsing.RowParser` runs these handlers over the rows
of a file; a handler stores the register value, notes a warning, or records a row error and
raises :class:`RowFailed`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import partial
from typing import Any

from lapor_desk.domain import portal_values as pv
from lapor_desk.domain import validation as v
from lapor_desk.domain.enums import InternalStatus
from lapor_desk.domain.errors import ValidationError
from lapor_desk.i18n import _
from lapor_desk.services.importer.cells import Memo, clock_time
from lapor_desk.services.importer.columns import Field
from lapor_desk.services.importer.notes import Notes, RowError
from lapor_desk.services.importer.rows import (
    COMPLAINT_COLUMNS,
    EXACT_TEXT,
    KLASIFIKASI_NAMES,
    ParseContext,
    ParseOutcome,
    max_length,
)

Handler = Callable[["RowState", Field, str, pv.Cell, ParseOutcome], None]


class RowFailed(Exception):
    """A cell made its row unusable; the RowError is already recorded."""


@dataclass(slots=True)
class RowState:
    """What the handlers found in one row so far."""

    number: int
    tracking_id: str | None = None
    received: tuple[date, time | None] | None = None
    received_time: time | None = None
    has_time_column: bool = False
    mapped_status: InternalStatus | None = None
    internal_status: InternalStatus | None = None
    urgent: bool | None = None
    urgent_reason: str | None = None
    verified_at: datetime | None = None
    completed_at: datetime | None = None
    own_prefix: bool = False
    controls: bool = False
    values: dict[str, Any] = field(default_factory=dict)


def _klasifikasi_name(text: pv.Cell) -> str | None:
    """The register's spelling of a Klasifikasi the file writes its own way, or None."""
    return KLASIFIKASI_NAMES.get(pv.canonical_header(str(text)))


class FieldReader:
    """The handlers of every field, with the memos and lookups they share within one file."""

    def __init__(self, context: ParseContext, notes: Notes) -> None:
        self._context = context
        self._notes = notes
        self._status_lookup = dict(context.status_mapping) | {
            pv.canonical_header(k): s for k, s in context.status_mapping.items()
        }
        self._lengths: dict[Field, int | None] = {
            f: max_length(column) for f, column in COMPLAINT_COLUMNS.items()
            if f not in (Field.CATEGORY_ID, Field.RATING)
        }
        self._restore = context.restore_formulas
        self._date = Memo(pv.parse_portal_date)
        self._time = Memo(pv.parse_portal_time)
        self._privacy_of = Memo(pv.parse_privacy)
        self._channel_of = Memo(pv.parse_channel)
        self._klasifikasi_of = Memo(_klasifikasi_name)
        self._whole_number = {
            fld: Memo(partial(pv.parse_whole_number, field=fld.value))
            for fld in (Field.CATEGORY_ID, Field.RATING)
        }
        self._handlers: dict[Field, Handler] = {
            Field.TRACKING_ID: self._tracking_id,
            Field.RECEIVED_DATE: self._received_date,
            Field.RECEIVED_TIME: self._received_time,
            Field.KLASIFIKASI: self._klasifikasi,
            Field.CATEGORY_ID: self._number,
            Field.RATING: self._number,
            Field.PRIVACY: self._privacy,
            Field.CHANNEL: self._channel,
            Field.PORTAL_STATUS: self._portal_status,
            Field.REPORTER_NIK: self._nik,
            Field.REPORTER_PHONE: self._phone,
            Field.REPORTER_EMAIL: self._email,
            Field.VERIFIED_DATE: self._optional_date,
            Field.COMPLETED_DATE: self._optional_date,
            Field.INTERNAL_STATUS: self._internal_status,
            Field.URGENT: self._urgent,
            Field.URGENT_REASON: self._urgent_reason,
        }

    def handler(self, fld: Field, header: str) -> Handler:
        """The handler of ``fld``; plain text fields share one kind of handler."""
        return self._handlers.get(fld) or self._plain_text_handler(fld, header)

    def _fail(self, outcome: ParseOutcome, row: int, column: str, message: str) -> RowFailed:
        outcome.errors.append(RowError(row, column, message))
        return RowFailed()

    def _warn(self, key: str, column: str, row: int, text: Callable[[str], str],
              value: str = "") -> None:
        self._notes.add(key, column, value, row, text)

    def _text(self, row: RowState, fld: Field, header: str, cell: pv.Cell,
              outcome: ParseOutcome) -> str | None:
        """A text cell: exact for the complaint texts, trimmed otherwise; ``None`` when blank."""
        exact = fld in EXACT_TEXT
        limit = self._lengths.get(fld)
        if type(cell) is str and not row.controls and not self._restore:
            # What _text_of returns for clean text that fits, without its other checks.
            text = (cell if cell and not cell.isspace() else None) if exact else (
                cell.strip() or None)
            if text is None or limit is None or len(text) <= limit:
                return text
        return self._text_of(row, header, cell, outcome, exact, limit)

    def _text_of(self, row: RowState, header: str, cell: pv.Cell, outcome: ParseOutcome,
                 exact: bool, limit: int | None) -> str | None:
        # The hot path of an import (a dozen text cells a row): cheap checks first.
        # A text cell lost nothing in the spreadsheet; a long number in a text column may have.
        if type(cell) is str:
            text = cell
        elif cell is None:
            return None
        else:
            text = pv.cell_text(cell)
        if type(cell) is not str and pv.digits_lost(cell):
            self._warn("digits", header, row.number, lambda rows: _(
                "Column “{column}”: a long number stored as a number may have lost digits "
                "({rows}).").format(column=header, rows=rows))
        if self._restore:
            text = pv.restore_formula(text)
        if row.controls and pv.CONTROL_CHARACTERS.search(text) is not None:
            text = pv.strip_control(text)[0]
            self._warn("control", header, row.number, lambda rows: _(
                "Column “{column}”: control characters removed ({rows}).").format(
                    column=header, rows=rows))
        if exact:
            if not text or text.isspace():
                return None
        else:
            text = text.strip()
            if not text:
                return None
        if limit is not None and len(text) > limit:
            raise self._fail(outcome, row.number, header,
                             _("Too long: at most {n} characters.").format(n=limit))
        return text

    def _plain_text_handler(self, fld: Field, header: str) -> Handler:
        column = COMPLAINT_COLUMNS[fld]
        exact = fld in EXACT_TEXT
        blank = "" if exact else None
        limit = self._lengths.get(fld)
        text_of = self._text_of

        def handle(row: RowState, _fld: Field, _header: str, cell: pv.Cell,
                   outcome: ParseOutcome) -> None:
            text = text_of(row, header, cell, outcome, exact, limit)
            row.values[column] = blank if text is None else text

        return handle

    def _tracking_id(self, row: RowState, fld: Field, header: str, cell: pv.Cell,
                     outcome: ParseOutcome) -> None:
        # A portal id as the portal writes it (digits, or a whole number cell): exactly what
        # normalize_tracking_id returns, without its general checks.
        if type(cell) is str:
            if cell.isdigit() and cell.isascii() and len(cell) <= 12:
                row.tracking_id = cell
                return
        elif (type(cell) is int or type(cell) is float) and (
                cell.is_integer() and 0 <= cell < 10**12):
            row.tracking_id = str(int(cell))
            return
        if pv.is_blank(cell):
            raise self._fail(outcome, row.number, header, _("Tracking ID is empty."))
        try:
            tracking = v.normalize_tracking_id(cell)
        except ValidationError as error:
            raise self._fail(outcome, row.number, header, error.message) from None
        if len(tracking) > 20:
            raise self._fail(outcome, row.number, header, _("Tracking ID is not valid."))
        row.tracking_id = tracking

    def _received_date(self, row: RowState, fld: Field, header: str, cell: pv.Cell,
                       outcome: ParseOutcome) -> None:
        if pv.is_blank(cell):
            raise self._fail(outcome, row.number, header, _("Received date is empty."))
        try:
            received = self._date(cell)
        except ValidationError as error:
            raise self._fail(outcome, row.number, header, error.message) from None
        if received[0] > self._context.today:
            raise self._fail(outcome, row.number, header,
                             _("The received date is in the future."))
        row.received = received

    def _received_time(self, row: RowState, fld: Field, header: str, cell: pv.Cell,
                       outcome: ParseOutcome) -> None:
        row.has_time_column = True
        clock = clock_time(cell)
        if clock is not None:
            row.received_time = clock
            return
        try:
            row.received_time = self._time(cell)
        except ValidationError as error:
            raise self._fail(outcome, row.number, header, error.message) from None

    def _klasifikasi(self, row: RowState, fld: Field, header: str, cell: pv.Cell,
                     outcome: ParseOutcome) -> None:
        text = self._text(row, fld, header, cell, outcome)
        known = self._klasifikasi_of(text) if text else None
        if text and known is None:
            self._warn("klasifikasi", header, row.number, lambda rows: _(
                "Unknown Klasifikasi “{value}” kept as it is ({rows}).").format(
                    value=text, rows=rows), text)
        row.values["klasifikasi"] = known or text

    def _privacy(self, row: RowState, fld: Field, header: str, cell: pv.Cell,
                 outcome: ParseOutcome) -> None:
        try:
            anonim, rahasia = self._privacy_of(cell)
        except ValidationError:
            anonim = rahasia = True  # when in doubt, mask
            self._warn("privacy", header, row.number, lambda rows: _(
                "Column “{column}”: unknown privacy value, treated as Anonim and "
                "Rahasia ({rows}).").format(column=header, rows=rows))
        row.values["anonim"], row.values["rahasia"] = anonim, rahasia

    def _channel(self, row: RowState, fld: Field, header: str, cell: pv.Cell,
                 outcome: ParseOutcome) -> None:
        channel = self._channel_of(cell)
        row.values["channel"] = self._text(row, fld, header, channel.name, outcome)
        row.own_prefix = channel.is_own_prefix(self._context.own_slug)

    def _portal_status(self, row: RowState, fld: Field, header: str, cell: pv.Cell,
                       outcome: ParseOutcome) -> None:
        text = self._text(row, fld, header, cell, outcome)
        row.values["portal_status"] = text
        if text:
            status = self._status_lookup.get(text) or self._status_lookup.get(
                pv.canonical_header(text))
            if status is None:
                self._warn("status", header, row.number, lambda rows: _(
                    "Unknown portal status “{value}” kept as it is; add it to the status "
                    "mapping ({rows}).").format(value=text, rows=rows), text)
            row.mapped_status = status

    def _internal_status(self, row: RowState, fld: Field, header: str, cell: pv.Cell,
                         outcome: ParseOutcome) -> None:
        try:
            row.internal_status = pv.parse_internal_status(cell)
        except ValidationError as error:
            message = error.message
            self._warn("internal", header, row.number,
                       lambda rows: f"{header}: {message} ({rows})", pv.cell_text(cell))

    def _urgent(self, row: RowState, fld: Field, header: str, cell: pv.Cell,
                outcome: ParseOutcome) -> None:
        try:
            row.urgent = pv.parse_yes_no(cell)
        except ValidationError as error:
            message = error.message
            self._warn("urgent", header, row.number,
                       lambda rows: f"{header}: {message} ({rows})", pv.cell_text(cell))

    def _urgent_reason(self, row: RowState, fld: Field, header: str, cell: pv.Cell,
                       outcome: ParseOutcome) -> None:
        row.urgent_reason = self._text(row, fld, header, cell, outcome)

    def _number(self, row: RowState, fld: Field, header: str, cell: pv.Cell,
                outcome: ParseOutcome) -> None:
        try:
            number = self._whole_number[fld](cell)
        except ValidationError:
            number = None
            self._warn("number", header, row.number, lambda rows: _(
                "Column “{column}”: not a whole number, left empty ({rows}).").format(
                    column=header, rows=rows))
        if fld is Field.RATING and number is not None and not 1 <= number <= 5:
            number = None
            self._warn("rating", header, row.number, lambda rows: _(
                "Column “{column}”: a rating is 1 to 5, left empty ({rows}).").format(
                    column=header, rows=rows))
        row.values[COMPLAINT_COLUMNS[fld]] = number

    def _nik(self, row: RowState, fld: Field, header: str, cell: pv.Cell,
             outcome: ParseOutcome) -> None:
        row.values["reporter_nik"] = None
        if pv.is_blank(cell):
            return
        if not isinstance(cell, str) or pv.digits_lost(cell):
            self._warn("nik-number", header, row.number, lambda rows: _(
                "Column “{column}”: NIK stored as a number, so digits may be lost; not "
                "imported ({rows}). Format the column as text in the spreadsheet.").format(
                    column=header, rows=rows))
            return
        try:
            row.values["reporter_nik"] = v.normalize_nik(cell)
        except ValidationError:
            self._warn("nik", header, row.number, lambda rows: _(
                "Column “{column}”: not a valid NIK, not imported ({rows}).").format(
                    column=header, rows=rows))

    def _phone(self, row: RowState, fld: Field, header: str, cell: pv.Cell,
               outcome: ParseOutcome) -> None:
        row.values["reporter_phone"] = self._contact(
            row, header, cell, v.normalize_phone, _("not a valid phone number"))

    def _email(self, row: RowState, fld: Field, header: str, cell: pv.Cell,
               outcome: ParseOutcome) -> None:
        row.values["reporter_email"] = self._contact(
            row, header, cell, v.normalize_email, _("not a valid e-mail address"))

    def _contact(self, row: RowState, header: str, cell: pv.Cell,
                 normalize: Callable[[str], str], what: str) -> str | None:
        if pv.is_blank(cell):
            return None
        text = pv.cell_text(cell).strip()
        if isinstance(cell, int | float) and text.startswith("8"):
            text = "0" + text  # a number cell dropped the leading zero of 08…
        try:
            return normalize(text)
        except ValidationError:
            self._warn("contact", header, row.number, lambda rows: _(
                "Column “{column}”: {what}, not imported ({rows}).").format(
                    column=header, what=what, rows=rows))
            return None

    def _optional_date(self, row: RowState, fld: Field, header: str, cell: pv.Cell,
                       outcome: ParseOutcome) -> None:
        moment: datetime | None = None
        if not pv.is_blank(cell):
            try:
                day, at = pv.parse_portal_date(cell)
                moment = datetime.combine(day, at or time())
            except ValidationError:
                self._warn("date", header, row.number, lambda rows: _(
                    "Column “{column}”: not a date, left empty ({rows}).").format(
                        column=header, rows=rows))
        if fld is Field.VERIFIED_DATE:
            row.verified_at = moment
        else:
            row.completed_at = moment
