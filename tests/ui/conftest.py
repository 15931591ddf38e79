from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QLocale, QRunnable, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

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


class Questions:
    """Answers the message boxes that the code under test asks, in turn, and notes their texts.

    A question nobody answers is closed after :attr:`PATIENCE` seconds and fails the test, where
    the modal box would otherwise hang the run.
    """

    PATIENCE = 1.0

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.unanswered: list[str] = []
        self._answers: list[str] = []
        self._waiting: tuple[int, float] | None = None  # the box shown (its address), since when
        self._timer = QTimer()
        self._timer.timeout.connect(self._answer)
        self._timer.start(20)

    def answer(self, *buttons: str) -> None:
        """Click these buttons (by their text) in the next questions, one each."""
        self._answers.extend(buttons)

    def _answer(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible():
            self._waiting = None
            return
        if self._answers:
            wanted = self._answers.pop(0)
            self.asked.append(box.text())
            texts = [button.text() for button in box.buttons()]
            assert wanted in texts, f"{wanted!r} is not among {texts}"
            next(b for b in box.buttons() if b.text() == wanted).click()
            return
        # A test that closes its boxes itself does so within this patience. (The box is known by
        # its C++ address: Python may wrap it anew, or reuse a deleted wrapper's id.)
        address = shiboken6.getCppPointer(box)[0]
        if self._waiting is None or self._waiting[0] != address:
            self._waiting = (address, time.monotonic())
        elif time.monotonic() - self._waiting[1] > self.PATIENCE:
            self.unanswered.append(box.text())
            self._waiting = None
            box.reject()

    def stop(self) -> None:
        self._timer.stop()


@pytest.fixture(autouse=True)
def questions(qapp: QApplication) -> Iterator[Questions]:
    """Answers message boxes: ``questions.answer("Hapus")`` before the action that asks.

    Every UI test has it: a question that a test did not expect fails the test.
    """
    answering = Questions()
    yield answering
    answering.stop()
    assert not answering.unanswered, f"asked without an answer: {answering.unanswered}"
    assert not answering._answers, f"never asked: {answering._answers}"
