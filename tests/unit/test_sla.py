"""SLA limits per stage and klasifikasi, deadlines in working days, and pauses."""

from __future__ import annotations

from datetime import date

import pytest

from lapor_desk.domain.calendar import WorkingCalendar
from lapor_desk.domain.enums import Klasifikasi, SlaStage, SlaState
from lapor_desk.domain.sla import (
    DEFAULT_SLA_RULES,
    Pause,
    SlaResult,
    SlaRule,
    Timeline,
    complaint_sla,
    evaluate,
    limit_for,
    paused_workdays,
)

D = date
K = Klasifikasi
CALENDAR = WorkingCalendar()

# --- which limit applies ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stage", "klasifikasi", "expected"),
    [
        (SlaStage.VERIFICATION, None, 3),
        (SlaStage.VERIFICATION, K.BERKADAR_PENGAWASAN, 3),
        (SlaStage.FIRST_RESPONSE, K.ASPIRASI, 5),
        (SlaStage.COMPLETION, K.BERKADAR_PENGAWASAN, 60),
        (SlaStage.COMPLETION, K.TIDAK_BERKADAR_PENGAWASAN, 14),
        (SlaStage.COMPLETION, K.PERMINTAAN_INFORMASI, 14),
        (SlaStage.COMPLETION, None, 14),
    ],
)
def test_default_limits_for_normal_complaints(
    stage: SlaStage, klasifikasi: K | None, expected: int
) -> None:
    assert limit_for(DEFAULT_SLA_RULES, stage, klasifikasi, urgent=False) == expected


@pytest.mark.parametrize(
    ("stage", "klasifikasi", "expected"),
    [
        (SlaStage.VERIFICATION, None, 1),
        (SlaStage.FIRST_RESPONSE, K.ASPIRASI, 2),
        # An urgent rule beats a normal one, even a normal rule for the exact klasifikasi.
        (SlaStage.COMPLETION, K.BERKADAR_PENGAWASAN, 7),
        (SlaStage.COMPLETION, None, 7),
    ],
)
def test_default_limits_for_urgent_complaints(
    stage: SlaStage, klasifikasi: K | None, expected: int
) -> None:
    assert limit_for(DEFAULT_SLA_RULES, stage, klasifikasi, urgent=True) == expected


def test_urgent_rules_never_apply_to_normal_complaints() -> None:
    rules = [
        SlaRule(SlaStage.COMPLETION, None, True, 7),
        SlaRule(SlaStage.COMPLETION, None, False, 14),
    ]

    assert limit_for(rules, SlaStage.COMPLETION, None, urgent=False) == 14
    with pytest.raises(LookupError):
        limit_for(rules[:1], SlaStage.COMPLETION, None, urgent=False)


def test_urgent_complaints_fall_back_to_normal_rules() -> None:
    rules = [SlaRule(SlaStage.COMPLETION, K.BERKADAR_PENGAWASAN, False, 60)]

    assert limit_for(rules, SlaStage.COMPLETION, K.BERKADAR_PENGAWASAN, urgent=True) == 60


def test_exact_klasifikasi_beats_the_catch_all_even_when_the_catch_all_is_stricter() -> None:
    rules = [
        SlaRule(SlaStage.COMPLETION, None, False, 14),
        SlaRule(SlaStage.COMPLETION, K.BERKADAR_PENGAWASAN, False, 60),
        SlaRule(SlaStage.COMPLETION, None, True, 7),
        SlaRule(SlaStage.COMPLETION, K.BERKADAR_PENGAWASAN, True, 30),
    ]

    assert limit_for(rules, SlaStage.COMPLETION, K.BERKADAR_PENGAWASAN, urgent=False) == 60
    assert limit_for(rules, SlaStage.COMPLETION, K.BERKADAR_PENGAWASAN, urgent=True) == 30
    assert limit_for(rules, SlaStage.COMPLETION, K.ASPIRASI, urgent=True) == 7


def test_the_stricter_limit_wins_between_equally_specific_rules() -> None:
    rules = [
        SlaRule(SlaStage.FIRST_RESPONSE, None, False, 10),
        SlaRule(SlaStage.FIRST_RESPONSE, None, False, 5),
        SlaRule(SlaStage.FIRST_RESPONSE, None, False, 8),
    ]

    assert limit_for(rules, SlaStage.FIRST_RESPONSE, None, urgent=False) == 5
    assert limit_for(reversed(rules), SlaStage.FIRST_RESPONSE, None, urgent=False) == 5


