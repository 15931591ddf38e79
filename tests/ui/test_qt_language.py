"""Qt's own texts and dates speak the window's language: Qt ships no Indonesian of its own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QLocale, QPoint, QTimer, QTranslator
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import (
    QApplication,
    QDateEdit,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from lapor_desk import i18n
from lapor_desk.ui.qt_language import QT_TEXTS, apply_language

#: Texts Qt asks its translators for that are keyboard shortcuts, not words.
SHORTCUTS = frozenset({"Alt+Left", "Alt+Right", "Alt+Up"})
#: Classes that ask for texts that read the same in Indonesian or are never shown: the layout
#: direction, a key's name, the progress bar's "%p%", the file dialog's "Drive" and "Folder".
UNTRANSLATED = frozenset({
    "QGuiApplication", "QShortcut", "QProgressBar", "QAbstractFileIconProvider",
    # A file type's description from the system's MIME database, asked for only when the
    # database has none in the user's languages (it depends on what ran before).
    "QMimeType",
})
#: Classes that ask only on a real desktop, not offscreen.
ASKED_ELSEWHERE = frozenset({"QGnomeTheme"})
#: Menus and message boxes opened offscreen cannot take the keyboard or come to the front.
offscreen_popups = pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing the keyboard"
)


class Recorder(QTranslator):
    """Notes every text Qt asks for and leaves it to the translators installed before it."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[tuple[str, str]] = set()

    def translate(
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        self.asked.add((context, source_text))
        return None

    def isEmpty(self) -> bool:  # noqa: N802 - Qt API
        return False


@pytest.fixture
def qt_in(qapp: QApplication, qt_language_restored: None) -> Callable[[str], None]:
    """Activate a language and apply it to Qt; Qt's defaults and Indonesian come back after."""

    def apply(code: str) -> None:
        i18n.activate(code)
        apply_language(qapp)

    return apply


def _close_popups_soon(shown: list[str]) -> QTimer:
    """Close each menu or message box Qt opens in a nested loop, noting its texts."""

    def close() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMenu) and widget.isVisible():
                shown.extend(action.text() for action in widget.actions())
                widget.close()
            elif isinstance(widget, QMessageBox) and widget.isVisible():
                shown.append(widget.text())
                widget.reject()

    timer = QTimer()
    timer.timeout.connect(close)
    timer.start(20)
    return timer


def _use_every_widget(qtbot: QtBot, folder: Path) -> list[str]:
    """Open what a user of LAPOR Desk meets of Qt's own; the texts of its menus and messages."""
    shown: list[str] = []
    timer = _close_popups_soon(shown)
    try:
        _open_each(qtbot, folder, shown)
    finally:
        timer.stop()  # not left to close the menus of a later test
    return shown


