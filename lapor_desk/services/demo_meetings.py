"""The demo's coordination meetings: 22 September 2022 and the 15 November 2022 meeting.

The 15 November meeting is the one of DOMAIN.md §2: six units, 20 attendees, the KemenPAN-RB
speaker's remarks, an agenda built from the demo register, decisions written back to complaints
and action items; the earlier meeting leaves open action items that carry over to it. Both go
through the same session-level functions the services use, with the meetings' own times.
Every person is synthetic (recombined name parts, made-up NIPs). Safe to run twice: a meeting
or Renaksi item already present is left alone.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from lapor_desk.domain.actor import Actor
from lapor_desk.domain.calendar import WorkingCalendar
from lapor_desk.domain.enums import InternalStatus
from lapor_desk.domain.meeting_outcomes import DecisionKind, RenaksiStatus
from lapor_desk.domain.meetings import (
    AgendaItemKind,
    AttendanceState,
    MeetingKind,
    MeetingStatus,
    Presence,
    decode_reasons,
)
from lapor_desk.domain.sla import SlaRule
from lapor_desk.models import (
    ActionItem,
    AgendaItem,
    Meeting,
    Renaksi,
    StatusChange,
    Unit,
)
from lapor_desk.services import demo_texts
from lapor_desk.services.action_items import close_action, insert_action_item
from lapor_desk.services.agenda_items import add_item, append_items
from lapor_desk.services.agenda_proposal import propose_agenda
from lapor_desk.services.deadlines import refresh_deadlines
from lapor_desk.services.demo_meeting_people import (
    attendance_lines,
    fill_attendance,
    liaisons,
    person,
    synthetic_nip,
)
from lapor_desk.services.demo_meeting_texts import (
    COMPLAINT_DECISIONS,
    EARLIER,
    EARLIER_TITLE,
    EARLIER_UNITS,
    EARLIER_VENUE,
    KEMENPAN_RB,
    MAIN,
    MAIN_TITLE,
    MAIN_UNITS,
    MAIN_VENUE,
    NARASUMBER_REMARKS,
    RENAKSI,
    RENAKSI_DRAFTS,
    SPEAKER_ACTIONS,
)
from lapor_desk.services.meeting_inputs import (
    ActionItemInput,
    DecisionInput,
    MeetingInput,
    NarasumberInput,
    Official,
)
from lapor_desk.services.meeting_notes import record_decision
from lapor_desk.services.meeting_writeback import ORIGIN
from lapor_desk.services.meetings import insert_meeting, record_status, set_narasumber
from lapor_desk.services.renaksi import RenaksiInput, insert_renaksi, mark_fulfilled

SEED = 2022 + 5
REFERENCE = date(2022, 11, 14)
RENAKSI_PERIOD = "2021-2024"

@dataclass(slots=True)
class _Context:
    session: Session
    actor: Actor
    calendar: WorkingCalendar
    rules: tuple[SlaRule, ...]
    units: dict[str, int]
    rng: random.Random
    touched: set[int] = field(default_factory=set)  # complaints whose deadlines to refresh


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


def _exists(session: Session, title: str, day: date) -> bool:
    return session.scalar(
        select(Meeting.id).where(Meeting.title == title, Meeting.meeting_date == day)
    ) is not None


def _decide(ctx: _Context, item: AgendaItem, meeting: Meeting, text: str, when: datetime) -> None:
    """A discussion without status change: the complaint's history shows the meeting."""
    _decision, complaint_id = record_decision(
        ctx.session, when, ctx.actor, item, meeting, DecisionInput(DecisionKind.NONE, text)
    )
    if complaint_id is not None:
        ctx.touched.add(complaint_id)


