"""Notes that save themselves: after a second without typing, and at least every two seconds.

Meeting mode has two such editors (the item's notes and the meeting's own opening and closing
notes); both follow one rule, so a killed process loses at most the last two seconds of typing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout, QWidget

from lapor_desk.domain.errors import LaporError
from lapor_desk.i18n import _
from lapor_desk.services.meeting_models import NotesSaved
from lapor_desk.ui.views.meetings.common import form_error, hint

IDLE_SAVE_MS = 1000  # save after a second without typing
MAX_UNSAVED_MS = 2000  # and never let typed text wait longer than this

#: Saves ``text`` over ``revision`` (the revision last read or saved); the service refuses a
#: stale revision, so two windows cannot overwrite each other's notes unseen.
Saver = Callable[[str, int], NotesSaved]


class NotesBox(QWidget):
    """A notes editor with its autosave timers, its "saved at" line and its refusal line."""

    #: The text reached the register.
    saved = Signal()

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText(placeholder)
        self.editor.setStyleSheet("font-size: 12pt;")
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self.save_state = hint()
        self.error = form_error()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.save_state)
        layout.addWidget(self.error)
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(IDLE_SAVE_MS)
        self.idle_timer.timeout.connect(self.save)
        self.max_timer = QTimer(self)
        self.max_timer.setSingleShot(True)
        self.max_timer.setInterval(MAX_UNSAVED_MS)
        self.max_timer.timeout.connect(self.save)
        self._saver: Saver | None = None
        self.revision = 0
        self.dirty = False
        self._loading = False

    def load(self, text: str, revision: int, saver: Saver | None) -> None:
        """Show ``text`` at ``revision``; without a saver the editor is read-only."""
        self.idle_timer.stop()
        self.max_timer.stop()
        self._saver = saver
        self._loading = True
        self.editor.setPlainText(text)
        self._loading = False
        self.editor.setReadOnly(saver is None)
        self.revision = revision
        self.dirty = False
        self.save_state.setText("")
        self.error.hide()

    def _on_editor_text_changed(self) -> None:
        if self._loading or self._saver is None:
            return
        self.dirty = True
        self.idle_timer.start()  # restarted by every keystroke
        if not self.max_timer.isActive():
            self.max_timer.start()  # not restarted: caps how long typed text stays unsaved
        self.save_state.setText(_("Unsaved changes…"))

    def save(self, force: bool = False) -> bool:
        """Save now if anything is unsaved (or ``force``); False when the register refused."""
        self.idle_timer.stop()
        self.max_timer.stop()
        if self._saver is None or not (self.dirty or force):
            return True
        try:
            done = self._saver(self.editor.toPlainText(), self.revision)
        except LaporError as error:
            # Shown beside the notes, not in a box: the notulis keeps typing, nothing is lost
            # from the editor, and the text can be copied out.
            self.error.setText(str(error))
            self.error.show()
            return False
        self.revision = done.revision
        self.dirty = False
        self.error.hide()
        self.save_state.setText(_("Saved at {time}").format(time=f"{done.saved_at:%H.%M.%S}"))
        self.saved.emit()
        return True
