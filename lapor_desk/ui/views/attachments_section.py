"""The attachments of a complaint in the detail pane: attach (button or drop), open, save a copy.

Files are stored by content in the data folder (:mod:`lapor_desk.services.attachments`); what
the user opens or saves is always a copy under the file's own name, so a viewer that edits the
file cannot change the evidence on record.
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from lapor_desk.domain.actor import Actor
from lapor_desk.domain.enums import Role
from lapor_desk.domain.errors import LaporError
from lapor_desk.domain.formatting import fmt_int
from lapor_desk.i18n import _
from lapor_desk.services.attachments import AttachmentRow
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.changes import Changes
from lapor_desk.ui.errors import show_error
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.views.detail_sections import Entry, Section, when


class AttachmentsSection(Section):
    """The complaint's files, each with Open and Save a copy; Attach files… below them."""

    def __init__(
        self, services: Services, events: AppEvents, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Attachments"), _("No attachments."), parent)
        self._services = services
        self._events = events
        self._may_attach = actor.role is not Role.AUDITOR
        self._actor = actor
        self.complaint_id = 0
        self.rows: tuple[AttachmentRow, ...] = ()
        #: Hands a file to the desktop's viewer (the operating system's boundary).
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self._opened: Path | None = None
        self.attach_button = QPushButton(_("Attach files…"))
        self.attach_button.setToolTip(
            _("Add scanned letters, photos or other evidence (up to 50 MB each); "
              "files can also be dropped here")
        )
        self.attach_button.clicked.connect(self._on_attach_button_clicked)
        row = QHBoxLayout()
        row.setContentsMargins(0, 2, 0, 0)
        row.addWidget(self.attach_button)
        row.addStretch(1)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)  # Section's own layout
        layout.addLayout(row)
        self.attach_button.setVisible(self._may_attach)
        self.setAcceptDrops(self._may_attach)

    # -- showing -------------------------------------------------------------------------------

    def show_attachments(self, complaint_id: int, rows: Sequence[AttachmentRow]) -> None:
        """List ``rows``, the attachments of ``complaint_id``."""
        self.complaint_id = complaint_id
        self.rows = tuple(rows)
        self.clear()
        for attachment in self.rows:
            size = _("{n} KB").format(n=fmt_int(max(1, round(attachment.size / 1024))))
            entry = Entry(
                f"{attachment.filename} · {size} · {when(attachment.added_at)} · "
                f"{attachment.added_by}"
            )
            buttons = QHBoxLayout()
            buttons.setContentsMargins(0, 0, 0, 0)
            open_button = QPushButton(_("Open file"))
            open_button.setToolTip(_("Open a copy with the computer's viewer"))
            save_button = QPushButton(_("Save a copy…"))
            open_button.clicked.connect(
                lambda _checked=False, a=attachment.id: self.open_attachment(a))
            save_button.clicked.connect(
                lambda _checked=False, a=attachment: self._on_save_button_clicked(a))
            buttons.addWidget(open_button)
            buttons.addWidget(save_button)
            buttons.addStretch(1)
            entry_layout = entry.layout()
            assert isinstance(entry_layout, QVBoxLayout)  # Entry's own layout
            entry_layout.addLayout(buttons)
            self.add(entry)

    # -- acting --------------------------------------------------------------------------------

    def attach(self, paths: Sequence[Path]) -> int:
        """Attach ``paths`` to the complaint shown; returns how many were attached.

        Each file is its own step: a refused file (missing, too large) is reported with its
        reason and the others are still attached.
        """
        if not self.complaint_id or not self._may_attach:
            return 0
        attached: set[int] = set()
        refused: list[str] = []
        for path in paths:
            try:
                _row, changes = self._services.attachments.add(
                    self._actor, self.complaint_id, path)
            except (LaporError, OSError) as error:  # a locked or vanished file, a full disk
                refused.append(f"{path.name}: {error}")
            else:
                attached |= changes.complaints
        if attached:
            self._events.emit_changes(Changes(complaints=frozenset(attached)))
        if refused:
            show_error(self, LaporError(
                _("Not attached:") + "\n" + "\n".join(refused)))
        return len(paths) - len(refused)

    def open_attachment(self, attachment_id: int) -> Path | None:
        """Open a copy of the attachment with the desktop's viewer; returns the copy."""
        try:
            if self._opened is None:
                self._opened = Path(tempfile.mkdtemp(prefix="lapor-desk-lampiran-"))
                # Removed with the pane or at exit; a viewer may still hold a copy open (on
                # Windows that file cannot be deleted yet), so what cannot go stays behind.
                weakref.finalize(self, shutil.rmtree, self._opened, ignore_errors=True)
            folder = self._opened / str(attachment_id)
            folder.mkdir(exist_ok=True)
            copy = self._services.attachments.copy_out(attachment_id, folder)
        except (LaporError, OSError) as error:
            show_error(self, error)
            return None
        self.open_url(QUrl.fromLocalFile(str(copy)))
        return copy

    def save_copy(self, attachment_id: int, target: Path) -> Path | None:
        """Save a copy of the attachment as ``target``; returns it, or None if refused."""
        try:
            return self._services.attachments.copy_out(attachment_id, target)
        except (LaporError, OSError) as error:
            show_error(self, error)
            return None

    def _on_attach_button_clicked(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, _("Attach files"))
        if names:
            self.attach([Path(name) for name in names])

    def _on_save_button_clicked(self, attachment: AttachmentRow) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save a copy of the attachment"), attachment.filename)
        if name:
            self.save_copy(attachment.id, Path(name))

    # -- dropping files ------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        """Accept local files while a complaint is shown."""
        urls = event.mimeData().urls()
        if self.complaint_id and urls and all(url.isLocalFile() for url in urls):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        """Attach the dropped files."""
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.attach(paths)
