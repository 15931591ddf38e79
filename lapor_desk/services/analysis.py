"""Gathers the Laporan analisis pengaduan from the register with SQL aggregations.

Everything is grouped in the database (GROUP BY), never by a Python loop over every complaint,
and nothing reads the wide complaint rows but the few complaints the document quotes: each
complaint's stored deadlines row (``complaint_deadline``, kept current by
:mod:`lapor_desk.services.deadlines` after every change) also carries what the figures group
by — status, topic, klasifikasi, rating, channel, region, received date, lead unit, when the
response clock started, the first response and whether it was on time. Every figure is one
scan of a narrow covering index of that table, in its GROUP BY order:

* counts by month/topic/status/klasifikasi, by lead unit (with ratings and overdue), by
  channel and by region (:mod:`lapor_desk.services.analysis_counts`);
* the first-response SLA and the average first response per unit; the average sums
  working-day ordinals of the start dates and of the answer dates per unit and day
  (:mod:`lapor_desk.services.analysis_timing`);
* only when the figures are judged on another date than the stored deadlines were, the
  complaints that ever waited for the reporter (their due dates move with that date) are
  evaluated one by one from their timelines.

The lead unit is that of the stored deadlines.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from lapor_desk.domain.actor import Clock
from lapor_desk.domain.enums import InternalStatus, SlaStage
from lapor_desk.domain.errors import ValidationError
from lapor_desk.domain.sla import limit_for
from lapor_desk.i18n import _
from lapor_desk.models import Setting
from lapor_desk.reports.analysis_input import AnalysisInput, UnitRow
from lapor_desk.services.analysis_common import (
    EXAMPLE_TOPICS,
    EXCLUDED,
    TOP_CITIES,
    TOP_PROVINCES,
    Labels,
    ordered,
    period_condition,
)
from lapor_desk.services.analysis_counts import Counts, grouped_counts
from lapor_desk.services.analysis_timing import TimeFigures, examples
from lapor_desk.services.deadlines import DEADLINES_AS_OF
from lapor_desk.services.settings import SettingsService


class AnalysisService:
    """Builds the :class:`AnalysisInput` of a period."""

    def __init__(self, factory: sessionmaker[Session], clock: Clock,
                 settings: SettingsService) -> None:
        self._factory = factory
        self._clock = clock
        self._settings = settings

    def gather(self, start: date, end: date, as_of: date | None = None) -> AnalysisInput:
        """Figures of the complaints received from ``start`` to ``end`` (inclusive).

        Deadlines are judged as of ``as_of`` (default: the register's reference date).
        """
        if end < start:
            raise ValidationError("period", _("The end date is before the start date."))
        day = as_of or self._settings.reference_date()
        calendar = self._settings.calendar()
        rules = self._settings.sla_rules()
        snapshot = self._clock()
        with self._factory() as session:
            labels = Labels(session)
            period = period_condition(session, start, end)
            stored = session.get(Setting, DEADLINES_AS_OF)
            # The stored due dates were computed as of that date; only those of complaints
            # that waited for the reporter depend on it.
            exact = stored is not None and stored.value == day.isoformat()
            figures = TimeFigures(session, calendar, rules, period, day, exact)
            counts = grouped_counts(session, labels, start, end, period, figures.overdue)
            for unit_id, late in counts.unit_overdue.items():
                figures.unit(unit_id).overdue += late
            figures.responses(anchor=start)
            figures.waited()
            by_topic = ordered(counts.by_topic)
            topic_ids = {name: tid for tid, name in labels.topics.items()}
            rating_sum, rated = counts.rating
            timings = list(figures.timing.values())
            responses = sum(t.responses for t in timings)
            checked = sum(t.sla_checked for t in timings)
            total = counts.total
            return AnalysisInput(
                period_start=start, period_end=end, as_of=day, snapshot=snapshot,
                received=total.received, verified=total.verified,
                followed_up=total.followed_up, completed=total.completed,
                excluded=sum(counts.by_status.get(InternalStatus(v), 0) for v in EXCLUDED),
                overdue_total=figures.overdue_total,
                avg_first_response=sum(t.response_days for t in timings) / responses
                if responses else None,
                sla_compliance=sum(t.sla_met for t in timings) / checked if checked else None,
                first_response_limit=limit_for(rules, SlaStage.FIRST_RESPONSE, None, False),
                by_status=tuple((s, counts.by_status.get(s, 0)) for s in InternalStatus),
                by_klasifikasi=ordered(counts.by_klasifikasi),
                by_channel=ordered(counts.by_channel),
                by_topic=by_topic,
                months=tuple(counts.months), monthly_totals=tuple(counts.totals),
                topic_trend=tuple((r.label, tuple(counts.trend[r.label])) for r in by_topic),
                by_unit=_unit_rows(labels, counts, figures),
                by_province=ordered(counts.by_province)[:TOP_PROVINCES],
                top_cities=tuple(sorted(counts.cities.items(),
                                        key=lambda c: (-c[1], c[0]))[:TOP_CITIES]),
                overdue=figures.overdue_rows(labels),
                examples=examples(session, labels, period,
                                  (topic_ids.get(r.label) for r in by_topic[:EXAMPLE_TOPICS])),
                avg_rating=rating_sum / rated if rated else None,
                rated=rated,
            )


def _unit_rows(labels: Labels, counts: Counts, figures: TimeFigures) -> tuple[UnitRow, ...]:
    rows = []
    for unit_id, tally in counts.by_unit.items():
        if unit_id is None or unit_id not in labels.units:
            continue
        timing = figures.unit(unit_id)
        rating_sum, rated = counts.unit_ratings[unit_id]
        name, abbreviation = labels.units[unit_id]
        rows.append(UnitRow(
            unit=name, abbreviation=abbreviation, counts=tally.row(name),
            avg_first_response=timing.response_days / timing.responses
            if timing.responses else None,
            overdue=timing.overdue,
            avg_rating=rating_sum / rated if rated else None,
            sla_compliance=timing.sla_met / timing.sla_checked if timing.sla_checked else None,
        ))
    rows.sort(key=lambda u: (-u.counts.received, u.abbreviation))
    return tuple(rows)
