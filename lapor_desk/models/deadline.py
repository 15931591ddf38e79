"""Stored deadlines and derived facts of each complaint, so the register can filter them in SQL.

The rows are derived data: :mod:`lapor_desk.services.deadlines` rewrites them whenever a
complaint, the calendar or the SLA rules change.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, Index, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from lapor_desk.models.base import Base

#: The analysis' grouped figures, each read from one covering index in its GROUP BY order
#: (revision 0007): no sort, no visit of the table rows. The received date closes each index,
#: so a period filter is evaluated inside the index too.
ANALYSIS_INDEXES: dict[str, tuple[str, ...]] = {
    "ix_complaint_deadline_counts": (
        "received_month", "topic_id", "status", "klasifikasi", "rating", "received_on"),
    "ix_complaint_deadline_units": (
        "lead_unit_id", "status", "open_due", "waited", "rating", "received_on"),
    # The average first response sums working-day ordinals of the start and of the answer
    # per unit, each in its own order.
    "ix_complaint_deadline_response_start": (
        "lead_unit_id", "verified_on", "first_response_on", "first_response_met", "status",
        "waited", "received_on"),
    "ix_complaint_deadline_response_answer": (
        "lead_unit_id", "first_response_on", "verified_on", "first_response_met", "status",
        "waited", "received_on"),
    "ix_complaint_deadline_channel": ("channel", "status", "received_on"),
    "ix_complaint_deadline_region": ("province", "city", "status", "received_on"),
}


class ComplaintDeadline(Base):
    """One complaint's SLA due dates and lead unit, and the facts the analysis groups by.

    The copied complaint columns (status, topic, klasifikasi, rating, channel, region, received
    date) make every figure of the analysis one scan of a narrow index of this table instead
    of a join with the wide complaint rows.
    """

    __tablename__ = "complaint_deadline"
    __table_args__ = (
        Index("ix_complaint_deadline_open_due", "open_due"),
        Index("ix_complaint_deadline_lead_unit_id", "lead_unit_id"),
        *(Index(name, *columns) for name, columns in ANALYSIS_INDEXES.items()),
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

    # -- facts of the analysis (revision 0007) ---------------------------------------------
    # Nullable although every refresh writes them: rows written by an older version's bulk
    # path lack them, and opening the register heals such rows (``ensure_deadlines``).
    received_on: Mapped[date | None]
    #: ``year * 100 + month`` of the received date: the monthly trend groups by it.
    received_month: Mapped[int | None]
    status: Mapped[str | None] = mapped_column(String(30))
    topic_id: Mapped[int | None]
    klasifikasi: Mapped[str | None] = mapped_column(String(60))
    rating: Mapped[int | None] = mapped_column(SmallInteger)
    channel: Mapped[str | None] = mapped_column(String(100))
    province: Mapped[str | None] = mapped_column(String(100))
    city: Mapped[str | None] = mapped_column(String(100))
    #: When the response clock started: the verification, else the lead disposition.
    verified_on: Mapped[date | None]
    #: The first follow-up that is not a request for information.
    first_response_on: Mapped[date | None]
    #: Whether the first response (or the completion) came by its due date; NULL before it.
    first_response_met: Mapped[bool | None]
    #: The complaint has waited for the reporter: its clock was paused, so its due dates
    #: depend on the date they are judged on.
    waited: Mapped[bool | None]
