"""``ImportService``: preview a portal export without writing, then commit it in one transaction."""

from __future__ import annotations

import hashlib
import itertools
import json
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from lapor_desk.domain.actor import Actor, Clock
from lapor_desk.domain.errors import (
    ConcurrentEdit,
    ImportFileError,
    NotFound,
    RegisterError,
    ValidationError,
)
from lapor_desk.domain.formatting import fmt_int
from lapor_desk.domain.portal_values import Cell, canonical_header, is_blank, parse_period
from lapor_desk.i18n import _
from lapor_desk.models import ImportBatch, ImportProfile
from lapor_desk.persistence.backup import backup_sqlite
from lapor_desk.persistence.engine import is_disk_full
from lapor_desk.services.changes import Changes
from lapor_desk.services.deadlines import CHUNK as DEADLINE_CHUNK
from lapor_desk.services.deadlines import (
    insert_deadline_rows,
    new_deadline_rows,
    refresh_deadlines_for,
)
from lapor_desk.services.importer.columns import (
    METADATA_FIELDS,
    Field,
    HeaderMap,
    check_profile,
    field_lookup,
    header_matcher,
    map_header,
    metadata_block,
)
from lapor_desk.services.importer.merge import Context, Planner
from lapor_desk.services.importer.notes import Notes
from lapor_desk.services.importer.parsing import RowParser
from lapor_desk.services.importer.reader import (
    DEFAULT_LIMITS,
    HEADER_SEARCH_ROWS,
    ReadLimits,
    open_table,
)
from lapor_desk.services.importer.results import ImportPreview, ImportResult
from lapor_desk.services.importer.rows import COMPLAINT_COLUMNS, ParseContext
from lapor_desk.services.importer.running import (
    ProgressCallback,
    cycle_collection_paused,
    forward_only,
    reported,
)
from lapor_desk.services.importer.writing import (
    Written,
    bulk_page_cache,
    changed_since_preview,
    write_plan,
)
from lapor_desk.services.settings import SettingsService, read_setting
from lapor_desk.services.timelines import urgent_topic_limits

#: Setting holding the institution's slug on the portal (``Website - <slug>`` channel).
INSTITUTION_SLUG = "institution_slug"
DEFAULT_INSTITUTION_SLUG = "kementerian-sosial"
@dataclass(frozen=True, slots=True)
class ImportProfileRow:
    """A saved import profile: the file's header text → register field (``""``: ignore)."""

    name: str
    columns: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class ImportBatchRow:
    """One committed import, as the import history lists it."""

    id: int
    imported_at: datetime
    imported_by: str
    filename: str
    sha256: str
    institution: str | None
    period: str | None
    new: int
    changed: int
    unchanged: int
    missing: int


