"""The register workspace: filter bar, search, the windowed complaint table and a detail slot."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QDate, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.domain.actor import LOCAL_OPERATOR, Actor
from lapor_desk.domain.enums import InternalStatus
from lapor_desk.domain.formatting import fmt_int
from lapor_desk.i18n import _, ngettext
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.changes import Changes
from lapor_desk.services.complaint_filter import (
    NO_KLASIFIKASI,
    ComplaintFilter,
    Privacy,
    SlaFilter,
    Sort,
)
from lapor_desk.ui.errors import show_error
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.itemmodels.complaint_table import ID_ROLE, ComplaintTableModel

#: Milliseconds the search waits after the last keystroke.
SEARCH_DELAY_MS = 250
_NO_DATE = QDate(2000, 1, 1)


def _combo(everything: str, items: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    combo.addItem(everything, None)
    for text, data in items:
        combo.addItem(text, data)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(14)
    combo.view().setMinimumWidth(260)
    return combo


class _LazyCombo(QComboBox):
    """A combo box that fills itself when first opened (its list costs a scan of the register)."""

    def __init__(self, load: Callable[[], Sequence[tuple[str, object]]]) -> None:
        super().__init__()
        self._load = load
        self.loaded = False

    def ensure_loaded(self) -> None:
        """Fill the list now if it was not yet."""
        if not self.loaded:
            self.loaded = True
            _refill(self, self._load())

    def showPopup(self) -> None:  # noqa: N802 - Qt API
        """Fill the list, then open it."""
        self.ensure_loaded()
        super().showPopup()


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd-MM-yyyy")
    edit.setMinimumDate(_NO_DATE)
    # The minimum date stands for "no bound", shown as a dash.
    edit.setSpecialValueText("–")
    edit.setDate(_NO_DATE)
    return edit


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
        self._applying = False
        self.model = ComplaintTableModel(services.complaints, self)
        self._build_filters()
        self._build_table()
        self._build_layout()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._search_timer.start)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self._on_find_activated)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self._on_escape_activated)
        events.changed.connect(self._on_events_changed)
        self.model.counted.connect(self._on_model_counted)
        self.model.count_failed.connect(self._on_model_count_failed)
        self._load_choices()
        self._load_saved_filters()
        self.apply_filter()

    # -- building ------------------------------------------------------------------------------

    def _build_filters(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search titles and texts (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.status = _combo(
            _("All statuses"), [(s.label, s) for s in InternalStatus]
        )
        self.unit = _combo(_("All units"), [])
        self.topic = _combo(_("All topics"), [])
        self.klasifikasi = _combo(_("Every klasifikasi"), [])
        # The channels come from a scan of every complaint: read only when the list is opened.
        self.channel = _LazyCombo(self._channel_items)
        self.channel.addItem(_("All channels"), None)
        self.channel.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.channel.setMinimumContentsLength(14)
        self.urgent = _combo(_("Urgent or not"), [(_("Urgent only"), True),
                                                  (_("Not urgent"), False)])
        self.sla = _combo(
            _("Any deadline"), [(_("Overdue"), SlaFilter.OVERDUE),
                                (_("Due soon"), SlaFilter.DUE_SOON)]
        )
        self.privacy = _combo(_("Any privacy"), [(p.label, p) for p in Privacy])
        self.received_from = _date_edit()
        self.received_to = _date_edit()
        self.reset = QPushButton(_("Reset filters"))
        self.saved = QComboBox()
        self.saved.setMinimumContentsLength(16)
        self.saved.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.save_button = QPushButton(_("Save filter…"))
        self.delete_button = QPushButton(_("Delete"))
        self.count_label = QLabel()
        self.count_label.setObjectName("subheading")
        for combo in (self.status, self.unit, self.topic, self.klasifikasi, self.channel,
                      self.urgent, self.sla, self.privacy):
            combo.currentIndexChanged.connect(self._on_filter_edited)
        for edit in (self.received_from, self.received_to):
            edit.dateChanged.connect(self._on_filter_edited)
        self.reset.clicked.connect(self.reset_filters)
        self.saved.activated.connect(self._on_saved_activated)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.name_dialog: QInputDialog | None = None

    def _build_table(self) -> None:
        self.table = QTableView()
        self.table.setModel(self.model)
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
        widths = {"tracking_id": 80, "received": 100, "urgent": 90, "title": 360,
                  "status": 175, "klasifikasi": 200, "topic": 200, "channel": 120,
                  "unit": 150, "due": 110, "privacy": 110}
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
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(QLabel(_("Saved filters:")))
        top.addWidget(self.saved)
        top.addWidget(self.save_button)
        top.addWidget(self.delete_button)
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        for position, widget in enumerate(
            (self.status, self.unit, self.topic, self.klasifikasi, self.channel)
        ):
            grid.addWidget(widget, 0, position)
        dates = QHBoxLayout()
        dates.addWidget(QLabel(_("Received from")))
        dates.addWidget(self.received_from, 1)
        dates.addWidget(QLabel(_("to")))
        dates.addWidget(self.received_to, 1)
        for position, widget in enumerate((self.urgent, self.sla, self.privacy)):
            grid.addWidget(widget, 1, position)
        grid.addLayout(dates, 1, 3)
        grid.addWidget(self.reset, 1, 4)
        for column in range(5):
            grid.setColumnStretch(column, 1)
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
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addWidget(self.count_label)
        layout.addWidget(self.splitter, 1)

    def set_detail_widget(self, widget: QWidget) -> None:
        """Put ``widget`` (the complaint detail pane) into the right-hand slot."""
        while self._detail_layout.count():
            item = self._detail_layout.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.deleteLater()
        self._detail_layout.addWidget(widget)

    # -- choices -------------------------------------------------------------------------------

    def _load_choices(self) -> None:
        choices = self._services.complaints.choices()
        self._applying = True
        try:
            _refill(self.unit, [(f"{name} ({abbr})", uid) for uid, abbr, name in choices.units])
            _refill(self.topic, [(name, tid) for tid, name in choices.topics])
            _refill(
                self.klasifikasi,
                [(k, k) for k in choices.klasifikasi] + [(_("(no klasifikasi)"), NO_KLASIFIKASI)],
            )
            self.channel.loaded = False
        finally:
            self._applying = False

    def _channel_items(self) -> Sequence[tuple[str, object]]:
        return [(c, c) for c in self._services.complaints.channels()]

    def _load_saved_filters(self) -> None:
        current = self.saved.currentData()
        self.saved.clear()
        self.saved.addItem(_("(choose)"), None)
        for row in self._services.complaints.saved_filters():
            self.saved.addItem(row.name, row)
        if current is not None:
            index = next(
                (i for i in range(self.saved.count())
                 if getattr(self.saved.itemData(i), "name", None) == current.name),
                0,
            )
            self.saved.setCurrentIndex(index)
        self.delete_button.setEnabled(self.saved.currentIndex() > 0)

    # -- the filter ----------------------------------------------------------------------------

    def current_filter(self) -> ComplaintFilter:
        """The filter the bar shows."""
        # Qt hands enum members back as plain strings: turn them into members again.
        status = self.status.currentData()
        sla = self.sla.currentData()
        privacy = self.privacy.currentData()
        return ComplaintFilter(
            statuses=frozenset({InternalStatus(status)}) if status is not None else frozenset(),
            unit_id=self.unit.currentData(),
            topic_id=self.topic.currentData(),
            klasifikasi=self.klasifikasi.currentData(),
            channel=self.channel.currentData(),
            urgent=self.urgent.currentData(),
            sla=SlaFilter(sla) if sla is not None else None,
            received_from=_bound(self.received_from),
            received_to=_bound(self.received_to),
            privacy=Privacy(privacy) if privacy is not None else None,
            text=self.search.text().strip(),
        )

    def show_filter(self, value: ComplaintFilter, sort: Sort | None = None) -> None:
        """Put ``value`` into the bar and show its complaints."""
        if value.channel is not None:
            self.channel.ensure_loaded()
        self._applying = True
        try:
            status = next(iter(value.statuses)) if len(value.statuses) == 1 else None
            for combo, data in (
                (self.status, status), (self.unit, value.unit_id), (self.topic, value.topic_id),
                (self.klasifikasi, value.klasifikasi), (self.channel, value.channel),
                (self.urgent, value.urgent), (self.sla, value.sla),
                (self.privacy, value.privacy),
            ):
                combo.setCurrentIndex(max(0, combo.findData(data)) if data is not None else 0)
            for edit, day in ((self.received_from, value.received_from),
                              (self.received_to, value.received_to)):
                edit.setDate(QDate(day.year, day.month, day.day) if day else _NO_DATE)
            self.search.setText(value.text)
        finally:
            self._applying = False
        self._search_timer.stop()
        if sort is not None:
            self.table.horizontalHeader().setSortIndicator(
                self.model.column_of(sort.key),
                Qt.SortOrder.DescendingOrder if sort.descending else Qt.SortOrder.AscendingOrder,
            )
        self.model.set_query(self.current_filter(), sort)
        self._show_count()

    def apply_filter(self) -> None:
        """Show the complaints matching the bar now (the search box waits a moment first)."""
        self._search_timer.stop()
        try:
            self.model.set_query(self.current_filter())
        except Exception as error:  # a broken register must not close the window
            show_error(self, error)
            return
        self._show_count()

    def reset_filters(self) -> None:
        """Clear every filter and the search."""
        self.show_filter(ComplaintFilter())

    def _show_count(self) -> None:
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

    def _on_filter_edited(self) -> None:
        if not self._applying:
            self.apply_filter()

    def _on_find_activated(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _on_escape_activated(self) -> None:
        if self.search.text():
            self.search.clear()
            self.apply_filter()
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def selected_ids(self) -> list[int]:
        """Ids of the selected complaints, in table order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [int(self.model.index(row, 0).data(ID_ROLE)) for row in rows]

    def _on_table_selection_changed(self) -> None:
        ids = self.selected_ids()
        self.selection_changed.emit(ids)
        current = self.table.currentIndex()
        if len(ids) == 1:
            self.complaint_selected.emit(ids[0])
        elif current.isValid() and ids:
            self.complaint_selected.emit(int(current.data(ID_ROLE)))
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
        row = self.saved.itemData(index)
        self.delete_button.setEnabled(row is not None)
        if row is not None:
            self.show_filter(row.filter, row.sort)

    def _on_save_clicked(self) -> None:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(_("Save filter"))
        dialog.setLabelText(_("Name of this filter:"))
        current = self.saved.currentData()
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
        self.saved.setCurrentIndex(max(0, self.saved.findText(name.strip())))
        self.delete_button.setEnabled(self.saved.currentIndex() > 0)

    def _on_delete_clicked(self) -> None:
        row = self.saved.currentData()
        if row is None:
            return
        try:
            changes = self._services.complaints.delete_filter(self._actor, row.id)
        except Exception as error:  # shown to the user
            show_error(self, error)
            return
        self.saved.setCurrentIndex(0)
        self._events.emit_changes(changes)
        self._load_saved_filters()

    def _on_events_changed(self, changes: Changes) -> None:
        if changes.master_data:
            self._load_choices()
        if changes.settings:
            self._load_saved_filters()
        selected = self.selected_ids()
        self.model.refresh()
        self._show_count()
        if len(selected) == 1:
            row = self.model.row_of(selected[0])
            if row is None:
                # Look in the first page, where a just-changed complaint usually stays.
                self.model.row_at(0)
                row = self.model.row_of(selected[0])
            if row is not None:
                self.table.selectRow(row)


def _bound(edit: QDateEdit) -> date | None:
    value = edit.date()
    if value == _NO_DATE:
        return None
    return date(value.year(), value.month(), value.day())


def _refill(combo: QComboBox, items: Sequence[tuple[str, object]]) -> None:
    current = combo.currentData()
    while combo.count() > 1:
        combo.removeItem(combo.count() - 1)
    for text, data in items:
        combo.addItem(text, data)
    combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
