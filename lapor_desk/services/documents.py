"""Documents for leadership: letterhead settings, building and writing DOCX/PDF files.

The letterhead lives in the ``setting`` key/value table under keys prefixed ``letterhead.``; the
defaults are those of Biro Humas Kemensos and editable.
"""

from __future__ import annotations

import base64
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from lapor_desk.domain.actor import Actor, Clock
from lapor_desk.domain.errors import ValidationError
from lapor_desk.i18n import _
from lapor_desk.reports.analysis import build_analysis
from lapor_desk.reports.analysis_input import ALL_SECTIONS, AnalysisInput, Section
from lapor_desk.reports.attendance import build_attendance
from lapor_desk.reports.disposition_sheet import (
    DeadlineLine,
    DispositionLine,
    DispositionSheetInput,
    build_disposition_sheet,
)
from lapor_desk.reports.document import Document, Letterhead, Paper, Signer
from lapor_desk.reports.lang import _ as doc_
from lapor_desk.reports.meeting_input import (
    AttendanceInput,
    MinutesInput,
    Person,
    UnitExtractInput,
)
from lapor_desk.reports.minutes import build_minutes
from lapor_desk.reports.output import Format, write
from lapor_desk.reports.setup import DocumentSetup, Masking, nip_text
from lapor_desk.reports.unit_extract import build_unit_extract
from lapor_desk.services import meeting_documents
from lapor_desk.services.analysis import AnalysisService
from lapor_desk.services.changes import Changes
from lapor_desk.services.meeting_documents import MeetingUnit
from lapor_desk.services.register import RegisterService
from lapor_desk.services.settings import read_setting, write_setting

PREFIX = "letterhead."


@dataclass(frozen=True, slots=True)
class LetterheadSettings:
    """The editable letterhead and signer of the documents."""

    ministry: str = "Kementerian Sosial Republik Indonesia"
    units: tuple[str, ...] = ("Sekretariat Jenderal", "Biro Hubungan Masyarakat")
    address: str = "Jl. Salemba Raya No. 28, Jakarta Pusat 10430"
    phone: str = "(021) 3103591"
    website: str = "www.kemensos.go.id"
    email: str = ""
    city: str = "Jakarta"
    head_role: str = "Kepala Biro Hubungan Masyarakat,"
    head_name: str = ""
    head_nip: str = ""
    paper: Paper = Paper.A4
    logo_png: bytes | None = None

    def letterhead(self) -> Letterhead:
        """The document model's letterhead."""
        return Letterhead(self.ministry, self.units, self.address, self.phone, self.website,
                          self.email, self.logo_png)

    def head_signer(self) -> Signer:
        """The head of Biro Humas; a dotted line to sign over while no name is set."""
        return Signer(self.head_role, self.head_name or "…………………………",
                      nip_text(self.head_nip))


@dataclass(frozen=True, slots=True)
class UnitExtract:
    """The extract of one meeting for one unit."""

    unit: MeetingUnit
    document: Document


_TEXT_FIELDS = ("ministry", "address", "phone", "website", "email", "city", "head_role",
                "head_name", "head_nip")


