"""The analysis' stored facts (``complaint_deadline``) equal a fresh recomputation after every
kind of change: register actions, bulk actions and undo, import, meeting write-back, settings
and master data that move deadlines.
"""

from __future__ import annotations

import copy
import random
import shutil
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, inspect, select, text, update

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.domain.enums import FollowUpKind, InternalStatus, Klasifikasi, SlaStage
from lapor_desk.domain.meeting_outcomes import DecisionKind
from lapor_desk.domain.meetings import MeetingKind, MeetingStatus
from lapor_desk.models import Complaint, ComplaintDeadline, Topic
from lapor_desk.persistence.engine import make_session_factory
from lapor_desk.services import deadlines
from lapor_desk.services.bootstrap import Services, open_services
from lapor_desk.services.deadlines import refresh_deadlines
from lapor_desk.services.master_data_models import SlaRuleInput, TopicInput
from lapor_desk.services.meeting_inputs import DecisionInput, MeetingInput, Official
from lapor_desk.services.register import ComplaintInput
from tests.fixtures_portal import PORTAL_HEADERS, portal_rows, write_csv, write_xlsx
from tests.integration.meeting_helpers import NOTULIS, Clock

S = InternalStatus
Rows = dict[int, dict[str, Any]]
COLUMNS = [c.key for c in inspect(ComplaintDeadline).columns]
#: The analysis' facts, added by revision 0007.
FACTS = ("received_on", "received_month", "status", "waited", "topic_id", "klasifikasi",
         "rating", "channel", "province", "city", "verified_on", "first_response_on",
         "first_response_met")


def stored(services: Services) -> Rows:
    with make_session_factory(services.engine)() as session:
        return {r.complaint_id: {c: getattr(r, c) for c in COLUMNS}
                for r in session.scalars(select(ComplaintDeadline))}


def fresh(services: Services) -> Rows:
    """Every row as a full refresh would write it now (in a transaction rolled back)."""
    settings = services.settings
    with make_session_factory(services.engine)() as session, session.begin():
        refresh_deadlines(session, settings.calendar(), settings.sla_rules(), None,
                          as_of=settings.reference_date())
        rows = {r.complaint_id: {c: getattr(r, c) for c in COLUMNS}
                for r in session.scalars(select(ComplaintDeadline))}
        session.rollback()
    return rows


def assert_current(services: Services) -> Rows:
    """The stored rows, after checking that they equal a fresh recomputation."""
    now, expected = stored(services), fresh(services)
    assert now.keys() == expected.keys()
    stale = {cid: {c: (now[cid][c], expected[cid][c]) for c in COLUMNS
                   if now[cid][c] != expected[cid][c]}
             for cid in now if now[cid] != expected[cid]}
    assert stale == {}
    return now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def demo(demo_register: Path, tmp_path: Path, clock: Clock) -> Iterator[Services]:
    copy_ = tmp_path / "demo.sqlite3"
    shutil.copy(demo_register, copy_)
    with open_services(copy_, data_dir=tmp_path, clock=clock) as services:
        yield services


def _units(services: Services) -> list[int]:
    return [u[0] for u in services.complaints.choices().units]


def _first(services: Services, status: InternalStatus) -> int:
    with make_session_factory(services.engine)() as session:
        found = session.scalar(select(Complaint.id).where(Complaint.status == status.value)
                               .order_by(Complaint.id).limit(1))
    assert found is not None
    return found


