"""``lapor-desk demo``: the Kemensos 2022 scenario, deterministic and safe to run twice.

Complaints are written with Core ``insert()`` executemany (DESIGN.md §3); a second run finds
every tracking id already present and writes nothing new.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, sessionmaker

from lapor_desk.domain.actor import Actor, Clock
from lapor_desk.domain.calendar import WorkingCalendar
from lapor_desk.domain.enums import (
    ComplaintSource,
    FollowUpKind,
    InternalStatus,
    Klasifikasi,
)
from lapor_desk.models import (
    Complaint,
    Disposition,
    FollowUp,
    RoutingRule,
    StatusChange,
    Topic,
    TopicCategory,
    Unit,
    UnitContact,
)
from lapor_desk.services import demo_scenario as scenario
from lapor_desk.services import demo_texts
from lapor_desk.services.changes import Changes
from lapor_desk.services.deadlines import refresh_deadlines
from lapor_desk.services.demo_meetings import load_demo_meetings
from lapor_desk.services.settings import REFERENCE_DATE, SettingsService, write_setting

SEED = 2022
COMPLAINT_COUNT = 4447
FIRST_DAY = date(2022, 1, 3)
LAST_DAY = date(2022, 10, 31)  # the data snapshot of the 15 November 2022 meeting
REFERENCE = date(2022, 11, 14)
MONTHS_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
)
S = InternalStatus


@dataclass(frozen=True, slots=True)
class DemoResult:
    """How many records the run added (all zero on a second run)."""

    units: int
    topics: int
    complaints: int
    changes: Changes


def _weighted[T](rng: random.Random, items: tuple[tuple[T, int], ...]) -> T:
    return rng.choices([i for i, _ in items], weights=[w for _, w in items])[0]


def _synthetic_nip(rng: random.Random) -> str:
    # Appointed at 18 at the earliest, as a NIP must say (normalize_nip); the same draws as
    # before, so that the rest of the demo stays as it was.
    birth = date(1968, 1, 1) + timedelta(days=rng.randrange(0, 365 * 28))
    year = max(rng.randrange(1995, 2020), birth.year + 18)
    appointed = f"{year}{rng.randrange(1, 13):02d}"
    return f"{birth:%Y%m%d}{appointed}{rng.choice('12')}{rng.randrange(1, 20):03d}"


class DemoService:
    """Fills a register with the demo scenario."""

    def __init__(
        self, factory: sessionmaker[Session], clock: Clock, settings: SettingsService
    ) -> None:
        self._factory = factory
        self._clock = clock
        self._settings = settings

    def load(self, actor: Actor) -> DemoResult:
        """Add whatever of the scenario the register does not have yet, in one transaction."""
        self._settings.ensure_defaults()
        calendar = self._settings.calendar()
        # Separate generators, so what one part draws never shifts another part's scenario.
        with self._factory.begin() as session:
            units, new_units = self._units(session, random.Random(SEED + 1))
            topics, new_topics = self._topics(session, units)
            write_setting(session, REFERENCE_DATE, REFERENCE.isoformat())
            added = self._complaints(
                session, random.Random(SEED), calendar, units, topics, actor
            )
            refresh_deadlines(session, calendar, self._settings.sla_rules(), added, as_of=REFERENCE)
        load_demo_meetings(self._factory, calendar, self._settings.sla_rules(), actor)
        changes = Changes(
            complaints=frozenset(added), master_data=bool(new_units or new_topics), settings=True
        )
        return DemoResult(new_units, new_topics, len(added), changes)

    # -- master data ---------------------------------------------------------------------------

    @staticmethod
    def _units(session: Session, rng: random.Random) -> tuple[dict[str, int], int]:
        existing = dict(session.execute(select(Unit.abbreviation, Unit.id)).all())
        added = 0
        for spec in scenario.UNITS:
            if spec.abbreviation in existing:
                continue
            unit = Unit(
                name=spec.name,
                abbreviation=spec.abbreviation,
                kind=spec.kind.value,
                parent_id=existing.get(spec.parent) if spec.parent else None,
                active_from=date(2020, 1, 1),
            )
            session.add(unit)
            session.flush()
            existing[spec.abbreviation] = unit.id
            added += 1
            if spec.kind is not scenario.K.KEMENTERIAN:
                name = demo_texts.reporter_name(rng)
                session.add(
                    UnitContact(
                        unit_id=unit.id,
                        name=name,
                        nip=_synthetic_nip(rng),
                        position="Admin Penghubung SP4N-LAPOR!",
                        email=f"penghubung.{spec.abbreviation.lower()}@contoh.kemensos.test",
                        is_liaison=True,
                    )
                )
        return existing, added

    @staticmethod
    def _topics(session: Session, units: dict[str, int]) -> tuple[dict[str, int], int]:
        existing = dict(session.execute(select(Topic.code, Topic.id)).all())
        added = 0
        for spec in scenario.TOPICS:
            if spec.code in existing:
                continue
            topic = Topic(
                code=spec.code,
                name=spec.name,
                urgent=spec.urgent,
                urgent_sla_workdays=7 if spec.urgent else None,
                default_unit_id=units[spec.units[0][0]],
                keywords=spec.keywords,
            )
            session.add(topic)
            session.flush()
            existing[spec.code] = topic.id
            added += 1
            if spec.category and session.get(TopicCategory, spec.category[0]) is None:
                session.add(
                    TopicCategory(
                        portal_id=spec.category[0], portal_name=spec.category[1],
                        topic_id=topic.id,
                    )
                )
        if added:
            for keyword in ("pungli", "potongan bantuan", "dipotong oknum"):
                session.add(
                    RoutingRule(
                        priority=10, keyword=keyword, unit_id=units["SET-ITJEN"],
                        topic_id=existing["PUNGLI"], mark_urgent=True,
                        note="Dugaan pungli diteruskan ke Inspektorat Jenderal",
                    )
                )
        return existing, added

    # -- complaints ----------------------------------------------------------------------------

    def _complaints(
        self,
        session: Session,
        rng: random.Random,
        calendar: WorkingCalendar,
        units: dict[str, int],
        topics: dict[str, int],
        actor: Actor,
    ) -> list[int]:
        days = (LAST_DAY - FIRST_DAY).days + 1
        # Reports grow slowly through the year, as they did in 2022.
        day_weights = [1.0 + 0.5 * i / days for i in range(days)]
        tracking_ids = sorted(rng.sample(range(4_100_000, 4_999_999), COMPLAINT_COUNT))
        received = sorted(
            datetime.combine(
                FIRST_DAY + timedelta(days=rng.choices(range(days), day_weights)[0]),
                time(rng.randrange(5, 23), rng.randrange(60), rng.randrange(60)),
            )
            for _ in range(COMPLAINT_COUNT)
        )
        present = set(session.scalars(select(Complaint.tracking_id)))
        now = self._clock()
        topic_specs = {t.code: t for t in scenario.TOPICS}
        unit_specs = {u.abbreviation: u for u in scenario.UNITS}
        plans = []
        for number, received_at in zip(tracking_ids, received, strict=True):
            # Every complaint draws from the generator, present or not, so the scenario stays
            # the same whatever a register already holds.
            plan = _plan(rng, calendar, received_at, topic_specs, unit_specs)
            if str(number) not in present:
                plans.append((str(number), plan))
        if not plans:
            return []
        session.execute(
            insert(Complaint).execution_options(render_nulls=True),
            [
                {
                    **plan.complaint,
                    "tracking_id": tracking,
                    "source": ComplaintSource.PORTAL.value,
                    "topic_id": topics[plan.topic],
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                }
                for tracking, plan in plans
            ],
        )
        new_ids = {t for t, _ in plans}
        ids = {
            tracking: complaint_id
            for tracking, complaint_id in session.execute(
                select(Complaint.tracking_id, Complaint.id)
            )
            if tracking in new_ids
        }
        dispositions, follow_ups, history = [], [], []
        for tracking, plan in plans:
            complaint_id = ids[tracking]
            if plan.unit and plan.disposed_at:
                dispositions.append(
                    {
                        "complaint_id": complaint_id,
                        "unit_id": units[plan.unit],
                        "is_lead": True,
                        "disposed_at": plan.disposed_at,
                        "disposed_by": "Admin Biro Humas",
                        "instruction": "Mohon ditindaklanjuti sesuai kewenangan.",
                        "withdrawn_at": None,
                    }
                )
            for kind, at, text in plan.follow_ups:
                follow_ups.append(
                    {
                        "complaint_id": complaint_id,
                        "unit_id": units[plan.unit] if plan.unit else None,
                        "kind": kind.value,
                        "posted_at": at,
                        "text": text,
                        "posted_to_portal_at": at,
                        "created_by": scenario_unit_name(unit_specs, plan.unit),
                    }
                )
            for at, old, new, reason in plan.history:
                history.append(
                    {
                        "complaint_id": complaint_id,
                        "changed_at": at,
                        "from_status": old.value if old else None,
                        "to_status": new.value,
                        "reason": reason,
                        "changed_by": actor.display_name,
                        "origin": "demo",
                    }
                )
        for table, rows in ((Disposition, dispositions), (FollowUp, follow_ups),
                            (StatusChange, history)):
            if rows:
                session.execute(insert(table).execution_options(render_nulls=True), rows)
        return sorted(ids.values())


def scenario_unit_name(specs: dict[str, scenario.DemoUnit], abbreviation: str | None) -> str:
    """Who posted a demo follow-up: the unit's liaison desk."""
    if abbreviation is None:
        return "Admin Biro Humas"
    return f"Admin Penghubung {specs[abbreviation].name}"


