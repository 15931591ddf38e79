"""What the register table's cells show: texts, icons, colours, tooltips and sort values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap

from lapor_desk.domain.enums import SlaState
from lapor_desk.i18n import _, current_language
from lapor_desk.services.complaint_filter import SortKey
from lapor_desk.services.complaint_query import RegisterRow

#: The running deadline's background, made once (a brush a cell took a register's first paint
#: 2-3 ms, bench/README.md).
_OVERDUE = QBrush(QColor("#f8d7da"))
_DUE_SOON = QBrush(QColor("#fff1c2"))
_URGENT = QColor("#c0392b")
_PRIVATE = QColor("#6c4f9e")


@dataclass(frozen=True, slots=True)
class Column:
    """One column: what it sorts on, its title (English source) and whether it shows at first."""

    key: SortKey
    title: str
    visible: bool = True


def columns() -> tuple[Column, ...]:
    """The register's columns in their default order (titles in the active language)."""
    # The short columns a secretary scans (status, deadline, lead unit) come before the title,
    # so that they stay in sight beside the detail pane; an urgent complaint's title has a dot.
    return (
        Column(SortKey.TRACKING_ID, _("Tracking ID")),
        Column(SortKey.RECEIVED, _("Received")),
        Column(SortKey.STATUS, _("Status")),
        Column(SortKey.DUE, _("Next deadline")),
        Column(SortKey.UNIT, _("Lead unit")),
        Column(SortKey.TITLE, _("Title")),
        Column(SortKey.TOPIC, _("Topic")),
        Column(SortKey.URGENT, _("Urgent"), visible=False),
        Column(SortKey.KLASIFIKASI, _("Klasifikasi"), visible=False),
        Column(SortKey.CHANNEL, _("Channel"), visible=False),
        Column(SortKey.PRIVACY, _("Privacy")),
    )


def _short_date(value: date, known: dict[tuple[str, date], str]) -> str:
    # Babel takes ~10 µs a date, and a page shows few distinct ones: formatted once each.
    locale = "id" if current_language() == "id" else "en"
    text = known.get((locale, value))
    if text is None:
        from babel.dates import format_date

        text = known[(locale, value)] = format_date(value, "d MMM y", locale=locale)
    return text


def _dot(color: QColor) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


class Cells:
    """Formats a row's cells; keeps the icons and the dates it formatted."""

    #: The columns that may show an icon (decoration) or a background colour.
    #: (A red dot means urgent: an overdue deadline has its colour, not a dot of its own.)
    DECORATED = frozenset({SortKey.URGENT, SortKey.TITLE, SortKey.PRIVACY})
    COLOURED = frozenset({SortKey.DUE})

    def __init__(self) -> None:
        self._icons: dict[str, QIcon] = {}
        self._dates: dict[tuple[str, date], str] = {}

    def display(self, item: RegisterRow, key: SortKey) -> str:
        """The text of ``key``'s cell."""
        c = item.complaint
        match key:
            case SortKey.TRACKING_ID:
                return c.tracking_id
            case SortKey.RECEIVED:
                return _short_date(c.received_at.date(), self._dates)
            case SortKey.TITLE:
                return c.title
            case SortKey.STATUS:
                return c.status.label
            case SortKey.KLASIFIKASI:
                return c.klasifikasi or "–"
            case SortKey.TOPIC:
                return c.topic or "–"
            case SortKey.CHANNEL:
                return c.channel or "–"
            case SortKey.UNIT:
                return item.unit_abbreviation or "–"
            case SortKey.DUE:
                return _short_date(item.open_due, self._dates) if item.open_due else "–"
            case SortKey.URGENT:
                return _("Urgent") if c.urgent else ""
            case SortKey.PRIVACY:
                return _privacy_text(c.anonim, c.rahasia)

    @staticmethod
    def raw(item: RegisterRow, key: SortKey) -> object:
        """The value ``key``'s column sorts on (dates as ISO text)."""
        c = item.complaint
        values: dict[SortKey, object] = {
            SortKey.TRACKING_ID: c.tracking_id,
            SortKey.RECEIVED: c.received_at,
            SortKey.TITLE: c.title,
            SortKey.STATUS: c.status.value,
            SortKey.KLASIFIKASI: c.klasifikasi,
            SortKey.TOPIC: c.topic,
            SortKey.CHANNEL: c.channel,
            SortKey.UNIT: item.unit_abbreviation,
            SortKey.DUE: item.open_due,
            SortKey.URGENT: c.urgent,
            SortKey.PRIVACY: (c.anonim, c.rahasia),
        }
        value = values[key]
        return value.isoformat() if isinstance(value, date | datetime) else value

    def _icon(self, name: str, color: QColor) -> QIcon:
        icon = self._icons.get(name)
        if icon is None:
            icon = self._icons[name] = _dot(color)
        return icon

    def decoration(self, item: RegisterRow, key: SortKey) -> QIcon | None:
        """The urgent dot (in its column and before the title) and the private one."""
        if key in (SortKey.URGENT, SortKey.TITLE) and item.complaint.urgent:
            return self._icon("urgent", _URGENT)
        if key is SortKey.PRIVACY and (item.complaint.anonim or item.complaint.rahasia):
            return self._icon("private", _PRIVATE)
        return None

    @staticmethod
    def background(item: RegisterRow, key: SortKey) -> QBrush | None:
        """The running deadline's colour, in its own column."""
        if key is SortKey.DUE:
            if item.sla is SlaState.OVERDUE:
                return _OVERDUE
            if item.sla is SlaState.DUE_SOON:
                return _DUE_SOON
        return None

    @staticmethod
    def tooltip(item: RegisterRow, key: SortKey) -> str | None:
        """The deadline's state, the whole title (and what its dot means), the lead unit."""
        if key is SortKey.DUE and item.sla is not None:
            return item.sla.label
        if key is SortKey.TITLE:
            if item.complaint.urgent:
                return _("Urgent: {title}").format(title=item.complaint.title)
            return item.complaint.title
        if key is SortKey.UNIT:
            return item.complaint.lead_unit
        return None


def _privacy_text(anonim: bool, rahasia: bool) -> str:
    parts = []
    if anonim:
        parts.append(_("Anonymous"))
    if rahasia:
        parts.append(_("Confidential"))
    return ", ".join(parts)
