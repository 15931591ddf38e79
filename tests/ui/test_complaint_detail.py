"""The complaint detail pane over the demo register: content, masking, refresh, meetings, files."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from lapor_desk import i18n
from lapor_desk.domain.actor import LOCAL_OPERATOR, Actor
from lapor_desk.domain.enums import InternalStatus, Role, SlaState
from lapor_desk.domain.meetings import MeetingKind, MeetingStatus
from lapor_desk.domain.privacy import mask_phone
from lapor_desk.models import Complaint, FollowUp
from lapor_desk.persistence.engine import make_session_factory
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.changes import Changes
from lapor_desk.services.meeting_inputs import MeetingInput
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.views.complaint_detail import ComplaintDetailPane

ADMIN = Actor("admin", "Admin Biro Humas", Role.ADMIN)
AUDITOR = Actor("apip", "Auditor Itjen", Role.AUDITOR)
_PHONE_IN_TEXT = re.compile(r"(?<![\d•])0\d{3}[- ]?\d{4}[- ]?\d{3,4}(?!\d)")


def _meeting_discussing(services: Services, complaint_id: int, notes: str) -> int:
    """A meeting on 21 November 2022 with the complaint on its agenda, in session, noted."""
    meeting_id = services.meetings.create(LOCAL_OPERATOR, MeetingInput(
        title="Rapat Koordinasi Tindak Lanjut Pengaduan", kind=MeetingKind.FOLLOW_UP,
        meeting_date=date(2022, 11, 21))).meeting.id
    item_id, _changes = services.agenda.add_complaint(LOCAL_OPERATOR, meeting_id, complaint_id)
    for status in (MeetingStatus.SCHEDULED, MeetingStatus.IN_SESSION):
        services.meetings.change_status(LOCAL_OPERATOR, meeting_id, status)
    services.meeting_notes.save_item_notes(LOCAL_OPERATOR, item_id, notes, expected_revision=0)
    return meeting_id


def _pick(services: Services, *, anonim: bool) -> int:
    """A finished demo complaint with a phone number, follow-ups and history."""
    with make_session_factory(services.engine)() as session:
        follow_ups = (
            select(func.count())
            .where(FollowUp.complaint_id == Complaint.id)
            .scalar_subquery()
        )
        found = session.scalar(
            select(Complaint.id)
            .where(
                Complaint.anonim.is_(anonim),
                Complaint.reporter_phone.is_not(None),
                Complaint.status == InternalStatus.SELESAI.value,
                Complaint.text_edited.like("%nomor 08%"),
                follow_ups >= 2,
            )
            .order_by(Complaint.id)
            .limit(1)
        )
    assert found is not None
    return int(found)


def _pane(qtbot: QtBot, services: Services, actor: Actor = LOCAL_OPERATOR) -> ComplaintDetailPane:
    events = AppEvents()
    pane = ComplaintDetailPane(services, events, actor)
    qtbot.addWidget(pane)
    pane.resize(640, 900)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


def test_shows_texts_deadlines_dispositions_follow_ups_and_history(
    qtbot: QtBot, demo_services: Services
) -> None:
    pane = _pane(qtbot, demo_services)
    assert pane.stack.currentWidget() is pane.placeholder
    complaint_id = _pick(demo_services, anonim=False)
    with qtbot.waitSignal(pane.complaint_shown) as shown:
        pane.show_complaint(complaint_id)
    assert shown.args == [complaint_id]
    detail = demo_services.register.get(complaint_id)
    assert pane.stack.currentWidget() is pane.scroll_area
    assert pane.title.text() == detail.row.title
    assert pane.tracking.text().startswith(f"{detail.row.tracking_id} · diterima ")
    assert pane.status_chip.text() == "Selesai" and pane.status_chip.tone == "good"
    # What it is about, one fact a line.
    facts = {label.text(): value.text() for label, value in pane.fact_values.values()}
    assert facts["Topik"] == (detail.row.topic or "–")
    assert facts["Kanal"] == (detail.row.channel or "–")
    assert facts["Unit utama"] == (detail.row.lead_unit or "–")
    assert pane.fact_values["portal"][1].isVisibleTo(pane) == bool(detail.portal_status)
    assert pane.dispositions.heading.text() == "Disposisi (1)"
    assert pane.follow_ups.heading.text() == f"Tindak lanjut ({len(detail.follow_ups)})"
    assert pane.history.heading.text() == f"Riwayat status ({len(detail.history)})"
    assert len(pane.sla.chips) == 3
    assert [c.text() for c in pane.sla.chips] == [r.state.label for r in detail.sla]
    # A finished complaint offers no disposition; its texts are both shown.
    assert not pane.dispose_button.isEnabled() and pane.status_button.isEnabled()
    assert pane.text_edited_label.text().startswith("Pelapor")
    assert pane.text_original_label.text() != pane.text_edited_label.text()
    # On no meeting's agenda yet: the meetings section says so.
    assert pane.meetings.heading.text() == "Rapat koordinasi"
    assert not pane.meetings.empty.isHidden()
    assert pane.meetings.empty.text() == "Belum masuk agenda rapat koordinasi mana pun."
    assert not pane.files.empty.isHidden()
    pane.show_complaint(0)
    assert pane.stack.currentWidget() is pane.placeholder and pane.complaint_id == 0


def test_reporter_masked_for_an_operator_with_no_way_to_reveal(
    qtbot: QtBot, demo_services: Services
) -> None:
    pane = _pane(qtbot, demo_services)
    complaint_id = _pick(demo_services, anonim=False)
    pane.show_complaint(complaint_id)
    detail = demo_services.register.get(complaint_id)
    assert detail.reporter_phone and detail.reporter_name
    phone = pane.reporter.values["phone"].text()
    assert phone == mask_phone(detail.reporter_phone) and "••••" in phone
    assert detail.reporter_name not in pane.reporter.values["name"].text()
    assert pane.reporter.reveal_button.isHidden()
    assert "hanya admin" in pane.reporter.note.text()
    # Phone numbers inside the texts are masked too.
    assert _PHONE_IN_TEXT.search(detail.text_edited)
    assert not _PHONE_IN_TEXT.search(pane.text_edited_label.text())


def test_admin_reveals_a_reporter_until_another_complaint_is_shown(
    qtbot: QtBot, demo_services: Services
) -> None:
    pane = _pane(qtbot, demo_services, ADMIN)
    complaint_id = _pick(demo_services, anonim=False)
    pane.show_complaint(complaint_id)
    detail = demo_services.register.get(complaint_id)
    button = pane.reporter.reveal_button
    assert button.isVisible() and button.text() == "Tampilkan data pelapor"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert pane.reporter.values["phone"].text() == detail.reporter_phone
    assert pane.reporter.values["name"].text() == detail.reporter_name
    assert pane.text_edited_label.text() == detail.text_edited
    assert button.text() == "Sembunyikan data pelapor"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert pane.reporter.values["phone"].text() == mask_phone(detail.reporter_phone)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    pane.show_complaint(_pick(demo_services, anonim=True))
    pane.show_complaint(complaint_id)
    assert pane.reporter.values["phone"].text() == mask_phone(detail.reporter_phone)


def test_anonim_reporter_stays_hidden_even_for_an_admin(
    qtbot: QtBot, demo_services: Services
) -> None:
    pane = _pane(qtbot, demo_services, ADMIN)
    complaint_id = _pick(demo_services, anonim=True)
    pane.show_complaint(complaint_id)
    detail = demo_services.register.get(complaint_id)
    assert detail.reporter_phone is not None
    assert pane.reporter.reveal_button.isHidden()
    assert pane.anonim_chip.isVisible()
    assert pane.reporter.values["name"].text() == "Anonim: identitas disembunyikan"
    assert pane.reporter.values["phone"].text() == "(disembunyikan)"
    assert not _PHONE_IN_TEXT.search(pane.text_original_label.text() + pane.title.text())


def test_refreshes_on_changes_and_lists_meetings_and_files(
    qtbot: QtBot, demo_services: Services, tmp_path: Path
) -> None:
    events = AppEvents()
    pane = ComplaintDetailPane(demo_services, events, LOCAL_OPERATOR)
    qtbot.addWidget(pane)
    complaint_id = _pick(demo_services, anonim=False)
    pane.show_complaint(complaint_id)
    assert pane.meetings.heading.text() == "Rapat koordinasi"
    assert not pane.meetings.empty.isHidden()
    # Put on the agenda of a new meeting elsewhere, with notes taken there.
    meeting_id = _meeting_discussing(demo_services, complaint_id, "Unit diminta melapor ulang.")
    events.emit_changes(Changes(complaints=frozenset({complaint_id})))
    assert pane.meetings.heading.text() == "Rapat koordinasi (1)"
    assert pane.meetings.empty.isHidden()
    meeting = pane.meetings.entries[0]
    label = demo_services.meetings.get(meeting_id).row.label
    assert meeting.meta.text() == f"Rapat {label} · Senin, 21 November 2022"  # type: ignore[attr-defined]
    assert "Unit diminta melapor ulang." in meeting.body.text()  # type: ignore[attr-defined]
    letter = tmp_path / "surat-pengantar.pdf"
    letter.write_bytes(b"%PDF-1.4 contoh")
    _row, changes = demo_services.attachments.add(LOCAL_OPERATOR, complaint_id, letter)
    events.emit_changes(changes)
    assert pane.files.heading.text() == "Lampiran (1)"
    assert "surat-pengantar.pdf" in pane.files.entries[0].meta.text()  # type: ignore[attr-defined]
    # Someone reopens the complaint elsewhere: the pane follows the change.
    changed = demo_services.register.change_status(
        LOCAL_OPERATOR, complaint_id, InternalStatus.PROSES, "Pelapor keberatan"
    )
    events.emit_changes(changed)
    assert pane.status_chip.text() == "Proses"
    assert "Pelapor keberatan" in pane.history.entries[-1].body.text()  # type: ignore[attr-defined]


def test_overdue_deadline_is_red_and_auditor_sees_no_actions(
    qtbot: QtBot, demo_services: Services
) -> None:
    with make_session_factory(demo_services.engine)() as session:
        complaint_id = session.scalar(
            select(Complaint.id)
            .where(Complaint.status == InternalStatus.BELUM_DITINDAKLANJUTI.value)
            .order_by(Complaint.received_at)
            .limit(1)
        )
    assert complaint_id is not None
    pane = _pane(qtbot, demo_services, AUDITOR)
    pane.show_complaint(complaint_id)
    overdue = [c for c in pane.sla.chips if c.text() == SlaState.OVERDUE.label]
    assert overdue and all(c.tone == "bad" for c in overdue)
    assert pane.dispose_button.isHidden() and pane.status_button.isHidden()


def test_english_pane(qtbot: QtBot, demo_services: Services) -> None:
    i18n.activate("en")
    pane = _pane(qtbot, demo_services)
    pane.show_complaint(_pick(demo_services, anonim=False))
    assert pane.meetings.empty.text() == "Not on any coordination meeting's agenda yet."
    assert pane.dispose_button.text() == "Dispose…"


def test_files_are_attached_by_drop_opened_and_saved_as_copies(
    qtbot: QtBot, demo_services: Services, tmp_path: Path, message_boxes: list[str]
) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    pane = _pane(qtbot, demo_services)
    complaint_id = _pick(demo_services, anonim=False)
    pane.show_complaint(complaint_id)
    files = pane.files
    assert files.attach_button.isVisibleTo(pane) and files.acceptDrops()
    letter = tmp_path / "surat dari kelurahan.pdf"
    letter.write_bytes(b"%PDF-1.4 synthetic letter")
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(b"\xff\xd8 synthetic photo")
    # Dropped from the file manager.
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(letter)), QUrl.fromLocalFile(str(photo))])
    drag = (QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(*drag)
    QApplication.sendEvent(files, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(files, QDropEvent(*drag))
    assert [a.filename for a in demo_services.attachments.list(complaint_id)] == [
        "surat dari kelurahan.pdf", "foto.jpg"]
    assert files.heading.text() == "Lampiran (2)"  # the pane followed the change
    # A missing file is reported by name; the good one is still attached.
    assert files.attach([tmp_path / "hilang.pdf", letter]) == 1
    assert len(message_boxes) == 1 and "hilang.pdf" in message_boxes[0]
    assert files.heading.text() == "Lampiran (3)"
    # Open hands the viewer a copy under the file's own name, never the stored evidence.
    opened: list[QUrl] = []
    files.open_url = opened.append
    first = files.rows[0].id
    copy = files.open_attachment(first)
    assert copy is not None and copy.name == "surat dari kelurahan.pdf"
    assert opened == [QUrl.fromLocalFile(str(copy))]
    assert copy.read_bytes() == letter.read_bytes()
    assert copy != demo_services.attachments.path(first)
    saved = files.save_copy(first, tmp_path / "bukti.pdf")
    assert saved is not None and saved.read_bytes() == letter.read_bytes()


def test_auditor_may_open_attachments_but_not_attach(
    qtbot: QtBot, demo_services: Services, tmp_path: Path
) -> None:
    complaint_id = _pick(demo_services, anonim=False)
    letter = tmp_path / "surat.pdf"
    letter.write_bytes(b"%PDF-1.4 synthetic")
    demo_services.attachments.add(LOCAL_OPERATOR, complaint_id, letter)
    pane = _pane(qtbot, demo_services, Actor("apip", "Inspektorat", Role.AUDITOR))
    pane.show_complaint(complaint_id)
    assert not pane.files.attach_button.isVisibleTo(pane) and not pane.files.acceptDrops()
    assert pane.files.attach([letter]) == 0
    assert len(demo_services.attachments.list(complaint_id)) == 1
    assert len(pane.files.rows) == 1


def test_a_storage_failure_while_attaching_is_reported_not_raised(
    qtbot: QtBot, demo_services: Services, tmp_path: Path, message_boxes: list[str]
) -> None:
    # The data folder's attachment store cannot be made (a file stands in its place, as a
    # locked folder or a full disk would also fail): the user is told, nothing is attached.
    (tmp_path / "attachments").write_text("not a folder")
    pane = _pane(qtbot, demo_services)
    complaint_id = _pick(demo_services, anonim=False)
    pane.show_complaint(complaint_id)
    letter = tmp_path / "surat.pdf"
    letter.write_bytes(b"%PDF-1.4 synthetic")
    assert pane.files.attach([letter]) == 0
    assert len(message_boxes) == 1 and "surat.pdf" in message_boxes[0]
    assert demo_services.attachments.list(complaint_id) == ()
