"""Table models of the master-data tabs: topics, SLA rules, holidays, status mapping, routing."""

from __future__ import annotations

from typing import Any

from lapor_desk.domain.formatting import fmt_date
from lapor_desk.i18n import _
from lapor_desk.services.master_data_models import (
    HolidayLine,
    RoutingRuleView,
    SlaRuleView,
    StatusMappingRow,
    TopicRow,
)
from lapor_desk.ui.itemmodels.row_table import Column, RowTableModel


def _yes(value: bool) -> str:
    return _("Yes") if value else ""


class TopicTableModel(RowTableModel[TopicRow]):
    """Topics: code, name, urgency with its limit, default unit, portal categories."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__([
            Column(_("Code"), lambda t: t.code),
            Column(_("Name"), lambda t: t.name),
            Column(_("Urgent"), _urgent_text),
            Column(_("Default unit"), lambda t: t.default_unit or ""),
            Column(_("Portal categories"), lambda t: ", ".join(map(str, t.category_ids))),
        ], parent)


def _urgent_text(topic: TopicRow) -> str:
    if not topic.urgent:
        return ""
    if topic.urgent_sla_workdays is None:
        return _("Yes")
    return _("Yes, {n} working days").format(n=topic.urgent_sla_workdays)


def klasifikasi_text(value: object) -> str:
    """A rule's klasifikasi, or "any" for the general rule."""
    return str(value) if value else _("(any klasifikasi)")


class SlaRuleTableModel(RowTableModel[SlaRuleView]):
    """SLA rules: stage, klasifikasi, urgent, working days."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__([
            Column(_("Stage"), lambda r: r.stage.label),
            Column(_("Klasifikasi"), lambda r: klasifikasi_text(r.klasifikasi)),
            Column(_("Urgent"), lambda r: _yes(r.urgent)),
            Column(_("Working days"), lambda r: str(r.workdays), numeric=True),
        ], parent)



def holiday_source(line: HolidayLine) -> str:
    """Where the date comes from: the package's kind, or the user."""
    if line.kind == "public":
        return _("National holiday")
    if line.kind == "cuti_bersama":
        return _("Cuti bersama")
    return _("Added by the user")


def holiday_override(line: HolidayLine) -> str:
    """The user's correction of the date, if any."""
    if line.override is None:
        return ""
    return _("Added as day off") if line.override else _("Made a working day")


class HolidayTableModel(RowTableModel[HolidayLine]):
    """A year's days off: the package's list and the user's overrides side by side."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__([
            Column(_("Date"), lambda h: fmt_date(h.day)),
            Column(_("Holiday"), lambda h: h.name),
            Column(_("Source"), holiday_source),
            Column(_("Override"), holiday_override),
            Column(_("Note"), lambda h: h.note),
            Column(_("Day off"), lambda h: _("Day off") if h.day_off else _("Working day")),
        ], parent)

    def row_of_day(self, day: object) -> int:
        """The row of ``day``, or -1."""
        return next((n for n, line in enumerate(self.rows) if line.day == day), -1)


class StatusMappingTableModel(RowTableModel[StatusMappingRow]):
    """Portal status values and the internal status each imports as."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__([
            Column(_("Portal value"), lambda r: r.portal_value),
            Column(_("Internal status"), lambda r: r.status.label),
            Column(_("Built-in"), lambda r: _yes(r.is_default)),
        ], parent)


class RoutingRuleTableModel(RowTableModel[RoutingRuleView]):
    """Routing rules in the order they are tried."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__([
            Column(_("Priority"), lambda r: str(r.priority), numeric=True),
            Column(_("Keyword"), lambda r: r.keyword),
            Column(_("Unit"), lambda r: r.unit),
            Column(_("Topic"), lambda r: r.topic or ""),
            Column(_("Urgent"), lambda r: _yes(r.mark_urgent)),
            Column(_("Note"), lambda r: r.note),
        ], parent)
