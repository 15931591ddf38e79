"""Gathers the Laporan analisis pengaduan from the register with SQL aggregations.

Everything is grouped in the database (GROUP BY), never by a Python loop over every complaint,
so that a register of a million complaints is analysed in a few seconds:

* counts by month/topic/status/klasifikasi, by channel and by region: one GROUP BY each over the
  narrow covering index ``ix_complaint_analysis`` (no read of the wide complaint rows);
* per unit, the stored deadlines (``complaint_deadline``: lead unit, due dates, ``open_due``,
  kept current by :mod:`lapor_desk.services.deadlines`) give the lead unit and whether a
  complaint is overdue, in one join;
* the first-response SLA compares the first response with the stored due date in SQL; the
  average first response sums working-day ordinals per (unit, date) group, since
  ``working_days_between(a, b) == W(b) - W(a)`` for the calendar's cumulative count ``W``;
* only when the figures are judged on another date than the stored deadlines were, the
  complaints that ever waited for the reporter (their due dates move with that date) are
  evaluated one by one from their timelines, as ``stats.py`` does.

The lead unit is that of the stored deadlines, the one ``stats.py`` uses.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, extract, func, select, true
from sqlalchemy.orm import Session, sessionmaker

from lapor_desk.domain.actor import Clock
from lapor_desk.domain.calendar import WorkingCalendar
from lapor_desk.domain.enums import (
    FollowUpKind,
    InternalStatus,
    Klasifikasi,
    SlaStage,
    SlaState,
)
from lapor_desk.domain.errors import ValidationError
from lapor_desk.domain.sla import SlaRule, Timeline, complaint_sla, limit_for
from lapor_desk.i18n import _
from lapor_desk.models import (
    Complaint,
    ComplaintDeadline,
    Disposition,
    FollowUp,
    Setting,
    StatusChange,
    Topic,
    Unit,
)
from lapor_desk.reports.analysis_input import (
    AnalysisInput,
    CountRow,
    ExampleComplaint,
    OverdueRow,
    UnitRow,
)
from lapor_desk.reports.lang import _ as doc_
from lapor_desk.services.deadlines import DEADLINES_AS_OF
from lapor_desk.services.settings import SettingsService
from lapor_desk.services.timelines import load_timelines

S = InternalStatus
D = ComplaintDeadline
EXCLUDED = (S.DIARSIPKAN.value, S.TERBLOKIR.value)
WAITING = S.MENUNGGU_KELENGKAPAN.value
#: Over-SLA complaints whose details are fetched (the document lists fewer).
OVERDUE_DETAILS = 40
EXAMPLE_TOPICS = 3
TOP_PROVINCES = 15
TOP_CITIES = 10


def _as_date(value: Any) -> date | None:
    """``func.date()`` gives text on SQLite and a date on PostgreSQL."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _klasifikasi(value: str | None) -> Klasifikasi | None:
    try:
        return Klasifikasi(value) if value else None
    except ValueError:
        return None


@dataclass(slots=True)
class _Tally:
    received: int = 0
    verified: int = 0
    followed_up: int = 0
    completed: int = 0

    def add(self, status: InternalStatus, count: int) -> None:
        self.received += count
        if status.is_verified:
            self.verified += count
            if status in (S.PROSES, S.SELESAI):
                self.followed_up += count
            if status is S.SELESAI:
                self.completed += count

    def row(self, label: str) -> CountRow:
        return CountRow(label, self.received, self.verified, self.followed_up, self.completed)


@dataclass(slots=True)
class _Timing:
    """Sums behind the average first response and the SLA compliance of one unit."""

    response_days: int = 0
    responses: int = 0
    sla_checked: int = 0
    sla_met: int = 0
    overdue: int = 0


def _months(start: date, end: date) -> list[tuple[int, int]]:
    """(year, month) of every month from ``start`` to ``end``."""
    months: list[tuple[int, int]] = []
    cursor = date(start.year, start.month, 1)
    while cursor <= end:
        months.append((cursor.year, cursor.month))
        cursor = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
    return months


