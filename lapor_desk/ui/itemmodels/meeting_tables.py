"""Table models of the meeting screens: meetings, agenda, attendance, action items, Renaksi.

Each is a :class:`~lapor_desk.ui.itemmodels.row_table.RowTableModel` over frozen read models.
"""

from __future__ import annotations

from typing import Any

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
from lapor_desk.ui.itemmodels.row_table import ID_ROLE, Column, RowTableModel

__all__ = [
    "ID_ROLE",
    "ActionItemTableModel",
    "AgendaTableModel",
    "AttendanceTableModel",
    "MeetingTableModel",
    "RenaksiTableModel",
]


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
