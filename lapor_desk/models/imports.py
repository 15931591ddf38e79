"""Import batches (one per committed portal export) and the user's column profiles."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from lapor_desk.models.base import Base


class ImportBatch(Base):
    """One committed import: the file's hash, its metadata block, counts and who imported it."""

    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    imported_at: Mapped[datetime]
    imported_by: Mapped[str] = mapped_column(String(200))
    filename: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    profile: Mapped[str | None] = mapped_column(String(100))
    institution: Mapped[str | None] = mapped_column(String(300))
    generated_on: Mapped[str | None] = mapped_column(String(100))
    period: Mapped[str | None] = mapped_column(String(100))
    # The whole metadata block as JSON text, for what has no column of its own.
    metadata_json: Mapped[str] = mapped_column(Text, default="{}")
    new_count: Mapped[int] = mapped_column(Integer, default=0)
    changed_count: Mapped[int] = mapped_column(Integer, default=0)
    unchanged_count: Mapped[int] = mapped_column(Integer, default=0)
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    missing_count: Mapped[int] = mapped_column(Integer, default=0)


class ImportProfile(Base):
    """A named mapping of a source's column headers to register fields (JSON text)."""

    __tablename__ = "import_profile"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    columns_json: Mapped[str] = mapped_column(Text)
