"""Gathers the Laporan analisis pengaduan from the register with SQL aggregations.

Everything is grouped in the database (GROUP BY), never by a Python loop over every complaint,
so that a register of a million complaints is analysed in a few seconds:

* counts by unit/status/topic/klasifikasi, by channel, by region and by month: one GROUP BY each;
* the average first response and the SLA compliance come from (start date, first response date,
  limit) groups: the working days are counted once per distinct date pair with the calendar,
  exactly as ``stats.py`` counts them per complaint;
* deadlines of complaints still open are evaluated once per distinct timeline;
* complaints that ever waited for the reporter (their clock paused) are few and are evaluated one
  by one from their full timeline, as ``stats.py`` does.

The lead unit is the active disposition marked ``is_lead`` (``dispose()`` keeps at most one).
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
from lapor_desk.models import Complaint, Disposition, FollowUp, StatusChange, Topic, Unit
from lapor_desk.reports.analysis_input import (
    AnalysisInput,
    CountRow,
    ExampleComplaint,
    OverdueRow,
    UnitRow,
)
from lapor_desk.reports.lang import _ as doc_
from lapor_desk.services.settings import SettingsService
from lapor_desk.services.timelines import load_timelines

S = InternalStatus
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
            if first is None or (first.date() >= start and last.date() <= end):
                # The period holds the whole register: without the range, the database scans
                # the table once instead of visiting every row through the date index.
                in_period = true()
            return _Gatherer(session, calendar, rules, in_period, day).run(
                start, end, snapshot
            )


class _Gatherer:
    """One read of the register (one session) for one period."""

    def __init__(self, session: Session, calendar: WorkingCalendar, rules: tuple[SlaRule, ...],
                 in_period: ColumnElement[bool], as_of: date) -> None:
        self.session = session
        self.calendar = calendar
        self.rules = rules
        self.in_period = in_period
        self.as_of = as_of
        self.units = {u.id: (u.name, u.abbreviation) for u in session.scalars(select(Unit))}
        self.topics: dict[int, str] = dict(session.execute(select(Topic.id, Topic.name)).all())
        self.topic_limits: dict[int, int] = {
            topic_id: workdays for topic_id, workdays in session.execute(
                select(Topic.id, Topic.urgent_sla_workdays).where(
                    Topic.urgent.is_(True), Topic.urgent_sla_workdays.is_not(None)))
            if workdays is not None
        }
        self.lead = and_(Disposition.complaint_id == Complaint.id, Disposition.is_lead.is_(True),
                         Disposition.withdrawn_at.is_(None))
        period_ids = select(Complaint.id).where(in_period)
        self.first = (
            select(FollowUp.complaint_id.label("complaint_id"),
                   func.min(FollowUp.posted_at).label("posted_at"))
            .where(FollowUp.kind != FollowUpKind.INFO_REQUEST.value,
                   FollowUp.complaint_id.in_(period_ids))
            .group_by(FollowUp.complaint_id)
            .subquery()
        )
        # Complaints whose clock was ever paused: evaluated one by one from their timelines.
        self.paused = select(StatusChange.complaint_id).where(
            StatusChange.to_status == WAITING, StatusChange.complaint_id.in_(period_ids)
        )
        self.timing: dict[int | None, _Timing] = defaultdict(_Timing)
        self.overdue_found: list[tuple[int, int | None, SlaStage, date, int]] = []

    def _topic(self, topic_id: int | None) -> str:
        return self.topics.get(topic_id, doc_("(no topic)")) if topic_id else doc_("(no topic)")

    def _unit(self, unit_id: int | None) -> str:
        return self.units[unit_id][0] if unit_id in self.units else doc_("(not disposed)")

    # -- counts ------------------------------------------------------------------------------

    def counts(self) -> dict[str, Any]:
        s = self.session
        by_unit: dict[int | None, _Tally] = defaultdict(_Tally)
        by_topic: dict[str, _Tally] = defaultdict(_Tally)
        by_klas: dict[str, _Tally] = defaultdict(_Tally)
        by_status: dict[InternalStatus, int] = defaultdict(int)
        ratings: dict[int | None, list[int]] = defaultdict(lambda: [0, 0])
        total = _Tally()
        for unit_id, status, topic_id, klas, count, rating_sum, rated in s.execute(
            select(Disposition.unit_id, Complaint.status, Complaint.topic_id,
                   Complaint.klasifikasi, func.count(), func.sum(Complaint.rating),
                   func.count(Complaint.rating))
            .select_from(Complaint).outerjoin(Disposition, self.lead)
            .where(self.in_period)
            .group_by(Disposition.unit_id, Complaint.status, Complaint.topic_id,
                      Complaint.klasifikasi)
        ):
            state = InternalStatus(status)
            by_unit[unit_id].add(state, count)
            by_topic[self._topic(topic_id)].add(state, count)
            by_klas[klas or doc_("(not classified)")].add(state, count)
            by_status[state] += count
            total.add(state, count)
            ratings[unit_id][0] += int(rating_sum or 0)
            ratings[unit_id][1] += rated
        by_channel: dict[str, _Tally] = defaultdict(_Tally)
        for channel, status, count in s.execute(
            select(Complaint.channel, Complaint.status, func.count())
            .where(self.in_period).group_by(Complaint.channel, Complaint.status)
        ):
            by_channel[channel or doc_("(unknown)")].add(InternalStatus(status), count)
        by_province: dict[str, _Tally] = defaultdict(_Tally)
        cities: dict[str, int] = defaultdict(int)
        for province, city, status, count in s.execute(
            select(Complaint.province, Complaint.city, Complaint.status, func.count())
            .where(self.in_period)
            .group_by(Complaint.province, Complaint.city, Complaint.status)
        ):
            by_province[province or doc_("(unknown)")].add(InternalStatus(status), count)
            if city:
                cities[f"{city}, {province}" if province else city] += count
        return {
            "by_unit": by_unit, "by_topic": by_topic, "by_klas": by_klas,
            "by_status": by_status, "ratings": ratings, "total": total,
            "by_channel": by_channel, "by_province": by_province, "cities": cities,
        }

    def months(self, start: date, end: date) -> tuple[list[tuple[int, int]], list[int],
                                                       dict[str, list[int]]]:
        months: list[tuple[int, int]] = []
        cursor = date(start.year, start.month, 1)
        while cursor <= end:
            months.append((cursor.year, cursor.month))
            cursor = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
        index = {m: i for i, m in enumerate(months)}
        totals = [0] * len(months)
        trend: dict[str, list[int]] = defaultdict(lambda: [0] * len(months))
        year = extract("year", Complaint.received_at)
        month = extract("month", Complaint.received_at)
        for y, m, topic_id, count in self.session.execute(
            select(year, month, Complaint.topic_id, func.count())
            .where(self.in_period).group_by(year, month, Complaint.topic_id)
        ):
            position = index[(int(y), int(m))]
            totals[position] += count
            trend[self._topic(topic_id)][position] += count
        return months, totals, trend

    # -- timing and deadlines ----------------------------------------------------------------

    def _limits_case(self) -> Any:
        """The first-response limit of each complaint as a SQL CASE over (klasifikasi, urgent)."""
        whens = []
        for urgent in (True, False):
            for klas in (*Klasifikasi, None):
                limit = limit_for(self.rules, SlaStage.FIRST_RESPONSE, klas, urgent)
                condition = and_(
                    Complaint.urgent.is_(urgent),
                    Complaint.klasifikasi == klas.value if klas else
                    Complaint.klasifikasi.not_in([k.value for k in Klasifikasi])
                    | Complaint.klasifikasi.is_(None),
                )
                whens.append((condition, limit))
        return case(*whens, else_=limit_for(self.rules, SlaStage.FIRST_RESPONSE, None, False))

    def responses(self) -> None:
        """Average first response and SLA compliance from grouped date pairs."""
        verified = func.coalesce(Complaint.verified_at, Disposition.disposed_at)
        start = func.date(func.coalesce(verified, Complaint.received_at))
        done = func.date(func.coalesce(self.first.c.posted_at, Complaint.completed_at))
        has_verified = case((verified.is_(None), 0), else_=1)
        has_first = case((self.first.c.posted_at.is_(None), 0), else_=1)
        limit = self._limits_case()
        cache: dict[tuple[date, int], date] = {}
        for unit_id, begin, end, with_verified, with_first, workdays, count in self.session.execute(
            select(Disposition.unit_id, start, done, has_verified, has_first, limit, func.count())
            .select_from(Complaint)
            .outerjoin(Disposition, self.lead)
            .outerjoin(self.first, self.first.c.complaint_id == Complaint.id)
            .where(self.in_period, Complaint.status.not_in(EXCLUDED),
                   Complaint.id.not_in(self.paused),
                   func.coalesce(self.first.c.posted_at, Complaint.completed_at).is_not(None))
            .group_by(Disposition.unit_id, start, done, has_verified, has_first, limit)
        ):
            first_day, done_day = _as_date(begin), _as_date(end)
            assert first_day is not None and done_day is not None  # both are grouped non-null
            timing = self.timing[unit_id]
            if with_verified and with_first:
                days = max(0, self.calendar.working_days_between(first_day, done_day))
                timing.response_days += days * count
                timing.responses += count
            key = (first_day, int(workdays))
            if key not in cache:
                cache[key] = self.calendar.add_working_days(first_day, int(workdays))
            timing.sla_checked += count
            if done_day <= cache[key]:
                timing.sla_met += count

    def open_deadlines(self) -> None:
        """Deadlines of complaints not yet finished, once per distinct timeline."""
        verified = func.coalesce(Complaint.verified_at, Disposition.disposed_at)
        cache: dict[tuple[Any, ...], tuple[SlaStage, date] | None] = {}
        for row in self.session.execute(
            select(Complaint.id, Disposition.unit_id, func.date(Complaint.received_at),
                   func.date(verified), func.date(self.first.c.posted_at),
                   Complaint.klasifikasi, Complaint.urgent, Complaint.topic_id)
            .select_from(Complaint)
            .outerjoin(Disposition, self.lead)
            .outerjoin(self.first, self.first.c.complaint_id == Complaint.id)
            .where(self.in_period, Complaint.status.not_in(EXCLUDED),
                   Complaint.completed_at.is_(None), Complaint.id.not_in(self.paused))
        ):
            limit = self.topic_limits.get(row[7]) if row[6] else None
            key = (row[2], row[3], row[4], row[5], bool(row[6]), limit)
            if key not in cache:
                cache[key] = self._first_overdue(Timeline(
                    received=_as_date(row[2]) or self.as_of, verified=_as_date(row[3]),
                    first_response=_as_date(row[4]), completed=None,
                    klasifikasi=_klasifikasi(row[5]), urgent=bool(row[6]),
                    completion_limit=limit))
            self._note_overdue(row[0], row[1], cache[key])

    def paused_timelines(self) -> None:
        """Complaints that waited for the reporter, from their full timelines (as stats.py)."""
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
            self._note_overdue(item.complaint_id, item.lead_unit_id,
                               (late.stage, late.due) if late else None)

    def _first_overdue(self, timeline: Timeline) -> tuple[SlaStage, date] | None:
        for result in complaint_sla(self.calendar, self.rules, timeline, self.as_of):
            if result.state is SlaState.OVERDUE:
                return result.stage, result.due
        return None

    def _note_overdue(self, complaint_id: int, unit_id: int | None,
                      late: tuple[SlaStage, date] | None) -> None:
        if late is None:
            return
        self.timing[unit_id].overdue += 1
        self.overdue_found.append((complaint_id, unit_id, late[0], late[1], 0))

    def overdue_rows(self) -> tuple[OverdueRow, ...]:
        longest = sorted(self.overdue_found, key=lambda o: (o[3], o[0]))[:OVERDUE_DETAILS]
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
            for cid, unit_id, stage, due, _late in longest
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
        counts = self.counts()
        months, totals, trend = self.months(start, end)
        self.responses()
        self.open_deadlines()
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
        ratings = list(counts["ratings"].values())
        rated = sum(r[1] for r in ratings)
        return AnalysisInput(
            period_start=start, period_end=end, as_of=self.as_of, snapshot=snapshot,
            received=total.received, verified=total.verified, followed_up=total.followed_up,
            completed=total.completed,
            excluded=sum(counts["by_status"].get(S(v), 0) for v in EXCLUDED),
            overdue_total=len(self.overdue_found),
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
            avg_rating=sum(r[0] for r in ratings) / rated if rated else None,
            rated=rated,
        )
