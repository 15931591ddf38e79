"""The register table: a windowed model over a SQL query that stays quick at a million rows.

The model never holds the complaint list. A new filter reads the first page of :data:`PAGE`
rows (one session, ``LIMIT``) and shows it at once; the full count runs on a worker and, when
it arrives, the rows below the first page appear (:attr:`ComplaintTableModel.counted`).
Further pages are fetched by position on demand, keeping the :data:`CACHE_PAGES` most recent
ones. Pages near either end are read with ``OFFSET`` (from the end for the tail, so jumping to
the last row is as quick as showing the first); only a page in the middle of a long list loads
the list of ids once, which later pages slice.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from functools import partial
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)

from lapor_desk.services.complaint_filter import ComplaintFilter, Sort, SortKey
from lapor_desk.services.complaint_query import (
    ComplaintQueryService,
    RegisterPage,
    RegisterRow,
    SlaWindow,
)
from lapor_desk.ui.itemmodels.complaint_cells import Cells, Column, columns
from lapor_desk.ui.workers import Progress, Worker

_Index = QModelIndex | QPersistentModelIndex

PAGE = 100
CACHE_PAGES = 24
#: Pages within this many rows of either end are read directly with OFFSET.
DIRECT_ROWS = 5_000
#: Milliseconds a new filter's count waits for a view to paint its first page (page_shown).
COUNT_UNSHOWN_MS = 50
#: The complaint id of a row (``int``).
ID_ROLE = Qt.ItemDataRole.UserRole
#: The raw value a column sorts on (dates, booleans, texts).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

# data() is called for every role of every cell painted, most of which it leaves to Qt: they
# are answered before any work, with the roles as plain ints.
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_DECORATION = Qt.ItemDataRole.DecorationRole.value
_BACKGROUND = Qt.ItemDataRole.BackgroundRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_ANSWERED = frozenset({_DISPLAY, _DECORATION, _BACKGROUND, _TOOLTIP, ID_ROLE, SORT_ROLE})


class ComplaintTableModel(QAbstractTableModel):
    """The filtered, sorted register, fetched a page at a time from the query service."""

    #: The full count of the filter is known (the number of rows).
    counted = Signal(int)
    #: Counting failed (the exception); the first page stays shown.
    count_failed = Signal(object)

    def __init__(self, query: ComplaintQueryService, parent: Any = None) -> None:
        super().__init__(parent)
        self._query = query
        self._columns = columns()
        self._filter = ComplaintFilter()
        self._sort = Sort()
        self._window: SlaWindow | None = None
        self._count = 0
        self._count_known = True
        self._generation = 0  # bumped by every refresh; a count for an older one is dropped
        self._workers: set[Worker] = set()
        # The count starts once a view has painted the first page (page_shown): a worker
        # started before takes the CPU and Python's lock from that paint (2-3 ms of a 40 ms
        # first paint, bench/README.md). A model no view paints (hidden, or in code) counts
        # after COUNT_UNSHOWN_MS. A filter replaced before its count starts is never counted.
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.timeout.connect(self._start_count)
        self._pages: OrderedDict[int, list[RegisterRow]] = OrderedDict()
        self._all_ids: array[int] | None = None
        self._cells = Cells()
        # Model columns that may have an icon or a colour (data() answers the others at once).
        self._decorated = frozenset(
            i for i, c in enumerate(self._columns) if c.key in Cells.DECORATED
        )
        self._coloured = frozenset(
            i for i, c in enumerate(self._columns) if c.key in Cells.COLOURED
        )
        self.pages_fetched = 0  # how many pages were read from the register (for tests, bench)

    # -- what the model shows --------------------------------------------------------------

    @property
    def filter(self) -> ComplaintFilter:
        """The filter in force."""
        return self._filter

    @property
    def sort_order(self) -> Sort:
        """The sort in force."""
        return self._sort

    @property
    def column_list(self) -> tuple[Column, ...]:
        """The columns, in model order."""
        return self._columns

    @property
    def count_known(self) -> bool:
        """False while the count runs and only the first page is shown."""
        return self._count_known

    def column_of(self, key: SortKey) -> int:
        """The model column of ``key``."""
        return next(i for i, c in enumerate(self._columns) if c.key is key)

    def set_query(self, value: ComplaintFilter, sort: Sort | None = None) -> None:
        """Show the complaints matching ``value`` (in ``sort`` order, default: unchanged)."""
        self._filter = value
        if sort is not None:
            self._sort = sort
        self.refresh()

    def refresh(self) -> None:
        """Show the first page of the filter and count it anew (a new filter or sort).

        Only the first page is read here; a longer list is counted on a worker (started from
        the event loop), and until the count arrives the model has the first page's rows.
        """
        first = self._start_over()
        self.beginResetModel()
        self._keep_first(first)
        self._count = len(first.ids)
        self.endResetModel()
        self._count_or_wait()

    def reload(self) -> None:
        """Read the rows again after a change in the register, keeping them where they are.

        Unlike :meth:`refresh` the model is not reset: the rows keep their positions, so a
        view keeps its scroll position and its selection (which the view checks against the
        ids it had: a changed complaint may have moved or left the filter). The pages are read
        again as they are painted; the first is read here. The row count stays until a new
        count says otherwise (rows are then added or removed at the end); a list that now fits
        in the first page is known at once.
        """
        first = self._start_over()
        rows = max(self._count, len(first.ids)) if first.more else len(first.ids)
        self._keep_first(first)
        self._resize(rows)
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, len(self._columns) - 1))
        self._count_or_wait()

    def _start_over(self) -> RegisterPage:
        """The first page as the register holds it now; a count under way no longer counts."""
        self._generation += 1
        for worker in self._workers:
            worker.progress.cancel()  # a count not yet begun for an older filter never runs
        return self._query.page(self._filter, self._sort, limit=PAGE)

    def _keep_first(self, first: RegisterPage) -> None:
        """Forget every page read before and keep ``first``."""
        self._pages.clear()
        self._all_ids = None
        self._window = first.window
        self._pages[0] = list(first.rows)
        self._count_known = not first.more
        self.pages_fetched += 1

    def _count_or_wait(self) -> None:
        """Say the count when the first page holds the whole list; else count once shown."""
        if self._count_known:
            self._count_timer.stop()
            self.counted.emit(self._count)
        else:
            self._count_timer.start(COUNT_UNSHOWN_MS)

    def _resize(self, count: int) -> None:
        """Add or remove rows at the end until there are ``count``."""
        shown = self._count
        if count > shown:
            self.beginInsertRows(QModelIndex(), shown, count - 1)
            self._count = count
            self.endInsertRows()
        elif count < shown:
            self.beginRemoveRows(QModelIndex(), count, shown - 1)
            self._count = count
            self.endRemoveRows()

    def page_shown(self) -> None:
        """A view painted the rows: the waiting count starts at the event loop's next turn."""
        if self._count_timer.isActive():
            self._count_timer.start(0)

    @property
    def count_waiting(self) -> bool:
        """True while the filter's count waits for a paint (or its timer) to start."""
        return self._count_timer.isActive()

    def ensure_counted(self) -> int:
        """Count now on the calling thread if the worker has not answered yet; the count."""
        if not self._count_known:
            self._apply_count(self._generation, self._query.count(self._filter, self._window))
        return self._count

    def _start_count(self) -> None:
        if self._count_known:
            return  # counted meanwhile (ensure_counted)
        generation, value, window = self._generation, self._filter, self._window

        def work(progress: Progress) -> int:
            progress.check()
            return self._query.count(value, window)

        worker = Worker(work)
        self._workers.add(worker)

        def forget() -> None:
            # Its signals hold these closures, which hold it: only deleting it frees both.
            self._workers.discard(worker)
            worker.deleteLater()

        # The answer may come after the window closed and Qt deleted the model: then no one
        # is waiting for it.
        def finished(result: object) -> None:
            forget()
            if isinstance(result, int) and shiboken6.isValid(self):
                self._apply_count(generation, result)

        def failed(error: object) -> None:
            forget()
            if generation == self._generation and shiboken6.isValid(self):
                self.count_failed.emit(error)

        worker.finished.connect(finished)
        worker.failed.connect(failed)
        worker.cancelled.connect(forget)
        worker.start()

    def _apply_count(self, generation: int, count: int) -> None:
        if generation != self._generation or self._count_known:
            return  # a newer filter is shown, or the count came in another way
        self._count_timer.stop()  # counted on the calling thread (ensure_counted) before it began
        shown = self._count
        cleared = count != shown and len(self._pages) > 1
        if cleared:
            # After a reload the pages read meanwhile were cut at the old count: read again.
            # (A list of every id read meanwhile is this filter's as it is now: it stays.)
            first = self._pages[0]
            self._pages.clear()
            self._pages[0] = first
        # Fewer rows than shown: complaints removed since the first page was read, or a reload.
        # The count is known only once the rows match it: a view reading a row meanwhile (its
        # selection follows removed rows) reads by position, not from the end.
        self._resize(count)
        self._count_known = True
        if cleared and count:
            self.dataChanged.emit(self.index(0, 0), self.index(count - 1, len(self._columns) - 1))
        self.counted.emit(self._count)

    def wait_for_workers(self, msecs: int = 30_000) -> None:
        """Wait until no count runs any more (before the register closes)."""
        self._count_timer.stop()
        if self._workers:
            QThreadPool.globalInstance().waitForDone(msecs)

    def row_at(self, row: int) -> RegisterRow | None:
        """The complaint shown in ``row`` (fetching its page if needed)."""
        if not 0 <= row < self._count:
            return None
        page = self._page(row // PAGE)
        offset = row % PAGE
        return page[offset] if offset < len(page) else None

    def row_of(self, complaint_id: int) -> int | None:
        """The row showing ``complaint_id`` among the pages fetched so far, if any."""
        for number, page in self._pages.items():
            for offset, item in enumerate(page):
                if item.complaint.id == complaint_id:
                    return number * PAGE + offset
        return None

    # -- paging ----------------------------------------------------------------------------

    def _page(self, number: int) -> list[RegisterRow]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        start = number * PAGE
        end = min(start + PAGE, self._count)
        if start < DIRECT_ROWS:
            page = list(self._query.page(
                self._filter, self._sort, offset=start, limit=end - start
            ).rows)
        elif self._count_known and self._count - end < DIRECT_ROWS:
            # From the end only with the true count (after a reload it is the old one).
            page = list(self._query.page(
                self._filter, self._sort, offset=self._count - end, limit=end - start,
                from_end=True,
            ).rows)
        else:
            if self._all_ids is None:
                self._all_ids = self._query.ids(self._filter, self._sort, window=self._window)
                if not self._count_known:
                    # Every id is a count: no need to wait for (or run) the worker's.
                    QTimer.singleShot(0, self, partial(
                        self._apply_count, self._generation, len(self._all_ids)
                    ))
            page = self._query.rows(self._all_ids[start:end], self._window)
        self.pages_fetched += 1
        self._pages[number] = page
        while len(self._pages) > CACHE_PAGES:
            self._pages.popitem(last=False)
        return page

    # -- Qt API ----------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        """Number of matching complaints (no children)."""
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        """Number of columns (no children)."""
        return 0 if parent.isValid() else len(self._columns)

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles; row numbers in the vertical header."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section].title if 0 <= section < len(self._columns) else None
        return section + 1

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL on ``column``; called by the view when a header is clicked."""
        if not 0 <= column < len(self._columns):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        wanted = Sort(self._columns[column].key, descending)
        if wanted != self._sort:
            self._sort = wanted
            self.refresh()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Formatted cells, the SLA colours and icons, raw values for sorting and the id."""
        # Qt asks for seven roles of every cell it paints: the ones no cell of a column has
        # are answered before the row is looked up.
        if role not in _ANSWERED or not index.isValid():
            return None
        column = index.column()
        if role == _DECORATION and column not in self._decorated:
            return None
        if role == _BACKGROUND and column not in self._coloured:
            return None
        item = self.row_at(index.row())
        if item is None:
            # A complaint deleted since the count: the row stays until the next refresh.
            return "…" if role == _DISPLAY else None
        key = self._columns[column].key
        if role == _DISPLAY:
            return self._cells.display(item, key)
        if role == ID_ROLE:
            return item.complaint.id
        if role == SORT_ROLE:
            return self._cells.raw(item, key)
        if role == _DECORATION:
            return self._cells.decoration(item, key)
        if role == _BACKGROUND:
            return self._cells.background(item, key)
        return self._cells.tooltip(item, key)