def _complaint_items(
    ctx: _Context, meeting: Meeting, cutoff: date, per_unit: int
) -> list[AgendaItem]:
    """The builder's most pressing complaints of each unit, with their carried-over actions.

    Left out are complaints waiting for the reporter (their clock is paused anyway) and, as
    the demo writes meetings into the past, complaints whose status moved after the meeting:
    the history line "dibahas dalam rapat" must show the status the complaint had that day.
    """
    proposal = propose_agenda(
        ctx.session, ctx.calendar, ctx.rules, [u.unit_id for u in meeting.units], cutoff,
        meeting.meeting_date, exclude_meeting=meeting.id,
    )
    later = datetime.combine(meeting.meeting_date + timedelta(days=1), time())
    moved = set(
        ctx.session.scalars(
            select(StatusChange.complaint_id).where(
                StatusChange.changed_at >= later, StatusChange.origin != ORIGIN
            )
        )
    )
    chosen = []
    for unit in proposal.units:
        carried = [i for i in unit.items if i.action is not None]
        complaints = [
            i for i in unit.items
            if i.complaint is not None
            and i.complaint.status is not InternalStatus.MENUNGGU_KELENGKAPAN
            and i.complaint.id not in moved
        ]
        chosen += carried + complaints[:per_unit]
    return append_items(ctx.session, meeting, chosen, cutoff)


def _earlier_meeting(ctx: _Context, humas: tuple[Official, Official, Official]) -> Meeting:
    day = EARLIER
    chair, secretary, notulis = humas
    meeting = insert_meeting(
        ctx.session, _at(day - timedelta(days=7), 10), ctx.actor,
        MeetingInput(
            title=EARLIER_TITLE, kind=MeetingKind.FOLLOW_UP, meeting_date=day,
            venue=EARLIER_VENUE, call_time=time(8, 30), start_time=time(9), end_time=time(11, 30),
            chair=chair, secretary=secretary, notulis=notulis,
            unit_ids=tuple(ctx.units[a] for a in EARLIER_UNITS),
        ),
    )
    record_status(ctx.session, meeting, MeetingStatus.SCHEDULED, ctx.actor, _at(day, 0) -
                  timedelta(days=6))
    fill_attendance(ctx.session, ctx.rng, ctx.units, meeting, dict.fromkeys(EARLIER_UNITS, 2),
                     ("Analis Pengaduan Masyarakat", "Pranata Humas Ahli Muda"))
    items = _complaint_items(ctx, meeting, date(2022, 9, 15), 2)
    record_status(ctx.session, meeting, MeetingStatus.IN_SESSION, ctx.actor, _at(day, 9, 5))
    liaison = liaisons(meeting)
    for index, item in enumerate(items):
        when = _at(day, 9, 20) + timedelta(minutes=8 * index)
        item.notes = (
            "Unit menyampaikan bahwa laporan masih dalam proses verifikasi data bersama dinas "
            "sosial setempat."
        )
        item.notes_revision, item.notes_saved_at, item.elapsed_seconds = 1, when, 420
        _decide(ctx, item, meeting,
                "Unit diminta menuntaskan tindak lanjut dan melaporkan hasilnya kepada Biro "
                "Humas.", when)
        assert item.unit_id is not None
        insert_action_item(
            ctx.session, ctx.calendar, when, ctx.actor, item, meeting,
            ActionItemInput(
                "Menyampaikan tanggapan kepada pelapor melalui SP4N-LAPOR! setelah verifikasi "
                "bersama dinas sosial setempat.",
                item.unit_id, 10, liaison.get(item.unit_id, ""),
            ),
        )
    record_status(ctx.session, meeting, MeetingStatus.CLOSED, ctx.actor, _at(day, 11, 30))
    # Half of the actions were done before the next meeting; the rest carry over.
    actions = ctx.session.scalars(
        select(ActionItem).where(ActionItem.meeting_id == meeting.id).order_by(ActionItem.id)
    ).all()
    for index, action in enumerate(actions):
        if index % 2 == 0:
            close_action(action, ctx.actor, _at(date(2022, 10, 12 + index % 5), 14),
                         "Tanggapan telah disampaikan kepada pelapor.")
    return meeting


def _renaksi(ctx: _Context) -> list[Renaksi]:
    existing = {
        r.number: r
        for r in ctx.session.scalars(select(Renaksi).where(Renaksi.period == RENAKSI_PERIOD))
    }
    items = []
    for number, (title, output, owner, progress) in enumerate(RENAKSI, start=1):
        item = existing.get(number)
        if item is None:
            item = insert_renaksi(
                ctx.session, _at(MAIN, 12, 30), ctx.actor,
                RenaksiInput(
                    period=RENAKSI_PERIOD, number=number, title=title, output=output,
                    owner_unit_id=ctx.units[owner], target_date=date(2024, 12, 31),
                    status=RenaksiStatus.UNDER_WAY, progress=progress,
                ),
            )
        items.append(item)
    return items


