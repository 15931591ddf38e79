"""Read models and inputs of the master-data editors: units, topics, SLA and routing rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lapor_desk.domain.enums import InternalStatus, Klasifikasi, SlaStage, UnitKind


@dataclass(frozen=True, slots=True)
class ContactInput:
    """A liaison (admin penghubung) of a unit as typed; only the name is required."""

    name: str
    nip: str = ""
    position: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class UnitInput:
    """A unit as the form holds it."""

    name: str
    abbreviation: str
    kind: UnitKind
    parent_id: int | None = None
    active_from: date | None = None
    active_to: date | None = None
    contacts: tuple[ContactInput, ...] = ()


@dataclass(frozen=True, slots=True)
class UnitRow:
    """A unit of the tree with its liaisons; ``contacts`` hold normalised values."""

    id: int
    parent_id: int | None
    name: str
    abbreviation: str
    kind: UnitKind
    active_from: date | None
    active_to: date | None
    contacts: tuple[ContactInput, ...]

    def active_on(self, day: date) -> bool:
        """Whether the unit exists on ``day`` (reorganisations close units)."""
        return (self.active_from is None or self.active_from <= day) and (
            self.active_to is None or day <= self.active_to
        )


@dataclass(frozen=True, slots=True)
class TopicInput:
    """A topic as the form holds it."""

    code: str
    name: str
    parent_id: int | None = None
    urgent: bool = False
    #: An urgent topic's own completion limit in working days; None uses the SLA rules.
    urgent_sla_workdays: int | None = None
    default_unit_id: int | None = None
    keywords: tuple[str, ...] = ()
    #: The portal's ``ID Kategori`` values that import into this topic.
    category_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class TopicRow:
    """A topic with its routing defaults."""

    id: int
    code: str
    name: str
    parent_id: int | None
    urgent: bool
    urgent_sla_workdays: int | None
    default_unit_id: int | None
    default_unit: str | None
    keywords: tuple[str, ...]
    category_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class SlaRuleInput:
    """An SLA limit: stage × klasifikasi (None = any) × urgent → working days."""

    stage: SlaStage
    klasifikasi: Klasifikasi | None
    urgent: bool
    workdays: int


@dataclass(frozen=True, slots=True)
class SlaRuleView:
    """A stored SLA rule."""

    id: int
    stage: SlaStage
    klasifikasi: Klasifikasi | None
    urgent: bool
    workdays: int


@dataclass(frozen=True, slots=True)
class StatusMappingRow:
    """A portal ``Status Laporan`` value and the internal status it imports as."""

    portal_value: str
    status: InternalStatus
    #: Whether the value is one of the built-in defaults (restorable).
    is_default: bool


@dataclass(frozen=True, slots=True)
class RoutingRuleInput:
    """A routing rule as typed: a keyword sends a complaint to a unit."""

    priority: int
    keyword: str
    unit_id: int | None
    topic_id: int | None = None
    mark_urgent: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class RoutingRuleView:
    """A stored routing rule with the names of its unit and topic."""

    id: int
    priority: int
    keyword: str
    unit_id: int
    unit: str
    topic_id: int | None
    topic: str | None
    mark_urgent: bool
    note: str


@dataclass(frozen=True, slots=True)
class HolidayLine:
    """One date of a year's holiday list: the package's holiday and the user's override.

    ``kind`` is ``"public"`` or ``"cuti_bersama"`` for a date the ``holidays`` package knows,
    ``""`` for a date only the user added. ``override`` is True (added as a day off), False
    (made a working day) or None (no override).
    """

    day: date
    name: str
    kind: str
    override: bool | None
    note: str
    #: Whether the register counts the date as a day off, after cuti bersama and overrides.
    day_off: bool
