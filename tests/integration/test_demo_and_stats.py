"""The demo scenario and the statistics the 15 November 2022 meeting is built on."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.domain.enums import InternalStatus
from lapor_desk.domain.meetings import normalize_nip
from lapor_desk.models import (
    Complaint,
    Disposition,
    FollowUp,
    StatusChange,
    Unit,
    UnitContact,
)
from lapor_desk.persistence.engine import make_session_factory
from lapor_desk.services.bootstrap import Services, open_services
from tests.conftest import fixed_clock

MEETING_UNITS = {
    "BIRO-HUMAS", "BIRO-HUKUM", "BIRO-OSDM", "SETDITJEN-DAYASOS", "SET-ITJEN",
    "SETDITJEN-LINJAMSOS", "PUSDATIN",
}


@pytest.fixture
def demo(demo_register: Path, tmp_path: Path) -> Services:
    copy = tmp_path / "demo.sqlite3"
    shutil.copy(demo_register, copy)
    with open_services(copy, data_dir=tmp_path, clock=fixed_clock) as services:
        yield services  # type: ignore[misc]


def _counts(services: Services) -> dict[str, int]:
    with make_session_factory(services.engine)() as session:
        return {
            model.__tablename__: int(
                session.scalar(select(func.count()).select_from(model)) or 0
            )
            for model in (Complaint, Disposition, FollowUp, StatusChange, Unit)
        }


def test_demo_holds_exactly_the_2022_scenario(demo: Services) -> None:
    with make_session_factory(demo.engine)() as session:
        first, last, total = session.execute(
            select(func.min(Complaint.received_at), func.max(Complaint.received_at),
                   func.count())
        ).one()
        abbreviations = set(session.scalars(select(Unit.abbreviation)))
        ids = list(session.scalars(select(Complaint.tracking_id)))
        texts = list(session.scalars(select(Complaint.text_original)))
    assert total == 4447
    assert first.date() >= date(2022, 1, 3) and last.date() <= date(2022, 10, 31)
    assert abbreviations >= MEETING_UNITS
    assert {"SETJEN", "DITJEN-LINJAMSOS", "DITJEN-REHSOS", "DITJEN-DAYASOS", "ITJEN"} <= (
        abbreviations
    )
    assert all(t.isdigit() and len(t) == 7 for t in ids)
    assert len({t[:60] for t in texts}) > 3000  # varied texts, not a handful of templates
    assert demo.settings.reference_date() == date(2022, 11, 14)


def test_every_demo_liaison_has_a_nip_the_unit_form_accepts(demo: Services) -> None:
    with make_session_factory(demo.engine)() as session:
        nips = list(session.scalars(select(UnitContact.nip).where(UnitContact.nip.is_not(None))))
    assert len(nips) > 20
    assert [normalize_nip(nip) for nip in nips] == nips  # none refused on a unit's save


def test_running_demo_twice_duplicates_nothing(demo: Services) -> None:
    before = _counts(demo)
    result = demo.demo.load(LOCAL_OPERATOR)
    assert (result.complaints, result.units, result.topics) == (0, 0, 0)
    assert result.changes.complaints == frozenset()
    assert _counts(demo) == before


def test_statistics_show_biro_humas_fastest_and_dominant_topics(demo: Services) -> None:
    stats = demo.stats.stats()
    assert stats.as_of == date(2022, 11, 14)
    assert stats.overall.received == 4447
    statuses = dict(stats.by_status)
    assert sum(statuses.values()) == 4447
    assert all(statuses[s] > 0 for s in InternalStatus)  # spread over the whole lifecycle
    top3 = [name for name, _ in stats.by_topic[:3]]
    assert {"DTKS", "PKH", "BPNT"} == {n.split("(")[-1].rstrip(")") for n in top3}
    by_unit = {u.abbreviation: u.indicators for u in stats.by_unit}
    humas = by_unit.pop("BIRO-HUMAS").avg_first_response_workdays
    assert humas is not None
    others = [i.avg_first_response_workdays for i in by_unit.values()]
    assert all(o is not None and humas < o for o in others)
    assert stats.overall.overdue > 0  # the backlog the meeting has to chase


def test_statuses_match_history(demo: Services) -> None:
    """Every complaint's current status is the last step of its recorded history."""
    with make_session_factory(demo.engine)() as session:
        last: dict[int, str] = {}
        for complaint_id, to_status in session.execute(
            select(StatusChange.complaint_id, StatusChange.to_status).order_by(
                StatusChange.complaint_id, StatusChange.changed_at, StatusChange.id
            )
        ):
            last[complaint_id] = to_status
        current = dict(session.execute(select(Complaint.id, Complaint.status)).all())
    assert last == current
    assert Counter(current.values())[InternalStatus.SELESAI.value] > 2000
