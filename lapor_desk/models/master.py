"""Master data: the ministry's unit tree and the complaint topics."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lapor_desk.models.base import Base


class Unit(Base):
    """A work unit (unit kerja); reorganisations close a unit with ``active_to``."""

    __tablename__ = "unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    abbreviation: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    active_from: Mapped[date | None]
    active_to: Mapped[date | None]

    parent: Mapped[Unit | None] = relationship(remote_side=[id])
    contacts: Mapped[list[UnitContact]] = relationship(
        back_populates="unit", cascade="all, delete-orphan"
    )


class UnitContact(Base):
    """A unit's liaison (admin penghubung) or other contact person."""

    __tablename__ = "unit_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    nip: Mapped[str | None] = mapped_column(String(18))
    position: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(200))
    is_liaison: Mapped[bool] = mapped_column(Boolean, default=True)

    unit: Mapped[Unit] = relationship(back_populates="contacts")


class Topic(Base):
    """A complaint topic (DTKS, PKH, ...), possibly urgent with its own SLA."""

    __tablename__ = "topic"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("topic.id"), index=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    # Working days to completion for urgent topics; None uses the urgent SLA rules.
    urgent_sla_workdays: Mapped[int | None] = mapped_column(Integer)
    default_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    # Comma-separated lower-case keywords matched against titles and texts for routing.
    keywords: Mapped[str] = mapped_column(Text, default="")

    default_unit: Mapped[Unit | None] = relationship()
    categories: Mapped[list[TopicCategory]] = relationship(
        back_populates="topic", cascade="all, delete-orphan"
    )


class TopicCategory(Base):
    """A portal category (``ID Kategori`` and its spelling) mapped to a topic."""

    __tablename__ = "topic_category"

    portal_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    portal_name: Mapped[str] = mapped_column(String(300))
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id", ondelete="CASCADE"), index=True)

    topic: Mapped[Topic] = relationship(back_populates="categories")
