"""search index with prefix indexes (SQLite FTS5: detail=none, prefix lengths 1-16)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 15:00:00
"""

from __future__ import annotations

from alembic import op

from lapor_desk.persistence.search import recreate_search_index

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

#: The FTS5 options of revision 0004, restored by the downgrade.
OPTIONS_0004 = "tokenize='unicode61 remove_diacritics 2'"
#: The options this revision gives the index, written out here: a migration must not follow
#: later changes of ``persistence.search.FTS_OPTIONS`` (a change of the index is a new revision).
OPTIONS_0008 = (
    "tokenize='unicode61 remove_diacritics 2', detail=none, columnsize=0, "
    "prefix='1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16'"
)


def upgrade() -> None:
    # SQLite: the FTS5 table and its triggers are dropped and made again with the new options,
    # and every complaint is reindexed from the complaint table ('rebuild'), in the migration's
    # transaction (about 1,5 minutes for a million complaints).
    # PostgreSQL: nothing changes.
    recreate_search_index(op.get_bind(), OPTIONS_0008)


def downgrade() -> None:
    recreate_search_index(op.get_bind(), OPTIONS_0004)
