"""Frozen read models of an import: the preview shown before committing, and the result."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from lapor_desk.domain.enums import InternalStatus
from lapor_desk.services.changes import Changes
from lapor_desk.services.importer.notes import RowError

if TYPE_CHECKING:
    from lapor_desk.services.importer.merge import Plan

__all__ = [
    "ChangedComplaint",
    "FieldChange",
    "ImportPreview",
    "ImportResult",
    "MissingComplaint",
    "NewComplaint",
    "RowError",
]


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of a complaint that the import changes; values as the user reads them."""

    column: str
    label: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class ChangedComplaint:
    """A complaint already in the register whose portal fields changed."""

    tracking_id: str
    row: int
    title: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True, slots=True)
class NewComplaint:
    """A complaint new to the register, with what the routing rules suggest for it.

    The suggested unit is only shown: nothing is disposed by an import.
    """

    tracking_id: str
    row: int
    title: str
    received_at: datetime
    status: InternalStatus
    topic: str | None
    suggested_unit: str | None
    urgent: bool
    own_prefix: bool


@dataclass(frozen=True, slots=True)
class MissingComplaint:
    """A portal complaint of the export's period that the export no longer lists."""

    tracking_id: str
    received_at: datetime
    title: str
    status: InternalStatus


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """What committing the file would do; computed without writing anything."""

    path: Path
    sha256: str
    kind: str
    sheet: str | None
    profile: str | None
    metadata: Mapping[str, str]
    institution: str | None
    generated_on: str | None
    period: str | None
    rows_read: int
    new: tuple[NewComplaint, ...]
    changed: tuple[ChangedComplaint, ...]
    unchanged: int
    errors: tuple[RowError, ...]
    missing: tuple[MissingComplaint, ...]
    warnings: tuple[str, ...]
    unknown_columns: tuple[str, ...]
    #: What the commit writes: exactly what was previewed. Complaints edited in between are
    #: caught by their version, complaints added in between by the unique tracking id.
    plan: Plan = field(repr=False, compare=False)

    @property
    def filename(self) -> str:
        """The file's name without its folder."""
        return self.path.name

    @property
    def has_changes(self) -> bool:
        """True when committing would write something."""
        return bool(self.new or self.changed)

    @property
    def can_commit(self) -> bool:
        """No row errors and something to write."""
        return not self.errors and self.has_changes


@dataclass(frozen=True, slots=True)
class ImportResult:
    """A committed import (or one that had nothing to write: ``batch_id`` is then None)."""

    batch_id: int | None
    new: int
    changed: int
    unchanged: int
    missing: int
    status_moves: int
    backup: Path | None
    backup_note: str
    warnings: tuple[str, ...]
    changes: Changes
