"""Merging a newer export into the register: upsert by tracking id, never touching local work."""

from __future__ import annotations

import copy
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.domain.enums import FollowUpKind, InternalStatus
from lapor_desk.domain.errors import ConcurrentEdit
from lapor_desk.models import (
    Complaint,
    Disposition,
    FollowUp,
    ImportBatch,
    RoutingRule,
    StatusChange,
    Topic,
    TopicCategory,
    Unit,
)
from lapor_desk.persistence.engine import make_session_factory
from lapor_desk.persistence.search import FTS_TABLE, match_condition
from lapor_desk.services.bootstrap import Services, open_services
from tests.conftest import fixed_clock
from tests.fixtures_portal import Row, portal_rows, register_snapshot, write_xlsx

S = InternalStatus


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
        pkh = Topic(code="PKH", name="Program Keluarga Harapan", default_unit_id=linjamsos.id,
                    keywords="pkh,keluarga harapan")
        pungli = Topic(code="PUNGLI", name="Pungutan Liar", urgent=True,
                       default_unit_id=itjen.id, keywords="pungli")
        session.add_all([pkh, pungli])
        session.flush()
        session.add(TopicCategory(portal_id=1443, portal_name="PKH Program Keluarga Harapan",
                                  topic_id=pkh.id))
        session.add(RoutingRule(priority=10, keyword="pungli", unit_id=itjen.id,
                                topic_id=pungli.id, mark_urgent=True))
        return {u.abbreviation: u.id for u in (humas, linjamsos, itjen)}


@pytest.fixture
def rows() -> list[Row]:
    rows = portal_rows(12)
    for row in rows:  # a known starting point for the status rules
        row["Status Laporan"] = "Terverifikasi"
        row["Alasan Tunda/Arsip"] = ""
    return rows


def imported(services: Services, path: Path) -> None:
    preview = services.imports.preview(path)
    assert not preview.errors, preview.errors
    services.imports.commit(LOCAL_OPERATOR, preview)


def by_tracking(services: Services, tracking: object) -> Complaint:
    with make_session_factory(services.engine)() as session:
        complaint = session.scalar(select(Complaint).where(Complaint.tracking_id == str(tracking)))
        assert complaint is not None
        return complaint


def history(services: Services, complaint_id: int) -> list[tuple[str | None, str, str]]:
    with make_session_factory(services.engine)() as session:
        return [(h.from_status, h.to_status, h.origin) for h in session.scalars(
            select(StatusChange).where(StatusChange.complaint_id == complaint_id)
            .order_by(StatusChange.id))]


def test_reimporting_the_same_file_changes_nothing(
    services: Services, tmp_path: Path, rows: list[Row]
) -> None:
    path = write_xlsx(tmp_path / "export.xlsx", rows)
    imported(services, path)
    before = register_snapshot(services.engine)
    again = services.imports.preview(path)
    assert (len(again.new), len(again.changed), again.unchanged) == (0, 0, 12)
    assert any("sudah diimpor" in w for w in again.warnings)
    result = services.imports.commit(LOCAL_OPERATOR, again)
    assert result.batch_id is None and (result.new, result.changed) == (0, 0)
    assert register_snapshot(services.engine) == before


