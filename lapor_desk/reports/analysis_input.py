"""Plain input of the Laporan analisis pengaduan, gathered by ``services/analysis.py``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from lapor_desk.domain.enums import InternalStatus


@dataclass(frozen=True, slots=True)
class CountRow:
    """Counts of one group (a klasifikasi, channel, topic or province)."""

    label: str
    received: int
    verified: int = 0
    followed_up: int = 0
    completed: int = 0
    excluded: int = 0  # archived or blocked: received, but outside the rates

    @property
    def followed_up_rate(self) -> float | None:
        """Tingkat tindak lanjut: (Proses + Selesai) / verified."""
        return self.followed_up / self.verified if self.verified else None

    @property
    def completed_rate(self) -> float | None:
        """Tingkat penyelesaian: Selesai / verified."""
        return self.completed / self.verified if self.verified else None


@dataclass(frozen=True, slots=True)
class UnitRow:
    """One unit's complaints (lead disposition) in the period."""

    unit: str
    abbreviation: str
    counts: CountRow
    avg_first_response: float | None
    overdue: int
    avg_rating: float | None
    sla_compliance: float | None = None


@dataclass(frozen=True, slots=True)
class OverdueRow:
    """An open complaint past one of its deadlines."""

    tracking_id: str
    received: date
    title: str
    topic: str
    unit: str
    stage: str
    due: date
    workdays_late: int


@dataclass(frozen=True, slots=True)
class ExampleComplaint:
    """A complaint quoted as an example of a topic (its text is masked by the builder)."""

    tracking_id: str
    topic: str
    received: date
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class MeetingResult:
    """One coordination meeting of the period and what it decided."""

    title: str
    day: date
    decisions: tuple[str, ...] = ()
    action_items: int = 0
    action_items_done: int = 0


@dataclass(frozen=True, slots=True)
class ActionItemStatus:
    """Action items (Rencana Tindak Lanjut) of the period's meetings by status."""

    status: str
    count: int


@dataclass(frozen=True, slots=True)
class RenaksiRow:
    """One Rencana Aksi of the SP4N-LAPOR! plan and how far it is."""

    number: str
    action: str
    status: str
    note: str = ""


class Section(StrEnum):
    """Sections of the analysis the user can leave out in the export dialog."""

    KEY_FIGURES = "key_figures"
    STATUS = "status"
    KLASIFIKASI_CHANNEL = "klasifikasi_channel"
    TOPICS = "topics"
    UNITS = "units"
    REGIONS = "regions"
    OVERDUE = "overdue"
    EXAMPLES = "examples"
    MEETINGS = "meetings"
    RENAKSI = "renaksi"
    CONCLUSIONS = "conclusions"


ALL_SECTIONS = frozenset(Section)


@dataclass(frozen=True, slots=True)
class AnalysisInput:
    """Everything the analysis says, already aggregated."""

    period_start: date
    period_end: date
    as_of: date
    snapshot: datetime
    received: int
    verified: int
    followed_up: int
    completed: int
    excluded: int
    overdue_total: int
    avg_first_response: float | None
    sla_compliance: float | None
    first_response_limit: int
    by_status: tuple[tuple[InternalStatus, int], ...]
    by_klasifikasi: tuple[CountRow, ...]
    by_channel: tuple[CountRow, ...]
    by_topic: tuple[CountRow, ...]
    months: tuple[tuple[int, int], ...]
    monthly_totals: tuple[int, ...]
    topic_trend: tuple[tuple[str, tuple[int, ...]], ...]
    by_unit: tuple[UnitRow, ...]
    by_province: tuple[CountRow, ...]
    top_cities: tuple[tuple[str, int], ...]
    overdue: tuple[OverdueRow, ...]
    examples: tuple[ExampleComplaint, ...] = ()
    meetings: tuple[MeetingResult, ...] = ()
    action_items: tuple[ActionItemStatus, ...] = ()
    renaksi: tuple[RenaksiRow, ...] = ()
    avg_rating: float | None = None
    rated: int = 0

    @property
    def followed_up_rate(self) -> float | None:
        """Tingkat tindak lanjut of the period."""
        return self.followed_up / self.verified if self.verified else None

    @property
    def completed_rate(self) -> float | None:
        """Tingkat penyelesaian of the period."""
        return self.completed / self.verified if self.verified else None
