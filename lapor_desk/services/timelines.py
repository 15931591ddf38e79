"""Bulk loading of the dates every deadline and indicator depends on, in four set queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, func, select, true
from sqlalchemy.orm import Session

from lapor_desk.domain.enums import FollowUpKind, InternalStatus, Klasifikasi
from lapor_desk.domain.sla import Pause, Timeline
from lapor_desk.models import Complaint, Disposition, FollowUp, StatusChange, Topic


@dataclass(frozen=True, slots=True)
class ComplaintTimeline:
    """A complaint's status, lead unit and dated steps."""

    complaint_id: int
    status: InternalStatus
    topic_id: int | None
    lead_unit_id: int | None
    timeline: Timeline


def _klasifikasi(value: str | None) -> Klasifikasi | None:
    try:
        return Klasifikasi(value) if value else None
    except ValueError:
        return None


def load_timelines(
    session: Session, where: ColumnElement[bool] | None = None
) -> list[ComplaintTimeline]:
    """Timelines of the complaints matching ``where`` (all when ``None``)."""
    condition = where if where is not None else true()
    ids = select(Complaint.id).where(condition)
    leads: dict[int, tuple[int, date]] = {}
    for complaint_id, unit_id, disposed_at in session.execute(
        select(Disposition.complaint_id, Disposition.unit_id, Disposition.disposed_at)
        .where(Disposition.complaint_id.in_(ids), Disposition.withdrawn_at.is_(None))
        .order_by(Disposition.complaint_id, Disposition.is_lead.desc(), Disposition.id)
    ):
        leads.setdefault(complaint_id, (unit_id, disposed_at.date()))
    first_responses: dict[int, date] = {
        complaint_id: posted.date()
        for complaint_id, posted in session.execute(
            select(FollowUp.complaint_id, func.min(FollowUp.posted_at))
            .where(
                FollowUp.complaint_id.in_(ids), FollowUp.kind != FollowUpKind.INFO_REQUEST.value
            )
            .group_by(FollowUp.complaint_id)
        )
    }
    pauses: dict[int, list[Pause]] = defaultdict(list)
    waiting = InternalStatus.MENUNGGU_KELENGKAPAN.value
    # A step that keeps the status (a note such as "discussed in a meeting") is no pause edge.
    for complaint_id, changed_at, from_status, to_status in session.execute(
        select(
            StatusChange.complaint_id,
            StatusChange.changed_at,
            StatusChange.from_status,
            StatusChange.to_status,
        )
        .where(
            StatusChange.complaint_id.in_(ids),
            (StatusChange.to_status == waiting) | (StatusChange.from_status == waiting),
            StatusChange.from_status.is_distinct_from(StatusChange.to_status),
        )
        .order_by(StatusChange.complaint_id, StatusChange.changed_at, StatusChange.id)
    ):
        if to_status == waiting:
            pauses[complaint_id].append(Pause(changed_at.date(), None))
        elif from_status == waiting and pauses[complaint_id]:
            pauses[complaint_id][-1] = Pause(pauses[complaint_id][-1].start, changed_at.date())
    limits = urgent_topic_limits(session)
    return [
        complaint_timeline(
            row.id, row.status, row.topic_id, row.received_at, row.verified_at,
            row.completed_at, row.klasifikasi, row.urgent, lead=leads.get(row.id),
            first_response=first_responses.get(row.id), pauses=tuple(pauses.get(row.id, ())),
            topic_limits=limits,
        )
        for row in session.execute(
            select(
                Complaint.id,
                Complaint.status,
                Complaint.topic_id,
                Complaint.received_at,
                Complaint.verified_at,
                Complaint.completed_at,
                Complaint.klasifikasi,
                Complaint.urgent,
            ).where(condition)
        )
    ]


def urgent_topic_limits(session: Session) -> dict[int, int | None]:
    """Each urgent topic's own completion limit in working days (topics that have one)."""
    return {
        topic_id: workdays
        for topic_id, workdays in session.execute(
            select(Topic.id, Topic.urgent_sla_workdays).where(
                Topic.urgent.is_(True), Topic.urgent_sla_workdays.is_not(None)
            )
        )
    }


def complaint_timeline(
    complaint_id: int,
    status: str,
    topic_id: int | None,
    received_at: datetime,
    verified_at: datetime | None,
    completed_at: datetime | None,
    klasifikasi: str | None,
    urgent: bool,
    *,
    lead: tuple[int, date] | None,
    first_response: date | None,
    pauses: tuple[Pause, ...],
    topic_limits: Mapping[int, int | None],
) -> ComplaintTimeline:
    """One complaint's timeline from its columns and its steps.

    ``lead``: the lead disposition's unit and day; without a verification date the response
    clock starts on that day.
    """
    verified = verified_at.date() if verified_at else (lead[1] if lead else None)
    return ComplaintTimeline(
        complaint_id=complaint_id,
        status=InternalStatus(status),
        topic_id=topic_id,
        lead_unit_id=lead[0] if lead else None,
        timeline=Timeline(
            received=received_at.date(),
            verified=verified,
            first_response=first_response,
            completed=completed_at.date() if completed_at else None,
            klasifikasi=_klasifikasi(klasifikasi),
            urgent=urgent,
            pauses=pauses,
            completion_limit=(
                topic_limits.get(topic_id) if urgent and topic_id is not None else None
            ),
        ),
    )


def inserted_timeline(
    complaint_id: int, columns: Mapping[str, Any], entered_at: datetime,
    topic_limits: Mapping[int, int | None],
) -> ComplaintTimeline:
    """The timeline of a complaint just inserted with ``columns``, as load_timelines reads it.

    Such a complaint has no disposition and no follow-up yet, and one status history entry,
    written at ``entered_at``: when that entry puts it in "waiting for the reporter", the clock
    stands still from that day on.
    """
    status = columns["status"]
    waiting = status == InternalStatus.MENUNGGU_KELENGKAPAN.value
    return complaint_timeline(
        complaint_id, status, columns["topic_id"], columns["received_at"],
        columns["verified_at"], columns["completed_at"], columns["klasifikasi"],
        columns["urgent"], lead=None, first_response=None,
        pauses=(Pause(entered_at.date(), None),) if waiting else (), topic_limits=topic_limits,
    )
