"""Composition root of the window: language, register, services, then the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.domain.errors import LaporError


def run(db: str | Path | None = None, language: str | None = None) -> int:
    """Open the register (filled with the demo scenario on first run) and show the window.

    Without ``language`` (``--lang``) the window speaks the language chosen on the Settings
    page, Indonesian until one is chosen.
    """
    from PySide6.QtWidgets import QApplication, QMessageBox

    from lapor_desk import i18n
    from lapor_desk.services.bootstrap import open_services
    from lapor_desk.ui.main_window import MainWindow
    from lapor_desk.ui.preferences import stored_language
    from lapor_desk.ui.qt_language import apply_language

    i18n.activate(language or stored_language() or i18n.DEFAULT_LANGUAGE)

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("LAPOR Desk")
    apply_language(app)  # Qt's own buttons, menus and calendars in the same language
    try:
        with open_services(db) as services:
            if services.stats.is_empty():
                services.demo.load(LOCAL_OPERATOR)
            window = MainWindow(services)
            window.show_on_screen()
            return int(app.exec())
    except LaporError as error:
        QMessageBox.critical(None, "LAPOR Desk", str(error))
        return 1
