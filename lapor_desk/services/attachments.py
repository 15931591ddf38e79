"""Evidence and letters attached to complaints, stored once per content under their SHA-256."""

from __future__ import annotations

import hashlib
import mimetypes
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from lapor_desk.domain.actor import Actor, Clock
from lapor_desk.domain.errors import NotFound, ValidationError
from lapor_desk.i18n import _
from lapor_desk.models import Attachment, Complaint
from lapor_desk.services.changes import Changes

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class AttachmentRow:
    """One attached file as the detail pane lists it."""

    id: int
    complaint_id: int
    filename: str
    media_type: str
    size: int
    sha256: str
    added_at: datetime
    added_by: str


def _row(a: Attachment) -> AttachmentRow:
    return AttachmentRow(
        a.id, a.complaint_id, a.filename, a.media_type, a.size, a.sha256, a.added_at, a.added_by
    )


class AttachmentService:
    """Adds files to complaints and finds them again; the same content is stored only once."""

    def __init__(self, factory: sessionmaker[Session], clock: Clock, store: Path) -> None:
        self._factory = factory
        self._clock = clock
        self._store = store

    def _path(self, sha256: str) -> Path:
        return self._store / sha256[:2] / sha256

    def add(self, actor: Actor, complaint_id: int, source: Path) -> tuple[AttachmentRow, Changes]:
        """Copy ``source`` into the store and attach it to the complaint."""
        if not source.is_file():
            raise ValidationError("file", _("File not found: {path}").format(path=source))
        size = source.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            raise ValidationError("file", _("The file is larger than 50 MB."))
        self._store.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        # Copy while hashing, then move into place: a crash never leaves a half file under a hash.
        with tempfile.NamedTemporaryFile(dir=self._store, delete=False) as temporary:
            with source.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
                    temporary.write(block)
            temporary_path = Path(temporary.name)
        sha256 = digest.hexdigest()
        target = self._path(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            temporary_path.unlink()
        else:
            shutil.move(temporary_path, target)
        media_type = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
        with self._factory.begin() as session:
            if session.get(Complaint, complaint_id) is None:
                raise NotFound(_("Complaint not found."))
            attachment = Attachment(
                complaint_id=complaint_id,
                filename=source.name,
                media_type=media_type,
                size=size,
                sha256=sha256,
                added_at=self._clock(),
                added_by=actor.display_name,
            )
            session.add(attachment)
            session.flush()
            row = _row(attachment)
        return row, Changes(complaints=frozenset({complaint_id}))

    def list(self, complaint_id: int) -> tuple[AttachmentRow, ...]:
        """The complaint's attachments, oldest first."""
        with self._factory() as session:
            return tuple(
                _row(a)
                for a in session.scalars(
                    select(Attachment)
                    .where(Attachment.complaint_id == complaint_id)
                    .order_by(Attachment.added_at, Attachment.id)
                )
            )

    def path(self, attachment_id: int) -> Path:
        """Where the attachment's content is stored; an error if the file has gone missing."""
        with self._factory() as session:
            attachment = session.get(Attachment, attachment_id)
            if attachment is None:
                raise NotFound(_("Attachment not found."))
            sha256 = attachment.sha256
        path = self._path(sha256)
        if not path.is_file():
            raise NotFound(_("The attachment's file is missing from the data folder."))
        return path

    def copy_out(self, attachment_id: int, target: Path) -> Path:
        """Write a copy of the attachment to ``target`` (a file, or a folder to put it in).

        In a folder the copy keeps its original name, numbered when that name is taken; the
        stored content is never handed out itself, so nothing opened from it can change it.
        """
        source = self.path(attachment_id)
        if target.is_dir():
            with self._factory() as session:
                attachment = session.get(Attachment, attachment_id)
                assert attachment is not None  # path() found it
                name = Path(attachment.filename).name or "lampiran"
            target = _free_name(target / name)
        shutil.copyfile(source, target)
        return target


def _free_name(path: Path) -> Path:
    """``path``, or ``name (2).ext``, ``name (3).ext``, ... when it exists."""
    number = 2
    candidate = path
    while candidate.exists():
        candidate = path.with_name(f"{path.stem} ({number}){path.suffix}")
        number += 1
    return candidate
