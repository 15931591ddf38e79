"""Stored deadlines and derived facts of each complaint, so the register can filter them in SQL.

The rows are derived data: :mod:`lapor_desk.services.deadlines` rewrites them whenever a
complaint, the calendar or the SLA rules change.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from lapor_desk.models.base import Base


class ComplaintDeadline(Base):
    """The due date of each SLA stage of one complaint, and its lead unit."""

    __tablename__ = "complaint_deadline"
    __table_args__ = (
        Index("ix_complaint_deadline_open_due", "open_due"),
        Index("ix_complaint_deadline_lead_unit_id", "lead_unit_id"),
    )

    complaint_id: Mapped[int] = mapped_column(
        ForeignKey("complaint.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    verification_due: Mapped[date]
    first_response_due: Mapped[date]
    completion_due: Mapped[date]
    # The due date of the earliest unfinished stage; NULL when nothing is running against a
    # clock: finished, archived, blocked, or waiting for the reporter (the clock is paused).
    open_due: Mapped[date | None]
    # The unit of the lead disposition still in force, kept here so that the register can
    # filter and sort by unit without a correlated subquery per row.
    lead_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="SET NULL"))
