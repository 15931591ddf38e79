"""How a preview or a commit runs: its progress reports, and the collector paused meanwhile."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager

from lapor_desk.domain.portal_values import Cell

#: Rows parsed between two progress reports of a preview.
PROGRESS_ROWS = 1_000

#: ``progress(done, total)``: how far a preview or commit is (``total`` 0 when not known). The
#: callback may raise to stop the work: a preview then returns nothing, and a commit rolls back
#: as a whole, since every report of a commit is made inside its one transaction.
ProgressCallback = Callable[[int, int], None]


def no_progress(done: int, total: int) -> None:
    """A progress callback that ignores the reports."""
    del done, total


def forward_only(progress: ProgressCallback | None) -> ProgressCallback:
    """``progress``, told each ``(done, total)`` once: a report equal to the last is dropped.

    The last rows or deadlines reach the end before the final report does; the GUI's worker
    shows each report it gets, so a repeated one would show the bar standing still twice.
    """
    if progress is None:
        return no_progress
    last: list[tuple[int, int]] = []

    def report(done: int, total: int) -> None:
        if last and last[0] == (done, total):
            return
        last[:] = [(done, total)]
        progress(done, total)

    return report


def reported(
    rows: Iterable[tuple[int, Sequence[Cell]]], total: int, progress: ProgressCallback
) -> Iterator[tuple[int, Sequence[Cell]]]:
    """``rows`` passed through, with a progress report every :data:`PROGRESS_ROWS` rows."""
    for number, row in rows:
        if number % PROGRESS_ROWS == 0:
            progress(min(number, total), total)
        yield number, row


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused for the block (if it was running).

    A preview of 100.000 rows builds several hundred thousand objects that live until it is
    shown and hold no reference cycles, and a commit as many again for the rows and deadlines
    it writes; the collector would walk them again and again as they pile up (0,3–0,5 s of a
    5 s preview, as much of a commit). Reference counting still frees what the block drops;
    cycles made meanwhile, in any thread, wait for the first collection after it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
