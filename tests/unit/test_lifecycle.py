"""Which status changes the register allows, and which need a reason."""

from __future__ import annotations

import itertools

import pytest

from lapor_desk.domain.enums import InternalStatus as S
from lapor_desk.domain.errors import InvalidTransition, LaporError, ValidationError
from lapor_desk.domain.lifecycle import allowed_targets, check_transition

#: The lifecycle of DOMAIN.md §3, written out independently of the implementation's table.
EXPECTED_MOVES: set[tuple[S, S]] = {
    (S.BELUM_TERVERIFIKASI, S.BELUM_DITINDAKLANJUTI),
    (S.BELUM_TERVERIFIKASI, S.MENUNGGU_KELENGKAPAN),
    (S.BELUM_TERVERIFIKASI, S.DIARSIPKAN),
    (S.BELUM_TERVERIFIKASI, S.TERBLOKIR),
    (S.BELUM_DITINDAKLANJUTI, S.PROSES),
    (S.BELUM_DITINDAKLANJUTI, S.SELESAI),
    (S.BELUM_DITINDAKLANJUTI, S.MENUNGGU_KELENGKAPAN),
    (S.BELUM_DITINDAKLANJUTI, S.DIARSIPKAN),
    (S.PROSES, S.SELESAI),
    (S.PROSES, S.MENUNGGU_KELENGKAPAN),
    (S.PROSES, S.DIARSIPKAN),
    (S.MENUNGGU_KELENGKAPAN, S.BELUM_TERVERIFIKASI),
    (S.MENUNGGU_KELENGKAPAN, S.BELUM_DITINDAKLANJUTI),
    (S.MENUNGGU_KELENGKAPAN, S.PROSES),
    (S.MENUNGGU_KELENGKAPAN, S.SELESAI),
    (S.MENUNGGU_KELENGKAPAN, S.DIARSIPKAN),
    (S.SELESAI, S.PROSES),  # reopened when the reporter objects to the answer
    (S.DIARSIPKAN, S.BELUM_TERVERIFIKASI),
    (S.DIARSIPKAN, S.BELUM_DITINDAKLANJUTI),
    (S.TERBLOKIR, S.BELUM_TERVERIFIKASI),
}
ALL_PAIRS = list(itertools.product(S, S))
NEEDS_REASON = (S.DIARSIPKAN, S.TERBLOKIR, S.MENUNGGU_KELENGKAPAN)


@pytest.mark.parametrize(("current", "target"), sorted(EXPECTED_MOVES))
def test_every_allowed_move_passes_with_a_reason(current: S, target: S) -> None:
    check_transition(current, target, reason="Laporan ganda dengan nomor 5216807")


@pytest.mark.parametrize(
    ("current", "target"), [pair for pair in ALL_PAIRS if pair not in EXPECTED_MOVES]
)
def test_every_other_move_is_refused_naming_both_statuses(
    current: S, target: S, language: str
) -> None:
    with pytest.raises(InvalidTransition) as caught:
        check_transition(current, target, reason="Alasan yang cukup")

    message = str(caught.value)
    assert current.label in message
    assert target.label in message
    assert isinstance(caught.value, LaporError)


@pytest.mark.parametrize("status", list(S))
def test_the_menu_offers_exactly_the_moves_that_are_allowed(status: S) -> None:
    assert allowed_targets(status) == {t for c, t in EXPECTED_MOVES if c is status}


@pytest.mark.parametrize("target", NEEDS_REASON)
@pytest.mark.parametrize("reason", [None, "", "   ", "\t\n"])
def test_archiving_blocking_and_waiting_need_a_reason(
    target: S, reason: str | None, language: str
) -> None:
    current = S.BELUM_TERVERIFIKASI
    with pytest.raises(ValidationError) as caught:
        check_transition(current, target, reason)

    assert caught.value.field == "reason"
    assert target.label in str(caught.value)
    assert caught.value.message == str(caught.value)


@pytest.mark.parametrize("target", [S.BELUM_DITINDAKLANJUTI, S.PROSES, S.SELESAI])
def test_ordinary_moves_need_no_reason(target: S) -> None:
    check_transition(S.MENUNGGU_KELENGKAPAN, target)
    check_transition(S.MENUNGGU_KELENGKAPAN, target, reason="   ")


def test_a_forbidden_move_is_reported_as_forbidden_even_without_a_reason(english: str) -> None:
    # Archiving a finished complaint is not allowed at all: asking for a reason would mislead.
    with pytest.raises(InvalidTransition):
        check_transition(S.SELESAI, S.DIARSIPKAN)


def test_english_messages_read_naturally(english: str) -> None:
    with pytest.raises(InvalidTransition) as refused:
        check_transition(S.SELESAI, S.DIARSIPKAN, reason="x")
    with pytest.raises(ValidationError) as missing:
        check_transition(S.PROSES, S.DIARSIPKAN, reason=" ")

    assert str(refused.value) == (
        "A complaint with status “Completed” cannot be changed to “Archived”."
    )
    assert str(missing.value) == "A reason is required for status “Archived”."
