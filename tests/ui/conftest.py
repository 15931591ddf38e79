from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QRunnable, QThreadPool
from PySide6.QtWidgets import QApplication

from lapor_desk import i18n
from lapor_desk.services.bootstrap import Services, open_services
from lapor_desk.ui.qt_language import remove_translator
from tests.conftest import fixed_clock
from tests.integration.conftest import demo_register  # noqa: F401 - shared session fixture


@pytest.fixture
def demo_services(demo_register: Path, tmp_path: Path) -> Iterator[Services]:  # noqa: F811
    copy = tmp_path / "demo.sqlite3"
    shutil.copy(demo_register, copy)
    with open_services(copy, data_dir=tmp_path, clock=fixed_clock) as services:
        yield services


@pytest.fixture
def qt_language_restored(qapp: QApplication) -> Iterator[None]:
    """Qt's texts, its default locale and the UI language as they were, after the test.

    For tests that apply a language to Qt (``apply_language``), as the app does at start.
    """
    locale, language = QLocale(), i18n.current_language()
    yield
    remove_translator(qapp)
    QLocale.setDefault(locale)
    i18n.activate(language)


class _Hold(QRunnable):
    def __init__(self, started: threading.Semaphore, release: threading.Event) -> None:
        super().__init__()
        self._started, self._release = started, release

    def run(self) -> None:
        self._started.release()
        self._release.wait(60)


@pytest.fixture
def held_pool() -> Iterator[threading.Event]:
    """Every thread of the global pool busy until the event is set: queued work waits.

    Lets a test press Cancel before a worker's work begins, which a real user can do when the
    machine is busy.
    """
    pool = QThreadPool.globalInstance()
    started, release = threading.Semaphore(0), threading.Event()
    holds = [_Hold(started, release) for _ in range(pool.maxThreadCount())]
    for hold in holds:
        hold.setAutoDelete(False)
        pool.start(hold)
    try:
        for _hold in holds:
            assert started.acquire(timeout=30), "the thread pool did not free up"
        yield release
    finally:
        release.set()
        pool.waitForDone(60_000)
