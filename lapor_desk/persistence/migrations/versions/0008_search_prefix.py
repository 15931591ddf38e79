"""search index with prefix indexes (SQLite FTS5: detail=none, prefix lengths 1-16)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 15:00:00
"""

from __future__ import annotations

from alembic import op

from lapor_desk.persistence.search import FTS_OPTIONS, recreate_search_index

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

#: The FTS5 options of revision 0004, restored by the downgrade.
OPTIONS_0004 = "tokenize='unicode61 remove_diacritics 2'"


def upgrade() -> None:
    # SQLite: the FTS5 table and its triggers are dropped and made again with the new options,
    # and every complaint is reindexed from the complaint table ('rebuild'), in the migration's
    # transaction (about 1,5 minutes for a million complaints). A register created at 0004 by
    # this version already has them and is left alone. PostgreSQL: nothing changes.
    recreate_search_index(op.get_bind(), FTS_OPTIONS)


def downgrade() -> None:
    recreate_search_index(op.get_bind(), OPTIONS_0004)
