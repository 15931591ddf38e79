"""DOCX renderer: draws a :class:`Document` with python-docx (the only module that imports it).

The result opens and edits in Word and LibreOffice: real headings, tables with a repeated header
row, page numbers as fields, the DRAFT watermark as Word's own header shape. Table rows are added
with ``add_row().cells``: ``table.cell(r, c)`` is quadratic (DESIGN.md §5).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, assert_never

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
from lapor_desk.reports.fonts import DOCX_FAMILY

BODY_PT = 11.0
TABLE_PT = 9.0
SMALL_PT = 8.0
FOOTER_PT = 7.5
HEADER_FILL = "DEE8F2"
TOTAL_FILL = "F0F2F4"
RULE = "8C99A6"

_WATERMARK = """
<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
     xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">
  <w:pPr><w:pStyle w:val="Header"/></w:pPr>
  <w:r><w:rPr><w:noProof/></w:rPr><w:pict>
    <v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"
        path="m@7,l@8,m@5,21600l@6,21600e">
      <v:formulas>
        <v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>
        <v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>
        <v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/>
        <v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/>
        <v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/>
      </v:formulas>
      <v:path textpathok="t" o:connecttype="custom"
          o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800"
          o:connectangles="270,180,90,0"/>
      <v:textpath on="t" fitshape="t"/>
      <o:lock v:ext="edit" text="t" shapetype="t"/>
    </v:shapetype>
    <v:shape id="LaporDraftWatermark" type="#_x0000_t136"
        style="position:absolute;margin-left:0;margin-top:0;width:440pt;height:140pt;rotation:315;z-index:-251654144;mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin"
        o:allowincell="f" fillcolor="#e6b8b8" stroked="f">
      <v:fill opacity=".5"/>
      <v:textpath style="font-family:&quot;Arial&quot;;font-size:1pt;font-weight:bold"
          string="DRAFT"/>
    </v:shape>
  </w:pict></w:r>
</w:p>
"""


def _alignment(align: Align) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    return {
        Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT,
        Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
        Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT,
        Align.JUSTIFY: WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]


def _set_cell_fill(cell: Any, fill: str) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    cell._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>')
    )


def _set_table_borders(table: Any, spec: dict[str, tuple[str, int]]) -> None:
    """``spec``: border name (top, bottom, insideH, ...) → (style, size in eighths of a pt)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    edges = "".join(
        f'<w:{name} w:val="{style}" w:sz="{size}" w:space="0" w:color="{RULE}"/>'
        if style != "nil" else f'<w:{name} w:val="nil"/>'
        for name, (style, size) in spec.items()
    )
    table._tbl.tblPr.append(parse_xml(f"<w:tblBorders {nsdecls('w')}>{edges}</w:tblBorders>"))


_NO_BORDERS = {name: ("nil", 0) for name in
               ("top", "left", "bottom", "right", "insideH", "insideV")}
_GRID = {name: ("single", 4) for name in ("top", "left", "bottom", "right", "insideH", "insideV")}


def _add_field(paragraph: Any, code: str, size: float) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice update when they lay out."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    def char(kind: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    run = paragraph.add_run()
    run.font.size = Pt(size)
    run._r.append(char("begin"))
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {code} "
    run = paragraph.add_run()
    run.font.size = Pt(size)
    run._r.append(instruction)
    run = paragraph.add_run()
    run._r.append(char("separate"))
    run = paragraph.add_run("1")
    run.font.size = Pt(size)
    run = paragraph.add_run()
    run._r.append(char("end"))


