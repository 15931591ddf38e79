"""SLA rules, status mapping, routing rules and the holiday list, inside the caller's transaction.

:class:`lapor_desk.services.master_data.MasterDataService` opens the transaction and refreshes
the stored deadlines where a change moves them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from lapor_desk.domain.calendar import Holiday, WorkingCalendar
from lapor_desk.domain.enums import InternalStatus, Klasifikasi, SlaStage
from lapor_desk.domain.errors import NotFound, ValidationError
from lapor_desk.domain.validation import require_text
from lapor_desk.i18n import _
from lapor_desk.models import (
    HolidayOverrideRow,
    RoutingRule,
    SlaRuleRow,
    StatusMapping,
    Topic,
    Unit,
)
from lapor_desk.services.master_data_models import (
    HolidayLine,
    RoutingRuleInput,
    RoutingRuleView,
    SlaRuleInput,
    SlaRuleView,
    StatusMappingRow,
)
from lapor_desk.services.settings import CUTI_BERSAMA_OFF, DEFAULT_STATUS_MAPPING, read_setting

#: The longest limit a rule may set: a year of working days is already far beyond any SOP.
MAX_WORKDAYS = 365

# -- SLA rules --------------------------------------------------------------------------------


def sla_rule_views(session: Session) -> tuple[SlaRuleView, ...]:
    """Stored rules by stage, then catch-all before specific, normal before urgent."""
    order = {stage: n for n, stage in enumerate(SlaStage)}
    rows = [
        SlaRuleView(r.id, SlaStage(r.stage), Klasifikasi(r.klasifikasi) if r.klasifikasi else None,
                    r.urgent, r.workdays)
        for r in session.scalars(select(SlaRuleRow))
    ]
    return tuple(sorted(rows, key=lambda r: (order[r.stage], r.urgent, r.klasifikasi or "")))


def _is_catch_all(klasifikasi: str, urgent: bool) -> bool:
    return not klasifikasi and not urgent


def save_sla_rule(session: Session, rule_id: int | None, data: SlaRuleInput) -> int:
    """Create or change a rule; the (stage, klasifikasi, urgent) key stays unique."""
    if not 0 < data.workdays <= MAX_WORKDAYS:
        raise ValidationError(
            "workdays", _("The limit must be between 1 and {limit} working days.").format(
                limit=MAX_WORKDAYS))
    klasifikasi = data.klasifikasi.value if data.klasifikasi else ""
    clash = session.scalar(
        select(SlaRuleRow.id).where(
            SlaRuleRow.stage == data.stage.value, SlaRuleRow.klasifikasi == klasifikasi,
            SlaRuleRow.urgent.is_(data.urgent), SlaRuleRow.id != (rule_id or 0),
        )
    )
    if clash is not None:
        raise ValidationError(
            "stage", _("A rule for this stage, klasifikasi and urgency exists already."))
    if rule_id is None:
        row = SlaRuleRow(stage=data.stage.value, klasifikasi=klasifikasi, urgent=data.urgent,
                         workdays=data.workdays)
        session.add(row)
    else:
        found = session.get(SlaRuleRow, rule_id)
        if found is None:
            raise NotFound(_("SLA rule not found."))
        row = found
        if _is_catch_all(row.klasifikasi, row.urgent) and (
            row.stage != data.stage.value or klasifikasi or data.urgent
        ):
            raise ValidationError("stage", _catch_all_message(SlaStage(row.stage)))
        row.stage, row.klasifikasi, row.urgent, row.workdays = (
            data.stage.value, klasifikasi, data.urgent, data.workdays)
    session.flush()
    return row.id


def _catch_all_message(stage: SlaStage) -> str:
    return _("The general rule of the stage “{stage}” (any klasifikasi, not urgent) must stay: "
             "every complaint needs a limit. Change its working days instead.").format(
        stage=stage.label)


def delete_sla_rule(session: Session, rule_id: int) -> None:
    """Remove a rule, except a stage's general rule, which every complaint falls back on."""
    row = session.get(SlaRuleRow, rule_id)
    if row is None:
        raise NotFound(_("SLA rule not found."))
    if _is_catch_all(row.klasifikasi, row.urgent):
        raise ValidationError("stage", _catch_all_message(SlaStage(row.stage)))
    session.delete(row)


# -- status mapping ---------------------------------------------------------------------------


def status_mapping_rows(session: Session) -> tuple[StatusMappingRow, ...]:
    """Every portal value, alphabetically, with its internal status."""
    return tuple(
        StatusMappingRow(r.portal_value, _status(r.internal_status),
                         r.portal_value in DEFAULT_STATUS_MAPPING)
        for r in session.scalars(select(StatusMapping).order_by(StatusMapping.portal_value))
    )


def _status(value: str) -> InternalStatus:
    try:
        return InternalStatus(value)
    except ValueError:  # written by a newer version; imports treat it as not yet verified
        return InternalStatus.BELUM_TERVERIFIKASI


