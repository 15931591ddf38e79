"""``lapor-desk report``: documents for leadership as DOCX or PDF, headless.

Kept apart from ``cli.py``, which calls :func:`add_commands` and :func:`run`. The minutes,
attendance and unit-extract commands arrive with the coordination meetings.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lapor_desk.domain.errors import LaporError
from lapor_desk.i18n import _

if TYPE_CHECKING:
    from lapor_desk.services.bootstrap import Services

FORMATS = ("docx", "pdf")
PAPERS = ("A4", "F4")


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("invalid date {text!r}: use YYYY-MM-DD").format(text=text)
        ) from None


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS,
                        help=_("file type (default: from the file name)"))
    parser.add_argument("--paper", choices=PAPERS, help=_("paper size (default: from settings)"))
    parser.add_argument("--strict-masking", action="store_true",
                        help=_("also reduce reporters' names to initials"))
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    """Add ``report analysis`` and ``report disposition`` to the command line."""
    report = commands.add_parser("report", help=_("documents for leadership as DOCX or PDF"))
    kinds = report.add_subparsers(dest="report", metavar="DOCUMENT", required=True,
                                  parser_class=type(report))
    analysis = kinds.add_parser("analysis", help=_("the complaint analysis of a period"))
    analysis.add_argument("--from", dest="start", type=_iso_date, required=True,
                          metavar="YYYY-MM-DD")
    analysis.add_argument("--to", dest="end", type=_iso_date, required=True,
                          metavar="YYYY-MM-DD")
    _common(analysis)
    sheet = kinds.add_parser("disposition", help=_("the disposition sheet of one complaint"))
    sheet.add_argument("tracking_id", metavar="TRACKING-ID")
    _common(sheet)


def run(args: argparse.Namespace, services: Services) -> int | None:
    """Run ``report``; ``None`` for any other command."""
    if args.command != "report":
        return None
    from lapor_desk.reports.document import Paper
    from lapor_desk.reports.output import Format
    from lapor_desk.reports.setup import Masking

    target: Path = args.output
    fmt = Format(args.format) if args.format else None
    if fmt is None and target.suffix.lower() not in (".docx", ".pdf"):
        raise LaporError(_("Choose a file name ending in .docx or .pdf, or give --format."))
    if fmt is not None and target.suffix.lower() != f".{fmt.value}":
        target = target.with_name(target.name + f".{fmt.value}")
    paper = Paper(args.paper) if args.paper else None
    masking = Masking.STRICT if args.strict_masking else Masking.STANDARD
    documents = services.documents
    if args.report == "analysis":
        if args.end < args.start:
            raise LaporError(_("The end date is before the start date."))
        data = documents.analysis_input(args.start, args.end)
        document = documents.analysis(data, paper=paper, masking=masking)
    else:
        complaint = services.register.find_by_tracking_id(args.tracking_id)
        document = documents.disposition_sheet(complaint.id, paper=paper, masking=masking)
    written = documents.export(document, target, fmt)
    print(_("Written: {path} (code {hash})").format(path=written,
                                                     hash=document.stamp.content_hash))
    return 0
