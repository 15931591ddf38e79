"""Opening a register: engine, migration, defaults, and the services over it.

Called by the composition roots (``app.py``, ``cli.py``); nothing here runs at import time.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from lapor_desk.domain.actor import Clock
from lapor_desk.domain.errors import RegisterError
from lapor_desk.i18n import _
from lapor_desk.persistence.engine import database_url, make_engine, make_session_factory
from lapor_desk.persistence.migrate import migrate
from lapor_desk.services.action_items import ActionItemService
from lapor_desk.services.agenda import AgendaService
from lapor_desk.services.analysis import AnalysisService
from lapor_desk.services.attachments import AttachmentService
from lapor_desk.services.attendance import AttendanceService
from lapor_desk.services.complaint_actions import ComplaintActionsService
from lapor_desk.services.complaint_query import ComplaintQueryService
from lapor_desk.services.deadlines import ensure_deadlines
from lapor_desk.services.demo import DemoService
from lapor_desk.services.documents import DocumentService
from lapor_desk.services.exporter import ExportService
from lapor_desk.services.importer import ImportService
from lapor_desk.services.intake import IntakeService
from lapor_desk.services.master_data import MasterDataService
from lapor_desk.services.meeting_notes import MeetingNotesService
from lapor_desk.services.meetings import MeetingService
from lapor_desk.services.register import RegisterService
from lapor_desk.services.renaksi import RenaksiService
from lapor_desk.services.settings import SettingsService
from lapor_desk.services.stats import StatsService

APP_NAME = "lapor-desk"
DATABASE_FILENAME = "register.sqlite3"


def default_data_dir() -> Path:
    """The user's data folder for LAPOR Desk (platformdirs)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


@dataclass(frozen=True, slots=True)
class Services:
    """Everything the UI and the CLI call, built over one register."""

    location: str
    engine: Engine
    settings: SettingsService
    register: RegisterService
    stats: StatsService
    demo: DemoService
    imports: ImportService
    exports: ExportService
    attachments: AttachmentService
    complaints: ComplaintQueryService
    actions: ComplaintActionsService
    intake: IntakeService
    analysis: AnalysisService
    documents: DocumentService
    meetings: MeetingService
    attendance: AttendanceService
    agenda: AgendaService
    meeting_notes: MeetingNotesService
    action_items: ActionItemService
    renaksi: RenaksiService
    master_data: MasterDataService


def system_clock() -> datetime:
    """Local wall-clock time without a zone, as the register stores it."""
    return datetime.now().replace(microsecond=0)


@contextmanager
def open_services(
    target: str | Path | None = None,
    *,
    data_dir: Path | None = None,
    clock: Clock = system_clock,
    create: bool = True,
) -> Iterator[Services]:
    """Open (and, if needed, create and migrate) the register at ``target``.

    ``target`` is a SQLite path or a database URL; the default is the user data dir's file.
    With ``create=False`` a missing SQLite file is an error instead of a new register.
    """
    folder = data_dir or default_data_dir()
    location = str(target) if target is not None else str(folder / DATABASE_FILENAME)
    url = database_url(location)
    backup_dir: Path | None = None
    files_dir = folder  # a shared server keeps its files in the user data folder
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if not path.exists() and not create:
            raise RegisterError(_("Register not found: {path}").format(path=path))
        if path.exists() and path.is_dir():
            raise RegisterError(_("Register path is a folder: {path}").format(path=path))
        path.parent.mkdir(parents=True, exist_ok=True)
        backup_dir = path.parent / "backups"
        files_dir = path.parent
    engine = make_engine(location)
    try:
        migrate(engine, backup_dir=backup_dir)
        factory = make_session_factory(engine)
        settings = SettingsService(factory, clock)
        settings.ensure_defaults()
        ensure_deadlines(factory, settings)
        yield Services(
            location=location,
            engine=engine,
            settings=settings,
            register=RegisterService(factory, clock, settings),
            stats=StatsService(factory, settings, AnalysisService(factory, clock, settings)),
            demo=DemoService(factory, clock, settings),
            imports=ImportService(factory, clock, settings, backup_dir),
            exports=ExportService(factory),
            attachments=AttachmentService(factory, clock, files_dir / "attachments"),
            complaints=ComplaintQueryService(factory, settings),
            actions=ComplaintActionsService(factory, clock, settings),
            intake=IntakeService(factory, clock),
            analysis=AnalysisService(factory, clock, settings),
            documents=DocumentService(
                factory, clock, RegisterService(factory, clock, settings),
                AnalysisService(factory, clock, settings),
            ),
            meetings=MeetingService(factory, clock),
            attendance=AttendanceService(factory, clock),
            agenda=AgendaService(factory, clock, settings),
            meeting_notes=MeetingNotesService(factory, clock, settings),
            action_items=ActionItemService(factory, clock, settings),
            renaksi=RenaksiService(factory, clock),
            master_data=MasterDataService(factory, clock, settings),
        )
    finally:
        engine.dispose()
