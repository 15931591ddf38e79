"""Master data rules on real registers: units, topics, SLA rules, status mapping, routing."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.domain.enums import InternalStatus, Klasifikasi, SlaStage, UnitKind
from lapor_desk.domain.errors import ValidationError
from lapor_desk.models import ComplaintDeadline
from lapor_desk.persistence.engine import make_session_factory
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.master_data_models import (
    ContactInput,
    RoutingRuleInput,
    SlaRuleInput,
    TopicInput,
    UnitInput,
)
from lapor_desk.services.register import ComplaintInput
from lapor_desk.services.settings import DEFAULT_STATUS_MAPPING

ME = LOCAL_OPERATOR


def _field(call: object) -> str:
    assert callable(call)
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.field


def _unit(services: Services, abbreviation: str, parent: int | None = None, **kw: object) -> int:
    data = UnitInput(name=f"Unit {abbreviation}", abbreviation=abbreviation,
                     kind=UnitKind.ESELON_II, parent_id=parent, **kw)  # type: ignore[arg-type]
    unit_id, changes = services.master_data.create_unit(ME, data)
    assert changes.master_data
    return unit_id


def _deadline(services: Services, complaint_id: int) -> ComplaintDeadline:
    with make_session_factory(services.engine)() as session:
        row = session.scalar(
            select(ComplaintDeadline).where(ComplaintDeadline.complaint_id == complaint_id))
        assert row is not None
        return row


def test_unit_tree_with_liaisons_and_unique_abbreviations(services: Services) -> None:
    md = services.master_data
    setjen = _unit(services, "setjen")
    humas = _unit(services, "BIRO-HUMAS", setjen, contacts=(
        ContactInput("Rina Wulandari", "19850312 201001 2 005", "Admin Penghubung",
                     "+62 812-3456-7890", " rina@kemensos.go.id "),
    ))
    rows = {u.abbreviation: u for u in md.units()}
    assert rows["SETJEN"].parent_id is None  # abbreviations are stored upper case
    assert rows["BIRO-HUMAS"].parent_id == setjen
    contact = rows["BIRO-HUMAS"].contacts[0]
    assert (contact.nip, contact.phone, contact.email) == (
        "198503122010012005", "081234567890", "rina@kemensos.go.id")
    # The same abbreviation in other case, a short NIP, a bad e-mail: each names its field.
    assert _field(lambda: _unit(services, "Biro-Humas")) == "abbreviation"
    bad_nip = UnitInput("X", "X", UnitKind.OTHER, contacts=(ContactInput("A", nip="1985"),))
    assert _field(lambda: md.create_unit(ME, bad_nip)) == "contacts.1.nip"
    bad_mail = UnitInput("X", "X", UnitKind.OTHER,
                         contacts=(ContactInput("A"), ContactInput("B", email="b@")))
    assert _field(lambda: md.create_unit(ME, bad_mail)) == "contacts.2.email"
    assert _field(lambda: md.create_unit(ME, UnitInput(" ", "Y", UnitKind.OTHER))) == "name"
    # No unit under its own sub-unit; dates in order.
    loop = UnitInput("Setjen", "SETJEN", UnitKind.ESELON_I, parent_id=humas)
    assert _field(lambda: md.update_unit(ME, setjen, loop)) == "parent"
    backwards = UnitInput("Z", "Z", UnitKind.OTHER, active_from=date(2022, 5, 1),
                          active_to=date(2022, 4, 1))
    assert _field(lambda: md.create_unit(ME, backwards)) == "active_to"
    assert {u.abbreviation for u in md.units()} == {"SETJEN", "BIRO-HUMAS"}


def test_a_unit_closes_after_its_sub_units(services: Services) -> None:
    md = services.master_data
    parent = _unit(services, "DITJEN-A", active_from=date(2020, 1, 1))
    child = _unit(services, "DIT-A1", parent)
    assert _field(lambda: md.deactivate_unit(ME, parent, date(2022, 12, 31))) == "active_to"
    assert _field(lambda: md.deactivate_unit(ME, parent, date(2019, 12, 31))) == "active_to"
    md.deactivate_unit(ME, child, date(2022, 12, 31))
    md.deactivate_unit(ME, parent, date(2022, 12, 31))
    rows = {u.id: u for u in md.units()}
    assert rows[parent].active_to == date(2022, 12, 31)
    assert not rows[parent].active_on(date(2023, 1, 2))
    assert rows[child].active_on(date(2022, 12, 31))


def test_topics_keywords_categories_and_their_checks(services: Services) -> None:
    md = services.master_data
    unit = _unit(services, "DIT-JSK")
    bansos, _c = md.create_topic(ME, TopicInput("bansos", "Bantuan Sosial", category_ids=(957,)))
    pkh, _c = md.create_topic(ME, TopicInput(
        "PKH", "Program Keluarga Harapan", parent_id=bansos, urgent=True,
        urgent_sla_workdays=7, default_unit_id=unit,
        keywords=("PKH", " pendamping pkh", "pkh"), category_ids=(1443, 1443)))
    rows = {t.code: t for t in md.topics()}
    assert rows["PKH"].keywords == ("pkh", "pendamping pkh")
    assert rows["PKH"].category_ids == (1443,)
    assert rows["PKH"].default_unit == "Unit DIT-JSK"
    assert rows["BANSOS"].category_ids == (957,)
    taken = TopicInput("BPNT", "BPNT", category_ids=(957,))
    assert _field(lambda: md.create_topic(ME, taken)) == "categories"
    assert _field(lambda: md.create_topic(ME, TopicInput("pkh", "Lagi"))) == "code"
    zero = TopicInput("X", "X", urgent=True, urgent_sla_workdays=0)
    assert _field(lambda: md.create_topic(ME, zero)) == "urgent_sla_workdays"
    loop = TopicInput("BANSOS", "Bantuan Sosial", parent_id=pkh)
    assert _field(lambda: md.update_topic(ME, bansos, loop)) == "parent"
    # Categories move freely once released; a non-urgent topic keeps no urgent limit.
    md.update_topic(ME, bansos, TopicInput("BANSOS", "Bantuan Sosial", urgent_sla_workdays=3))
    md.update_topic(ME, pkh, TopicInput("PKH", "PKH", category_ids=(957, 1443)))
    rows = {t.code: t for t in md.topics()}
    assert rows["PKH"].category_ids == (957, 1443)
    assert rows["BANSOS"].urgent_sla_workdays is None


def test_an_urgent_topic_limit_moves_its_complaints_deadlines(services: Services) -> None:
    md = services.master_data
    unit = _unit(services, "DIT-PSKBS")
    topic, _c = md.create_topic(ME, TopicInput("BENCANA", "Bantuan bencana", urgent=True,
                                               urgent_sla_workdays=7, default_unit_id=unit))
    created = services.register.create(ME, ComplaintInput(
        received_at=datetime(2022, 11, 14, 9, 0), title="Korban banjir belum dapat bantuan",
        text="Rumah terendam sejak Jumat.", channel="Call Center", topic_id=topic))
    complaint = created.complaint.id
    assert created.complaint.urgent
    assert _deadline(services, complaint).completion_due == date(2022, 11, 23)
    changes = md.update_topic(ME, topic, TopicInput("BENCANA", "Bantuan bencana", urgent=True,
                                                    urgent_sla_workdays=3, default_unit_id=unit))
    assert changes.complaints == {complaint}
    assert _deadline(services, complaint).completion_due == date(2022, 11, 17)


def test_sla_rules_are_checked_and_move_every_stored_deadline(services: Services) -> None:
    md = services.master_data
    created = services.register.create(ME, ComplaintInput(
        received_at=datetime(2022, 11, 14, 9, 0), title="Saldo BPNT kosong",
        text="Sudah tiga bulan.", channel="Pos Surat",
        klasifikasi=Klasifikasi.TIDAK_BERKADAR_PENGAWASAN))
    complaint = created.complaint.id
    assert _deadline(services, complaint).verification_due == date(2022, 11, 17)
    rules = {(r.stage, r.klasifikasi, r.urgent): r for r in md.sla_rules()}
    general = rules[(SlaStage.VERIFICATION, None, False)]
    assert general.workdays == 3
    changes = md.save_sla_rule(ME, general.id, SlaRuleInput(SlaStage.VERIFICATION, None, False, 5))
    assert changes.settings
    assert _deadline(services, complaint).verification_due == date(2022, 11, 21)
    # A more specific rule for the complaint's klasifikasi beats the general one.
    md.save_sla_rule(ME, None, SlaRuleInput(
        SlaStage.VERIFICATION, Klasifikasi.TIDAK_BERKADAR_PENGAWASAN, False, 1))
    assert _deadline(services, complaint).verification_due == date(2022, 11, 15)
    assert _field(lambda: md.save_sla_rule(
        ME, None, SlaRuleInput(SlaStage.COMPLETION, None, False, 0))) == "workdays"
    assert _field(lambda: md.save_sla_rule(
        ME, None, SlaRuleInput(SlaStage.COMPLETION, None, True, 9))) == "stage"  # exists
    # The general rule of a stage cannot go, nor turn into a specific one.
    assert _field(lambda: md.delete_sla_rule(ME, general.id)) == "stage"
    assert _field(lambda: md.save_sla_rule(
        ME, general.id, SlaRuleInput(SlaStage.VERIFICATION, None, True, 5))) == "stage"
    specific = next(r for r in md.sla_rules() if r.klasifikasi and r.stage is SlaStage.VERIFICATION)
    md.delete_sla_rule(ME, specific.id)
    assert _deadline(services, complaint).verification_due == date(2022, 11, 21)


def test_status_mapping_edit_delete_and_restore(services: Services) -> None:
    md = services.master_data
    assert {r.portal_value for r in md.status_mapping()} == set(DEFAULT_STATUS_MAPPING)
    md.save_status_mapping(ME, None, "  Ditunda   oleh Admin ", InternalStatus.PROSES)
    md.save_status_mapping(ME, "Ditutup oleh Sistem", "Ditutup oleh Sistem",
                           InternalStatus.PROSES)
    md.delete_status_mapping(ME, "Konten Terblokir")
    assert _field(lambda: md.save_status_mapping(
        ME, "Ditunda oleh Admin", "Selesai", InternalStatus.SELESAI)) == "portal_value"
    assert _field(lambda: md.save_status_mapping(ME, None, "  ", InternalStatus.SELESAI)) \
        == "portal_value"
    mapping = services.settings.status_mapping()
    assert mapping["Ditunda oleh Admin"] is InternalStatus.PROSES
    assert "Konten Terblokir" not in mapping
    md.save_status_mapping(ME, "Ditunda oleh Admin", "Ditunda", InternalStatus.PROSES)
    assert md.restore_status_defaults(ME).settings
    mapping = services.settings.status_mapping()
    assert mapping["Ditutup oleh Sistem"] is InternalStatus.SELESAI
    assert mapping["Konten Terblokir"] is InternalStatus.TERBLOKIR
    assert mapping["Ditunda"] is InternalStatus.PROSES  # the user's own value stays
    assert "Ditunda oleh Admin" not in mapping
    assert md.restore_status_defaults(ME).empty


def test_routing_rules_route_new_complaints(services: Services) -> None:
    md = services.master_data
    itjen = _unit(services, "SET-ITJEN")
    pusdatin = _unit(services, "PUSDATIN")
    topic, _c = md.create_topic(ME, TopicInput("PUNGLI", "Pungutan liar"))
    rule, _c = md.save_routing_rule(ME, None, RoutingRuleInput(
        20, "  Potongan   BANSOS ", itjen, topic, mark_urgent=True, note="Ke Itjen"))
    md.save_routing_rule(ME, None, RoutingRuleInput(50, "data", pusdatin))
    rows = md.routing_rules()
    assert [(r.keyword, r.unit) for r in rows] == [
        ("potongan bansos", "Unit SET-ITJEN"), ("data", "Unit PUSDATIN")]
    assert rows[0].topic == "Pungutan liar" and rows[0].mark_urgent
    assert _field(lambda: md.save_routing_rule(ME, None, RoutingRuleInput(5, "x", None))) \
        == "unit"
    assert _field(lambda: md.save_routing_rule(ME, None, RoutingRuleInput(5, " ", itjen))) \
        == "keyword"
    assert _field(lambda: md.save_routing_rule(ME, rule, RoutingRuleInput(-1, "x", itjen))) \
        == "priority"
    created = services.register.create(ME, ComplaintInput(
        received_at=datetime(2022, 11, 14, 9, 0), title="Ada potongan bansos oleh oknum",
        text="Data saya juga salah.", channel="Whatsapp"))
    assert created.suggestion.unit_id == itjen and created.suggestion.urgent
    md.delete_routing_rule(ME, rule)
    assert [r.keyword for r in md.routing_rules()] == ["data"]


def test_holiday_list_shows_package_days_beside_overrides(services: Services) -> None:
    settings, md = services.settings, services.master_data
    settings.set_holiday_override(ME, date(2022, 11, 15), True, "Rapat Renaksi (libur kantor)")
    settings.set_holiday_override(ME, date(2022, 5, 6), False, "Masuk kerja")
    lines = {line.day: line for line in md.holidays(2022)}
    assert lines[date(2022, 5, 2)].kind == "public" and lines[date(2022, 5, 2)].day_off
    assert lines[date(2022, 5, 5)].kind == "cuti_bersama" and lines[date(2022, 5, 5)].day_off
    assert lines[date(2022, 5, 6)].override is False and not lines[date(2022, 5, 6)].day_off
    added = lines[date(2022, 11, 15)]
    assert (added.kind, added.override, added.note, added.day_off) == (
        "", True, "Rapat Renaksi (libur kantor)", True)
    settings.set_cuti_bersama_off(ME, False)
    lines = {line.day: line for line in md.holidays(2022)}
    assert not lines[date(2022, 5, 5)].day_off  # listed, but counted as a working day
    assert lines[date(2022, 5, 2)].day_off
    assert all(line.day.year == 2022 for line in lines.values())


@pytest.mark.postgres
def test_master_data_on_postgresql(pg_services: Services) -> None:
    services, md = pg_services, pg_services.master_data
    parent = _unit(services, "SETJEN")
    liaison = ContactInput("Rina", "198503122010012005")
    child = _unit(services, "BIRO-HUMAS", parent, contacts=(liaison,))
    assert _field(lambda: _unit(services, "biro-humas")) == "abbreviation"
    topic, _c = md.create_topic(ME, TopicInput("DTKS", "DTKS", default_unit_id=child,
                                               category_ids=(1448,)))
    assert _field(lambda: md.create_topic(ME, TopicInput("X", "X", category_ids=(1448,)))) \
        == "categories"
    created = services.register.create(ME, ComplaintInput(
        received_at=datetime(2022, 11, 14, 9, 0), title="DTKS", text="Belum terdaftar.",
        channel="Pos Surat", topic_id=topic))
    general = next(r for r in md.sla_rules()
                   if r.stage is SlaStage.VERIFICATION and r.klasifikasi is None and not r.urgent)
    md.save_sla_rule(ME, general.id, SlaRuleInput(SlaStage.VERIFICATION, None, False, 5))
    assert _deadline(services, created.complaint.id).verification_due == date(2022, 11, 21)
    md.deactivate_unit(ME, child, date(2022, 12, 31))
    assert {u.abbreviation: u.active_to for u in md.units()}["BIRO-HUMAS"] == date(2022, 12, 31)