def _open_each(qtbot: QtBot, folder: Path, shown: list[str]) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    for field in (QLineEdit(owner), QPlainTextEdit(owner)):
        shown.extend(action.text() for action in field.createStandardContextMenu().actions())
    spin = QSpinBox(owner)
    owner.show()
    QApplication.sendEvent(
        spin, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(2, 2), QPoint(2, 2))
    )
    every = QDialogButtonBox.StandardButton(0)
    for button in QDialogButtonBox.StandardButton:
        every |= button
    QDialogButtonBox(every, owner)
    box = QMessageBox(owner)
    box.setDetailedText("rincian")
    box.show()
    details = next(
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.ActionRole
    )
    details.click()  # "Show Details..." becomes "Hide Details..."
    box.close()
    QProgressDialog(owner).show()
    QInputDialog(owner).show()
    (folder / "ada.docx").write_bytes(b"x")
    for mode, name in ((QFileDialog.AcceptMode.AcceptSave, "ada.docx"),
                       (QFileDialog.AcceptMode.AcceptOpen, "tidak-ada.docx")):
        dialog = QFileDialog(owner, "", str(folder), "Word (*.docx)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAcceptMode(mode)
        if mode is QFileDialog.AcceptMode.AcceptOpen:
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        dialog.show()
        dialog.selectFile(str(folder / name))
        dialog.accept()  # asks to replace the existing file / says the other is not found
        dialog.close()


@offscreen_popups
def test_every_text_qt_asks_for_has_its_translation(
    qtbot: QtBot, qt_in: Callable[[str], None], qapp: QApplication, tmp_path: Path
) -> None:
    qt_in("id")
    recorder = Recorder()
    qapp.installTranslator(recorder)  # asked before QtTexts, which it leaves the answer to
    try:
        _use_every_widget(qtbot, tmp_path)
    finally:
        qapp.removeTranslator(recorder)

    ours = {(context, text) for context, texts in QT_TEXTS.items() for text in texts}
    asked = {(c, t) for c, t in recorder.asked if t not in SHORTCUTS}
    # Every class that asked is translated, or known to need nothing.
    assert {c for c, _t in asked} - QT_TEXTS.keys() <= UNTRANSLATED
    asked = {(c, t) for c, t in asked if c in QT_TEXTS}
    # A Qt upgrade that renames a text shows up here, both ways.
    assert asked - ours == set()
    assert {(c, t) for c, t in ours if c not in ASKED_ELSEWHERE} - asked == set()
    catalog = i18n.load_catalog("id")
    assert [pair for pair in ours if f"{pair[0]}\x04{pair[1]}" not in catalog] == []


@offscreen_popups
def test_qt_widgets_speak_indonesian(
    qtbot: QtBot, qt_in: Callable[[str], None], tmp_path: Path
) -> None:
    qt_in("id")
    shown = _use_every_widget(qtbot, tmp_path)

    assert {"&Urungkan\tCtrl+Z", "&Salin\tCtrl+C", "T&empel\tCtrl+V", "Pilih Semua\tCtrl+A",
            "&Naikkan", "Tu&runkan"} <= set(shown)
    assert "ada.docx sudah ada.\nGanti berkas itu?" in shown
    assert any(text.startswith("tidak-ada.docx\nBerkas tidak ditemukan.") for text in shown)
    box = QMessageBox(
        QMessageBox.Icon.Question, "LAPOR Desk", "?",
        QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel
        | QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    qtbot.addWidget(box)
    assert {b.text() for b in box.buttons()} == {"OK", "Batal", "&Ya", "&Tidak"}
    progress = QProgressDialog()
    qtbot.addWidget(progress)
    assert [b.text() for b in progress.findChildren(QPushButton)] == ["Batal"]
    dialog = QFileDialog()
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"&Lihat di:", "&Nama berkas:", "&Jenis berkas:"} <= labels
    # The calendar of a date field names Indonesian months and days.
    edit = QDateEdit(QDate(2026, 12, 1))
    edit.setCalendarPopup(True)
    qtbot.addWidget(edit)
    month = edit.calendarWidget().findChild(QToolButton, "qt_calendar_monthbutton")
    assert month.text() == "Desember"
    assert QLocale().dayName(1) == "Senin"


def test_english_leaves_qt_as_it_is(qtbot: QtBot, qt_in: Callable[[str], None]) -> None:
    qt_in("en")

    box = QMessageBox(
        QMessageBox.Icon.Question, "LAPOR Desk", "?",
        QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
    )
    qtbot.addWidget(box)
    assert {b.text() for b in box.buttons()} == {"OK", "Cancel"}
    assert QLocale().monthName(12) == "December"


@pytest.mark.parametrize(
    "menu",
    [
        # A text field's menu, and a spin box's: the field's items, then its own.
        [("QLineEdit", t) for t in QT_TEXTS["QLineEdit"]]
        + [("QAbstractSpinBox", t) for t in QT_TEXTS["QAbstractSpinBox"]],
        [("QWidgetTextControl", t) for t in QT_TEXTS["QWidgetTextControl"]],
        [("QPlatformTheme", t) for t in QT_TEXTS["QPlatformTheme"]],
        [("QGnomeTheme", t) for t in QT_TEXTS["QGnomeTheme"]],
    ],
)
def test_one_key_for_each_item_of_a_menu_or_a_button_row(
    qt_in: Callable[[str], None], menu: list[tuple[str, str]]
) -> None:
    # Alt and a letter would otherwise go round the items that share it instead of choosing.
    qt_in("id")
    keys = []
    for context, text in menu:
        translated = i18n.pgettext(context, text)
        if "&" in translated:
            keys.append(translated[translated.index("&") + 1].casefold())
    assert len(keys) == len(set(keys)), keys
