"""The analysis' time figures: first response, SLA compliance, overdue complaints, examples.

All read from the stored deadlines and facts (``complaint_deadline``). Only when the figures
are judged on another date than the stored deadlines were, the complaints that waited for the
reporter (their due dates move with that date) are evaluated one by one from their timelines,
with the domain's SLA rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import ColumnElement, and_, case, func, select, true
from sqlalchemy.orm import Session

from lapor_desk.domain.calendar import WorkingCalendar
from lapor_desk.domain.enums import SlaStage, SlaState
from lapor_desk.domain.sla import SlaRule, Timeline, complaint_sla
from lapor_desk.models import Complaint
from lapor_desk.reports.analysis_input import ExampleComplaint, OverdueRow
from lapor_desk.reports.lang import _ as doc_
from lapor_desk.services.analysis_common import EXCLUDED, OVERDUE_DETAILS, D, Labels, Timing
from lapor_desk.services.timelines import load_timelines

#: A complaint longest past a deadline: (id, lead unit, late stage, its due date).
Late = tuple[int, int | None, SlaStage, date]


class TimeFigures:
    """First response, SLA compliance and overdue complaints of one period, judged on a date.

    ``exact``: the stored due dates were computed as of ``as_of``. Otherwise those of the
    complaints that waited for the reporter (each day waited pushes them back) are not used,
    and those complaints are evaluated from their timelines instead.
    """

    def __init__(self, session: Session, calendar: WorkingCalendar, rules: tuple[SlaRule, ...],
                 period: ColumnElement[bool], as_of: date, exact: bool) -> None:
        self.session = session
        self.calendar = calendar
        self.rules = rules
        self.period = period
        self.as_of = as_of
        self.exact = exact
        self.stored: ColumnElement[bool] = true() if exact else D.waited.is_not(True)
        #: Past a deadline on ``as_of``, judged on the stored due dates.
        self.overdue: ColumnElement[bool] = and_(D.open_due < as_of, self.stored)
        self.timing: dict[int | None, Timing] = {}
        self.extra_overdue: list[Late] = []

    def unit(self, unit_id: int | None) -> Timing:
        """The sums of one lead unit (``None``: not disposed)."""
        return self.timing.setdefault(unit_id, Timing())

    @property
    def overdue_total(self) -> int:
        """Complaints past a deadline, all units together."""
        return sum(t.overdue for t in self.timing.values())

    def responses(self, anchor: date) -> None:
        """First-response SLA and average first response, per lead unit, from the stored facts.

        A complaint answered on or after its start took ``W(answer) - W(start)`` working days,
        ``W(day)`` being the working days from ``anchor`` to that day; one answered earlier
        took none (``W`` never decreases). So the days sum to the sum of ``W(answer)`` minus
        the sum of ``W(start)`` over the complaints answered on or after their start: two
        GROUP BYs, by unit and start date and by unit and answer date, each in the order of
        its own covering index, with one row per unit and day instead of one per complaint.
        """
        checked = and_(self.period, self.stored, D.status.not_in(EXCLUDED),
                       D.first_response_met.is_not(None))
        forward = D.first_response_on >= D.verified_on  # NULL (false) without either date
        ordinal = self.calendar.working_days_between
        for unit_id, begin, count, met, responses, forward_count in self.session.execute(
            select(D.lead_unit_id, D.verified_on, func.count(),
                   func.count(case((D.first_response_met.is_(True), 1))),
                   func.count(D.first_response_on), func.count(case((forward, 1))))
            .where(checked)
            .group_by(D.lead_unit_id, D.verified_on)
        ):
            timing = self.unit(unit_id)
            timing.sla_checked += count
            timing.sla_met += met
            if begin is not None:  # a response time needs both dates
                timing.responses += responses
                timing.response_days -= ordinal(anchor, begin) * forward_count
        for unit_id, answered, count in self.session.execute(
            select(D.lead_unit_id, D.first_response_on, func.count())
            .where(checked, forward)
            .group_by(D.lead_unit_id, D.first_response_on)
        ):
            if answered is not None:  # always: ``forward`` holds
                self.unit(unit_id).response_days += ordinal(anchor, answered) * count

    def waited(self) -> None:
        """Complaints that waited for the reporter, from their full timelines.

        Only when the figures are judged on another date than the stored deadlines were.
        """
        if self.exact:
            return
        waited = select(D.complaint_id).where(self.period, D.waited.is_(True))
        for item in load_timelines(self.session, Complaint.id.in_(waited)):
            if item.status.value in EXCLUDED:
                continue
            tl = item.timeline
            timing = self.unit(item.lead_unit_id)
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
                self.extra_overdue.append((item.complaint_id, item.lead_unit_id, late.stage,
                                           late.due))

    def _first_overdue(self, timeline: Timeline) -> tuple[SlaStage, date] | None:
        for result in complaint_sla(self.calendar, self.rules, timeline, self.as_of):
            if result.state is SlaState.OVERDUE:
                return result.stage, result.due
        return None

    def overdue_rows(self, labels: Labels) -> tuple[OverdueRow, ...]:
        """The complaints longest past a deadline (found by the stored ``open_due``).

        Which stage is late, and since when, is read from those few complaints' timelines.
        """
        candidates = list(self.session.scalars(
            select(D.complaint_id).where(self.period, self.overdue)
            .order_by(D.open_due, D.complaint_id).limit(OVERDUE_DETAILS)
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
                topic=labels.topic(details[cid].topic_id),
                unit=labels.units[unit_id][1] if unit_id in labels.units else "–",
                stage=stage_names[stage],
                due=due,
                workdays_late=max(0, self.calendar.working_days_between(due, self.as_of)),
            )
            for cid, unit_id, stage, due in longest
        )


def examples(session: Session, labels: Labels, period: ColumnElement[bool],
             topic_ids: Iterable[int | None]) -> tuple[ExampleComplaint, ...]:
    """The latest complaint (highest id) of each topic that is neither archived nor blocked."""
    out: list[ExampleComplaint] = []
    for topic_id in topic_ids:
        if topic_id is None:
            continue
        # Newest first along the primary key: a frequent topic stops after a few rows.
        latest = session.scalar(
            select(D.complaint_id)
            .where(period, D.topic_id == topic_id, D.status.not_in(EXCLUDED))
            .order_by(D.complaint_id.desc()).limit(1)
        )
        if latest is None:
            continue
        row = session.execute(
            select(Complaint.tracking_id, Complaint.received_at, Complaint.title,
                   Complaint.text_edited, Complaint.text_original)
            .where(Complaint.id == latest)
        ).one()
        out.append(ExampleComplaint(row.tracking_id, labels.topic(topic_id),
                                    row.received_at.date(), row.title,
                                    row.text_edited or row.text_original))
    return tuple(out)
