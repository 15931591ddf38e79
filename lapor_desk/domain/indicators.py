"""Monitoring indicators (DOMAIN.md §7) computed from plain rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lapor_desk.domain.enums import InternalStatus


@dataclass(frozen=True, slots=True)
class ComplaintFacts:
    """What the indicators need to know of one complaint."""

    status: InternalStatus
    first_response_workdays: int | None = None
    sla_checked: bool = False
    sla_met: bool = False
    overdue: bool = False


@dataclass(frozen=True, slots=True)
class Indicators:
    """Rates are ``None`` when their denominator is zero (shown as "–", never as 0 %)."""

    received: int
    verified: int
    followed_up: int
    completed: int
    excluded: int
    overdue: int
    followed_up_rate: float | None
    completed_rate: float | None
    avg_first_response_workdays: float | None
    sla_compliance: float | None


def _ratio(numerator: float, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def compute(facts: Iterable[ComplaintFacts]) -> Indicators:
    """Tingkat tindak lanjut, tingkat penyelesaian, waktu respons awal and kepatuhan SLA.

    Archived and blocked complaints are counted as received but kept out of the denominators;
    so are complaints not yet verified.
    """
    received = verified = followed = completed = excluded = overdue = 0
    responses: list[int] = []
    sla_checked = sla_met = 0
    for fact in facts:
        received += 1
        shown_only = fact.status in (InternalStatus.DIARSIPKAN, InternalStatus.TERBLOKIR)
        if shown_only:
            excluded += 1
        if fact.status.is_verified:
            verified += 1
            if fact.status in (InternalStatus.PROSES, InternalStatus.SELESAI):
                followed += 1
            if fact.status is InternalStatus.SELESAI:
                completed += 1
        if fact.first_response_workdays is not None and not shown_only:
            responses.append(fact.first_response_workdays)
        if fact.sla_checked and not shown_only:
            sla_checked += 1
            sla_met += fact.sla_met
        overdue += fact.overdue
    return Indicators(
        received=received,
        verified=verified,
        followed_up=followed,
        completed=completed,
        excluded=excluded,
        overdue=overdue,
        followed_up_rate=_ratio(followed, verified),
        completed_rate=_ratio(completed, verified),
        avg_first_response_workdays=_ratio(sum(responses), len(responses)),
        sla_compliance=_ratio(sla_met, sla_checked),
    )
