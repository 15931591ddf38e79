"""An independent computation of the analysis, complaint by complaint, for the tests to compare,
and a register varied beyond the demo scenario to compare it on.

The computation reads the complaints with their dispositions, follow-ups and history through
the ORM and evaluates every complaint's deadlines with the domain's SLA rules, as ``stats.py``
does; it uses neither the stored deadlines and facts (``complaint_deadline``), nor the shared
timeline loader, nor any GROUP BY.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.domain.calendar import WorkingCalendar
from lapor_desk.domain.enums import FollowUpKind, InternalStatus, Klasifikasi, SlaStage, SlaState
from lapor_desk.domain.sla import Pause, SlaRule, Timeline, complaint_sla, limit_for
from lapor_desk.models import Complaint, Disposition, FollowUp, Topic, Unit
from lapor_desk.persistence.engine import make_session_factory
from lapor_desk.reports.analysis_input import (
    AnalysisInput,
    CountRow,
    ExampleComplaint,
    OverdueRow,
    UnitRow,
)
from lapor_desk.reports.lang import _ as doc_
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.deadlines import refresh_deadlines_for
from lapor_desk.services.register import ComplaintInput

S = InternalStatus
WAITING = S.MENUNGGU_KELENGKAPAN.value
EXCLUDED = (S.DIARSIPKAN, S.TERBLOKIR)
STAGE_NAMES = {SlaStage.VERIFICATION: "Verification", SlaStage.FIRST_RESPONSE: "First response",
               SlaStage.COMPLETION: "Completion"}


@dataclass
class _Group:
    received: int = 0
    verified: int = 0
    followed_up: int = 0
    completed: int = 0
    excluded: int = 0
    ratings: list[int] = field(default_factory=list)
    responses: list[int] = field(default_factory=list)
    checked: int = 0
    met: int = 0
    overdue: int = 0

    def add(self, status: InternalStatus) -> None:
        self.received += 1
        self.excluded += status in EXCLUDED
        if status.is_verified:
            self.verified += 1
            self.followed_up += status in (S.PROSES, S.SELESAI)
            self.completed += status is S.SELESAI

    def row(self, label: str) -> CountRow:
        return CountRow(label, self.received, self.verified, self.followed_up, self.completed,
                        self.excluded)


def _rows(groups: dict[str, _Group]) -> tuple[CountRow, ...]:
    rows = [g.row(label) for label, g in groups.items()]
    return tuple(sorted(rows, key=lambda r: (-r.received, r.label)))


def _timeline(complaint: Complaint, topic: Topic | None) -> tuple[Timeline, int | None]:
    live = sorted((d for d in complaint.dispositions if d.withdrawn_at is None),
                  key=lambda d: (not d.is_lead, d.id))
    lead = live[0] if live else None
    answers = [f.posted_at for f in complaint.follow_ups
               if f.kind != FollowUpKind.INFO_REQUEST.value]
    pauses: list[Pause] = []
    for change in sorted(complaint.status_changes, key=lambda c: (c.changed_at, c.id)):
        if change.from_status == change.to_status:
            continue
        if change.to_status == WAITING:
            pauses.append(Pause(change.changed_at.date(), None))
        elif change.from_status == WAITING and pauses:
            pauses[-1] = Pause(pauses[-1].start, change.changed_at.date())
    try:
        klasifikasi = Klasifikasi(complaint.klasifikasi) if complaint.klasifikasi else None
    except ValueError:
        klasifikasi = None
    verified = complaint.verified_at or (lead.disposed_at if lead else None)
    own_limit = topic.urgent_sla_workdays if topic is not None and topic.urgent else None
    timeline = Timeline(
        received=complaint.received_at.date(),
        verified=verified.date() if verified else None,
        first_response=min(answers).date() if answers else None,
        completed=complaint.completed_at.date() if complaint.completed_at else None,
        klasifikasi=klasifikasi,
        urgent=complaint.urgent,
        pauses=tuple(pauses),
        completion_limit=own_limit if complaint.urgent else None,
    )
    return timeline, lead.unit_id if lead else None


def _months(start: date, end: date) -> list[tuple[int, int]]:
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def reference_analysis(session: Session, calendar: WorkingCalendar, rules: tuple[SlaRule, ...],
                       start: date, end: date, as_of: date, snapshot: datetime) -> AnalysisInput:
    """The :class:`AnalysisInput` of the period, computed one complaint at a time."""
    units = {u.id: u for u in session.scalars(select(Unit))}
    topics = {t.id: t for t in session.scalars(select(Topic))}
    complaints = [
        c for c in session.scalars(select(Complaint).options(
            selectinload(Complaint.dispositions), selectinload(Complaint.follow_ups),
            selectinload(Complaint.status_changes)))
        if start <= c.received_at.date() <= end
    ]
    months = _months(start, end)
    totals, trend = Counter[tuple[int, int]](), defaultdict[str, Counter[tuple[int, int]]](Counter)
    overall, statuses = _Group(), Counter[InternalStatus]()
    by_topic, by_klas = defaultdict[str, _Group](_Group), defaultdict[str, _Group](_Group)
    by_channel, by_province = defaultdict[str, _Group](_Group), defaultdict[str, _Group](_Group)
    by_unit, cities = defaultdict[int | None, _Group](_Group), Counter[str]()
    late: list[tuple[date, int, int | None, SlaStage]] = []
    for c in complaints:
        status = S(c.status)
        topic = topics.get(c.topic_id) if c.topic_id else None
        topic_label = topic.name if topic else doc_("(no topic)")
        timeline, lead = _timeline(c, topic)
        unit = by_unit[lead]
        for group in (overall, by_topic[topic_label], by_klas[c.klasifikasi or
                      doc_("(not classified)")], by_channel[c.channel or doc_("(unknown)")],
                      by_province[c.province or doc_("(unknown)")], unit):
            group.add(status)
        statuses[status] += 1
        month = (c.received_at.year, c.received_at.month)
        totals[month] += 1
        trend[topic_label][month] += 1
        if c.city:
            cities[f"{c.city}, {c.province}" if c.province else c.city] += 1
        if c.rating is not None:
            overall.ratings.append(c.rating)
            unit.ratings.append(c.rating)
        if status in EXCLUDED:
            continue
        if timeline.verified is not None and timeline.first_response is not None:
            days = max(0, calendar.working_days_between(timeline.verified,
                                                        timeline.first_response))
            unit.responses.append(days)
            overall.responses.append(days)
        results = complaint_sla(calendar, rules, timeline, as_of)
        first = next(r for r in results if r.stage is SlaStage.FIRST_RESPONSE)
        if first.done is not None:
            for group in (unit, overall):
                group.checked += 1
                group.met += first.state is SlaState.MET
        overdue = next((r for r in results if r.state is SlaState.OVERDUE), None)
        if overdue is not None:
            unit.overdue += 1
            overall.overdue += 1
            late.append((overdue.due, c.id, lead, overdue.stage))
    by_id = {c.id: c for c in complaints}
    overdue_rows = tuple(
        OverdueRow(
            tracking_id=by_id[cid].tracking_id, received=by_id[cid].received_at.date(),
            title=by_id[cid].title,
            topic=topics[by_id[cid].topic_id].name if by_id[cid].topic_id else doc_("(no topic)"),
            unit=units[lead].abbreviation if lead in units else "–",
            stage=doc_(STAGE_NAMES[stage]), due=due,
            workdays_late=max(0, calendar.working_days_between(due, as_of)),
        )
        for due, cid, lead, stage in sorted(late)[:40]
    )
    topic_rows = _rows(by_topic)
    examples = []
    for row in topic_rows[:3]:
        ids = [c.id for c in complaints if topics.get(c.topic_id or 0) is not None
               and topics[c.topic_id or 0].name == row.label and S(c.status) not in EXCLUDED]
        if ids:
            c = by_id[max(ids)]
            examples.append(ExampleComplaint(c.tracking_id, row.label, c.received_at.date(),
                                             c.title, c.text_edited or c.text_original))
    unit_rows = sorted(
        (UnitRow(
            unit=units[uid].name, abbreviation=units[uid].abbreviation,
            counts=g.row(units[uid].name),
            avg_first_response=sum(g.responses) / len(g.responses) if g.responses else None,
            overdue=g.overdue,
            avg_rating=sum(g.ratings) / len(g.ratings) if g.ratings else None,
            sla_compliance=g.met / g.checked if g.checked else None)
         for uid, g in by_unit.items() if uid in units),
        key=lambda u: (-u.counts.received, u.abbreviation))
    return AnalysisInput(
        period_start=start, period_end=end, as_of=as_of, snapshot=snapshot,
        received=overall.received, verified=overall.verified,
        followed_up=overall.followed_up, completed=overall.completed,
        excluded=sum(statuses[s] for s in EXCLUDED), overdue_total=overall.overdue,
        avg_first_response=sum(overall.responses) / len(overall.responses)
        if overall.responses else None,
        sla_compliance=overall.met / overall.checked if overall.checked else None,
        first_response_limit=limit_for(rules, SlaStage.FIRST_RESPONSE, None, False),
        by_status=tuple((s, statuses[s]) for s in S),
        by_klasifikasi=_rows(by_klas), by_channel=_rows(by_channel), by_topic=topic_rows,
        months=tuple(months), monthly_totals=tuple(totals[m] for m in months),
        topic_trend=tuple((r.label, tuple(trend[r.label][m] for m in months))
                          for r in topic_rows),
        by_unit=tuple(unit_rows),
        by_province=_rows(by_province)[:15],
        top_cities=tuple(sorted(cities.items(), key=lambda c: (-c[1], c[0]))[:10]),
        overdue=overdue_rows, examples=tuple(examples),
        avg_rating=sum(overall.ratings) / len(overall.ratings) if overall.ratings else None,
        rated=len(overall.ratings),
    )


def _new(services: Services, day: datetime, title: str, channel: str = "Surat",
         city: str | None = None) -> int:
    data = ComplaintInput(received_at=day, title=title, text="Isi laporan uji.",
                          channel=channel, city=city)
    return services.register.create(LOCAL_OPERATOR, data).complaint.id


def vary(services: Services) -> None:
    """Add to the demo register the cases it lacks, through the services where they exist.

    Complaints without topic, channel or region, a first response dated before the
    verification, waiting for the reporter and back, a withdrawn disposition, rated complaints
    reopened and archived or marked urgent, a response clock started by the lead disposition
    alone.
    """
    register, actions = services.register, services.actions
    units = [u[0] for u in services.complaints.choices().units]
    factory = make_session_factory(services.engine)
    # No region at all, and a city without its province.
    bare = _new(services, datetime(2022, 10, 3, 9), "Bantuan belum diterima", channel="Telepon")
    city_only = _new(services, datetime(2022, 10, 4, 9), "Antrean panjang", city="Kota Bogor")
    # Answered on 11 November although verified (disposed) on 14 November: 0 days, not -1.
    register.dispose(LOCAL_OPERATOR, bare, [units[0]])
    register.add_follow_up(LOCAL_OPERATOR, bare, units[0], FollowUpKind.FIRST_RESPONSE,
                           "Sudah dicek.", posted_at=datetime(2022, 11, 11, 8))
    # Waited for the reporter, then answered.
    register.dispose(LOCAL_OPERATOR, city_only, [units[1], units[2]])
    register.add_follow_up(LOCAL_OPERATOR, city_only, units[1], FollowUpKind.INFO_REQUEST,
                           "Mohon lengkapi NIK.", posted_at=datetime(2022, 11, 7, 8))
    register.add_follow_up(LOCAL_OPERATOR, city_only, units[1], FollowUpKind.FIRST_RESPONSE,
                           "Data diterima.", posted_at=datetime(2022, 11, 10, 8))
    # A disposition taken back: the complaint has no lead unit any more.
    withdrawn = _new(services, datetime(2022, 9, 5, 9), "Salah kirim")
    result = actions.dispose(LOCAL_OPERATOR, withdrawn, [units[3]])
    actions.undo(LOCAL_OPERATOR, result.done)
    # Rated, then reopened and archived; rated, then reopened and marked urgent.
    with factory() as session:
        rated = session.scalars(select(Complaint.id).where(
            Complaint.rating.is_not(None), Complaint.status == S.SELESAI.value)
            .order_by(Complaint.id).limit(2)).all()
    for complaint_id in rated:
        register.change_status(LOCAL_OPERATOR, complaint_id, S.PROSES, "Dibuka kembali")
    register.change_status(LOCAL_OPERATOR, rated[0], S.DIARSIPKAN, "Duplikat")
    register.mark_urgent(LOCAL_OPERATOR, rated[1], True, "Dibahas pimpinan")
    # Verified by nobody but disposed and answered (as an older version's import left some):
    # the response clock starts at the lead disposition.
    with factory.begin() as session:
        answered = select(FollowUp.complaint_id).where(FollowUp.kind != "info_request")
        unverified = session.scalars(
            select(Complaint.id).join(Disposition, Disposition.complaint_id == Complaint.id)
            .where(Complaint.status == S.PROSES.value, Complaint.id.in_(answered))
            .order_by(Complaint.id).limit(25)).all()
        session.execute(update(Complaint).where(Complaint.id.in_(unverified))
                        .values(verified_at=None), execution_options={"synchronize_session": False})
        refresh_deadlines_for(session, services.settings, unverified)
