"""What parsing produces: one parsed row per complaint, the outcome of a file, the context."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from lapor_desk.domain import portal_values as pv
from lapor_desk.domain.enums import InternalStatus, Klasifikasi
from lapor_desk.models import Complaint
from lapor_desk.services.importer.columns import Field
from lapor_desk.services.importer.notes import RowError

#: Field → the complaint column it fills (fields not listed are handled on their own).
COMPLAINT_COLUMNS: dict[Field, str] = {
    Field.KLASIFIKASI: "klasifikasi",
    Field.CATEGORY_ID: "portal_category_id",
    Field.CATEGORY_NAME: "portal_category_name",
    Field.TITLE: "title",
    Field.TEXT_ORIGINAL: "text_original",
    Field.TEXT_EDITED: "text_edited",
    Field.CHANNEL: "channel",
    Field.PARENT_INSTITUTION: "parent_institution",
    Field.DISPOSED_INSTITUTION: "disposed_institution",
    Field.PORTAL_STATUS: "portal_status",
    Field.STATUS_REASON: "status_reason",
    Field.PROVINCE: "province",
    Field.CITY: "city",
    Field.DISTRICT: "district",
    Field.VILLAGE: "village",
    Field.REPORTER_NAME: "reporter_name",
    Field.REPORTER_NIK: "reporter_nik",
    Field.REPORTER_PHONE: "reporter_phone",
    Field.REPORTER_EMAIL: "reporter_email",
    Field.RATING: "rating",
}
#: Texts kept exactly as the citizen or the portal's admin wrote them.
EXACT_TEXT = frozenset({Field.TITLE, Field.TEXT_ORIGINAL, Field.TEXT_EDITED})
KLASIFIKASI_NAMES = {pv.canonical_header(k.value): k.value for k in Klasifikasi}


def max_length(column: str) -> int | None:
    """The most characters the complaint column holds (None for unlimited text)."""
    length = getattr(Complaint.__table__.c[column].type, "length", None)
    return int(length) if length else None


@dataclass(slots=True)
class ParsedRow:
    """One complaint of the file, its values ready for the register.

    ``values`` holds the complaint columns of the fields the file has (``received_at`` always),
    so a column the file lacks is never touched; the other attributes come from LAPOR Desk's
    own export or are derived, and matter for complaints new to the register.

    Not frozen: one is built per row, and a frozen dataclass takes three times as long to
    build (each field is set through ``object.__setattr__``). Nothing changes it but the
    planner, which completes the ``values`` of a complaint new to the register into its insert
    record instead of copying them.
    """

    row: int
    tracking_id: str
    values: dict[str, Any]
    mapped_status: InternalStatus | None
    internal_status: InternalStatus | None
    urgent: bool | None
    urgent_reason: str | None
    verified_at: datetime | None
    completed_at: datetime | None
    own_prefix: bool


@dataclass(frozen=True, slots=True)
class ParseContext:
    """What parsing needs from the register and the environment."""

    status_mapping: Mapping[str, InternalStatus]
    today: date
    own_slug: str
    #: The file is a CSV written by LAPOR Desk: undo its formula neutralisation.
    restore_formulas: bool


@dataclass(slots=True)
class ParseOutcome:
    """Every row parsed: the good ones, the errors, and all tracking ids the file names."""

    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    named_ids: set[str] = field(default_factory=set)
    first_day: date | None = None
    last_day: date | None = None