def test_newer_export_updates_portal_fields_and_never_local_work(
    services: Services, units: dict[str, int], tmp_path: Path, rows: list[Row]
) -> None:
    imported(services, write_xlsx(tmp_path / "week1.xlsx", rows))
    first, second, third = (by_tracking(services, r["Tracking ID"]) for r in rows[:3])
    # Work that lives only here.
    services.register.dispose(LOCAL_OPERATOR, first.id, [units["SETDITJEN-LINJAMSOS"]],
                              "Mohon ditindaklanjuti.")
    services.register.add_follow_up(LOCAL_OPERATOR, first.id, units["SETDITJEN-LINJAMSOS"],
                                    FollowUpKind.FIRST_RESPONSE, "Sedang dicek.",
                                    posted_at=datetime(2022, 11, 10, 9, 0))
    services.register.mark_urgent(LOCAL_OPERATOR, first.id, True, "Dibahas di rapat koordinasi")
    services.register.change_status(LOCAL_OPERATOR, third.id, S.PROSES)
    local = by_tracking(services, rows[0]["Tracking ID"])
    assert local.status == S.PROSES.value

    newer = copy.deepcopy(rows)
    newer[0]["Isi Laporan Akhir"] = "Teks yang disunting ulang oleh admin portal."
    newer[0]["Klasifikasi Laporan"] = "Pengaduan Berkadar Pengawasan"
    newer[0]["Status Laporan"] = "Terverifikasi"  # unchanged on the portal
    newer[1]["Status Laporan"] = "Ditutup oleh Admin"  # finished on the portal
    newer[2]["Status Laporan"] = "Belum Terverifikasi"  # the portal says less than we know
    preview = services.imports.preview(write_xlsx(tmp_path / "week2.xlsx", newer))
    assert (len(preview.new), len(preview.changed), preview.unchanged) == (0, 3, 9)
    changes = {c.tracking_id: {f.label: (f.old, f.new) for f in c.changes}
               for c in preview.changed}
    assert changes[str(rows[0]["Tracking ID"])]["Isi Laporan Akhir"] == (
        rows[0]["Isi Laporan Akhir"], "Teks yang disunting ulang oleh admin portal.")
    assert changes[str(rows[1]["Tracking ID"])]["Status Laporan"] == (
        "Terverifikasi", "Ditutup oleh Admin")
    assert "Status di LAPOR Desk" in changes[str(rows[1]["Tracking ID"])]
    assert "Status di LAPOR Desk" not in changes[str(rows[2]["Tracking ID"])]

    result = services.imports.commit(LOCAL_OPERATOR, preview)
    assert (result.changed, result.status_moves) == (3, 1)
    updated = by_tracking(services, rows[0]["Tracking ID"])
    assert updated.text_edited == "Teks yang disunting ulang oleh admin portal."
    assert updated.klasifikasi == "Pengaduan Berkadar Pengawasan"
    assert updated.status == S.PROSES.value
    assert updated.urgent and updated.urgent_reason == "Dibahas di rapat koordinasi"
    assert updated.version == local.version + 1
    with make_session_factory(services.engine)() as session:
        assert session.scalar(select(func.count()).select_from(Disposition)) == 1
        assert session.scalar(select(FollowUp.text)) == "Sedang dicek."
    closed = by_tracking(services, rows[1]["Tracking ID"])
    assert closed.status == S.SELESAI.value and closed.completed_at is not None
    assert history(services, second.id)[-1] == ("belum_ditindaklanjuti", "selesai", "import")
    behind = by_tracking(services, rows[2]["Tracking ID"])
    assert behind.status == S.PROSES.value and behind.portal_status == "Belum Terverifikasi"
    assert history(services, third.id)[-1][2] == "manual"


def test_a_status_the_lifecycle_forbids_is_kept_and_reported(
    services: Services, tmp_path: Path, rows: list[Row]
) -> None:
    imported(services, write_xlsx(tmp_path / "week1.xlsx", rows))
    complaint = by_tracking(services, rows[0]["Tracking ID"])
    services.register.change_status(LOCAL_OPERATOR, complaint.id, S.PROSES)
    newer = copy.deepcopy(rows)
    newer[0]["Status Laporan"] = "Konten Terblokir"
    newer[1]["Status Laporan"] = "Diarsipkan oleh Admin"
    newer[1]["Alasan Tunda/Arsip"] = "Laporan ganda"
    preview = services.imports.preview(write_xlsx(tmp_path / "week2.xlsx", newer))
    assert any("Konten Terblokir" in w and "Proses" in w for w in preview.warnings)
    services.imports.commit(LOCAL_OPERATOR, preview)
    assert by_tracking(services, rows[0]["Tracking ID"]).status == S.PROSES.value
    archived = by_tracking(services, rows[1]["Tracking ID"])
    assert archived.status == S.DIARSIPKAN.value and archived.status_reason == "Laporan ganda"


def test_privacy_flags_are_only_ever_added_and_blank_cells_keep_contacts(
    services: Services, tmp_path: Path, rows: list[Row]
) -> None:
    headers = [*rows[0].keys() - {"_received"}]
    rows[0]["Tipe Laporan (Anonim/Rahasia)"] = "Anonim"
    rows[0]["Nama Pelapor"] = "Warga Contoh"
    headers.append("Nama Pelapor")
    from tests.fixtures_portal import PORTAL_HEADERS

    headers = [*PORTAL_HEADERS, "Nama Pelapor"]
    imported(services, write_xlsx(tmp_path / "week1.xlsx", rows, headers))
    newer = copy.deepcopy(rows)
    newer[0]["Tipe Laporan (Anonim/Rahasia)"] = ""
    newer[0]["Nama Pelapor"] = ""
    preview = services.imports.preview(write_xlsx(tmp_path / "week2.xlsx", newer, headers))
    assert (len(preview.changed), preview.unchanged) == (0, 12)
    stored = by_tracking(services, rows[0]["Tracking ID"])
    assert stored.anonim and stored.reporter_name == "Warga Contoh"


