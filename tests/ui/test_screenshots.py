"""``python -m lapor_desk.ui.screenshots``: every main screen of the demo register, as PNG."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from lapor_desk.ui.screenshots import render

SCREENS = {
    "register-overview", "register", "complaint-detail", "new-complaint", "import-preview",
    "master-data", "settings", "reports-page", "export-dialog", "agenda-builder",
    "meeting-mode", "analysis-page1", "analysis-page2", "analysis-page3", "minutes-page1",
    "minutes-page2",
}


@pytest.mark.usefixtures("qt_language_restored")  # render() applies Indonesian to Qt
def test_every_main_screen_is_rendered(
    qtbot: QtBot, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    written = render(tmp_path)
    qtbot.wait(100)  # what the screens left in the event loop runs too
    # PySide prints an exception raised in a Qt callback (an event filter, a paint) and
    # goes on: none may be printed.
    assert "Traceback" not in capfd.readouterr().err
    assert {path.stem for path in written} == SCREENS
    assert sorted(tmp_path.glob("*.png")) == sorted(written)
    for path in written:
        image = QImage(str(path))
        assert not image.isNull(), path.name
        assert image.width() >= 400 and image.height() >= 300, path.name
        # Not a blank picture: a screen has text and lines on its background.
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
                   for y in range(0, image.height(), 7)}
        assert len(colours) > 8, path.name
