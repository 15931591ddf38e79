"""Writing a document in one of the two formats, atomically (no half-written file is left)."""

from __future__ import annotations

import os
import tempfile
from enum import StrEnum
from pathlib import Path

from lapor_desk.reports.document import Document


class Format(StrEnum):
    """The output formats; both carry the same content."""

    DOCX = "docx"
    PDF = "pdf"

    @classmethod
    def of(cls, path: Path) -> Format:
        """The format a file name asks for (``.docx`` or ``.pdf``)."""
        return cls(path.suffix.lower().lstrip("."))


def render_bytes(document: Document, fmt: Format) -> bytes:
    """The document as the bytes of a DOCX or PDF file."""
    import io

    buffer = io.BytesIO()
    if fmt is Format.PDF:
        from lapor_desk.reports.render_pdf import render_pdf

        render_pdf(document, buffer)
    else:
        from lapor_desk.reports.render_docx import render_docx

        render_docx(document, buffer)
    return buffer.getvalue()


def write(document: Document, target: Path, fmt: Format | None = None) -> Path:
    """Render ``document`` to ``target``; the file appears only once it is complete."""
    data = render_bytes(document, fmt or Format.of(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".lapor-", suffix=target.suffix,
                                         dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
