"""Stored deadlines agree with the SLA rules and follow every change that moves them."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.domain.calendar import WorkingCalendar
from lapor_desk.domain.enums import FollowUpKind, InternalStatus, SlaState
from lapor_desk.domain.sla import DEFAULT_SLA_RULES, complaint_sla
from lapor_desk.models import ComplaintDeadline
from lapor_desk.persistence.engine import make_session_factory
from lapor_desk.services import deadlines
from lapor_desk.services.bootstrap import Services, open_services
from lapor_desk.services.complaint_filter import ComplaintFilter, SlaFilter
from lapor_desk.services.register import ComplaintInput
from lapor_desk.services.timelines import load_timelines
from tests.conftest import fixed_clock

EXCLUDED = (InternalStatus.DIARSIPKAN, InternalStatus.TERBLOKIR)


def _stored(services: Services) -> dict[int, ComplaintDeadline]:
    with make_session_factory(services.engine)() as session:
        return {r.complaint_id: r for r in session.scalars(select(ComplaintDeadline))}


@pytest.fixture
def demo_copy(demo_register: Path, tmp_path: Path) -> Iterator[Services]:
    copy = tmp_path / "demo.sqlite3"
    shutil.copy(demo_register, copy)
    with open_services(copy, data_dir=tmp_path, clock=fixed_clock) as services:
        yield services


def test_stored_deadlines_give_the_same_states_as_the_sla_rules(demo_copy: Services) -> None:
    services = demo_copy
    window = services.complaints.sla_window()
    calendar, rules = services.settings.calendar(), services.settings.sla_rules()
    stored = _stored(services)
    with make_session_factory(services.engine)() as session:
        timelines = load_timelines(session)
    assert len(stored) == len(timelines) == 4447
    states: dict[SlaState | None, int] = {}
    for item in timelines:
        expected = None
        if item.status not in EXCLUDED and item.status is not InternalStatus.SELESAI:
            results = complaint_sla(calendar, rules, item.timeline, window.reference)
            found = {r.state for r in results}
            expected = (
                SlaState.OVERDUE if SlaState.OVERDUE in found
                else SlaState.DUE_SOON if SlaState.DUE_SOON in found
                else SlaState.ON_TIME if SlaState.ON_TIME in found
                else None
            )
        state = window.state(stored[item.complaint_id].open_due)
        assert state == expected, item
        assert stored[item.complaint_id].lead_unit_id == item.lead_unit_id
        states[state] = states.get(state, 0) + 1
    # The register's overdue filter counts what the overview reports as past a deadline.
    overdue = services.complaints.count(ComplaintFilter(sla=SlaFilter.OVERDUE))
    assert overdue == services.stats.stats().overall.overdue == states[SlaState.OVERDUE]
    assert states.get(SlaState.DUE_SOON, 0) > 0


def _input(day: datetime) -> ComplaintInput:
    return ComplaintInput(
        received_at=day, title="Bantuan PKH belum cair", text="Saldo kosong sejak Mei.",
        channel="Pos Surat",
    )


def test_register_changes_refresh_the_deadline_in_the_same_call(services: Services) -> None:
    # Friday 11 November 2022: three working days later is Wednesday 16 November, two working
    # days after the reference date (Monday 14 November): due soon.
    created = services.register.create(LOCAL_OPERATOR, _input(datetime(2022, 11, 11, 9)))
    complaint_id = created.complaint.id
    row = _stored(services)[complaint_id]
    assert row.verification_due == date(2022, 11, 16)
    assert row.open_due == date(2022, 11, 16)
    assert services.complaints.count(ComplaintFilter(sla=SlaFilter.DUE_SOON)) == 1
    services.demo.load(LOCAL_OPERATOR)  # units to dispose to
    unit_id = services.complaints.choices().units[0][0]
    services.register.dispose(LOCAL_OPERATOR, complaint_id, [unit_id])
    row = _stored(services)[complaint_id]
    assert row.lead_unit_id == unit_id
    # Verified on 14 November: the first follow-up is due five working days later.
    assert row.open_due == date(2022, 11, 21)
    services.register.add_follow_up(
        LOCAL_OPERATOR, complaint_id, unit_id, FollowUpKind.COMPLETION, "Sudah cair."
    )
    assert _stored(services)[complaint_id].open_due is None


def test_a_new_holiday_moves_the_stored_deadlines(services: Services) -> None:
    created = services.register.create(LOCAL_OPERATOR, _input(datetime(2022, 11, 11, 9)))
    services.settings.set_holiday_override(LOCAL_OPERATOR, date(2022, 11, 15), True, "Libur")
    assert _stored(services)[created.complaint.id].open_due == date(2022, 11, 17)
    services.settings.set_holiday_override(LOCAL_OPERATOR, date(2022, 11, 15), None)
    assert _stored(services)[created.complaint.id].open_due == date(2022, 11, 16)


def test_waiting_complaints_follow_the_reference_date(services: Services) -> None:
    services.demo.load(LOCAL_OPERATOR)
    created = services.register.create(LOCAL_OPERATOR, _input(datetime(2022, 11, 11, 9)))
    complaint_id = created.complaint.id
    unit_id = services.complaints.choices().units[0][0]
    services.register.dispose(LOCAL_OPERATOR, complaint_id, [unit_id])
    services.register.add_follow_up(
        LOCAL_OPERATOR, complaint_id, unit_id, FollowUpKind.INFO_REQUEST, "Mohon NIK."
    )
    before = _stored(services)[complaint_id].open_due
    assert before is not None
    # Each working day spent waiting for the reporter pushes the deadline back by one.
    services.settings.set_reference_date(LOCAL_OPERATOR, date(2022, 11, 21))
    after = _stored(services)[complaint_id].open_due
    assert after is not None and after - before == timedelta(days=7)


def test_opening_a_register_fills_missing_deadlines(services: Services, tmp_path: Path) -> None:
    services.demo.load(LOCAL_OPERATOR)
    factory = make_session_factory(services.engine)
    with factory.begin() as session:
        session.execute(delete(ComplaintDeadline).where(ComplaintDeadline.complaint_id < 100))
    location = services.location
    services.engine.dispose()
    with (
        open_services(location, data_dir=tmp_path, clock=fixed_clock) as reopened,
        make_session_factory(reopened.engine)() as session,
    ):
        assert session.scalar(select(func.count()).select_from(ComplaintDeadline)) == 4447
        assert deadlines.missing_deadline_ids(session) == []


def test_refreshing_everything_works_in_chunks(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.demo.load(LOCAL_OPERATOR)
    before = _stored(services)
    monkeypatch.setattr(deadlines, "CHUNK", 333)  # many chunks, a partial last one
    factory = make_session_factory(services.engine)
    with factory.begin() as session:
        written = deadlines.refresh_deadlines(
            session, services.settings.calendar(), services.settings.sla_rules(), None,
            as_of=services.settings.reference_date(),
        )
    assert written == 4447
    after = _stored(services)
    assert {k: (v.open_due, v.completion_due) for k, v in after.items()} == {
        k: (v.open_due, v.completion_due) for k, v in before.items()
    }


def test_new_complaints_rows_stop_being_computed_once_the_import_failed() -> None:
    """An import computes its new complaints' rows on a thread; when the import fails
    meanwhile (tests/integration/test_import_merge.py), the thread stops at its next chunk."""
    columns = {"status": InternalStatus.PROSES.value, "topic_id": None,
               "received_at": datetime(2022, 11, 1, 9), "verified_at": None,
               "completed_at": None, "klasifikasi": None, "urgent": False, "rating": None,
               "channel": "Website", "province": None, "city": None}
    inserted = [(number, columns) for number in range(1, 2 * deadlines.CHUNK + 1)]
    stop = threading.Event()

    def rows() -> list[list[object]]:
        return deadlines.new_deadline_rows(
            WorkingCalendar(), DEFAULT_SLA_RULES, {}, inserted,
            entered_at=datetime(2022, 11, 14, 10), as_of=date(2022, 11, 14), stop=stop)

    computed = rows()
    assert len(computed) == len(inserted) and computed[0][0] == 1
    stop.set()
    assert rows() == []
