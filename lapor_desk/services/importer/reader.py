"""Reading a spreadsheet or CSV file into rows of cells, refusing what is not safe to read.

Spreadsheets (xlsx, xlsm, xlsb, ods, xls) are read with python-calamine; zip-based ones are
checked first, member by member and without trusting the sizes the zip declares, against
zip bombs (a limit on the uncompressed size and on the compression ratio), damage (CRC) and XML
entity tricks (a document type declaration is refused; the small parts are parsed with
defusedxml). CSV: UTF-8 with or without BOM, UTF-16 with BOM, or cp1252; the delimiter is the
one among ``,`` ``;`` and tab that yields a header row.
"""

from __future__ import annotations

import codecs
import csv
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from lapor_desk.domain.errors import ImportFileError
from lapor_desk.domain.portal_values import Cell
from lapor_desk.i18n import _

#: Sheet the portal's "Laporan Ringkas" export puts its rows on.
PORTAL_SHEET = "laporan ringkas"
#: How many rows at the top of a sheet may hold the metadata block before the header.
HEADER_SEARCH_ROWS = 50

_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_OLE2_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
_XML_PROLOG_LIMIT = 64 * 1024
_ROOT_TAG = re.compile(rb"<[A-Za-z_]")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_CHUNK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """How big a file may be; the defaults allow a 100.000-row export with full texts."""

    max_file_bytes: int = 512 * 1024 * 1024
    max_uncompressed_bytes: int = 2 * 1024 * 1024 * 1024
    #: A member bigger than ``ratio_floor_bytes`` may expand at most this many times.
    max_ratio: int = 200
    ratio_floor_bytes: int = 8 * 1024 * 1024
    #: Parts up to this size are parsed with defusedxml as a second line of defence.
    defused_parse_bytes: int = 2 * 1024 * 1024


DEFAULT_LIMITS = ReadLimits()


@dataclass(slots=True)
class Table:
    """The rows of the chosen sheet (or the CSV file), read lazily.

    ``kind`` is ``xlsx``, ``ods``, ``xls`` or ``csv``; ``sheet`` the sheet name for spreadsheets.
    """

    kind: str
    sheet: str | None
    rows: Iterator[Sequence[Cell]]
    #: How many rows the table holds, metadata and header included (for progress only).
    total: int = 0


def _not_spreadsheet() -> ImportFileError:
    return ImportFileError(
        _("The file is not a spreadsheet or CSV file that LAPOR Desk can read "
          "(xlsx, xls, ods or csv).")
    )


def _damaged() -> ImportFileError:
    return ImportFileError(
        _("The spreadsheet is damaged or incomplete (for example cut off while downloading); "
          "download the export again.")
    )


def _too_big() -> ImportFileError:
    return ImportFileError(
        _("The spreadsheet unpacks to far more data than a portal export holds; it was not "
          "read, to protect this computer (possible zip bomb).")
    )


def _xml_tricks() -> ImportFileError:
    return ImportFileError(
        _("The spreadsheet contains XML declarations that a portal export never has "
          "(document type or entities); it was not read.")
    )


def open_table(
    path: Path,
    is_header_cell: Callable[[Cell], bool],
    limits: ReadLimits = DEFAULT_LIMITS,
) -> Table:
    """Open ``path`` and find the sheet with the complaints; ``ImportFileError`` when unusable.

    ``is_header_cell`` recognises the tracking-id header: it picks the sheet (besides the
    portal's sheet name) and the CSV delimiter.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise ImportFileError(_("File not found: {path}").format(path=path)) from None
    except IsADirectoryError:
        raise _not_spreadsheet() from None
    except OSError as error:
        raise ImportFileError(
            _("The file cannot be read: {reason}").format(reason=error.strerror or error)
        ) from None
    if size == 0:
        raise ImportFileError(_("The file is empty."))
    if size > limits.max_file_bytes:
        raise ImportFileError(
            _("The file is too large to be a portal export ({size} MB).").format(
                size=size // (1024 * 1024)
            )
        )
    if head.startswith(_ZIP_MAGIC) or head.startswith(_EMPTY_ZIP_MAGIC):
        kind = _check_zip(path, limits)
        return _calamine_table(path, kind, is_header_cell)
    if head.startswith(_OLE2_MAGIC):
        return _calamine_table(path, "xls", is_header_cell)
    if head.startswith(b"PK"):
        raise _damaged()
    return _csv_table(path.read_bytes(), is_header_cell)


# -- zip containers (xlsx, ods) ---------------------------------------------------------------


def _check_zip(path: Path, limits: ReadLimits) -> str:
    """Inflate every member once, counting real bytes; returns ``xlsx`` or ``ods``."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
            if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
                kind = "xlsx"
            elif "content.xml" in names:
                kind = "ods"
            else:
                raise _not_spreadsheet()
            total = 0
            for member in members:
                if member.is_dir():
                    continue
                total += _inflate(archive, member, limits, limits.max_uncompressed_bytes - total)
    except ImportFileError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, RuntimeError,
            NotImplementedError):
        # CRC errors, truncation, encryption, unknown compression: nothing a portal writes.
        raise _damaged() from None
    return kind


