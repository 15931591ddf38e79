"""The register workspace: filter bar, search, the windowed complaint table and a detail slot."""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QPoint,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QInputDialog,
    QLabel,
    QMenu,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.domain.actor import LOCAL_OPERATOR, Actor
from lapor_desk.domain.formatting import fmt_int
from lapor_desk.i18n import _, ngettext
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.changes import Changes
from lapor_desk.services.complaint_filter import ComplaintFilter, Sort
from lapor_desk.ui.dialogs import confirm
from lapor_desk.ui.errors import show_error
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.itemmodels.complaint_table import ID_ROLE, ComplaintTableModel
from lapor_desk.ui.views.register_filters import FilterBar, Items, refill

#: Milliseconds the search waits after the last keystroke.
SEARCH_DELAY_MS = 250
#: A selection of more rows than this is cleared, not followed, when the register changes.
RESELECT_ROWS = 1_000


class RegisterTable(QTableView):
    """The complaint table; its model's count waits until the table has painted a page."""

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        """Paint, then let the model start a waiting count."""
        super().paintEvent(event)
        # Asked each time: while the window closes, the model may be gone before the table.
        model = self.model()
        if isinstance(model, ComplaintTableModel):
            model.page_shown()


class RegisterView(QWidget):
    """Find complaints: filters, full-text search, saved filters, a table that stays quick."""

    complaint_selected = Signal(int)
    selection_changed = Signal(list)

    def __init__(
        self,
        services: Services,
        events: AppEvents,
        actor: Actor = LOCAL_OPERATOR,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._events = events
        self._actor = actor
        self.model = ComplaintTableModel(services.complaints, self)
        self.filters = FilterBar(
            self._unit_items, self._topic_items, self._channel_items, self._saved_items,
            services.settings.reference_date,
        )
        self.search = self.filters.search
        self.count_label = QLabel()
        self.count_label.setObjectName("subheading")
        self.name_dialog: QInputDialog | None = None
        self._build_table()
        self._build_layout()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._search_timer.start)
        self.filters.edited.connect(self.apply_filter)
        self.filters.reset.clicked.connect(self.reset_filters)
        self.filters.saved.activated.connect(self._on_saved_activated)
        self.filters.save_button.clicked.connect(self._on_save_clicked)
        self.filters.delete_button.clicked.connect(self._on_delete_clicked)
        # Anywhere in the window while the register is shown (the navigation list included).
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WindowShortcut)
        find.activated.connect(self._on_find_activated)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self._on_escape_activated)
        # From the search box into the results: Enter searches at once, Down goes there too.
        self.search.returnPressed.connect(self._on_search_entered)
        down = QShortcut(QKeySequence(Qt.Key.Key_Down), self.search)
        down.setContext(Qt.ShortcutContext.WidgetShortcut)
        down.activated.connect(self._focus_results)
        events.changed.connect(self._on_events_changed)
        self.model.modelReset.connect(self._on_model_reset)
        self.model.counted.connect(self._on_model_counted)
        self.model.count_failed.connect(self._on_model_count_failed)
        # The lists of units, topics, channels and saved filters are read when first opened.
        self.apply_filter()

    # -- building ------------------------------------------------------------------------------

    def _build_table(self) -> None:
        self.table = RegisterTable()
        self.table.setModel(self.model)
        # After a new filter, lay the table out (scroll bars, header) at once: left to Qt's
        # zero-time timer, that came after the first page was painted and painted the whole
        # table a second time (bench/README.md, "a second paint").
        self.model.modelReset.connect(self.table.executeDelayedItemsLayout)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_menu_requested)
        # Wide enough for a tracking ID of the portal and of a letter (LD-2022-00001).
        tracking = self.table.fontMetrics().horizontalAdvance("LD-0000-00000") + 16
        widths = {"tracking_id": max(75, tracking), "received": 90, "status": 150, "due": 105,
                  "unit": 140, "title": 360, "topic": 200, "urgent": 90, "klasifikasi": 200,
                  "channel": 120, "privacy": 110}
        for index, column in enumerate(self.model.column_list):
            header.resizeSection(index, widths[column.key.value])
            self.table.setColumnHidden(index, not column.visible)
        sort = self.model.sort_order
        header.setSortIndicator(
            self.model.column_of(sort.key),
            Qt.SortOrder.DescendingOrder if sort.descending else Qt.SortOrder.AscendingOrder,
        )
        # Only now: enabling sorting sorts at once by the indicator set just above.
        self.table.setSortingEnabled(True)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.column_menu: QMenu | None = None

    def _build_layout(self) -> None:
        self.detail_slot = QWidget()
        self._detail_layout = QVBoxLayout(self.detail_slot)
        self._detail_layout.setContentsMargins(0, 0, 0, 0)
        placeholder = QLabel(_("Select a complaint to see it here."))
        placeholder.setObjectName("placeholder")
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setWordWrap(True)
        self._detail_layout.addWidget(placeholder)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail_slot)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.count_label)
        layout.addWidget(self.splitter, 1)

    def set_detail_widget(self, widget: QWidget) -> None:
        """Put ``widget`` (the complaint detail pane) into the right-hand slot."""
        while self._detail_layout.count():
            item = self._detail_layout.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.hide()  # at once: deleteLater waits for the event loop
                old.deleteLater()
        self._detail_layout.addWidget(widget)

    # -- choices -------------------------------------------------------------------------------

    def _unit_items(self) -> Items:
        choices = self._services.complaints.choices()
        return [(f"{name} ({abbr})", uid) for uid, abbr, name in choices.units]

    def _topic_items(self) -> Items:
        return [(name, tid) for tid, name in self._services.complaints.choices().topics]

    def _channel_items(self) -> Items:
        return [(c, c) for c in self._services.complaints.channels()]

    def _saved_items(self) -> Items:
        return [(row.name, row) for row in self._services.complaints.saved_filters()]

    def _load_saved_filters(self) -> None:
        saved = self.filters.saved
        current = saved.currentData()
        saved.loaded = True
        refill(saved, ())
        for text, row in self._saved_items():
            saved.addItem(text, row)
        if current is not None:
            index = next(
                (i for i in range(saved.count())
                 if getattr(saved.itemData(i), "name", None) == current.name),
                0,
            )
            saved.setCurrentIndex(index)
        self.filters.delete_button.setEnabled(saved.currentIndex() > 0)

    # -- the filter ----------------------------------------------------------------------------

    def current_filter(self) -> ComplaintFilter:
        """The filter the bar shows."""
        return self.filters.current_filter()

    def show_filter(self, value: ComplaintFilter, sort: Sort | None = None) -> None:
        """Put ``value`` into the bar and show its complaints."""
        self.filters.show_filter(value)
        self._search_timer.stop()
        if sort is not None:
            self.table.horizontalHeader().setSortIndicator(
                self.model.column_of(sort.key),
                Qt.SortOrder.DescendingOrder if sort.descending else Qt.SortOrder.AscendingOrder,
            )
        self.model.set_query(self.current_filter(), sort)

    def apply_filter(self) -> None:
        """Show the complaints matching the bar now (the search box waits a moment first)."""
        self._search_timer.stop()
        try:
            self.model.set_query(self.current_filter())
        except Exception as error:  # a broken register must not close the window
            show_error(self, error)

    def reset_filters(self) -> None:
        """Clear every filter and the search."""
        self.show_filter(ComplaintFilter())

    def _on_model_reset(self) -> None:
        # A new filter, a sort from the header or a refresh: the selection is gone.
        self._show_count_label()
        self.selection_changed.emit([])
        self.complaint_selected.emit(0)

    def _show_count_label(self) -> None:
        if not self.model.count_known:
            # The first page is shown; the worker's count follows (_on_model_counted).
            self.count_label.setText(_("Counting complaints…"))
            return
        count = self.model.rowCount()
        self.count_label.setText(
            ngettext("{count} complaint", "{count} complaints", count).format(
                count=fmt_int(count)
            )
        )

    def _on_model_counted(self, _count: int) -> None:
        self._show_count_label()

    def _on_model_count_failed(self, error: object) -> None:
        self.count_label.setText("")
        if isinstance(error, BaseException):  # what the worker hands over
            show_error(self, error)

    # -- slots ---------------------------------------------------------------------------------

    def _on_find_activated(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _on_search_entered(self) -> None:
        self._search_timer.stop()  # typed back to what is shown: nothing to search again
        if self.current_filter() != self.model.filter:
            self.apply_filter()
        if self.model.rowCount():
            self._focus_results()  # nothing found: the keyboard stays, to search again

    def _focus_results(self) -> None:
        """Move the keyboard into the table, onto its first row when none is chosen yet."""
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.table.selectionModel().hasSelection() and self.model.rowCount():
            self.table.selectRow(0)

    def _on_escape_activated(self) -> None:
        # Esc in the search box clears it; elsewhere (the results) the search stays.
        if self.search.hasFocus() and self.search.text():
            self.search.clear()
            self.apply_filter()
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def select_complaint(self, complaint_id: int) -> bool:
        """Select and show the row of ``complaint_id`` among the rows read; else select nothing."""
        row = self.model.row_of(complaint_id)
        if row is None:
            self.table.clearSelection()
            return False
        # Not selectRow(): it adds to the selection while Ctrl is held (Ctrl+N saved it). The
        # current cell in the leftmost column shown (the user may hide or move any of them).
        column = self.table.horizontalHeader().logicalIndexAt(0)
        index = self.model.index(row, max(column, 0))
        flags = QItemSelectionModel.SelectionFlag
        self.table.selectionModel().setCurrentIndex(
            index, flags.ClearAndSelect | flags.Rows
        )
        self.table.scrollTo(index)
        return True

    def selected_ids(self) -> list[int]:
        """Ids of the selected complaints, in table order."""
        return self._ids_at(self._selected_rows())

    def _selected_rows(self) -> list[int]:
        return sorted(index.row() for index in self.table.selectionModel().selectedRows())

    def _ids_at(self, rows: list[int]) -> list[int]:
        return [i for row in rows if (i := self._id_at(row))]

    def _id_at(self, row: int) -> int:
        """The complaint id of ``row``; 0 for no row (-1) or one whose complaint is gone."""
        value = self.model.index(row, 0).data(ID_ROLE)
        return int(value) if value is not None else 0

    def _on_table_selection_changed(self) -> None:
        ids = self.selected_ids()
        self.selection_changed.emit(ids)
        current = self.table.currentIndex()
        if len(ids) == 1:
            self.complaint_selected.emit(ids[0])
        elif current.isValid() and ids:
            self.complaint_selected.emit(self._id_at(current.row()))
        else:
            self.complaint_selected.emit(0)

    def _on_header_menu_requested(self, position: QPoint) -> None:
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        header = self.table.horizontalHeader()
        for index, column in enumerate(self.model.column_list):
            action = QAction(column.title, menu)
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(index))
            action.toggled.connect(
                lambda shown, i=index: self.table.setColumnHidden(i, not shown)
            )
            menu.addAction(action)
        visible = [a for a in menu.actions() if a.isChecked()]
        if len(visible) == 1:
            visible[0].setEnabled(False)  # the last visible column cannot be hidden
        self.column_menu = menu
        menu.popup(header.mapToGlobal(position))

    def _on_saved_activated(self, index: int) -> None:
        row = self.filters.saved.itemData(index)
        self.filters.delete_button.setEnabled(row is not None)
        if row is not None:
            self.show_filter(row.filter, row.sort)

    def _on_save_clicked(self) -> None:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(_("Save filter"))
        dialog.setLabelText(_("Name of this filter:"))
        # Qt has no Indonesian translation of its own OK and Cancel.
        dialog.setOkButtonText(_("Save"))
        dialog.setCancelButtonText(_("Cancel"))
        current = self.filters.saved.currentData()
        dialog.setTextValue(current.name if current is not None else "")
        dialog.textValueSelected.connect(self._on_name_chosen)
        self.name_dialog = dialog
        dialog.open()

    def _on_name_chosen(self, name: str) -> None:
        try:
            changes = self._services.complaints.save_filter(
                self._actor, name, self.current_filter(), self.model.sort_order
            )
        except Exception as error:  # shown to the user, nothing was saved
            show_error(self, error)
            return
        self._events.emit_changes(changes)
        self._load_saved_filters()
        self.filters.saved.setCurrentIndex(max(0, self.filters.saved.findText(name.strip())))
        self.filters.delete_button.setEnabled(self.filters.saved.currentIndex() > 0)

    def _on_delete_clicked(self) -> None:
        row = self.filters.saved.currentData()
        if row is None or not confirm(
            self,
            _("Delete saved filter"),
            _("Delete the saved filter “{name}”? The complaints stay as they are.").format(
                name=row.name
            ),
            _("Delete"),
            _("Cancel"),
        ):
            return
        try:
            changes = self._services.complaints.delete_filter(self._actor, row.id)
        except Exception as error:  # shown to the user
            show_error(self, error)
            return
        self.filters.saved.setCurrentIndex(0)
        self._events.emit_changes(changes)
        self._load_saved_filters()

    def _on_events_changed(self, changes: Changes) -> None:
        if changes.master_data:
            self.filters.reload_choices()
        if changes.settings and self.filters.saved.loaded:
            self._load_saved_filters()
        self.reload()

    def reload(self) -> None:
        """Show the register's changes where the user is: same rows, scroll position, selection.

        A changed complaint may have moved (a new sort value) or left the filter: the selection
        follows the complaints selected, found among the pages around the rows they were in,
        and drops those no longer there.
        """
        selection = self.table.selectionModel()
        spans = selection.selection()
        if sum(spans.at(i).height() for i in range(spans.size())) > RESELECT_ROWS:
            # Finding each of them again would read every page they span: start afresh.
            self.table.clearSelection()
        rows = self._selected_rows()
        ids = self._ids_at(rows)
        current = self.table.currentIndex()
        current_row = current.row()  # -1 for none
        current_id = self._id_at(current_row)  # 0 for none
        try:
            # Rows removed at the end would announce a selection half updated: the window
            # hears of the selection once, below.
            with QSignalBlocker(selection):
                self.model.reload()
        except Exception as error:  # a broken register must not close the window
            show_error(self, error)
            return
        if not ids and not current_id:
            return
        for row in {*rows, current_row} - {-1}:
            self.model.row_at(row)  # reads the pages where the chosen complaints were
        found = {i: self.model.row_of(i) for i in {*ids, current_id} if i}
        now = sorted(r for i in ids if (r := found.get(i)) is not None)
        if now == rows and found.get(current_id) == current_row:
            return  # nothing moved: the selection is still right
        chosen = QItemSelection()
        last = self.model.columnCount() - 1
        for row in now:
            chosen.select(self.model.index(row, 0), self.model.index(row, last))
        flags = QItemSelectionModel.SelectionFlag
        with QSignalBlocker(selection):
            # One change of selection reaches the window, not one per step.
            moved_to = found.get(current_id)
            if moved_to is not None:
                selection.setCurrentIndex(
                    self.model.index(moved_to, max(current.column(), 0)), flags.NoUpdate
                )
            else:
                selection.clearCurrentIndex()
            selection.select(chosen, flags.ClearAndSelect | flags.Rows)
        self.table.viewport().update()
        self._on_table_selection_changed()