def _main_meeting(
    ctx: _Context,
    humas: tuple[Official, Official, Official],
    earlier: Meeting | None,
    renaksi: list[Renaksi],
) -> Meeting:
    day = MAIN
    chair, secretary, notulis = humas
    meeting = insert_meeting(
        ctx.session, _at(date(2022, 11, 8), 10), ctx.actor,
        MeetingInput(
            title=MAIN_TITLE, kind=MeetingKind.RENAKSI, meeting_date=day, venue=MAIN_VENUE,
            call_time=time(8, 30), start_time=time(9), end_time=time(12),
            chair=chair, secretary=secretary, notulis=notulis,
            unit_ids=tuple(ctx.units[a] for a, _n in MAIN_UNITS),
        ),
    )
    record_status(ctx.session, meeting, MeetingStatus.SCHEDULED, ctx.actor,
                  _at(date(2022, 11, 9), 9))
    speaker = demo_texts.reporter_name(ctx.rng)
    set_narasumber(ctx.session, meeting, [NarasumberInput(speaker, KEMENPAN_RB,
                                                          NARASUMBER_REMARKS)])
    fill_attendance(ctx.session, ctx.rng, ctx.units, meeting, dict(MAIN_UNITS),
                     ("Analis Pengaduan Masyarakat", "Pranata Humas Ahli Muda",
                      "Analis Kebijakan Ahli Muda", "Kepala Subbagian Tata Usaha"))
    lines = attendance_lines(ctx.session, meeting)
    # The Pusdatin liaison sent a colleague; two attendees followed online.
    represented = next(a for a in lines if a.contact_id and a.unit_id == ctx.units["PUSDATIN"])
    represented.state = AttendanceState.REPRESENTED.value
    represented.representative_name = demo_texts.reporter_name(ctx.rng)
    represented.representative_nip = synthetic_nip(ctx.rng)
    for line in lines[-2:]:
        line.presence = Presence.ONLINE.value

    opening = []
    if earlier is not None:
        opening.append(add_item(ctx.session, meeting, AgendaItemKind.PREVIOUS_MINUTES,
                                linked_meeting_id=earlier.id))
    talk = add_item(
        ctx.session, meeting, AgendaItemKind.GENERAL,
        title="Paparan narasumber KemenPAN-RB: tindak lanjut hasil monev pengelolaan "
        "SP4N-LAPOR! Tahun 2021",
    )
    plans = [add_item(ctx.session, meeting, AgendaItemKind.RENAKSI, renaksi_id=r.id)
             for r in renaksi]
    discussed = _complaint_items(ctx, meeting, date(2022, 10, 31), 3)

    record_status(ctx.session, meeting, MeetingStatus.IN_SESSION, ctx.actor, _at(day, 9, 10))
    meeting.notes = (
        "Rapat dibuka oleh Pimpinan Rapat pukul 09.10 WIB. Sampai dengan 31 Oktober 2022 "
        "Kementerian Sosial menerima 4.447 pengaduan, didominasi topik DTKS, PKH dan BPNT."
    )
    meeting.notes_revision = 1
    clock = _at(day, 9, 20)

    def step(minutes: int) -> datetime:
        nonlocal clock
        clock += timedelta(minutes=minutes)
        return clock

    for item in opening:
        _decide(ctx, item, meeting, "Notula rapat No. 1/2022 disahkan tanpa perubahan.", step(5))
        assert earlier is not None
        if MeetingStatus(earlier.status) is MeetingStatus.CLOSED:
            record_status(ctx.session, earlier, MeetingStatus.MINUTES_APPROVED, ctx.actor, clock)
    talk.notes = NARASUMBER_REMARKS
    talk.notes_revision, talk.notes_saved_at, talk.elapsed_seconds = 1, step(30), 1800
    _decide(ctx, talk, meeting, "Masukan narasumber ditindaklanjuti dalam penyusunan SOP dan "
            "proses bisnis penanganan pengaduan.", clock)
    for description, owner, workdays in SPEAKER_ACTIONS:
        insert_action_item(ctx.session, ctx.calendar, clock, ctx.actor, talk, meeting,
                           ActionItemInput(description, ctx.units[owner], workdays))
    for item, plan in zip(plans, renaksi, strict=True):
        _decide(ctx, item, meeting, f"Progres Renaksi {plan.number} disepakati "
                f"{plan.progress}%; pelaksanaan dilanjutkan.", step(6))
        if plan.number in RENAKSI_DRAFTS:
            description, owner, workdays = RENAKSI_DRAFTS[plan.number]
            insert_action_item(ctx.session, ctx.calendar, clock, ctx.actor, item, meeting,
                               ActionItemInput(description, ctx.units[owner], workdays))
    liaison = liaisons(meeting)
    first_of_unit: set[int] = set()
    carried_done = False
    for item in discussed:
        assert item.unit_id is not None
        when = step(5)
        item.notes = (
            "Perwakilan unit menjelaskan kendala verifikasi data dan menyanggupi penyelesaian."
        )
        item.notes_revision, item.notes_saved_at, item.elapsed_seconds = 1, when, 300
        if item.action_item_id is not None:
            action = ctx.session.get_one(ActionItem, item.action_item_id)
            if carried_done:
                _decide(ctx, item, meeting, "Tindak lanjut belum tuntas; dilanjutkan dan "
                        "dilaporkan pada rapat berikutnya.", when)
            else:  # one was reported done in the meeting; the others carry over again
                close_action(action, ctx.actor, when, "Dilaporkan selesai dalam rapat.")
                carried_done = True
            continue
        reasons = set(decode_reasons(item.reasons))
        text = next(
            (COMPLAINT_DECISIONS[r] for r in COMPLAINT_DECISIONS if r in reasons),
            "Unit diminta memperbarui status tindak lanjut pada SP4N-LAPOR!.",
        )
        _decide(ctx, item, meeting, text, when)
        if item.unit_id not in first_of_unit:
            first_of_unit.add(item.unit_id)
            insert_action_item(
                ctx.session, ctx.calendar, when, ctx.actor, item, meeting,
                ActionItemInput(
                    "Menyelesaikan tindak lanjut pengaduan dan menyampaikan jawaban kepada "
                    "pelapor.", item.unit_id, 5, liaison.get(item.unit_id, ""),
                ),
            )
    record_status(ctx.session, meeting, MeetingStatus.CLOSED, ctx.actor, _at(day, 12, 5))
    mark_fulfilled(ctx.session, meeting, [r.id for r in renaksi], ctx.actor, _at(day, 12, 30))
    if earlier is not None:
        mark_fulfilled(ctx.session, earlier, [renaksi[4].id], ctx.actor, _at(day, 12, 30))
    return meeting


