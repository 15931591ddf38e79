"""``lapor-desk meeting``: the coordination meetings and the agenda builder, headless.

Kept apart from ``cli.py``, which calls :func:`add_commands` and :func:`run`. Errors are
``LaporError``s; ``cli.main`` prints them as one line and exits non-zero.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from lapor_desk.domain.errors import LaporError
from lapor_desk.domain.formatting import fmt_date, fmt_int
from lapor_desk.i18n import _

if TYPE_CHECKING:
    from lapor_desk.services.bootstrap import Services
    from lapor_desk.services.meeting_models import AgendaProposal, MeetingRow, ProposedItem


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("invalid date {text!r}: use YYYY-MM-DD").format(text=text)
        ) from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(_("invalid number {text!r}").format(text=text))
    return int(text)


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    """Add ``meeting list`` and ``meeting agenda`` to the command line."""
    meeting = commands.add_parser("meeting", help=_("coordination meetings and their agenda"))
    actions = meeting.add_subparsers(
        dest="meeting_command", metavar="ACTION", required=True, parser_class=type(meeting)
    )
    listing = actions.add_parser("list", help=_("the meetings, newest first"))
    listing.add_argument("--year", type=int, metavar="YYYY", help=_("only this year's meetings"))
    listing.add_argument("--json", action="store_true", help=_("print one JSON object"))
    agenda = actions.add_parser("agenda", help=_("the proposed agenda, grouped by unit"))
    agenda.add_argument("--units", required=True, metavar="ABBR,...",
                        help=_("abbreviations of the invited units, comma-separated"))
    agenda.add_argument("--cutoff", required=True, type=_iso_date, metavar="YYYY-MM-DD",
                        help=_("deadlines are judged as of this date"))
    agenda.add_argument("--meeting-date", type=_iso_date, metavar="YYYY-MM-DD",
                        help=_("date of the meeting (default: the cut-off date)"))
    agenda.add_argument("--limit", type=_positive, metavar="N",
                        help=_("at most N items per unit (default: all)"))
    agenda.add_argument("--json", action="store_true", help=_("print one JSON object"))


def run(args: argparse.Namespace, services: Services) -> int | None:
    """Run the command if it is one of ours; ``None`` otherwise."""
    if args.command != "meeting":
        return None
    if args.meeting_command == "list":
        rows = services.meetings.list_meetings(args.year)
        if args.json:
            print(json.dumps({"meetings": [_meeting_json(r) for r in rows]},
                             ensure_ascii=False, indent=2))
        else:
            print(_meetings_text(rows))
        return 0
    units = _unit_ids(services, args.units)
    proposal = services.agenda.propose(
        units, args.cutoff, args.meeting_date or args.cutoff, args.limit
    )
    print(json.dumps(_proposal_json(proposal), ensure_ascii=False, indent=2) if args.json
          else _proposal_text(proposal))
    return 0


def _unit_ids(services: Services, text: str) -> list[int]:
    wanted = [part.strip().upper() for part in text.split(",") if part.strip()]
    known = {u.abbreviation.upper(): u.id for u in services.agenda.units()}
    unknown = [a for a in wanted if a not in known]
    if not wanted or unknown:
        raise LaporError(
            _("Unknown unit abbreviation: {units}").format(units=", ".join(unknown) or text)
        )
    return [known[a] for a in wanted]


def _meeting_json(row: MeetingRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "number": row.label,
        "date": row.meeting_date.isoformat(),
        "title": row.title,
        "kind": row.kind.value,
        "status": row.status.value,
        "venue": row.venue,
        "attendees": row.attendee_count,
        "invited": row.invited_count,
        "units": list(row.units),
    }


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(headers: list[str], rows: list[list[str]], right: set[int]) -> str:
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(cells)
        ).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])


def _meetings_text(rows: tuple[MeetingRow, ...]) -> str:
    if not rows:
        return _("No meetings yet.")
    return _table(
        [_("No."), _("Date"), _("Title"), _("Status"), _("Attended"), _("Units")],
        [
            [
                r.label,
                fmt_date(r.meeting_date),
                _short(r.title, 48),
                r.status.label,
                fmt_int(r.attendee_count),
                ", ".join(r.units),
            ]
            for r in rows
        ],
        {4},
    )


def _item_json(item: ProposedItem) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": item.kind.value,
        "title": item.title,
        "reasons": [r.value for r in item.reasons],
        "age_workdays": item.age_workdays,
        "due": item.due.isoformat() if item.due else None,
    }
    if item.complaint is not None:
        c = item.complaint
        data |= {
            "complaint_id": c.id,
            "tracking_id": c.tracking_id,
            "status": c.status.value,
            "received": c.received.isoformat(),
            "urgent": c.urgent,
            "topic": c.topic,
        }
    if item.action is not None:
        a = item.action
        data |= {
            "action_item_id": a.id,
            "origin_meeting": a.origin_label,
            "origin_date": a.origin_date.isoformat(),
            "person_in_charge": a.person_in_charge,
            "carried_count": a.carried_count,
            "tracking_id": a.complaint_tracking_id,
        }
    return data


def _proposal_json(proposal: AgendaProposal) -> dict[str, Any]:
    return {
        "cutoff": proposal.cutoff.isoformat(),
        "meeting_date": proposal.meeting_date.isoformat(),
        "units": [
            {
                "abbreviation": u.unit.abbreviation,
                "name": u.unit.name,
                "last_meeting": u.last_meeting,
                "total": u.total,
                "items": [_item_json(i) for i in u.items],
            }
            for u in proposal.units
        ],
    }


def _proposal_text(proposal: AgendaProposal) -> str:
    lines = [
        _("Proposed agenda as of {cutoff} for the meeting on {date}").format(
            cutoff=fmt_date(proposal.cutoff), date=fmt_date(proposal.meeting_date)
        )
    ]
    for unit in proposal.units:
        lines.append("")
        head = _("{unit} ({abbreviation}): {shown} of {total} proposed items").format(
            unit=unit.unit.name, abbreviation=unit.unit.abbreviation,
            shown=fmt_int(len(unit.items)), total=fmt_int(unit.total),
        )
        if unit.last_meeting:
            head += "; " + _("last meeting {number}").format(number=unit.last_meeting)
        lines.append(head)
        for number, item in enumerate(unit.items, start=1):
            reasons = ", ".join(r.label for r in item.reasons)
            if item.action is not None:
                reasons += " " + _("({count}×)").format(count=item.action.carried_count)
            age = _("{n} working days").format(n=fmt_int(item.age_workdays))
            lines.append(f"  {number:>3}. {_short(item.title, 60)}")
            lines.append(f"       {reasons}; {age}")
    return "\n".join(lines)