def test_register_actions_keep_the_facts_current(demo: Services) -> None:
    register, units = demo.register, _units(demo)
    created = register.create(LOCAL_OPERATOR, ComplaintInput(
        received_at=datetime(2022, 11, 1, 9), title="Bantuan belum cair",
        text="Saldo kosong.", channel="Pos Surat", province="Jawa Barat", city="Kota Bogor"))
    cid = created.complaint.id
    row = assert_current(demo)[cid]
    assert (row["status"], row["channel"], row["city"], row["received_month"]) == (
        S.BELUM_TERVERIFIKASI.value, "Pos Surat", "Kota Bogor", 202211)
    register.edit(LOCAL_OPERATOR, cid, created.complaint.version, ComplaintInput(
        received_at=datetime(2022, 10, 31, 9), title="Bantuan belum cair", text="Saldo kosong.",
        channel="Telepon", province="Jawa Tengah", city="Kota Semarang",
        klasifikasi=Klasifikasi.BERKADAR_PENGAWASAN, topic_id=None))
    row = assert_current(demo)[cid]
    assert (row["channel"], row["province"], row["klasifikasi"], row["received_on"]) == (
        "Telepon", "Jawa Tengah", Klasifikasi.BERKADAR_PENGAWASAN.value, date(2022, 10, 31))
    register.dispose(LOCAL_OPERATOR, cid, [units[0]])
    row = assert_current(demo)[cid]
    assert (row["lead_unit_id"], row["verified_on"]) == (units[0], date(2022, 11, 14))
    register.add_follow_up(LOCAL_OPERATOR, cid, units[0], FollowUpKind.INFO_REQUEST, "NIK?")
    row = assert_current(demo)[cid]
    assert (row["status"], row["waited"], row["first_response_met"]) == (
        S.MENUNGGU_KELENGKAPAN.value, True, None)
    register.add_follow_up(LOCAL_OPERATOR, cid, units[0], FollowUpKind.FIRST_RESPONSE, "Cek.")
    row = assert_current(demo)[cid]
    assert (row["first_response_on"], row["first_response_met"]) == (date(2022, 11, 14), True)
    register.change_status(LOCAL_OPERATOR, cid, S.SELESAI)
    assert assert_current(demo)[cid]["status"] == S.SELESAI.value
    waiting = _first(demo, S.BELUM_DITINDAKLANJUTI)
    register.mark_urgent(LOCAL_OPERATOR, waiting, True, "Pimpinan")
    before = stored(demo)[waiting]
    assert assert_current(demo)[waiting]["completion_due"] <= before["completion_due"]


def test_bulk_actions_and_undo_keep_the_facts_current(demo: Services) -> None:
    actions, units = demo.actions, _units(demo)
    with make_session_factory(demo.engine)() as session:
        fresh_ones = list(session.scalars(select(Complaint.id).where(
            Complaint.status == S.BELUM_TERVERIFIKASI.value).order_by(Complaint.id).limit(5)))
    disposed = actions.bulk_dispose(LOCAL_OPERATOR, fresh_ones, [units[2]])
    rows = assert_current(demo)
    assert {rows[c]["lead_unit_id"] for c in fresh_ones} == {units[2]}
    moved = actions.bulk_change_status(LOCAL_OPERATOR, fresh_ones, S.PROSES)
    assert {assert_current(demo)[c]["status"] for c in fresh_ones} == {S.PROSES.value}
    actions.undo(LOCAL_OPERATOR, moved.done)
    actions.undo(LOCAL_OPERATOR, disposed.done)
    rows = assert_current(demo)
    assert {(rows[c]["lead_unit_id"], rows[c]["verified_on"], rows[c]["status"])
            for c in fresh_ones} == {(None, None, S.BELUM_TERVERIFIKASI.value)}


def test_import_of_new_and_changed_rows_keeps_the_facts_current(demo: Services,
                                                                tmp_path: Path) -> None:
    rows = portal_rows(12, first_id=9_100_000)
    for row in rows:
        row["Status Laporan"] = "Terverifikasi"
    preview = demo.imports.preview(write_xlsx(tmp_path / "week1.xlsx", rows))
    demo.imports.commit(LOCAL_OPERATOR, preview)
    assert_current(demo)
    newer = copy.deepcopy(rows)
    klasifikasi = "Aspirasi"
    if rows[0]["Klasifikasi Laporan"] == klasifikasi:
        klasifikasi = "Permintaan Informasi"
    newer[0]["Klasifikasi Laporan"] = klasifikasi
    newer[1]["Status Laporan"] = "Ditutup oleh Admin"
    newer[2]["Provinsi"] = "Papua Barat"
    newer[3]["Sumber Laporan"] = "Whatsapp"
    preview = demo.imports.preview(write_xlsx(tmp_path / "week2.xlsx", newer))
    assert len(preview.changed) == 4
    result = demo.imports.commit(LOCAL_OPERATOR, preview)
    stored_rows = assert_current(demo)
    by_tracking = _by_tracking(demo, [str(r["Tracking ID"]) for r in rows[:4]])
    assert result.changed == 4
    assert stored_rows[by_tracking[0]]["klasifikasi"] == klasifikasi
    assert stored_rows[by_tracking[1]]["status"] == S.SELESAI.value
    assert stored_rows[by_tracking[2]]["province"] == "Papua Barat"
    assert stored_rows[by_tracking[3]]["channel"] == "Whatsapp"


