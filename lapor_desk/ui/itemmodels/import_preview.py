"""Table models of the import preview: new, changed (one row per field), errors, missing, warnings.

A preview can list 100.000 complaints: the models wrap the preview's own tuples, sort in Python
by each column's key (see :mod:`~lapor_desk.ui.itemmodels.row_table`) and show long texts
shortened, with the whole text as tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt

from lapor_desk.domain.formatting import fmt_date, fmt_int
from lapor_desk.i18n import _
from lapor_desk.services.importer import (
    ChangedComplaint,
    MissingComplaint,
    NewComplaint,
    RowError,
)
from lapor_desk.ui.itemmodels.row_table import Column, Index, RowTableModel

#: Characters of a cell shown in the table; the tooltip holds the whole text.
SHOWN_CHARS = 120


def shortened(text: str, limit: int = SHOWN_CHARS) -> str:
    """``text`` on one line, cut at ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def from_difference(text: str, other: str, context: int = 12) -> str:
    """``text`` from shortly before where it starts to differ from ``other``.

    An edited complaint text usually keeps its first lines: cut at the front, both the old and
    the new value would show the same words.
    """
    flat, flat_other = " ".join(text.split()), " ".join(other.split())
    same = 0
    for mine, theirs in zip(flat, flat_other, strict=False):
        if mine != theirs:
            break
        same += 1
    if same <= context or len(flat) <= SHOWN_CHARS:
        return flat
    return "…" + flat[same - context:]


class PreviewTableModel[T](RowTableModel[T]):
    """A preview table: long cells shortened to one line, the whole text in the tooltip."""

    def display(self, column: Column[T], item: T) -> str:
        """The cell's text on one line, shortened."""
        return shortened(super().display(column, item))


def _yes_no(value: bool) -> str:
    return _("yes") if value else ""


class NewComplaintsModel(PreviewTableModel[NewComplaint]):
    """Complaints new to the register, with the routing rules' suggestion."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__([
            Column(_("Row"), lambda n: fmt_int(n.row), lambda n: n.row, numeric=True),
            Column(_("Tracking ID"), lambda n: n.tracking_id, lambda n: n.tracking_id),
            Column(_("Received"), lambda n: fmt_date(n.received_at.date()),
                   lambda n: n.received_at),
            Column(_("Status"), lambda n: n.status.label, lambda n: n.status.label),
            Column(_("Topic"), lambda n: n.topic or "", lambda n: n.topic or ""),
            Column(_("Suggested unit"), lambda n: n.suggested_unit or "",
                   lambda n: n.suggested_unit or ""),
            Column(_("Urgent"), lambda n: _yes_no(n.urgent), lambda n: not n.urgent),
            Column(_("Title"), lambda n: n.title, lambda n: n.title.casefold()),
        ], parent)


@dataclass(frozen=True, slots=True)
class ChangedField:
    """One field of one complaint the import changes: a row of the Changed tab."""

    tracking_id: str
    row: int
    title: str
    label: str
    old: str
    new: str


def changed_fields(changed: Sequence[ChangedComplaint]) -> list[ChangedField]:
    """One row per changed field, complaints in the file's order."""
    return [ChangedField(c.tracking_id, c.row, c.title, f.label, f.old, f.new)
            for c in changed for f in c.changes]


class ChangedFieldsModel(PreviewTableModel[ChangedField]):
    """Each changed field of each complaint already in the register: old → new."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__([
            Column(_("Row"), lambda c: fmt_int(c.row), lambda c: c.row, numeric=True),
            Column(_("Tracking ID"), lambda c: c.tracking_id, lambda c: c.tracking_id),
            Column(_("Field"), lambda c: c.label, lambda c: c.label),
            Column(_("Old value"), lambda c: c.old, lambda c: c.old.casefold(),
                   shown=lambda c: from_difference(c.old, c.new)),
            Column(_("New value"), lambda c: c.new, lambda c: c.new.casefold(),
                   shown=lambda c: from_difference(c.new, c.old)),
            Column(_("Title"), lambda c: c.title, lambda c: c.title.casefold()),
        ], parent)


class RowErrorsModel(PreviewTableModel[RowError]):
    """Rows that cannot be imported: row number, column, reason."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__([
            Column(_("Row"), lambda e: fmt_int(e.row), lambda e: e.row, numeric=True),
            Column(_("Column"), lambda e: e.column, lambda e: e.column),
            Column(_("Reason"), lambda e: e.message, lambda e: e.message),
        ], parent)


class MissingComplaintsModel(PreviewTableModel[MissingComplaint]):
    """Complaints of the export's period in the register that the file no longer lists."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__([
            Column(_("Tracking ID"), lambda m: m.tracking_id, lambda m: m.tracking_id),
            Column(_("Received"), lambda m: fmt_date(m.received_at.date()),
                   lambda m: m.received_at),
            Column(_("Status"), lambda m: m.status.label, lambda m: m.status.label),
            Column(_("Title"), lambda m: m.title, lambda m: m.title.casefold()),
        ], parent)


class WarningsModel(PreviewTableModel[str]):
    """The preview's warnings, one per row (grouped by the importer: one line, many rows)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__([Column(_("Warning"), lambda w: w, lambda w: w)], parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The whole warning: warnings are few and the view wraps them."""
        if index.isValid() and role == Qt.ItemDataRole.DisplayRole:
            return self.row_at(index.row())
        return super().data(index, role)
