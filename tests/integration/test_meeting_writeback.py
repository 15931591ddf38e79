"""Decisions written back to complaints: the complaint's history shows the meeting."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path

import pytest

from lapor_desk.domain.enums import FollowUpKind, InternalStatus
from lapor_desk.domain.errors import InvalidTransition, ValidationError
from lapor_desk.domain.meeting_outcomes import DecisionKind
from lapor_desk.domain.meetings import AgendaItemKind
from lapor_desk.models import Complaint, ComplaintDeadline, StatusChange
from lapor_desk.persistence.engine import make_session_factory
from lapor_desk.services.bootstrap import open_services
from lapor_desk.services.meeting_inputs import ActionItemInput, DecisionInput
from tests.conftest import fixed_clock
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
DAY = date(2022, 11, 15)
NOTE = "Dibahas dalam Rapat Koordinasi No. 1/2022 tanggal 15 November 2022: "


@pytest.fixture
def reg(tmp_path: Path) -> Iterator[Register]:
    with open_register(tmp_path / "register.sqlite3", tmp_path) as register:
        yield register


def _on_agenda(reg: Register, *complaints: tuple[str, date, S]) -> tuple[int, list[int]]:
    """A meeting in session on 15 November whose agenda holds the given complaints."""
    ids = [
        add_complaint(reg, tracking, received, "PUSDATIN", status,
                      responded=received if status is not S.BELUM_DITINDAKLANJUTI else None)
        for tracking, received, status in complaints
    ]
    meeting = new_meeting(reg, DAY)
    items = {r.complaint_id: r.id for r in reg.services.agenda.build(NOTULIS, meeting,
                                                                      date(2022, 10, 31))}
    start(reg, meeting, DAY)
    reg.clock.at(DAY, 10, 15)
    return meeting, [items[i] for i in ids]


def test_a_discussion_without_status_change_is_in_the_complaints_history(
    reg: Register,
) -> None:
    meeting, [item] = _on_agenda(reg, ("1000001", date(2022, 6, 1), S.BELUM_DITINDAKLANJUTI))
    complaint = reg.services.agenda.items(meeting)[0].complaint_id
    assert complaint is not None
    version = reg.services.register.get(complaint).row.version
    decision, changes = reg.services.meeting_notes.record_decision(
        NOTULIS, item,
        DecisionInput(DecisionKind.NONE, "Unit diminta menanggapi pelapor dalam 5 hari kerja."),
    )
    assert changes.complaints == {complaint}
    assert decision.applied_at == datetime(2022, 11, 15, 10, 15)
    detail = reg.services.register.get(complaint)
    last = detail.history[-1]
    assert (last.from_status, last.to_status, last.origin) == (
        S.BELUM_DITINDAKLANJUTI, S.BELUM_DITINDAKLANJUTI, "meeting"
    )
    assert last.reason == NOTE + "Unit diminta menanggapi pelapor dalam 5 hari kerja."
    assert (last.changed_at, last.changed_by) == (datetime(2022, 11, 15, 10, 15), "Rina Notulis")
    assert detail.row.status is S.BELUM_DITINDAKLANJUTI
    assert detail.row.version == version + 1  # somebody holding the old version must reload


def test_a_decision_changes_the_status_through_the_lifecycle(reg: Register) -> None:
    _meeting, [done, wrong] = _on_agenda(
        reg, ("1000001", date(2022, 6, 1), S.PROSES), ("1000002", date(2022, 6, 2), S.PROSES)
    )
    _d, changes = reg.services.meeting_notes.record_decision(
        NOTULIS, done,
        DecisionInput(DecisionKind.STATUS_CHANGE, "Dinyatakan selesai.", S.SELESAI),
    )
    [complaint] = changes.complaints
    detail = reg.services.register.get(complaint)
    assert detail.row.status is S.SELESAI
    assert (detail.history[-1].from_status, detail.history[-1].to_status) == (S.PROSES, S.SELESAI)
    assert detail.history[-1].reason == NOTE + "Dinyatakan selesai."
    with make_session_factory(reg.services.engine)() as session:
        stored = session.get_one(ComplaintDeadline, complaint)
    assert stored.open_due is None  # nothing runs against a clock any more

    wrong_complaint = reg.services.agenda.items(_meeting)[1].complaint_id
    assert wrong_complaint is not None
    before = reg.services.register.get(wrong_complaint).history
    with pytest.raises(InvalidTransition):
        reg.services.meeting_notes.record_decision(
            NOTULIS, wrong,
            DecisionInput(DecisionKind.STATUS_CHANGE, "Kembali", S.BELUM_TERVERIFIKASI),
        )
    with pytest.raises(ValidationError):
        reg.services.meeting_notes.record_decision(
            NOTULIS, wrong, DecisionInput(DecisionKind.STATUS_CHANGE, "Sama", S.PROSES)
        )
    assert reg.services.register.get(wrong_complaint).history == before
    assert reg.services.meeting_notes.item(wrong).decisions == ()  # nothing half-saved


def test_a_follow_up_decision_is_recorded_for_the_lead_unit(reg: Register) -> None:
    _meeting, [item, finished] = _on_agenda(
        reg,
        ("1000001", date(2022, 6, 1), S.BELUM_DITINDAKLANJUTI),
        ("1000002", date(2022, 6, 2), S.PROSES),
    )
    _d, changes = reg.services.meeting_notes.record_decision(
        NOTULIS, item,
        DecisionInput(DecisionKind.FOLLOW_UP, "Data pelapor sedang diverifikasi Pusdatin."),
    )
    [complaint] = changes.complaints
    detail = reg.services.register.get(complaint)
    follow_up = detail.follow_ups[-1]
    assert (follow_up.unit, follow_up.kind, follow_up.text, follow_up.created_by) == (
        "Pusat Data dan Informasi Kesejahteraan Sosial", FollowUpKind.FOLLOW_UP,
        "Data pelapor sedang diverifikasi Pusdatin.", "Rina Notulis",
    )
    assert detail.row.status is S.PROSES
    assert detail.history[-1].reason == NOTE + "Data pelapor sedang diverifikasi Pusdatin."

    _d, changes = reg.services.meeting_notes.record_decision(
        NOTULIS, finished,
        DecisionInput(DecisionKind.FOLLOW_UP, "Bantuan sudah disalurkan.",
                      follow_up_kind=FollowUpKind.COMPLETION),
    )
    [complaint] = changes.complaints
    assert reg.services.register.get(complaint).row.status is S.SELESAI


def test_redisposing_moves_the_lead_to_the_new_unit(reg: Register) -> None:
    _meeting, [item] = _on_agenda(reg, ("1000001", date(2022, 6, 1), S.BELUM_DITINDAKLANJUTI))
    itjen = reg.units["SET-ITJEN"]
    _d, changes = reg.services.meeting_notes.record_decision(
        NOTULIS, item, DecisionInput(DecisionKind.REDISPOSE, "Dugaan pungli: ke Itjen.",
                                     unit_id=itjen),
    )
    [complaint] = changes.complaints
    detail = reg.services.register.get(complaint)
    assert detail.row.lead_unit == "Sekretariat Inspektorat Jenderal"
    assert [d.unit for d in detail.dispositions if d.withdrawn_at is None] == [
        "Sekretariat Inspektorat Jenderal"
    ]
    assert detail.dispositions[-1].instruction == "Dugaan pungli: ke Itjen."
    assert detail.history[-1].to_status is S.BELUM_DITINDAKLANJUTI
    with make_session_factory(reg.services.engine)() as session:
        assert session.get_one(ComplaintDeadline, complaint).lead_unit_id == itjen
    with pytest.raises(ValidationError) as again:
        reg.services.meeting_notes.record_decision(
            NOTULIS, item, DecisionInput(DecisionKind.REDISPOSE, "Lagi", unit_id=itjen)
        )
    assert again.value.field == "unit"


def test_decisions_need_a_meeting_in_session_and_a_complaint_to_write_to(
    reg: Register,
) -> None:
    complaint = add_complaint(reg, "1000001", date(2022, 6, 1), "PUSDATIN")
    meeting = new_meeting(reg, DAY)
    topic, _c = reg.services.agenda.add_general(NOTULIS, meeting, "Paparan narasumber")
    with pytest.raises(ValidationError):
        reg.services.meeting_notes.record_decision(
            NOTULIS, topic, DecisionInput(DecisionKind.NONE, "Terlalu awal")
        )
    start(reg, meeting, DAY)
    with pytest.raises(ValidationError) as no_complaint:
        reg.services.meeting_notes.record_decision(
            NOTULIS, topic, DecisionInput(DecisionKind.STATUS_CHANGE, "x", S.SELESAI)
        )
    assert no_complaint.value.field == "kind"
    with pytest.raises(ValidationError):
        reg.services.meeting_notes.record_decision(
            NOTULIS, topic, DecisionInput(DecisionKind.NONE, "   ")
        )
    decision, changes = reg.services.meeting_notes.record_decision(
        NOTULIS, topic, DecisionInput(DecisionKind.NONE, "Masukan dicatat.")
    )
    assert decision.applied_at is None and changes.complaints == frozenset()
    # An action on the general topic about a complaint: its carry-over item writes there.
    reg.services.action_items.add(
        NOTULIS, topic,
        ActionItemInput("Tanggapi pelapor", reg.units["PUSDATIN"], 3, complaint_id=complaint),
    )
    close(reg, meeting, DAY)
    with pytest.raises(ValidationError):
        reg.services.meeting_notes.record_decision(
            NOTULIS, topic, DecisionInput(DecisionKind.NONE, "Terlambat")
        )
    later = new_meeting(reg, date(2022, 11, 29), units=("PUSDATIN",))
    rows = reg.services.agenda.build(NOTULIS, later, date(2022, 11, 25))
    carry = next(r for r in rows if r.kind is AgendaItemKind.CARRY_OVER)
    start(reg, later, date(2022, 11, 29))
    _d, changes = reg.services.meeting_notes.record_decision(
        NOTULIS, carry.id, DecisionInput(DecisionKind.NONE, "Dilanjutkan.")
    )
    assert changes.complaints == {complaint}
    assert reg.services.register.get(complaint).history[-1].reason == (
        "Dibahas dalam Rapat Koordinasi No. 2/2022 tanggal 29 November 2022: Dilanjutkan."
    )


def test_discussing_a_complaint_waiting_for_the_reporter_keeps_its_deadlines(
    reg: Register,
) -> None:
    complaint = add_complaint(reg, "1000001", date(2022, 10, 3), "PUSDATIN", S.PROSES,
                              responded=date(2022, 10, 4))
    with reg.session() as session:
        session.add(StatusChange(
            complaint_id=complaint, changed_at=datetime.combine(date(2022, 10, 10), time(9)),
            from_status=S.PROSES.value, to_status=S.MENUNGGU_KELENGKAPAN.value,
            reason="Mohon lengkapi NIK", changed_by="unit", origin="manual",
        ))
        session.get_one(Complaint, complaint).status = S.MENUNGGU_KELENGKAPAN.value
    reg.services.settings.set_reference_date(NOTULIS, date(2022, 11, 30))
    before = reg.services.register.get(complaint).sla
    meeting = new_meeting(reg, DAY)
    item, _c = reg.services.agenda.add_complaint(NOTULIS, meeting, complaint)
    start(reg, meeting, DAY)
    reg.services.meeting_notes.record_decision(
        NOTULIS, item, DecisionInput(DecisionKind.NONE, "Menunggu pelapor.")
    )
    assert reg.services.register.get(complaint).sla == before


def test_demo_decisions_are_in_the_complaints_history(demo_register: Path, tmp_path: Path) -> None:
    copy = tmp_path / "demo.sqlite3"
    shutil.copy(demo_register, copy)
    with open_services(copy, data_dir=tmp_path, clock=fixed_clock) as services:
        main = services.meetings.list_meetings()[0]
        item = next(i for i in services.agenda.items(main.id) if i.complaint_id)
        assert item.complaint_id is not None
        history = services.register.get(item.complaint_id).history
        notes = [h for h in history if h.origin == "meeting"]
        assert notes[-1].reason is not None
        assert notes[-1].reason.startswith(
            "Dibahas dalam Rapat Koordinasi No. 2/2022 tanggal 15 November 2022: "
        )
        assert notes[-1].from_status == notes[-1].to_status
