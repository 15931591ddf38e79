"""Monitoring indicators (monev): rates over verified complaints, archived and blocked left out."""

from __future__ import annotations

import pytest

from lapor_desk.domain.enums import InternalStatus as S
from lapor_desk.domain.indicators import ComplaintFacts, compute


def facts(
    status: S,
    count: int = 1,
    *,
    first_response_workdays: int | None = None,
    sla_checked: bool = False,
    sla_met: bool = False,
    overdue: bool = False,
) -> list[ComplaintFacts]:
    one = ComplaintFacts(status, first_response_workdays, sla_checked, sla_met, overdue)
    return [one] * count


def test_kemensos_published_follow_up_rate() -> None:
    # 1 000 verified complaints of which 986 are being handled or done: "98,6%".
    rows = facts(S.PROSES, 400) + facts(S.SELESAI, 586) + facts(S.BELUM_DITINDAKLANJUTI, 14)

    result = compute(rows)

    assert result.verified == 1000
    assert result.followed_up == 986
    assert result.completed == 586
    assert result.followed_up_rate == pytest.approx(0.986)
    assert result.completed_rate == pytest.approx(0.586)


def test_archived_and_blocked_are_received_but_kept_out_of_the_denominators() -> None:
    counted = facts(S.PROSES, 3) + facts(S.SELESAI)
    shown_only = facts(S.DIARSIPKAN, 5) + facts(S.TERBLOKIR, 2)

    result = compute(counted + shown_only)

    assert result.received == 11
    assert result.excluded == 7
    assert result.verified == 4
    assert result.followed_up_rate == 1.0
    assert result.completed_rate == 0.25


def test_complaints_not_yet_verified_do_not_count_against_the_rates() -> None:
    result = compute(facts(S.BELUM_TERVERIFIKASI, 10) + facts(S.SELESAI, 2))

    assert result.received == 12
    assert result.verified == 2
    assert result.excluded == 0
    assert result.completed_rate == 1.0


def test_waiting_for_the_reporter_is_verified_but_not_yet_followed_up() -> None:
    result = compute(facts(S.MENUNGGU_KELENGKAPAN) + facts(S.PROSES))

    assert result.verified == 2
    assert result.followed_up == 1
    assert result.followed_up_rate == 0.5
    assert result.completed_rate == 0.0


def test_rates_are_none_when_nothing_can_be_counted() -> None:
    for rows in ([], facts(S.DIARSIPKAN, 3) + facts(S.TERBLOKIR) + facts(S.BELUM_TERVERIFIKASI)):
        result = compute(rows)

        assert result.verified == 0
        assert result.followed_up_rate is None
        assert result.completed_rate is None
        assert result.avg_first_response_workdays is None
        assert result.sla_compliance is None


def test_zero_percent_is_a_real_zero_not_a_missing_value() -> None:
    result = compute(facts(S.BELUM_DITINDAKLANJUTI, 4, sla_checked=True, sla_met=False))

    assert result.followed_up_rate == 0.0
    assert result.sla_compliance == 0.0


def test_first_response_time_is_the_mean_of_the_complaints_that_have_one() -> None:
    rows = (
        facts(S.PROSES, first_response_workdays=2)
        + facts(S.SELESAI, first_response_workdays=7)
        + facts(S.SELESAI, first_response_workdays=0)
        + facts(S.BELUM_DITINDAKLANJUTI)  # no answer yet: not a zero
    )

    assert compute(rows).avg_first_response_workdays == 3.0


def test_sla_compliance_is_the_share_of_checked_steps_within_their_limit() -> None:
    rows = (
        facts(S.SELESAI, 3, sla_checked=True, sla_met=True)
        + facts(S.PROSES, sla_checked=True, sla_met=False, overdue=True)
        + facts(S.PROSES, 6)  # nothing finished yet to check
    )

    result = compute(rows)

    assert result.sla_compliance == 0.75
    assert result.overdue == 1


def test_archived_and_blocked_do_not_change_sla_compliance_or_response_time() -> None:
    counted = facts(S.SELESAI, sla_checked=True, sla_met=True, first_response_workdays=2)
    shown_only = facts(
        S.DIARSIPKAN, 3, sla_checked=True, sla_met=False, first_response_workdays=30
    ) + facts(S.TERBLOKIR, sla_checked=True, sla_met=False, first_response_workdays=40)

    result = compute(counted + shown_only)

    assert result.sla_compliance == 1.0
    assert result.avg_first_response_workdays == 2.0
    assert result.received == 5
    assert result.excluded == 4


def test_overdue_complaints_are_counted() -> None:
    rows = facts(S.PROSES, 2, overdue=True) + facts(S.BELUM_TERVERIFIKASI, overdue=True)

    assert compute(rows).overdue == 3


def test_any_iterable_of_facts_is_accepted_once() -> None:
    result = compute(ComplaintFacts(S.SELESAI) for _ in range(3))

    assert result.received == 3
    assert result.completed == 3
