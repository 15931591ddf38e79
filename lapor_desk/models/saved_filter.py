"""Register filters a user saved under a name."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from lapor_desk.models.base import Base


class SavedFilter(Base):
    """A named filter of the register view; ``filter_json`` is written by the query service."""

    __tablename__ = "saved_filter"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    filter_json: Mapped[str] = mapped_column(Text)
