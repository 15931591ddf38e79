"""search index, stored deadlines, saved filters

Revision ID: 0004
Revises: 0001
Create Date: 2026-11-30 12:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from lapor_desk.persistence.search import create_search_index, drop_search_index

revision = '0004'
down_revision = '0001'
branch_labels = None
depends_on = None

#: The FTS5 table's options at this revision (0008 gives it prefix indexes).
OPTIONS = "tokenize='unicode61 remove_diacritics 2'"


def upgrade() -> None:
    op.create_table('complaint_deadline',
    sa.Column('complaint_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('verification_due', sa.Date(), nullable=False),
    sa.Column('first_response_due', sa.Date(), nullable=False),
    sa.Column('completion_due', sa.Date(), nullable=False),
    sa.Column('open_due', sa.Date(), nullable=True),
    sa.Column('lead_unit_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id'], name=op.f('fk_complaint_deadline_complaint_id_complaint'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['lead_unit_id'], ['unit.id'], name=op.f('fk_complaint_deadline_lead_unit_id_unit'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('complaint_id', name=op.f('pk_complaint_deadline'))
    )
    with op.batch_alter_table('complaint_deadline', schema=None) as batch_op:
        batch_op.create_index('ix_complaint_deadline_lead_unit_id', ['lead_unit_id'], unique=False)
        batch_op.create_index('ix_complaint_deadline_open_due', ['open_due'], unique=False)

    op.create_table('saved_filter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('filter_json', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_saved_filter')),
    sa.UniqueConstraint('name', name=op.f('uq_saved_filter_name'))
    )
    # Existing complaints are indexed here, in the migration's transaction; their deadlines are
    # computed when the register is opened (lapor_desk.services.deadlines.ensure_deadlines),
    # because the working-day calendar lives above this layer.
    create_search_index(op.get_bind(), OPTIONS)


def downgrade() -> None:
    drop_search_index(op.get_bind())
    op.drop_table('saved_filter')
    with op.batch_alter_table('complaint_deadline', schema=None) as batch_op:
        batch_op.drop_index('ix_complaint_deadline_open_due')
        batch_op.drop_index('ix_complaint_deadline_lead_unit_id')

    op.drop_table('complaint_deadline')
