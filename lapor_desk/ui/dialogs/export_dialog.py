"""Export a document: which one, format, paper, sections, masking; preview, print and save.

The figures are gathered, the document built and rendered on a worker; the narrative of the
analysis is generated from the figures and can be edited before export. Opened on a meeting, it
offers that meeting's minutes, attendance list (blank or filled) and per-unit extracts.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.domain.errors import ValidationError
from lapor_desk.i18n import N_, _
from lapor_desk.reports import narrative
from lapor_desk.reports.analysis_input import AnalysisInput, Section
from lapor_desk.reports.document import Document, Paper
from lapor_desk.reports.output import Format, render_bytes
from lapor_desk.reports.setup import Masking
from lapor_desk.services.bootstrap import Services
from lapor_desk.ui.dialogs import hint_label, with_calendar
from lapor_desk.ui.dialogs.pdf_preview import PdfPreview, print_pdf
from lapor_desk.ui.errors import show_error
from lapor_desk.ui.workers import Progress, Worker, run_with_progress

ANALYSIS = "analysis"
DISPOSITION = "disposition"
MINUTES = "minutes"
ATTENDANCE = "attendance"
UNIT_EXTRACT = "unit_extract"
MEETING_DOCUMENTS = (MINUTES, ATTENDANCE, UNIT_EXTRACT)

SECTION_LABELS: dict[Section, str] = {
    Section.KEY_FIGURES: N_("Key figures"),
    Section.STATUS: N_("Reports by status"),
    Section.KLASIFIKASI_CHANNEL: N_("Klasifikasi and channel"),
    Section.TOPICS: N_("Reports by topic"),
    Section.UNITS: N_("Reports by unit"),
    Section.REGIONS: N_("Reports by region"),
    Section.OVERDUE: N_("Reports past their deadline"),
    Section.EXAMPLES: N_("Examples of reports"),
    Section.MEETINGS: N_("Coordination meetings and action items"),
    Section.RENAKSI: N_("Progress of the action plan (Renaksi)"),
    Section.CONCLUSIONS: N_("Conclusions and recommendations"),
}


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _paragraphs(text: str) -> tuple[str, ...]:
    """Paragraphs typed in an editor, separated by blank lines."""
    return tuple(" ".join(p.split()) for p in text.split("\n\n") if p.strip())


class ExportDialog(QDialog):
    """One document to DOCX or PDF, with a PDF preview."""

    saved = Signal(Path)

    def __init__(self, services: Services, *, start: date | None = None,
                 end: date | None = None, complaint_id: int | None = None,
                 meeting_id: int | None = None, meeting_document: str = MINUTES,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._complaint_id = complaint_id
        self._meeting_id = meeting_id
        self._data: AnalysisInput | None = None
        # Previews live here until the dialog is gone (closed, or deleted with its parent).
        self._folder = Path(tempfile.mkdtemp(prefix="lapor-export-"))
        folder = self._folder
        self.destroyed.connect(lambda *_args: shutil.rmtree(folder, ignore_errors=True))
        self.worker: Worker | None = None
        self.setWindowTitle(_("Export document"))
        self.resize(1180, 780)
        reference = services.settings.reference_date()
        self.document = QComboBox()
        self.document.addItem(_("Complaint analysis report"), ANALYSIS)
        if complaint_id is not None:
            self.document.addItem(_("Disposition sheet"), DISPOSITION)
            self.document.setCurrentIndex(1)
        self.blank = QCheckBox(_("Blank, with the invitees, for signing at the door"))
        self.unit = QComboBox()
        self._unit_codes: dict[int, str] = {}
        if meeting_id is not None:
            for kind, label in ((MINUTES, _("Minutes (notula)")),
                                (ATTENDANCE, _("Attendance list (daftar hadir)")),
                                (UNIT_EXTRACT, _("Extract for one unit"))):
                self.document.addItem(label, kind)
            self.document.setCurrentIndex(self.document.findData(meeting_document))
            for unit in services.documents.meeting_extract_units(meeting_id):
                self.unit.addItem(f"{unit.name} ({unit.abbreviation})", unit.id)
                self._unit_codes[unit.id] = unit.abbreviation
        last_month = reference.replace(day=1) - timedelta(days=1)
        self.start = QDateEdit(_qdate(start or date(last_month.year, 1, 1)))
        self.end = QDateEdit(_qdate(end or last_month))
        for edit in (self.start, self.end):
            with_calendar(edit)
        self.format = QComboBox()
        self.format.addItem("PDF", Format.PDF.value)
        self.format.addItem(_("Word (DOCX)"), Format.DOCX.value)
        self.paper = QComboBox()
        self.paper.addItem("A4 (210 × 297 mm)", Paper.A4.value)
        self.paper.addItem("F4 / Folio (215 × 330 mm)", Paper.F4.value)
        stored = services.documents.letterhead_settings().paper
        self.paper.setCurrentIndex(0 if stored is Paper.A4 else 1)
        self.strict = QCheckBox(_("Also reduce reporters' names to initials"))
        self.sections = QListWidget()
        for section, label in SECTION_LABELS.items():
            item = QListWidgetItem(_(label))
            item.setData(Qt.ItemDataRole.UserRole, section.value)
            item.setCheckState(Qt.CheckState.Checked)
            self.sections.addItem(item)
        self.summary = QPlainTextEdit()
        self.conclusions = QPlainTextEdit()
        self.regenerate = QPushButton(_("Write the narrative again from the figures"))
        self.preview = PdfPreview()
        self.status = hint_label()
        self.preview_button = QPushButton(_("Preview"))
        self.print_button = QPushButton(_("Print…"))
        self.save_button = QPushButton(_("Save as…"))
        self.save_button.setDefault(True)
        close = QPushButton(_("Close"))
        self._layout(close)
        self.document.currentIndexChanged.connect(self._on_document_changed)
        self.regenerate.clicked.connect(self._on_regenerate_clicked)
        self.preview_button.clicked.connect(self._on_preview_clicked)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.save_button.clicked.connect(self._on_save_clicked)
        close.clicked.connect(self.reject)
        self._on_document_changed()

    def _layout(self, close: QPushButton) -> None:
        form = self._form = QFormLayout()
        form.addRow(_("Document"), self.document)
        period = QHBoxLayout()
        period.addWidget(self.start)
        self.period_to = QLabel(_("to"))
        period.addWidget(self.period_to)
        period.addWidget(self.end)
        self.period_label = QLabel(_("Period"))
        form.addRow(self.period_label, period)
        form.addRow(_("Attendance"), self.blank)
        form.addRow(_("Unit"), self.unit)
        form.addRow(_("Format"), self.format)
        form.addRow(_("Paper"), self.paper)
        form.addRow(_("Masking"), self.strict)
        form.addRow("", hint_label(_("NIK, phone numbers, e-mail addresses and the identity of "
                                     "anonymous or confidential reporters are always masked.")))
        self.analysis_box = QWidget()
        box = QVBoxLayout(self.analysis_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(QLabel(_("Sections")))
        box.addWidget(self.sections, 2)
        box.addWidget(QLabel(_("Summary (edit before export; blank line between paragraphs)")))
        box.addWidget(self.summary, 3)
        box.addWidget(QLabel(_("Conclusions and recommendations (one per paragraph)")))
        box.addWidget(self.conclusions, 2)
        box.addWidget(self.regenerate)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(form)
        left_layout.addWidget(self.analysis_box, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setSizes([460, 720])
        actions = QHBoxLayout()
        actions.addWidget(self.status, 1)
        for button in (self.preview_button, self.print_button, self.save_button, close):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)

    # -- state ---------------------------------------------------------------------------------

    @property
    def kind(self) -> str:
        """The chosen document: ``analysis``, ``disposition`` or one of a meeting's."""
        return str(self.document.currentData())

    def period(self) -> tuple[date, date]:
        """The chosen period."""
        first, last = self.start.date(), self.end.date()
        return (date(first.year(), first.month(), first.day()),
                date(last.year(), last.month(), last.day()))

    def chosen_sections(self) -> frozenset[Section]:
        """Sections ticked in the list."""
        return frozenset(
            Section(self.sections.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.sections.count())
            if self.sections.item(i).checkState() == Qt.CheckState.Checked
        )

    def _on_document_changed(self) -> None:
        analysis = self.kind == ANALYSIS
        self.analysis_box.setVisible(analysis)
        # Whole rows are hidden, so that no empty row leaves a gap in the form.
        self._form.setRowVisible(self.period_label, analysis)
        self._form.setRowVisible(self.blank, self.kind == ATTENDANCE)
        self._form.setRowVisible(self.unit, self.kind == UNIT_EXTRACT)
        # Meeting documents quote no reporter, so there is nothing more to reduce.
        self.strict.setEnabled(self.kind not in MEETING_DOCUMENTS)

    def _busy(self, busy: bool) -> None:
        for button in (self.preview_button, self.print_button, self.save_button,
                       self.regenerate):
            button.setEnabled(not busy)

    # -- work ----------------------------------------------------------------------------------

    def _needs_data(self) -> bool:
        if self.kind != ANALYSIS:
            return False
        data = self._data
        return data is None or (data.period_start, data.period_end) != self.period()

    def _document_job(self) -> Any:
        """A function for the worker that gathers (if needed), builds and renders."""
        kind, (start, end) = self.kind, self.period()
        paper = Paper(self.paper.currentData())
        masking = Masking.STRICT if self.strict.isChecked() else Masking.STANDARD
        sections = self.chosen_sections()
        needs_data = self._needs_data()
        data = self._data
        edited = (_paragraphs(self.summary.toPlainText()),
                  _paragraphs(self.conclusions.toPlainText()))
        documents = self._services.documents
        complaint_id, meeting_id = self._complaint_id, self._meeting_id
        blank, unit_id = self.blank.isChecked(), self.unit.currentData()

        def job(progress: Progress, fmt: Format) -> tuple[bytes, AnalysisInput | None, bool]:
            fresh = data
            if kind == DISPOSITION and complaint_id is not None:
                progress.report(1, 3, _("Building the document…"))
                document = documents.disposition_sheet(complaint_id, paper=paper,
                                                       masking=masking)
            elif kind in MEETING_DOCUMENTS and meeting_id is not None:
                progress.report(1, 3, _("Building the document…"))
                document = self._meeting_document(kind, meeting_id, paper, blank, unit_id)
            else:
                if needs_data or fresh is None:
                    progress.report(0, 3, _("Reading the figures…"))
                    fresh = documents.analysis_input(start, end)
                summary, conclusions = edited
                if needs_data:
                    summary, conclusions = (narrative.generate(fresh),
                                            narrative.recommendations(fresh))
                progress.report(1, 3, _("Building the document…"))
                document = documents.analysis(fresh, paper=paper, masking=masking,
                                              sections=sections, summary=summary or None,
                                              conclusions=conclusions)
            progress.report(2, 3, _("Writing the file…"))
            return render_bytes(document, fmt), fresh, needs_data

        return job

    def _meeting_document(self, kind: str, meeting_id: int, paper: Paper, blank: bool,
                          unit_id: int | None) -> Document:
        """Runs on the worker: touches the services only, never a widget."""
        documents = self._services.documents
        if kind == MINUTES:
            return documents.meeting_minutes(meeting_id, paper=paper)
        if kind == ATTENDANCE:
            return documents.meeting_attendance(meeting_id, blank=blank, paper=paper)
        extracts = documents.meeting_unit_extracts(
            meeting_id, paper=paper, unit_ids=None if unit_id is None else {unit_id})
        if not extracts:
            raise ValidationError("unit", _("The meeting has no unit to write an extract for."))
        return extracts[0].document

    def show_preview(self) -> None:
        """Build the chosen document and show it in the preview (on the worker)."""
        self._on_preview_clicked()

    def _run(self, fmt: Format, title: str, then: Any) -> None:
        job = self._document_job()
        self._busy(True)
        self.status.setText(title)

        def done(result: tuple[bytes, AnalysisInput | None, bool]) -> None:
            self.worker = None
            self._busy(False)
            payload, data, regenerated = result
            if data is not None and regenerated:
                self._show_narrative(data)
            self._data = data
            self.status.setText("")
            then(payload)

        def failed(error: BaseException) -> None:
            self.worker = None
            self._busy(False)
            self.status.setText("")
            show_error(self, error)

        def cancelled() -> None:
            self.worker = None
            self._busy(False)
            self.status.setText(_("Cancelled."))

        self.worker = run_with_progress(self, title, lambda p: job(p, fmt), done, failed)
        self.worker.cancelled.connect(cancelled)

    def _show_narrative(self, data: AnalysisInput) -> None:
        self.summary.setPlainText("\n\n".join(narrative.generate(data)))
        self.conclusions.setPlainText("\n\n".join(narrative.recommendations(data)))

    def load_figures(self) -> None:
        """Read the period's figures and write the narrative (on opening the dialog)."""
        if self.kind == ANALYSIS:
            self._data = None
            self._run(Format.PDF, _("Reading the figures…"), self._show_preview)

    def _write_preview(self, payload: bytes) -> Path:
        target = self._folder / "pratinjau.pdf"
        self._folder.mkdir(parents=True, exist_ok=True)
        target.write_bytes(payload)
        return target

    def _show_preview(self, payload: bytes) -> None:
        self.preview.show_pdf(self._write_preview(payload))

    def _on_regenerate_clicked(self) -> None:
        self._data = None
        self._run(Format.PDF, _("Reading the figures…"), self._show_preview)

    def _on_preview_clicked(self) -> None:
        self._run(Format.PDF, _("Preparing the preview…"), self._show_preview)

    def _on_print_clicked(self) -> None:
        self._run(Format.PDF, _("Preparing to print…"),
                  lambda payload: print_pdf(self._write_preview(payload), self))

    def _on_save_clicked(self) -> None:
        fmt = Format(self.format.currentData())
        name = self.file_stem()
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save document"), str(Path.home() / f"{name}.{fmt.value}"),
            f"{fmt.value.upper()} (*.{fmt.value})")
        if path:
            self.save_to(Path(path))

    def file_stem(self) -> str:
        """The proposed file name: ``notula-rapat-2-2022``, ``petikan-pusdatin``, ..."""
        if self.kind == ANALYSIS:
            return "analisis-pengaduan"
        if self.kind == DISPOSITION or self._meeting_id is None:
            return "lembar-disposisi"
        if self.kind == UNIT_EXTRACT:
            return f"petikan-{self._unit_codes.get(self.unit.currentData(), 'unit').lower()}"
        label = self._services.meetings.get(self._meeting_id).row.label.replace("/", "-")
        return f"notula-rapat-{label}" if self.kind == MINUTES else f"daftar-hadir-{label}"

    def save_to(self, target: Path) -> None:
        """Render the chosen document in the chosen format to ``target`` (on the worker)."""
        fmt = Format(self.format.currentData())
        if target.suffix.lower() != f".{fmt.value}":
            target = target.with_name(target.name + f".{fmt.value}")

        def write(payload: bytes) -> None:
            # Written beside the target and renamed: a full disk leaves no half document.
            partial = target.with_name(f".{target.name}.part")
            partial.write_bytes(payload)
            partial.replace(target)
            self.status.setText(_("Saved: {path}").format(path=target))
            self.saved.emit(target)

        self._run(fmt, _("Writing the file…"), write)

    def done(self, result: int) -> None:  # noqa: D102 - QDialog API
        shutil.rmtree(self._folder, ignore_errors=True)
        super().done(result)
