"""analysis index: the grouped counts read a narrow covering index, not the wide rows

Revision ID: 0005
Revises: 0006
Create Date: 2026-11-30 14:30:00
"""

from __future__ import annotations

from alembic import op

revision = '0005'
down_revision = '0006'
branch_labels = None
depends_on = None

COLUMNS = ['received_at', 'status', 'topic_id', 'klasifikasi', 'rating', 'verified_at',
           'completed_at']


def upgrade() -> None:
    # The analysis groups every complaint of a period by month, topic, status and klasifikasi,
    # and joins the stored deadlines for the per-unit figures and the first-response SLA. With
    # these columns in one index (the period first), those queries read the index only; the
    # complaint rows themselves carry the long texts and are far larger.
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.create_index('ix_complaint_analysis', COLUMNS, unique=False)


def downgrade() -> None:
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_index('ix_complaint_analysis')
