"""Slow work off the GUI thread, with a progress dialog and a cancel button.

The work function receives a :class:`Progress` it reports to and checks for cancellation; it
never touches widgets. Results and errors come back to the GUI thread through signals.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any, cast

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    QRunnable,
    Qt,
    QThread,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QProgressDialog, QWidget

from lapor_desk.i18n import _


class Cancelled(Exception):
    """Raised inside work that saw the user press Cancel."""


class Progress:
    """Thread-safe progress reporting from a worker.

    A report only replaces the latest value; the GUI thread is woken once per unread value and
    reads the newest one. A busy worker therefore never floods the event loop, and the bar can
    never be shown a stale, older value after a newer one (the order of cross-thread deliveries
    is not something to rely on).
    """

    def __init__(self, signals: _Signals) -> None:
        self._signals = signals
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._latest: tuple[int, int, str] | None = None

    def report(self, done: int, total: int, message: str = "") -> None:
        """Tell the dialog how far the work is; raises Cancelled once the user cancelled."""
        self.check()
        with self._lock:
            wake = self._latest is None
            self._latest = (done, total, message)
        if wake:
            self._signals.progress_waiting.emit()

    def take(self) -> tuple[int, int, str] | None:
        """The newest unread report, if any (called on the GUI thread)."""
        with self._lock:
            latest, self._latest = self._latest, None
        return latest

    def check(self) -> None:
        """Raise Cancelled if the user cancelled."""
        if self._cancel.is_set():
            raise Cancelled

    @property
    def cancelled(self) -> bool:
        """True once the user pressed Cancel."""
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Ask the work to stop at its next check."""
        self._cancel.set()