def test_missing_complaints_of_the_period_are_listed(
    services: Services, tmp_path: Path, rows: list[Row]
) -> None:
    imported(services, write_xlsx(tmp_path / "week1.xlsx", rows))
    preview = services.imports.preview(write_xlsx(tmp_path / "week2.xlsx", rows[2:]))
    assert {m.tracking_id for m in preview.missing} == {str(r["Tracking ID"]) for r in rows[:2]}
    result = services.imports.commit(LOCAL_OPERATOR, preview)
    assert result.batch_id is None  # nothing to write; missing complaints are never deleted
    assert by_tracking(services, rows[0]["Tracking ID"]).title == rows[0]["Judul Laporan"]


def test_new_complaints_get_topic_routing_and_urgency_but_no_disposition(
    services: Services, units: dict[str, int], tmp_path: Path, rows: list[Row]
) -> None:
    rows[0]["ID Kategori"], rows[0]["Kategori"] = 1443, "PKH Program Keluarga Harapan"
    rows[1]["ID Kategori"], rows[1]["Kategori"] = 9999, "Kategori Baru"
    rows[2]["Judul Laporan"] = "Dugaan pungli oleh oknum pendamping"
    rows[2]["ID Kategori"] = 1443
    rows[3]["Sumber Laporan"] = "Website - Kementerian-Sosial"
    preview = services.imports.preview(write_xlsx(tmp_path / "export.xlsx", rows))
    new = {n.tracking_id: n for n in preview.new}
    assert new[str(rows[0]["Tracking ID"])].topic == "Program Keluarga Harapan"
    assert new[str(rows[0]["Tracking ID"])].suggested_unit == "Setditjen Linjamsos"
    assert new[str(rows[2]["Tracking ID"])].urgent
    assert new[str(rows[2]["Tracking ID"])].suggested_unit == "Sekretariat Inspektorat Jenderal"
    assert new[str(rows[3]["Tracking ID"])].own_prefix
    assert any("9999" in w and "Kategori Baru" in w for w in preview.warnings)
    services.imports.commit(LOCAL_OPERATOR, preview)
    assert by_tracking(services, rows[1]["Tracking ID"]).topic_id is None
    urgent = by_tracking(services, rows[2]["Tracking ID"])
    assert urgent.urgent and "pungli" in (urgent.urgent_reason or "")
    assert by_tracking(services, rows[3]["Tracking ID"]).channel == "Website - kementerian-sosial"
    with make_session_factory(services.engine)() as session:
        assert session.scalar(select(func.count()).select_from(Disposition)) == 0
        assert {h.origin for h in session.scalars(select(StatusChange))} == {"import"}


def test_commit_is_preceded_by_a_backup_of_the_register(
    services: Services, tmp_path: Path, rows: list[Row]
) -> None:
    imported(services, write_xlsx(tmp_path / "week1.xlsx", rows[:5]))
    preview = services.imports.preview(write_xlsx(tmp_path / "week2.xlsx", rows))
    result = services.imports.commit(LOCAL_OPERATOR, preview)
    assert result.backup is not None and result.backup.parent == tmp_path / "backups"
    assert str(result.backup) in result.backup_note
    with sqlite3.connect(result.backup) as backup:
        assert backup.execute("SELECT count(*) FROM complaint").fetchone() == (5,)


def test_a_complaint_edited_between_preview_and_commit_aborts_the_whole_import(
    services: Services, tmp_path: Path, rows: list[Row]
) -> None:
    imported(services, write_xlsx(tmp_path / "week1.xlsx", rows[:6]))
    newer = copy.deepcopy(rows)
    newer[0]["Status Laporan"] = "Ditutup oleh Admin"
    preview = services.imports.preview(write_xlsx(tmp_path / "week2.xlsx", newer))
    assert len(preview.new) == 6 and len(preview.changed) == 1
    complaint = by_tracking(services, rows[0]["Tracking ID"])
    services.register.change_status(LOCAL_OPERATOR, complaint.id, S.PROSES)
    before = register_snapshot(services.engine)
    with pytest.raises(ConcurrentEdit, match="pratinjau"):
        services.imports.commit(LOCAL_OPERATOR, preview)
    assert register_snapshot(services.engine) == before


