"""Editable rules and settings: SLA limits, holiday overrides, status mapping, routing."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from lapor_desk.models.base import Base


class Setting(Base):
    """A key/value setting of the register (reference date, cuti bersama, ...)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SlaRuleRow(Base):
    """An SLA limit keyed by (stage, klasifikasi, urgent); klasifikasi '' means any."""

    __tablename__ = "sla_rule"
    __table_args__ = (UniqueConstraint("stage", "klasifikasi", "urgent"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    stage: Mapped[str] = mapped_column(String(20))
    klasifikasi: Mapped[str] = mapped_column(String(60), default="")
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    workdays: Mapped[int] = mapped_column(Integer)


class HolidayOverrideRow(Base):
    """A user's correction of the holiday calendar: a day added or removed, with a note."""

    __tablename__ = "holiday_override"

    day: Mapped[date] = mapped_column(primary_key=True)
    is_holiday: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(Text, default="")


class StatusMapping(Base):
    """Portal ``Status Laporan`` value → internal status."""

    __tablename__ = "status_mapping"

    portal_value: Mapped[str] = mapped_column(String(100), primary_key=True)
    internal_status: Mapped[str] = mapped_column(String(30))


class RoutingRule(Base):
    """If a keyword occurs in a complaint's title or text, suggest this unit.

    Rules are tried by ascending priority.
    """

    __tablename__ = "routing_rule"

    id: Mapped[int] = mapped_column(primary_key=True)
    priority: Mapped[int] = mapped_column(Integer, default=100)
    keyword: Mapped[str] = mapped_column(String(100))
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("topic.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    mark_urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
