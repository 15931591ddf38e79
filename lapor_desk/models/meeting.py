"""Coordination meetings and what they produce: attendance, agenda, decisions, actions, Renaksi.

Statuses and kinds are stored as the values of the enums in ``lapor_desk.domain.meetings``.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import ForeignKey, Index, Integer, SmallInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lapor_desk.models.base import Base


class Meeting(Base):
    """One rapat koordinasi: numbered per year, with its officials and its status."""

    __tablename__ = "meeting"
    __table_args__ = (
        UniqueConstraint("year", "number"),
        Index("ix_meeting_date", "meeting_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(20))
    meeting_date: Mapped[date]
    call_time: Mapped[time | None]  # waktu panggilan
    start_time: Mapped[time | None]
    end_time: Mapped[time | None]
    venue: Mapped[str] = mapped_column(String(300), default="")
    chair_name: Mapped[str] = mapped_column(String(200), default="")
    chair_nip: Mapped[str | None] = mapped_column(String(18))
    secretary_name: Mapped[str] = mapped_column(String(200), default="")
    secretary_nip: Mapped[str | None] = mapped_column(String(18))
    notulis_name: Mapped[str] = mapped_column(String(200), default="")
    notulis_nip: Mapped[str | None] = mapped_column(String(18))
    status: Mapped[str] = mapped_column(String(20))
    agenda_cutoff: Mapped[date | None]
    # Opening and closing remarks typed in meeting mode; saved like the agenda items' notes.
    notes: Mapped[str] = mapped_column(Text, default="")
    notes_revision: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)

    units: Mapped[list[MeetingUnit]] = relationship(
        cascade="all, delete-orphan", order_by="MeetingUnit.position"
    )
    narasumber: Mapped[list[Narasumber]] = relationship(
        cascade="all, delete-orphan", order_by="Narasumber.position"
    )
    attendance: Mapped[list[Attendance]] = relationship(
        cascade="all, delete-orphan", order_by="Attendance.sort_order"
    )
    agenda: Mapped[list[AgendaItem]] = relationship(
        cascade="all, delete-orphan",
        order_by="AgendaItem.position",
        foreign_keys="AgendaItem.meeting_id",
    )
    status_changes: Mapped[list[MeetingStatusChange]] = relationship(
        cascade="all, delete-orphan", order_by="MeetingStatusChange.id"
    )

    # Optimistic locking of the header: two planners cannot overwrite each other.
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own idiom


class MeetingUnit(Base):
    """A unit invited to the meeting."""

    __tablename__ = "meeting_unit"

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True
    )
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(SmallInteger, default=0)


class MeetingStatusChange(Base):
    """One step of a meeting's status history; reopening a closed meeting is marked."""

    __tablename__ = "meeting_status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    changed_at: Mapped[datetime]
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    changed_by: Mapped[str] = mapped_column(String(200))
    reopening: Mapped[bool] = mapped_column(default=False)


class Narasumber(Base):
    """An invited speaker with what they said."""

    __tablename__ = "narasumber"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(SmallInteger, default=0)
    name: Mapped[str] = mapped_column(String(200))
    institution: Mapped[str] = mapped_column(String(300), default="")
    remarks: Mapped[str] = mapped_column(Text, default="")


class Attendance(Base):
    """One line of the daftar hadir: an invitee (from a unit's liaisons) or a walk-in guest."""

    __tablename__ = "attendance"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("unit_contact.id", ondelete="SET NULL"), index=True
    )
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    institution: Mapped[str] = mapped_column(String(300), default="")  # guests outside the units
    name: Mapped[str] = mapped_column(String(200))
    nip: Mapped[str | None] = mapped_column(String(18))
    position: Mapped[str] = mapped_column(String(200), default="")  # jabatan
    state: Mapped[str] = mapped_column(String(20))
    presence: Mapped[str | None] = mapped_column(String(10))
    representative_name: Mapped[str | None] = mapped_column(String(200))
    representative_nip: Mapped[str | None] = mapped_column(String(18))
    checked_in_at: Mapped[datetime | None]


