"""Full-text search finds what bulk inserts and edits wrote, newest first, on both databases."""

from __future__ import annotations

import sqlite3
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import delete, insert, select, text, update

from lapor_desk.models import Complaint
from lapor_desk.persistence.engine import make_engine, make_session_factory
from lapor_desk.persistence.migrate import alembic_config
from lapor_desk.persistence.search import (
    FTS_OPTIONS,
    FTS_TABLE,
    match_condition,
    search_index_options,
    search_terms,
)
from lapor_desk.services.bootstrap import Services, open_services
from lapor_desk.services.complaint_filter import ComplaintFilter, Sort
from lapor_desk.services.complaint_sql import filtered, sorted_query
from tests.conftest import fixed_clock


def _complaint(number: int, title: str, body: str, received: datetime) -> dict[str, Any]:
    return {
        "tracking_id": str(5_000_000 + number), "source": "portal", "received_at": received,
        "title": title, "text_original": body, "text_edited": body.upper(),
        "anonim": False, "rahasia": False, "status": "proses", "urgent": False,
        "created_at": received, "updated_at": received, "version": 1,
    }


def _bulk(services: Services, rows: list[dict[str, Any]]) -> None:
    # Core executemany, as the importer and the demo write: the index must follow anyway.
    with services.engine.begin() as connection:
        connection.execute(insert(Complaint), rows)


def _found(services: Services, query: str) -> list[str]:
    value = ComplaintFilter(text=query)
    ids = services.complaints.ids(value)
    assert services.complaints.count(value) == len(ids)
    return [r.complaint.tracking_id for r in services.complaints.rows(ids)]


def test_bulk_inserts_are_found_by_any_word_as_a_prefix(any_register: Services) -> None:
    _bulk(any_register, [
        _complaint(1, "Saldo PKH kosong", "NIK 3201234567890000 tidak terdaftar DTKS",
                   datetime(2022, 3, 1, 9)),
        _complaint(2, "Bansos tidak cair", "Bantuan pangan nontunai terlambat",
                   datetime(2022, 5, 1, 9)),
        _complaint(3, "Pendamping PKH", "Pendamping meminta potongan bantuan",
                   datetime(2022, 4, 1, 9)),
    ])
    assert _found(any_register, "pkh") == ["5000003", "5000001"]  # newest received first
    assert _found(any_register, "PKH saldo") == ["5000001"]  # every word must occur
    assert _found(any_register, "3201234") == ["5000001"]  # a NIK by its first digits
    assert _found(any_register, "bantu") == ["5000002", "5000003"]  # words as prefixes
    assert _found(any_register, "NONTUNAI") == ["5000002"]  # case does not matter
    assert _found(any_register, "pkh beras") == []


def test_a_tracking_id_finds_its_complaint_besides_the_texts(any_register: Services) -> None:
    _bulk(any_register, [
        _complaint(1, "Saldo PKH kosong", "Laporan 5000003 belum dijawab",
                   datetime(2022, 3, 1, 9)),
        _complaint(2, "Bansos tidak cair", "Bantuan pangan", datetime(2022, 5, 1, 9)),
        _complaint(3, "Pendamping PKH", "Meminta potongan", datetime(2022, 4, 1, 9)),
    ])
    with any_register.engine.begin() as connection:
        connection.execute(update(Complaint).where(Complaint.tracking_id == "5000002")
                           .values(tracking_id="LD-2022-00007", source="manual"))
    # Its own complaint, and the one whose text mentions the number.
    assert _found(any_register, "5000003") == ["5000003", "5000001"]
    assert _found(any_register, "ld-2022-00007") == ["LD-2022-00007"]
    assert _found(any_register, "5000009") == []


def test_newest_first_does_not_depend_on_insertion_order(any_register: Services) -> None:
    for number, title, received in ((1, "Banjir", datetime(2022, 9, 1, 9)),
                                    (2, "Banjir lagi", datetime(2021, 1, 5, 9)),
                                    (3, "Banjir besar", datetime(2022, 10, 1, 9))):
        _bulk(any_register, [_complaint(number, title, "bantuan bencana", received)])
    assert _found(any_register, "banjir bencana") == ["5000003", "5000001", "5000002"]


def test_edits_and_deletes_reach_the_index(any_register: Services) -> None:
    _bulk(any_register, [_complaint(1, "Saldo kosong", "belum cair", datetime(2022, 3, 1, 9))])
    with any_register.engine.begin() as connection:
        connection.execute(update(Complaint).values(title="Kartu KKS hilang"))
    assert _found(any_register, "saldo") == []
    assert _found(any_register, "kks") == ["5000001"]
    with any_register.engine.begin() as connection:
        connection.execute(update(Complaint).values(status="selesai"))  # text unchanged
        assert _found(any_register, "kks") == ["5000001"]
        connection.execute(delete(Complaint))
    assert _found(any_register, "kks") == []


@pytest.mark.parametrize(
    "query",
    ['"', "pkh*", "pkh OR bansos", "NEAR(pkh bansos)", "pkh -bansos", "a'b", "x:y &|!",
     "pkh\u19b1bansos"],  # a letter to Python, a separator to SQLite's tokenizer
)
def test_search_syntax_in_user_input_is_just_words(any_register: Services, query: str) -> None:
    _bulk(any_register, [_complaint(1, "PKH bansos", "a b x y or near", datetime(2022, 3, 1, 9))])
    expected = ["5000001"] if search_terms(query) else []
    assert _found(any_register, query) == expected


