"""Table models of the meeting screens: meetings, agenda, attendance, action items, Renaksi.

Each is a small list of frozen read models; the columns are declared once as (header, text)
pairs so that display, sorting value and alignment stay together.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from lapor_desk.domain.formatting import fmt_date, fmt_int
from lapor_desk.domain.meeting_outcomes import ActionStatus
from lapor_desk.i18n import _
from lapor_desk.services.meeting_models import (
    ActionItemRow,
    AgendaItemRow,
    AttendanceRow,
    MeetingRow,
)
from lapor_desk.services.renaksi import RenaksiRow

_Index = QModelIndex | QPersistentModelIndex

#: The id of the row's record (meeting, agenda item, attendance line, action item).
ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
_WARNING = QColor("#a4161a")


@dataclass(frozen=True, slots=True)
class Column[T]:
    """One column: its header, its text, and whether it is a number (right-aligned)."""

    header: str
    text: Callable[[T], str]
    numeric: bool = False


class RowTableModel[T](QAbstractTableModel):
    """A flat, read-only table of read models; ``ID_ROLE`` gives each row's record id."""

    def __init__(self, columns: Sequence[Column[T]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[T] = []

    @property
    def rows(self) -> tuple[T, ...]:
        """The rows shown, in order."""
        return tuple(self._rows)

    def set_rows(self, rows: Sequence[T]) -> None:
        """Replace the rows."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> T:
        """The read model of ``row``."""
        return self._rows[row]

    def row_of(self, record_id: int) -> int:
        """The row showing ``record_id``, or -1."""
        for number, item in enumerate(self._rows):
            if getattr(item, "id", None) == record_id:
                return number
        return -1

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        """Number of rows (no children)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        """Number of columns (no children)."""
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, alignment, the record id and a warning colour where a row needs attention."""
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        column = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(item)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return getattr(item, "id", None)
        if role == Qt.ItemDataRole.ForegroundRole and self.needs_attention(item):
            return _WARNING
        return None

    def needs_attention(self, item: T) -> bool:
        """Rows drawn in the warning colour (overdue action items)."""
        del item
        return False

    def headerData(  # noqa: N802 - Qt API
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        """Column titles; row numbers down the side."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._columns):
                return self._columns[section].header
            return None
        return str(section + 1)


class MeetingTableModel(RowTableModel[MeetingRow]):
    """The meetings of a year: number, date, title, kind, status, units, attendance."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(_("No."), lambda r: r.label),
                Column(_("Date"), lambda r: fmt_date(r.meeting_date)),
                Column(_("Title"), lambda r: r.title),
                Column(_("Status"), lambda r: r.status.label),
                Column(_("Units"), lambda r: ", ".join(r.units)),
                Column(
                    _("Present"),
                    lambda r: f"{fmt_int(r.attendee_count)}/{fmt_int(r.invited_count)}",
                    numeric=True,
                ),
            ],
            parent,
        )


def _reasons(row: AgendaItemRow) -> str:
    return ", ".join(r.label for r in row.reasons)


def _carried(row: AgendaItemRow) -> str:
    return fmt_int(row.carried_count) + "×" if row.carried_count else ""


class AgendaTableModel(RowTableModel[AgendaItemRow]):
    """The agenda in order: kind, unit, title, why it is there, how often carried over."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(_("Item"), lambda r: r.title),
                Column(_("Unit"), lambda r: r.unit or ""),
                Column(_("Kind"), lambda r: r.kind.label),
                Column(_("Why"), _reasons),
                Column(_("Carried"), _carried, numeric=True),
            ],
            parent,
        )


class AttendanceTableModel(RowTableModel[AttendanceRow]):
    """The attendance list: name, NIP, position, unit, state, presence."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(_("Name"), lambda r: r.name),
                Column(_("NIP"), lambda r: r.nip_display),
                Column(_("Position"), lambda r: r.position),
                Column(_("Unit"), lambda r: r.unit or r.institution),
                Column(_("State"), _attendance_state),
                Column(_("On site / online"), lambda r: r.presence.label if r.presence else ""),
            ],
            parent,
        )


def _attendance_state(row: AttendanceRow) -> str:
    if row.representative_name:
        return _("Represented by {name}").format(name=row.representative_name)
    return row.state.label


class ActionItemTableModel(RowTableModel[ActionItemRow]):
    """The action tracker: what, who, by when, from which meeting, carried, age, status."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(_("Action"), lambda r: r.description),
                Column(_("Unit"), lambda r: r.owner_unit),
                Column(_("Person in charge"), lambda r: r.person_in_charge),
                Column(_("Due"), lambda r: fmt_date(r.due_date)),
                Column(_("Meeting"), lambda r: r.meeting_label),
                Column(_("Complaint"), lambda r: r.tracking_id or ""),
                Column(_("Carried"), lambda r: fmt_int(r.carried_count), numeric=True),
                Column(_("Age (working days)"), lambda r: fmt_int(r.age_workdays), numeric=True),
                Column(_("Status"), _action_status),
            ],
            parent,
        )

    def needs_attention(self, item: ActionItemRow) -> bool:
        """Overdue open items are drawn in red."""
        return item.overdue


def _action_status(row: ActionItemRow) -> str:
    if row.status is ActionStatus.DONE and row.closed_at is not None:
        return _("Done {date} by {name}").format(
            date=fmt_date(row.closed_at.date()), name=row.closed_by or ""
        )
    if row.overdue:
        return _("Open, overdue")
    return row.status.label


class RenaksiTableModel(RowTableModel[RenaksiRow]):
    """The Renaksi register of a period: number, action plan, unit, status, progress."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(_("No."), lambda r: fmt_int(r.number), numeric=True),
                Column(_("Action plan"), lambda r: r.title),
                Column(_("Unit"), lambda r: r.owner_unit or ""),
                Column(_("Status"), lambda r: r.status.label),
                Column(_("Progress"), lambda r: f"{r.progress}%", numeric=True),
                Column(_("Fulfilled by meetings"), lambda r: ", ".join(r.meetings)),
                Column(_("Evidence"), lambda r: fmt_int(r.evidence_count), numeric=True),
            ],
            parent,
        )