def save_status_mapping(
    session: Session, original: str | None, portal_value: str, status: InternalStatus
) -> None:
    """Map ``portal_value`` (renaming ``original`` when given) to ``status``."""
    value = " ".join(require_text(portal_value, "portal_value", _("Portal value")).split())
    if len(value) > 100:
        raise ValidationError(
            "portal_value", _("The portal value may have at most 100 characters."))
    if value != original and session.get(StatusMapping, value) is not None:
        raise ValidationError(
            "portal_value", _("The portal value “{value}” is mapped already.").format(value=value))
    if original is not None and original != value:
        row = session.get(StatusMapping, original)
        if row is None:
            raise NotFound(_("Status mapping not found."))
        session.delete(row)
        session.flush()
    row = session.get(StatusMapping, value)
    if row is None:
        session.add(StatusMapping(portal_value=value, internal_status=status.value))
    else:
        row.internal_status = status.value


def delete_status_mapping(session: Session, portal_value: str) -> None:
    """Forget a portal value; imports then keep it raw with a warning."""
    row = session.get(StatusMapping, portal_value)
    if row is None:
        raise NotFound(_("Status mapping not found."))
    session.delete(row)


def restore_status_defaults(session: Session) -> int:
    """Put back every built-in value as shipped; the user's own values stay. Returns changes."""
    changed = 0
    for portal_value, status in DEFAULT_STATUS_MAPPING.items():
        row = session.get(StatusMapping, portal_value)
        if row is None:
            session.add(StatusMapping(portal_value=portal_value, internal_status=status.value))
            changed += 1
        elif row.internal_status != status.value:
            row.internal_status = status.value
            changed += 1
    return changed


# -- routing rules ----------------------------------------------------------------------------


def routing_rule_views(session: Session) -> tuple[RoutingRuleView, ...]:
    """Rules in the order they are tried: priority, then keyword."""
    units = dict(session.execute(select(Unit.id, Unit.name)).all())
    topics = dict(session.execute(select(Topic.id, Topic.name)).all())
    return tuple(
        RoutingRuleView(r.id, r.priority, r.keyword, r.unit_id, units.get(r.unit_id, "?"),
                        r.topic_id, topics.get(r.topic_id) if r.topic_id else None,
                        r.mark_urgent, r.note)
        for r in session.scalars(
            select(RoutingRule).order_by(RoutingRule.priority, RoutingRule.keyword, RoutingRule.id)
        )
    )


def save_routing_rule(session: Session, rule_id: int | None, data: RoutingRuleInput) -> int:
    """Create or change a routing rule."""
    if not 0 <= data.priority <= 9999:
        raise ValidationError("priority", _("The priority must be between 0 and 9999."))
    # Matching is case-insensitive (domain/routing.py); store the keyword as people read it.
    keyword = " ".join(require_text(data.keyword, "keyword", _("Keyword")).split()).casefold()
    if len(keyword) > 100:
        raise ValidationError("keyword", _("The keyword may have at most 100 characters."))
    if data.unit_id is None or session.get(Unit, data.unit_id) is None:
        raise ValidationError("unit", _("Choose the unit the rule sends complaints to."))
    if data.topic_id is not None and session.get(Topic, data.topic_id) is None:
        raise ValidationError("topic", _("The topic does not exist."))
    if rule_id is None:
        row = RoutingRule()
        session.add(row)
    else:
        found = session.get(RoutingRule, rule_id)
        if found is None:
            raise NotFound(_("Routing rule not found."))
        row = found
    row.priority, row.keyword, row.unit_id, row.topic_id = (
        data.priority, keyword, data.unit_id, data.topic_id)
    row.mark_urgent, row.note = data.mark_urgent, data.note.strip()
    session.flush()
    return row.id


def delete_routing_rule(session: Session, rule_id: int) -> None:
    """Remove a routing rule."""
    row = session.get(RoutingRule, rule_id)
    if row is None:
        raise NotFound(_("Routing rule not found."))
    session.delete(row)


# -- holidays ---------------------------------------------------------------------------------


def holiday_lines(
    session: Session, year: int, calendar: Callable[..., WorkingCalendar] = WorkingCalendar
) -> tuple[HolidayLine, ...]:
    """The ``holidays`` package's days off of ``year`` beside the user's overrides.

    ``calendar`` builds the package calendar (a test may pass one with its own source).
    """
    first, last = date(year, 1, 1), date(year, 12, 31)
    # Both categories, whatever the setting: the user decides with the package's list in view.
    package: dict[date, Holiday] = {
        h.day: h for h in calendar(cuti_bersama_off=True).holidays_between(first, last)
    }
    cuti_off = read_setting(session, CUTI_BERSAMA_OFF) != "0"
    overrides = {
        r.day: r
        for r in session.scalars(
            select(HolidayOverrideRow).where(HolidayOverrideRow.day.between(first, last))
        )
    }
    lines = []
    for day in sorted(package.keys() | overrides.keys()):
        holiday, override = package.get(day), overrides.get(day)
        day_off = holiday is not None and (holiday.kind == "public" or cuti_off)
        if override is not None:
            day_off = override.is_holiday
        lines.append(HolidayLine(
            day=day,
            name=holiday.name if holiday else "",
            kind=holiday.kind if holiday else "",
            override=override.is_holiday if override else None,
            note=override.note if override else "",
            day_off=day_off,
        ))
    return tuple(lines)