def file_sha256(path: Path) -> str:
    """The SHA-256 of the file's bytes, in hex."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _fit(value: str | None, column: str) -> str | None:
    length = getattr(ImportBatch.__table__.c[column].type, "length", None)
    if value is None or length is None or len(value) <= length:
        return value
    return value[: length - 1] + "…"


class ImportService:
    """Imports the portal's exports; never writes during a preview."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        clock: Clock,
        settings: SettingsService,
        backup_dir: Path | None,
        limits: ReadLimits = DEFAULT_LIMITS,
    ) -> None:
        self._factory = factory
        self._clock = clock
        self._settings = settings
        self._backup_dir = backup_dir
        self._limits = limits

    # -- profiles --------------------------------------------------------------------------------

    def profiles(self) -> tuple[ImportProfileRow, ...]:
        """The saved import profiles, by name."""
        with self._factory() as session:
            rows = session.scalars(select(ImportProfile).order_by(ImportProfile.name)).all()
            return tuple(ImportProfileRow(r.name, json.loads(r.columns_json)) for r in rows)

    def save_profile(self, actor: Actor, name: str, columns: Mapping[str, str]) -> Changes:
        """Create or replace the profile ``name`` (header → field name, ``""`` to ignore)."""
        del actor  # recorded by the audit trail once it exists
        clean = name.strip()
        if not clean or len(clean) > 100:
            raise ValidationError("name", _("A profile needs a name of at most 100 characters."))
        text = json.dumps(check_profile(columns), ensure_ascii=False, sort_keys=True)
        with self._factory.begin() as session:
            row = session.get(ImportProfile, clean)
            if row is None:
                session.add(ImportProfile(name=clean, columns_json=text))
            else:
                row.columns_json = text
        return Changes(settings=True)

    def delete_profile(self, actor: Actor, name: str) -> Changes:
        """Remove the profile ``name``."""
        del actor
        with self._factory.begin() as session:
            session.execute(delete(ImportProfile).where(ImportProfile.name == name))
        return Changes(settings=True)

    def batches(self) -> tuple[ImportBatchRow, ...]:
        """Every committed import, newest first."""
        with self._factory() as session:
            return tuple(
                ImportBatchRow(b.id, b.imported_at, b.imported_by, b.filename, b.sha256,
                               b.institution, b.period, b.new_count, b.changed_count,
                               b.unchanged_count, b.missing_count)
                for b in session.scalars(select(ImportBatch).order_by(ImportBatch.id.desc()))
            )

    # -- preview ---------------------------------------------------------------------------------

    def preview(
        self,
        path: Path | str,
        profile: str | None = None,
        progress: ProgressCallback | None = None,
    ) -> ImportPreview:
        """Read ``path`` and compare it with the register; nothing is written.

        Raises ImportFileError when the file cannot be imported at all; problems of single
        rows are listed in the preview's ``errors``. ``progress`` hears of the rows parsed.
        """
        with cycle_collection_paused():
            return self._preview(Path(path), profile, forward_only(progress))

    def _preview(self, path: Path, profile: str | None, report: ProgressCallback) -> ImportPreview:
        columns = self._profile_columns(profile)
        lookup = field_lookup(columns)
        table = open_table(path, header_matcher(lookup), self._limits)
        sha256 = file_sha256(path)
        numbered = enumerate(table.rows, start=1)
        top, header_row = self._find_header(numbered, header_matcher(lookup))
        header = map_header(header_row, lookup)
        metadata = metadata_block(top)
        notes = Notes()
        if header.unknown:
            notes.plain(_("Columns not used (unknown): {columns}.").format(
                columns=", ".join(f"“{h}”" for h in header.unknown)))
        for duplicate in header.duplicates:
            notes.plain(_("Column “{column}” appears more than once; the first one is used.")
                        .format(column=duplicate))
        context = ParseContext(
            status_mapping=self._settings.status_mapping(),
            today=self._clock().date(),
            own_slug=self._own_slug(),
            restore_formulas=table.kind == "csv" and header.has(Field.INTERNAL_STATUS),
        )
        outcome = RowParser(header, context, notes).parse(
            reported(numbered, table.total, report))
        report(table.total, table.total)
        if not outcome.rows and not outcome.errors:
            raise ImportFileError(_("The file has a header row but no complaints."))
        by_label = {canonical_header(k): v for k, v in metadata.items()}
        batch_fields = {
            field: by_label.get(label) or None for label, field in METADATA_FIELDS.items()
        }
        period = parse_period(batch_fields["period"] or "")
        if period is None and outcome.first_day and outcome.last_day:
            period = (outcome.first_day, outcome.last_day)
        with self._factory() as session:
            planner = Planner(session, Context.load(session), self._labels(header), notes,
                              self._clock())
            plan = planner.plan(outcome.rows, outcome.named_ids, period)
            earlier = session.execute(
                select(ImportBatch.imported_at, ImportBatch.imported_by)
                .where(ImportBatch.sha256 == sha256).order_by(ImportBatch.id.desc()).limit(1)
            ).first()
        if earlier is not None:
            notes.plain(_("This file was already imported on {date} by {who}.").format(
                date=earlier.imported_at.isoformat(sep=" "), who=earlier.imported_by))
        return ImportPreview(
            path=path,
            sha256=sha256,
            kind=table.kind,
            sheet=table.sheet,
            profile=profile,
            metadata=metadata,
            institution=batch_fields["institution"],
            generated_on=batch_fields["generated_on"],
            period=batch_fields["period"],
            rows_read=len(outcome.rows) + len({e.row for e in outcome.errors}),
            new=tuple(plan.new),
            changed=tuple(plan.changed),
            unchanged=plan.unchanged,
            errors=tuple(sorted(outcome.errors, key=lambda e: e.row)),
            missing=tuple(plan.missing),
            warnings=notes.render(),
            unknown_columns=header.unknown,
            plan=plan,
        )

    def _profile_columns(self, profile: str | None) -> Mapping[str, str] | None:
        if profile is None:
            return None
        with self._factory() as session:
            row = session.get(ImportProfile, profile)
            if row is None:
                raise NotFound(_("Import profile “{name}” not found.").format(name=profile))
            columns: dict[str, str] = json.loads(row.columns_json)
        return columns

    def _own_slug(self) -> str:
        with self._factory() as session:
            return read_setting(session, INSTITUTION_SLUG) or DEFAULT_INSTITUTION_SLUG

    @staticmethod
    def _find_header(
        numbered: Iterator[tuple[int, Sequence[Cell]]], is_header: Any
    ) -> tuple[list[Sequence[Cell]], Sequence[Cell]]:
        top: list[Sequence[Cell]] = []
        for _number, row in itertools.islice(numbered, HEADER_SEARCH_ROWS):
            if any(is_header(cell) for cell in row):
                return top, row
            top.append(row)
        if all(is_blank(cell) for row in top for cell in row):
            raise ImportFileError(_("The sheet is empty."))
        raise ImportFileError(
            _("No header row with a “Tracking ID” column was found in the first {n} rows; "
              "is this a portal export?").format(n=HEADER_SEARCH_ROWS)
        )

    @staticmethod
    def _labels(header: HeaderMap) -> dict[str, str]:
        labels = {COMPLAINT_COLUMNS[c.field]: c.header for c in header.columns
                  if c.field in COMPLAINT_COLUMNS}
        labels["received_at"] = header.header_of(Field.RECEIVED_DATE)
        if header.has(Field.PRIVACY):
            labels["anonim"] = labels["rahasia"] = header.header_of(Field.PRIVACY)
        return labels

    # -- commit ----------------------------------------------------------------------------------

    def commit(
        self, actor: Actor, preview: ImportPreview, progress: ProgressCallback | None = None
    ) -> ImportResult:
        """Write exactly what ``preview`` showed, in one transaction.

        Refused while the file has row errors; fails as a whole (ConcurrentEdit) when a
        complaint of the file was changed or added by someone else since the preview. A SQLite
        register is backed up first into its folder's ``backups/``; a PostgreSQL register relies
        on the server's backups. ``progress`` hears of the rows written and of the deadlines
        computed (each complaint counts twice); when it raises, nothing is written.
        """
        with cycle_collection_paused():
            return self._commit(actor, preview, forward_only(progress))

    def _commit(
        self, actor: Actor, preview: ImportPreview, report: ProgressCallback
    ) -> ImportResult:
        if preview.errors:
            raise ImportFileError(
                _("The file has {n} rows with errors; correct them in the file and import it "
                  "again. Nothing was imported.").format(n=fmt_int(len(preview.errors)))
            )
        if not preview.has_changes:
            return ImportResult(None, 0, 0, preview.unchanged, len(preview.missing), 0, None,
                                _("Nothing to import: the register is up to date."),
                                preview.warnings, Changes())
        now = self._clock()
        backup, note = self._backup(now)
        plan = preview.plan
        total = 2 * (len(plan.inserts) + len(plan.updates))
        try:
            with self._factory.begin() as session:
                batch_id = session.execute(
                    insert(ImportBatch).returning(ImportBatch.id),
                    {
                        "imported_at": now,
                        "imported_by": _fit(actor.display_name, "imported_by"),
                        "filename": _fit(preview.filename, "filename"),
                        "sha256": preview.sha256,
                        "profile": preview.profile,
                        "institution": _fit(preview.institution, "institution"),
                        "generated_on": _fit(preview.generated_on, "generated_on"),
                        "period": _fit(preview.period, "period"),
                        "metadata_json": json.dumps(dict(preview.metadata), ensure_ascii=False),
                        "new_count": len(plan.new),
                        "changed_count": len(plan.changed),
                        "unchanged_count": plan.unchanged,
                        "error_count": 0,
                        "missing_count": len(plan.missing),
                    },
                ).scalar_one()
                report(0, total)
                with bulk_page_cache(session.connection()), ThreadPoolExecutor(1) as pool:
                    new_deadlines = _NewDeadlines(session, self._settings, now, pool)
                    try:
                        written = write_plan(
                            session, plan, batch_id, actor.display_name, now,
                            preview.filename, lambda done: report(done, total),
                            on_inserted=new_deadlines.compute)
                        new_rows = new_deadlines.rows()
                    except BaseException:
                        new_deadlines.abandon()  # all is rolled back: no need to finish them
                        raise
                    self._store_deadlines(session, written, new_rows, lambda done:
                                          report(written.count + done, total))
                # The last chance to cancel: still inside the transaction.
                report(total, total)
        except IntegrityError:
            # A complaint of the file was added by someone else since the preview.
            raise ConcurrentEdit(changed_since_preview()) from None
        except OperationalError as error:
            if not is_disk_full(error):
                raise
            raise RegisterError(_(
                "The disk holding the register is full: nothing was imported and the register "
                "is as it was. Free some space, then import the file again.")) from None
        return ImportResult(
            batch_id=batch_id,
            new=len(plan.new),
            changed=len(plan.changed),
            unchanged=plan.unchanged,
            missing=len(plan.missing),
            status_moves=len(plan.moves),
            backup=backup,
            backup_note=note,
            warnings=preview.warnings,
            changes=Changes(complaints=frozenset(written.ids)),
        )

    def _store_deadlines(
        self, session: Session, written: Written, new_rows: Sequence[Sequence[Any]],
        done: Callable[[int], None],
    ) -> None:
        """Store the new complaints' deadline rows and recompute the updated complaints'.

        Both in chunks with a progress report after each one; updated complaints may have
        dispositions and follow-ups, so theirs are read from the register.
        """
        new = insert_deadline_rows(session, new_rows, progress=done)
        ordered = sorted(written.updated)
        for start in range(0, len(ordered), DEADLINE_CHUNK):
            chunk = ordered[start:start + DEADLINE_CHUNK]
            refresh_deadlines_for(session, self._settings, chunk)
            done(new + start + len(chunk))

    def _backup(self, now: datetime) -> tuple[Path | None, str]:
        if self._backup_dir is None:
            return None, _("No automatic backup: the register is on a database server; its "
                           "own backups apply.")
        with self._factory() as session:
            bind = session.get_bind()
        engine: Engine = bind if isinstance(bind, Engine) else bind.engine
        stem = f"before-import-{now:%Y%m%d-%H%M%S}"
        target = self._backup_dir / f"{stem}.sqlite3"
        counter = 1
        while target.exists():
            counter += 1
            target = self._backup_dir / f"{stem}-{counter}.sqlite3"
        backup_sqlite(engine, target)
        return target, _("Backup made before the import: {path}").format(path=target)