def test_rules_of_other_stages_and_other_klasifikasi_do_not_apply() -> None:
    rules = [
        SlaRule(SlaStage.VERIFICATION, None, False, 3),
        SlaRule(SlaStage.COMPLETION, K.BERKADAR_PENGAWASAN, False, 60),
    ]

    with pytest.raises(LookupError, match="completion"):
        limit_for(rules, SlaStage.COMPLETION, K.ASPIRASI, urgent=False)
    with pytest.raises(LookupError):
        limit_for(rules, SlaStage.COMPLETION, None, urgent=False)
    with pytest.raises(LookupError):
        limit_for([], SlaStage.VERIFICATION, None, urgent=True)


def test_rules_can_be_given_as_any_iterable_such_as_a_query_result() -> None:
    rules = (rule for rule in DEFAULT_SLA_RULES)

    assert limit_for(rules, SlaStage.COMPLETION, K.BERKADAR_PENGAWASAN, urgent=False) == 60


# --- deadlines and states -----------------------------------------------------------------------
# Verification of a complaint received on Thursday 28 April 2022, just before the Lebaran break:
# three working days end on Wednesday 11 May 2022.


def _verification(*, done: date | None, as_of: date, pauses: tuple[Pause, ...] = ()) -> SlaResult:
    return evaluate(
        CALENDAR,
        stage=SlaStage.VERIFICATION,
        start=D(2022, 4, 28),
        limit_workdays=3,
        done=done,
        as_of=as_of,
        pauses=pauses,
    )


def test_the_due_date_skips_holidays_and_cuti_bersama() -> None:
    result = _verification(done=None, as_of=D(2022, 4, 28))

    assert result.due == D(2022, 5, 11)
    assert result.stage is SlaStage.VERIFICATION
    assert result.start == D(2022, 4, 28)
    assert result.limit_workdays == 3
    assert result.paused_workdays == 0


@pytest.mark.parametrize(
    ("done", "state"),
    [
        (D(2022, 4, 29), SlaState.MET),  # on cuti bersama, still fine
        (D(2022, 5, 11), SlaState.MET),  # on the due date itself
        (D(2022, 5, 12), SlaState.MET_LATE),
        (D(2022, 6, 1), SlaState.MET_LATE),
    ],
)
def test_a_finished_stage_is_met_or_met_late(done: date, state: SlaState) -> None:
    # Long after the fact: how late it is now does not matter once the step is done.
    result = _verification(done=done, as_of=D(2022, 12, 31))

    assert result.state is state
    assert result.done == done


@pytest.mark.parametrize(
    ("as_of", "state"),
    [
        (D(2022, 4, 28), SlaState.ON_TIME),
        (D(2022, 5, 6), SlaState.ON_TIME),  # three working days left: 9, 10, 11 May
        (D(2022, 5, 9), SlaState.DUE_SOON),  # two left
        (D(2022, 5, 10), SlaState.DUE_SOON),
        (D(2022, 5, 11), SlaState.DUE_SOON),  # due today is not yet overdue
        (D(2022, 5, 12), SlaState.OVERDUE),
        (D(2022, 5, 14), SlaState.OVERDUE),
    ],
)
def test_an_open_stage_is_on_time_due_soon_or_overdue(as_of: date, state: SlaState) -> None:
    result = _verification(done=None, as_of=as_of)

    assert result.state is state
    assert result.done is None


# First follow-up of a complaint forwarded on Tuesday 1 November 2022: five working days end on
# Tuesday 8 November; the unit asked the reporter for details on Wednesday 2 November.


def _first_response(*, done: date | None, as_of: date, pauses: tuple[Pause, ...]) -> SlaResult:
    return evaluate(
        CALENDAR,
        stage=SlaStage.FIRST_RESPONSE,
        start=D(2022, 11, 1),
        limit_workdays=5,
        done=done,
        as_of=as_of,
        pauses=pauses,
    )


