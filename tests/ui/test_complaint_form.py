"""The new-complaint form, typed into as an operator would: Tab, Enter, Ctrl+N."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.domain.enums import InternalStatus
from lapor_desk.domain.errors import NotFound
from lapor_desk.models import Unit
from lapor_desk.persistence.engine import make_session_factory
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.complaint_filter import ComplaintFilter
from lapor_desk.services.register import ComplaintInput
from lapor_desk.ui.dialogs.complaint_form import ComplaintForm
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.main_window import MainWindow
from tests.ui.conftest import Questions

CTRL = Qt.KeyboardModifier.ControlModifier
TITLE = "Bantuan PKH tidak diterima sejak Agustus"
TEXT = "Saya peserta PKH. Sejak Agustus 2022 bantuan tidak masuk ke rekening saya."


def _form(qtbot: QtBot, services: Services) -> ComplaintForm:
    form = ComplaintForm(services, AppEvents(), LOCAL_OPERATOR)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    return form


def _tab(qtbot: QtBot, times: int = 1) -> None:
    for _ in range(times):
        widget = QApplication.focusWidget()
        assert widget is not None
        qtbot.keyClick(widget, Qt.Key.Key_Tab)


def _open_form(qtbot: QtBot, window: MainWindow) -> ComplaintForm:
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    form = window.complaint_menus.form
    assert form is not None
    qtbot.waitUntil(form.isActiveWindow)
    return form


def test_keyboard_entry_from_the_main_window_enter_saves_and_disposes(
    qtbot: QtBot, demo_services: Services
) -> None:
    window = MainWindow(demo_services)
    qtbot.addWidget(window)
    form = _open_form(qtbot, window)
    assert form.title_field.edit.hasFocus()
    qtbot.keyClicks(form.title_field.edit, TITLE)
    _tab(qtbot)
    assert form.text_field.edit.hasFocus()  # Tab leaves the text field, it types no tab
    qtbot.keyClicks(form.text_field.edit, TEXT)
    _tab(qtbot, 6)  # past klasifikasi, topic, unit, anonim and rahasia
    assert form.reporter_name.hasFocus()
    qtbot.keyClicks(form.reporter_name, "Warga Contoh")
    _tab(qtbot)
    qtbot.keyClicks(form.nik_field.edit, "3174 0512 0685 0003")
    _tab(qtbot)
    assert form.phone_field.edit.hasFocus() and form.nik_field.error.isHidden()
    qtbot.keyClicks(form.phone_field.edit, "+62 812-3456-7890")
    # The routing rules propose the PKH topic and its unit while the user types.
    qtbot.waitUntil(lambda: form.topic.currentText() == "Program Keluarga Harapan (PKH)")
    assert form.unit.currentText().startswith("Sekretariat Direktorat Jenderal Perlindungan")
    assert "“pkh”" in form.suggestion.text()
    with qtbot.waitSignal(form.complaint_saved) as saved:
        qtbot.keyClick(form.phone_field.edit, Qt.Key.Key_Return)
    complaint_id = saved.args[0]
    assert not form.isVisible()
    detail = demo_services.register.get(complaint_id)
    assert detail.row.tracking_id == "LD-2022-00001" and detail.row.channel == "Pos Surat"
    assert detail.row.topic == "Program Keluarga Harapan (PKH)"
    assert detail.reporter_nik == "3174051206850003" and detail.reporter_phone == "081234567890"
    assert detail.row.status is InternalStatus.BELUM_DITINDAKLANJUTI
    assert detail.row.lead_unit is not None and "Perlindungan" in detail.row.lead_unit
    assert window.complaint_menus.detail.complaint_id == complaint_id


def test_ctrl_n_inside_the_open_form_means_next_and_esc_closes_it(
    qtbot: QtBot, demo_services: Services
) -> None:
    window = MainWindow(demo_services)
    qtbot.addWidget(window)
    form = _open_form(qtbot, window)
    qtbot.keyClicks(form.title_field.edit, "Kartu KKS hilang")
    qtbot.keyClicks(form.text_field.edit, "KKS hilang saat banjir.")
    qtbot.keyClick(form.text_field.edit, Qt.Key.Key_N, CTRL)
    assert form.saved == ["LD-2022-00001"] and form.isVisible()
    assert window.complaint_menus.form is form  # the same form, ready for the next letter
    qtbot.keyClick(form.title_field.edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.complaint_menus.form is None)


def test_esc_asks_before_a_typed_complaint_is_thrown_away(
    qtbot: QtBot, demo_services: Services, questions: Questions
) -> None:
    window = MainWindow(demo_services)
    qtbot.addWidget(window)
    form = _open_form(qtbot, window)
    qtbot.keyClicks(form.title_field.edit, "Kartu KKS hilang")
    questions.answer("Kembali ke formulir")
    qtbot.keyClick(form.title_field.edit, Qt.Key.Key_Escape)
    assert questions.asked == [
        "Pengaduan yang Anda ketik belum disimpan. Tutup formulir dan buang pengaduan ini?"
    ]
    assert form.isVisible() and form.title_field.value() == "Kartu KKS hilang"
    questions.answer("Buang")
    form.close_button.click()  # Tutup asks the same
    qtbot.waitUntil(lambda: window.complaint_menus.form is None)
    assert len(questions.asked) == 2
    assert demo_services.complaints.count(ComplaintFilter()) == 4447


def test_the_saved_complaint_becomes_the_selection_and_the_status_bar_says_so(
    qtbot: QtBot, demo_services: Services
) -> None:
    window = MainWindow(demo_services)
    qtbot.addWidget(window)
    window.navigation.setCurrentRow(1)
    register = window.register
    qtbot.waitUntil(lambda: register.model.count_known, timeout=10_000)
    register.table.selectRow(3)
    before = register.selected_ids()
    form = _open_form(qtbot, window)
    qtbot.keyClicks(form.title_field.edit, TITLE)
    qtbot.keyClicks(form.text_field.edit, TEXT)
    # Saved with Ctrl+N: Ctrl is down as the row is chosen, which must not add to the selection.
    with qtbot.waitSignal(form.complaint_saved) as saved:
        qtbot.keyClick(form.text_field.edit, Qt.Key.Key_N, CTRL)
    complaint_id = saved.args[0]
    assert register.selected_ids() == [complaint_id] != before
    assert window.complaint_menus.detail.complaint_id == complaint_id
    assert window.statusBar().currentMessage().startswith("Tersimpan sebagai LD-2022-00001")
    qtbot.keyClicks(form.title_field.edit, "Kartu KKS hilang")
    qtbot.keyClicks(form.text_field.edit, "KKS hilang saat banjir.")
    with qtbot.waitSignal(form.complaint_saved) as saved:
        form.save_button.click()
    assert register.selected_ids() == [saved.args[0]]
    assert window.statusBar().currentMessage().startswith("Tersimpan sebagai LD-2022-00002")


def test_inline_validation_of_nik_phone_and_required_fields(
    qtbot: QtBot, demo_services: Services
) -> None:
    form = _form(qtbot, demo_services)
    form.nik_field.edit.setFocus()
    qtbot.keyClicks(form.nik_field.edit, "3174 0512")
    assert form.nik_field.error.isHidden()  # no scolding while typing
    _tab(qtbot)
    assert form.nik_field.error.text() == "NIK harus terdiri atas tepat 16 angka."
    assert form.nik_field.has_error()
    qtbot.keyClicks(form.nik_field.edit, " 0685 0003")
    assert form.nik_field.error.isHidden()  # corrected: the message goes at once
    form.phone_field.edit.setFocus()
    qtbot.keyClicks(form.phone_field.edit, "12345")
    _tab(qtbot)
    assert "Nomor telepon" in form.phone_field.error.text()
    qtbot.keyClicks(form.email_field.edit, "bukan-email")
    _tab(qtbot)
    assert form.email_field.error.text() == "Alamat surel tidak valid."
    # Enter with the required fields empty: nothing is saved, the first problem gets the cursor.
    qtbot.keyClick(form.email_field.edit, Qt.Key.Key_Return)
    assert form.isVisible() and form.saved == []
    assert form.title_field.error.text() == "Judul wajib diisi."
    assert form.text_field.error.text() == "Isi pengaduan wajib diisi."
    assert form.title_field.edit.hasFocus()
    assert form.message.text() == "Perbaiki isian yang ditandai."
    # Each correction takes its mark away; the summary goes with the last one.
    qtbot.keyClicks(form.title_field.edit, "Bansos belum cair")
    form.text_field.edit.setFocus()
    qtbot.keyClicks(form.text_field.edit, "Sudah tiga bulan.")
    form.phone_field.edit.selectAll()
    qtbot.keyClicks(form.phone_field.edit, "081234567890")
    assert form.message.text() == "Perbaiki isian yang ditandai."  # the e-mail is still wrong
    form.email_field.edit.selectAll()
    qtbot.keyClicks(form.email_field.edit, "warga@contoh.id")
    assert not any(f.has_error() for f in (form.title_field, form.text_field,
                                            form.phone_field, form.email_field))
    assert form.message.text() == ""


def test_ctrl_n_saves_and_starts_the_next_keeping_channel_and_date(
    qtbot: QtBot, demo_services: Services
) -> None:
    form = _form(qtbot, demo_services)
    form.channel.setCurrentText("Tatap Muka")
    for number in (1, 2):
        qtbot.keyClicks(form.title_field.edit, f"Kartu KKS hilang nomor {number}")
        qtbot.keyClicks(form.text_field.edit, "KKS hilang saat banjir, mohon diganti.")
        qtbot.keyClick(form.text_field.edit, Qt.Key.Key_N, CTRL)
        assert form.title_field.value() == "" and form.text_field.value() == ""
        assert form.title_field.edit.hasFocus()
    assert form.saved == ["LD-2022-00001", "LD-2022-00002"]
    assert form.isVisible() and form.channel.currentText() == "Tatap Muka"
    assert form.message.text() == "Tersimpan sebagai LD-2022-00002."
    created = demo_services.register.find_by_tracking_id("LD-2022-00002")
    assert created.channel == "Tatap Muka" and created.status is InternalStatus.BELUM_TERVERIFIKASI


def test_likely_duplicates_are_listed_while_typing(
    qtbot: QtBot, demo_services: Services
) -> None:
    earlier = demo_services.register.create(
        LOCAL_OPERATOR,
        ComplaintInput(
            received_at=datetime(2022, 11, 1, 9, 0), title=TITLE, text=TEXT,
            channel="Pos Surat", reporter_nik="3174051206850003",
        ),
    ).complaint
    form = _form(qtbot, demo_services)
    assert form.duplicates_note.text() == "Isi NIK atau nomor telepon untuk memeriksa duplikat."
    qtbot.keyClicks(form.title_field.edit, "PKH belum diterima sejak agustus")
    qtbot.keyClicks(form.nik_field.edit, "3174051206850003")
    qtbot.waitUntil(lambda: form.duplicates.count() == 1)
    item = form.duplicates.item(0).text()
    assert item.startswith(f"{earlier.tracking_id} · 1 November 2022 · Belum terverifikasi")
    assert "NIK sama" in item
    form.title_field.edit.clear()
    qtbot.keyClicks(form.title_field.edit, "Kartu KKS hilang")
    qtbot.waitUntil(lambda: form.duplicates.count() == 0)
    assert form.duplicates_note.text().startswith("Tidak ada pengaduan dari pelapor yang sama")


def test_suggestion_follows_the_text_until_the_user_picks_a_topic(
    qtbot: QtBot, demo_services: Services
) -> None:
    form = _form(qtbot, demo_services)
    qtbot.keyClicks(form.title_field.edit, "Bantuan BPNT dipotong oknum")
    qtbot.waitUntil(lambda: "Pungutan Liar" in form.topic.currentText())
    assert "(SET-ITJEN)" in form.unit.currentText()
    assert "Topik mendesak" in form.suggestion.text()
    form.topic.setFocus()
    qtbot.keyClick(form.topic, Qt.Key.Key_Down)  # the user's own choice
    chosen = form.topic.currentText()
    assert "Pungutan Liar" not in chosen
    qtbot.keyClicks(form.text_field.edit, "Potongan Rp50.000 oleh pendamping.")
    form.refresh_hints()
    assert form.topic.currentText() == chosen


def test_a_unit_closed_meanwhile_keeps_the_form_open_and_says_so(
    qtbot: QtBot, demo_services: Services
) -> None:
    form = _form(qtbot, demo_services)
    qtbot.keyClicks(form.title_field.edit, TITLE)
    qtbot.keyClicks(form.text_field.edit, TEXT)
    form.refresh_hints()
    unit_id = form.unit.currentData()
    assert unit_id is not None
    with make_session_factory(demo_services.engine).begin() as session:
        unit = session.get(Unit, unit_id)
        assert unit is not None
        unit.active_to = date(2022, 11, 1)  # a reorganisation closed it in the meantime
    qtbot.keyClick(form.title_field.edit, Qt.Key.Key_Return)
    assert form.isVisible() and form.saved == ["LD-2022-00001"]
    assert form.message.text().startswith("Tersimpan sebagai LD-2022-00001, tetapi belum")
    assert "sudah tidak aktif" in form.message.text()
    saved = demo_services.register.find_by_tracking_id("LD-2022-00001")
    assert saved.status is InternalStatus.BELUM_TERVERIFIKASI and saved.lead_unit is None
    # The saved complaint is not in the form any more: Enter again saves nothing twice.
    assert form.title_field.value() == "" and form.text_field.value() == ""
    qtbot.keyClick(form.title_field.edit, Qt.Key.Key_Return)
    assert form.saved == ["LD-2022-00001"]
    assert form.message.text().startswith("Tersimpan sebagai LD-2022-00001, tetapi belum")
    with pytest.raises(NotFound):
        demo_services.register.find_by_tracking_id("LD-2022-00002")
