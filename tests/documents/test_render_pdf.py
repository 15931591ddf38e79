"""The PDF renderer: content, Indonesian formats, paper, embedded fonts, page numbers, draft."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from lapor_desk.reports.document import Paper, content_hash
from lapor_desk.reports.output import Format, write
from tests.documents.conftest import pdf_text
from tests.documents.samples import every_block

MM = 72 / 25.4


def test_every_block_is_drawn_with_indonesian_numbers(tmp_path: Path) -> None:
    path = write(every_block(), tmp_path / "semua.pdf")
    text = pdf_text(path)
    for expected in ("KEMENTERIAN SOSIAL REPUBLIK INDONESIA", "BIRO HUBUNGAN MASYARAKAT",
                     "LAPORAN UJI", "Hari/Tanggal", "Selasa, 15 November 2022",
                     "I. Ringkasan", "12,4%", "4.447", "98,6%", "butir kedua", "2.",
                     "Unit nomor 30", "465.000", "Tidak ada data.", "Jakarta, 15 November 2022",
                     "NIP 19850312 201001 1 005", "Halaman lampiran"):
        assert expected in text, expected


def test_footer_numbers_pages_and_stamps_snapshot_and_hash(tmp_path: Path) -> None:
    document = every_block(rows=120)
    path = write(document, tmp_path / "panjang.pdf")
    reader = PdfReader(str(path))
    pages = len(reader.pages)
    assert pages >= 4
    last = reader.pages[-1].extract_text()
    assert f"Halaman {pages} dari {pages}" in last
    assert "Halaman 1 dari" in reader.pages[0].extract_text()
    assert "31 Oktober 2022 23.59" in last
    assert document.stamp.content_hash == content_hash(document)
    assert document.stamp.content_hash in last


def test_table_header_repeats_on_every_page(tmp_path: Path) -> None:
    path = write(every_block(rows=150), tmp_path / "tabel.pdf")
    reader = PdfReader(str(path))
    with_rows = [p.extract_text() for p in reader.pages if "Unit nomor" in p.extract_text()]
    assert len(with_rows) >= 3
    assert all("Jumlah" in text and "No" in text for text in with_rows)


@pytest.mark.parametrize(("paper", "size_mm"), [(Paper.A4, (210, 297)), (Paper.F4, (215, 330))])
def test_paper_size(tmp_path: Path, paper: Paper, size_mm: tuple[int, int]) -> None:
    path = write(every_block(paper=paper), tmp_path / f"{paper}.pdf")
    box = PdfReader(str(path)).pages[0].mediabox
    assert float(box.width) == pytest.approx(size_mm[0] * MM, abs=0.5)
    assert float(box.height) == pytest.approx(size_mm[1] * MM, abs=0.5)


def test_fonts_are_embedded(tmp_path: Path) -> None:
    path = write(every_block(), tmp_path / "font.pdf")
    reader = PdfReader(str(path))
    embedded = set()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                embedded.add(str(font["/BaseFont"]))
    assert embedded, "no TrueType font embedded"
    assert all("Helvetica" not in name for name in embedded)


def test_draft_watermark_only_while_draft(tmp_path: Path) -> None:
    draft = pdf_text(write(every_block(draft=True), tmp_path / "draft.pdf"))
    final = pdf_text(write(every_block(draft=False), tmp_path / "final.pdf"))
    assert "DRAFT" in draft
    assert "DRAFT" not in final


def test_same_content_same_hash_different_content_other_hash() -> None:
    assert every_block().stamp.content_hash == every_block().stamp.content_hash
    assert every_block(rows=31).stamp.content_hash != every_block().stamp.content_hash


def test_write_leaves_no_file_when_format_is_unknown(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write(every_block(), tmp_path / "x.txt")
    assert list(tmp_path.iterdir()) == []
    assert Format.of(Path("A.PDF")) is Format.PDF