def test_a_closed_pause_pushes_the_due_date_back_by_its_working_days() -> None:
    # Waiting from 2 to 4 November: 3 and 4 November are not counted.
    pauses = (Pause(D(2022, 11, 2), D(2022, 11, 4)),)

    unpaused = _first_response(done=D(2022, 11, 10), as_of=D(2022, 11, 10), pauses=())
    paused = _first_response(done=D(2022, 11, 10), as_of=D(2022, 11, 10), pauses=pauses)

    assert unpaused.due == D(2022, 11, 8)
    assert unpaused.state is SlaState.MET_LATE
    assert paused.paused_workdays == 2
    assert paused.due == D(2022, 11, 10)
    assert paused.state is SlaState.MET


def test_an_open_pause_keeps_pushing_the_due_date_until_today() -> None:
    # Still waiting for the reporter since Monday 7 November.
    pauses = (Pause(D(2022, 11, 7), None),)

    on_9th = _first_response(done=None, as_of=D(2022, 11, 9), pauses=pauses)
    on_16th = _first_response(done=None, as_of=D(2022, 11, 16), pauses=pauses)

    assert on_9th.paused_workdays == 2
    assert on_9th.due == D(2022, 11, 10)
    assert on_9th.state is SlaState.DUE_SOON  # would be overdue without the pause
    assert _first_response(done=None, as_of=D(2022, 11, 9), pauses=()).state is SlaState.OVERDUE
    assert on_16th.paused_workdays == 7
    assert on_16th.due == D(2022, 11, 17)
    assert on_16th.state is SlaState.DUE_SOON


def test_a_pause_over_a_weekend_counts_only_its_working_days() -> None:
    # Friday 4 to Monday 7 November: only Monday is a working day paused.
    assert (
        paused_workdays(
            CALENDAR, [Pause(D(2022, 11, 4), D(2022, 11, 7))], D(2022, 11, 1), D(2022, 11, 30)
        )
        == 1
    )


def test_pauses_outside_the_stage_do_not_count_and_overlapping_ones_are_clipped() -> None:
    start, until = D(2022, 11, 1), D(2022, 11, 10)
    pauses = [
        Pause(D(2022, 10, 3), D(2022, 10, 7)),  # before the stage started
        Pause(D(2022, 11, 14), D(2022, 11, 18)),  # after it finished
        Pause(D(2022, 11, 10), None),  # starts on the last day: nothing paused yet
        Pause(D(2022, 10, 27), D(2022, 11, 3)),  # clipped to 2–3 November
        Pause(D(2022, 11, 9), D(2022, 11, 25)),  # clipped to 10 November
    ]

    assert paused_workdays(CALENDAR, pauses, start, until) == 3


def test_pauses_after_the_stage_finished_do_not_move_its_due_date() -> None:
    pauses = (Pause(D(2022, 11, 9), D(2022, 11, 18)),)

    result = _first_response(done=D(2022, 11, 8), as_of=D(2022, 11, 30), pauses=pauses)

    assert result.paused_workdays == 0
    assert result.due == D(2022, 11, 8)
    assert result.state is SlaState.MET


# --- all stages of one complaint ----------------------------------------------------------------


def _by_stage(results: tuple[SlaResult, ...]) -> dict[SlaStage, SlaResult]:
    assert [r.stage for r in results] == list(SlaStage)
    return {r.stage: r for r in results}


def test_follow_up_and_completion_are_timed_from_the_disposition() -> None:
    timeline = Timeline(
        received=D(2022, 4, 28),
        verified=D(2022, 5, 9),
        first_response=D(2022, 5, 12),
        completed=None,
        klasifikasi=K.BERKADAR_PENGAWASAN,
    )

    stages = _by_stage(complaint_sla(CALENDAR, DEFAULT_SLA_RULES, timeline, D(2022, 5, 20)))

    verification = stages[SlaStage.VERIFICATION]
    assert (verification.start, verification.due, verification.done) == (
        D(2022, 4, 28),
        D(2022, 5, 11),
        D(2022, 5, 9),
    )
    assert verification.state is SlaState.MET
    first = stages[SlaStage.FIRST_RESPONSE]
    assert (first.start, first.due, first.state) == (D(2022, 5, 9), D(2022, 5, 17), SlaState.MET)
    completion = stages[SlaStage.COMPLETION]
    assert completion.limit_workdays == 60  # berkadar pengawasan
    assert (completion.start, completion.due) == (D(2022, 5, 9), D(2022, 8, 4))
    assert completion.state is SlaState.ON_TIME