def test_a_fresh_import_stores_the_rows_a_full_refresh_would(demo: Services,
                                                              tmp_path: Path) -> None:
    """New complaints' rows are computed from the values inserted, not read back: they must
    equal the full recomputation for every status, the clock paused by an import into
    "waiting for the reporter", urgent complaints and an urgent topic's own limit."""
    dtks = next(t for t in demo.master_data.topics() if t.code == "DTKS")
    demo.master_data.update_topic(LOCAL_OPERATOR, dtks.id, TopicInput(
        dtks.code, dtks.name, dtks.parent_id, True, 3, dtks.default_unit_id, dtks.keywords,
        dtks.category_ids))
    rows = portal_rows(400, first_id=9_200_000, seed=11)
    for row in rows[::5]:
        row["Judul Laporan"] = f"Ada pungli: {row['Judul Laporan']}"
    result = demo.imports.commit(
        LOCAL_OPERATOR, demo.imports.preview(write_xlsx(tmp_path / "new.xlsx", rows)))
    assert result.new == 400
    current = assert_current(demo)
    new = [current[c] for c in result.changes.complaints]
    assert {r["status"] for r in new} >= {S.MENUNGGU_KELENGKAPAN.value, S.SELESAI.value,
                                         S.BELUM_TERVERIFIKASI.value, S.DIARSIPKAN.value}
    assert any(r["waited"] for r in new)
    with make_session_factory(demo.engine)() as session:
        own_limit = session.scalar(select(func.count()).select_from(Complaint).where(
            Complaint.id.in_(result.changes.complaints), Complaint.urgent.is_(True),
            Complaint.topic_id == dtks.id))
    assert own_limit


#: LAPOR Desk's own export adds these to the portal's columns.
OWN_COLUMNS = ("Tanggal Verifikasi", "Tanggal Selesai", "Rating", "Status Internal", "Mendesak")


