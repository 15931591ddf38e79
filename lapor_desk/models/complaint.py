"""The complaint and what happens to it here: dispositions, follow-ups, status history, files."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lapor_desk.models.base import Base


class Complaint(Base):
    """One report. Fields the portal owns are refreshed by imports; the rest live only here."""

    __tablename__ = "complaint"
    __table_args__ = (
        Index("ix_complaint_status_received", "status", "received_at"),
        Index("ix_complaint_received_at", "received_at"),
        # The register's urgent and topic filters, newest first (revision 0006).
        Index("ix_complaint_urgent_received", "urgent", "received_at"),
        Index("ix_complaint_topic_received", "topic_id", "received_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tracking_id: Mapped[str] = mapped_column(String(20), unique=True)
    source: Mapped[str] = mapped_column(String(10))
    received_at: Mapped[datetime]
    klasifikasi: Mapped[str | None] = mapped_column(String(60))
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("topic.id"), index=True)
    portal_category_id: Mapped[int | None] = mapped_column(Integer)
    portal_category_name: Mapped[str | None] = mapped_column(String(300))
    title: Mapped[str] = mapped_column(String(500))
    text_original: Mapped[str] = mapped_column(Text, default="")
    text_edited: Mapped[str] = mapped_column(Text, default="")
    anonim: Mapped[bool] = mapped_column(Boolean, default=False)
    rahasia: Mapped[bool] = mapped_column(Boolean, default=False)
    channel: Mapped[str | None] = mapped_column(String(100))
    parent_institution: Mapped[str | None] = mapped_column(String(200))
    disposed_institution: Mapped[str | None] = mapped_column(String(200))
    portal_status: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(30))
    status_reason: Mapped[str | None] = mapped_column(Text)
    province: Mapped[str | None] = mapped_column(String(100))
    city: Mapped[str | None] = mapped_column(String(100))
    district: Mapped[str | None] = mapped_column(String(100))
    village: Mapped[str | None] = mapped_column(String(100))
    reporter_name: Mapped[str | None] = mapped_column(String(200))
    reporter_nik: Mapped[str | None] = mapped_column(String(16))
    reporter_phone: Mapped[str | None] = mapped_column(String(20))
    reporter_email: Mapped[str | None] = mapped_column(String(200))
    rating: Mapped[int | None] = mapped_column(SmallInteger)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    urgent_reason: Mapped[str | None] = mapped_column(Text)
    verified_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batch.id"), index=True
    )
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)

    dispositions: Mapped[list[Disposition]] = relationship(
        back_populates="complaint", cascade="all, delete-orphan", order_by="Disposition.id"
    )
    follow_ups: Mapped[list[FollowUp]] = relationship(
        back_populates="complaint", cascade="all, delete-orphan", order_by="FollowUp.posted_at"
    )
    status_changes: Mapped[list[StatusChange]] = relationship(
        back_populates="complaint", cascade="all, delete-orphan", order_by="StatusChange.id"
    )

    # Optimistic locking: two people saving the same complaint cannot overwrite each other.
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own idiom


class Disposition(Base):
    """The complaint handed to a unit; one complaint may go to several, one of them the lead."""

    __tablename__ = "disposition"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(
        ForeignKey("complaint.id", ondelete="CASCADE"), index=True
    )
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    is_lead: Mapped[bool] = mapped_column(Boolean, default=True)
    disposed_at: Mapped[datetime]
    disposed_by: Mapped[str] = mapped_column(String(200))
    instruction: Mapped[str] = mapped_column(Text, default="")
    withdrawn_at: Mapped[datetime | None]

    complaint: Mapped[Complaint] = relationship(back_populates="dispositions")


class FollowUp(Base):
    """A unit's answer or action on a complaint (tindak lanjut)."""

    __tablename__ = "follow_up"
    __table_args__ = (Index("ix_follow_up_complaint_posted", "complaint_id", "posted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id", ondelete="CASCADE"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    posted_at: Mapped[datetime]
    text: Mapped[str] = mapped_column(Text)
    posted_to_portal_at: Mapped[datetime | None]
    created_by: Mapped[str] = mapped_column(String(200))

    complaint: Mapped[Complaint] = relationship(back_populates="follow_ups")


class StatusChange(Base):
    """One step of a complaint's history: status moves and notes such as meeting discussions."""

    __tablename__ = "status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(
        ForeignKey("complaint.id", ondelete="CASCADE"), index=True
    )
    changed_at: Mapped[datetime]
    from_status: Mapped[str | None] = mapped_column(String(30))
    to_status: Mapped[str] = mapped_column(String(30))
    reason: Mapped[str | None] = mapped_column(Text)
    changed_by: Mapped[str] = mapped_column(String(200))
    # "manual", "import", "meeting", "demo": where the change came from.
    origin: Mapped[str] = mapped_column(String(20), default="manual")

    complaint: Mapped[Complaint] = relationship(back_populates="status_changes")


class Attachment(Base):
    """Evidence or a letter; the file sits in the data dir under its SHA-256."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(
        ForeignKey("complaint.id", ondelete="CASCADE"), index=True
    )
    follow_up_id: Mapped[int | None] = mapped_column(
        ForeignKey("follow_up.id", ondelete="SET NULL"), index=True
    )
    filename: Mapped[str] = mapped_column(String(300))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    added_at: Mapped[datetime]
    added_by: Mapped[str] = mapped_column(String(200))