def test_a_complaint_not_yet_verified_is_timed_from_its_receipt() -> None:
    timeline = Timeline(received=D(2022, 11, 1), verified=None, first_response=None, completed=None)

    stages = _by_stage(complaint_sla(CALENDAR, DEFAULT_SLA_RULES, timeline, D(2022, 11, 14)))

    assert {s: r.start for s, r in stages.items()} == dict.fromkeys(SlaStage, D(2022, 11, 1))
    assert stages[SlaStage.VERIFICATION].state is SlaState.OVERDUE
    assert stages[SlaStage.FIRST_RESPONSE].state is SlaState.OVERDUE
    assert stages[SlaStage.COMPLETION].due == D(2022, 11, 21)
    assert stages[SlaStage.COMPLETION].state is SlaState.ON_TIME


def test_an_urgent_complaint_has_the_urgent_limits() -> None:
    timeline = Timeline(
        received=D(2022, 11, 1), verified=None, first_response=None, completed=None, urgent=True
    )

    stages = _by_stage(complaint_sla(CALENDAR, DEFAULT_SLA_RULES, timeline, D(2022, 11, 14)))

    assert [r.limit_workdays for r in stages.values()] == [1, 2, 7]
    assert stages[SlaStage.COMPLETION].state is SlaState.OVERDUE


def test_a_finished_complaint_without_a_separate_follow_up_is_not_overdue() -> None:
    # Imported from the portal as "Ditutup oleh Admin": no follow-up entries, no verification date.
    timeline = Timeline(
        received=D(2022, 11, 1), verified=None, first_response=None, completed=D(2022, 11, 3)
    )

    stages = _by_stage(complaint_sla(CALENDAR, DEFAULT_SLA_RULES, timeline, D(2023, 6, 1)))

    assert all(r.state is SlaState.MET for r in stages.values())
    assert all(r.done == D(2022, 11, 3) for r in stages.values())


def test_a_late_completion_also_closes_the_earlier_steps_late() -> None:
    timeline = Timeline(
        received=D(2022, 11, 1),
        verified=D(2022, 11, 2),
        first_response=None,
        completed=D(2022, 12, 30),
    )

    stages = _by_stage(complaint_sla(CALENDAR, DEFAULT_SLA_RULES, timeline, D(2023, 6, 1)))

    assert stages[SlaStage.VERIFICATION].state is SlaState.MET
    assert stages[SlaStage.FIRST_RESPONSE].state is SlaState.MET_LATE
    assert stages[SlaStage.COMPLETION].state is SlaState.MET_LATE


def test_waiting_for_the_reporter_moves_every_open_deadline() -> None:
    pause = (Pause(D(2022, 11, 2), D(2022, 11, 4)),)
    plain = Timeline(
        received=D(2022, 11, 1), verified=D(2022, 11, 1), first_response=None, completed=None
    )
    paused = Timeline(
        received=D(2022, 11, 1),
        verified=D(2022, 11, 1),
        first_response=None,
        completed=None,
        pauses=pause,
    )

    before = _by_stage(complaint_sla(CALENDAR, DEFAULT_SLA_RULES, plain, D(2022, 11, 9)))
    after = _by_stage(complaint_sla(CALENDAR, DEFAULT_SLA_RULES, paused, D(2022, 11, 9)))

    assert before[SlaStage.FIRST_RESPONSE].state is SlaState.OVERDUE
    assert after[SlaStage.FIRST_RESPONSE].state is SlaState.DUE_SOON
    assert after[SlaStage.FIRST_RESPONSE].due == D(2022, 11, 10)
    assert after[SlaStage.COMPLETION].paused_workdays == 2


def test_urgent_topic_completion_limit_beats_the_rules() -> None:
    calendar = WorkingCalendar(source=lambda year: ({}, {}))
    timeline = Timeline(
        received=date(2022, 11, 1), verified=date(2022, 11, 1), first_response=None,
        completed=None, urgent=True, completion_limit=3,
    )
    results = {
        r.stage: r for r in complaint_sla(calendar, DEFAULT_SLA_RULES, timeline, date(2022, 11, 2))
    }
    assert results[SlaStage.COMPLETION].limit_workdays == 3
    assert results[SlaStage.COMPLETION].due == date(2022, 11, 4)
    assert results[SlaStage.FIRST_RESPONSE].limit_workdays == 2  # the urgent rule still applies
