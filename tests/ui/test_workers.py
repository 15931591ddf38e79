"""Workers: progress reaches the GUI thread newest-first, results and errors are not lost."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget
from pytestqt.qtbot import QtBot

from lapor_desk.ui.workers import (
    Cancelled,
    Progress,
    Worker,
    run_with_progress,
    wait_with_progress,
    waiting,
)

REPORTS = 20_000


def test_a_flood_of_reports_reaches_the_gui_in_order_and_ends_with_the_last(qtbot: QtBot) -> None:
    gui_thread = threading.get_ident()

    def work(progress: Progress) -> str:
        for done in range(1, REPORTS + 1):
            progress.report(done, REPORTS, f"{done}")
        return "selesai"

    worker = Worker(work)
    seen: list[tuple[int, bool]] = []
    results: list[object] = []
    worker.progressed.connect(
        lambda done, _total, _m: seen.append((done, threading.get_ident() == gui_thread)))
    worker.finished.connect(lambda result: results.append((result, seen[-1][0])))
    with qtbot.waitSignal(worker.finished, timeout=30_000):
        worker.start()
    values = [done for done, _on_gui in seen]
    assert values == sorted(set(values)), "reports delivered out of order or twice"
    assert all(on_gui for _done, on_gui in seen)
    # The last report is delivered before the result; stale ones in between were coalesced.
    assert results == [("selesai", REPORTS)]
    assert 1 <= len(values) <= REPORTS


@pytest.mark.parametrize("outcome", ["selesai", "batal"])
def test_a_slot_that_runs_the_event_loop_does_not_reorder_reports_or_the_end(
    qtbot: QtBot, outcome: str
) -> None:
    # A modal QProgressDialog's setValue() runs the event loop: the next report, and the result,
    # can arrive while the slots of the one before are still being called.
    first_shown = threading.Event()
    second_made = threading.Event()

    def work(progress: Progress) -> str:
        progress.report(1, 2)
        assert first_shown.wait(10)
        progress.report(2, 2)
        second_made.set()
        if outcome == "batal":
            progress.cancel()
            progress.check()
        return "selesai"

    worker = Worker(work)
    seen: list[object] = []

    def like_a_modal_dialog(done: int, _total: int, _message: str) -> None:
        if done == 1:
            first_shown.set()
            assert second_made.wait(10)
            for _turn in range(200):  # the result follows the second report
                QCoreApplication.processEvents()
                threading.Event().wait(0.001)

    worker.progressed.connect(like_a_modal_dialog)
    worker.progressed.connect(lambda done, _total, _m: seen.append(done))
    worker.finished.connect(seen.append)
    worker.cancelled.connect(lambda: seen.append("batal"))
    with qtbot.waitSignal(worker.finished if outcome == "selesai" else worker.cancelled,
                          timeout=10_000):
        worker.start()
    assert seen == [1, 2, outcome]


def test_cancel_stops_the_work_at_its_next_report(qtbot: QtBot) -> None:
    started = threading.Event()

    def work(progress: Progress) -> None:
        started.set()
        for done in range(10**9):
            progress.report(done, 0)

    worker = Worker(work)
    with qtbot.waitSignal(worker.cancelled, timeout=30_000):
        worker.start()
        assert started.wait(10)
        worker.progress.cancel()
    assert worker.progress.cancelled


def test_an_error_in_the_work_comes_back_with_the_last_report(qtbot: QtBot) -> None:
    def work(progress: Progress) -> None:
        progress.report(7, 10)
        raise ValueError("berkas rusak")

    worker = Worker(work)
    seen: list[int] = []
    worker.progressed.connect(lambda done, _total, _m: seen.append(done))
    with qtbot.waitSignal(worker.failed, timeout=30_000) as blocker:
        worker.start()
    assert isinstance(blocker.args[0], ValueError) and str(blocker.args[0]) == "berkas rusak"
    assert seen == [7]


def test_a_progress_dialog_goes_once_its_work_ends_however_it_ends(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    outcomes: list[object] = []

    def done(_progress: Progress) -> str:
        return "selesai"

    def broken(_progress: Progress) -> None:
        raise ValueError("berkas rusak")

    def cancelled(_progress: Progress) -> None:
        raise Cancelled

    for work in (done, broken, cancelled):
        ended: list[bool] = []
        worker = run_with_progress(window, "Memproses", work, outcomes.append, outcomes.append)
        for signal in (worker.finished, worker.failed, worker.cancelled):
            signal.connect(lambda *_args, e=ended: e.append(True))
        assert len(window.findChildren(QProgressDialog)) == 1
        qtbot.waitUntil(lambda e=ended: bool(e), timeout=30_000)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert window.findChildren(QProgressDialog) == [] and window.findChildren(Worker) == []
    assert outcomes[0] == "selesai" and isinstance(outcomes[1], ValueError)
    assert len(outcomes) == 2  # a cancelled work reports neither a result nor an error


@pytest.mark.parametrize("reports", [[], [(1, 3)]])
def test_take_returns_each_report_once(reports: list[tuple[int, int]]) -> None:
    from lapor_desk.ui.workers import _Signals

    progress = Progress(_Signals())
    for done, total in reports:
        progress.report(done, total)
    expected = (reports[-1][0], reports[-1][1], "") if reports else None
    assert progress.take() == expected
    assert progress.take() is None


def test_waiting_for_work_keeps_the_loop_running_and_escape_does_not_abandon_it(
    qtbot: QtBot,
) -> None:
    gui_thread = threading.get_ident()
    ran_on: list[int] = []
    seen: list[tuple[bool, bool, bool]] = []
    escaped = threading.Event()

    def work(progress: Progress) -> str:
        ran_on.append(threading.get_ident())
        progress.report(1, 2)
        assert escaped.wait(30), "the GUI never pressed Escape"
        progress.report(2, 2)
        return "selesai"

    def press_escape() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QProgressDialog)  # shown at once, modal
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        seen.append((dialog.isVisible(), dialog.wasCanceled(), waiting()))
        escaped.set()

    QTimer.singleShot(0, press_escape)
    assert not waiting()
    assert wait_with_progress(None, "Mengurungkan…", "Mengurungkan 2 langkah…", work) == "selesai"
    assert ran_on and ran_on[0] != gui_thread
    assert seen == [(True, False, True)]
    assert not waiting()


def test_waiting_for_work_outlasts_the_application_quitting(tmp_path: Path) -> None:
    """QApplication.exit() ends every event loop; the wait still returns the work's result."""
    script = tmp_path / "quit.py"
    script.write_text(textwrap.dedent("""
        import threading
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from lapor_desk.ui.workers import wait_with_progress

        app = QApplication([])
        quitting = threading.Event()

        def work(progress):
            assert quitting.wait(30)  # the application quits while the work still runs
            return "selesai"

        def quit_now():
            QApplication.exit(0)
            quitting.set()

        QTimer.singleShot(0, quit_now)
        print(wait_with_progress(None, "Mengurungkan…", "Mengurungkan…", work))
    """))
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                          cwd=Path(__file__).resolve().parents[2], check=False)
    assert (done.returncode, done.stdout.strip()) == (0, "selesai"), done.stderr


