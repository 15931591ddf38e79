"""One application-wide signal that tells open screens what a service call changed."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from lapor_desk.services.changes import Changes


class AppEvents(QObject):
    """Built once by the composition root and passed to every screen that changes or shows data.

    A screen that called a service emits ``changed`` with the returned :class:`Changes`; every
    screen listening refreshes what it shows of those records.
    """

    changed = Signal(Changes)

    def emit_changes(self, changes: Changes) -> None:
        """Announce ``changes`` unless nothing changed."""
        if not changes.empty:
            self.changed.emit(changes)
