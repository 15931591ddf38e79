"""Master data editors' use cases: units, topics, SLA rules, status mapping, routing rules.

One transaction per public method; the rules live in :mod:`~lapor_desk.services.master_units`
and :mod:`~lapor_desk.services.master_rules`. Changes that move deadlines (SLA rules, an urgent
topic's own limit) refresh the stored deadlines in the same transaction, through the functions
:mod:`lapor_desk.services.settings` and :mod:`lapor_desk.services.deadlines` already use.
Holiday overrides, cuti bersama and the reference date stay with
:class:`~lapor_desk.services.settings.SettingsService`.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from lapor_desk.domain.actor import Actor, Clock
from lapor_desk.domain.enums import InternalStatus
from lapor_desk.services import master_rules, master_units
from lapor_desk.services.changes import Changes
from lapor_desk.services.deadlines import refresh_deadlines_for
from lapor_desk.services.master_data_models import (
    HolidayLine,
    RoutingRuleInput,
    RoutingRuleView,
    SlaRuleInput,
    SlaRuleView,
    StatusMappingRow,
    TopicInput,
    TopicRow,
    UnitInput,
    UnitRow,
)
from lapor_desk.services.settings import (
    REFERENCE_DATE,
    SettingsService,
    read_setting,
    refresh_all_deadlines,
)

MASTER = Changes(master_data=True)
SETTINGS = Changes(settings=True)


class MasterDataService:
    """Reads and edits the register's master data and rules."""

    def __init__(
        self, factory: sessionmaker[Session], clock: Clock, settings: SettingsService
    ) -> None:
        self._factory = factory
        self._clock = clock
        self._settings = settings

    # -- units --------------------------------------------------------------------------------

    def units(self) -> tuple[UnitRow, ...]:
        """Every unit, active or not, with its liaisons."""
        with self._factory() as session:
            return master_units.unit_rows(session)

    def create_unit(self, actor: Actor, data: UnitInput) -> tuple[int, Changes]:
        """Add a unit; the abbreviation must be new (case does not matter)."""
        del actor  # recorded by the audit trail once it exists
        with self._factory.begin() as session:
            return master_units.save_unit(session, None, data), MASTER

    def update_unit(self, actor: Actor, unit_id: int, data: UnitInput) -> Changes:
        """Change a unit and replace its liaisons."""
        del actor
        with self._factory.begin() as session:
            master_units.save_unit(session, unit_id, data)
        return MASTER

    def deactivate_unit(self, actor: Actor, unit_id: int, last_day: date) -> Changes:
        """Close a unit after a reorganisation; its history stays."""
        del actor
        with self._factory.begin() as session:
            master_units.deactivate_unit(session, unit_id, last_day)
        return MASTER

    # -- topics -------------------------------------------------------------------------------

    def topics(self) -> tuple[TopicRow, ...]:
        """Every topic by code."""
        with self._factory() as session:
            return master_units.topic_rows(session)

    def create_topic(self, actor: Actor, data: TopicInput) -> tuple[int, Changes]:
        """Add a topic."""
        del actor
        with self._factory.begin() as session:
            topic_id, _moved = master_units.save_topic(session, None, data)
        return topic_id, MASTER

    def update_topic(self, actor: Actor, topic_id: int, data: TopicInput) -> Changes:
        """Change a topic; a new urgent limit moves its urgent complaints' deadlines."""
        del actor
        with self._factory.begin() as session:
            _id, moved = master_units.save_topic(session, topic_id, data)
            if not moved:
                return MASTER
            affected = master_units.urgent_complaints_of(session, topic_id)
            refresh_deadlines_for(session, self._settings, affected)
        return Changes(complaints=frozenset(affected), master_data=True)

    # -- SLA rules ----------------------------------------------------------------------------

    def sla_rules(self) -> tuple[SlaRuleView, ...]:
        """The stored SLA rules."""
        with self._factory() as session:
            return master_rules.sla_rule_views(session)

    def save_sla_rule(self, actor: Actor, rule_id: int | None, data: SlaRuleInput) -> Changes:
        """Add (``rule_id`` None) or change a rule, then recompute every stored deadline.

        Slow on a big register (a full refresh): the UI runs it on a worker.
        """
        del actor
        with self._factory.begin() as session:
            master_rules.save_sla_rule(session, rule_id, data)
            refresh_all_deadlines(session, self._clock().date())
        return SETTINGS

    def delete_sla_rule(self, actor: Actor, rule_id: int) -> Changes:
        """Remove a rule (not a stage's general one), then recompute every stored deadline."""
        del actor
        with self._factory.begin() as session:
            master_rules.delete_sla_rule(session, rule_id)
            refresh_all_deadlines(session, self._clock().date())
        return SETTINGS

    # -- status mapping -----------------------------------------------------------------------

    def status_mapping(self) -> tuple[StatusMappingRow, ...]:
        """Every portal status value the importer knows."""
        with self._factory() as session:
            return master_rules.status_mapping_rows(session)

    def save_status_mapping(
        self, actor: Actor, original: str | None, portal_value: str, status: InternalStatus
    ) -> Changes:
        """Add a portal value, or change (and possibly rename) ``original``."""
        del actor
        with self._factory.begin() as session:
            master_rules.save_status_mapping(session, original, portal_value, status)
        return SETTINGS

    def delete_status_mapping(self, actor: Actor, portal_value: str) -> Changes:
        """Forget a portal value."""
        del actor
        with self._factory.begin() as session:
            master_rules.delete_status_mapping(session, portal_value)
        return SETTINGS

    def restore_status_defaults(self, actor: Actor) -> Changes:
        """Put the built-in portal values back as shipped; the user's own values stay."""
        del actor
        with self._factory.begin() as session:
            changed = master_rules.restore_status_defaults(session)
        return Changes(settings=changed > 0)

    # -- routing rules ------------------------------------------------------------------------

    def routing_rules(self) -> tuple[RoutingRuleView, ...]:
        """The routing rules in the order they are tried."""
        with self._factory() as session:
            return master_rules.routing_rule_views(session)

    def save_routing_rule(
        self, actor: Actor, rule_id: int | None, data: RoutingRuleInput
    ) -> tuple[int, Changes]:
        """Add (``rule_id`` None) or change a routing rule."""
        del actor
        with self._factory.begin() as session:
            return master_rules.save_routing_rule(session, rule_id, data), MASTER

    def delete_routing_rule(self, actor: Actor, rule_id: int) -> Changes:
        """Remove a routing rule."""
        del actor
        with self._factory.begin() as session:
            master_rules.delete_routing_rule(session, rule_id)
        return MASTER

    # -- register settings the settings page shows ------------------------------------------

    def fixed_reference_date(self) -> date | None:
        """The reference date the user fixed, or None while it follows today."""
        with self._factory() as session:
            value = read_setting(session, REFERENCE_DATE)
        return date.fromisoformat(value) if value else None

    # -- holidays -----------------------------------------------------------------------------

    def holidays(self, year: int) -> tuple[HolidayLine, ...]:
        """The package's holidays of ``year`` beside the user's overrides (edited in settings)."""
        with self._factory() as session:
            return master_rules.holiday_lines(session, year)
