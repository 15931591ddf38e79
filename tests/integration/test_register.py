"""RegisterService on a real SQLite register: validation, lifecycle, concurrency, routing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from lapor_desk.domain.actor import LOCAL_OPERATOR, Actor
from lapor_desk.domain.enums import FollowUpKind, InternalStatus, SlaStage, SlaState
from lapor_desk.domain.errors import ConcurrentEdit, InvalidTransition, NotFound, ValidationError
from lapor_desk.models import Complaint, StatusChange, Topic, Unit
from lapor_desk.persistence.engine import make_session_factory
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.register import ComplaintInput

LETTER = ComplaintInput(
    received_at=datetime(2022, 11, 7, 9, 30),
    title="Bantuan PKH tidak diterima sejak Agustus",
    text="Saya sudah terdaftar PKH tetapi sejak Agustus 2022 bantuan tidak masuk ke rekening.",
    channel="Pos Surat",
    reporter_name="Warga Contoh",
    reporter_nik="3174 0512 0685 0003",
    reporter_phone="+62 812-3456-7890",
)


def _count(services: Services, model: type) -> int:
    with make_session_factory(services.engine)() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def units(services: Services) -> dict[str, int]:
    with make_session_factory(services.engine).begin() as session:
        humas = Unit(name="Biro Hubungan Masyarakat", abbreviation="BIRO-HUMAS", kind="eselon_ii")
        linjamsos = Unit(name="Setditjen Linjamsos", abbreviation="SETDITJEN-LINJAMSOS",
                         kind="eselon_ii")
        itjen = Unit(name="Sekretariat Inspektorat Jenderal", abbreviation="SET-ITJEN",
                     kind="eselon_ii")
        session.add_all([humas, linjamsos, itjen])
        session.flush()
        session.add(Topic(code="PKH", name="PKH", default_unit_id=linjamsos.id,
                          keywords="pkh,keluarga harapan"))
        session.add(Topic(code="PUNGLI", name="Pungli", urgent=True, default_unit_id=itjen.id,
                          keywords="pungli,dipotong"))
        session.flush()
        return {u.abbreviation: u.id for u in (humas, linjamsos, itjen)}


def test_offline_complaint_gets_local_id_normalised_contacts_and_routing(
    services: Services, units: dict[str, int]
) -> None:
    created = services.register.create(LOCAL_OPERATOR, LETTER)
    row = created.complaint
    assert row.tracking_id == "LD-2022-00001"
    assert row.status is InternalStatus.BELUM_TERVERIFIKASI
    assert created.suggestion.unit_id == units["SETDITJEN-LINJAMSOS"]
    assert created.changes.complaints == {row.id}
    detail = services.register.get(row.id)
    assert detail.reporter_nik == "3174051206850003"
    assert detail.reporter_phone == "081234567890"
    assert detail.history[0].to_status is InternalStatus.BELUM_TERVERIFIKASI
    second = services.register.create(LOCAL_OPERATOR, LETTER)
    assert second.complaint.tracking_id == "LD-2022-00002"


def test_urgent_topic_flags_new_complaint(services: Services, units: dict[str, int]) -> None:
    created = services.register.create(
        LOCAL_OPERATOR,
        replace(LETTER, title="Bantuan dipotong oknum", text="Bantuan BPNT dipotong Rp50.000."),
    )
    assert created.complaint.urgent
    assert created.suggestion.unit_id == units["SET-ITJEN"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": "  "}, "title"),
        ({"text": ""}, "text"),
        ({"channel": ""}, "channel"),
        ({"reporter_nik": "12345"}, "reporter_nik"),
        ({"reporter_phone": "12345"}, "reporter_phone"),
        ({"reporter_email": "bukan-email"}, "reporter_email"),
        ({"received_at": datetime(2023, 1, 1)}, "received_at"),
    ],
)
def test_invalid_input_names_the_field_and_writes_nothing(
    services: Services, change: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.register.create(LOCAL_OPERATOR, replace(LETTER, **change))  # type: ignore[arg-type]
    assert caught.value.field == field
    assert str(caught.value)  # an Indonesian sentence the form shows beside the field
    assert _count(services, Complaint) == 0
    assert _count(services, StatusChange) == 0


def test_dispose_follow_up_and_complete(services: Services, units: dict[str, int]) -> None:
    row = services.register.create(LOCAL_OPERATOR, LETTER).complaint
    services.register.dispose(
        LOCAL_OPERATOR, row.id, [units["SETDITJEN-LINJAMSOS"], units["BIRO-HUMAS"]],
        "Mohon dicek status kepesertaan.",
    )
    services.register.add_follow_up(
        LOCAL_OPERATOR, row.id, units["SETDITJEN-LINJAMSOS"], FollowUpKind.FIRST_RESPONSE,
        "Sedang dicek bersama Dinas Sosial.", posted_at=datetime(2022, 11, 9, 10, 0),
    )
    detail = services.register.get(row.id)
    assert detail.row.status is InternalStatus.PROSES
    assert [d.is_lead for d in detail.dispositions] == [True, False]
    assert detail.row.lead_unit == "Setditjen Linjamsos"
    first = next(s for s in detail.sla if s.stage is SlaStage.FIRST_RESPONSE)
    assert first.state is SlaState.MET
    services.register.add_follow_up(
        LOCAL_OPERATOR, row.id, units["SETDITJEN-LINJAMSOS"], FollowUpKind.COMPLETION,
        "Bantuan telah disalurkan kembali.",
    )
    detail = services.register.get(row.id)
    assert detail.row.status is InternalStatus.SELESAI
    assert [h.to_status for h in detail.history] == [
        InternalStatus.BELUM_TERVERIFIKASI,
        InternalStatus.BELUM_DITINDAKLANJUTI,
        InternalStatus.PROSES,
        InternalStatus.SELESAI,
    ]


def test_dispose_refuses_a_unit_twice_and_a_closed_complaint_writing_nothing(
    services: Services, units: dict[str, int]
) -> None:
    # The register, the desktop's undoable actions and meetings share these rules
    # (services/complaint_changes.py); a refusal leaves the complaint as it was.
    row = services.register.create(LOCAL_OPERATOR, LETTER).complaint
    services.register.dispose(LOCAL_OPERATOR, row.id, [units["BIRO-HUMAS"]])
    with pytest.raises(ValidationError, match="Biro Hubungan Masyarakat") as caught:
        services.register.dispose(
            LOCAL_OPERATOR, row.id, [units["SET-ITJEN"], units["BIRO-HUMAS"]]
        )
    assert caught.value.field == "units"
    assert [d.unit for d in services.register.get(row.id).dispositions] == [
        "Biro Hubungan Masyarakat"
    ]
    services.register.change_status(
        LOCAL_OPERATOR, row.id, InternalStatus.DIARSIPKAN, reason="Duplikat"
    )
    history = len(services.register.get(row.id).history)
    with pytest.raises(InvalidTransition, match="Diarsipkan"):
        services.register.dispose(LOCAL_OPERATOR, row.id, [units["SET-ITJEN"]])
    detail = services.register.get(row.id)
    assert len(detail.dispositions) == 1 and len(detail.history) == history


def test_info_request_pauses_the_clock(services: Services, units: dict[str, int]) -> None:
    row = services.register.create(LOCAL_OPERATOR, LETTER).complaint
    services.register.dispose(LOCAL_OPERATOR, row.id, [units["BIRO-HUMAS"]])
    services.register.add_follow_up(
        LOCAL_OPERATOR, row.id, units["BIRO-HUMAS"], FollowUpKind.INFO_REQUEST,
        "Mohon lengkapi alamat.",
    )
    services.settings.set_reference_date(LOCAL_OPERATOR, date(2022, 11, 21))
    detail = services.register.get(row.id)
    assert detail.row.status is InternalStatus.MENUNGGU_KELENGKAPAN
    completion = next(s for s in detail.sla if s.stage is SlaStage.COMPLETION)
    assert completion.paused_workdays == 5  # 15–21 Nov 2022 waiting for the reporter
    calendar = services.settings.calendar()
    assert completion.due == calendar.add_working_days(date(2022, 11, 14), 14 + 5)


def test_follow_up_dated_before_receipt_is_refused(
    services: Services, units: dict[str, int]
) -> None:
    row = services.register.create(LOCAL_OPERATOR, LETTER).complaint
    services.register.dispose(LOCAL_OPERATOR, row.id, [units["BIRO-HUMAS"]])
    with pytest.raises(ValidationError) as caught:
        services.register.add_follow_up(
            LOCAL_OPERATOR, row.id, units["BIRO-HUMAS"], FollowUpKind.FOLLOW_UP, "x",
            posted_at=datetime(2022, 11, 1, 9, 0),
        )
    assert caught.value.field == "posted_at"


def test_invalid_transition_is_refused_with_clear_message(
    services: Services, units: dict[str, int]
) -> None:
    row = services.register.create(LOCAL_OPERATOR, LETTER).complaint
    with pytest.raises(InvalidTransition, match="Belum terverifikasi"):
        services.register.change_status(LOCAL_OPERATOR, row.id, InternalStatus.SELESAI)
    with pytest.raises(ValidationError) as caught:
        services.register.change_status(LOCAL_OPERATOR, row.id, InternalStatus.DIARSIPKAN)
    assert caught.value.field == "reason"
    services.register.change_status(
        LOCAL_OPERATOR, row.id, InternalStatus.DIARSIPKAN, reason="Duplikat"
    )
    assert services.register.get(row.id).status_reason == "Duplikat"


def test_follow_up_before_disposition_is_refused(
    services: Services, units: dict[str, int]
) -> None:
    row = services.register.create(LOCAL_OPERATOR, LETTER).complaint
    with pytest.raises(ValidationError):
        services.register.add_follow_up(
            LOCAL_OPERATOR, row.id, units["BIRO-HUMAS"], FollowUpKind.FOLLOW_UP, "x"
        )


def test_two_people_editing_the_same_complaint(services: Services, units: dict[str, int]) -> None:
    row = services.register.create(LOCAL_OPERATOR, LETTER).complaint
    other = Actor("siti", "Siti (Biro Humas)")
    services.register.edit(other, row.id, row.version, replace(LETTER, title="Judul diperbaiki"))
    with pytest.raises(ConcurrentEdit, match="diubah oleh orang lain"):
        services.register.edit(
            LOCAL_OPERATOR, row.id, row.version, replace(LETTER, title="Judul saya")
        )
    assert services.register.get(row.id).row.title == "Judul diperbaiki"


def test_mark_urgent_requires_reason(services: Services, units: dict[str, int]) -> None:
    row = services.register.create(LOCAL_OPERATOR, LETTER).complaint
    with pytest.raises(ValidationError):
        services.register.mark_urgent(LOCAL_OPERATOR, row.id, True, "")
    services.register.mark_urgent(LOCAL_OPERATOR, row.id, True, "Diminta pimpinan")
    detail = services.register.get(row.id)
    assert detail.row.urgent and detail.urgent_reason == "Diminta pimpinan"


def test_unknown_complaint_and_unit(services: Services, units: dict[str, int]) -> None:
    with pytest.raises(NotFound):
        services.register.get(999)
    row = services.register.create(LOCAL_OPERATOR, LETTER).complaint
    with pytest.raises(ValidationError):
        services.register.dispose(LOCAL_OPERATOR, row.id, [999])
    with pytest.raises(ValidationError):
        services.register.dispose(LOCAL_OPERATOR, row.id, [])


def test_urgent_topic_has_its_own_completion_limit(
    services: Services, units: dict[str, int]
) -> None:
    with make_session_factory(services.engine).begin() as session:
        topic = session.scalar(select(Topic).where(Topic.code == "PUNGLI"))
        assert topic is not None
        topic.urgent_sla_workdays = 5
    created = services.register.create(
        LOCAL_OPERATOR, replace(LETTER, title="Bantuan dipotong oknum", text="Dipotong.")
    )
    detail = services.register.get(created.complaint.id)
    completion = next(s for s in detail.sla if s.stage is SlaStage.COMPLETION)
    assert completion.limit_workdays == 5