def test_punctuation_only_matches_nothing(any_register: Services) -> None:
    _bulk(any_register, [_complaint(1, "PKH", "teks", datetime(2022, 3, 1, 9))])
    assert match_condition("sqlite", "?!") is None
    assert any_register.complaints.count(ComplaintFilter(text="?!")) == 0
    assert any_register.complaints.count(ComplaintFilter(text="   ")) == 1  # blank: no search


def test_migration_indexes_complaints_already_in_the_register(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    try:
        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0001")
            connection.execute(
                insert(Complaint),
                [_complaint(1, "Saldo PKH", "kosong", datetime(2022, 3, 1, 9))],
            )
    finally:
        engine.dispose()
    with open_services(path, data_dir=tmp_path, clock=fixed_clock) as services:
        assert _found(services, "saldo") == ["5000001"]
        # ... and their deadlines are stored when the register opens.
        assert services.complaints.rows(services.complaints.ids(ComplaintFilter()))[0].open_due


def test_newest_first_search_plan_reads_the_index_not_the_table(tmp_path: Path) -> None:
    with open_services(tmp_path / "r.sqlite3", data_dir=tmp_path, clock=fixed_clock) as s:
        condition = match_condition("sqlite", "saldo pkh")
        assert condition is not None
        sql = (
            "EXPLAIN QUERY PLAN SELECT complaint.id FROM complaint WHERE "
            + str(condition.compile(compile_kwargs={"literal_binds": True}))
            + " ORDER BY received_at DESC, id DESC LIMIT 100"
        )
        with s.engine.connect() as connection:
            plan = [row[3] for row in connection.execute(text(sql))]
    # The matches come from the FTS5 index, each complaint is read by its primary key; the
    # ordering sorts only the matches (what bench/register_view.py measures at 1M rows).
    assert any("complaint_fts VIRTUAL TABLE INDEX" in step for step in plan), plan
    assert any("INTEGER PRIMARY KEY" in step for step in plan), plan
    assert not any(step.startswith("SCAN complaint ") or step == "SCAN complaint"
                   for step in plan), plan


def test_a_tracking_id_search_reads_its_complaint_by_id_and_the_words_by_the_index(
    tmp_path: Path,
) -> None:
    with open_services(tmp_path / "r.sqlite3", data_dir=tmp_path, clock=fixed_clock) as s:
        _bulk(s, [_complaint(n, f"Judul {n}", "Bantuan pangan", datetime(2022, 3, n, 9))
                  for n in range(1, 6)])
        value = ComplaintFilter(text="5000003")
        with make_session_factory(s.engine)() as session:
            query = sorted_query(
                filtered(session, select(Complaint.id), value, None), value, Sort(),
                reverse=False,
            ).limit(101)
            sql = str(query.compile(dialect=session.get_bind().dialect,
                                    compile_kwargs={"literal_binds": True}))
            plan = [row[3] for row in session.execute(text("EXPLAIN QUERY PLAN " + sql))]
    # The complaint by its primary key, OR the words through the FTS5 index: never a scan of
    # the register in date order testing each row (a million rows for one complaint).
    assert "MULTI-INDEX OR" in plan, plan
    assert any("complaint_fts VIRTUAL TABLE INDEX" in step for step in plan), plan
    assert not any(step.startswith("SCAN complaint ") or step == "SCAN complaint"
                   for step in plan), plan


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_revision_0008_rebuilds_an_older_index_in_place(
    request: pytest.FixtureRequest, tmp_path: Path, backend: str
) -> None:
    target = (
        str(tmp_path / "old.sqlite3") if backend == "sqlite"
        else request.getfixturevalue("pg_url")
    )
    engine = make_engine(target)
    try:
        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            command.downgrade(config, "0007")  # the index as revision 0004 made it
            if backend == "sqlite":
                assert search_index_options(connection) == (
                    "tokenize='unicode61 remove_diacritics 2'"
                )
            connection.execute(insert(Complaint), [
                _complaint(1, "Saldo PKH", "bantuan belum cair", datetime(2022, 3, 1, 9)),
                _complaint(2, "KKS hilang", "kartu hilang", datetime(2022, 4, 1, 9)),
            ])
    finally:
        engine.dispose()
    with open_services(target, data_dir=tmp_path, clock=fixed_clock) as services:
        with services.engine.connect() as connection:
            if backend == "sqlite":
                assert search_index_options(connection) == FTS_OPTIONS
                indexed = connection.exec_driver_sql(
                    f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH 'h*'"
                ).scalar()
                assert indexed == 1  # the complaint written before the upgrade, reindexed
        assert _found(services, "bantu") == ["5000001"]
        assert _found(services, "k hil") == ["5000002"]
        _bulk(services, [_complaint(3, "Kartu", "hilang lagi", datetime(2022, 5, 1, 9))])
        assert _found(services, "hilang") == ["5000003", "5000002"]


def test_every_word_of_a_query_is_one_token_of_the_index() -> None:
    """A query word that FTS5 split would be a phrase, which the index refuses (detail=none).

    Checks every character this Python takes for part of a word against the installed
    SQLite's tokenizer, with the register's options.
    """
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, {FTS_OPTIONS})")
        chars = [
            chr(code) for code in range(0x80, sys.maxunicode + 1)
            if not 0xD800 <= code < 0xE000 and len(search_terms(f"a{chr(code)}a")) == 1
        ]
        assert len(chars) > 100_000  # the scripts of the world, not a handful
        connection.executemany(
            "INSERT INTO t(rowid, x) VALUES (?, ?)", [(ord(c), f"qq{c}qq") for c in chars]
        )
        # A character that ends a token leaves "qq" standing alone.
        split = connection.execute("SELECT rowid FROM t WHERE t MATCH 'qq'").fetchall()
        assert [hex(code) for (code,) in split] == []
    finally:
        connection.close()
