"""Planning and running a meeting on a real register: numbers, invitees, status, attendance."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.domain.errors import ConcurrentEdit, InvalidTransition, ValidationError
from lapor_desk.domain.meeting_outcomes import DecisionKind
from lapor_desk.domain.meetings import (
    AgendaItemKind,
    AttendanceState,
    MeetingKind,
    MeetingStatus,
    Presence,
)
from lapor_desk.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    MeetingRenaksi,
    Renaksi,
    StatusChange,
)
from lapor_desk.persistence.engine import make_session_factory
from lapor_desk.services.bootstrap import Services, open_services
from lapor_desk.services.meeting_inputs import (
    ActionFilter,
    ActionItemInput,
    AttendeeInput,
    DecisionInput,
    MeetingInput,
    NarasumberInput,
)
from lapor_desk.services.renaksi import RenaksiInput
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

DAY = date(2022, 11, 15)


@pytest.fixture
def reg(tmp_path: Path) -> Iterator[Register]:
    with open_register(tmp_path / "register.sqlite3", tmp_path) as register:
        yield register


def _input(register: Register, meeting_id: int, **changes: object) -> MeetingInput:
    detail = register.services.meetings.get(meeting_id)
    base = MeetingInput(
        title=detail.row.title, kind=detail.row.kind, meeting_date=detail.row.meeting_date,
        venue=detail.row.venue, start_time=detail.start_time, end_time=detail.end_time,
        chair=detail.chair, notulis=detail.notulis, unit_ids=tuple(u.id for u in detail.units),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_meetings_are_numbered_per_year_and_invitees_come_from_liaisons(reg: Register) -> None:
    first = new_meeting(reg, date(2022, 9, 22))
    second = new_meeting(reg, DAY)
    third = new_meeting(reg, date(2023, 1, 10))
    labels = {r.id: r.label for r in reg.services.meetings.list_meetings()}
    assert labels == {first: "1/2022", second: "2/2022", third: "1/2023"}

    lines = reg.services.attendance.list_attendance(second)
    assert [(a.name, a.unit, a.state) for a in lines] == [
        ("Penghubung PUSDATIN", "PUSDATIN", AttendanceState.INVITED),
        ("Penghubung SET-ITJEN", "SET-ITJEN", AttendanceState.INVITED),
    ]  # the contact who is not a liaison is not invited
    assert lines[0].nip_display == "19850312 201001 1 005"
    assert all(a.from_liaison and a.checked_in_at is None for a in lines)
    row = reg.services.meetings.list_meetings(2022)[0]
    assert (row.label, row.invited_count, row.attendee_count) == ("2/2022", 2, 0)
    assert row.units == ("PUSDATIN", "SET-ITJEN")


def test_changing_the_invited_units_keeps_what_people_recorded(reg: Register) -> None:
    meeting = new_meeting(reg, DAY)
    lines = {a.unit: a for a in reg.services.attendance.list_attendance(meeting)}
    reg.services.attendance.check_in(NOTULIS, lines["SET-ITJEN"].id)
    guest, _changes = reg.services.attendance.add(
        NOTULIS, meeting, AttendeeInput("Tamu KemenPAN-RB", institution="KemenPAN-RB",
                                        state=AttendanceState.PRESENT),
    )
    version = reg.services.meetings.get(meeting).row.version
    # PUSDATIN and SET-ITJEN are dropped, Biro Hukum is added.
    reg.services.meetings.update(
        NOTULIS, meeting, version, _input(reg, meeting, unit_ids=(reg.units["BIRO-HUKUM"],))
    )
    names = [a.name for a in reg.services.attendance.list_attendance(meeting)]
    # The untouched PUSDATIN invitee leaves; whoever checked in and the guest stay.
    assert names == ["Penghubung SET-ITJEN", "Tamu KemenPAN-RB", "Penghubung BIRO-HUKUM"]
    assert guest.unit is None and guest.nip is None
    assert [u.abbreviation for u in reg.services.meetings.get(meeting).units] == ["BIRO-HUKUM"]


def test_a_stale_version_is_refused_and_a_new_year_gets_its_own_number(reg: Register) -> None:
    meeting = new_meeting(reg, DAY)
    version = reg.services.meetings.get(meeting).row.version
    reg.services.meetings.update(NOTULIS, meeting, version, _input(reg, meeting, venue="Aula"))
    with pytest.raises(ConcurrentEdit, match="1/2022"):
        reg.services.meetings.update(NOTULIS, meeting, version, _input(reg, meeting))
    new_meeting(reg, date(2023, 2, 1))
    fresh = reg.services.meetings.get(meeting).row.version
    reg.services.meetings.update(
        NOTULIS, meeting, fresh, _input(reg, meeting, meeting_date=date(2023, 3, 1))
    )
    assert reg.services.meetings.get(meeting).row.label == "2/2023"
    assert reg.services.meetings.get(meeting).row.venue == "Aula"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"start_time": time(10), "end_time": time(9)}, "end_time"),
        ({"call_time": time(9, 30), "start_time": time(9)}, "call_time"),
        ({"unit_ids": (999,)}, "units"),
    ],
)
def test_impossible_meetings_are_refused_naming_the_field(
    reg: Register, changes: dict[str, object], field: str
) -> None:
    data = replace(
        MeetingInput("Rapat", MeetingKind.MONEV, DAY, start_time=time(9), end_time=time(12)),
        **changes,  # type: ignore[arg-type]
    )
    with pytest.raises(ValidationError) as caught:
        reg.services.meetings.create(NOTULIS, data)
    assert caught.value.field == field
    assert reg.services.meetings.list_meetings() == ()


def test_status_flow_closing_makes_it_read_only_and_reopening_is_recorded(
    reg: Register,
) -> None:
    meeting = new_meeting(reg, DAY)
    with pytest.raises(InvalidTransition):
        reg.services.meetings.change_status(NOTULIS, meeting, MeetingStatus.CLOSED)
    start(reg, meeting, DAY)
    detail = reg.services.meetings.get(meeting)
    assert detail.started_at is not None and detail.started_at.hour == 9
    close(reg, meeting, DAY)
    lines = reg.services.attendance.list_attendance(meeting)
    with pytest.raises(ValidationError, match="buka kembali"):
        reg.services.attendance.check_in(NOTULIS, lines[0].id)
    with pytest.raises(ValidationError):
        reg.services.meetings.set_narasumber(NOTULIS, meeting, [NarasumberInput("X")])
    reg.services.meetings.change_status(NOTULIS, meeting, MeetingStatus.MINUTES_APPROVED)
    with pytest.raises(ValidationError) as no_reason:
        reg.services.meetings.reopen(NOTULIS, meeting, " ")
    assert no_reason.value.field == "reason"

    reg.clock.at(date(2022, 11, 16), 8)
    reg.services.meetings.reopen(NOTULIS, meeting, "Salah ketik pada keputusan butir 3")
    reg.services.attendance.check_in(NOTULIS, lines[0].id, Presence.ONLINE)
    detail = reg.services.meetings.get(meeting)
    assert detail.row.status is MeetingStatus.IN_SESSION
    assert detail.ended_at is None and detail.started_at is not None
    steps = [(h.from_status, h.to_status, h.reopening, h.reason) for h in detail.history]
    assert steps == [
        (None, MeetingStatus.DRAFT, False, None),
        (MeetingStatus.DRAFT, MeetingStatus.SCHEDULED, False, None),
        (MeetingStatus.SCHEDULED, MeetingStatus.IN_SESSION, False, None),
        (MeetingStatus.IN_SESSION, MeetingStatus.CLOSED, False, None),
        (MeetingStatus.CLOSED, MeetingStatus.MINUTES_APPROVED, False, None),
        (MeetingStatus.MINUTES_APPROVED, MeetingStatus.IN_SESSION, True,
         "Salah ketik pada keputusan butir 3"),
    ]
    assert detail.history[-1].changed_by == "Rina Notulis"
    with pytest.raises(ValidationError):
        reg.services.meetings.reopen(NOTULIS, meeting, "lagi")  # not closed now


def test_only_drafts_can_be_deleted(reg: Register) -> None:
    draft = new_meeting(reg, DAY)
    held = new_meeting(reg, DAY)
    start(reg, held, DAY)
    with pytest.raises(ValidationError):
        reg.services.meetings.delete(NOTULIS, held)
    reg.services.meetings.delete(NOTULIS, draft)
    assert [r.id for r in reg.services.meetings.list_meetings()] == [held]
    with make_session_factory(reg.services.engine)() as session:
        assert session.scalar(
            select(func.count()).select_from(Attendance).where(Attendance.meeting_id == draft)
        ) == 0


def test_attendance_at_the_door(reg: Register) -> None:
    meeting = new_meeting(reg, DAY)
    start(reg, meeting, DAY)
    reg.clock.at(DAY, 8, 50)
    liaison = reg.services.attendance.find(meeting, "201001")[0]  # part of a NIP
    row = reg.services.attendance.check_in(NOTULIS, liaison.id)
    assert row.state is AttendanceState.PRESENT and row.presence is Presence.ON_SITE
    assert row.checked_in_at is not None and row.checked_in_at.minute == 50
    itjen = reg.services.attendance.find(meeting, "set-itjen")[0]
    with pytest.raises(ValidationError):
        reg.services.attendance.set_state(NOTULIS, itjen.id, AttendanceState.REPRESENTED)
    represented = reg.services.attendance.set_state(
        NOTULIS, itjen.id, AttendanceState.REPRESENTED, Presence.ONLINE, "Sri Wahyuni",
        "19900101 201501 2 003",
    )
    assert (represented.representative_name, represented.representative_nip) == (
        "Sri Wahyuni", "199001012015012003"
    )
    assert reg.services.attendance.find(meeting, "wahyuni") == (represented,)
    # Staff of a unit need a NIP; a guest needs an institution instead.
    with pytest.raises(ValidationError) as no_nip:
        reg.services.attendance.add(
            NOTULIS, meeting, AttendeeInput("Pegawai", unit_id=reg.units["PUSDATIN"])
        )
    assert no_nip.value.field == "nip"
    with pytest.raises(ValidationError) as no_institution:
        reg.services.attendance.add(NOTULIS, meeting, AttendeeInput("Tamu"))
    assert no_institution.value.field == "institution"
    added, _c = reg.services.attendance.add(
        NOTULIS, meeting,
        AttendeeInput("Pegawai Baru", "198001012006041002", "Analis",
                      unit_id=reg.units["PUSDATIN"], state=AttendanceState.EXCUSED,
                      presence=Presence.ONLINE),
    )
    assert added.presence is None and added.checked_in_at is None
    counts = reg.services.attendance.counts(meeting)
    assert counts[AttendanceState.PRESENT] == 1 and counts[AttendanceState.REPRESENTED] == 1
    assert counts[AttendanceState.EXCUSED] == 1
    assert reg.services.meetings.list_meetings()[0].attendee_count == 2
    reg.services.attendance.remove(NOTULIS, added.id)
    assert len(reg.services.attendance.list_attendance(meeting)) == 2


def test_narasumber_and_their_remarks(reg: Register) -> None:
    meeting = new_meeting(reg, DAY)
    reg.services.meetings.set_narasumber(
        NOTULIS, meeting, [NarasumberInput("Narasumber Satu", "KemenPAN-RB")]
    )
    start(reg, meeting, DAY)
    speaker = reg.services.meetings.get(meeting).narasumber[0]
    reg.services.meeting_notes.save_remarks(NOTULIS, speaker.id, " Libatkan APIP. ")
    assert reg.services.meetings.get(meeting).narasumber == (
        replace(speaker, remarks="Libatkan APIP."),
    )


# -- the demo --------------------------------------------------------------------------------------


@pytest.fixture
def demo(demo_register: Path, tmp_path: Path) -> Services:
    copy = tmp_path / "demo.sqlite3"
    shutil.copy(demo_register, copy)
    with open_services(copy, data_dir=tmp_path, clock=fixed_clock) as services:
        yield services  # type: ignore[misc]


def test_demo_holds_the_15_november_2022_meeting(demo: Services) -> None:
    rows = demo.meetings.list_meetings()
    assert [(r.label, r.meeting_date, r.status) for r in rows] == [
        ("2/2022", DAY, MeetingStatus.CLOSED),
        ("1/2022", date(2022, 9, 22), MeetingStatus.MINUTES_APPROVED),
    ]
    main = demo.meetings.get(rows[0].id)
    assert main.row.title.startswith("Rapat Implementasi Renaksi SP4N-LAPOR! Tahun 2021-2024")
    assert "Sentra Handayani" in main.row.venue
    assert main.row.attendee_count == 20
    assert set(main.row.units) == {"BIRO-HUKUM", "BIRO-OSDM", "SETDITJEN-DAYASOS", "SET-ITJEN",
                                   "SETDITJEN-LINJAMSOS", "PUSDATIN"}
    people = demo.attendance.list_attendance(main.row.id)
    assert {p.unit for p in people} == set(main.row.units)
    assert all(p.nip and len(p.nip) == 18 for p in people)
    assert len({p.name for p in people}) == 20
    speaker = main.narasumber[0]
    assert "KemenPAN-RB" in speaker.institution
    for point in ("Biro Humas", "SOP", "prefiks dan subdomain", "APIP"):
        assert point in speaker.remarks
    assert len(main.renaksi_ids) == 5
    items = demo.agenda.items(main.row.id)
    assert sum(i.decision_count for i in items) >= 20
    assert sum(i.action_count for i in items) >= 6
    carried = [i for i in items if i.action_item_id]
    assert carried and all(i.carried_count == 1 for i in carried)
    assert {i.unit for i in items if i.complaint_id} == set(main.row.units)


def test_demo_meeting_notes_fit_the_complaints_histories(demo: Services) -> None:
    """Each "dibahas dalam rapat" step shows the status the complaint had on that day."""
    with make_session_factory(demo.engine)() as session:
        steps = session.execute(
            select(StatusChange.complaint_id, StatusChange.from_status, StatusChange.to_status,
                   StatusChange.origin)
            .where(StatusChange.complaint_id.in_(
                select(StatusChange.complaint_id).where(StatusChange.origin == "meeting")
            ))
            .order_by(StatusChange.complaint_id, StatusChange.changed_at, StatusChange.id)
        ).all()
    previous: dict[int, str] = {}
    notes = 0
    for complaint_id, from_status, to_status, origin in steps:
        if origin == "meeting":
            notes += 1
            assert from_status == to_status == previous[complaint_id]
        previous[complaint_id] = to_status
    assert notes >= 25  # 8 complaints on 22 September, 18 and carried actions on 15 November


def test_running_the_demo_twice_adds_no_meeting(demo: Services) -> None:
    def counts() -> list[int]:
        with make_session_factory(demo.engine)() as session:
            return [
                int(session.scalar(select(func.count()).select_from(model)) or 0)
                for model in (Meeting, Attendance, AgendaItem, Decision, ActionItem, Renaksi,
                              MeetingRenaksi, StatusChange)
            ]

    before = counts()
    demo.demo.load(LOCAL_OPERATOR)
    assert counts() == before


@pytest.mark.postgres
def test_a_whole_meeting_cycle_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    with open_register(pg_url, tmp_path) as pg:
        complaint = add_complaint(pg, "1000001", date(2022, 6, 1), "PUSDATIN")
        first = new_meeting(pg, date(2022, 9, 22))
        item = pg.services.agenda.build(NOTULIS, first, date(2022, 9, 15))[0]
        start(pg, first, date(2022, 9, 22))
        liaison = pg.services.attendance.find(first, "penghubung pusdatin")[0]
        pg.services.attendance.check_in(NOTULIS, liaison.id)
        saved = pg.services.meeting_notes.save_item_notes(NOTULIS, item.id, "Catatan", 0, 60)
        assert saved.revision == 1
        with pytest.raises(ConcurrentEdit):
            pg.services.meeting_notes.save_item_notes(NOTULIS, item.id, "Basi", 0)
        pg.services.meeting_notes.record_decision(
            NOTULIS, item.id, DecisionInput(DecisionKind.NONE, "Segera ditanggapi.")
        )
        action, _c = pg.services.action_items.add(
            NOTULIS, item.id, ActionItemInput("Tanggapi", pg.units["PUSDATIN"], 5)
        )
        close(pg, first, date(2022, 9, 22))
        plan, _c = pg.services.renaksi.add(NOTULIS, RenaksiInput("2021-2024", "Rapat koordinasi"))
        pg.services.renaksi.set_fulfilled_by(NOTULIS, first, [plan.id])

        second = new_meeting(pg, DAY)
        rows = pg.services.agenda.build(NOTULIS, second, date(2022, 10, 31))
        assert {r.kind for r in rows} == {AgendaItemKind.COMPLAINT, AgendaItemKind.CARRY_OVER}
        start(pg, second, DAY)
        close(pg, second, DAY)
        tracked = pg.services.action_items.list_items(ActionFilter(min_carried=1))
        assert [(r.id, r.carried_count, r.tracking_id) for r in tracked] == [
            (action.id, 1, "1000001")
        ]
        assert pg.services.action_items.unit_stats()[0].open == 1
        history = pg.services.register.get(complaint).history
        assert history[-1].reason == (
            "Dibahas dalam Rapat Koordinasi No. 1/2022 tanggal 22 September 2022: "
            "Segera ditanggapi."
        )
        listed = {r.label: r for r in pg.services.meetings.list_meetings()}
        assert listed["1/2022"].attendee_count == 1 and listed["2/2022"].invited_count == 2
        assert pg.services.renaksi.list_items()[0].meetings == ("1/2022",)
        assert pg.services.meeting_notes.item(item.id).notes == "Catatan"
        draft = new_meeting(pg, date(2022, 12, 1))
        pg.services.meetings.delete(NOTULIS, draft)
