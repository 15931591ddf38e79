"""Full-text search over complaint titles and texts, behind one small dialect interface.

SQLite: an FTS5 table with external content (the ``complaint`` table itself) kept in step by
triggers, so rows written by bulk Core inserts (the importer, the demo) are indexed in the same
transaction. PostgreSQL: a GIN index on ``to_tsvector('simple', …)`` of the same three columns.
Both match every word of the query as a prefix, so "bansos 3201" finds "bansos" and a NIK that
starts with 3201.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import ColumnElement, Connection, TextClause, and_, text, true

FTS_TABLE = "complaint_fts"
PG_INDEX = "ix_complaint_search"
_SEARCHED = ("title", "text_original", "text_edited")
# The indexed expression; a query must repeat it verbatim for PostgreSQL to use the index.
_PG_DOCUMENT = "to_tsvector('simple', title || ' ' || text_original || ' ' || text_edited)"
#: Prefix lengths with an index of their own: every length a word is typed at, up to a NIK or
#: KK number (16 digits). Without one FTS5 merges the doclists of every token that starts with
#: the prefix, in full, before it returns a row ("p" 1,5 s, "tidak" 90 ms at 1M complaints);
#: with one the prefix is a single doclist, read incrementally and from any rowid.
PREFIX_LENGTHS = tuple(range(1, 17))
#: The FTS5 table's options (revision 0008). ``detail=none`` keeps which complaints hold a
#: token, not where: the register never asks for phrases, NEAR or columns, and the sixteen
#: prefix indexes then take less room than the positions did (41 MB instead of 51 MB per 100k
#: complaints). ``columnsize=0``: no ranking, so no per-row token counts.
FTS_OPTIONS = (
    "tokenize='unicode61 remove_diacritics 2', detail=none, columnsize=0, "
    f"prefix='{' '.join(str(n) for n in PREFIX_LENGTHS)}'"
)
# A word of the query is what both Python and FTS5's unicode61 tokenizer take for one: its
# tables predate Unicode 8, which made these New Tai Lue and Vedic signs letters. A query word
# that FTS5 split into two tokens would be a phrase, which detail=none refuses
# (tests/integration/test_search.py checks the list against the installed SQLite).
_SQLITE_SEPARATORS = "\u19b0-\u19c0\u19c8\u19c9\u1cf2\u1cf3"
_WORD = re.compile(rf"[^\W_{_SQLITE_SEPARATORS}]+")
#: FTS5's memory for pending index entries (its ``hashsize`` option): the default, and the
#: size while a bulk insert indexes a whole import (fewer, larger segments to write; measured
#: 5,6 -> 4,75 s of CPU for 100.000 complaints).
HASHSIZE_DEFAULT = 1 << 20
HASHSIZE_BULK = 8 << 20
#: Search words beyond this many are ignored: longer queries only slow the index down.
MAX_TERMS = 8


def _sqlite_create(options: str) -> tuple[str, ...]:
    return (
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
        + ", ".join(_SEARCHED)
        + f", content='complaint', content_rowid='id', {options})",
        # Only the searched columns fire the update trigger: status changes must not reindex.
        f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ai AFTER INSERT ON complaint BEGIN
            INSERT INTO {FTS_TABLE}(rowid, title, text_original, text_edited)
            VALUES (new.id, new.title, new.text_original, new.text_edited);
        END""",
        f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ad AFTER DELETE ON complaint BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, text_original, text_edited)
            VALUES ('delete', old.id, old.title, old.text_original, old.text_edited);
        END""",
        f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_au
        AFTER UPDATE OF title, text_original, text_edited ON complaint BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, text_original, text_edited)
            VALUES ('delete', old.id, old.title, old.text_original, old.text_edited);
            INSERT INTO {FTS_TABLE}(rowid, title, text_original, text_edited)
            VALUES (new.id, new.title, new.text_original, new.text_edited);
        END""",
    )


def is_search_object(name: str | None) -> bool:
    """True for the search index's own tables and indexes (FTS5 shadow tables included).

    Alembic's model comparison must skip them: they are not mapped, on purpose.
    """
    return name is not None and (name == PG_INDEX or name.startswith(FTS_TABLE))


def include_object(
    _object: object, name: str | None, _type: str, _reflected: bool, _compare_to: object
) -> bool:
    """Alembic ``include_object`` hook that leaves the search index out of comparisons."""
    return not is_search_object(name)


