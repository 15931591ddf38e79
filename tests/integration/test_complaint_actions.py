"""Undoable and bulk actions and the form's helpers on real SQLite and PostgreSQL registers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from lapor_desk.domain.actor import LOCAL_OPERATOR, Actor
from lapor_desk.domain.enums import FollowUpKind, InternalStatus, SlaStage, SlaState
from lapor_desk.domain.errors import ConcurrentEdit, InvalidTransition, ValidationError
from lapor_desk.models import ComplaintDeadline, Disposition, FollowUp, Topic, Unit
from lapor_desk.persistence.engine import make_session_factory
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.complaint_actions import ActionKind
from lapor_desk.services.register import ComplaintInput
from tests.conftest import fixed_clock

S = InternalStatus
LETTER = ComplaintInput(
    received_at=datetime(2022, 11, 7, 9, 30),
    title="Bantuan PKH tidak diterima sejak Agustus",
    text="Saya sudah terdaftar PKH tetapi sejak Agustus 2022 bantuan tidak masuk ke rekening.",
    channel="Pos Surat",
    reporter_name="Warga Contoh",
    reporter_nik="3174 0512 0685 0003",
    reporter_phone="+62 812-3456-7890",
)
SITI = Actor("siti", "Siti (Biro Humas)")


def _units(services: Services) -> dict[str, int]:
    with make_session_factory(services.engine).begin() as session:
        humas = Unit(name="Biro Hubungan Masyarakat", abbreviation="BIRO-HUMAS", kind="eselon_ii")
        linjamsos = Unit(name="Setditjen Linjamsos", abbreviation="SETDITJEN-LINJAMSOS",
                         kind="eselon_ii")
        itjen = Unit(name="Sekretariat Inspektorat Jenderal", abbreviation="SET-ITJEN",
                     kind="eselon_ii")
        old = Unit(name="Biro Lama", abbreviation="BIRO-LAMA", kind="eselon_ii",
                   active_to=date(2021, 12, 31))
        session.add_all([humas, linjamsos, itjen, old])
        session.flush()
        session.add(Topic(code="PKH", name="PKH", default_unit_id=linjamsos.id,
                          keywords="pkh,keluarga harapan"))
        session.add(Topic(code="PUNGLI", name="Pungli", urgent=True, default_unit_id=itjen.id,
                          keywords="pungli,dipotong"))
        return {u.abbreviation: u.id for u in (humas, linjamsos, itjen, old)}


@pytest.fixture
def units(services: Services) -> dict[str, int]:
    return _units(services)


def _count(services: Services, model: type) -> int:
    with make_session_factory(services.engine)() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _new(services: Services, **change: object) -> int:
    return services.register.create(LOCAL_OPERATOR, replace(LETTER, **change)).complaint.id  # type: ignore[arg-type]


def test_dispose_then_undo_withdraws_and_restores_verification(
    services: Services, units: dict[str, int]
) -> None:
    complaint_id = _new(services)
    result = services.actions.dispose(
        SITI, complaint_id, [units["SETDITJEN-LINJAMSOS"], units["BIRO-HUMAS"]], "  Mohon dicek. "
    )
    (record,) = result.done
    assert record.kind is ActionKind.DISPOSE and len(record.disposition_ids) == 2
    assert result.changes.complaints == {complaint_id}
    detail = services.register.get(complaint_id)
    assert detail.row.status is S.BELUM_DITINDAKLANJUTI
    assert detail.row.lead_unit == "Setditjen Linjamsos"
    assert [d.instruction for d in detail.dispositions] == ["Mohon dicek."] * 2

    undone = services.actions.undo(SITI, result.done)
    assert undone.done == result.done and not undone.failures
    detail = services.register.get(complaint_id)
    assert detail.row.status is S.BELUM_TERVERIFIKASI
    assert detail.row.lead_unit is None
    assert all(d.withdrawn_at == fixed_clock() for d in detail.dispositions)  # kept, withdrawn
    last = detail.history[-1]
    assert (last.origin, last.from_status, last.to_status) == (
        "undo", S.BELUM_DITINDAKLANJUTI, S.BELUM_TERVERIFIKASI,
    )
    assert last.reason == (
        "Dibatalkan: disposisi ke Setditjen Linjamsos, Biro Hubungan Masyarakat"
    )
    assert last.changed_by == "Siti (Biro Humas)"
    with make_session_factory(services.engine)() as session:
        deadline = session.get(ComplaintDeadline, complaint_id)
        assert deadline is not None and deadline.lead_unit_id is None  # deadlines refreshed

    # Redo: the same action again, with a new lead.
    again = services.actions.dispose(SITI, complaint_id, [units["SETDITJEN-LINJAMSOS"]])
    assert services.register.get(complaint_id).row.lead_unit == "Setditjen Linjamsos"
    assert again.done[0].disposition_ids != record.disposition_ids


def test_dispose_refuses_closed_complaints_inactive_units_and_repeats(
    services: Services, units: dict[str, int]
) -> None:
    complaint_id = _new(services)
    with pytest.raises(ValidationError, match="tidak aktif"):
        services.actions.dispose(SITI, complaint_id, [units["BIRO-LAMA"]])
    services.actions.dispose(SITI, complaint_id, [units["BIRO-HUMAS"]])
    with pytest.raises(ValidationError, match="Sudah didisposisikan ke Biro Hubungan Masyarakat"):
        services.actions.dispose(SITI, complaint_id, [units["BIRO-HUMAS"]])
    services.actions.change_status(SITI, complaint_id, S.DIARSIPKAN, "Duplikat")
    with pytest.raises(InvalidTransition, match="Diarsipkan"):
        services.actions.dispose(SITI, complaint_id, [units["SET-ITJEN"]])
    assert _count(services, Disposition) == 1


def test_follow_up_undo_removes_the_answer_and_its_status_move(
    services: Services, units: dict[str, int]
) -> None:
    complaint_id = _new(services)
    services.actions.dispose(SITI, complaint_id, [units["SETDITJEN-LINJAMSOS"]])
    result = services.actions.add_follow_up(
        SITI, complaint_id, units["SETDITJEN-LINJAMSOS"], FollowUpKind.FIRST_RESPONSE,
        "Sedang dicek bersama Dinas Sosial.", posted_at=datetime(2022, 11, 9, 10, 0),
    )
    detail = services.register.get(complaint_id)
    assert detail.row.status is S.PROSES
    first = next(s for s in detail.sla if s.stage is SlaStage.FIRST_RESPONSE)
    assert first.state is SlaState.MET

    services.actions.undo(SITI, result.done)
    detail = services.register.get(complaint_id)
    assert detail.row.status is S.BELUM_DITINDAKLANJUTI
    assert detail.follow_ups == ()
    first = next(s for s in detail.sla if s.stage is SlaStage.FIRST_RESPONSE)
    assert first.done is None  # the deadline runs again
    assert detail.history[-1].origin == "undo"
    assert detail.history[-1].reason is not None
    assert "tindak lanjut tanggal 9 November 2022" in detail.history[-1].reason
    assert _count(services, FollowUp) == 0


def test_follow_up_that_keeps_the_status_is_undone_with_a_note(
    services: Services, units: dict[str, int]
) -> None:
    complaint_id = _new(services)
    services.actions.dispose(SITI, complaint_id, [units["BIRO-HUMAS"]])
    services.actions.add_follow_up(
        SITI, complaint_id, units["BIRO-HUMAS"], FollowUpKind.FIRST_RESPONSE, "Dicek."
    )
    second = services.actions.add_follow_up(
        SITI, complaint_id, units["BIRO-HUMAS"], FollowUpKind.FOLLOW_UP, "Masih dicek."
    )
    services.actions.undo(SITI, second.done)
    detail = services.register.get(complaint_id)
    assert [f.text for f in detail.follow_ups] == ["Dicek."]
    note = detail.history[-1]
    assert (note.origin, note.from_status, note.to_status) == ("undo", S.PROSES, S.PROSES)


def test_status_undo_restores_a_move_the_lifecycle_would_not_allow(
    services: Services, units: dict[str, int]
) -> None:
    complaint_id = _new(services)
    services.actions.dispose(SITI, complaint_id, [units["BIRO-HUMAS"]])
    to_proses = services.actions.change_status(SITI, complaint_id, S.PROSES)
    to_selesai = services.actions.change_status(SITI, complaint_id, S.SELESAI)
    assert services.register.get(complaint_id).row.status is S.SELESAI
    services.actions.undo(SITI, to_selesai.done)
    services.actions.undo(SITI, to_proses.done)  # Proses → Belum ditindaklanjuti is no move
    detail = services.register.get(complaint_id)
    assert detail.row.status is S.BELUM_DITINDAKLANJUTI
    assert [h.origin for h in detail.history[-2:]] == ["undo", "undo"]
    with pytest.raises(InvalidTransition):
        services.actions.change_status(SITI, complaint_id, S.BELUM_TERVERIFIKASI)


def test_urgent_undo_restores_flag_and_reason(services: Services, units: dict[str, int]) -> None:
    complaint_id = _new(services)
    with pytest.raises(ValidationError) as caught:
        services.actions.mark_urgent(SITI, complaint_id, True, "  ")
    assert caught.value.field == "reason"
    result = services.actions.mark_urgent(SITI, complaint_id, True, "Diminta pimpinan")
    detail = services.register.get(complaint_id)
    assert detail.row.urgent and detail.urgent_reason == "Diminta pimpinan"
    services.actions.undo(SITI, result.done)
    detail = services.register.get(complaint_id)
    assert not detail.row.urgent and detail.urgent_reason is None
    assert detail.history[-1].reason == "Dibatalkan: tanda mendesak “Diminta pimpinan”"


def test_undo_leaves_a_complaint_alone_when_it_changed_since(
    services: Services, units: dict[str, int]
) -> None:
    complaint_id = _new(services)
    services.actions.dispose(SITI, complaint_id, [units["BIRO-HUMAS"]])
    to_proses = services.actions.change_status(SITI, complaint_id, S.PROSES)
    services.register.change_status(LOCAL_OPERATOR, complaint_id, S.SELESAI)  # someone else
    result = services.actions.undo(SITI, to_proses.done)
    assert result.done == ()
    (failure,) = result.failures
    assert failure.tracking_id == "LD-2022-00001"
    assert "sudah berubah" in failure.message and "Selesai" in failure.message
    assert services.register.get(complaint_id).row.status is S.SELESAI


def test_single_action_checks_the_version_it_was_shown(
    services: Services, units: dict[str, int]
) -> None:
    complaint_id = _new(services)
    shown = services.register.get(complaint_id).row.version
    services.actions.mark_urgent(LOCAL_OPERATOR, complaint_id, True, "Pimpinan")
    with pytest.raises(ConcurrentEdit):
        services.actions.dispose(SITI, complaint_id, [units["BIRO-HUMAS"]],
                                 expected_version=shown)


def test_bulk_dispose_reports_each_refused_complaint_and_does_the_rest(
    services: Services, units: dict[str, int]
) -> None:
    ids = [_new(services) for _ in range(5)]
    services.actions.change_status(SITI, ids[1], S.DIARSIPKAN, "Duplikat")
    services.actions.dispose(SITI, ids[3], [units["SET-ITJEN"]])
    steps: list[tuple[int, int]] = []
    result = services.actions.bulk_dispose(
        SITI, [*ids, 999], [units["SET-ITJEN"]], "Segera",
        progress=lambda done, total: steps.append((done, total)),
    )
    assert sorted(r.complaint_id for r in result.done) == [ids[0], ids[2], ids[4]]
    assert [(f.tracking_id, f.complaint_id) for f in result.failures] == [
        ("LD-2022-00002", ids[1]), ("LD-2022-00004", ids[3]), (None, 999),
    ]
    assert "Diarsipkan" in result.failures[0].message
    assert "Sudah didisposisikan" in result.failures[1].message
    assert result.failures[2].message == "Pengaduan tidak ditemukan."
    assert steps[-1] == (6, 6) and len(steps) == 6
    for complaint_id in (ids[0], ids[2], ids[4]):
        assert services.register.get(complaint_id).row.lead_unit == (
            "Sekretariat Inspektorat Jenderal"
        )
    assert _count(services, Disposition) == 4

    undone = services.actions.undo(SITI, result.done)
    assert len(undone.done) == 3 and not undone.failures
    assert all(
        services.register.get(i).row.status is S.BELUM_TERVERIFIKASI
        for i in (ids[0], ids[2], ids[4])
    )


def test_cancelled_bulk_action_writes_nothing(services: Services, units: dict[str, int]) -> None:
    ids = [_new(services) for _ in range(4)]

    class Stop(Exception):
        pass

    def progress(done: int, total: int) -> None:
        if done == 3:
            raise Stop

    with pytest.raises(Stop):
        services.actions.bulk_change_status(SITI, ids, S.DIARSIPKAN, "Spam", progress=progress)
    assert all(services.register.get(i).row.status is S.BELUM_TERVERIFIKASI for i in ids)
    assert all(len(services.register.get(i).history) == 1 for i in ids)


def test_bulk_status_lists_invalid_transitions(services: Services, units: dict[str, int]) -> None:
    ids = [_new(services) for _ in range(3)]
    services.actions.dispose(SITI, ids[0], [units["BIRO-HUMAS"]])
    result = services.actions.bulk_change_status(SITI, ids, S.PROSES)
    assert [r.complaint_id for r in result.done] == [ids[0]]
    assert [f.complaint_id for f in result.failures] == ids[1:]
    assert "tidak dapat diubah menjadi “Proses”" in result.failures[0].message
    with pytest.raises(ValidationError):
        services.actions.bulk_change_status(SITI, [], S.PROSES)


def test_suggestion_and_choices(services: Services, units: dict[str, int]) -> None:
    proposal = services.intake.suggest("Bantuan dipotong oknum", "Dipotong Rp50.000", None)
    assert proposal.unit == "Sekretariat Inspektorat Jenderal"
    assert proposal.topic == "Pungli" and proposal.urgent and proposal.matched == "dipotong"
    nothing = services.intake.suggest("Halo", "Apa kabar", None)
    assert (nothing.topic_id, nothing.unit_id, nothing.urgent) == (None, None, False)
    choices = services.intake.choices()
    assert "BIRO-LAMA" not in {u.abbreviation for u in choices.units}  # closed in 2021
    assert [t.name for t in choices.topics] == ["PKH", "Pungli"]


def test_likely_duplicates_same_reporter_similar_title_within_thirty_days(
    services: Services, units: dict[str, int]
) -> None:
    first = services.register.create(LOCAL_OPERATOR, LETTER).complaint
    services.register.create(
        LOCAL_OPERATOR,
        replace(LETTER, title="Kartu KKS hilang", received_at=datetime(2022, 11, 8, 9, 0)),
    )
    services.register.create(
        LOCAL_OPERATOR, replace(LETTER, received_at=datetime(2022, 9, 1, 9, 0))  # too old
    )
    when = datetime(2022, 11, 14, 10, 0)
    found = services.intake.likely_duplicates(
        "3174051206850003", None, "PKH belum diterima sejak agustus", when
    )
    assert [d.tracking_id for d in found] == [first.tracking_id]
    assert found[0].same_nik and not found[0].same_phone and found[0].similarity >= 0.5
    by_phone = services.intake.likely_duplicates(None, "0812 3456 7890", LETTER.title, when)
    assert [d.id for d in by_phone] == [first.id] and by_phone[0].same_phone
    assert services.intake.likely_duplicates("12345", "", LETTER.title, when) == ()
    assert services.intake.likely_duplicates("3174051206850003", None, "  ", when) == ()
    other = services.intake.likely_duplicates("3175051206850003", None, LETTER.title, when)
    assert other == ()


@pytest.mark.postgres
def test_bulk_savepoints_and_undo_on_postgresql(pg_services: Services) -> None:
    units = _units(pg_services)
    ids = [_new(pg_services) for _ in range(3)]
    pg_services.actions.change_status(SITI, ids[1], S.TERBLOKIR, "SARA")
    result = pg_services.actions.bulk_dispose(SITI, ids, [units["BIRO-HUMAS"]])
    assert [r.complaint_id for r in result.done] == [ids[0], ids[2]]
    assert [f.complaint_id for f in result.failures] == [ids[1]]
    pg_services.actions.undo(SITI, result.done)
    assert all(
        pg_services.register.get(i).row.status is S.BELUM_TERVERIFIKASI for i in (ids[0], ids[2])
    )


def test_undo_while_waiting_for_the_reporter_is_a_note_and_keeps_one_pause(
    services: Services, units: dict[str, int]
) -> None:
    complaint_id = _new(services)
    services.actions.dispose(SITI, complaint_id, [units["BIRO-HUMAS"]])
    services.actions.add_follow_up(
        SITI, complaint_id, units["BIRO-HUMAS"], FollowUpKind.INFO_REQUEST, "Mohon lengkapi KK."
    )
    urgent = services.actions.mark_urgent(SITI, complaint_id, True, "Pelapor lansia")
    services.actions.undo(SITI, urgent.done)
    services.settings.set_reference_date(SITI, date(2022, 11, 21))
    detail = services.register.get(complaint_id)
    note = detail.history[-1]
    assert (note.origin, note.from_status, note.to_status) == (
        "undo", S.MENUNGGU_KELENGKAPAN, S.MENUNGGU_KELENGKAPAN,
    )
    completion = next(s for s in detail.sla if s.stage is SlaStage.COMPLETION)
    assert completion.paused_workdays == 5  # 14–21 Nov 2022 once; counted twice it would be 10
