"""Register statistics: totals by status, topic and unit with the monev indicators."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from lapor_desk.domain.enums import InternalStatus, SlaStage, SlaState
from lapor_desk.domain.indicators import ComplaintFacts, Indicators, compute
from lapor_desk.domain.sla import complaint_sla
from lapor_desk.i18n import _
from lapor_desk.models import Complaint, Topic, Unit
from lapor_desk.services.settings import SettingsService
from lapor_desk.services.timelines import load_timelines

EXCLUDED = (InternalStatus.DIARSIPKAN, InternalStatus.TERBLOKIR)


@dataclass(frozen=True, slots=True)
class UnitStats:
    """One unit's indicators over the complaints it leads."""

    unit: str
    abbreviation: str
    indicators: Indicators


@dataclass(frozen=True, slots=True)
class RegisterStats:
    """The whole register as of a date."""

    as_of: date
    overall: Indicators
    by_status: tuple[tuple[InternalStatus, int], ...]
    by_topic: tuple[tuple[str, int], ...]
    by_unit: tuple[UnitStats, ...]


class StatsService:
    """Computes the figures of ``lapor-desk stats`` and the dashboards."""

    def __init__(self, factory: sessionmaker[Session], settings: SettingsService) -> None:
        self._factory = factory
        self._settings = settings

    def is_empty(self) -> bool:
        """True when the register holds neither complaints nor units (a first run)."""
        with self._factory() as session:
            return (
                session.scalar(select(Complaint.id).limit(1)) is None
                and session.scalar(select(Unit.id).limit(1)) is None
            )

    def stats(self, as_of: date | None = None) -> RegisterStats:
        """Indicators of every complaint received up to ``as_of`` (default: reference date)."""
        day = as_of or self._settings.reference_date()
        calendar = self._settings.calendar()
        rules = self._settings.sla_rules()
        with self._factory() as session:
            timelines = load_timelines(session)
            units = {u.id: (u.name, u.abbreviation) for u in session.scalars(select(Unit))}
            topics = dict(session.execute(select(Topic.id, Topic.name)).all())
        facts_by_unit: dict[int | None, list[ComplaintFacts]] = defaultdict(list)
        all_facts: list[ComplaintFacts] = []
        statuses: Counter[InternalStatus] = Counter()
        by_topic: Counter[str] = Counter()
        for item in timelines:
            tl = item.timeline
            if tl.received > day:
                continue
            statuses[item.status] += 1
            by_topic[topics.get(item.topic_id, _("(no topic)")) if item.topic_id else
                     _("(no topic)")] += 1
            response = None
            if tl.verified is not None and tl.first_response is not None:
                response = max(0, calendar.working_days_between(tl.verified, tl.first_response))
            overdue = sla_checked = sla_met = False
            if item.status not in EXCLUDED:
                results = complaint_sla(calendar, rules, tl, day)
                overdue = any(r.state is SlaState.OVERDUE for r in results)
                first = next(r for r in results if r.stage is SlaStage.FIRST_RESPONSE)
                if first.done is not None:
                    sla_checked = True
                    sla_met = first.state is SlaState.MET
            fact = ComplaintFacts(item.status, response, sla_checked, sla_met, overdue)
            all_facts.append(fact)
            facts_by_unit[item.lead_unit_id].append(fact)
        by_unit = sorted(
            (
                UnitStats(units[unit_id][0], units[unit_id][1], compute(facts))
                for unit_id, facts in facts_by_unit.items()
                if unit_id is not None
            ),
            key=lambda s: (-s.indicators.received, s.abbreviation),
        )
        return RegisterStats(
            as_of=day,
            overall=compute(all_facts),
            by_status=tuple((s, statuses[s]) for s in InternalStatus),
            by_topic=tuple(by_topic.most_common()),
            by_unit=tuple(by_unit),
        )