def create_search_index(connection: Connection, options: str = FTS_OPTIONS) -> None:
    """Create the search index for ``connection``'s dialect and index the existing rows.

    Idempotent. A later migration that rebuilds the ``complaint`` table in batch mode drops the
    SQLite triggers with the old table and must call this again. ``options`` (SQLite) are the
    FTS5 table's; a migration that restores an older index passes that index's own.
    """
    if connection.dialect.name == "sqlite":
        for statement in _sqlite_create(options):
            connection.exec_driver_sql(statement)
        rebuild_search_index(connection)
    elif connection.dialect.name == "postgresql":
        connection.exec_driver_sql(
            f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON complaint USING gin ({_PG_DOCUMENT})"
        )
    else:  # pragma: no cover - the register runs on SQLite or PostgreSQL only
        raise NotImplementedError(connection.dialect.name)


def search_index_options(connection: Connection) -> str | None:
    """The options the SQLite search index was created with (``None``: no index, or not SQLite)."""
    if connection.dialect.name != "sqlite":
        return None
    sql = connection.execute(
        text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :name"),
        {"name": FTS_TABLE},
    ).scalar()
    head = "content='complaint', content_rowid='id', "
    if not isinstance(sql, str) or head not in sql:
        return None
    return sql.split(head, 1)[1].removesuffix(")")


def recreate_search_index(connection: Connection, options: str = FTS_OPTIONS) -> None:
    """Rebuild the SQLite index with ``options`` unless it has them already (in SQL, in place).

    PostgreSQL's expression index has no such options: nothing to do there.
    """
    if connection.dialect.name != "sqlite" or search_index_options(connection) == options:
        return
    drop_search_index(connection)
    create_search_index(connection, options)


def drop_search_index(connection: Connection) -> None:
    """Remove what :func:`create_search_index` made."""
    if connection.dialect.name == "sqlite":
        for suffix in ("_ai", "_ad", "_au"):
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {FTS_TABLE}{suffix}")
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    else:
        connection.exec_driver_sql(f"DROP INDEX IF EXISTS {PG_INDEX}")


def rebuild_search_index(connection: Connection) -> None:
    """Reindex every complaint (SQLite); PostgreSQL's expression index never needs it."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def search_terms(query: str) -> list[str]:
    """The words of a user's query, lower-cased, at most :data:`MAX_TERMS`."""
    return [word.lower() for word in _WORD.findall(query)][:MAX_TERMS]


def _fts_expression(terms: list[str]) -> str:
    return " ".join(f'"{term}"*' for term in terms)


def match_condition(
    dialect: str, query: str, *, in_order: bool = False
) -> ColumnElement[bool] | None:
    """A condition on the ``complaint`` table true where every word of ``query`` occurs.

    Words match as prefixes, in the title or either text. ``None`` when the query holds no word
    (punctuation only), so that the caller can drop the search instead of matching nothing.
    Words are reduced to letters and digits before they reach the search syntax, so a user's
    quotes, stars or operators cannot change the query's meaning.

    ``in_order`` (SQLite) is for a query that reads the complaints in an index's order and
    stops at a ``LIMIT``, when many complaints match (see :func:`matches_at_least`): the
    matches are then only probed, row by row, instead of being looked up one by one and
    sorted all, which costs in proportion to their number.
    """
    terms = search_terms(query)
    if not terms:
        return None
    clause: TextClause
    if dialect == "sqlite":
        # A unary "+" keeps SQLite from driving the query through the primary key.
        column = "+complaint.id" if in_order else "complaint.id"
        clause = text(
            f"{column} IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :fts_query)"
        ).bindparams(fts_query=_fts_expression(terms))
    elif dialect == "postgresql":
        clause = text(f"{_PG_DOCUMENT} @@ to_tsquery('simple', :fts_query)").bindparams(
            fts_query=_pg_expression(terms)
        )
    else:  # pragma: no cover - the register runs on SQLite or PostgreSQL only
        raise NotImplementedError(dialect)
    # and_() with true() types the text fragment as a boolean column and renders it unchanged.
    return and_(true(), clause)


def _pg_expression(terms: list[str]) -> str:
    return " & ".join(f"{term}:*" for term in terms)


