"""analysis facts: the stored deadlines carry what the analysis groups by, with covering indexes

Revision ID: 0007
Revises: 0005
Create Date: 2026-11-30 15:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0005'
branch_labels = None
depends_on = None

WAITING = 'menunggu_kelengkapan'
INFO_REQUEST = 'info_request'

#: (name, type) of the new columns. All nullable: ``ensure_deadlines`` heals rows without them
#: (written by an older bulk path) when a register is opened.
COLUMNS = (
    ('received_on', sa.Date()),
    ('received_month', sa.Integer()),
    ('status', sa.String(length=30)),
    ('waited', sa.Boolean()),
    ('topic_id', sa.Integer()),
    ('klasifikasi', sa.String(length=60)),
    ('rating', sa.SmallInteger()),
    ('channel', sa.String(length=100)),
    ('province', sa.String(length=100)),
    ('city', sa.String(length=100)),
    ('verified_on', sa.Date()),
    ('first_response_on', sa.Date()),
    ('first_response_met', sa.Boolean()),
)

#: Revision 0005's index, dropped here.
OLD_ANALYSIS_COLUMNS = ['received_at', 'status', 'topic_id', 'klasifikasi', 'rating',
                        'verified_at', 'completed_at']

# As the model defines them at this revision (a migration does not follow later models).
INDEXES = {
    'ix_complaint_deadline_counts': [
        'received_month', 'topic_id', 'status', 'klasifikasi', 'rating', 'received_on'],
    'ix_complaint_deadline_units': [
        'lead_unit_id', 'status', 'open_due', 'waited', 'rating', 'received_on'],
    'ix_complaint_deadline_response_start': [
        'lead_unit_id', 'verified_on', 'first_response_on', 'first_response_met', 'status',
        'waited', 'received_on'],
    'ix_complaint_deadline_response_answer': [
        'lead_unit_id', 'first_response_on', 'verified_on', 'first_response_met', 'status',
        'waited', 'received_on'],
    'ix_complaint_deadline_channel': ['channel', 'status', 'received_on'],
    'ix_complaint_deadline_region': ['province', 'city', 'status', 'received_on'],
}

deadline = sa.table(
    'complaint_deadline', sa.column('complaint_id'), sa.column('first_response_due'),
    *(sa.column(name) for name, _type in COLUMNS),
)
complaint = sa.table(
    'complaint', sa.column('id'), sa.column('received_at'), sa.column('status'),
    sa.column('topic_id'), sa.column('klasifikasi'), sa.column('rating'), sa.column('channel'),
    sa.column('province'), sa.column('city'), sa.column('verified_at'),
    sa.column('completed_at'),
)
disposition = sa.table(
    'disposition', sa.column('id'), sa.column('complaint_id'), sa.column('is_lead'),
    sa.column('disposed_at'), sa.column('withdrawn_at'),
)
follow_up = sa.table(
    'follow_up', sa.column('complaint_id'), sa.column('kind'), sa.column('posted_at'))
status_change = sa.table(
    'status_change', sa.column('complaint_id'), sa.column('from_status'),
    sa.column('to_status'))


def _fill() -> None:
    """Fill the new columns of every stored row, set-based (two UPDATEs over the table).

    The values are those :mod:`lapor_desk.services.deadlines` writes: the complaint's own
    columns, the timeline's start (the verification, else the lead disposition still in
    force), the first follow-up that is not a request for information, and whether the
    complaint ever entered "waiting for the reporter" (a note that keeps the status is no
    such step). The stored ``first_response_due`` does not depend on the date it was judged
    on once the stage is done, so whether it was met is a comparison of two dates.
    """
    sqlite = op.get_bind().dialect.name == 'sqlite'

    def day(value: sa.ColumnElement[object]) -> sa.ColumnElement[object]:
        # SQLite keeps datetimes as ISO text: date() cuts the time; CAST would give a number.
        return sa.func.date(value) if sqlite else sa.cast(value, sa.Date)

    key = deadline.c.complaint_id
    lead_day = (
        sa.select(day(disposition.c.disposed_at))
        .where(disposition.c.complaint_id == key, disposition.c.withdrawn_at.is_(None))
        .order_by(disposition.c.is_lead.desc(), disposition.c.id)
        .limit(1)
        .scalar_subquery()
    )
    first_response = (
        sa.select(day(sa.func.min(follow_up.c.posted_at)))
        .where(follow_up.c.complaint_id == key, follow_up.c.kind != INFO_REQUEST)
        .scalar_subquery()
    )
    waited = sa.exists().where(
        status_change.c.complaint_id == key,
        status_change.c.to_status == WAITING,
        status_change.c.from_status.is_distinct_from(status_change.c.to_status),
    )
    received = complaint.c.received_at
    op.execute(
        deadline.update()
        .where(complaint.c.id == key)
        .values(
            received_on=day(received),
            received_month=sa.cast(
                sa.extract('year', received) * 100 + sa.extract('month', received), sa.Integer),
            status=complaint.c.status,
            waited=waited,
            topic_id=complaint.c.topic_id,
            klasifikasi=complaint.c.klasifikasi,
            rating=complaint.c.rating,
            channel=complaint.c.channel,
            province=complaint.c.province,
            city=complaint.c.city,
            verified_on=sa.func.coalesce(day(complaint.c.verified_at), lead_day),
            first_response_on=first_response,
        )
    )
    op.execute(
        deadline.update()
        .where(complaint.c.id == key)
        .values(first_response_met=sa.func.coalesce(
            deadline.c.first_response_on, day(complaint.c.completed_at)
        ) <= deadline.c.first_response_due)
    )


def upgrade() -> None:
    # The analysis of a period used to join a million complaints with their stored deadlines
    # and their first follow-up; with these facts beside the deadlines (kept current by the
    # same refresh), every figure is one scan of a narrow covering index.
    with op.batch_alter_table('complaint_deadline', schema=None) as batch_op:
        for name, type_ in COLUMNS:
            batch_op.add_column(sa.Column(name, type_, nullable=True))
    _fill()
    with op.batch_alter_table('complaint_deadline', schema=None) as batch_op:
        for name, columns in INDEXES.items():
            batch_op.create_index(name, columns, unique=False)
    # Revision 0005's covering index of the complaint table is no longer read by anything;
    # every write of a complaint paid for it.
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_index('ix_complaint_analysis')


def downgrade() -> None:
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.create_index('ix_complaint_analysis', OLD_ANALYSIS_COLUMNS, unique=False)
    with op.batch_alter_table('complaint_deadline', schema=None) as batch_op:
        for name in INDEXES:
            batch_op.drop_index(name)
        for name, _type in reversed(COLUMNS):
            batch_op.drop_column(name)
