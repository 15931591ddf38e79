"""analysis facts (placeholder: filled by the analysis work of issue 6, or removed)

Revision ID: 0007
Revises: 0005
Create Date: 2026-11-30 15:00:00
"""

from __future__ import annotations

revision = '0007'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