def matches_at_least(connection: Connection, query: str, limit: int) -> bool:
    """True when at least ``limit`` complaints match ``query`` (reads at most that many).

    SQLite only, where the answer chooses the query plan; elsewhere ``True`` (PostgreSQL's
    planner weighs the match count itself).
    """
    terms = search_terms(query)
    if not terms:
        return False
    if connection.dialect.name != "sqlite":
        return True
    sql = (
        f"SELECT count(*) FROM (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? "
        "LIMIT ?)"
    )
    found = connection.exec_driver_sql(sql, (_fts_expression(terms), limit)).scalar()
    return int(found or 0) >= limit


def matching_ids(connection: Connection, query: str, ranges: Sequence[tuple[int, int]]) -> set[int]:
    """The ids within ``ranges`` (inclusive) of the complaints matching ``query`` (SQLite).

    Each range is one seek into the index's doclists, read from there only as far as the range
    goes: the cost follows the ranges' width, not the number of complaints the query matches.
    """
    terms = search_terms(query)
    if not terms:
        return set()
    sql = (
        f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? AND rowid BETWEEN ? AND ?"
    )
    expression = _fts_expression(terms)
    found: set[int] = set()
    for low, high in ranges:
        found.update(row[0] for row in connection.exec_driver_sql(sql, (expression, low, high)))
    return found


def id_ranges(ids: Sequence[int], most: int, gap: int) -> list[tuple[int, int]]:
    """At most ``most`` inclusive ranges covering ``ids``, split at gaps wider than ``gap``.

    Ids read in an order other than theirs (newest first, say) cluster where they were written
    together: a demo here, an import of an older export there. One range per cluster keeps
    the index from being read across the ids in between.
    """
    ordered = sorted(set(ids))
    if not ordered:
        return []
    widest = sorted(
        (i for i in range(1, len(ordered)) if ordered[i] - ordered[i - 1] > gap),
        key=lambda i: ordered[i] - ordered[i - 1],
        reverse=True,
    )[: most - 1]
    ranges, low = [], ordered[0]
    for cut in sorted(widest):
        ranges.append((low, ordered[cut - 1]))
        low = ordered[cut]
    ranges.append((low, ordered[-1]))
    return ranges


def count_matches(connection: Connection, query: str) -> int:
    """How many complaints match ``query``, read from the search index alone."""
    terms = search_terms(query)
    if not terms:
        return 0
    if connection.dialect.name == "sqlite":
        sql = f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?"
        found = connection.exec_driver_sql(sql, (_fts_expression(terms),)).scalar()
    else:
        found = connection.execute(
            text(
                f"SELECT count(*) FROM complaint WHERE {_PG_DOCUMENT} @@ "
                "to_tsquery('simple', :fts_query)"
            ),
            {"fts_query": _pg_expression(terms)},
        ).scalar()
    return int(found or 0)


@contextmanager
def search_index_in_bulk(connection: Connection, before: int) -> Iterator[None]:
    """Index the complaints inserted inside the block (ids above ``before``) in one statement.

    SQLite's FTS5 index is kept in step by an AFTER INSERT trigger; fired 100.000 times it
    costs three times the bulk insert of the same rows into the index. The trigger is dropped
    for the block and recreated from its own stored SQL, all inside the caller's transaction
    (DDL is transactional in SQLite), so a failed import leaves trigger and index as they were.
    PostgreSQL's expression index keeps itself up to date: nothing to do there.
    """
    trigger = f"{FTS_TABLE}_ai"
    stored = None
    if connection.dialect.name == "sqlite":
        stored = connection.execute(
            text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :name"),
            {"name": trigger},
        ).scalar()
    if stored is None:
        yield
        return
    connection.exec_driver_sql(f"DROP TRIGGER {trigger}")
    yield
    _set_hashsize(connection, HASHSIZE_BULK)
    connection.execute(
        text(f"INSERT INTO {FTS_TABLE} (rowid, {', '.join(_SEARCHED)}) "
             f"SELECT id, {', '.join(_SEARCHED)} FROM complaint WHERE id > :before"),
        {"before": before},
    )
    _set_hashsize(connection, HASHSIZE_DEFAULT)
    connection.exec_driver_sql(stored)


def _set_hashsize(connection: Connection, size: int) -> None:
    connection.exec_driver_sql(
        f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rank) VALUES ('hashsize', {int(size)})")
