"""Small pieces the meeting screens share: the service call wrapper, times, styles, a unit list."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, time

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QWidget,
)

from lapor_desk.domain.errors import LaporError, ValidationError
from lapor_desk.domain.meetings import MeetingStatus
from lapor_desk.i18n import _
from lapor_desk.services.changes import Changes
from lapor_desk.services.meeting_models import UnitRef
from lapor_desk.ui.errors import show_error
from lapor_desk.ui.events import AppEvents

MEETING_STYLE = """
QLabel#meetingHeading { font-size: 14pt; font-weight: 600; }
QLabel#statusChip { border-radius: 9px; padding: 2px 10px; font-weight: 600;
                    background: #e3ecf5; color: #1f4e79; }
QLabel#formError { color: #a4161a; }
QLabel#hint { color: #555; }
QGroupBox { font-weight: 600; margin-top: 10px; }
QGroupBox::title { subcontrol-origin: margin; left: 6px; padding: 0 4px; }
"""

STATUS_COLOURS: dict[MeetingStatus, tuple[str, str]] = {
    MeetingStatus.DRAFT: ("#eeeeee", "#444444"),
    MeetingStatus.SCHEDULED: ("#e3ecf5", "#1f4e79"),
    MeetingStatus.IN_SESSION: ("#fff1cc", "#7a5300"),
    MeetingStatus.CLOSED: ("#e2f0e2", "#1e5e20"),
    MeetingStatus.MINUTES_APPROVED: ("#d4ebd4", "#14451a"),
}


def style_status_chip(label: QLabel, status: MeetingStatus) -> None:
    """Colour the status chip by status."""
    background, foreground = STATUS_COLOURS[status]
    label.setText(status.label)
    label.setStyleSheet(
        f"border-radius: 9px; padding: 2px 10px; font-weight: 600;"
        f" background: {background}; color: {foreground};"
    )


_TIME = re.compile(r"\s*([0-9]{1,2})[.:]([0-9]{2})\s*")


def parse_time(text: str, field: str) -> time | None:
    """``09.00`` or ``9:00`` → 09:00; empty → None; anything else a ValidationError."""
    if not text.strip():
        return None
    match = _TIME.fullmatch(text)
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValidationError(field, _("Write the time as hours and minutes, e.g. 09.00."))
    return time(int(match.group(1)), int(match.group(2)))


def fmt_time(value: time | None) -> str:
    """``09.00`` (the Indonesian style), empty for none."""
    return f"{value:%H.%M}" if value else ""


def fmt_duration(seconds: int) -> str:
    """``1:05:09`` or ``05:09``."""
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def to_qdate(value: date) -> QDate:
    """A Python date as QDate."""
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    """A QDate as a Python date."""
    return date(value.year(), value.month(), value.day())


def call_service[T](
    parent: QWidget,
    events: AppEvents,
    work: Callable[[], T],
    changes: Callable[[T], Changes] | None = None,
    error_label: QLabel | None = None,
) -> T | None:
    """Run ``work``; announce what it changed; show a refusal under the form or in a box.

    Returns None when the service refused (the message is shown, nothing was saved).
    """
    try:
        result = work()
    except ValidationError as error:
        if error_label is None:
            show_error(parent, error)
        else:
            error_label.setText(error.message)
            error_label.show()
        return None
    except LaporError as error:
        show_error(parent, error)
        return None
    if error_label is not None:
        error_label.hide()
    if changes is not None:
        events.emit_changes(changes(result))
    return result


class UnitChecklist(QListWidget):
    """Units with check boxes; Space toggles the current one."""

    def set_units(self, units: Sequence[UnitRef], checked: Sequence[int] = ()) -> None:
        """Show ``units`` (abbreviation — name), ticking ``checked`` first in their order."""
        self.clear()
        by_id = {u.id: u for u in units}
        ordered = [by_id[i] for i in checked if i in by_id]
        ordered += [u for u in units if u.id not in set(checked)]
        for unit in ordered:
            item = QListWidgetItem(f"{unit.abbreviation} — {unit.name}")
            item.setData(Qt.ItemDataRole.UserRole, unit.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if unit.id in checked else Qt.CheckState.Unchecked
            )
            self.addItem(item)
        if self.count():
            self.setCurrentRow(0)

    def checked_ids(self) -> tuple[int, ...]:
        """Ids of the ticked units, in list order."""
        return tuple(
            int(self.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        )

    def set_checked(self, unit_ids: Sequence[int]) -> None:
        """Tick exactly ``unit_ids``."""
        for row in range(self.count()):
            item = self.item(row)
            wanted = int(item.data(Qt.ItemDataRole.UserRole)) in unit_ids
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)


class ElidedLabel(QLabel):
    """One line of text, cut short with "…" when the label is narrower; the whole in a tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full_text = ""
        self.setTextFormat(Qt.TextFormat.PlainText)  # a title is never markup
        # As narrow as the layout needs: the text is cut, not the window widened.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        """Show ``text``, cut to the label's width."""
        self.full_text = text
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        """Cut the text again to the new width."""
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        """Cut the text again in a new font (a style sheet sets the heading's)."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(
            self.full_text, Qt.TextElideMode.ElideRight, max(0, self.contentsRect().width())
        )
        self.setText(shown)
        self.setToolTip(self.full_text if shown != self.full_text else "")


def form_error() -> QLabel:
    """A red line under a form, hidden until the service refuses something."""
    label = QLabel()
    label.setObjectName("formError")
    label.setWordWrap(True)
    label.hide()
    return label


def hint(text: str = "") -> QLabel:
    """A grey explanatory line."""
    label = QLabel(text)
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


def compact(*boxes: QComboBox) -> None:
    """Long unit names must not widen a narrow column: lists elsewhere show them in full."""
    for box in boxes:
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(18)