def _ordered(tallies: dict[str, _Tally]) -> tuple[CountRow, ...]:
    return tuple(sorted((t.row(label) for label, t in tallies.items()),
                        key=lambda r: (-r.received, r.label)))


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
        in_period: ColumnElement[bool] = and_(
            Complaint.received_at >= datetime.combine(start, time.min),
            Complaint.received_at < datetime.combine(end + timedelta(days=1), time.min),
        )
        with self._factory() as session:
            first, last = session.execute(
                select(func.min(Complaint.received_at), func.max(Complaint.received_at))
            ).one()
            # The queries ix_complaint_analysis covers keep the range, which leads the planner
            # to that index; the others, when the period holds the whole register, scan the
            # table once instead of visiting every row through the date index.
            whole = first is None or (first.date() >= start and last.date() <= end)
            return _Gatherer(session, calendar, rules, in_period, day, whole).run(
                start, end, snapshot
            )


class _Gatherer:
    """One read of the register (one session) for one period."""

    def __init__(self, session: Session, calendar: WorkingCalendar, rules: tuple[SlaRule, ...],
                 in_period: ColumnElement[bool], as_of: date, whole: bool = False) -> None:
        self.session = session
        self.scan_period: ColumnElement[bool] = true() if whole else in_period
        self.calendar = calendar
        self.rules = rules
        self.in_period = in_period
        self.as_of = as_of
        self.units = {u.id: (u.name, u.abbreviation) for u in session.scalars(select(Unit))}
        self.topics: dict[int, str] = dict(session.execute(select(Topic.id, Topic.name)).all())
        period_ids = select(Complaint.id).where(in_period)
        self.first = (
            select(FollowUp.complaint_id.label("complaint_id"),
                   func.min(FollowUp.posted_at).label("posted_at"))
            .where(FollowUp.kind != FollowUpKind.INFO_REQUEST.value)
            .group_by(FollowUp.complaint_id)
            .subquery()
        )
        stored = session.get(Setting, DEADLINES_AS_OF)
        # The stored due dates were computed as of that date. Only those of complaints that
        # waited for the reporter depend on it (each day waited pushes them back); judged on
        # another date, those few are evaluated from their timelines instead.
        self.exact = stored is not None and stored.value == as_of.isoformat()
        self.paused = select(StatusChange.complaint_id).where(
            StatusChange.to_status == WAITING, StatusChange.complaint_id.in_(period_ids)
        )
        self.stored: ColumnElement[bool] = (
            true() if self.exact else Complaint.id.not_in(self.paused))
        self.timing: dict[int | None, _Timing] = defaultdict(_Timing)
        self.overdue_count = 0
        self.extra_overdue: list[tuple[int, int | None, SlaStage, date]] = []

    def _topic(self, topic_id: int | None) -> str:
        return self.topics.get(topic_id, doc_("(no topic)")) if topic_id else doc_("(no topic)")

    def _unit(self, unit_id: int | None) -> str:
        return self.units[unit_id][0] if unit_id in self.units else doc_("(not disposed)")

    # -- counts ------------------------------------------------------------------------------

    def counts(self, start: date, end: date) -> dict[str, Any]:
        s = self.session
        months = _months(start, end)
        index = {m: i for i, m in enumerate(months)}
        totals = [0] * len(months)
        trend: dict[str, list[int]] = defaultdict(lambda: [0] * len(months))
        by_topic: dict[str, _Tally] = defaultdict(_Tally)
        by_klas: dict[str, _Tally] = defaultdict(_Tally)
        by_status: dict[InternalStatus, int] = defaultdict(int)
        total = _Tally()
        rating = [0, 0]
        year = extract("year", Complaint.received_at)
        month = extract("month", Complaint.received_at)
        for y, m, topic_id, status, klas, count, rating_sum, rated in s.execute(
            select(year, month, Complaint.topic_id, Complaint.status, Complaint.klasifikasi,
                   func.count(), func.sum(Complaint.rating), func.count(Complaint.rating))
            .where(self.in_period)
            .group_by(year, month, Complaint.topic_id, Complaint.status, Complaint.klasifikasi)
        ):
            state = InternalStatus(status)
            topic = self._topic(topic_id)
            by_topic[topic].add(state, count)
            by_klas[klas or doc_("(not classified)")].add(state, count)
            by_status[state] += count
            total.add(state, count)
            rating[0] += int(rating_sum or 0)
            rating[1] += rated
            position = index[(int(y), int(m))]
            totals[position] += count
            trend[topic][position] += count
        by_unit: dict[int | None, _Tally] = defaultdict(_Tally)
        ratings: dict[int | None, list[int]] = defaultdict(lambda: [0, 0])
        overdue = case((and_(D.open_due < self.as_of, self.stored), 1), else_=0)
        for unit_id, status, count, rating_sum, rated, late in s.execute(
            select(D.lead_unit_id, Complaint.status, func.count(), func.sum(Complaint.rating),
                   func.count(Complaint.rating), func.sum(overdue))
            .select_from(Complaint).outerjoin(D, D.complaint_id == Complaint.id)
            .where(self.in_period)
            .group_by(D.lead_unit_id, Complaint.status)
        ):
            by_unit[unit_id].add(InternalStatus(status), count)
            ratings[unit_id][0] += int(rating_sum or 0)
            ratings[unit_id][1] += rated
            # open_due is NULL for finished, archived and blocked complaints.
            self.timing[unit_id].overdue += int(late or 0)
            self.overdue_count += int(late or 0)
        by_channel: dict[str, _Tally] = defaultdict(_Tally)
        for channel, status, count in s.execute(
            select(Complaint.channel, Complaint.status, func.count())
            .where(self.scan_period).group_by(Complaint.channel, Complaint.status)
        ):
            by_channel[channel or doc_("(unknown)")].add(InternalStatus(status), count)
        by_province: dict[str, _Tally] = defaultdict(_Tally)
        cities: dict[str, int] = defaultdict(int)
        for province, city, status, count in s.execute(
            select(Complaint.province, Complaint.city, Complaint.status, func.count())
            .where(self.scan_period)
            .group_by(Complaint.province, Complaint.city, Complaint.status)
        ):
            by_province[province or doc_("(unknown)")].add(InternalStatus(status), count)
            if city:
                cities[f"{city}, {province}" if province else city] += count
        return {
            "by_unit": by_unit, "by_topic": by_topic, "by_klas": by_klas,
            "by_status": by_status, "ratings": ratings, "rating": rating, "total": total,
            "by_channel": by_channel, "by_province": by_province, "cities": cities,
            "months": months, "totals": totals, "trend": trend,
        }

    # -- timing and deadlines ----------------------------------------------------------------

    def responses(self) -> None:
        """First-response SLA in SQL against the stored due date; average first response."""
        done = func.coalesce(self.first.c.posted_at, Complaint.completed_at)
        met = case((func.date(done) <= D.first_response_due, 1), else_=0)
        verified, first = func.date(Complaint.verified_at), func.date(self.first.c.posted_at)
        between = self.calendar.working_days_between
        for unit_id, begin, answered, count, met_count in self.session.execute(
            select(D.lead_unit_id, verified, first, func.count(), func.sum(met))
            .select_from(Complaint)
            .join(D, D.complaint_id == Complaint.id)
            .outerjoin(self.first, self.first.c.complaint_id == Complaint.id)
            .where(self.in_period, self.stored, Complaint.status.not_in(EXCLUDED),
                   done.is_not(None))
            .group_by(D.lead_unit_id, verified, first)
        ):
            timing = self.timing[unit_id]
            timing.sla_checked += count
            timing.sla_met += int(met_count or 0)
            first_day, answer_day = _as_date(begin), _as_date(answered)
            if first_day is not None and answer_day is not None:
                timing.response_days += max(0, between(first_day, answer_day)) * count
                timing.responses += count
        # Without a verification date the lead disposition's date counts (as in stats.py):
        # those few complaints' response times come from their timelines.
        disposed = select(Disposition.id).where(Disposition.complaint_id == Complaint.id,
                                                Disposition.withdrawn_at.is_(None)).exists()
        answered = select(FollowUp.id).where(
            FollowUp.complaint_id == Complaint.id,
            FollowUp.kind != FollowUpKind.INFO_REQUEST.value).exists()
        unverified = list(self.session.scalars(select(Complaint.id).where(
            self.in_period, self.stored, Complaint.verified_at.is_(None),
            Complaint.status.not_in(EXCLUDED), disposed, answered)))
        for item in load_timelines(self.session, Complaint.id.in_(unverified)):
            tl = item.timeline
            if tl.verified is not None and tl.first_response is not None:
                timing = self.timing[item.lead_unit_id]
                timing.response_days += max(
                    0, self.calendar.working_days_between(tl.verified, tl.first_response))
                timing.responses += 1

    def paused_timelines(self) -> None:
        """Complaints that waited for the reporter, from their full timelines (as stats.py).

        Only when the figures are judged on another date than the stored deadlines were.
        """
        if self.exact:
            return
        for item in load_timelines(self.session, and_(self.in_period,
                                                      Complaint.id.in_(self.paused))):
            if item.status.value in EXCLUDED:
                continue
            tl = item.timeline
            timing = self.timing[item.lead_unit_id]
            if tl.verified is not None and tl.first_response is not None:
                timing.response_days += max(
                    0, self.calendar.working_days_between(tl.verified, tl.first_response))
                timing.responses += 1
            results = complaint_sla(self.calendar, self.rules, tl, self.as_of)
            first = next(r for r in results if r.stage is SlaStage.FIRST_RESPONSE)
            if first.done is not None:
                timing.sla_checked += 1
                timing.sla_met += first.state is SlaState.MET
            late = next((r for r in results if r.state is SlaState.OVERDUE), None)
            if late is not None:
                timing.overdue += 1
                self.overdue_count += 1
                self.extra_overdue.append((item.complaint_id, item.lead_unit_id, late.stage,
                                           late.due))

    def _first_overdue(self, timeline: Timeline) -> tuple[SlaStage, date] | None:
        for result in complaint_sla(self.calendar, self.rules, timeline, self.as_of):
            if result.state is SlaState.OVERDUE:
                return result.stage, result.due
        return None

    def overdue_rows(self) -> tuple[OverdueRow, ...]:
        """The complaints longest past a deadline (found by the stored ``open_due``).

        Which stage is late, and since when, is read from those few complaints' timelines.
        """
        candidates = list(self.session.scalars(
            select(Complaint.id).join(D, D.complaint_id == Complaint.id)
            .where(self.scan_period, self.stored, D.open_due < self.as_of)
            .order_by(D.open_due, Complaint.id).limit(OVERDUE_DETAILS)
        ))
        found = [
            (item.complaint_id, item.lead_unit_id, *late)
            for item in load_timelines(self.session, Complaint.id.in_(candidates))
            if (late := self._first_overdue(item.timeline)) is not None
        ]
        longest = sorted([*found, *self.extra_overdue],
                         key=lambda o: (o[3], o[0]))[:OVERDUE_DETAILS]
        if not longest:
            return ()
        details = {
            row.id: row for row in self.session.execute(
                select(Complaint.id, Complaint.tracking_id, Complaint.received_at,
                       Complaint.title, Complaint.topic_id)
                .where(Complaint.id.in_([o[0] for o in longest])))
        }
        stage_names = {SlaStage.VERIFICATION: doc_("Verification"),
                       SlaStage.FIRST_RESPONSE: doc_("First response"),
                       SlaStage.COMPLETION: doc_("Completion")}
        return tuple(
            OverdueRow(
                tracking_id=details[cid].tracking_id,
                received=details[cid].received_at.date(),
                title=details[cid].title,
                topic=self._topic(details[cid].topic_id),
                unit=self.units[unit_id][1] if unit_id in self.units else "–",
                stage=stage_names[stage],
                due=due,
                workdays_late=max(0, self.calendar.working_days_between(due, self.as_of)),
            )
            for cid, unit_id, stage, due in longest
        )

    def examples(self, topic_ids: Iterable[int | None]) -> tuple[ExampleComplaint, ...]:
        out: list[ExampleComplaint] = []
        for topic_id in topic_ids:
            if topic_id is None:
                continue
            row = self.session.execute(
                select(Complaint.tracking_id, Complaint.received_at, Complaint.title,
                       Complaint.text_edited, Complaint.text_original)
                .where(self.in_period, Complaint.topic_id == topic_id,
                       Complaint.status.not_in(EXCLUDED))
                .order_by(Complaint.id.desc()).limit(1)
            ).first()
            if row is not None:
                out.append(ExampleComplaint(row.tracking_id, self._topic(topic_id),
                                            row.received_at.date(), row.title,
                                            row.text_edited or row.text_original))
        return tuple(out)

    # -- everything --------------------------------------------------------------------------

    def run(self, start: date, end: date, snapshot: datetime) -> AnalysisInput:
        counts = self.counts(start, end)
        months, totals, trend = counts["months"], counts["totals"], counts["trend"]
        self.responses()
        self.paused_timelines()
        by_unit: dict[int | None, _Tally] = counts["by_unit"]
        unit_rows = []
        for unit_id, tally in by_unit.items():
            if unit_id is None or unit_id not in self.units:
                continue
            timing = self.timing[unit_id]
            rating_sum, rated = counts["ratings"][unit_id]
            name, abbreviation = self.units[unit_id]
            unit_rows.append(UnitRow(
                unit=name, abbreviation=abbreviation, counts=tally.row(name),
                avg_first_response=timing.response_days / timing.responses
                if timing.responses else None,
                overdue=timing.overdue,
                avg_rating=rating_sum / rated if rated else None,
                sla_compliance=timing.sla_met / timing.sla_checked
                if timing.sla_checked else None,
            ))
        unit_rows.sort(key=lambda u: (-u.counts.received, u.abbreviation))
        timings = list(self.timing.values())
        responses = sum(t.responses for t in timings)
        checked = sum(t.sla_checked for t in timings)
        total: _Tally = counts["total"]
        by_topic = _ordered(counts["by_topic"])
        topic_ids = {name: tid for tid, name in self.topics.items()}
        rating_sum, rated = counts["rating"]
        return AnalysisInput(
            period_start=start, period_end=end, as_of=self.as_of, snapshot=snapshot,
            received=total.received, verified=total.verified, followed_up=total.followed_up,
            completed=total.completed,
            excluded=sum(counts["by_status"].get(S(v), 0) for v in EXCLUDED),
            overdue_total=self.overdue_count,
            avg_first_response=sum(t.response_days for t in timings) / responses
            if responses else None,
            sla_compliance=sum(t.sla_met for t in timings) / checked if checked else None,
            first_response_limit=limit_for(self.rules, SlaStage.FIRST_RESPONSE, None, False),
            by_status=tuple((s, counts["by_status"].get(s, 0)) for s in InternalStatus),
            by_klasifikasi=_ordered(counts["by_klas"]),
            by_channel=_ordered(counts["by_channel"]),
            by_topic=by_topic,
            months=tuple(months), monthly_totals=tuple(totals),
            topic_trend=tuple((r.label, tuple(trend[r.label])) for r in by_topic),
            by_unit=tuple(unit_rows),
            by_province=_ordered(counts["by_province"])[:TOP_PROVINCES],
            top_cities=tuple(sorted(counts["cities"].items(),
                                    key=lambda c: (-c[1], c[0]))[:TOP_CITIES]),
            overdue=self.overdue_rows(),
            examples=self.examples(topic_ids.get(r.label) for r in by_topic[:EXAMPLE_TOPICS]),
            avg_rating=rating_sum / rated if rated else None,
            rated=rated,
        )
