"""Fixtures of the document tests: a demo register, and text read back from DOCX and PDF."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from lapor_desk.services.bootstrap import Services, open_services
from tests.conftest import fixed_clock
from tests.integration.conftest import demo_register, services  # noqa: F401 - shared fixtures


@pytest.fixture
def demo_services(demo_register: Path, tmp_path: Path) -> Iterator[Services]:  # noqa: F811
    copy = tmp_path / "demo.sqlite3"
    shutil.copy(demo_register, copy)
    with open_services(copy, data_dir=tmp_path, clock=fixed_clock) as s:
        yield s


def docx_text(path: Path) -> str:
    """Every paragraph of a DOCX (body, nested tables, header, footer) as text, one a line."""
    import docx

    document = docx.Document(str(path))
    lines: list[str] = []

    def walk(container: object) -> None:
        for paragraph in container.paragraphs:  # type: ignore[attr-defined]
            lines.append(paragraph.text)
        for table in container.tables:  # type: ignore[attr-defined]
            for row in table.rows:
                for cell in row.cells:
                    walk(cell)

    walk(document)
    for section in document.sections:
        walk(section.header)
        walk(section.footer)
    return "\n".join(lines)


def docx_tables(path: Path) -> list[list[list[str]]]:
    """The body's tables as rows of cell texts."""
    import docx

    document = docx.Document(str(path))
    return [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]


def pdf_text(path: Path) -> str:
    """The text of every page of a PDF."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def digits_only(text: str) -> str:
    """The text with separators between digits removed, to find numbers however spaced."""
    return re.sub(r"(?<=\d)[\s.\-/()+]+(?=\d)", "", text)
