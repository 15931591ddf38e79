"""``lapor-desk import`` and ``lapor-desk export``: the portal's exports in, the register out.

Kept apart from ``cli.py``, which calls :func:`add_commands` and :func:`run`. Errors are
``LaporError``s; ``cli.main`` prints them as one line and exits non-zero.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lapor_desk.domain.enums import InternalStatus
from lapor_desk.domain.errors import ImportFileError, LaporError
from lapor_desk.domain.formatting import fmt_int
from lapor_desk.i18n import _

if TYPE_CHECKING:
    from lapor_desk.services.bootstrap import Services
    from lapor_desk.services.importer import ImportPreview, ImportResult

#: Items of each list the text preview shows before "and N more" (``--json`` shows all).
SHOWN = 30


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("invalid date {text!r}: use YYYY-MM-DD").format(text=text)
        ) from None


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    """Add ``import`` and ``export`` to the command line."""
    imports = commands.add_parser(
        "import", help=_("import a portal export (xlsx, xls, ods or csv): preview, then commit")
    )
    imports.add_argument("file", metavar="FILE", type=Path)
    imports.add_argument("--profile", metavar="NAME", help=_("import profile to map columns"))
    imports.add_argument("--dry-run", action="store_true",
                         help=_("show the preview only; write nothing"))
    imports.add_argument("--yes", action="store_true", help=_("commit without asking"))
    imports.add_argument("--json", action="store_true", help=_("print one JSON object"))

    exports = commands.add_parser("export", help=_("export the register to xlsx or csv"))
    exports.add_argument("--format", choices=("xlsx", "csv"),
                         help=_("file type (default: from the file name)"))
    exports.add_argument("--status", action="append", metavar="STATUS",
                         choices=[s.value for s in InternalStatus],
                         help=_("only this internal status (repeatable): {choices}").format(
                             choices=", ".join(s.value for s in InternalStatus)))
    exports.add_argument("--unit", action="append", metavar="ABBREVIATION",
                         help=_("only complaints disposed to this unit (repeatable)"))
    exports.add_argument("--from", dest="start", type=_iso_date, metavar="YYYY-MM-DD",
                         help=_("received on or after this date"))
    exports.add_argument("--to", dest="end", type=_iso_date, metavar="YYYY-MM-DD",
                         help=_("received on or before this date"))
    exports.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")


def run(args: argparse.Namespace, services: Services) -> int | None:
    """Run ``import`` or ``export``; ``None`` for any other command."""
    if args.command == "import":
        return _import(args, services)
    if args.command == "export":
        return _export(args, services)
    return None


# -- import --------------------------------------------------------------------------------------


def _import(args: argparse.Namespace, services: Services) -> int:
    preview = services.imports.preview(args.file, args.profile)
    data = _preview_json(preview) if args.json else None
    if data is None:
        print(_preview_text(preview))
    if preview.errors:
        if data is not None:
            print(json.dumps(data | {"committed": False}, ensure_ascii=False, indent=2))
        raise ImportFileError(
            _("The file has {n} rows with errors; correct them in the file and import it "
              "again. Nothing was imported.").format(n=fmt_int(len(preview.errors)))
        )
    if args.dry_run or not preview.has_changes:
        if data is not None:
            print(json.dumps(data | {"committed": False}, ensure_ascii=False, indent=2))
        elif not preview.has_changes:
            print(_("Nothing to import: the register is up to date."))
        return 0
    if not args.yes and sys.stdin.isatty() and not _confirm():
        if data is not None:
            print(json.dumps(data | {"committed": False}, ensure_ascii=False, indent=2))
        print(_("Import cancelled; nothing was written."), file=sys.stderr)
        return 1
    from lapor_desk.domain.actor import LOCAL_OPERATOR

    result = services.imports.commit(LOCAL_OPERATOR, preview)
    if data is not None:
        print(json.dumps(data | _result_json(result), ensure_ascii=False, indent=2))
    else:
        print(_result_text(result))
    return 0


def _confirm() -> bool:
    # The question goes to stderr so that --json output on stdout stays one object.
    sys.stderr.write(_("Import these changes into the register? [y/N] "))
    sys.stderr.flush()
    answer = sys.stdin.readline().strip().casefold()
    return answer in {"y", "ya", "yes", "j"}


def _preview_json(preview: ImportPreview) -> dict[str, Any]:
    return {
        "file": str(preview.path),
        "sha256": preview.sha256,
        "format": preview.kind,
        "sheet": preview.sheet,
        "profile": preview.profile,
        "institution": preview.institution,
        "generated_on": preview.generated_on,
        "period": preview.period,
        "metadata": dict(preview.metadata),
        "rows": preview.rows_read,
        "new": len(preview.new),
        "changed": len(preview.changed),
        "unchanged": preview.unchanged,
        "missing": len(preview.missing),
        "errors": [{"row": e.row, "column": e.column, "message": e.message}
                   for e in preview.errors],
        "warnings": list(preview.warnings),
        "unknown_columns": list(preview.unknown_columns),
        "new_complaints": [
            {"tracking_id": n.tracking_id, "row": n.row, "received_at": n.received_at.isoformat(),
             "status": n.status.value, "topic": n.topic, "suggested_unit": n.suggested_unit,
             "urgent": n.urgent, "own_prefix": n.own_prefix}
            for n in preview.new
        ],
        "changed_complaints": [
            {"tracking_id": c.tracking_id, "row": c.row,
             "changes": [{"field": f.column, "column": f.label, "old": f.old, "new": f.new}
                         for f in c.changes]}
            for c in preview.changed
        ],
        "missing_complaints": [
            {"tracking_id": m.tracking_id, "received_at": m.received_at.isoformat(),
             "status": m.status.value}
            for m in preview.missing
        ],
    }


def _result_json(result: ImportResult) -> dict[str, Any]:
    return {
        "committed": result.batch_id is not None,
        "batch_id": result.batch_id,
        "status_moves": result.status_moves,
        "backup": str(result.backup) if result.backup else None,
        "backup_note": result.backup_note,
    }


def _short(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return textwrap.shorten(flat, width, placeholder="…") if flat else "∅"


def _more(total: int) -> list[str]:
    extra = total - SHOWN
    return [_("  … and {n} more").format(n=fmt_int(extra))] if extra > 0 else []


def _preview_text(preview: ImportPreview) -> str:
    lines = [
        _("File: {file} ({format}{sheet})").format(
            file=preview.path, format=preview.kind,
            sheet=_(", sheet “{sheet}”").format(sheet=preview.sheet) if preview.sheet else ""),
    ]
    if preview.institution or preview.generated_on or preview.period:
        lines.append(_("Institution: {institution} · generated: {generated} · period: "
                       "{period}").format(institution=preview.institution or "-",
                                          generated=preview.generated_on or "-",
                                          period=preview.period or "-"))
    lines.append(_("New: {new}   Changed: {changed}   Unchanged: {unchanged}   Rows with "
                   "errors: {errors}   Missing from this export: {missing}").format(
        new=fmt_int(len(preview.new)), changed=fmt_int(len(preview.changed)),
        unchanged=fmt_int(preview.unchanged), errors=fmt_int(len(preview.errors)),
        missing=fmt_int(len(preview.missing))))
    if preview.new:
        prefix = sum(1 for n in preview.new if n.own_prefix)
        urgent = sum(1 for n in preview.new if n.urgent)
        lines += ["", _("New complaints ({prefix} through the ministry's own prefix route, "
                        "{urgent} urgent):").format(prefix=fmt_int(prefix),
                                                    urgent=fmt_int(urgent))]
        for new in preview.new[:SHOWN]:
            suggestion = (_("suggested unit: {unit}").format(unit=new.suggested_unit)
                          if new.suggested_unit else "")
            lines.append(f"  {new.tracking_id}  {new.received_at:%Y-%m-%d}  "
                         f"{new.status.label}  {_short(new.title, 50)}  {suggestion}".rstrip())
        lines += _more(len(preview.new))
    if preview.changed:
        lines += ["", _("Changed complaints:")]
        for changed in preview.changed[:SHOWN]:
            lines.append(_("  {tracking} (row {row})").format(
                tracking=changed.tracking_id, row=changed.row))
            lines += [f"    {f.label}: {_short(f.old)} → {_short(f.new)}" for f in changed.changes]
        lines += _more(len(preview.changed))
    if preview.errors:
        lines += ["", _("Rows with errors:")]
        lines += [_("  row {row}, {column}: {message}").format(
            row=e.row, column=e.column, message=e.message) for e in preview.errors[:SHOWN]]
        lines += _more(len(preview.errors))
    if preview.missing:
        lines += ["", _("In the register for this period but missing from this export:")]
        lines += [f"  {m.tracking_id}  {m.received_at:%Y-%m-%d}  {m.status.label}  "
                  f"{_short(m.title, 50)}" for m in preview.missing[:SHOWN]]
        lines += _more(len(preview.missing))
    if preview.warnings:
        lines += ["", _("Warnings:")]
        lines += [f"  - {w}" for w in preview.warnings]
    return "\n".join(lines)


def _result_text(result: ImportResult) -> str:
    return "\n".join([
        _("Imported: {new} new, {changed} changed ({moves} status changes), {unchanged} "
          "unchanged.").format(new=fmt_int(result.new), changed=fmt_int(result.changed),
                               moves=fmt_int(result.status_moves),
                               unchanged=fmt_int(result.unchanged)),
        result.backup_note,
    ])


# -- export --------------------------------------------------------------------------------------


def _export(args: argparse.Namespace, services: Services) -> int:
    from lapor_desk.services.exporter import ExportFilter, ExportFormat

    if args.start and args.end and args.end < args.start:
        raise LaporError(_("The end date is before the start date."))
    filters = ExportFilter(
        statuses=frozenset(InternalStatus(s) for s in args.status or ()),
        units=tuple(args.unit or ()),
        received_from=args.start,
        received_to=args.end,
    )
    result = services.exports.export(
        args.output, ExportFormat(args.format) if args.format else None, filters
    )
    print(_("{n} complaints exported to {path}.").format(n=fmt_int(result.rows),
                                                         path=result.path))
    return 0