def load_demo_meetings(
    factory: sessionmaker[Session],
    calendar: WorkingCalendar,
    rules: tuple[SlaRule, ...],
    actor: Actor,
) -> int:
    """Add the demo meetings and Renaksi items the register lacks; returns meetings added."""
    with factory.begin() as session:
        units = dict(session.execute(select(Unit.abbreviation, Unit.id)).all())
        needed = {a for a, _n in MAIN_UNITS} | set(EARLIER_UNITS) | {"BIRO-HUMAS"}
        if not needed <= units.keys():
            return 0  # not the demo's unit tree: nothing to hang the meetings on
        humas_rng = random.Random(SEED)
        humas = (person(humas_rng), person(humas_rng), person(humas_rng))
        added = 0
        ctx = _Context(session, actor, calendar, rules, units, random.Random(SEED + 1))
        renaksi = _renaksi(ctx)
        earlier = session.scalars(
            select(Meeting).where(Meeting.title == EARLIER_TITLE, Meeting.meeting_date == EARLIER)
        ).first()
        if earlier is None:
            earlier = _earlier_meeting(ctx, humas)
            added += 1
        if not _exists(session, MAIN_TITLE, MAIN):
            ctx.rng = random.Random(SEED + 2)
            _main_meeting(ctx, humas, earlier, renaksi)
            added += 1
        refresh_deadlines(session, calendar, rules, ctx.touched, as_of=REFERENCE)
        return added
