"""The document model: an immutable tree of blocks that both renderers (DOCX, PDF) draw.

Builders are pure functions from input dataclasses to a :class:`Document`. Renderers dispatch
on the block type with one ``match`` ending in ``assert_never``, so a new block type fails the
type check in both until both draw it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields, is_dataclass, replace
from datetime import datetime
from enum import StrEnum


class Paper(StrEnum):
    """Paper sizes of official letters (DOMAIN.md §8)."""

    A4 = "A4"
    F4 = "F4"

    @property
    def size_mm(self) -> tuple[float, float]:
        """Width and height in millimetres (F4/Folio is 215 × 330 mm)."""
        return (210.0, 297.0) if self is Paper.A4 else (215.0, 330.0)


class Align(StrEnum):
    """Horizontal alignment of a paragraph or a table cell."""

    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"
    JUSTIFY = "justify"


@dataclass(frozen=True, slots=True)
class Margins:
    """Page margins in millimetres; the defaults are those of an official letter."""

    top: float = 20.0
    bottom: float = 20.0
    left: float = 25.0
    right: float = 20.0


@dataclass(frozen=True, slots=True)
class Letterhead:
    """The *kop*: logo, ministry, unit lines, address, phone and website (from settings)."""

    ministry: str
    units: tuple[str, ...] = ()
    address: str = ""
    phone: str = ""
    website: str = ""
    email: str = ""
    logo_png: bytes | None = field(default=None, repr=False)


# -- blocks ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Title:
    """The document's centred title (NOTULA, DAFTAR HADIR, ...) with optional subtitle lines."""

    text: str
    subtitles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading; level 1 or 2."""

    text: str
    level: int = 1


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of text; ``bold``/``italic`` apply to all of it."""

    text: str
    align: Align = Align.JUSTIFY
    bold: bool = False
    italic: bool = False
    small: bool = False


@dataclass(frozen=True, slots=True)
class BulletList:
    """Items with bullets, or numbered (1., 2., ...) when ``numbered``."""

    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True, slots=True)
class Fields:
    """Label : value lines of a header (Hari/Tanggal : Selasa, 15 November 2022)."""

    rows: tuple[tuple[str, str], ...]
    label_width: float = 0.3  # share of the text width


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell that needs its own alignment or weight."""

    text: str
    align: Align | None = None
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: header text, relative width and alignment of its cells."""

    header: str
    width: float = 1.0
    align: Align = Align.LEFT


#: A table row: plain strings, or :class:`Cell` where a cell differs from its column.
Row = tuple[str | Cell, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a header row repeated on every page; ``total`` is a bold last row."""

    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    total: Row | None = None
    caption: str = ""
    small: bool = False
    #: Tall rows (for signatures): the height of every body row in millimetres.
    row_height_mm: float | None = None
    empty_text: str = ""


@dataclass(frozen=True, slots=True)
class KeyFigure:
    """A big number with its caption (``4.447`` / laporan diterima)."""

    value: str
    caption: str


@dataclass(frozen=True, slots=True)
class KeyFigures:
    """A row of boxed key figures."""

    items: tuple[KeyFigure, ...]


@dataclass(frozen=True, slots=True)
class BarChart:
    """Horizontal bars, one per label; ``reference`` draws a dashed target line."""

    title: str
    labels: tuple[str, ...]
    values: tuple[float, ...]
    unit: str = ""  # "percent", "days" or "" (counts)
    reference: float | None = None
    reference_label: str = ""


@dataclass(frozen=True, slots=True)
class LineChart:
    """Monthly lines, one series per name."""

    title: str
    x_labels: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]
    y_label: str = ""


ChartSpec = BarChart | LineChart


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart drawn by ``charts.py``; ``width`` is the share of the text width."""

    spec: ChartSpec
    width: float = 1.0
    height_mm: float = 70.0
    caption: str = ""


@dataclass(frozen=True, slots=True)
class Signer:
    """One signature block: role, name and NIP (guests may have none)."""

    role: str
    name: str
    nip: str = ""
    position: str = ""


@dataclass(frozen=True, slots=True)
class Signatures:
    """Signature blocks side by side, under an optional place-date line."""

    signers: tuple[Signer, ...]
    place_date: str = ""
    #: Beside a lone signer: a framed box with this caption to write notes in by hand.
    note_box: str = ""


def signature_slots(block: Signatures) -> tuple[Signer | None, ...]:
    """Columns of a signature row: a lone signer signs in the right half, as in letters."""
    if len(block.signers) == 1:
        return (None, block.signers[0])
    return block.signers


@dataclass(frozen=True, slots=True)
class PageBreak:
    """Start a new page (attachments such as the signed attendance list)."""


@dataclass(frozen=True, slots=True)
class Spacer:
    """Vertical space in millimetres."""

    height_mm: float = 4.0


Block = (
    Title
    | Heading
    | Paragraph
    | BulletList
    | Fields
    | Table
    | KeyFigures
    | Chart
    | Signatures
    | PageBreak
    | Spacer
)


@dataclass(frozen=True, slots=True)
class Stamp:
    """The footer stamp: when the data was read, and the content's short hash."""

    snapshot: datetime
    content_hash: str = ""


@dataclass(frozen=True, slots=True)
class Document:
    """A whole document: page set-up, letterhead, blocks and the footer stamp."""

    title: str
    blocks: tuple[Block, ...]
    stamp: Stamp
    letterhead: Letterhead | None = None
    paper: Paper = Paper.A4
    margins: Margins = Margins()
    draft: bool = False
    #: What the document is, for its metadata (``analysis``, ``minutes``, ...).
    kind: str = ""


# -- content hash ------------------------------------------------------------------------------


def _canonical(value: object) -> object:
    """A structure of plain values that ``repr`` writes the same way in every run."""
    if is_dataclass(value) and not isinstance(value, type):
        return (
            type(value).__name__,
            tuple((f.name, _canonical(getattr(value, f.name))) for f in fields(value)),
        )
    if isinstance(value, tuple | list):
        return tuple(_canonical(v) for v in value)
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    if isinstance(value, float):
        return round(value, 9)
    return value


def content_hash(document: Document) -> str:
    """Short SHA-256 of what the document says (blocks, letterhead, paper), not of its stamp.

    The same data gives the same hash in DOCX and PDF and in every run, whenever it is generated,
    so a figure quoted to leadership can be traced back to the data and regenerated.
    """
    content = (
        document.title,
        _canonical(document.blocks),
        _canonical(document.letterhead),
        document.paper.value,
        document.draft,
    )
    return hashlib.sha256(repr(content).encode("utf-8")).hexdigest()[:12]


def sealed(document: Document) -> Document:
    """``document`` with its content hash filled into the stamp."""
    return replace(document, stamp=replace(document.stamp, content_hash=content_hash(document)))


def plain_text(cell: str | Cell) -> str:
    """The text of a table cell."""
    return cell.text if isinstance(cell, Cell) else cell
