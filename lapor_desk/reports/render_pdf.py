"""PDF renderer: draws a :class:`Document` with reportlab (the only module that imports it).

Fonts are embedded TrueType (Arial or the bundled Liberation Sans); "Halaman X dari Y" needs the
page count, so pages are kept until the end and numbered when the document is saved.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import Any, assert_never
from xml.sax.saxutils import escape

from lapor_desk.reports import charts, lang
from lapor_desk.reports.document import (
    Align,
    BulletList,
    Cell,
    Chart,
    Document,
    Fields,
    Heading,
    KeyFigures,
    Letterhead,
    PageBreak,
    Paragraph,
    Row,
    Signatures,
    Spacer,
    Table,
    Title,
    signature_slots,
)
from lapor_desk.reports.fonts import document_fonts

FONT = "LaporSans"
BODY_PT = 11.0
TABLE_PT = 9.0
SMALL_PT = 8.0
FOOTER_PT = 7.5
INK = (0.12, 0.16, 0.2)
HEADER_FILL = (0.87, 0.91, 0.95)
TOTAL_FILL = (0.94, 0.95, 0.96)
RULE = (0.55, 0.6, 0.65)


def _register_fonts() -> None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    fonts = document_fonts()
    names = {
        FONT: fonts.regular,
        f"{FONT}-Bold": fonts.bold,
        f"{FONT}-Italic": fonts.italic,
        f"{FONT}-BoldItalic": fonts.bold_italic,
    }
    for name, path in names.items():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, f"{FONT}-Bold")
    addMapping(FONT, 0, 1, f"{FONT}-Italic")
    addMapping(FONT, 1, 1, f"{FONT}-BoldItalic")


_ALIGN = {Align.LEFT: 0, Align.CENTER: 1, Align.RIGHT: 2, Align.JUSTIFY: 4}


@cache
def _style(size: float, align: Align = Align.LEFT, bold: bool = False, italic: bool = False,
           space_after: float = 0.0, leading: float | None = None,
           keep_with_next: bool = False, space_before: float = 0.0) -> Any:
    from reportlab.lib.colors import Color
    from reportlab.lib.styles import ParagraphStyle

    name = FONT + ("-Bold" if bold and not italic else "") + ("-Italic" if italic and not bold
                                                              else "")
    if bold and italic:
        name = f"{FONT}-BoldItalic"
    return ParagraphStyle(
        f"s{size}{align}{bold}{italic}{space_after}{leading}{keep_with_next}{space_before}",
        fontName=name,
        fontSize=size,
        leading=leading or size * 1.25,
        alignment=_ALIGN[align],
        spaceAfter=space_after,
        spaceBefore=space_before,
        textColor=Color(*INK),
        keepWithNext=keep_with_next,
    )


def _para(text: str, style: Any) -> Any:
    from reportlab.platypus import Paragraph as RLParagraph

    return RLParagraph(escape(text).replace("\n", "<br/>"), style)


class _Renderer:
    def __init__(self, document: Document) -> None:
        from reportlab.lib.units import mm

        self.doc = document
        self.mm = mm
        width, height = document.paper.size_mm
        self.page_size = (width * mm, height * mm)
        margins = document.margins
        self.text_width = (width - margins.left - margins.right) * mm

    # -- blocks ------------------------------------------------------------------------------

    def flowables(self) -> list[Any]:
        items: list[Any] = []
        if self.doc.letterhead is not None:
            items += self._letterhead(self.doc.letterhead)
        for block in self.doc.blocks:
            items += self._block(block)
        return items

    def _block(self, block: Any) -> list[Any]:
        from reportlab.platypus import PageBreak as RLPageBreak
        from reportlab.platypus import Spacer as RLSpacer

        mm = self.mm
        match block:
            case Title():
                out = [_para(block.text, _style(13.0, Align.CENTER, bold=True, space_after=2))]
                out += [_para(s, _style(BODY_PT, Align.CENTER, bold=True))
                        for s in block.subtitles]
                return [*out, RLSpacer(1, 5 * mm)]
            case Heading():
                size = 11.5 if block.level == 1 else 10.5
                # Space before in the style, not a spacer: a spacer would break the chain
                # that keeps a heading on the page of what follows it.
                return [_para(block.text, _style(size, Align.LEFT, bold=True, space_after=4,
                                                 keep_with_next=True,
                                                 space_before=(3 if block.level == 1 else 1.5)
                                                 * mm))]
            case Paragraph():
                size = SMALL_PT if block.small else BODY_PT
                style = _style(size, block.align, block.bold, block.italic, space_after=5,
                               leading=size * 1.4)
                return [_para(block.text, style)]
            case BulletList():
                return self._bullets(block)
            case Fields():
                return [self._fields(block), RLSpacer(1, 3 * mm)]
            case Table():
                return self._table(block)
            case KeyFigures():
                return [self._key_figures(block), RLSpacer(1, 4 * mm)]
            case Chart():
                return self._chart(block)
            case Signatures():
                return [RLSpacer(1, 6 * mm), self._signatures(block)]
            case PageBreak():
                return [RLPageBreak()]
            case Spacer():
                return [RLSpacer(1, block.height_mm * mm)]
            case _:
                assert_never(block)

    def _letterhead(self, head: Letterhead) -> list[Any]:
        from reportlab.lib.colors import Color
        from reportlab.platypus import Image, TableStyle
        from reportlab.platypus import Spacer as RLSpacer
        from reportlab.platypus import Table as RLTable

        mm = self.mm
        lines = [_para(head.ministry.upper(), _style(14.0, Align.CENTER, bold=True))]
        lines += [_para(u.upper(), _style(12.0, Align.CENTER, bold=True)) for u in head.units]
        contact = " ".join(
            part for part in (
                head.address,
                lang._("Phone {phone}").format(phone=head.phone) if head.phone else "",
            ) if part
        )
        if contact:
            lines.append(_para(contact, _style(SMALL_PT, Align.CENTER)))
        web = "  ".join(p for p in (head.website, head.email) if p)
        if web:
            lines.append(_para(web, _style(SMALL_PT, Align.CENTER)))
        logo_width = 22 * mm
        cells: list[Any] = []
        if head.logo_png:
            cells.append(Image(io.BytesIO(head.logo_png), width=logo_width, height=logo_width,
                               kind="proportional"))
        else:
            cells.append("")
        cells.append(lines)
        cells.append("")  # balances the logo so the text is centred on the page
        table = RLTable([cells], colWidths=[logo_width + 2 * mm,
                                            self.text_width - 2 * (logo_width + 2 * mm),
                                            logo_width + 2 * mm])
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LINEBELOW", (0, 0), (-1, 0), 2.0, Color(*INK)),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ]))
        rule = RLTable([[""]], colWidths=[self.text_width], rowHeights=[1.2])
        rule.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.6, Color(*INK))]))
        return [table, rule, RLSpacer(1, 6 * mm)]

    def _bullets(self, block: BulletList) -> list[Any]:
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph as RLParagraph

        base = _style(BODY_PT, Align.JUSTIFY, space_after=3, leading=BODY_PT * 1.4)
        style = ParagraphStyle(f"bullet{block.numbered}", parent=base, leftIndent=7 * self.mm,
                               bulletIndent=1.5 * self.mm)
        return [
            RLParagraph(escape(item), style,
                        bulletText=f"{n}." if block.numbered else "•")
            for n, item in enumerate(block.items, start=1)
        ]

    def _fields(self, block: Fields) -> Any:
        from reportlab.platypus import Table as RLTable
        from reportlab.platypus import TableStyle

        label_style = _style(BODY_PT)
        rows = [[_para(label, label_style), _para(":", label_style), _para(value, label_style)]
                for label, value in block.rows]
        label_width = self.text_width * block.label_width
        table = RLTable(rows, colWidths=[label_width, 4 * self.mm,
                                         self.text_width - label_width - 4 * self.mm])
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]))
        return table

    def _cell(self, cell: str | Cell, column_align: Align, size: float,
              bold: bool = False) -> Any:
        if isinstance(cell, Cell):
            return _para(cell.text, _style(size, cell.align or column_align, cell.bold or bold))
        return _para(cell, _style(size, column_align, bold))

    def _table(self, block: Table) -> list[Any]:
        from reportlab.lib.colors import Color
        from reportlab.platypus import LongTable, TableStyle
        from reportlab.platypus import Spacer as RLSpacer

        mm = self.mm
        out: list[Any] = []
        if block.caption:
            out.append(_para(block.caption, _style(TABLE_PT, Align.LEFT, bold=True,
                                                   space_after=2, keep_with_next=True)))
        if not block.rows:
            out += [_para(block.empty_text, _style(BODY_PT, Align.LEFT, italic=True,
                                                   space_after=4)), RLSpacer(1, 2 * mm)]
            return out
        size = SMALL_PT if block.small else TABLE_PT
        total_weight = sum(c.width for c in block.columns)
        widths = [self.text_width * c.width / total_weight for c in block.columns]
        header = [self._cell(Cell(c.header, Align.CENTER), Align.CENTER, size, bold=True)
                  for c in block.columns]
        aligns = [c.align for c in block.columns]

        def row(cells: Row, bold: bool = False) -> list[Any]:
            return [self._cell(cell, aligns[i], size, bold) for i, cell in enumerate(cells)]

        data = [header, *(row(r) for r in block.rows)]
        if block.total is not None:
            data.append(row(block.total, bold=True))
        heights: list[float | None] | None = None
        if block.row_height_mm is not None:
            # At least the given height, as in the DOCX: a fixed height would let a long
            # unit name run over the next row.
            minimum = block.row_height_mm * mm
            pad_x, pad_y = 6.0, 5.0  # the LEFT/RIGHT and TOP/BOTTOM paddings below
            heights = [None] + [
                max(minimum, pad_y + max(p.wrap(w - pad_x, 1e6)[1]
                                         for p, w in zip(cells, widths, strict=True)))
                for cells in data[1:]
            ]
        table = LongTable(data, colWidths=widths, repeatRows=1, rowHeights=heights)
        commands: list[tuple[Any, ...]] = [
            ("GRID", (0, 0), (-1, -1), 0.5, Color(*RULE)),
            ("BACKGROUND", (0, 0), (-1, 0), Color(*HEADER_FILL)),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
            ("VALIGN", (0, 1), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
        if block.total is not None:
            commands.append(("BACKGROUND", (0, -1), (-1, -1), Color(*TOTAL_FILL)))
        table.setStyle(TableStyle(commands))
        out += [table, RLSpacer(1, 4 * mm)]
        return out

    def _key_figures(self, block: KeyFigures) -> Any:
        from reportlab.lib.colors import Color
        from reportlab.platypus import Table as RLTable
        from reportlab.platypus import TableStyle

        value_style = _style(15.0, Align.CENTER, bold=True, leading=18)
        caption_style = _style(SMALL_PT, Align.CENTER)
        per_row = 4
        cells: list[Any] = [[_para(f.value, value_style), _para(f.caption, caption_style)]
                            for f in block.items]
        rows = [cells[i:i + per_row] for i in range(0, len(cells), per_row)]
        if rows and len(rows[-1]) < per_row:
            rows[-1] += [""] * (per_row - len(rows[-1]))
        width = self.text_width / per_row
        table = RLTable(rows, colWidths=[width] * per_row)
        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ]
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                if cell != "":
                    commands += [("BOX", (c, r), (c, r), 0.8, Color(*RULE)),
                                 ("BACKGROUND", (c, r), (c, r), Color(*TOTAL_FILL))]
        table.setStyle(TableStyle(commands))
        return table

    def _chart(self, block: Chart) -> list[Any]:
        from reportlab.platypus import Image, KeepTogether
        from reportlab.platypus import Spacer as RLSpacer

        mm = self.mm
        width = self.text_width * block.width
        png = charts.render_png(block.spec, width / mm, block.height_mm)
        image = Image(io.BytesIO(png), width=width, height=block.height_mm * mm)
        image.hAlign = "CENTER"
        parts: list[Any] = [image]
        if block.caption:
            parts.append(_para(block.caption, _style(SMALL_PT, Align.CENTER, italic=True)))
        return [KeepTogether(parts), RLSpacer(1, 4 * mm)]

    def _signatures(self, block: Signatures) -> Any:
        from reportlab.platypus import KeepTogether, TableStyle
        from reportlab.platypus import Table as RLTable

        mm = self.mm
        slots = signature_slots(block)
        count = max(1, len(slots))
        cells: list[Any] = []
        for index, signer in enumerate(slots):
            if signer is None:
                cells.append(self._note_box(block.note_box) if block.note_box else "")
                continue
            lines: list[Any] = []
            style = _style(BODY_PT, Align.CENTER)
            # The place and date stand above the last signer, as in Indonesian letters.
            top = block.place_date if index == count - 1 and block.place_date else "\u00a0"
            lines.append(_para(top, style))
            lines.append(_para(signer.role, style))
            if signer.position:
                lines.append(_para(signer.position, style))
            from reportlab.platypus import Spacer as RLSpacer

            lines.append(RLSpacer(1, 20 * mm))
            lines.append(_para(signer.name, _style(BODY_PT, Align.CENTER, bold=True)))
            if signer.nip:
                lines.append(_para(lang._("NIP {nip}").format(nip=signer.nip), style))
            cells.append(lines)
        table = RLTable([cells], colWidths=[self.text_width / count] * count)
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return KeepTogether([table])

    def _note_box(self, caption: str) -> Any:
        from reportlab.lib.colors import Color
        from reportlab.platypus import Table as RLTable
        from reportlab.platypus import TableStyle

        box = RLTable([[_para(caption, _style(TABLE_PT, Align.CENTER, bold=True))], [""]],
                      colWidths=[self.text_width / 2 - 6 * self.mm],
                      rowHeights=[None, 32 * self.mm])
        box.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.5, Color(*RULE)),
            ("BACKGROUND", (0, 0), (-1, 0), Color(*HEADER_FILL)),
        ]))
        return box

    # -- pages -------------------------------------------------------------------------------

    def footer_text(self) -> str:
        stamp = self.doc.stamp
        return lang._("Data as of {time} · code {hash}").format(
            time=lang.stamp_time(stamp.snapshot), hash=stamp.content_hash or "-"
        )


def _numbered_canvas(renderer: _Renderer) -> type[Any]:
    from reportlab.lib.colors import Color
    from reportlab.pdfgen.canvas import Canvas

    doc = renderer.doc
    mm = renderer.mm
    page_width, _height = renderer.page_size
    footer = renderer.footer_text()

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints
        """Keeps every page until the end, then writes "Halaman X dari Y" on each."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._decorate(number, total)
                super().showPage()
            super().save()

        def _decorate(self, number: int, total: int) -> None:
            self.saveState()
            if doc.draft:
                self.setFillColor(Color(0.75, 0.1, 0.1, alpha=0.13))
                self.setFont(f"{FONT}-Bold", 110)
                self.translate(page_width / 2, renderer.page_size[1] / 2)
                self.rotate(45)
                self.drawCentredString(0, -35, "DRAFT")
                self.restoreState()
                self.saveState()
            self.setFillColor(Color(*INK))
            self.setStrokeColor(Color(*RULE))
            left = doc.margins.left * mm
            right = page_width - doc.margins.right * mm
            y = doc.margins.bottom * mm * 0.5
            self.line(left, y + 9, right, y + 9)
            self.setFont(FONT, FOOTER_PT)
            self.drawString(left, y, footer)
            self.drawRightString(
                right, y, lang._("Page {page} of {pages}").format(page=number, pages=total)
            )
            self.restoreState()

    return NumberedCanvas


def render_pdf(document: Document, target: Path | io.BytesIO) -> None:
    """Write ``document`` as PDF to ``target`` (a path or a binary buffer)."""
    from reportlab.platypus import SimpleDocTemplate

    _register_fonts()
    renderer = _Renderer(document)
    mm = renderer.mm
    margins = document.margins
    template = SimpleDocTemplate(
        str(target) if isinstance(target, Path) else target,
        pagesize=renderer.page_size,
        leftMargin=margins.left * mm,
        rightMargin=margins.right * mm,
        topMargin=margins.top * mm,
        bottomMargin=(margins.bottom + 4) * mm,
        title=document.title,
        author=document.letterhead.units[-1] if document.letterhead and
        document.letterhead.units else "LAPOR Desk",
        subject=renderer.footer_text(),
        creator="LAPOR Desk",
        keywords=document.stamp.content_hash,
        lang="id-ID",
    )
    template.build(renderer.flowables(), canvasmaker=_numbered_canvas(renderer))