def _rows_with_their_own_dates() -> list[dict[str, Any]]:
    rng = random.Random(5)
    rows = portal_rows(300, seed=9)
    for number, row in enumerate(rows):
        received = row["_received"].date()
        if number % 2:
            row["Tanggal Verifikasi"] = f"{received.isoformat()} 11:00"
        if number % 3 == 0:
            row["Tanggal Selesai"] = received.isoformat()
        row["Rating"] = rng.choice(["", "1", "5", "9", "x"])
        row["Status Internal"] = rng.choice(["", "Proses", "Menunggu Kelengkapan", "Selesai",
                                             "Belum Ditindaklanjuti"])
        row["Mendesak"] = rng.choice(["", "Ya", "Tidak"])
        if number % 7 == 0:
            row["Klasifikasi Laporan"] = "Bukan Klasifikasi"
    return rows


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_an_import_with_its_own_dates_statuses_and_ratings_stores_what_a_refresh_would(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """New complaints' rows from the values inserted, when the file brings verification and
    completion dates, internal statuses, urgency, ratings (some out of range) and an unknown
    klasifikasi: equal to a full recomputation, on SQLite and PostgreSQL."""
    target = (str(tmp_path / "r.sqlite3") if backend == "sqlite"
              else request.getfixturevalue("pg_url"))
    with open_services(target, data_dir=tmp_path, clock=Clock()) as services:
        path = write_csv(tmp_path / "sendiri.csv", _rows_with_their_own_dates(),
                         headers=(*PORTAL_HEADERS, *OWN_COLUMNS))
        preview = services.imports.preview(path)
        assert not preview.errors, preview.errors[:3]
        result = services.imports.commit(LOCAL_OPERATOR, preview)
        assert result.new == 300
        rows = list(assert_current(services).values())
    assert {r["status"] for r in rows} >= {S.MENUNGGU_KELENGKAPAN.value, S.SELESAI.value,
                                          S.PROSES.value}
    assert any(r["waited"] for r in rows)
    assert any(r["verified_on"] is not None for r in rows)
    assert any(r["klasifikasi"] is None for r in rows)


def _by_tracking(services: Services, tracking_ids: list[str]) -> list[int]:
    with make_session_factory(services.engine)() as session:
        found = dict(session.execute(select(Complaint.tracking_id, Complaint.id).where(
            Complaint.tracking_id.in_(tracking_ids))).all())
    return [found[t] for t in tracking_ids]


def test_meeting_write_back_keeps_the_facts_current(demo: Services, clock: Clock) -> None:
    day = date(2022, 11, 15)
    with make_session_factory(demo.engine)() as session:
        unit_id = session.scalar(
            select(ComplaintDeadline.lead_unit_id).where(
                ComplaintDeadline.status == S.PROSES.value,
                ComplaintDeadline.open_due < date(2022, 11, 14))
            .order_by(ComplaintDeadline.lead_unit_id).limit(1))
    assert unit_id is not None
    meeting = demo.meetings.create(NOTULIS, MeetingInput(
        title="Rapat Koordinasi Tindak Lanjut Pengaduan", kind=MeetingKind.FOLLOW_UP,
        meeting_date=day, venue="Ruang Rapat Biro Humas", start_time=time(9),
        end_time=time(12), chair=Official("Kepala Biro Humas", "197001012000031001"),
        notulis=Official("Rina Notulis"), unit_ids=(unit_id,))).meeting.id
    items = demo.agenda.build(NOTULIS, meeting, date(2022, 11, 14))
    for status, hour in ((MeetingStatus.SCHEDULED, 8), (MeetingStatus.IN_SESSION, 9)):
        clock.at(day, hour)
        demo.meetings.change_status(NOTULIS, meeting, status)
    clock.at(day, 10, 15)
    rows = stored(demo)
    proses = [i for i in items
              if i.complaint_id is not None and rows[i.complaint_id]["status"] == S.PROSES.value]
    assert len(proses) >= 2
    _d, closed = demo.meeting_notes.record_decision(
        NOTULIS, proses[0].id,
        DecisionInput(DecisionKind.STATUS_CHANGE, "Dinyatakan selesai.", S.SELESAI))
    _d, answered = demo.meeting_notes.record_decision(
        NOTULIS, proses[1].id,
        DecisionInput(DecisionKind.FOLLOW_UP, "Sudah disalurkan.",
                      follow_up_kind=FollowUpKind.COMPLETION))
    rows = assert_current(demo)
    assert {rows[c]["status"] for c in closed.complaints | answered.complaints} == {
        S.SELESAI.value}


def test_settings_and_master_data_keep_the_facts_current(demo: Services) -> None:
    settings, master = demo.settings, demo.master_data
    before = assert_current(demo)
    settings.set_holiday_override(LOCAL_OPERATOR, date(2022, 11, 15), True, "Libur daerah")
    moved = assert_current(demo)
    assert any(moved[c]["open_due"] != before[c]["open_due"] for c in before)
    settings.set_cuti_bersama_off(LOCAL_OPERATOR, True)
    assert_current(demo)
    general = next(r for r in master.sla_rules() if r.stage is SlaStage.FIRST_RESPONSE
                   and r.klasifikasi is None and not r.urgent)
    master.save_sla_rule(LOCAL_OPERATOR, general.id, SlaRuleInput(
        SlaStage.FIRST_RESPONSE, None, False, 1))
    stricter = assert_current(demo)
    assert sum(r["first_response_met"] is True for r in stricter.values()) < sum(
        r["first_response_met"] is True for r in moved.values())
    settings.set_reference_date(LOCAL_OPERATOR, date(2022, 11, 28))
    later = assert_current(demo)
    waiting = [c for c, r in later.items() if r["status"] == S.MENUNGGU_KELENGKAPAN.value]
    assert waiting and any(later[c]["completion_due"] != stricter[c]["completion_due"]
                           for c in waiting)
    with make_session_factory(demo.engine)() as session:
        urgent = session.scalar(select(Topic).where(Topic.urgent.is_(True)).limit(1))
        assert urgent is not None
        data = TopicInput(urgent.code, urgent.name, urgent.parent_id, True, 3,
                          urgent.default_unit_id)
    master.update_topic(LOCAL_OPERATOR, urgent.id, data)
    assert_current(demo)


def test_opening_the_register_completes_rows_written_without_the_facts(
    demo: Services, tmp_path: Path
) -> None:
    """Rows as an older version's bulk path wrote them (due dates only) are completed on open,
    and finding them reads an index, not the whole table."""
    factory = make_session_factory(demo.engine)
    with factory.begin() as session:
        session.execute(update(ComplaintDeadline).where(ComplaintDeadline.complaint_id < 50)
                        .values(dict.fromkeys(FACTS)))
        session.execute(text("ANALYZE"))
    statements: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        statements.append((statement, parameters))

    event.listen(demo.engine, "before_cursor_execute", record)
    try:
        with factory() as session:
            assert deadlines.missing_deadline_ids(session) == list(range(1, 50))
    finally:
        event.remove(demo.engine, "before_cursor_execute", record)
    [(probe, parameters)] = [(s, p) for s, p in statements if "received_month IS NULL" in s]
    with demo.engine.connect() as connection:
        plan = " ".join(r[-1] for r in connection.exec_driver_sql(
            f"EXPLAIN QUERY PLAN {probe}", parameters))
    assert "USING COVERING INDEX ix_complaint_deadline_counts (received_month=?)" in plan, plan
    location = demo.location
    demo.engine.dispose()
    with open_services(location, data_dir=tmp_path, clock=Clock()) as reopened:
        rows = assert_current(reopened)
        assert all(rows[cid]["received_month"] is not None for cid in range(1, 50))