def _inflate(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, limits: ReadLimits, budget: int
) -> int:
    is_xml = member.filename.endswith((".xml", ".rels", ".vml"))
    ratio_cap = max(limits.ratio_floor_bytes, member.compress_size * limits.max_ratio)
    seen = 0
    prolog: bytes | None = b""
    small = bytearray() if is_xml and member.file_size <= limits.defused_parse_bytes else None
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            seen += len(chunk)
            if seen > budget or seen > ratio_cap:
                raise _too_big()
            if is_xml and prolog is not None:
                prolog = _check_prolog(prolog + chunk)
            if small is not None:
                small += chunk
                if len(small) > limits.defused_parse_bytes:
                    small = None
    if small is not None:
        _defused_parse(bytes(small))
    return seen


def _check_prolog(data: bytes) -> bytes | None:
    """Refuse a DTD before the root element; ``None`` once the root element is reached."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data[:4]:
        raise _xml_tricks()  # UTF-16 parts would hide a DTD from this byte scan
    root = _ROOT_TAG.search(data)
    before = data if root is None else data[: root.start()]
    if _DTD.search(before):
        raise _xml_tricks()
    if root is not None:
        return None
    if len(data) > _XML_PROLOG_LIMIT:
        raise _xml_tricks()
    return data


def _defused_parse(data: bytes) -> None:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    if not data.strip():
        return
    try:
        fromstring(data)
    except DefusedXmlException:
        raise _xml_tricks() from None
    except (ParseError, ValueError, UnicodeError):
        raise _damaged() from None


def _calamine_error(error: BaseException) -> ImportFileError:
    if type(error).__name__ == "PasswordError":
        return ImportFileError(
            _("The spreadsheet is protected with a password; save it without one first.")
        )
    return _damaged()


def _guard[T](step: Callable[[], T]) -> T:
    """Run one call into python-calamine, turning whatever it raises into ImportFileError."""
    try:
        return step()
    except ImportFileError:
        raise
    except Exception as error:
        raise _calamine_error(error) from None
    except BaseException as error:
        # pyo3 turns a panic of the Rust reader into PanicException, a BaseException.
        if isinstance(error, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        raise _calamine_error(error) from None


def _calamine_table(path: Path, kind: str, is_header_cell: Callable[[Cell], bool]) -> Table:
    from python_calamine import CalamineWorkbook

    workbook = _guard(partial(CalamineWorkbook.from_path, str(path)))
    names: list[str] = _guard(partial(list, workbook.sheet_names))
    if not names:
        raise ImportFileError(_("The spreadsheet has no sheets."))
    preferred = [n for n in names if n.strip().casefold() == PORTAL_SHEET]
    chosen: tuple[str, Any] | None = None
    for name in preferred + [n for n in names if n not in preferred]:
        sheet = _guard(partial(workbook.get_sheet_by_name, name))
        if chosen is None:
            chosen = (name, sheet)  # the portal's sheet, or else the first one
        top = _guard(partial(sheet.to_python, skip_empty_area=False, nrows=HEADER_SEARCH_ROWS))
        if any(is_header_cell(cell) for row in top for cell in row):
            chosen = (name, sheet)
            break
    assert chosen is not None
    name, sheet = chosen

    def rows() -> Iterator[Sequence[Cell]]:
        # Calamine's cells are already plain values: "" for blank, numbers, dates, text.
        try:
            yield from sheet.iter_rows()
        except Exception as error:
            raise _calamine_error(error) from None

    return Table(kind, name, rows(), int(sheet.height))


# -- CSV -----------------------------------------------------------------------------------------

_CSV_DELIMITERS = (";", ",", "\t")


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        encodings: tuple[str, ...] = ("utf-8-sig",)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    else:
        if b"\x00" in data[:8192]:
            raise _not_spreadsheet()
        # Strict UTF-8 first: cp1252 would read UTF-8 as mojibake (Ã©) without complaint.
        encodings = ("utf-8", "cp1252")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(
        _("The CSV file's character encoding is not recognised; save it as CSV UTF-8.")
    )


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for c in sample if c < " " and c not in "\t\r\n")
    return "\x00" in sample or controls > max(3, len(sample) // 100)


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their endings, as ``io.StringIO(text, newline="")`` gives them.

    Without copying the text: StringIO copies 100 MB in one call that holds the GIL for most
    of a second, which froze the window while a worker read a 100.000-row CSV.
    """
    for match in _LINE.finditer(text):
        yield match.group()


def _parse_csv(text: str, delimiter: str, limit: int | None = None) -> list[Sequence[Cell]]:
    rows: list[Sequence[Cell]] = []
    reader = csv.reader(_lines(text), delimiter=delimiter, strict=False)
    try:
        for row in reader:
            rows.append(row)
            if limit is not None and len(rows) >= limit:
                break
    except csv.Error:
        raise ImportFileError(
            _("The CSV file is damaged near line {line} (a quote that is never closed, or a "
              "cell far too long).").format(line=reader.line_num)
        ) from None
    return rows


def _csv_table(data: bytes, is_header_cell: Callable[[Cell], bool]) -> Table:
    text = _decode(data)
    if _looks_binary(text):
        raise _not_spreadsheet()
    best: tuple[int, str] | None = None
    for delimiter in _CSV_DELIMITERS:
        for row in _parse_csv(text, delimiter, HEADER_SEARCH_ROWS):
            if any(is_header_cell(cell) for cell in row):
                score = len(row)
                if best is None or score > best[0]:
                    best = (score, delimiter)
                break
    if best is None:
        first_line = text.split("\n", 1)[0]
        counts = {d: first_line.count(d) for d in _CSV_DELIMITERS}
        delimiter = max(_CSV_DELIMITERS, key=lambda d: counts[d])
    else:
        delimiter = best[1]
    rows = _parse_csv(text, delimiter)
    return Table("csv", None, iter(rows), len(rows))