class _CollectorPause:
    """Python's cyclic garbage collector stays off while any worker runs.

    The collector runs in whichever thread allocates when its thresholds are reached. Run on
    a worker, it may finalize a cycle holding a Qt object of the GUI thread (a widget left in
    a reference cycle), and Qt then deletes that object on the wrong thread: a segmentation
    fault, seen once in a full test run (a worker of the Settings page refreshing every
    deadline, "Garbage-collecting" on top of its stack). Paused while work runs off the GUI
    thread, it collects on the GUI thread, or once no worker runs. Reference counting still
    frees everything that is not in a cycle; what is in one waits for the job's end (an
    analysis report of the demo register: a peak of 187 MB against 171 with collection on).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._holders = 0
        self._restore = False

    @contextmanager
    def held(self) -> Iterator[None]:
        """Collection off from the first holder in to the last holder out."""
        with self._lock:
            if self._holders == 0:
                self._restore = gc.isenabled()
                gc.disable()
            self._holders += 1
        try:
            yield
        finally:
            with self._lock:
                self._holders -= 1
                if self._holders == 0 and self._restore:
                    gc.enable()


_COLLECTOR = _CollectorPause()


class _Signals(QObject):
    progress_waiting = Signal()
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], signals: _Signals, progress: Progress):
        super().__init__()
        self._work = work
        self._signals = signals
        self._progress = progress

    def run(self) -> None:
        with _COLLECTOR.held():
            try:
                result = self._work(self._progress)
            except Cancelled:
                self._signals.cancelled.emit()
            except BaseException as error:  # every failure goes back to the GUI thread
                self._signals.failed.emit(error)
            else:
                self._signals.finished.emit(result)


class Worker(QObject):
    """Runs one piece of work on the global thread pool; connect to its signals before start."""

    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self, work: Callable[[Progress], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._signals = _Signals()
        self.progress = Progress(self._signals)
        self._signals.progress_waiting.connect(self._deliver_progress)
        self._signals.finished.connect(self._finish)
        self._signals.failed.connect(self._fail)
        self._signals.cancelled.connect(self._cancel)
        self._delivering = False  # a signal of this worker is being emitted (see _deliver)
        self._again = False
        self._end: Callable[[], None] | None = None
        self._runnable = _Runnable(work, self._signals, self.progress)
        self._runnable.setAutoDelete(False)

    def _deliver_progress(self) -> None:
        self._deliver(None)

    def _finish(self, result: object) -> None:
        self._deliver(partial(self.finished.emit, result))

    def _fail(self, error: object) -> None:
        self._deliver(partial(self.failed.emit, error))

    def _cancel(self) -> None:
        self._deliver(self.cancelled.emit)

    def _deliver(self, end: Callable[[], None] | None) -> None:
        """Emit the newest report, then ``end`` (result, error or cancel), one signal at a time.

        A slot may run the event loop (a modal QProgressDialog's setValue() does): a report or
        the end arriving meanwhile waits for the signal in progress to return, so that every
        slot sees the reports in order and the end after the last of them.
        """
        if end is not None:
            self._end = end
        if self._delivering:
            self._again = True
            return
        self._delivering = True
        try:
            while True:
                self._again = False
                latest = self.progress.take()
                if latest is not None:
                    self.progressed.emit(*latest)
                if self._again:
                    continue  # a newer report came in during that signal: its wake-up is spent
                if self._end is None:
                    return  # later reports wake this again through the event loop
                end, self._end = self._end, None
                end()
                return
        finally:
            self._delivering = False

    def start(self) -> None:
        """Queue the work."""
        QThreadPool.globalInstance().start(self._runnable)


def _show_progress(dialog: QProgressDialog, done: int, total: int, message: str) -> None:
    """A worker's report on its progress dialog (no total: a busy bar)."""
    dialog.setMaximum(max(total, 0))
    dialog.setValue(min(done, total) if total else 0)
    if message:
        dialog.setLabelText(message)


def _as_exception(error: object) -> BaseException:
    """What a worker's ``failed`` signal carried, as an exception to raise or show."""
    return error if isinstance(error, BaseException) else RuntimeError(str(error))


class _Uncancellable(QProgressDialog):
    """A progress dialog without Cancel that neither Escape nor the close button takes away."""

    def __init__(self, label: str, parent: QWidget | None) -> None:
        super().__init__(label, "", 0, 0, parent)
        self.setCancelButton(None)

    def reject(self) -> None:
        """Ignore Escape: the work cannot stop halfway."""

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        """Stay open until the work ends."""
        event.ignore()


def run_with_progress(
    parent: QWidget | None,
    title: str,
    work: Callable[[Progress], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    *,
    show_after_ms: int = 300,
    cancellable: bool = True,
) -> Worker:
    """Run ``work`` on a worker behind a modal progress dialog with a Cancel button.

    The dialog shows after ``show_after_ms`` (none for quick work, and no flicker); the window
    takes input until then. Work that cannot stop halfway (one call that saves as a whole) is
    run with ``cancellable=False``: its dialog has no Cancel, and neither Escape nor the close
    button takes it away before the work ends.
    """
    if cancellable:
        dialog = QProgressDialog(title, _("Cancel"), 0, 0, parent)
    else:
        dialog = _Uncancellable(title, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(show_after_ms)
    worker = Worker(work, parent)

    def close() -> None:
        # Both are the window's children: without this, one more of each (and the work's
        # closure) stays per long action.
        dialog.reset()
        dialog.deleteLater()
        worker.deleteLater()

    def finish(result: object) -> None:
        close()
        on_done(result)

    def fail(error: object) -> None:
        close()
        on_error(_as_exception(error))

    worker.progressed.connect(partial(_show_progress, dialog))
    worker.finished.connect(finish)
    worker.failed.connect(fail)
    worker.cancelled.connect(close)
    if cancellable:
        dialog.canceled.connect(worker.progress.cancel)
    worker.start()
    return worker


#: How many :func:`wait_with_progress` calls are waiting (nested loops) right now.
_waiting = 0


def waiting() -> bool:
    """True while :func:`wait_with_progress` waits for a worker in a local event loop.

    Input may still reach the window meanwhile (a test's synthetic keys; the moment before the
    dialog shows): whoever starts changes must not start another then.
    """
    return _waiting > 0


def wait_with_progress[T](
    parent: QWidget | None, title: str, label: str, work: Callable[[Progress], T]
) -> T:
    """Run ``work`` on a worker and return its result, the window painting meanwhile.

    For a caller that must have the result before it returns (an undo command: ``QUndoStack``
    moves on as soon as ``undo()`` returns). A modal progress dialog without Cancel keeps the
    user's input out while a local event loop keeps the window drawn; whatever ``work``
    raises is raised here.
    """
    dialog = _Uncancellable(label, parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumWidth(420)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.show()  # at once, before the first report: no input reaches the window meanwhile
    worker = Worker(work)
    loop = QEventLoop()
    outcome: list[T] = []
    failure: list[BaseException] = []

    def finished(result: object) -> None:
        outcome.append(cast(T, result))
        loop.quit()

    def failed(error: object) -> None:
        failure.append(_as_exception(error))
        loop.quit()

    def cancelled() -> None:  # only if ``work`` raises Cancelled itself
        failure.append(Cancelled())
        loop.quit()

    worker.progressed.connect(partial(_show_progress, dialog))
    worker.finished.connect(finished)
    worker.failed.connect(failed)
    worker.cancelled.connect(cancelled)
    global _waiting
    _waiting += 1
    try:
        worker.start()  # its signals are queued to this thread: none is lost before exec()
        while not outcome and not failure:
            loop.exec()
            if not outcome and not failure:
                # The application is quitting: QApplication.exit() ends this loop and no
                # new one runs. The caller must not go on while the worker still writes, so
                # wait for its signal here.
                QThread.msleep(10)
                QCoreApplication.processEvents()
    finally:
        _waiting -= 1
    dialog.reset()
    dialog.deleteLater()
    if failure:
        raise failure[0]
    return outcome[0]
