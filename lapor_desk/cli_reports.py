"""``lapor-desk report``: documents for leadership as DOCX or PDF, headless.

Kept apart from ``cli.py``, which calls :func:`add_commands` and :func:`run`. The minutes,
attendance list and unit extracts of a coordination meeting are read from its records; a meeting
is named by its number (``2/2022``) or its database id.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lapor_desk.domain.errors import LaporError
from lapor_desk.i18n import _

if TYPE_CHECKING:
    from lapor_desk.reports.document import Document, Paper
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


def _common(parser: argparse.ArgumentParser, *, masking: bool = True,
            folder: bool = False) -> None:
    parser.add_argument("--format", choices=FORMATS,
                        help=_("file type (default: PDF)") if folder
                        else _("file type (default: from the file name)"))
    parser.add_argument("--paper", choices=PAPERS, help=_("paper size (default: from settings)"))
    if masking:
        parser.add_argument("--strict-masking", action="store_true",
                            help=_("also reduce reporters' names to initials"))
    parser.add_argument("-o", "--output", type=Path, required=True,
                        metavar="DIR" if folder else "FILE")


def _meeting(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--meeting", required=True, metavar="NO/YEAR-or-ID",
                        help=_("the meeting: its number such as 2/2022, or its id"))


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    """Add ``report analysis|disposition|minutes|attendance|unit-extracts``."""
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
    minutes = kinds.add_parser("minutes", help=_("the minutes (notula) of a meeting"))
    _meeting(minutes)
    _common(minutes, masking=False)
    attendance = kinds.add_parser("attendance", help=_("the attendance list of a meeting"))
    _meeting(attendance)
    attendance.add_argument("--blank", action="store_true",
                            help=_("the invitees with empty signature cells, for signing"))
    _common(attendance, masking=False)
    extracts = kinds.add_parser("unit-extracts",
                                help=_("one extract of a meeting's results per unit"))
    _meeting(extracts)
    _common(extracts, masking=False, folder=True)


def meeting_id(services: Services, text: str) -> int:
    """The id of the meeting named ``2/2022`` (number/year) or by its id."""
    number, slash, year = text.strip().partition("/")
    if slash and number.isdigit() and year.isdigit():
        for row in services.meetings.list_meetings(int(year)):
            if row.number == int(number):
                return row.id
    elif text.strip().isdigit():
        return services.meetings.get(int(text)).row.id
    raise LaporError(_("Meeting not found: {meeting}").format(meeting=text))


def _extracts(args: argparse.Namespace, services: Services, paper: Paper | None) -> int:
    from lapor_desk.reports.output import Format

    folder: Path = args.output
    if folder.exists() and not folder.is_dir():
        raise LaporError(_("Not a folder: {path}").format(path=folder))
    fmt = Format(args.format or Format.PDF.value)
    documents = services.documents
    extracts = documents.meeting_unit_extracts(meeting_id(services, args.meeting), paper=paper)
    folder.mkdir(parents=True, exist_ok=True)
    for extract in extracts:
        target = folder / f"petikan-{extract.unit.abbreviation.lower()}.{fmt.value}"
        written = documents.export(extract.document, target, fmt)
        print(_("Written: {path} (code {hash})").format(
            path=written, hash=extract.document.stamp.content_hash))
    return 0


def run(args: argparse.Namespace, services: Services) -> int | None:
    """Run ``report``; ``None`` for any other command."""
    if args.command != "report":
        return None
    from lapor_desk.reports.document import Paper
    from lapor_desk.reports.output import Format

    paper = Paper(args.paper) if args.paper else None
    if args.report == "unit-extracts":
        return _extracts(args, services, paper)
    target: Path = args.output
    fmt = Format(args.format) if args.format else None
    if fmt is None and target.suffix.lower() not in (".docx", ".pdf"):
        raise LaporError(_("Choose a file name ending in .docx or .pdf, or give --format."))
    if fmt is not None and target.suffix.lower() != f".{fmt.value}":
        target = target.with_name(target.name + f".{fmt.value}")
    document = _document(args, services, paper)
    written = services.documents.export(document, target, fmt)
    print(_("Written: {path} (code {hash})").format(path=written,
                                                     hash=document.stamp.content_hash))
    return 0


def _document(args: argparse.Namespace, services: Services, paper: Paper | None) -> Document:
    from lapor_desk.reports.setup import Masking

    documents = services.documents
    masking = Masking.STRICT if getattr(args, "strict_masking", False) else Masking.STANDARD
    match args.report:
        case "analysis":
            if args.end < args.start:
                raise LaporError(_("The end date is before the start date."))
            data = documents.analysis_input(args.start, args.end)
            return documents.analysis(data, paper=paper, masking=masking)
        case "disposition":
            complaint = services.register.find_by_tracking_id(args.tracking_id)
            return documents.disposition_sheet(complaint.id, paper=paper, masking=masking)
        case "minutes":
            return documents.meeting_minutes(meeting_id(services, args.meeting), paper=paper)
        case _:
            return documents.meeting_attendance(meeting_id(services, args.meeting),
                                                blank=args.blank, paper=paper)