def test_waiting_for_work_raises_what_the_work_raised(qtbot: QtBot) -> None:
    def work(progress: Progress) -> None:
        raise ValueError("rusak")

    with pytest.raises(ValueError, match="rusak"):
        wait_with_progress(None, "Mengurungkan…", "Mengurungkan 8 langkah…", work)


def test_no_garbage_collection_while_any_worker_runs(qtbot: QtBot) -> None:
    # Python's collector would otherwise run in a worker's thread and could delete a Qt object
    # of the GUI thread there (a segmentation fault, once, in a full run).
    assert gc.isenabled()
    seen: dict[str, bool] = {}
    first_in, release = threading.Event(), threading.Event()

    def first(_progress: Progress) -> None:
        seen["first"] = gc.isenabled()
        first_in.set()
        assert release.wait(10)

    def second(_progress: Progress) -> None:
        seen["second"] = gc.isenabled()

    long, short = Worker(first), Worker(second)
    long.start()
    assert first_in.wait(10)
    assert not gc.isenabled()  # paused for every thread, the GUI's too, while work runs
    with qtbot.waitSignal(short.finished, timeout=10_000):
        short.start()
    assert not gc.isenabled()  # one worker ended, the other still runs
    with qtbot.waitSignal(long.finished, timeout=10_000):
        release.set()
    qtbot.waitUntil(gc.isenabled, timeout=5_000)  # the last one out turns it back on
    assert seen == {"first": False, "second": False}
