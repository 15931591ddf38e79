"""Composition root of the window: language, register, services, then the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.domain.errors import LaporError


def run(db: str | Path | None = None) -> int:
    """Open the register (filled with the demo scenario on first run) and show the window."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from lapor_desk.services.bootstrap import open_services
    from lapor_desk.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("LAPOR Desk")
    try:
        with open_services(db) as services:
            if services.stats.is_empty():
                services.demo.load(LOCAL_OPERATOR)
            window = MainWindow(services)
            window.show()
            return int(app.exec())
    except LaporError as error:
        QMessageBox.critical(None, "LAPOR Desk", str(error))
        return 1
