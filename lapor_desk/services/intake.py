"""What the new-complaint form needs while the user types: choices, routing, likely duplicates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from lapor_desk.domain import validation as v
from lapor_desk.domain.actor import Clock
from lapor_desk.domain.duplicates import DUPLICATE_WINDOW, title_similarity, within_window
from lapor_desk.domain.duplicates import SIMILAR_TITLE as _SIMILAR
from lapor_desk.domain.enums import InternalStatus
from lapor_desk.domain.errors import ValidationError
from lapor_desk.domain.routing import suggest
from lapor_desk.models import Complaint, Topic, Unit
from lapor_desk.services.routing import load_routes


@dataclass(frozen=True, slots=True)
class UnitChoice:
    """A unit a complaint can be disposed to."""

    id: int
    name: str
    abbreviation: str


@dataclass(frozen=True, slots=True)
class TopicChoice:
    """A topic a complaint can be filed under."""

    id: int
    name: str
    urgent: bool


@dataclass(frozen=True, slots=True)
class Choices:
    """The lists the forms and dialogs offer."""

    units: tuple[UnitChoice, ...]
    topics: tuple[TopicChoice, ...]


@dataclass(frozen=True, slots=True)
class SuggestionView:
    """What the routing rules propose for a complaint, with names and the reason to show."""

    topic_id: int | None
    topic: str | None
    unit_id: int | None
    unit: str | None
    urgent: bool
    matched: str | None


@dataclass(frozen=True, slots=True)
class DuplicateRow:
    """A complaint that is probably the same one, and why it is thought so."""

    id: int
    tracking_id: str
    received_at: datetime
    title: str
    status: InternalStatus
    same_nik: bool
    same_phone: bool
    similarity: float


class IntakeService:
    """Read-only helpers of the complaint form; each call is one short read."""

    def __init__(self, factory: sessionmaker[Session], clock: Clock) -> None:
        self._factory = factory
        self._clock = clock

    def now(self) -> datetime:
        """The register's current time (the form's default receipt time)."""
        return self._clock()

    def choices(self) -> Choices:
        """Units active today and every topic, by name."""
        today = self._clock().date()
        with self._factory() as session:
            units = tuple(
                UnitChoice(u.id, u.name, u.abbreviation)
                for u in session.scalars(
                    select(Unit)
                    .where(or_(Unit.active_to.is_(None), Unit.active_to >= today))
                    .order_by(Unit.name)
                )
            )
            topics = tuple(
                TopicChoice(t.id, t.name, t.urgent)
                for t in session.scalars(select(Topic).order_by(Topic.name))
            )
        return Choices(units, topics)

    def suggest(self, title: str, text: str, topic_id: int | None = None) -> SuggestionView:
        """Topic, unit and urgency the routing rules propose for this title and text."""
        with self._factory() as session:
            topics, rules = load_routes(session)
            found = suggest(title, text, topic_id, topics, rules)
            topic = session.get(Topic, found.topic_id) if found.topic_id else None
            unit = session.get(Unit, found.unit_id) if found.unit_id else None
            return SuggestionView(
                found.topic_id,
                topic.name if topic else None,
                found.unit_id,
                unit.name if unit else None,
                found.urgent,
                found.matched,
            )

    def likely_duplicates(
        self,
        nik: str | None,
        phone: str | None,
        title: str,
        received_at: datetime,
    ) -> tuple[DuplicateRow, ...]:
        """Complaints of the same NIK or phone, with a similar title, within 30 days.

        A NIK or phone number that is not valid yet (the user is still typing) is ignored.
        """
        normal_nik = _normalised(v.normalize_nik, nik)
        normal_phone = _normalised(v.normalize_phone, phone)
        conditions = []
        if normal_nik:
            conditions.append(Complaint.reporter_nik == normal_nik)
        if normal_phone:
            conditions.append(Complaint.reporter_phone == normal_phone)
        if not conditions or not title.strip():
            return ()
        with self._factory() as session:
            rows = session.execute(
                select(
                    Complaint.id,
                    Complaint.tracking_id,
                    Complaint.received_at,
                    Complaint.title,
                    Complaint.status,
                    Complaint.reporter_nik,
                    Complaint.reporter_phone,
                )
                .where(
                    or_(*conditions),
                    Complaint.received_at.between(
                        received_at - DUPLICATE_WINDOW, received_at + DUPLICATE_WINDOW
                    ),
                )
                .order_by(Complaint.received_at.desc())
            ).all()
        found = []
        for row in rows:
            similarity = title_similarity(title, row.title)
            if similarity >= _SIMILAR and within_window(row.received_at, received_at):
                found.append(
                    DuplicateRow(
                        row.id,
                        row.tracking_id,
                        row.received_at,
                        row.title,
                        InternalStatus(row.status),
                        bool(normal_nik) and row.reporter_nik == normal_nik,
                        bool(normal_phone) and row.reporter_phone == normal_phone,
                        similarity,
                    )
                )
        return tuple(found)


def _normalised(normalize: Callable[[str], str], value: str | None) -> str | None:
    if not value or not value.strip():
        return None
    try:
        return normalize(value)
    except ValidationError:
        return None


__all__ = [
    "Choices",
    "DuplicateRow",
    "IntakeService",
    "SuggestionView",
    "TopicChoice",
    "UnitChoice",
]