class AgendaItem(Base):
    """One point of the agenda, with the notes typed about it in meeting mode."""

    __tablename__ = "agenda_item"
    __table_args__ = (
        # A complaint, or an earlier meeting's action, is discussed once per meeting.
        UniqueConstraint("meeting_id", "complaint_id", name="uq_agenda_item_complaint"),
        UniqueConstraint("meeting_id", "action_item_id", name="uq_agenda_item_action_item"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaint.id"), index=True)
    # Carry-over: an open action item of an earlier meeting. ``use_alter`` because action
    # items point back at the agenda item they were agreed under.
    action_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("action_item.id", use_alter=True, name="fk_agenda_item_action_item_id"),
        index=True,
    )
    renaksi_id: Mapped[int | None] = mapped_column(ForeignKey("renaksi.id"), index=True)
    # Approval of the previous minutes: the meeting whose minutes are approved.
    linked_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"), index=True)
    title: Mapped[str] = mapped_column(String(500), default="")
    reasons: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    notes_revision: Mapped[int] = mapped_column(Integer, default=0)
    notes_saved_at: Mapped[datetime | None]
    elapsed_seconds: Mapped[int] = mapped_column(Integer, default=0)

    decisions: Mapped[list[Decision]] = relationship(
        cascade="all, delete-orphan", order_by="Decision.id"
    )


class Decision(Base):
    """What the meeting decided on an agenda item, and whether it was written to the complaint."""

    __tablename__ = "decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    target_status: Mapped[str | None] = mapped_column(String(30))
    follow_up_kind: Mapped[str | None] = mapped_column(String(20))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    applied_at: Mapped[datetime | None]  # written back to the complaint
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(200))


class ActionItem(Base):
    """Rencana tindak lanjut: who does what by when; open until somebody closes it."""

    __tablename__ = "action_item"
    __table_args__ = (Index("ix_action_item_status_due", "status", "due_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="SET NULL"), index=True
    )
    description: Mapped[str] = mapped_column(Text)
    owner_unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    person_in_charge: Mapped[str] = mapped_column(String(200), default="")
    due_workdays: Mapped[int] = mapped_column(Integer)
    due_date: Mapped[date]
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaint.id"), index=True)
    status: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(200))
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[str | None] = mapped_column(String(200))
    closing_note: Mapped[str] = mapped_column(Text, default="")


class Renaksi(Base):
    """One Rencana Aksi of SP4N-LAPOR! for a period, with its status and progress."""

    __tablename__ = "renaksi"
    __table_args__ = (UniqueConstraint("period", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(9))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    output: Mapped[str] = mapped_column(Text, default="")  # the expected output (keluaran)
    owner_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    target_date: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20))
    progress: Mapped[int] = mapped_column(SmallInteger, default=0)
    updated_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(String(200))

    evidence: Mapped[list[RenaksiEvidence]] = relationship(
        cascade="all, delete-orphan", order_by="RenaksiEvidence.id"
    )


class RenaksiEvidence(Base):
    """Proof of progress: a generated document, a file or a link, optionally from a meeting."""

    __tablename__ = "renaksi_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    renaksi_id: Mapped[int] = mapped_column(
        ForeignKey("renaksi.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(500))
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="SET NULL"), index=True
    )
    location: Mapped[str] = mapped_column(String(1000), default="")  # file path or URL
    note: Mapped[str] = mapped_column(Text, default="")
    added_at: Mapped[datetime]
    added_by: Mapped[str] = mapped_column(String(200))


class MeetingRenaksi(Base):
    """A meeting marked as fulfilling a Renaksi item."""

    __tablename__ = "meeting_renaksi"

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True
    )
    renaksi_id: Mapped[int] = mapped_column(
        ForeignKey("renaksi.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    marked_at: Mapped[datetime]
    marked_by: Mapped[str] = mapped_column(String(200))
