"""What the register view asks for: a filter, a sort order, and their saved JSON form."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from lapor_desk.domain.enums import InternalStatus
from lapor_desk.i18n import N_, _

#: ``ComplaintFilter.klasifikasi`` value that selects complaints without a klasifikasi.
NO_KLASIFIKASI = ""


class SlaFilter(StrEnum):
    """Where a complaint's earliest running deadline stands against the reference date."""

    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


class Privacy(StrEnum):
    """The reporter's privacy choice (``Tipe Laporan (Anonim/Rahasia)``)."""

    PUBLIC = "public"
    ANONIM = "anonim"
    RAHASIA = "rahasia"
    ANY = "any"

    @property
    def label(self) -> str:
        """The choice as a user reads it."""
        return _(_PRIVACY_LABELS[self])


_PRIVACY_LABELS = {
    Privacy.PUBLIC: N_("Neither anonymous nor confidential"),
    Privacy.ANONIM: N_("Anonymous"),
    Privacy.RAHASIA: N_("Confidential"),
    Privacy.ANY: N_("Anonymous or confidential"),
}


class SortKey(StrEnum):
    """The columns the register can be sorted on (in SQL)."""

    RECEIVED = "received"
    TRACKING_ID = "tracking_id"
    TITLE = "title"
    STATUS = "status"
    KLASIFIKASI = "klasifikasi"
    TOPIC = "topic"
    CHANNEL = "channel"
    UNIT = "unit"
    DUE = "due"
    URGENT = "urgent"
    PRIVACY = "privacy"


@dataclass(frozen=True, slots=True)
class Sort:
    """A sort order; ties are broken by the complaint id in the same direction."""

    key: SortKey = SortKey.RECEIVED
    descending: bool = True


@dataclass(frozen=True, slots=True)
class ComplaintFilter:
    """The register's filter; every field left at its default matches everything."""

    statuses: frozenset[InternalStatus] = field(default_factory=frozenset)
    unit_id: int | None = None  # the lead unit
    topic_id: int | None = None
    klasifikasi: str | None = None  # NO_KLASIFIKASI: complaints without one
    channel: str | None = None
    urgent: bool | None = None
    sla: SlaFilter | None = None
    received_from: date | None = None
    received_to: date | None = None
    privacy: Privacy | None = None
    text: str = ""

    @property
    def is_empty(self) -> bool:
        """True when the filter matches every complaint."""
        return self == ComplaintFilter(text=self.text) and not self.text.strip()


def filter_to_json(value: ComplaintFilter, sort: Sort) -> str:
    """The saved form of a filter and its sort order."""
    data: dict[str, Any] = {
        "statuses": sorted(s.value for s in value.statuses),
        "unit_id": value.unit_id,
        "topic_id": value.topic_id,
        "klasifikasi": value.klasifikasi,
        "channel": value.channel,
        "urgent": value.urgent,
        "sla": value.sla.value if value.sla else None,
        "received_from": value.received_from.isoformat() if value.received_from else None,
        "received_to": value.received_to.isoformat() if value.received_to else None,
        "privacy": value.privacy.value if value.privacy else None,
        "text": value.text,
        "sort": {"key": sort.key.value, "descending": sort.descending},
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _enum[E: StrEnum](kind: type[E], raw: object) -> E | None:
    try:
        return kind(raw) if isinstance(raw, str) else None
    except ValueError:
        return None


def _day(raw: object) -> date | None:
    try:
        return date.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        return None


def _int(raw: object) -> int | None:
    return raw if isinstance(raw, int) and not isinstance(raw, bool) else None


def _str(raw: object) -> str | None:
    return raw if isinstance(raw, str) else None


def filter_from_json(text: str) -> tuple[ComplaintFilter, Sort]:
    """Read a saved filter back.

    Values that no longer make sense (written by another version, or naming something gone)
    are dropped rather than failing, so a saved filter always opens.
    """
    try:
        data = json.loads(text)
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    raw_statuses = data.get("statuses")
    statuses = frozenset(
        s for s in (_enum(InternalStatus, r) for r in (raw_statuses or [])) if s is not None
    ) if isinstance(raw_statuses, list) else frozenset()
    urgent = data.get("urgent")
    sort_data = data.get("sort") if isinstance(data.get("sort"), dict) else {}
    assert isinstance(sort_data, dict)
    sort = Sort(
        _enum(SortKey, sort_data.get("key")) or SortKey.RECEIVED,
        sort_data.get("descending", True) is not False,
    )
    return (
        ComplaintFilter(
            statuses=statuses,
            unit_id=_int(data.get("unit_id")),
            topic_id=_int(data.get("topic_id")),
            klasifikasi=_str(data.get("klasifikasi")),
            channel=_str(data.get("channel")),
            urgent=urgent if isinstance(urgent, bool) else None,
            sla=_enum(SlaFilter, data.get("sla")),
            received_from=_day(data.get("received_from")),
            received_to=_day(data.get("received_to")),
            privacy=_enum(Privacy, data.get("privacy")),
            text=_str(data.get("text")) or "",
        ),
        sort,
    )
