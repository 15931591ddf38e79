"""The register's list queries over the demo: filters, SQL sorting by page, saved filters."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, insert, select, text

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.domain.enums import InternalStatus, Klasifikasi, SlaState
from lapor_desk.domain.errors import NotFound, ValidationError
from lapor_desk.models import Complaint, ComplaintDeadline, Topic, Unit
from lapor_desk.persistence.engine import make_session_factory
from lapor_desk.persistence.search import matches_at_least
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
from lapor_desk.services.complaint_sql import (
    MANY_MATCHES,
    SlaWindow,
    filtered,
    sorted_query,
)
from lapor_desk.services.register import ComplaintInput
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
            query = sorted_query(
                filtered(session, select(Complaint.id), value, window, in_order=True), value,
                Sort(),
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


# -- plans steered by the size of the match set ------------------------------------------------

_MANY = MANY_MATCHES + 300


@pytest.fixture(scope="module")
def bulk(tmp_path_factory: pytest.TempPathFactory, demo_register: Path) -> Iterator[Services]:
    """The demo plus enough overdue "banjir" complaints of one unit to be a large match set.

    Their ids run against their received dates (the newest has the smallest id), as after
    importing an older export, so that id order cannot pass for the order shown.
    """
    folder = tmp_path_factory.mktemp("bulk")
    shutil.copy(demo_register, folder / "demo.sqlite3")
    with open_services(folder / "demo.sqlite3", data_dir=folder, clock=fixed_clock) as s:
        unit_id = s.complaints.choices().units[0][0]
        start = datetime(2019, 1, 1, 8)
        rows, deadlines = [], []
        for n in range(_MANY + 5):
            received = start + timedelta(hours=3 * (_MANY + 5 - n))
            word = "banjir" if n < _MANY else "gempa"
            rows.append({
                "id": 100_000 + n, "tracking_id": str(8_000_000 + n), "source": "portal",
                "received_at": received, "title": f"{word.title()} di desa {n}",
                "text_original": f"bantuan {word} belum sampai", "text_edited": "",
                "anonim": False, "rahasia": False, "status": "proses", "urgent": n % 7 == 0,
                "created_at": received, "updated_at": received, "version": 1,
            })
            due = received.date() + timedelta(days=10)
            deadlines.append({
                "complaint_id": 100_000 + n, "verification_due": due,
                "first_response_due": due, "completion_due": due, "open_due": due,
                "lead_unit_id": unit_id,
            })
        with s.engine.begin() as connection:
            connection.execute(insert(Complaint), rows)
            connection.execute(insert(ComplaintDeadline), deadlines)
        yield s


def _plan(services: Services, value: ComplaintFilter, sort: Sort | None = None) -> list[str]:
    sort = sort or Sort()
    window = services.complaints.sla_window()
    with make_session_factory(services.engine)() as session:
        query = sorted_query(
            filtered(session, select(Complaint.id), value, window, in_order=True), value, sort,
            reverse=False,
        ).limit(101)
        sql = str(query.compile(services.engine, compile_kwargs={"literal_binds": True}))
        return [r[3] for r in session.execute(text("EXPLAIN QUERY PLAN " + sql))]


def _unit(services: Services) -> int:
    return services.complaints.choices().units[0][0]


def test_first_pages_agree_with_the_whole_order_for_large_and_small_sets(bulk: Services) -> None:
    q = bulk.complaints
    pkh = next(tid for tid, name in q.choices().topics if "PKH" in name)
    for value in (
        ComplaintFilter(text="banjir"),  # large: read in order, matches probed
        ComplaintFilter(text="gempa"),  # small: matches looked up and sorted
        ComplaintFilter(text="banjir", statuses=frozenset({InternalStatus.PROSES})),
        ComplaintFilter(sla=SlaFilter.OVERDUE),
        ComplaintFilter(sla=SlaFilter.DUE_SOON),
        ComplaintFilter(unit_id=_unit(bulk)),
        ComplaintFilter(unit_id=_unit(bulk), sla=SlaFilter.OVERDUE, urgent=True),
        ComplaintFilter(urgent=True),
        ComplaintFilter(topic_id=pkh),
    ):
        whole = list(q.ids(value))  # no LIMIT: the plan is not steered
        assert whole, value
        for sort in (Sort(), Sort(SortKey.RECEIVED, False), Sort(SortKey.TRACKING_ID)):
            whole = list(q.ids(value, sort))
            assert list(q.ids(value, sort, limit=101)) == whole[:101], (value, sort)
            page = q.page(value, sort, limit=100)
            assert list(page.ids) == whole[:100]
            assert [r.complaint.id for r in page.rows] == whole[:100]
            assert page.more == (len(whole) > 100)
            tail = q.page(value, sort, offset=0, limit=30, from_end=True)
            assert list(tail.ids) == whole[-30:]
            assert tail.more == (len(whole) > 30)
        assert q.count(value) == len(whole), value


def test_large_match_sets_are_read_in_index_order_not_sorted(bulk: Services) -> None:
    """The page of a large match set stops after its rows; a small one sorts only itself."""
    received = "SCAN complaint USING COVERING INDEX ix_complaint_received_at"
    for value in (ComplaintFilter(text="banjir"), ComplaintFilter(sla=SlaFilter.OVERDUE),
                  ComplaintFilter(unit_id=_unit(bulk))):
        plan = _plan(bulk, value)
        assert plan[0] == received, (value, plan)
        assert not any("TEMP B-TREE" in step for step in plan), (value, plan)
    overdue = _plan(bulk, ComplaintFilter(sla=SlaFilter.OVERDUE))
    assert "SEARCH complaint_deadline USING INTEGER PRIMARY KEY (rowid=?)" in overdue
    # A small set is found through its own index and only its few rows are sorted.
    small = _plan(bulk, ComplaintFilter(text="gempa"))
    assert "SEARCH complaint USING INTEGER PRIMARY KEY (rowid=?)" in small, small
    due_soon = _plan(bulk, ComplaintFilter(sla=SlaFilter.DUE_SOON))
    assert any("ix_complaint_deadline_open_due" in step for step in due_soon), due_soon
    # Revision 0006: the urgent and topic filters read their own index newest first.
    assert _plan(bulk, ComplaintFilter(urgent=True)) == [
        "SEARCH complaint USING COVERING INDEX ix_complaint_urgent_received (urgent=?)"
    ]
    assert _plan(bulk, ComplaintFilter(topic_id=1)) == [
        "SEARCH complaint USING COVERING INDEX ix_complaint_topic_received (topic_id=?)"
    ]


def test_a_dense_search_reads_the_index_only_where_the_page_lies(bulk: Services) -> None:
    """Where matches are many among the rows shown first, the page does not look them all up.

    Up to the end of 2019 the list begins with the bulk complaints (ids running against their
    dates), nearly all of which hold "banjir": the search index is read only within the ids of
    the rows read. Without the date bound the demo's newer complaints come first, few of which
    match, and the page probes the set of all matches instead (the plan checked above).
    """
    ranges: list[tuple[int, int]] = []

    def record(*args: object) -> None:
        statement, parameters = args[2], args[3]
        if isinstance(statement, str) and "rowid BETWEEN" in statement:
            assert isinstance(parameters, tuple)
            ranges.append((int(parameters[1]), int(parameters[2])))

    q = bulk.complaints
    dense = ComplaintFilter(text="banjir", received_to=date(2019, 12, 31))
    event.listen(bulk.engine, "before_cursor_execute", record)
    try:
        page = q.page(dense, limit=100)
        assert ranges, "the page was found by looking up every match"
        assert sum(high - low + 1 for low, high in ranges) < _MANY // 4  # of the matches
        # From the far end, the oldest first: the bulk complaints with the highest ids.
        ranges.clear()
        tail = q.page(dense, limit=30, from_end=True)
        assert ranges and all(low >= 100_000 + _MANY // 2 for low, _high in ranges), ranges
        ranges.clear()
        q.page(ComplaintFilter(text="banjir"), limit=100)
        # The demo's complaints, read first, are not worth ranges beyond the first window.
        assert sum(high - low + 1 for low, high in ranges) <= 4_447, ranges
    finally:
        event.remove(bulk.engine, "before_cursor_execute", record)
    whole = list(q.ids(dense))
    assert list(page.ids) == whole[:100]
    assert list(tail.ids) == whole[-30:]


def test_counts_without_a_join_where_one_table_knows(bulk: Services) -> None:
    q = bulk.complaints
    # Read from the search index alone, the counts agree with the complaints' own.
    for word in ("banjir", "gempa", "pkh"):
        value = ComplaintFilter(text=word)
        assert q.count(value) == len(q.ids(value)) >= 5
    assert q.count(ComplaintFilter(text="banjir")) >= _MANY
    assert q.count(ComplaintFilter(unit_id=_unit(bulk))) == len(
        q.ids(ComplaintFilter(unit_id=_unit(bulk)))
    )


def test_the_sla_window_follows_holiday_changes(tmp_path: Path, demo_register: Path) -> None:
    shutil.copy(demo_register, tmp_path / "demo.sqlite3")
    with open_services(tmp_path / "demo.sqlite3", data_dir=tmp_path, clock=fixed_clock) as s:
        # Monday 14 November 2022: due soon until Thursday 17 November (exclusive).
        assert s.complaints.sla_window().due_soon_before == date(2022, 11, 17)
        s.settings.set_holiday_override(LOCAL_OPERATOR, date(2022, 11, 15), True, "Rapat")
        assert s.complaints.sla_window().due_soon_before == date(2022, 11, 18)
        assert s.complaints.page(ComplaintFilter()).window.due_soon_before == date(2022, 11, 18)
        s.settings.set_holiday_override(LOCAL_OPERATOR, date(2022, 11, 15), None)
        assert s.complaints.sla_window().due_soon_before == date(2022, 11, 17)
        s.settings.set_reference_date(LOCAL_OPERATOR, date(2022, 11, 21))
        assert s.complaints.sla_window() == SlaWindow(date(2022, 11, 21), date(2022, 11, 24))


def test_the_size_probe_counts_prefix_matches_too(bulk: Services) -> None:
    with bulk.engine.connect() as connection:
        assert matches_at_least(connection, "banjir", MANY_MATCHES)
        # No complaint holds the word "bantu" itself; "bantuan" is in every bulk complaint.
        assert matches_at_least(connection, "bantu", MANY_MATCHES)
        assert not matches_at_least(connection, "gempa", MANY_MATCHES)
        assert not matches_at_least(connection, "?!", 1)


def test_a_page_row_holds_what_the_register_holds(any_register: Services) -> None:
    # The rows of a page are read by a statement written in SQL: every column must come back
    # as the register's own read gives it, typed (dates, flags), on both databases.
    s = any_register
    with make_session_factory(s.engine).begin() as session:
        # A unit and two topics first, so that no id of a unit equals one of a topic: a join
        # on the wrong id shows.
        other = Unit(name="Biro Umum", abbreviation="BIRO-UMUM", kind="eselon_ii")
        session.add(other)
        session.flush()
        session.add_all([Topic(code="LAIN", name="Lainnya", keywords="lain"),
                         Topic(code="BNPT", name="BPNT", keywords="bpnt")])
        unit = Unit(name="Setditjen Linjamsos", abbreviation="SETDITJEN-LINJAMSOS",
                    kind="eselon_ii")
        session.add(unit)
        session.flush()
        topic = Topic(code="PKH", name="PKH", default_unit_id=unit.id, keywords="pkh")
        session.add(topic)
        session.flush()
        assert unit.id != topic.id
        unit_id, topic_id = unit.id, topic.id
    letter = ComplaintInput(
        received_at=datetime(2022, 11, 7, 9, 30, 15), title="Bantuan PKH tidak diterima",
        text="Sejak Agustus bantuan tidak masuk.", channel="Pos Surat",
        klasifikasi=Klasifikasi.BERKADAR_PENGAWASAN, topic_id=topic_id, rahasia=True,
    )
    handled = s.register.create(LOCAL_OPERATOR, letter).complaint.id
    s.register.dispose(LOCAL_OPERATOR, handled, [unit_id], "Mohon dicek.")
    s.register.mark_urgent(LOCAL_OPERATOR, handled, True, "Sudah tiga bulan")
    bare = s.register.create(LOCAL_OPERATOR, ComplaintInput(
        received_at=datetime(2022, 11, 1, 8), title="Pertanyaan", text="Apa syaratnya?",
        channel="Telepon", anonim=True, rahasia=True,
    )).complaint.id
    page = s.complaints.page(ComplaintFilter())
    assert [r.complaint.id for r in page.rows] == [handled, bare]
    with make_session_factory(s.engine)() as session:
        due = dict(session.execute(
            select(ComplaintDeadline.complaint_id, ComplaintDeadline.open_due)
        ).all())
    window = s.complaints.sla_window()
    for row in page.rows:
        assert row.complaint == s.register.get(row.complaint.id).row
        assert row.open_due == due[row.complaint.id] and isinstance(row.open_due, date)
        assert row.sla is window.state(row.open_due)
    first, second = page.rows
    assert first.complaint.received_at == datetime(2022, 11, 7, 9, 30, 15)
    # Each flag in its own pattern over the two rows: a column read in another's place shows.
    assert (first.complaint.urgent, first.complaint.anonim, first.complaint.rahasia) == (
        True, False, True)
    assert (first.complaint.topic, first.complaint.lead_unit, first.unit_abbreviation) == (
        "PKH", "Setditjen Linjamsos", "SETDITJEN-LINJAMSOS")
    assert (second.complaint.topic, second.complaint.lead_unit, second.unit_abbreviation) == (
        None, None, None)
    assert (second.complaint.urgent, second.complaint.anonim, second.complaint.rahasia) == (
        False, True, True)
    assert s.complaints.rows([bare, 10_000, handled]) == [second, first]
