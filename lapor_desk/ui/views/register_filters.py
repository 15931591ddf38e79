"""The register's filter bar: search box, filter lists, received dates and saved filters.

Lists whose items come from the register (units, topics, channels, saved filters) are filled
when first needed (opened, focused, scrolled, or set from a saved filter), not before the
register's first paint.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.domain.enums import OPEN_STATUSES, InternalStatus, Klasifikasi
from lapor_desk.i18n import _
from lapor_desk.services.complaint_filter import (
    NO_KLASIFIKASI,
    ComplaintFilter,
    Privacy,
    SlaFilter,
)
from lapor_desk.ui.dialogs import with_calendar

_NO_DATE = QDate(2000, 1, 1)

Items = Sequence[tuple[str, object]]


class FilterCombo(QComboBox):
    """A filter list: a first item that means "any", then the choices."""

    def __init__(self, everything: str, items: Items = (), characters: int = 10) -> None:
        super().__init__()
        self.addItem(everything, None)
        for text, data in items:
            self.addItem(text, data)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(characters)

    def showPopup(self) -> None:  # noqa: N802 - Qt API
        """Open the list wider than the box (long unit names); Qt makes the list on first use."""
        self.view().setMinimumWidth(260)
        super().showPopup()


class LazyCombo(FilterCombo):
    """A filter list that reads its choices when first needed."""

    def __init__(self, everything: str, load: Callable[[], Items], characters: int = 10) -> None:
        super().__init__(everything, characters=characters)
        self._load = load
        self.loaded = False

    def ensure_loaded(self) -> None:
        """Fill the list now if it was not yet."""
        if not self.loaded:
            self.loaded = True
            refill(self, self._load())

    def reload(self) -> None:
        """Read the list again if it was read (the register changed); else leave it for later."""
        if self.loaded:
            refill(self, self._load())

    def showPopup(self) -> None:  # noqa: N802 - Qt API
        """Fill the list, then open it."""
        self.ensure_loaded()
        super().showPopup()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt API
        """Fill the list before the keyboard moves through it."""
        self.ensure_loaded()
        super().focusInEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt API
        """Fill the list before the wheel moves through it."""
        self.ensure_loaded()
        super().wheelEvent(event)


class BoundEdit(QDateEdit):
    """A bound of the received dates: its minimum means "no bound" and shows as a dash.

    Without a bound its calendar opens at the month ``opening`` gives (the other bound, or the
    reference date), not at the minimum's January 2000.
    """

    def __init__(self, opening: Callable[[], date]) -> None:
        super().__init__()
        with_calendar(self)
        self.setMinimumDate(_NO_DATE)
        self.setSpecialValueText("–")
        self.setDate(_NO_DATE)
        self._opening = opening
        self._watching = False

    def _watch_calendar(self) -> None:
        # The calendar exists once asked for: only when the user reaches for it.
        if not self._watching:
            self._watching = True
            self.calendarWidget().installEventFilter(self)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        """Open the calendar (arrow) or place the cursor."""
        self._watch_calendar()
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        """Type a date, or open the calendar with F4 or Alt+Down, as a drop-down list opens."""
        self._watch_calendar()
        alt_down = (event.key() == Qt.Key.Key_Down
                    and event.modifiers() == Qt.KeyboardModifier.AltModifier)
        if event.key() == Qt.Key.Key_F4 or alt_down:
            # Qt opens a date field's calendar from its arrow only: press the arrow.
            option = QStyleOptionComboBox()
            option.initFrom(self)
            arrow = self.style().subControlRect(
                QStyle.ComplexControl.CC_ComboBox, option,
                QStyle.SubControl.SC_ComboBoxArrow, self,
            ).center()
            super().mousePressEvent(QMouseEvent(
                QEvent.Type.MouseButtonPress, QPointF(arrow), QPointF(self.mapToGlobal(arrow)),
                Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
            ))
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """The calendar opens: at a useful month when there is no bound yet."""
        if event.type() == QEvent.Type.Show and self.date() == _NO_DATE:
            day = self._opening()
            self.calendarWidget().setCurrentPage(day.year, day.month)
        return False


class FilterBar(QWidget):
    """The two rows above the register table; the view owns what they do."""

    #: A list or a date changed (the search box has its own signal, for the view's delay).
    edited = Signal()

    def __init__(
        self,
        units: Callable[[], Items],
        topics: Callable[[], Items],
        channels: Callable[[], Items],
        saved: Callable[[], Items],
        reference: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search by tracking ID, title or text (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        # One status, or every open one (what still needs work); a saved filter with some
        # other set of statuses gets an item of its own when shown (show_filter).
        self.status = FilterCombo(
            _("All statuses"),
            [(_("Every open status"), OPEN_STATUSES)] + [(s.label, s) for s in InternalStatus],
        )
        self.unit = LazyCombo(_("All units"), units)
        self.topic = LazyCombo(_("All topics"), topics)
        self.klasifikasi = FilterCombo(
            _("Every klasifikasi"),
            [(k.value, k.value) for k in Klasifikasi]
            + [(_("(no klasifikasi)"), NO_KLASIFIKASI)],
        )
        # The channels come from a scan of every complaint: read only when the list is opened.
        self.channel = LazyCombo(_("All channels"), channels)
        self.urgent = FilterCombo(
            _("Any urgency"), [(_("Urgent only"), True), (_("Not urgent"), False)]
        )
        self.sla = FilterCombo(
            _("Any deadline"),
            [(_("Overdue"), SlaFilter.OVERDUE), (_("Due soon"), SlaFilter.DUE_SOON)],
        )
        self.privacy = FilterCombo(_("Any privacy"), [(p.label, p) for p in Privacy])
        self.received_from = BoundEdit(lambda: _bound(self.received_to) or reference())
        self.received_to = BoundEdit(lambda: _bound(self.received_from) or reference())
        self.reset = QPushButton(_("Reset filters"))
        self.saved = LazyCombo(_("(choose)"), saved, characters=12)
        self.save_button = QPushButton(_("Save filter…"))
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setEnabled(False)
        self.lists: tuple[FilterCombo, ...] = (
            self.status, self.unit, self.topic, self.klasifikasi, self.channel, self.urgent,
            self.sla, self.privacy,
        )
        for combo in self.lists:
            combo.currentIndexChanged.connect(self._on_list_changed)
        for edit in (self.received_from, self.received_to):
            edit.dateChanged.connect(self._on_list_changed)
        self._quiet = False
        self._lay_out()

    def _lay_out(self) -> None:
        # Narrow enough for a 1024-pixel screen (a projector in a meeting room) beside the
        # navigation: the received dates take two columns of the grid.
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(QLabel(_("Saved filters:")))
        top.addWidget(self.saved)
        top.addWidget(self.save_button)
        top.addWidget(self.delete_button)
        top.addWidget(self.reset)
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
        grid.addLayout(dates, 1, 3, 1, 2)
        for column in range(5):
            grid.setColumnStretch(column, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(grid)

    def _on_list_changed(self) -> None:
        if not self._quiet:
            self.edited.emit()

    def current_filter(self) -> ComplaintFilter:
        """The filter the bar shows."""
        # Qt hands enum members back as plain strings: turn them into members again.
        status = self.status.currentData()
        sla = self.sla.currentData()
        privacy = self.privacy.currentData()
        return ComplaintFilter(
            statuses=_statuses(status),
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

    def show_filter(self, value: ComplaintFilter) -> None:
        """Put ``value`` into the bar without announcing each change."""
        for lazy, needed in ((self.unit, value.unit_id), (self.topic, value.topic_id),
                             (self.channel, value.channel)):
            if needed is not None:
                lazy.ensure_loaded()
        self._quiet = True
        try:
            status = self._status_item(value.statuses)
            for combo, data in zip(
                self.lists,
                (status, value.unit_id, value.topic_id, value.klasifikasi, value.channel,
                 value.urgent, value.sla, value.privacy),
                strict=True,
            ):
                combo.setCurrentIndex(max(0, combo.findData(data)) if data is not None else 0)
            for edit, day in ((self.received_from, value.received_from),
                              (self.received_to, value.received_to)):
                edit.setDate(QDate(day.year, day.month, day.day) if day else _NO_DATE)
            self.search.setText(value.text)
        finally:
            self._quiet = False

    def _status_item(self, statuses: frozenset[InternalStatus]) -> object:
        """The status list's data for ``statuses``, adding an item for a set it does not offer.

        The item of a set shown before goes first, whatever is shown now.
        """
        extra = len(InternalStatus) + 2  # "all", "every open", then one item per status
        while self.status.count() > extra:
            self.status.removeItem(self.status.count() - 1)
        if not statuses:
            return None
        if len(statuses) == 1:
            return next(iter(statuses))
        # Qt's findData compares a Python object by identity: a set read back from a saved
        # filter is equal to the list's own, not the same object.
        for index in range(1, self.status.count()):
            data = self.status.itemData(index)
            if isinstance(data, frozenset) and data == statuses:
                return data
        names = ", ".join(s.label for s in InternalStatus if s in statuses)
        self.status.addItem(names, statuses)
        self.status.setItemData(self.status.count() - 1, names, Qt.ItemDataRole.ToolTipRole)
        return statuses

    def reload_choices(self) -> None:
        """Read the units, topics and channels again where they were read (master data changed)."""
        self._quiet = True
        try:
            for combo in (self.unit, self.topic, self.channel):
                combo.reload()
        finally:
            self._quiet = False


def _statuses(data: object) -> frozenset[InternalStatus]:
    """The statuses of the status list's data: none, one (a plain string from Qt) or a set."""
    if data is None:
        return frozenset()
    if isinstance(data, frozenset):
        return frozenset(InternalStatus(s) for s in data)
    return frozenset({InternalStatus(str(data))})


def _bound(edit: QDateEdit) -> date | None:
    value = edit.date()
    if value == _NO_DATE:
        return None
    return date(value.year(), value.month(), value.day())


def refill(combo: QComboBox, items: Items) -> None:
    """Replace every item but the first, keeping the current choice where it still exists."""
    current = combo.currentData()
    while combo.count() > 1:
        combo.removeItem(combo.count() - 1)
    for text, data in items:
        combo.addItem(text, data)
    combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
