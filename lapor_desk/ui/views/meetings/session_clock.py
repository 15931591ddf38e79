"""Meeting mode's two clocks: time spent on the meeting, and on the item shown.

Both start from the seconds already recorded in the register (earlier visits, earlier windows),
so closing and reopening meeting mode does not reset them.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QObject, QTimer
from PySide6.QtWidgets import QLabel

from lapor_desk.ui.views.meetings.common import fmt_duration


def _running_seconds(clock: QElapsedTimer) -> int:
    return int(clock.elapsed() // 1000) if clock.isValid() else 0


class SessionClock(QObject):
    """Two labels, updated every second while the window is open."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.meeting_label = QLabel()
        self.item_label = QLabel()
        for label in (self.meeting_label, self.item_label):
            label.setStyleSheet("font-size: 13pt; font-family: monospace;")
        self._meeting_base = 0
        self._item_base = 0  # seconds recorded on the item before it was shown this time
        self._has_item = False
        self._meeting_clock = QElapsedTimer()
        self._item_clock = QElapsedTimer()
        self.tick = QTimer(self)
        self.tick.setInterval(1000)
        self.tick.timeout.connect(self.show)

    def start_meeting(self, recorded_seconds: int, running: bool) -> None:
        """Count from ``recorded_seconds``; the clock runs only while the meeting is in session."""
        self._meeting_base = recorded_seconds
        if running:
            self._meeting_clock.start()
        else:
            self._meeting_clock.invalidate()
        self.show()

    def start_item(self, recorded_seconds: int | None, running: bool) -> None:
        """The item shown changed (None: no item); count from what the item has recorded."""
        self._has_item = recorded_seconds is not None
        self._item_base = recorded_seconds or 0
        if running and self._has_item:
            self._item_clock.start()
        else:
            self._item_clock.invalidate()
        self.show()

    def meeting_seconds(self) -> int:
        """Time recorded on the meeting's items plus time since this window opened."""
        return self._meeting_base + _running_seconds(self._meeting_clock)

    def item_seconds(self) -> int:
        """Seconds spent on the item shown, earlier visits included."""
        return self._item_base + _running_seconds(self._item_clock)

    def show(self) -> None:
        """Write both clocks into their labels."""
        self.meeting_label.setText(fmt_duration(self.meeting_seconds()))
        self.item_label.setText(fmt_duration(self.item_seconds()) if self._has_item else "—")
