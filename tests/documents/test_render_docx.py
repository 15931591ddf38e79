"""The DOCX renderer: content, tables, paper, page-number fields, draft watermark."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from lapor_desk.reports.document import Paper
from lapor_desk.reports.output import write
from tests.documents.conftest import docx_tables, docx_text
from tests.documents.samples import every_block


def test_every_block_is_written_with_indonesian_numbers(tmp_path: Path) -> None:
    path = write(every_block(), tmp_path / "semua.docx")
    text = docx_text(path)
    for expected in ("KEMENTERIAN SOSIAL REPUBLIK INDONESIA", "LAPORAN UJI",
                     "Selasa, 15 November 2022", "I. Ringkasan", "12,4%", "4.447", "98,6%",
                     "•\tbutir kedua", "2.\tlangkah dua", "Unit nomor 30", "465.000",
                     "Tidak ada data.", "Jakarta, 15 November 2022", "NIP 19850312 201001 1 005",
                     "Halaman lampiran"):
        assert expected in text, expected
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["I. Ringkasan", "II. Tabel"]
    assert len(document.inline_shapes) == 2  # the two charts


def test_table_rows_header_and_total(tmp_path: Path) -> None:
    path = write(every_block(rows=40), tmp_path / "tabel.docx")
    table = next(t for t in docx_tables(path) if t[0] == ["No", "Unit", "Jumlah"])
    assert len(table) == 1 + 40 + 1
    assert table[40] == ["40", "Unit nomor 40", "40.000"]
    assert table[-1] == ["", "Jumlah", "465.000"]
    header = docx.Document(str(path)).tables
    xml = next(t for t in header if t.rows[0].cells[0].text == "No")._tbl.xml
    assert "w:tblHeader" in xml  # repeated on every page


@pytest.mark.parametrize(("paper", "size_mm"), [(Paper.A4, (210, 297)), (Paper.F4, (215, 330))])
def test_paper_size_and_margins(tmp_path: Path, paper: Paper, size_mm: tuple[int, int]) -> None:
    path = write(every_block(paper=paper), tmp_path / f"{paper}.docx")
    section = docx.Document(str(path)).sections[0]
    assert round(section.page_width.mm) == size_mm[0]
    assert round(section.page_height.mm) == size_mm[1]
    assert round(section.left_margin.mm) == 25


def test_footer_has_page_fields_stamp_and_hash(tmp_path: Path) -> None:
    document = every_block()
    path = write(document, tmp_path / "footer.docx")
    footer = docx.Document(str(path)).sections[0].footer
    xml = footer._element.xml
    assert "PAGE" in xml and "NUMPAGES" in xml
    text = footer.paragraphs[0].text
    assert "Halaman" in text and "dari" in text
    assert "31 Oktober 2022 23.59" in text
    assert document.stamp.content_hash in text


def test_draft_watermark_only_while_draft(tmp_path: Path) -> None:
    draft = docx.Document(str(write(every_block(draft=True), tmp_path / "d.docx")))
    final = docx.Document(str(write(every_block(draft=False), tmp_path / "f.docx")))
    assert 'string="DRAFT"' in draft.sections[0].header._element.xml
    assert "DRAFT" not in final.sections[0].header._element.xml


def test_docx_grows_linearly_with_rows(tmp_path: Path) -> None:
    small = write(every_block(rows=200), tmp_path / "s.docx").stat().st_size
    large = write(every_block(rows=2000), tmp_path / "l.docx").stat().st_size
    base = write(every_block(rows=1), tmp_path / "b.docx").stat().st_size
    per_row_small = (small - base) / 199
    per_row_large = (large - base) / 1999
    assert per_row_large == pytest.approx(per_row_small, rel=0.25)
