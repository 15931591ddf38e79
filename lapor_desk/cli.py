"""``lapor-desk``: without a subcommand it opens the window; subcommands run headless."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any, NoReturn

from lapor_desk import cli_io, cli_meetings, cli_reports, i18n
from lapor_desk.domain.errors import LaporError
from lapor_desk.domain.formatting import fmt_date_long, fmt_decimal, fmt_int, fmt_percent
from lapor_desk.i18n import _


class _Parser(argparse.ArgumentParser):
    """argparse that reports bad arguments in one line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"lapor-desk: {message}\n")


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("invalid date {text!r}: use YYYY-MM-DD").format(text=text)
        ) from None


def build_parser() -> argparse.ArgumentParser:
    """The command line, with every subcommand."""
    parser = _Parser(
        prog="lapor-desk",
        description=_("LAPOR Desk: SP4N-LAPOR! complaint register of Biro Humas Kemensos."),
    )
    parser.add_argument(
        "--db", metavar="PATH-or-URL",
        help=_("register file or database URL (default: the user data folder)"),
    )
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help=_("language (default: id)"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    commands.add_parser("demo", help=_("fill the register with the 2022 demo scenario"))

    stats = commands.add_parser("stats", help=_("totals by status, topic and unit"))
    stats.add_argument("--as-of", type=_iso_date, metavar="YYYY-MM-DD")
    stats.add_argument("--json", action="store_true", help=_("print one JSON object"))

    calendar = commands.add_parser("calendar", help=_("working days and holidays"))
    calendar.add_argument("--from", dest="start", type=_iso_date, required=True)
    calendar.add_argument("--to", dest="end", type=_iso_date, required=True)
    calendar.add_argument("--json", action="store_true", help=_("print one JSON object"))
    cli_io.add_commands(commands)
    cli_reports.add_commands(commands)
    cli_meetings.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    # The language must be known before the help texts are built.
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang", choices=i18n.LANGUAGES)
    known, _rest = early.parse_known_args(argv)
    i18n.activate(known.lang or i18n.DEFAULT_LANGUAGE)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from lapor_desk.app import run

        return run(args.db, language=known.lang)
    try:
        return _run(args)
    except LaporError as error:
        print(f"lapor-desk: {error}", file=sys.stderr)
        return 1
    except Exception as error:
        from lapor_desk.services.failures import as_register_error

        told = as_register_error(error)
        if told is None:
            raise
        print(f"lapor-desk: {told}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"lapor-desk: {_('cancelled')}", file=sys.stderr)
        return 130


def _run(args: argparse.Namespace) -> int:
    from lapor_desk.services.bootstrap import open_services

    create = args.command == "demo" or (args.command == "import" and not args.dry_run)
    with open_services(args.db, create=create) as services:
        if args.command == "demo":
            from lapor_desk.domain.actor import LOCAL_OPERATOR

            result = services.demo.load(LOCAL_OPERATOR)
            print(
                _("Demo scenario loaded into {location}: {complaints} new complaints, "
                  "{units} new units, {topics} new topics.").format(
                    location=services.location,
                    complaints=fmt_int(result.complaints),
                    units=fmt_int(result.units),
                    topics=fmt_int(result.topics),
                )
            )
            return 0
        if args.command == "stats":
            stats = services.stats.stats(args.as_of)
            print(json.dumps(_stats_json(stats), ensure_ascii=False, indent=2) if args.json
                  else _stats_text(stats))
            return 0
        if args.command == "calendar":
            return _calendar(services.settings.calendar(), args)
        if (code := cli_io.run(args, services)) is not None:
            return code
        if (code := cli_reports.run(args, services)) is not None:
            return code
        if (code := cli_meetings.run(args, services)) is not None:
            return code
    raise AssertionError(args.command)  # argparse only accepts the commands above


def _stats_json(stats: Any) -> dict[str, Any]:
    def unit(u: Any) -> dict[str, Any]:
        ind = u.indicators
        return {
            "unit": u.unit,
            "abbreviation": u.abbreviation,
            "received": ind.received,
            "verified": ind.verified,
            "followed_up": ind.followed_up,
            "completed": ind.completed,
            "followed_up_rate": ind.followed_up_rate,
            "completed_rate": ind.completed_rate,
            "avg_first_response_workdays": ind.avg_first_response_workdays,
            "sla_compliance": ind.sla_compliance,
            "overdue": ind.overdue,
        }

    overall = stats.overall
    return {
        "as_of": stats.as_of.isoformat(),
        "total": overall.received,
        "verified": overall.verified,
        "followed_up_rate": overall.followed_up_rate,
        "completed_rate": overall.completed_rate,
        "avg_first_response_workdays": overall.avg_first_response_workdays,
        "overdue": overall.overdue,
        "by_status": {status.value: count for status, count in stats.by_status},
        "by_topic": dict(stats.by_topic),
        "by_unit": [unit(u) for u in stats.by_unit],
    }


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
              for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(cells)
        ).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])


def _stats_text(stats: Any) -> str:
    overall = stats.overall
    parts = [
        _("Register as of {date}").format(date=fmt_date_long(stats.as_of)),
        _("Total complaints: {n}").format(n=fmt_int(overall.received)),
        _("Follow-up rate: {a}   Completion rate: {b}   Average first response: {c} working days"
          ).format(
            a=fmt_percent(overall.followed_up_rate),
            b=fmt_percent(overall.completed_rate),
            c=fmt_decimal(overall.avg_first_response_workdays),
        ),
        "",
        _("By status"),
        _table([_("Status"), _("Count")],
               [[s.label, fmt_int(n)] for s, n in stats.by_status], {1}),
        "",
        _("By topic"),
        _table([_("Topic"), _("Count")], [[t, fmt_int(n)] for t, n in stats.by_topic], {1}),
        "",
        _("By unit"),
        _table(
            [_("Unit"), _("Received"), _("Follow-up"), _("Completion"), _("First response (wd)"),
             _("Overdue")],
            [
                [
                    f"{u.unit} ({u.abbreviation})",
                    fmt_int(u.indicators.received),
                    fmt_percent(u.indicators.followed_up_rate),
                    fmt_percent(u.indicators.completed_rate),
                    fmt_decimal(u.indicators.avg_first_response_workdays),
                    fmt_int(u.indicators.overdue),
                ]
                for u in stats.by_unit
            ],
            {1, 2, 3, 4, 5},
        ),
    ]
    return "\n".join(parts)


def _calendar(calendar: Any, args: argparse.Namespace) -> int:
    if args.end < args.start:
        raise LaporError(_("The end date is before the start date."))
    if (args.end - args.start).days > 366 * 5:
        raise LaporError(_("Choose a period of at most five years."))
    holidays = calendar.holidays_between(args.start, args.end)
    days = calendar.working_days_between(args.start, args.end) + int(
        calendar.is_working_day(args.start)
    )
    kinds = {"public": _("national holiday"), "cuti_bersama": _("cuti bersama"),
             "override": _("set by user")}
    if args.json:
        print(json.dumps({
            "from": args.start.isoformat(),
            "to": args.end.isoformat(),
            "working_days": days,
            "holidays": [
                {"date": h.day.isoformat(), "name": h.name, "kind": h.kind} for h in holidays
            ],
        }, ensure_ascii=False, indent=2))
        return 0
    print(_("{start} to {end}: {n} working days").format(
        start=fmt_date_long(args.start), end=fmt_date_long(args.end), n=fmt_int(days)))
    for holiday in holidays:
        print(f"  {fmt_date_long(holiday.day)}  {holiday.name} ({kinds[holiday.kind]})")
    return 0
