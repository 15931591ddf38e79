"""The mouse wheel scrolls a page, not the list or number field that passes under the pointer.

Qt's drop-down lists, spin boxes and date fields take every wheel turn over them and change
their value, even unchosen: on a page that scrolls (a small screen), scrolling down through a
form would change a reference date or a unit on the way. A guarded field answers the wheel
only once the user has chosen it (clicked or tabbed into it); until then the turn goes to the
page around it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QComboBox, QWidget


class WheelGuard(QObject):
    """An event filter handing an unchosen field's wheel turns to the scroll area around it."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Pass a wheel turn over an unfocused field to the nearest scroll area."""
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget):
            return False
        if watched.hasFocus():
            return False  # chosen: the wheel changes its value, as Qt does
        area = _scroll_area(watched)
        if area is None:
            return False
        QCoreApplication.sendEvent(area.viewport(), event)
        return True


def _scroll_area(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


def guard_wheel(root: QWidget, guard: WheelGuard) -> None:
    """Guard every drop-down list and spin box (dates included) under ``root`` now.

    A field made later is not guarded: every page builds its fields in its constructor, and
    one that adds fields afterwards calls this again for them.
    """
    fields: list[QWidget] = [*root.findChildren(QComboBox), *root.findChildren(QAbstractSpinBox)]
    for field in fields:
        field.installEventFilter(guard)
        if field.focusPolicy() == Qt.FocusPolicy.WheelFocus:
            # Qt's lists take the focus on a wheel turn: only a click or Tab now.
            field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