def test_a_complaint_added_between_preview_and_commit_aborts_the_whole_import(
    services: Services, tmp_path: Path, rows: list[Row]
) -> None:
    path = write_xlsx(tmp_path / "week1.xlsx", rows)
    preview = services.imports.preview(path)
    imported(services, write_xlsx(tmp_path / "other.xlsx", rows[-1:]))
    before = register_snapshot(services.engine)
    with pytest.raises(ConcurrentEdit):
        services.imports.commit(LOCAL_OPERATOR, preview)
    assert register_snapshot(services.engine) == before
    assert search_trigger_exists(services)  # the bulk indexing rolled back with the rest


def search_trigger_exists(services: Services) -> bool:
    with sqlite3.connect(Path(services.location)) as connection:
        return connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = ?",
            (f"{FTS_TABLE}_ai",)).fetchone() == (1,)


def found(services: Services, query: str) -> set[str]:
    condition = match_condition("sqlite", query)
    assert condition is not None
    with make_session_factory(services.engine)() as session:
        return set(session.scalars(select(Complaint.tracking_id).where(condition)))


def test_imported_complaints_are_in_the_search_index(
    services: Services, tmp_path: Path, rows: list[Row]
) -> None:
    rows[0]["Judul Laporan"] = "Bantuan zzyzxsembako tidak sampai"
    rows[1]["Isi Laporan Akhir"] = "Pelapor menyampaikan soal qqwertbansos di desanya."
    imported(services, write_xlsx(tmp_path / "export.xlsx", rows))
    assert found(services, "zzyzxsembako") == {str(rows[0]["Tracking ID"])}
    assert found(services, "qqwertbans") == {str(rows[1]["Tracking ID"])}
    assert search_trigger_exists(services)
    newer = copy.deepcopy(rows)
    newer[0]["Judul Laporan"] = "Bantuan lain"  # an edited title is reindexed by its trigger
    imported(services, write_xlsx(tmp_path / "week2.xlsx", newer))
    assert found(services, "zzyzxsembako") == set()


def test_import_history_lists_committed_batches(
    services: Services, tmp_path: Path, rows: list[Row]
) -> None:
    imported(services, write_xlsx(tmp_path / "week1.xlsx", rows[:4]))
    imported(services, write_xlsx(tmp_path / "week2.xlsx", rows))
    batches = services.imports.batches()
    assert [(b.filename, b.new, b.unchanged) for b in batches] == [
        ("week2.xlsx", 8, 4), ("week1.xlsx", 4, 0)]


@pytest.mark.postgres
def test_postgresql_round_trip(pg_url: str, tmp_path: Path, rows: list[Row]) -> None:
    path = write_xlsx(tmp_path / "export.xlsx", rows)
    with open_services(pg_url, data_dir=tmp_path, clock=fixed_clock) as services:
        preview = services.imports.preview(path)
        result = services.imports.commit(LOCAL_OPERATOR, preview)
        assert result.new == 12 and result.backup is None
        assert "server" in result.backup_note
        again = services.imports.preview(path)
        assert (len(again.new), len(again.changed), again.unchanged) == (0, 0, 12)
        newer = copy.deepcopy(rows)
        newer[0]["Status Laporan"] = "Ditutup oleh Sistem"
        moved = services.imports.commit(
            LOCAL_OPERATOR, services.imports.preview(write_xlsx(tmp_path / "w2.xlsx", newer)))
        assert moved.status_moves == 1
        stored = by_tracking(services, rows[0]["Tracking ID"])
        assert stored.status == S.SELESAI.value and stored.text_original == rows[0][
            "Isi Laporan Awal"]
        exported = services.exports.export(tmp_path / "register.csv")
    with open_services(tmp_path / "copy.sqlite3", data_dir=tmp_path, clock=fixed_clock) as copy_:
        services_copy = copy_
        again = services_copy.imports.preview(exported.path)
        assert len(again.new) == 12 and not again.errors
        with make_session_factory(services_copy.engine)() as session:
            assert session.scalar(select(func.count()).select_from(ImportBatch)) == 0
