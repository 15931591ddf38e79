"""No generated DOCX or PDF shows a planted NIK, phone number or withheld reporter's name."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest
from sqlalchemy import select

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.models import Topic
from lapor_desk.reports.document import Document
from lapor_desk.reports.meeting_input import ActionItem
from lapor_desk.reports.output import write
from lapor_desk.reports.setup import Masking
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.register import ComplaintInput
from tests.documents import samples
from tests.documents.conftest import digits_only, docx_text, pdf_text

NIK = "3201014512850000"
NIK_WRITTEN = "3201 0145 1285 0000"
PHONE = "081298765432"
PHONE_WRITTEN = "0812-9876-5432"
PHONE_INTL = "+62 813 1111 2222"
PHONE_INTL_DIGITS = "6281311112222"
ANONYMOUS = "Siti Rahayu Tersembunyi"
CONFIDENTIAL = "Bambang Rahasia Tersembunyi"
REGULAR = "Citra Terang Benderang"
FORBIDDEN_NAMES = (ANONYMOUS, CONFIDENTIAL, "Tersembunyi")
FORBIDDEN_NUMBERS = (NIK, PHONE, PHONE_INTL_DIGITS, "0813111122", "12850000")
TEXT = (f"Saya belum menerima bantuan DTKS. NIK saya {NIK_WRITTEN}, nomor WA {PHONE_INTL}, "
        f"surel {'siti'}@contoh.id. Mohon dibantu.")


def _plant(services: Services) -> dict[str, int]:
    with services.register._factory() as session:  # test set-up only: find the DTKS topic
        topic = session.scalar(select(Topic.id).where(Topic.code == "DTKS"))
    ids = {}
    for key, anonim, rahasia, name in (("anonim", True, False, ANONYMOUS),
                                       ("rahasia", False, True, CONFIDENTIAL),
                                       ("biasa", False, False, REGULAR)):
        created = services.register.create(LOCAL_OPERATOR, ComplaintInput(
            received_at=datetime(2022, 11, 1, 9, 0),
            title=f"Bantuan DTKS belum cair, hubungi {PHONE_WRITTEN}",
            text=TEXT, channel="Tatap Muka", topic_id=topic, anonim=anonim, rahasia=rahasia,
            reporter_name=name, reporter_nik=NIK, reporter_phone=PHONE,
            reporter_email="siti@contoh.id", province="Jawa Barat", city="Kabupaten Bogor",
        ))
        ids[key] = created.complaint.id
    return ids


def _text(path: Path) -> str:
    return pdf_text(path) if path.suffix == ".pdf" else docx_text(path)


def _assert_clean(path: Path, extra_names: tuple[str, ...] = ()) -> str:
    text = _text(path)
    flat = digits_only(text)
    for number in FORBIDDEN_NUMBERS:
        assert number not in flat, (path.name, number)
    for name in (*FORBIDDEN_NAMES, *extra_names):
        assert name not in text, (path.name, name)
    assert "siti@contoh.id" not in text
    return text


@pytest.mark.parametrize("suffix", ["pdf", "docx"])
def test_every_document_masks_planted_data(demo_services: Services, tmp_path: Path,
                                           suffix: str) -> None:
    ids = _plant(demo_services)
    documents = demo_services.documents
    written: list[tuple[str, Document]] = []
    data = documents.analysis_input(date(2022, 11, 1), date(2022, 11, 14))
    assert data.received == 3 and data.overdue and data.examples  # the planted texts are used
    written.append(("analisis", documents.analysis(data)))
    for key, complaint_id in ids.items():
        written.append((f"disposisi-{key}",
                        documents.disposition_sheet(complaint_id, masking=Masking.STANDARD)))
    written.append(("disposisi-ketat", documents.disposition_sheet(ids["biasa"],
                                                                   masking=Masking.STRICT)))
    meeting = samples.minutes(text=TEXT)
    meeting = type(meeting)(**{**{f: getattr(meeting, f) for f in meeting.__dataclass_fields__},
                              "decisions": (f"Pelapor dengan HP {PHONE_WRITTEN} dihubungi.",),
                              "actions": (ActionItem(f"NIK {NIK}", "Pusdatin", TEXT),)})
    written.append(("notula", documents.minutes(meeting)))
    written.append(("petikan", documents.unit_extract(samples.unit_extract())))
    texts = {}
    for name, document in written:
        path = write(document, tmp_path / f"{name}.{suffix}")
        extra = (REGULAR,) if name in ("analisis", "disposisi-ketat") else ()
        texts[name] = _assert_clean(path, extra)
    assert "Dirahasiakan (pelapor anonim)" in texts["disposisi-anonim"]
    assert "Dirahasiakan (laporan rahasia)" in texts["disposisi-rahasia"]
    assert REGULAR in texts["disposisi-biasa"]  # a regular reporter is named by default
    assert "C••• T••• B•••" in texts["disposisi-ketat"]
    assert "Bantuan DTKS belum cair, hubungi 0812" in texts["analisis"].replace("\n", " ")


def _plant_meeting(services: Services, complaint_ids: dict[str, int]) -> int:
    """A meeting on the planted complaints whose records quote their NIK and phone numbers."""
    from lapor_desk.domain.meeting_outcomes import DecisionKind
    from lapor_desk.domain.meetings import MeetingKind, MeetingStatus
    from lapor_desk.services.meeting_inputs import (
        ActionItemInput,
        DecisionInput,
        MeetingInput,
        NarasumberInput,
    )

    actor = LOCAL_OPERATOR
    units = {u.abbreviation: u.id for u in services.agenda.units()}
    meeting = services.meetings.create(actor, MeetingInput(
        "Rapat uji privasi", MeetingKind.FOLLOW_UP, date(2022, 11, 16), venue="Aula",
        start_time=time(9), unit_ids=(units["PUSDATIN"], units["SET-ITJEN"]),
    )).meeting.id
    services.meetings.set_narasumber(actor, meeting, [NarasumberInput(
        "Narasumber", "KemenPAN-RB", f"1. Pelapor NIK {NIK_WRITTEN} sudah dihubungi.\n"
        f"2. Nomor {PHONE_INTL} aktif.")])
    items = [services.agenda.add_complaint(actor, meeting, cid)[0]
             for cid in complaint_ids.values()]
    services.meetings.change_status(actor, meeting, MeetingStatus.SCHEDULED)
    services.meetings.change_status(actor, meeting, MeetingStatus.IN_SESSION)
    services.meeting_notes.save_meeting_notes(actor, meeting, f"Dibuka. Kontak {PHONE}.", 0)
    for item in items:
        services.meeting_notes.save_item_notes(actor, item, TEXT, 0)
        services.meeting_notes.record_decision(actor, item, DecisionInput(
            DecisionKind.NONE, f"Pelapor dengan HP {PHONE_WRITTEN} dihubungi."))
        services.action_items.add(actor, item, ActionItemInput(
            f"Verifikasi NIK {NIK} bersama dinas sosial", units["PUSDATIN"], 5, "Petugas"))
    services.meetings.change_status(actor, meeting, MeetingStatus.CLOSED)
    return meeting


@pytest.mark.parametrize("suffix", ["pdf", "docx"])
def test_meeting_documents_mask_what_the_records_quote(demo_services: Services,
                                                       tmp_path: Path, suffix: str) -> None:
    ids = _plant(demo_services)
    meeting = _plant_meeting(demo_services, ids)
    documents = demo_services.documents
    written = [("notula", documents.meeting_minutes(meeting)),
               ("hadir", documents.meeting_attendance(meeting)),
               ("hadir-kosong", documents.meeting_attendance(meeting, blank=True))]
    extracts = documents.meeting_unit_extracts(meeting)
    written += [(f"petikan-{e.unit.abbreviation}", e.document) for e in extracts]
    texts = {}
    for name, document in written:
        path = write(document, tmp_path / f"{name}.{suffix}")
        # A meeting document names no reporter at all, not even one who may be named.
        texts[name] = " ".join(_assert_clean(path, (REGULAR,)).split())
    # The planted texts were used, masked: complaints, notes, decisions, actions, remarks.
    minutes = texts["notula"]
    assert "Bantuan DTKS belum cair, hubungi 0812" in minutes
    assert "Catatan: Saya belum menerima bantuan DTKS. NIK saya" in minutes
    assert "Pelapor dengan HP" in minutes and "Verifikasi NIK" in minutes
    assert "Pelapor NIK" in minutes and "Dibuka. Kontak" in minutes
    assert "Verifikasi NIK" in texts["petikan-PUSDATIN"]
    assert "Verifikasi NIK" not in texts["petikan-SET-ITJEN"]
