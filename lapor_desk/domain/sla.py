"""Service-level deadlines per stage, in working days, paused while waiting for the reporter."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from lapor_desk.domain.calendar import WorkingCalendar
from lapor_desk.domain.enums import Klasifikasi, SlaStage, SlaState

#: A stage is "due soon" when this many working days or fewer remain.
DUE_SOON_WORKDAYS = 2


@dataclass(frozen=True, slots=True)
class SlaRule:
    """A limit for one stage; ``klasifikasi=None`` applies to every classification."""

    stage: SlaStage
    klasifikasi: Klasifikasi | None
    urgent: bool
    workdays: int


#: Defaults of DOMAIN.md §4; the completion limits are unconfirmed and editable in settings.
DEFAULT_SLA_RULES: tuple[SlaRule, ...] = (
    SlaRule(SlaStage.VERIFICATION, None, False, 3),
    SlaRule(SlaStage.FIRST_RESPONSE, None, False, 5),
    SlaRule(SlaStage.COMPLETION, None, False, 14),
    SlaRule(SlaStage.COMPLETION, Klasifikasi.TIDAK_BERKADAR_PENGAWASAN, False, 14),
    SlaRule(SlaStage.COMPLETION, Klasifikasi.BERKADAR_PENGAWASAN, False, 60),
    SlaRule(SlaStage.VERIFICATION, None, True, 1),
    SlaRule(SlaStage.FIRST_RESPONSE, None, True, 2),
    SlaRule(SlaStage.COMPLETION, None, True, 7),
)


def limit_for(
    rules: Iterable[SlaRule], stage: SlaStage, klasifikasi: Klasifikasi | None, urgent: bool
) -> int:
    """The working-day limit of the most specific matching rule.

    Specificity: an exact klasifikasi beats the catch-all, and for urgent complaints an urgent
    rule beats a normal one. Raises ``LookupError`` when no rule covers the stage.
    """
    candidates = [
        rule
        for rule in rules
        if rule.stage == stage
        and (urgent or not rule.urgent)
        and (rule.klasifikasi is None or rule.klasifikasi == klasifikasi)
    ]
    if not candidates:
        raise LookupError(f"no SLA rule for stage {stage}")
    # Most specific first; among equally specific rules the stricter limit wins.
    best = max(
        candidates, key=lambda r: (r.urgent, r.klasifikasi is not None, -r.workdays)
    )
    return best.workdays


@dataclass(frozen=True, slots=True)
class Pause:
    """A span in which the clock stands still (waiting for the reporter); open when end=None."""

    start: date
    end: date | None


@dataclass(frozen=True, slots=True)
class SlaResult:
    """A stage's deadline and where it stands on ``as_of``."""

    stage: SlaStage
    start: date
    due: date
    done: date | None
    state: SlaState
    limit_workdays: int
    paused_workdays: int


def paused_workdays(
    calendar: WorkingCalendar, pauses: Sequence[Pause], start: date, until: date
) -> int:
    """Working days inside the pauses between ``start`` and ``until`` (pauses clipped to both)."""
    total = 0
    for pause in pauses:
        begin = max(pause.start, start)
        end = min(pause.end or until, until)
        if end > begin:
            total += calendar.working_days_between(begin, end)
    return total


def evaluate(
    calendar: WorkingCalendar,
    *,
    stage: SlaStage,
    start: date,
    limit_workdays: int,
    done: date | None,
    as_of: date,
    pauses: Sequence[Pause] = (),
) -> SlaResult:
    """Due date and state of one stage that started on ``start`` and finished on ``done``.

    Working days spent paused before the stage finished (or before ``as_of``) push the due date
    back by as many working days.
    """
    until = done if done is not None else as_of
    paused = paused_workdays(calendar, pauses, start, until)
    due = calendar.add_working_days(start, limit_workdays + paused)
    if done is not None:
        state = SlaState.MET if done <= due else SlaState.MET_LATE
    elif as_of > due:
        state = SlaState.OVERDUE
    elif calendar.working_days_between(as_of, due) <= DUE_SOON_WORKDAYS:
        state = SlaState.DUE_SOON
    else:
        state = SlaState.ON_TIME
    return SlaResult(stage, start, due, done, state, limit_workdays, paused)


@dataclass(frozen=True, slots=True)
class Timeline:
    """The dates of one complaint that its deadlines depend on."""

    received: date
    verified: date | None
    first_response: date | None
    completed: date | None
    klasifikasi: Klasifikasi | None = None
    urgent: bool = False
    pauses: tuple[Pause, ...] = ()
    #: An urgent topic's own completion limit, which beats the SLA rules when set.
    completion_limit: int | None = None


def complaint_sla(
    calendar: WorkingCalendar, rules: Sequence[SlaRule], timeline: Timeline, as_of: date
) -> tuple[SlaResult, ...]:
    """Every stage's deadline.

    Verification counts from receipt; follow-up and completion from the disposition (or from
    receipt while the complaint is not yet disposed).
    """
    start = timeline.verified or timeline.received
    # A later step ends the earlier ones: a complaint closed without a separate follow-up entry
    # (as every finished complaint imported from the portal is) must not stay overdue forever.
    responded = timeline.first_response or timeline.completed
    stages = (
        (SlaStage.VERIFICATION, timeline.received, timeline.verified or responded),
        (SlaStage.FIRST_RESPONSE, start, responded),
        (SlaStage.COMPLETION, start, timeline.completed),
    )
    def limit(stage: SlaStage) -> int:
        if stage is SlaStage.COMPLETION and timeline.completion_limit is not None:
            return timeline.completion_limit
        return limit_for(rules, stage, timeline.klasifikasi, timeline.urgent)

    return tuple(
        evaluate(
            calendar,
            stage=stage,
            start=begin,
            limit_workdays=limit(stage),
            done=done,
            as_of=as_of,
            pauses=timeline.pauses,
        )
        for stage, begin, done in stages
    )