@dataclass(slots=True)
class _Plan:
    topic: str
    unit: str | None
    disposed_at: datetime | None
    complaint: dict[str, Any]
    follow_ups: list[tuple[FollowUpKind, datetime, str]]
    history: list[tuple[datetime, InternalStatus | None, InternalStatus, str | None]]


def _at(rng: random.Random, day: date) -> datetime:
    return datetime.combine(day, time(rng.randrange(8, 16), rng.randrange(60)))


def _klasifikasi(rng: random.Random, spec: scenario.DemoTopic) -> Klasifikasi | None:
    roll = rng.random()
    if roll < spec.berkadar_share:
        return Klasifikasi.BERKADAR_PENGAWASAN
    roll -= spec.berkadar_share
    if roll < spec.info_share:
        return Klasifikasi.PERMINTAAN_INFORMASI
    roll -= spec.info_share
    if roll < 0.06:
        return Klasifikasi.ASPIRASI
    if roll < 0.14:
        return None
    return Klasifikasi.TIDAK_BERKADAR_PENGAWASAN


def _plan(
    rng: random.Random,
    calendar: WorkingCalendar,
    received_at: datetime,
    topic_specs: dict[str, scenario.DemoTopic],
    unit_specs: dict[str, scenario.DemoUnit],
) -> _Plan:
    """Draw one complaint's content and its life up to the snapshot date."""
    code = _weighted(rng, tuple((t.code, t.weight) for t in scenario.TOPICS))
    spec = topic_specs[code]
    unit = _weighted(rng, spec.units)
    province, cities = rng.choice(demo_texts.REGIONS)
    city = rng.choice(cities)
    text = demo_texts.compose(
        rng, code, province=province, city=city, month_name_id=MONTHS_ID[received_at.month - 1]
    )
    privacy = rng.random()
    anonim = privacy < 0.09
    rahasia = 0.05 < privacy < 0.22
    has_contact = rng.random() < 0.3
    complaint: dict[str, Any] = {
        "received_at": received_at,
        "klasifikasi": (k.value if (k := _klasifikasi(rng, spec)) else None),
        "portal_category_id": spec.category[0] if spec.category else None,
        "portal_category_name": spec.category[1] if spec.category else None,
        "title": text.title,
        "text_original": text.text_original,
        "text_edited": text.text_edited,
        "anonim": anonim,
        "rahasia": rahasia,
        "channel": _weighted(rng, scenario.CHANNELS),
        "parent_institution": "Kementerian Sosial",
        "disposed_institution": "Kementerian Sosial",
        "province": province,
        "city": city,
        "district": None,
        "village": None,
        "reporter_name": None if anonim else demo_texts.reporter_name(rng),
        "reporter_nik": None,
        "reporter_phone": (
            f"08{rng.choice('1257')}{rng.randrange(10**8, 10**9)}" if has_contact else None
        ),
        "reporter_email": None,
        "rating": None,
        "urgent": spec.urgent,
        "urgent_reason": "Topik mendesak" if spec.urgent else None,
        "status": S.BELUM_TERVERIFIKASI.value,
        "portal_status": "Belum Terverifikasi",
        "status_reason": None,
        "verified_at": None,
        "completed_at": None,
        "import_batch_id": None,
    }
    plan = _Plan(code, None, None, complaint, [], [(received_at, None, S.BELUM_TERVERIFIKASI,
                                                    "Laporan masuk melalui SP4N-LAPOR!")])

    def move(at: datetime, new: InternalStatus, reason: str | None, portal: str) -> None:
        old = InternalStatus(complaint["status"])
        plan.history.append((at, old, new, reason))
        complaint["status"] = new.value
        complaint["portal_status"] = portal

    verify_delay = rng.choices((0, 1, 2, 3, 4), (25, 40, 20, 10, 5))[0]
    verified = calendar.add_working_days(received_at.date(), verify_delay)
    if verified > LAST_DAY:
        return plan
    verified_at = max(_at(rng, verified), received_at + timedelta(minutes=30))
    roll = rng.random()
    if roll < 0.004:
        move(verified_at, S.TERBLOKIR, "Konten mengandung unsur SARA", "Konten Terblokir")
        complaint["status_reason"] = "Konten mengandung unsur SARA"
        return plan
    if roll < 0.035:
        reason = rng.choice(scenario.ARCHIVE_REASONS)
        move(verified_at, S.DIARSIPKAN, reason, "Diarsipkan oleh Admin")
        complaint["status_reason"] = reason
        return plan
    complaint["verified_at"] = verified_at
    plan.unit, plan.disposed_at = unit, verified_at
    move(verified_at, S.BELUM_DITINDAKLANJUTI, "Diverifikasi dan didisposisikan",
         "Terverifikasi")

    unit_spec = unit_specs[unit]
    is_humas = unit == "BIRO-HUMAS"
    if not is_humas and rng.random() < 0.03:
        return plan  # never answered: the backlog the meeting has to chase
    delay = max(0, round(rng.gauss(unit_spec.response_mean, unit_spec.response_spread)))
    responded = calendar.add_working_days(verified, delay)
    if responded > LAST_DAY:
        return plan
    responded_at = max(_at(rng, responded), verified_at + timedelta(hours=1))
    unit_name = unit_spec.name
    if rng.random() < 0.025:
        question = "Mohon pelapor melengkapi NIK dan alamat lengkap penerima manfaat."
        plan.follow_ups.append((FollowUpKind.INFO_REQUEST, responded_at, question))
        move(responded_at, S.MENUNGGU_KELENGKAPAN, question, "Menunggu Kelengkapan Informasi")
        complaint["status_reason"] = question
        back = calendar.add_working_days(responded, rng.randrange(2, 9))
        if rng.random() < 0.5 or back > LAST_DAY:
            return plan
        responded_at = _at(rng, back)
        complaint["status_reason"] = None
        move(responded_at, S.PROSES, "Pelapor telah melengkapi informasi", "Terverifikasi")
    first = rng.choice(scenario.FIRST_RESPONSES).format(unit=unit_name, city=city)
    plan.follow_ups.append((FollowUpKind.FIRST_RESPONSE, responded_at, first))
    if complaint["status"] != S.PROSES.value:
        move(responded_at, S.PROSES, "Tanggapan awal unit", "Terverifikasi")

    if is_humas:
        finish_delay = rng.randrange(0, 3)
    elif rng.random() < 0.08:
        return plan
    else:
        finish_delay = max(1, round(rng.gauss(9, 6)))
    finished = calendar.add_working_days(responded, finish_delay)
    if finished > LAST_DAY:
        return plan
    finished_at = max(_at(rng, finished), responded_at + timedelta(hours=1))
    done = rng.choice(scenario.COMPLETIONS).format(city=city)
    plan.follow_ups.append((FollowUpKind.COMPLETION, finished_at, done))
    move(finished_at, S.SELESAI, "Tindak lanjut selesai", "Ditutup oleh Admin")
    complaint["completed_at"] = finished_at
    if rng.random() < 0.6:
        complaint["rating"] = rng.choices((1, 2, 3, 4, 5), (3, 4, 8, 25, 60))[0]
    return plan
