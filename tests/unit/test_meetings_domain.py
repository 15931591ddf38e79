"""Rules of coordination meetings: status moves, attendance, NIP, agenda order, outcomes."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lapor_desk.domain.enums import InternalStatus
from lapor_desk.domain.errors import InvalidTransition, ValidationError
from lapor_desk.domain.meeting_outcomes import (
    AGEING_LIMITS,
    MAX_DUE_WORKDAYS,
    ActionStatus,
    DecisionKind,
    RenaksiStatus,
    ageing_bucket,
    check_decision,
    check_due_workdays,
    check_progress,
    normalize_period,
)
from lapor_desk.domain.meetings import (
    AgendaCandidate,
    AgendaItemKind,
    AgendaReason,
    AttendanceState,
    MeetingKind,
    MeetingStatus,
    Presence,
    agenda_sort_key,
    allowed_meeting_targets,
    check_editable,
    check_in_session,
    check_meeting_transition,
    decode_reasons,
    discussion_note,
    encode_reasons,
    format_nip,
    is_reopening,
    meeting_number,
    normalize_attendance,
    normalize_nip,
    urgency_rank,
)

M = MeetingStatus
R = AgendaReason

#: The lifecycle of issue 5, written out independently of the implementation's table.
EXPECTED_MOVES = {
    (M.DRAFT, M.SCHEDULED),
    (M.SCHEDULED, M.DRAFT),
    (M.SCHEDULED, M.IN_SESSION),
    (M.IN_SESSION, M.CLOSED),
    (M.CLOSED, M.MINUTES_APPROVED),
    (M.CLOSED, M.IN_SESSION),  # reopened
    (M.MINUTES_APPROVED, M.IN_SESSION),  # reopened
}

# -- status ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("current", "target"), sorted(EXPECTED_MOVES))
def test_every_allowed_move_passes(current: MeetingStatus, target: MeetingStatus) -> None:
    check_meeting_transition(current, target, reason="Notula perlu dikoreksi")
    assert target in allowed_meeting_targets(current)


@pytest.mark.parametrize(
    ("current", "target"),
    [p for p in itertools.product(M, M) if p not in EXPECTED_MOVES],
)
def test_every_other_move_is_refused_naming_both_statuses(
    current: MeetingStatus, target: MeetingStatus, language: str
) -> None:
    with pytest.raises(InvalidTransition) as caught:
        check_meeting_transition(current, target, reason="alasan")
    assert current.label in str(caught.value) and target.label in str(caught.value)
    assert target not in allowed_meeting_targets(current)


@pytest.mark.parametrize("current", [M.CLOSED, M.MINUTES_APPROVED])
@pytest.mark.parametrize("reason", [None, "", "  \n"])
def test_reopening_is_explicit_and_needs_a_reason(
    current: MeetingStatus, reason: str | None
) -> None:
    assert is_reopening(current, M.IN_SESSION)
    with pytest.raises(ValidationError) as caught:
        check_meeting_transition(current, M.IN_SESSION, reason)
    assert caught.value.field == "reason"


def test_ordinary_moves_need_no_reason_and_are_no_reopening() -> None:
    check_meeting_transition(M.SCHEDULED, M.IN_SESSION)
    check_meeting_transition(M.IN_SESSION, M.CLOSED, "  ")
    assert not is_reopening(M.SCHEDULED, M.IN_SESSION)
    assert not is_reopening(M.CLOSED, M.MINUTES_APPROVED)


@pytest.mark.parametrize("status", list(M))
def test_closed_meetings_are_read_only_and_only_a_session_takes_minutes(
    status: MeetingStatus,
) -> None:
    read_only = status in (M.CLOSED, M.MINUTES_APPROVED)
    assert status.read_only is read_only
    assert status.held is (status in (M.IN_SESSION, M.CLOSED, M.MINUTES_APPROVED))
    if read_only:
        with pytest.raises(ValidationError, match=r"reopen|buka kembali"):
            check_editable(status)
    else:
        check_editable(status)
    if status is M.IN_SESSION:
        check_in_session(status)
    else:
        with pytest.raises(ValidationError):
            check_in_session(status)


def test_meeting_number_and_discussion_note_in_indonesian() -> None:
    assert meeting_number(2, 2022) == "2/2022"
    note = discussion_note(2, 2022, date(2022, 11, 15), "  Unit diminta\n menyelesaikan  ")
    assert note == (
        "Dibahas dalam Rapat Koordinasi No. 2/2022 tanggal 15 November 2022: "
        "Unit diminta menyelesaikan"
    )


def test_a_long_decision_is_shortened_in_the_history_line(english: str) -> None:
    note = discussion_note(1, 2023, date(2023, 2, 1), "x" * 700)
    assert note.startswith("Discussed in coordination meeting No. 1/2023 on 1 February 2023: ")
    assert note.endswith("x…") and len(note) < 700


def test_every_label_is_translated(language: str) -> None:
    enums = (M, MeetingKind, AttendanceState, Presence, AgendaItemKind, AgendaReason,
             DecisionKind, ActionStatus, RenaksiStatus)
    for enum in enums:
        labels = [member.label for member in enum]  # type: ignore[attr-defined]
        assert all(labels) and len(set(labels)) == len(labels), enum


# -- attendance ------------------------------------------------------------------------------------


def test_whoever_attended_is_on_site_unless_online() -> None:
    assert normalize_attendance(AttendanceState.PRESENT, None, None) == (Presence.ON_SITE, None)
    assert normalize_attendance(AttendanceState.PRESENT, Presence.ONLINE, "x") == (
        Presence.ONLINE, None
    )


@pytest.mark.parametrize(
    "state", [AttendanceState.INVITED, AttendanceState.ABSENT, AttendanceState.EXCUSED]
)
def test_nobody_who_stayed_away_has_a_presence(state: AttendanceState) -> None:
    assert normalize_attendance(state, Presence.ONLINE, "Budi") == (None, None)
    assert not state.attended


def test_represented_needs_the_representatives_name() -> None:
    assert normalize_attendance(AttendanceState.REPRESENTED, None, "  Sri Lestari ") == (
        Presence.ON_SITE, "Sri Lestari"
    )
    with pytest.raises(ValidationError) as caught:
        normalize_attendance(AttendanceState.REPRESENTED, None, "   ")
    assert caught.value.field == "representative"


# -- NIP -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["198503122010011005", "19850312 201001 1 005", " 19850312.201001.1.005 "]
)
def test_nip_is_stored_as_digits_and_shown_grouped(typed: str) -> None:
    digits = normalize_nip(typed, required=True)
    assert digits == "198503122010011005"
    assert format_nip(digits) == "19850312 201001 1 005"


def test_guests_may_have_no_nip_but_staff_must() -> None:
    assert normalize_nip(None) is None
    assert normalize_nip("  ") is None
    with pytest.raises(ValidationError) as caught:
        normalize_nip("", required=True, field="chair_nip")
    assert caught.value.field == "chair_nip"
    assert format_nip(None) == "" and format_nip("12345") == "12345"


@pytest.mark.parametrize(
    ("nip", "problem"),
    [
        ("19850312201001100", "18"),  # 17 digits
        ("1985031220100110055", "18"),  # 19 digits
        ("19850312201001100x", "18"),
        ("١٩٨٥٠٣١٢٢٠١٠٠١١٠٠٥", "18"),  # Arabic-Indic digits are not ASCII digits
        ("198502302010011005", "lahir"),  # 30 February
        ("198513122010011005", "lahir"),  # month 13
        ("198503122010131005", "pengangkatan"),  # appointed in month 13
        ("198503122010001005", "pengangkatan"),  # month 0
        ("198503121990011005", "(1990) kurang dari 15 tahun"),  # appointed at the age of four
        ("198503122010013005", "1 atau 2"),  # sex digit 3
    ],
)
def test_impossible_nips_are_refused_with_the_reason(nip: str, problem: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalize_nip(nip)
    assert problem in str(caught.value)


@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2000, 12, 31)),
    st.integers(min_value=0, max_value=30),
    st.integers(min_value=1, max_value=12),
    st.sampled_from("12"),
    st.integers(min_value=1, max_value=999),
)
def test_every_well_formed_nip_round_trips(
    born: date, years: int, month: int, sex: str, sequence: int
) -> None:
    nip = f"{born:%Y%m%d}{born.year + 18 + years}{month:02d}{sex}{sequence:03d}"
    shown = format_nip(normalize_nip(nip))
    assert shown.replace(" ", "") == nip
    assert normalize_nip(shown) == nip


# -- agenda ----------------------------------------------------------------------------------------


def test_reasons_are_stored_in_a_stable_order_and_unknown_words_are_skipped() -> None:
    assert encode_reasons([R.STALE, R.OVERDUE, R.OVERDUE]) == "overdue,stale"
    assert decode_reasons("stale,overdue,from_the_future") == (R.OVERDUE, R.STALE)
    assert decode_reasons("") == ()


@pytest.mark.parametrize(
    ("reasons", "rank"),
    [
        ({R.OVERDUE, R.URGENT}, 0),
        ({R.OVERDUE, R.STALE}, 1),
        ({R.URGENT, R.DUE_BEFORE_MEETING}, 2),
        ({R.DUE_BEFORE_MEETING}, 3),
        ({R.STALE}, 4),
        ({R.CARRY_OVER}, 4),
    ],
)
def test_urgency_rank(reasons: set[AgendaReason], rank: int) -> None:
    assert urgency_rank(reasons) == rank


def test_agenda_is_grouped_by_unit_then_most_urgent_then_oldest() -> None:
    def c(group: int, reasons: set[AgendaReason], age: int, key: str, carried: int = 0) -> (
        AgendaCandidate
    ):
        return AgendaCandidate(group, frozenset(reasons), age, carried, key)

    items = [
        c(1, {R.OVERDUE}, 50, "b-late"),
        c(0, {R.STALE}, 300, "a-stale-old"),
        c(0, {R.OVERDUE, R.URGENT}, 5, "a-urgent-late"),
        c(0, {R.OVERDUE}, 10, "a-late-young"),
        c(0, {R.OVERDUE}, 90, "a-late-old"),
        c(0, {R.CARRY_OVER, R.OVERDUE}, 90, "a-carried-twice", carried=2),
        c(0, {R.URGENT}, 1, "a-urgent"),
    ]
    ordered = [x.key for x in sorted(items, key=agenda_sort_key)]
    assert ordered == [
        "a-urgent-late",
        "a-carried-twice",  # as old as a-late-old, carried more often
        "a-late-old",
        "a-late-young",
        "a-urgent",
        "a-stale-old",
        "b-late",
    ]


# -- decisions, action items, Renaksi --------------------------------------------------------------


def test_a_decision_names_what_its_kind_needs() -> None:
    check_decision(DecisionKind.NONE, has_complaint=False, target_status=None, unit_id=None)
    check_decision(DecisionKind.FOLLOW_UP, has_complaint=True, target_status=None, unit_id=None)
    check_decision(
        DecisionKind.STATUS_CHANGE, has_complaint=True,
        target_status=InternalStatus.SELESAI, unit_id=None,
    )
    check_decision(DecisionKind.REDISPOSE, has_complaint=True, target_status=None, unit_id=3)
    cases = [
        (DecisionKind.FOLLOW_UP, False, None, None, "kind"),
        (DecisionKind.STATUS_CHANGE, True, None, None, "target_status"),
        (DecisionKind.REDISPOSE, True, None, None, "unit"),
    ]
    for kind, has_complaint, target, unit, field in cases:
        with pytest.raises(ValidationError) as caught:
            check_decision(kind, has_complaint=has_complaint, target_status=target, unit_id=unit)
        assert caught.value.field == field


@pytest.mark.parametrize(
    ("age", "bucket"), [(0, 0), (5, 0), (6, 1), (10, 1), (11, 2), (20, 2), (21, 3), (400, 3)]
)
def test_ageing_buckets(age: int, bucket: int) -> None:
    assert ageing_bucket(age) == bucket
    assert len(AGEING_LIMITS) == 3


@pytest.mark.parametrize("workdays", [1, 5, MAX_DUE_WORKDAYS])
def test_deadlines_of_a_working_day_to_a_year_are_accepted(workdays: int) -> None:
    assert check_due_workdays(workdays) == workdays


@pytest.mark.parametrize("workdays", [0, -3, MAX_DUE_WORKDAYS + 1])
def test_other_deadlines_are_refused(workdays: int) -> None:
    with pytest.raises(ValidationError, match=str(MAX_DUE_WORKDAYS)):
        check_due_workdays(workdays)


@pytest.mark.parametrize(
    ("typed", "period"), [("2021-2024", "2021-2024"), (" 2021 – 2024 ", "2021-2024"),
                          ("2025-2025", "2025-2025")]
)
def test_renaksi_periods(typed: str, period: str) -> None:
    assert normalize_period(typed) == period


@pytest.mark.parametrize("typed", ["", "2021", "2021-24", "2024-2021", "1999-2001", "2020-2031"])
def test_impossible_renaksi_periods(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalize_period(typed)
    assert caught.value.field == "period"


def test_renaksi_progress_matches_its_status() -> None:
    assert check_progress(RenaksiStatus.UNDER_WAY, 40) == 40
    assert check_progress(RenaksiStatus.ACHIEVED, 100) == 100
    assert check_progress(RenaksiStatus.NOT_STARTED, 0) == 0
    for status, progress in (
        (RenaksiStatus.UNDER_WAY, 101),
        (RenaksiStatus.UNDER_WAY, -1),
        (RenaksiStatus.ACHIEVED, 90),
        (RenaksiStatus.NOT_STARTED, 10),
    ):
        with pytest.raises(ValidationError) as caught:
            check_progress(status, progress)
        assert caught.value.field == "progress"
