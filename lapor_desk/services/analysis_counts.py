"""The analysis' grouped counts: one GROUP BY per figure over a covering index of the facts.

Each query reads one index of ``complaint_deadline`` whose leading columns are its GROUP BY
columns (see ``ANALYSIS_INDEXES`` in :mod:`lapor_desk.models.deadline`), so SQLite neither
sorts nor visits the table rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from lapor_desk.domain.enums import InternalStatus
from lapor_desk.reports.lang import _ as doc_
from lapor_desk.services.analysis_common import (
    D,
    Labels,
    Tally,
    months,
    status_of,
    tally_columns,
)


@dataclass(slots=True)
class Counts:
    """The grouped figures of one period."""

    months: list[tuple[int, int]]
    totals: list[int]
    trend: dict[str, list[int]]
    total: Tally = field(default_factory=Tally)
    by_topic: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_klasifikasi: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_status: dict[InternalStatus, int] = field(default_factory=lambda: defaultdict(int))
    by_unit: dict[int | None, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_channel: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_province: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    cities: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    #: (sum, count) of the ratings given, overall and per lead unit.
    rating: list[int] = field(default_factory=lambda: [0, 0])
    unit_ratings: dict[int | None, list[int]] = field(
        default_factory=lambda: defaultdict(lambda: [0, 0]))
    #: Complaints past a deadline per lead unit, judged on the stored due dates.
    unit_overdue: dict[int | None, int] = field(default_factory=lambda: defaultdict(int))


def grouped_counts(
    session: Session,
    labels: Labels,
    start: date,
    end: date,
    period: ColumnElement[bool],
    overdue: ColumnElement[bool],
) -> Counts:
    """Counts of the period; ``overdue`` says which complaints are past a deadline."""
    span = months(start, end)
    index = {year * 100 + month: i for i, (year, month) in enumerate(span)}
    counts = Counts(span, [0] * len(span), defaultdict(lambda: [0] * len(span)))
    for month, topic_id, status, klasifikasi, count, rating_sum, rated in session.execute(
        select(D.received_month, D.topic_id, D.status, D.klasifikasi, func.count(),
               func.sum(D.rating), func.count(D.rating))
        .where(period)
        .group_by(D.received_month, D.topic_id, D.status, D.klasifikasi)
    ):
        state = status_of(status)
        topic = labels.topic(topic_id)
        counts.by_topic[topic].add(state, count)
        counts.by_klasifikasi[klasifikasi or doc_("(not classified)")].add(state, count)
        counts.by_status[state] += count
        counts.total.add(state, count)
        counts.rating[0] += int(rating_sum or 0)
        counts.rating[1] += rated
        position = index[month or 0]  # set together with the status
        counts.totals[position] += count
        counts.trend[topic][position] += count
    late = case((overdue, 1), else_=0)
    for unit_id, status, count, rating_sum, rated, overdue_count in session.execute(
        select(D.lead_unit_id, D.status, func.count(), func.sum(D.rating),
               func.count(D.rating), func.sum(late))
        .where(period)
        .group_by(D.lead_unit_id, D.status)
    ):
        counts.by_unit[unit_id].add(status_of(status), count)
        counts.unit_ratings[unit_id][0] += int(rating_sum or 0)
        counts.unit_ratings[unit_id][1] += rated
        # open_due is NULL for finished, archived and blocked complaints.
        counts.unit_overdue[unit_id] += int(overdue_count or 0)
    for channel, status, count in session.execute(
        select(D.channel, D.status, func.count())
        .where(period).group_by(D.channel, D.status)
    ):
        counts.by_channel[channel or doc_("(unknown)")].add(status_of(status), count)
    # The statuses are tallied in SQL: one row per city, not one per city and status.
    for province, city, count, *sums in session.execute(
        select(D.province, D.city, *tally_columns(D.status))
        .where(period).group_by(D.province, D.city)
    ):
        counts.by_province[province or doc_("(unknown)")].add_sums(count, *sums)
        if city:
            counts.cities[f"{city}, {province}" if province else city] += count
    return counts
