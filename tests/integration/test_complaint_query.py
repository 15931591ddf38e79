"""The register's list queries over the demo: filters, SQL sorting by page, saved filters."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select, text

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.domain.enums import InternalStatus, Klasifikasi, SlaState
from lapor_desk.domain.errors import NotFound, ValidationError
from lapor_desk.models import Complaint
from lapor_desk.persistence.engine import make_session_factory
from lapor_desk.services.bootstrap import Services, open_services
from lapor_desk.services.complaint_filter import (
    NO_KLASIFIKASI,
    ComplaintFilter,
    Privacy,
    SlaFilter,
    Sort,
    SortKey,
    filter_from_json,
    filter_to_json,
)
from lapor_desk.services.complaint_query import _sorted
from tests.conftest import fixed_clock


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, demo_register: Path) -> Iterator[Services]:
    """One read-mostly copy of the demo for the whole module (saved-filter tests clean up)."""
    folder = tmp_path_factory.mktemp("query")
    shutil.copy(demo_register, folder / "demo.sqlite3")
    with open_services(folder / "demo.sqlite3", data_dir=folder, clock=fixed_clock) as s:
        yield s


def test_counts_agree_with_the_statistics(demo: Services) -> None:
    q = demo.complaints
    stats = demo.stats.stats()
    assert q.count(ComplaintFilter()) == 4447
    for status, count in stats.by_status:
        assert q.count(ComplaintFilter(statuses=frozenset({status}))) == count
    topics = dict(stats.by_topic)
    for topic_id, name in q.choices().topics:
        assert q.count(ComplaintFilter(topic_id=topic_id)) == topics.get(name, 0)
    led = {u.abbreviation: u.indicators.received for u in stats.by_unit}
    for unit_id, abbreviation, _name in q.choices().units:
        assert q.count(ComplaintFilter(unit_id=unit_id)) == led.get(abbreviation, 0)


def test_every_filter_narrows_to_exactly_its_complaints(demo: Services) -> None:
    q = demo.complaints
    everything = q.rows(q.ids(ComplaintFilter()))
    cases = [
        (ComplaintFilter(klasifikasi=Klasifikasi.ASPIRASI.value),
         lambda r: r.complaint.klasifikasi == Klasifikasi.ASPIRASI.value),
        (ComplaintFilter(klasifikasi=NO_KLASIFIKASI), lambda r: r.complaint.klasifikasi is None),
        (ComplaintFilter(channel="SMS (1708)"), lambda r: r.complaint.channel == "SMS (1708)"),
        (ComplaintFilter(urgent=True), lambda r: r.complaint.urgent),
        (ComplaintFilter(urgent=False), lambda r: not r.complaint.urgent),
        (ComplaintFilter(privacy=Privacy.ANONIM), lambda r: r.complaint.anonim),
        (ComplaintFilter(privacy=Privacy.RAHASIA), lambda r: r.complaint.rahasia),
        (ComplaintFilter(privacy=Privacy.ANY),
         lambda r: r.complaint.anonim or r.complaint.rahasia),
        (ComplaintFilter(privacy=Privacy.PUBLIC),
         lambda r: not (r.complaint.anonim or r.complaint.rahasia)),
        (ComplaintFilter(sla=SlaFilter.OVERDUE), lambda r: r.sla is SlaState.OVERDUE),
        (ComplaintFilter(sla=SlaFilter.DUE_SOON), lambda r: r.sla is SlaState.DUE_SOON),
        # Both ends of a date range are whole days, included.
        (ComplaintFilter(received_from=date(2022, 3, 1), received_to=date(2022, 3, 31)),
         lambda r: date(2022, 3, 1) <= r.complaint.received_at.date() <= date(2022, 3, 31)),
        (ComplaintFilter(statuses=frozenset({InternalStatus.PROSES}), urgent=True,
                         sla=SlaFilter.OVERDUE),
         lambda r: r.complaint.status is InternalStatus.PROSES and r.complaint.urgent
         and r.sla is SlaState.OVERDUE),
    ]
    for value, wanted in cases:
        expected = {r.complaint.id for r in everything if wanted(r)}
        assert expected, value  # the demo holds some of each, or the case proves nothing
        assert set(q.ids(value)) == expected, value
        assert q.count(value) == len(expected), value


@pytest.mark.parametrize("key", list(SortKey))
@pytest.mark.parametrize("descending", [False, True])
def test_pages_from_either_end_agree_with_the_whole_order(
    demo: Services, key: SortKey, descending: bool
) -> None:
    q = demo.complaints
    value = ComplaintFilter(urgent=False)
    sort = Sort(key, descending)
    whole = list(q.ids(value, sort))
    assert len(whole) == len(set(whole)) == q.count(value)
    pages = [list(q.ids(value, sort, offset=o, limit=700)) for o in range(0, len(whole), 700)]
    assert [i for page in pages for i in page] == whole
    tail = list(q.ids(value, sort, offset=10, limit=50, from_end=True))
    assert tail[::-1] == whole[-60:-10]


def test_sorting_is_by_the_column_shown(demo: Services) -> None:
    q = demo.complaints
    rows = q.rows(q.ids(ComplaintFilter(), Sort(SortKey.RECEIVED, True), limit=300))
    received = [r.complaint.received_at for r in rows]
    assert received == sorted(received, reverse=True)
    rows = q.rows(q.ids(ComplaintFilter(), Sort(SortKey.DUE, False)))
    dues = [r.open_due for r in rows]
    dated = [d for d in dues if d is not None]
    assert dated == sorted(dated) and dues[: len(dated)] == dated  # no deadline: last
    rows = q.rows(q.ids(ComplaintFilter(), Sort(SortKey.STATUS, False)))
    order = list(InternalStatus)
    positions = [order.index(r.complaint.status) for r in rows]
    assert positions == sorted(positions)  # lifecycle order, not alphabetical


def test_rows_keep_the_order_asked_and_skip_missing_ids(demo: Services) -> None:
    q = demo.complaints
    rows = q.rows([30, 10, 999_999, 20])
    assert [r.complaint.id for r in rows] == [30, 10, 20]
    assert q.rows([]) == []


def test_hot_query_plans_use_indexes_without_sorting(demo: Services) -> None:
    """The list the view opens with, and a status filter, read an index in order."""
    q = demo.complaints
    factory = make_session_factory(demo.engine)
    window = q.sla_window()
    plans = {}
    with factory() as session:
        for name, value in (
            ("all", ComplaintFilter()),
            ("status", ComplaintFilter(statuses=frozenset({InternalStatus.PROSES}))),
        ):
            query = _sorted(
                q._filtered(session, select(Complaint.id), value, window), value, Sort(),
                reverse=False,
            ).limit(100)
            sql = str(query.compile(demo.engine, compile_kwargs={"literal_binds": True}))
            plans[name] = [
                r[3] for r in session.execute(text("EXPLAIN QUERY PLAN " + sql))
            ]
    assert plans["all"] == ["SCAN complaint USING COVERING INDEX ix_complaint_received_at"]
    assert plans["status"] == [
        "SEARCH complaint USING COVERING INDEX ix_complaint_status_received (status=?)"
    ]


def test_saved_filters_round_trip(demo: Services) -> None:
    q = demo.complaints
    value = ComplaintFilter(
        statuses=frozenset({InternalStatus.PROSES}), urgent=True, sla=SlaFilter.OVERDUE,
        received_from=date(2022, 6, 1), privacy=Privacy.ANY, text="pkh",
    )
    sort = Sort(SortKey.DUE, False)
    changes = q.save_filter(LOCAL_OPERATOR, "  PKH terlambat ", value, sort)
    assert changes.settings
    q.save_filter(LOCAL_OPERATOR, "Semua", ComplaintFilter())
    saved = {row.name: row for row in q.saved_filters()}
    assert list(saved) == ["PKH terlambat", "Semua"]
    assert (saved["PKH terlambat"].filter, saved["PKH terlambat"].sort) == (value, sort)
    q.save_filter(LOCAL_OPERATOR, "Semua", ComplaintFilter(urgent=False))  # same name: replace
    assert [r.filter.urgent for r in q.saved_filters()] == [True, False]
    for row in q.saved_filters():
        q.delete_filter(LOCAL_OPERATOR, row.id)
    assert q.saved_filters() == ()
    with pytest.raises(NotFound):
        q.delete_filter(LOCAL_OPERATOR, 12345)
    with pytest.raises(ValidationError):
        q.save_filter(LOCAL_OPERATOR, "   ", value)


def test_a_saved_filter_from_elsewhere_always_opens() -> None:
    value, sort = filter_from_json(
        '{"statuses": ["proses", "gone"], "unit_id": "x", "sla": "later", "urgent": 1,'
        ' "received_to": "2022-13-40", "sort": {"key": "nope", "descending": false}}'
    )
    assert value == ComplaintFilter(statuses=frozenset({InternalStatus.PROSES}))
    assert sort == Sort(SortKey.RECEIVED, False)
    assert filter_from_json("not json") == (ComplaintFilter(), Sort())
    full = ComplaintFilter(klasifikasi=NO_KLASIFIKASI, received_to=date(2022, 1, 31))
    assert filter_from_json(filter_to_json(full, Sort())) == (full, Sort())