class _NewDeadlines:
    """The new complaints' deadline rows, computed on a thread of their own.

    They are computed while SQLite builds the same complaints' search index, a statement that
    leaves Python's lock free: 100.000 complaints' rows take ~1 s of Python, the index ~4,5 s
    of SQLite.
    """

    def __init__(self, session: Session, settings: SettingsService, now: datetime,
                 pool: ThreadPoolExecutor) -> None:
        # Everything the computation needs is read here, on the commit's own thread.
        self._calendar = settings.calendar()
        self._rules = settings.sla_rules()
        self._as_of = settings.reference_date()
        self._limits = urgent_topic_limits(session)
        self._now = now
        self._pool = pool
        self._pending: Future[list[list[Any]]] | None = None
        self._stop = threading.Event()

    def compute(self, inserted: list[tuple[int, dict[str, Any]]]) -> None:
        """Start computing the rows of ``inserted`` (``write_plan``'s ``on_inserted``)."""
        self._pending = self._pool.submit(
            new_deadline_rows, self._calendar, self._rules, self._limits, inserted,
            entered_at=self._now, as_of=self._as_of, stop=self._stop)

    def abandon(self) -> None:
        """The import failed: stop computing (the pool's end then waits for less)."""
        self._stop.set()

    def rows(self) -> list[list[Any]]:
        """The rows, once computed (none without new complaints); raises what the thread did."""
        return [] if self._pending is None else self._pending.result()
