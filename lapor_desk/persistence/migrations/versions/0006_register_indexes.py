"""register list indexes: urgent and topic filters read newest first

Revision ID: 0006
Revises: 0003
Create Date: 2026-11-30 14:10:00
"""

from __future__ import annotations

from alembic import op

revision = '0006'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The register shows a filter newest first, a page at a time: with the received date after
    # the filtered column, the page is an index range read in order and the count a range scan,
    # instead of a scan of the whole (wide) complaint table.
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.create_index(
            'ix_complaint_urgent_received', ['urgent', 'received_at'], unique=False
        )
        batch_op.create_index(
            'ix_complaint_topic_received', ['topic_id', 'received_at'], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_index('ix_complaint_topic_received')
        batch_op.drop_index('ix_complaint_urgent_received')