class DocumentService:
    """Builds documents from the register and writes them as DOCX or PDF."""

    def __init__(self, factory: sessionmaker[Session], clock: Clock, register: RegisterService,
                 analysis: AnalysisService) -> None:
        self._factory = factory
        self._clock = clock
        self._register = register
        self._analysis = analysis

    # -- letterhead ----------------------------------------------------------------------------

    def letterhead_settings(self) -> LetterheadSettings:
        """The letterhead as stored, with the defaults for what was never set."""
        default = LetterheadSettings()
        with self._factory() as session:
            values = {name: read_setting(session, PREFIX + name)
                      for name in (*_TEXT_FIELDS, "units", "paper", "logo_png")}
        texts: dict[str, str] = {
            name: str(values[name]) if values[name] is not None else str(getattr(default, name))
            for name in _TEXT_FIELDS
        }
        units = (tuple(line for line in (values["units"] or "").splitlines() if line.strip())
                 if values["units"] is not None else default.units)
        paper = Paper(values["paper"]) if values["paper"] in {p.value for p in Paper} \
            else default.paper
        logo = base64.b64decode(values["logo_png"]) if values["logo_png"] else None
        return LetterheadSettings(units=units, paper=paper, logo_png=logo, **texts)

    def save_letterhead(self, actor: Actor, value: LetterheadSettings) -> Changes:
        """Store every letterhead field."""
        del actor  # recorded by the audit trail once it exists
        if not value.ministry.strip():
            raise ValidationError("ministry", _("The letterhead needs the ministry's name."))
        if value.logo_png is not None and not value.logo_png.startswith(b"\x89PNG"):
            raise ValidationError("logo", _("The logo must be a PNG image."))
        with self._factory.begin() as session:
            for name in _TEXT_FIELDS:
                write_setting(session, PREFIX + name, str(getattr(value, name)).strip())
            write_setting(session, PREFIX + "units", "\n".join(value.units))
            write_setting(session, PREFIX + "paper", value.paper.value)
            write_setting(session, PREFIX + "logo_png",
                          base64.b64encode(value.logo_png).decode() if value.logo_png else "")
        return Changes(settings=True)

    def setup(self, paper: Paper | None = None,
              masking: Masking = Masking.STANDARD) -> DocumentSetup:
        """Letterhead, paper, city and signer for a document."""
        stored = self.letterhead_settings()
        return DocumentSetup(letterhead=stored.letterhead(), paper=paper or stored.paper,
                             city=stored.city, head_signer=stored.head_signer(),
                             masking=masking)

    # -- documents -----------------------------------------------------------------------------

    def analysis_input(self, start: date, end: date) -> AnalysisInput:
        """The figures of the analysis (to show and edit the narrative before export)."""
        return self._analysis.gather(start, end)

    def analysis(
        self,
        data: AnalysisInput,
        *,
        paper: Paper | None = None,
        masking: Masking = Masking.STANDARD,
        sections: Collection[Section] = ALL_SECTIONS,
        summary: tuple[str, ...] | None = None,
        conclusions: tuple[str, ...] | None = None,
    ) -> Document:
        """The Laporan analisis pengaduan of ``data``."""
        return build_analysis(data, self.setup(paper, masking), summary=summary,
                              conclusions=conclusions, sections=sections)

    def disposition_sheet(self, complaint_id: int, *, paper: Paper | None = None,
                          masking: Masking = Masking.STANDARD) -> Document:
        """The Lembar disposisi of one complaint."""
        detail = self._register.get(complaint_id)
        row = detail.row
        data = DispositionSheetInput(
            tracking_id=row.tracking_id,
            received_at=row.received_at,
            title=row.title,
            text=detail.text_edited or detail.text_original,
            status=doc_(_status_source(row.status.value)),
            channel=row.channel,
            klasifikasi=row.klasifikasi,
            topic=row.topic,
            urgent=row.urgent,
            urgent_reason=detail.urgent_reason,
            anonim=row.anonim,
            rahasia=row.rahasia,
            reporter_name=detail.reporter_name,
            region=tuple(reversed(detail.region)),
            dispositions=tuple(
                DispositionLine(d.unit, d.is_lead, d.disposed_at, d.disposed_by, d.instruction)
                for d in detail.dispositions
            ),
            deadlines=tuple(
                DeadlineLine(doc_(_stage_source(s.stage.value)), s.due,
                             doc_(_state_source(s.state.value)))
                for s in detail.sla
            ),
        )
        return build_disposition_sheet(data, self.setup(paper, masking), self._clock())

    def minutes(self, data: MinutesInput, *, paper: Paper | None = None) -> Document:
        """The Notula of a meeting."""
        return build_minutes(data, self.setup(paper), self._clock())

    def attendance(self, data: AttendanceInput, *, paper: Paper | None = None) -> Document:
        """The Daftar hadir of a meeting."""
        return build_attendance(data, self.setup(paper), self._clock())

    def unit_extract(self, data: UnitExtractInput, *, paper: Paper | None = None) -> Document:
        """A unit's extract of a meeting."""
        return build_unit_extract(data, self.setup(paper), self._clock())

    # -- documents of a coordination meeting ---------------------------------------------------

    def meeting_minutes_input(self, meeting_id: int) -> MinutesInput:
        """What the Notula of the meeting says, read from its records."""
        with self._factory() as session:
            return meeting_documents.minutes_input(session, meeting_id)

    def meeting_minutes(self, meeting_id: int, *, paper: Paper | None = None) -> Document:
        """The Notula of the meeting, attendance attached; DRAFT until the minutes are approved."""
        return self.minutes(self.meeting_minutes_input(meeting_id), paper=paper)

    def meeting_attendance(self, meeting_id: int, *, blank: bool = False,
                           paper: Paper | None = None) -> Document:
        """The Daftar hadir: blank with the invitees for signing, or as recorded."""
        with self._factory() as session:
            data = meeting_documents.attendance_input(session, meeting_id, blank=blank)
        return self.attendance(data, paper=paper)

    def meeting_extract_units(self, meeting_id: int) -> tuple[MeetingUnit, ...]:
        """The units that get an extract of the meeting (invited ones, then action owners)."""
        with self._factory() as session:
            return meeting_documents.extract_units(session, meeting_id)

    def meeting_unit_extracts(self, meeting_id: int, *, paper: Paper | None = None,
                              unit_ids: Collection[int] | None = None,
                              ) -> tuple[UnitExtract, ...]:
        """One extract per unit (only ``unit_ids`` when given), signed by the head of Biro Humas."""
        stored = self.letterhead_settings()
        signer = Person(stored.head_name or "…………………………", stored.head_nip)
        with self._factory() as session:
            inputs = meeting_documents.unit_extract_inputs(session, meeting_id, signer,
                                                           stored.head_role)
        return tuple(UnitExtract(unit, self.unit_extract(data, paper=paper))
                     for unit, data in inputs if unit_ids is None or unit.id in unit_ids)

    @staticmethod
    def export(document: Document, target: Path, fmt: Format | None = None) -> Path:
        """Write ``document`` to ``target`` (the format from ``fmt`` or the file's suffix)."""
        if fmt is None:
            try:
                fmt = Format.of(target)
            except ValueError:
                raise ValidationError(
                    "target", _("Choose a file name ending in .docx or .pdf.")
                ) from None
        return write(document, target, fmt)


def _status_source(value: str) -> str:
    from lapor_desk.domain.enums import InternalStatus
    from lapor_desk.reports.analysis import STATUS_LABELS

    return STATUS_LABELS[InternalStatus(value)]


def _stage_source(value: str) -> str:
    return {"verification": "Verification", "first_response": "First follow-up",
            "completion": "Completion"}[value]


def _state_source(value: str) -> str:
    return {"on_time": "On time", "due_soon": "Due soon", "overdue": "Overdue", "met": "Met",
            "met_late": "Met late"}[value]
