"""Register settings: reference date, working-day calendar, SLA rules, status mapping."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from lapor_desk.domain.actor import Actor, Clock
from lapor_desk.domain.calendar import HolidayOverride, WorkingCalendar
from lapor_desk.domain.enums import InternalStatus, Klasifikasi, SlaStage
from lapor_desk.domain.sla import DEFAULT_SLA_RULES, SlaRule
from lapor_desk.models import HolidayOverrideRow, Setting, SlaRuleRow, StatusMapping
from lapor_desk.services.changes import Changes
from lapor_desk.services.deadlines import refresh_deadlines, refresh_waiting_deadlines

REFERENCE_DATE = "reference_date"
CUTI_BERSAMA_OFF = "cuti_bersama_off"

S = InternalStatus
#: Portal ``Status Laporan`` values seen in real exports (DOMAIN.md §3) and legacy open data.
DEFAULT_STATUS_MAPPING: dict[str, InternalStatus] = {
    "Belum Terverifikasi": S.BELUM_TERVERIFIKASI,
    "Terverifikasi": S.BELUM_DITINDAKLANJUTI,
    "Belum Ditindaklanjuti": S.BELUM_DITINDAKLANJUTI,
    "Menunggu Kelengkapan Informasi": S.MENUNGGU_KELENGKAPAN,
    "Konten Terblokir": S.TERBLOKIR,
    "Ditutup oleh Sistem": S.SELESAI,
    "Ditutup oleh Admin": S.SELESAI,
    "Ditutup oleh Pelapor": S.SELESAI,
    "Diarsipkan oleh Admin": S.DIARSIPKAN,
    "Diarsipkan oleh Sistem": S.DIARSIPKAN,
    "Diarsipkan oleh Pelapor": S.DIARSIPKAN,
    "Belum": S.BELUM_DITINDAKLANJUTI,
    "Proses": S.PROSES,
    "Selesai": S.SELESAI,
}


def read_setting(session: Session, key: str) -> str | None:
    """The value of setting ``key``, or ``None`` when unset."""
    return session.scalar(select(Setting.value).where(Setting.key == key))


def write_setting(session: Session, key: str, value: str) -> None:
    """Set ``key`` to ``value`` inside the caller's transaction."""
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def calendar_in(session: Session) -> WorkingCalendar:
    """The working-day calendar as ``session`` sees it (uncommitted changes included)."""
    overrides = [
        HolidayOverride(r.day, r.is_holiday, r.note)
        for r in session.scalars(select(HolidayOverrideRow))
    ]
    return calendar_of(read_setting(session, CUTI_BERSAMA_OFF), overrides)


def calendar_of(
    cuti_bersama_setting: str | None, overrides: Iterable[HolidayOverride]
) -> WorkingCalendar:
    """The calendar of the stored cuti bersama setting (unset: days off) and overrides."""
    return WorkingCalendar(cuti_bersama_off=cuti_bersama_setting != "0", overrides=overrides)


def sla_rules_in(session: Session) -> tuple[SlaRule, ...]:
    """The SLA rules in force as ``session`` sees them (the defaults when there are none)."""
    rows = session.scalars(select(SlaRuleRow)).all()
    if not rows:
        return DEFAULT_SLA_RULES
    return tuple(
        SlaRule(
            SlaStage(r.stage),
            Klasifikasi(r.klasifikasi) if r.klasifikasi else None,
            r.urgent,
            r.workdays,
        )
        for r in rows
    )


def refresh_all_deadlines(session: Session, today: date, *, waiting_only: bool = False) -> None:
    """Recompute the stored deadlines after the calendar, the SLA rules or the reference changed.

    A new reference date moves only the deadlines of complaints waiting for the reporter.
    """
    value = read_setting(session, REFERENCE_DATE)
    reference = date.fromisoformat(value) if value else today
    calendar, rules = calendar_in(session), sla_rules_in(session)
    if waiting_only:
        refresh_waiting_deadlines(session, calendar, rules, as_of=reference)
    else:
        refresh_deadlines(session, calendar, rules, None, as_of=reference)


class SettingsService:
    """Reads and changes the register's settings."""

    def __init__(self, factory: sessionmaker[Session], clock: Clock) -> None:
        self._factory = factory
        self._clock = clock

    def ensure_defaults(self) -> Changes:
        """Seed SLA rules and the status mapping where the register has none (idempotent)."""
        with self._factory.begin() as session:
            changed = False
            if session.scalar(select(SlaRuleRow.id).limit(1)) is None:
                session.add_all(
                    SlaRuleRow(
                        stage=r.stage.value,
                        klasifikasi=r.klasifikasi.value if r.klasifikasi else "",
                        urgent=r.urgent,
                        workdays=r.workdays,
                    )
                    for r in DEFAULT_SLA_RULES
                )
                changed = True
            known = set(session.scalars(select(StatusMapping.portal_value)))
            for portal_value, status in DEFAULT_STATUS_MAPPING.items():
                if portal_value not in known:
                    session.add(StatusMapping(portal_value=portal_value, internal_status=status))
                    changed = True
            if read_setting(session, CUTI_BERSAMA_OFF) is None:
                write_setting(session, CUTI_BERSAMA_OFF, "1")
                changed = True
        return Changes(settings=changed)

    def reference_date(self) -> date:
        """The register's "as of" date for deadlines; today unless the user fixed one."""
        with self._factory() as session:
            value = read_setting(session, REFERENCE_DATE)
        return date.fromisoformat(value) if value else self._clock().date()

    def set_reference_date(self, actor: Actor, value: date | None) -> Changes:
        """Fix the reference date, or follow today again with ``None``."""
        del actor  # recorded by the audit trail once it exists
        with self._factory.begin() as session:
            if value is None:
                session.execute(delete(Setting).where(Setting.key == REFERENCE_DATE))
            else:
                write_setting(session, REFERENCE_DATE, value.isoformat())
            refresh_all_deadlines(session, self._clock().date(), waiting_only=True)
        return Changes(settings=True)

    def set_cuti_bersama_off(self, actor: Actor, off: bool) -> Changes:
        """Choose whether cuti bersama counts as a day off."""
        del actor
        with self._factory.begin() as session:
            write_setting(session, CUTI_BERSAMA_OFF, "1" if off else "0")
            refresh_all_deadlines(session, self._clock().date())
        return Changes(settings=True)

    def set_holiday_override(
        self, actor: Actor, day: date, is_holiday: bool | None, note: str = ""
    ) -> Changes:
        """Add (``True``) or remove (``False``) ``day`` as a day off; ``None`` drops it."""
        del actor
        with self._factory.begin() as session:
            row = session.get(HolidayOverrideRow, day)
            if is_holiday is None:
                if row is not None:
                    session.delete(row)
            elif row is None:
                session.add(HolidayOverrideRow(day=day, is_holiday=is_holiday, note=note))
            else:
                row.is_holiday, row.note = is_holiday, note
            refresh_all_deadlines(session, self._clock().date())
        return Changes(settings=True)

    def calendar(self) -> WorkingCalendar:
        """The working-day calendar with the user's overrides and cuti bersama choice."""
        with self._factory() as session:
            return calendar_in(session)

    def sla_rules(self) -> tuple[SlaRule, ...]:
        """The SLA rules in force (the defaults when the table is empty)."""
        with self._factory() as session:
            return sla_rules_in(session)

    def status_mapping(self) -> dict[str, InternalStatus]:
        """Portal status value → internal status."""
        with self._factory() as session:
            rows = session.scalars(select(StatusMapping)).all()
        return {r.portal_value: InternalStatus(r.internal_status) for r in rows}
