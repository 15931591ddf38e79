"""The agenda builder on a real register: what it proposes, in which order, and carry-over."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from lapor_desk.domain.enums import InternalStatus, Klasifikasi
from lapor_desk.domain.errors import ValidationError
from lapor_desk.domain.meeting_outcomes import ActionStatus, DecisionKind
from lapor_desk.domain.meetings import AgendaItemKind, AgendaReason
from lapor_desk.services.meeting_inputs import ActionFilter, ActionItemInput, DecisionInput
from lapor_desk.services.renaksi import RenaksiInput
from tests.integration.meeting_helpers import (
    NOTULIS,
    Register,
    add_complaint,
    close,
    new_meeting,
    open_register,
    start,
)

S = InternalStatus
R = AgendaReason
CUTOFF, DAY = date(2022, 10, 31), date(2022, 11, 15)
SEPT, OCT = date(2022, 9, 22), date(2022, 10, 10)


@pytest.fixture
def reg(tmp_path: Path) -> Iterator[Register]:
    with open_register(tmp_path / "register.sqlite3", tmp_path) as register:
        yield register


def _hold_earlier_meetings(reg: Register) -> int:
    """22 Sep with PUSDATIN and SET-ITJEN (an ITJEN action agreed); 10 Oct with SET-ITJEN only."""
    first = new_meeting(reg, SEPT)
    topic, _c = reg.services.agenda.add_general(NOTULIS, first, "Evaluasi triwulan III")
    start(reg, first, SEPT)
    reg.services.action_items.add(
        NOTULIS, topic,
        ActionItemInput("Menyusun rekap pungli", reg.units["SET-ITJEN"], 10, "Penghubung"),
    )
    close(reg, first, SEPT)
    second = new_meeting(reg, OCT, units=("SET-ITJEN",))
    return second


def test_proposal_is_grouped_by_unit_and_ordered_by_urgency_then_age(reg: Register) -> None:
    p = "PUSDATIN"
    add_complaint(reg, "1000003", date(2022, 8, 1), p)  # overdue, younger
    add_complaint(reg, "1000001", date(2022, 6, 1), p, urgent=True)  # urgent and overdue
    add_complaint(reg, "1000002", date(2022, 3, 1), p)  # overdue, older
    add_complaint(reg, "1000005", date(2022, 10, 26), p)  # first response due 2 Nov
    add_complaint(reg, "1000004", date(2022, 10, 28), p, urgent=True)  # due 1 Nov, urgent
    stale = add_complaint(reg, "1000009", date(2022, 9, 1), p, S.PROSES,
                          responded=date(2022, 9, 2), klasifikasi=Klasifikasi.BERKADAR_PENGAWASAN)
    add_complaint(reg, "1000010", date(2022, 9, 1), p, S.PROSES,
                  responded=date(2022, 10, 3), klasifikasi=Klasifikasi.BERKADAR_PENGAWASAN)
    add_complaint(reg, "1000006", date(2022, 10, 27), p, S.PROSES, responded=date(2022, 10, 28))
    add_complaint(reg, "1000007", date(2022, 3, 1), p, S.SELESAI, responded=date(2022, 3, 3))
    add_complaint(reg, "1000008", date(2022, 11, 1), p)  # after the cut-off
    add_complaint(reg, "2000001", date(2022, 5, 2), "SET-ITJEN")
    add_complaint(reg, "3000001", date(2022, 5, 2), "BIRO-HUKUM")  # unit not chosen
    second = _hold_earlier_meetings(reg)
    # The 10 October meeting (without PUSDATIN) only noted complaint 1000009: no status move.
    item, _c = reg.services.agenda.add_complaint(NOTULIS, second, stale)
    start(reg, second, OCT)
    reg.services.meeting_notes.record_decision(
        NOTULIS, item, DecisionInput(DecisionKind.NONE, "Dicatat.")
    )
    close(reg, second, OCT)

    proposal = reg.services.agenda.propose(
        [reg.units["PUSDATIN"], reg.units["SET-ITJEN"]], CUTOFF, DAY
    )
    assert [u.unit.abbreviation for u in proposal.units] == ["PUSDATIN", "SET-ITJEN"]
    pusdatin, itjen = proposal.units
    assert [i.complaint.tracking_id for i in pusdatin.items if i.complaint] == [
        "1000001", "1000002", "1000003", "1000004", "1000005", "1000009",
    ]
    assert pusdatin.total == 6 and pusdatin.last_meeting == "1/2022"
    reasons = {i.complaint.tracking_id: set(i.reasons) for i in pusdatin.items if i.complaint}
    assert reasons["1000001"] == {R.OVERDUE, R.URGENT, R.STALE}
    assert reasons["1000004"] == {R.DUE_BEFORE_MEETING, R.URGENT}
    assert reasons["1000005"] == {R.DUE_BEFORE_MEETING}
    assert reasons["1000009"] == {R.STALE}  # the meeting's note is no status move
    ages = [i.age_workdays for i in pusdatin.items[1:3]]
    assert ages[0] > ages[1] > 0
    assert itjen.last_meeting == "2/2022"
    assert [i.kind for i in itjen.items] == [AgendaItemKind.COMPLAINT, AgendaItemKind.CARRY_OVER]
    carry = itjen.items[1]
    assert carry.action is not None and carry.action.origin_label == "1/2022"
    assert set(carry.reasons) == {R.OVERDUE, R.CARRY_OVER}
    assert carry.action.carried_count == 1 and carry.due == date(2022, 10, 6)

    limited = reg.services.agenda.propose([reg.units["PUSDATIN"]], CUTOFF, DAY, limit_per_unit=2)
    assert (len(limited.units[0].items), limited.units[0].total) == (2, 6)


def test_carry_over_across_three_meetings_counts_each_meeting(reg: Register) -> None:
    pusdatin = reg.units["PUSDATIN"]
    complaint = add_complaint(reg, "1000001", date(2022, 9, 1), "PUSDATIN")
    first = new_meeting(reg, SEPT, units=("PUSDATIN",))
    topic, _c = reg.services.agenda.add_general(NOTULIS, first, "Rekap DTKS")
    start(reg, first, SEPT)
    x, _c = reg.services.action_items.add(
        NOTULIS, topic,
        ActionItemInput("Verifikasi ulang data DTKS", pusdatin, 5, "Andi", complaint),
    )
    y, _c = reg.services.action_items.add(
        NOTULIS, topic, ActionItemInput("Kirim rekap ke Biro Humas", pusdatin, 20, "Budi")
    )
    close(reg, first, SEPT)

    second = new_meeting(reg, date(2022, 10, 20), units=("PUSDATIN",))
    agenda = reg.services.agenda.build(NOTULIS, second, date(2022, 10, 14))
    carried = {i.action_item_id: i for i in agenda if i.kind is AgendaItemKind.CARRY_OVER}
    assert set(carried) == {x.id, y.id}
    assert {i.carried_count for i in carried.values()} == {1}
    start(reg, second, date(2022, 10, 20))
    done = reg.services.action_items.close(NOTULIS, y.id, "Rekap terkirim")
    assert (done.status, done.closed_by) == (ActionStatus.DONE, "Rina Notulis")
    assert done.closed_at is not None and done.closed_at.date() == date(2022, 10, 20)
    close(reg, second, date(2022, 10, 20))

    third = new_meeting(reg, DAY, units=("PUSDATIN",))
    proposal = reg.services.agenda.propose_for(third, date(2022, 11, 10))
    carry = [i for i in proposal.units[0].items if i.action is not None]
    assert [(i.action.id, i.action.carried_count) for i in carry if i.action] == [(x.id, 2)]
    assert R.OVERDUE in carry[0].reasons
    reg.services.agenda.add_proposed(NOTULIS, third, carry, date(2022, 11, 10))
    rows = reg.services.agenda.items(third)
    assert [(r.action_item_id, r.carried_count) for r in rows] == [(x.id, 2)]
    start(reg, third, DAY)
    close(reg, third, DAY)

    # A fourth meeting that is only planned does not count as carrying it.
    fourth = new_meeting(reg, date(2022, 12, 1), units=("PUSDATIN",))
    reg.services.agenda.build(NOTULIS, fourth, date(2022, 11, 30))
    tracked = {r.id: r for r in reg.services.action_items.list_items()}
    assert (tracked[x.id].carried_count, tracked[y.id].carried_count) == (2, 1)
    twice = reg.services.action_items.list_items(ActionFilter(min_carried=2))
    assert [r.id for r in twice] == [x.id]
    assert twice[0].tracking_id == "1000001" and twice[0].meeting_label == "1/2022"


def test_the_user_adds_reorders_and_removes_items(reg: Register) -> None:
    add_complaint(reg, "1000001", date(2022, 6, 1), "PUSDATIN")
    other = add_complaint(reg, "1000002", date(2022, 6, 2), "BIRO-HUKUM")
    previous = new_meeting(reg, SEPT)
    with pytest.raises(ValidationError):
        reg.services.agenda.add_previous_minutes(NOTULIS, previous)  # nothing held before
    start(reg, previous, SEPT)
    close(reg, previous, SEPT)
    meeting = new_meeting(reg, DAY)
    built = reg.services.agenda.build(NOTULIS, meeting, CUTOFF)
    assert [r.tracking_id for r in built] == ["1000001"]
    assert reg.services.agenda.build(NOTULIS, meeting, CUTOFF) == built  # nothing twice
    minutes, _c = reg.services.agenda.add_previous_minutes(NOTULIS, meeting)
    plan, _c = reg.services.renaksi.add(
        NOTULIS, RenaksiInput("2021-2024", "Penyusunan SOP penanganan pengaduan")
    )
    renaksi, _c = reg.services.agenda.add_renaksi(NOTULIS, meeting, plan.id)
    general, _c = reg.services.agenda.add_general(NOTULIS, meeting, "Paparan narasumber")
    extra, _c = reg.services.agenda.add_complaint(NOTULIS, meeting, other)
    with pytest.raises(ValidationError):
        reg.services.agenda.add_complaint(NOTULIS, meeting, other)
    with pytest.raises(ValidationError):
        reg.services.agenda.add_general(NOTULIS, meeting, "   ")
    order = [minutes, general, renaksi, built[0].id, extra]
    with pytest.raises(ValidationError):
        reg.services.agenda.reorder(NOTULIS, meeting, order[:-1])
    reg.services.agenda.reorder(NOTULIS, meeting, order)
    rows = reg.services.agenda.items(meeting)
    assert [r.id for r in rows] == order
    assert [r.title for r in rows[:3]] == [
        "Pengesahan notula rapat No. 1/2022",
        "Paparan narasumber",
        "Renaksi 1: Penyusunan SOP penanganan pengaduan",
    ]
    assert rows[4].unit == "BIRO-HUKUM"  # grouped under its lead unit
    start(reg, meeting, DAY)
    reg.services.meeting_notes.record_decision(
        NOTULIS, minutes, DecisionInput(DecisionKind.NONE, "Notula disahkan.")
    )
    with pytest.raises(ValidationError):
        reg.services.agenda.remove(NOTULIS, minutes)
    reg.services.agenda.remove(NOTULIS, general)
    assert [r.id for r in reg.services.agenda.items(meeting)] == [
        minutes, renaksi, built[0].id, extra
    ]
    close(reg, meeting, DAY)
    with pytest.raises(ValidationError):
        reg.services.agenda.add_general(NOTULIS, meeting, "Terlambat")
    with pytest.raises(ValidationError):
        reg.services.agenda.build(NOTULIS, meeting, CUTOFF)


def test_impossible_proposals_are_refused(reg: Register) -> None:
    with pytest.raises(ValidationError):
        reg.services.agenda.propose([], CUTOFF, DAY)
    with pytest.raises(ValidationError) as after:
        reg.services.agenda.propose([reg.units["PUSDATIN"]], DAY, CUTOFF)
    assert after.value.field == "cutoff"
    with pytest.raises(ValidationError):
        reg.services.agenda.propose([12345], CUTOFF, DAY)
    assert [u.abbreviation for u in reg.services.agenda.units()] == [
        "BIRO-HUKUM", "PUSDATIN", "SET-ITJEN"
    ]