class _Renderer:
    def __init__(self, document: Document) -> None:
        import docx
        from docx.shared import Mm

        self.doc = document
        self.out = docx.Document()
        self.Mm = Mm
        width, height = document.paper.size_mm
        margins = document.margins
        section = self.out.sections[0]
        section.page_width, section.page_height = Mm(width), Mm(height)
        section.top_margin, section.bottom_margin = Mm(margins.top), Mm(margins.bottom)
        section.left_margin, section.right_margin = Mm(margins.left), Mm(margins.right)
        section.header_distance, section.footer_distance = Mm(8), Mm(8)
        self.text_width_mm = width - margins.left - margins.right
        self._styles()

    def _styles(self) -> None:
        from docx.oxml.ns import qn
        from docx.shared import Pt, RGBColor

        for name in ("Normal", "Heading 1", "Heading 2", "Header", "Footer"):
            style = self.out.styles[name]
            style.font.name = DOCX_FAMILY
            rpr = style.element.get_or_add_rPr()
            fonts = rpr.get_or_add_rFonts()
            for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                fonts.set(qn(attribute), DOCX_FAMILY)
            style.font.color.rgb = RGBColor(0x1F, 0x29, 0x33)
        normal = self.out.styles["Normal"]
        normal.font.size = Pt(BODY_PT)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.line_spacing = 1.15
        for name, size in (("Heading 1", 11.5), ("Heading 2", 10.5)):
            style = self.out.styles[name]
            style.font.size = Pt(size)
            style.font.bold = True
            style.font.italic = False
            style.paragraph_format.space_before = Pt(10 if name == "Heading 1" else 6)
            style.paragraph_format.space_after = Pt(4)
            style.paragraph_format.keep_with_next = True

    # -- blocks ------------------------------------------------------------------------------

    def render(self) -> Any:
        if self.doc.letterhead is not None:
            self._letterhead(self.doc.letterhead)
        for block in self.doc.blocks:
            self._block(block)
        self._footer()
        if self.doc.draft:
            self._watermark()
        properties = self.out.core_properties
        properties.title = self.doc.title
        properties.author = "LAPOR Desk"
        properties.subject = self.footer_text()
        properties.keywords = self.doc.stamp.content_hash
        properties.language = "id-ID"
        return self.out

    def _block(self, block: Any) -> None:
        from docx.shared import Pt

        match block:
            case Title():
                self._text(block.text, Align.CENTER, size=13.0, bold=True, after=2)
                for line in block.subtitles:
                    self._text(line, Align.CENTER, bold=True)
                self._gap(4)
            case Heading():
                self.out.add_heading(block.text, level=1 if block.level == 1 else 2)
            case Paragraph():
                size = SMALL_PT if block.small else BODY_PT
                paragraph = self._text(block.text, block.align, size=size, bold=block.bold,
                                       italic=block.italic, after=5)
                paragraph.paragraph_format.line_spacing = 1.25
            case BulletList():
                for number, item in enumerate(block.items, start=1):
                    marker = f"{number}." if block.numbered else "•"
                    paragraph = self._text(f"{marker}\t{item}", Align.JUSTIFY, after=3)
                    fmt = paragraph.paragraph_format
                    fmt.left_indent = self.Mm(7)
                    fmt.first_line_indent = self.Mm(-5.5)
                    fmt.tab_stops.add_tab_stop(self.Mm(7))
            case Fields():
                self._fields(block)
            case Table():
                self._table(block)
            case KeyFigures():
                self._key_figures(block)
            case Chart():
                self._chart(block)
            case Signatures():
                self._gap(6)
                self._signatures(block)
            case PageBreak():
                # python-docx leaves this one method unannotated.
                self.out.add_page_break()  # type: ignore[no-untyped-call]
            case Spacer():
                paragraph = self.out.add_paragraph()
                paragraph.paragraph_format.line_spacing = Pt(max(1.0, block.height_mm * 2.83))
            case _:
                assert_never(block)

    def _text(self, text: str, align: Align = Align.LEFT, *, size: float = BODY_PT,
              bold: bool = False, italic: bool = False, after: float = 0,
              container: Any = None) -> Any:
        from docx.shared import Pt

        paragraph = (container or self.out).add_paragraph()
        self._fill(paragraph, text, align, size=size, bold=bold, italic=italic)
        paragraph.paragraph_format.space_after = Pt(after)
        return paragraph

    @staticmethod
    def _fill(paragraph: Any, text: str, align: Align, *, size: float = BODY_PT,
              bold: bool = False, italic: bool = False) -> None:
        from docx.shared import Pt

        paragraph.alignment = _alignment(align)
        lines = text.split("\n")
        for index, line in enumerate(lines):
            run = paragraph.add_run(line)
            run.font.size = Pt(size)
            run.font.bold = bold or None
            run.font.italic = italic or None
            if index < len(lines) - 1:
                run.add_break()

    def _gap(self, points: float) -> None:
        from docx.shared import Pt

        paragraph = self.out.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.line_spacing = Pt(points)

    def _letterhead(self, head: Letterhead) -> None:
        from docx.shared import Pt

        mm = self.Mm
        logo = 24.0
        table = self.out.add_table(rows=0, cols=3)
        table.autofit = False
        middle = self.text_width_mm - 2 * logo
        for index, width in enumerate((logo, middle, logo)):
            table.columns[index].width = mm(width)
        cells = table.add_row().cells
        _set_table_borders(table, {**_NO_BORDERS, "bottom": ("thickThinSmallGap", 24)})
        if head.logo_png:
            run = cells[0].paragraphs[0].add_run()
            run.add_picture(io.BytesIO(head.logo_png), width=mm(logo - 3))
        text = cells[1]
        self._fill(text.paragraphs[0], head.ministry.upper(), Align.CENTER, size=14.0, bold=True)
        for unit in head.units:
            self._text(unit.upper(), Align.CENTER, size=12.0, bold=True, container=text)
        contact = " ".join(part for part in (
            head.address,
            lang._("Phone {phone}").format(phone=head.phone) if head.phone else "",
        ) if part)
        if contact:
            self._text(contact, Align.CENTER, size=SMALL_PT, container=text)
        web = "  ".join(p for p in (head.website, head.email) if p)
        if web:
            self._text(web, Align.CENTER, size=SMALL_PT, container=text, after=4)
        from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT

        for cell in cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        gap = self.out.add_paragraph()
        gap.paragraph_format.space_after = Pt(8)

    def _fields(self, block: Fields) -> None:
        mm = self.Mm
        table = self.out.add_table(rows=0, cols=3)
        table.autofit = False
        label = self.text_width_mm * block.label_width
        for index, width in enumerate((label, 4.0, self.text_width_mm - label - 4.0)):
            table.columns[index].width = mm(width)
        _set_table_borders(table, _NO_BORDERS)
        for name, value in block.rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, (name, ":", value), strict=True):
                self._fill(cell.paragraphs[0], text, Align.LEFT)
        self._gap(6)

    def _table(self, block: Table) -> None:
        from docx.enum.table import WD_ROW_HEIGHT_RULE
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        mm = self.Mm
        if block.caption:
            caption = self._text(block.caption, Align.LEFT, size=TABLE_PT, bold=True, after=2)
            caption.paragraph_format.keep_with_next = True
        if not block.rows:
            self._text(block.empty_text, Align.LEFT, italic=True, after=6)
            return
        size = SMALL_PT if block.small else TABLE_PT
        table = self.out.add_table(rows=0, cols=len(block.columns))
        table.autofit = False
        total_weight = sum(c.width for c in block.columns)
        for index, column in enumerate(block.columns):
            table.columns[index].width = mm(self.text_width_mm * column.width / total_weight)
        _set_table_borders(table, _GRID)
        header = table.add_row()
        header_props = header._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        header_props.append(repeat)
        for cell, column in zip(header.cells, block.columns, strict=True):
            self._fill(cell.paragraphs[0], column.header, Align.CENTER, size=size, bold=True)
            _set_cell_fill(cell, HEADER_FILL)
        aligns = [c.align for c in block.columns]

        def add(row: Row, bold: bool = False, fill: str | None = None) -> None:
            new = table.add_row()
            if block.row_height_mm is not None and not bold:
                new.height = mm(block.row_height_mm)
                new.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
            for index, (cell, value) in enumerate(zip(new.cells, row, strict=True)):
                if isinstance(value, Cell):
                    self._fill(cell.paragraphs[0], value.text, value.align or aligns[index],
                               size=size, bold=value.bold or bold)
                else:
                    self._fill(cell.paragraphs[0], value, aligns[index], size=size, bold=bold)
                if fill:
                    _set_cell_fill(cell, fill)

        for row in block.rows:
            add(row)
        if block.total is not None:
            add(block.total, bold=True, fill=TOTAL_FILL)
        self._gap(6)

    def _key_figures(self, block: KeyFigures) -> None:
        mm = self.Mm
        per_row = 4
        table = self.out.add_table(rows=0, cols=per_row)
        table.autofit = False
        for index in range(per_row):
            table.columns[index].width = mm(self.text_width_mm / per_row)
        _set_table_borders(table, {**_NO_BORDERS, "insideV": ("single", 12),
                                   "insideH": ("single", 12), "top": ("single", 12),
                                   "bottom": ("single", 12), "left": ("single", 12),
                                   "right": ("single", 12)})
        for start in range(0, len(block.items), per_row):
            cells = table.add_row().cells
            for cell, figure in zip(cells, block.items[start:start + per_row], strict=False):
                self._fill(cell.paragraphs[0], figure.value, Align.CENTER, size=15.0, bold=True)
                self._text(figure.caption, Align.CENTER, size=SMALL_PT, container=cell, after=3)
                _set_cell_fill(cell, TOTAL_FILL)
        self._gap(8)

    def _chart(self, block: Chart) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        width = self.text_width_mm * block.width
        png = charts.render_png(block.spec, width, block.height_mm)
        paragraph = self.out.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = bool(block.caption)
        paragraph.add_run().add_picture(io.BytesIO(png), width=self.Mm(width))
        if block.caption:
            self._text(block.caption, Align.CENTER, size=SMALL_PT, italic=True)
        last = self.out.paragraphs[-1]
        last.paragraph_format.space_after = Pt(8)

    def _signatures(self, block: Signatures) -> None:
        from docx.shared import Pt

        slots = signature_slots(block)
        count = max(1, len(slots))
        table = self.out.add_table(rows=0, cols=count)
        table.autofit = False
        for index in range(count):
            table.columns[index].width = self.Mm(self.text_width_mm / count)
        _set_table_borders(table, _NO_BORDERS)
        cells = table.add_row().cells
        for index, (cell, signer) in enumerate(zip(cells, slots, strict=True)):
            if signer is None:
                if block.note_box:
                    self._note_box(cell, block.note_box)
                continue
            top = block.place_date if index == count - 1 and block.place_date else "\u00a0"
            self._fill(cell.paragraphs[0], top, Align.CENTER)
            self._text(signer.role, Align.CENTER, container=cell)
            if signer.position:
                self._text(signer.position, Align.CENTER, container=cell)
            space = self._text("", Align.CENTER, container=cell)
            space.paragraph_format.space_after = Pt(48)
            self._text(signer.name, Align.CENTER, bold=True, container=cell)
            if signer.nip:
                self._text(lang._("NIP {nip}").format(nip=signer.nip), Align.CENTER,
                           container=cell)
        for row in table.rows:
            row._tr.get_or_add_trPr().append(_cant_split())

    def _note_box(self, cell: Any, caption: str) -> None:
        inner = cell.add_table(rows=0, cols=1)
        _set_table_borders(inner, _GRID)
        inner.columns[0].width = self.Mm(self.text_width_mm / 2 - 6)
        head = inner.add_row().cells[0]
        self._fill(head.paragraphs[0], caption, Align.CENTER, size=TABLE_PT, bold=True)
        _set_cell_fill(head, HEADER_FILL)
        body = inner.add_row()
        body.height = self.Mm(32)

    # -- pages -------------------------------------------------------------------------------

    def footer_text(self) -> str:
        stamp = self.doc.stamp
        return lang._("Data as of {time} · code {hash}").format(
            time=lang.stamp_time(stamp.snapshot), hash=stamp.content_hash or "-"
        )

    def _footer(self) -> None:
        from docx.enum.text import WD_TAB_ALIGNMENT
        from docx.shared import Pt

        footer = self.out.sections[0].footer
        style = self.out.styles["Footer"]
        style.font.size = Pt(FOOTER_PT)
        # The template's centre and right tabs would push the page number into the middle.
        style.paragraph_format.tab_stops.clear_all()
        paragraph = footer.paragraphs[0]
        paragraph.paragraph_format.tab_stops.add_tab_stop(
            self.Mm(self.text_width_mm), WD_TAB_ALIGNMENT.RIGHT
        )
        run = paragraph.add_run(self.footer_text() + "\t")
        run.font.size = Pt(FOOTER_PT)
        # "Halaman {page} dari {pages}" with both numbers as fields, the words translated.
        words = lang._("Page {page} of {pages}")
        before, _sep, rest = words.partition("{page}")
        middle, _sep, after = rest.partition("{pages}")
        for text, field in ((before, "PAGE"), (middle, "NUMPAGES"), (after, None)):
            if text:
                run = paragraph.add_run(text)
                run.font.size = Pt(FOOTER_PT)
            if field:
                _add_field(paragraph, field, FOOTER_PT)

    def _watermark(self) -> None:
        from docx.oxml import parse_xml

        header = self.out.sections[0].header
        header.is_linked_to_previous = False
        header._element.append(parse_xml(_WATERMARK))


def _cant_split() -> Any:
    from docx.oxml import OxmlElement

    return OxmlElement("w:cantSplit")


def render_docx(document: Document, target: Path | io.BytesIO) -> None:
    """Write ``document`` as DOCX to ``target`` (a path or a binary buffer)."""
    out = _Renderer(document).render()
    out.save(str(target) if isinstance(target, Path) else target)
