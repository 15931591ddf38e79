"""The import wizard's preview step: what committing the file would do, each list browsable.

The commit starts from here; the wizard (:mod:`lapor_desk.ui.dialogs.import_wizard`) runs it on
a worker and moves on when it is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from lapor_desk.domain.errors import LaporError
from lapor_desk.domain.formatting import fmt_int, fmt_iso_dates
from lapor_desk.i18n import _
from lapor_desk.services.importer import ImportPreview
from lapor_desk.services.importer.mapping import write_error_list
from lapor_desk.ui.dialogs import ERROR_STYLE, hint_label
from lapor_desk.ui.dialogs.import_pages import table_view
from lapor_desk.ui.errors import show_error
from lapor_desk.ui.itemmodels.import_preview import (
    ChangedField,
    ChangedFieldsModel,
    MissingComplaintsModel,
    NewComplaintsModel,
    RowErrorsModel,
    WarningsModel,
)

if TYPE_CHECKING:
    from lapor_desk.ui.dialogs.import_wizard import ImportWizard

OK_STYLE = "color: #1b5e20;"


class PreviewPage(QWizardPage):
    """Step 3: what the import would do, each list browsable; the commit starts from here."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(_("Preview"))
        self.setSubTitle(_("Nothing has been written yet. Check the lists, then import: "
                           "everything is written in one step, after a backup."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, _("&Import"))
        self.preview: ImportPreview | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.new_model = NewComplaintsModel(self)
        self.changed_model = ChangedFieldsModel(self)
        self.errors_model = RowErrorsModel(self)
        self.missing_model = MissingComplaintsModel(self)
        self.warnings_model = WarningsModel(self)
        self.tabs = QTabWidget()
        self.new_view = table_view(self.new_model, (70, 100, 130, 160, 170, 200, 80))
        self.changed_view = table_view(self.changed_model, (70, 100, 170, 260, 260))
        self.errors_view = table_view(self.errors_model, (80, 200))
        self.missing_view = table_view(self.missing_model, (100, 130, 170))
        self.warnings_view = table_view(self.warnings_model)
        self.warnings_view.setWordWrap(True)
        self.unchanged_label = QLabel()
        self.unchanged_label.setWordWrap(True)
        self.unchanged_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.save_errors_button = QPushButton(_("Save error list…"))
        self.save_errors_button.clicked.connect(self._on_save_errors_clicked)
        self.saved_label = hint_label()
        errors_bar = QHBoxLayout()
        errors_bar.addWidget(self.saved_label, 1)
        errors_bar.addWidget(self.save_errors_button)
        self._tab(self.new_view)
        self._tab(self.changed_view)
        self._tab(self.unchanged_label)
        self._tab(self.errors_view, errors_bar)
        self._tab(self.missing_view, hint=_(
            "In the register for the export's period, but not in this file (for example "
            "removed from the portal). They are neither changed nor deleted."))
        self._tab(self.warnings_view)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)

    def _tab(self, body: QWidget, bar: QHBoxLayout | None = None, hint: str = "") -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        if hint:
            layout.addWidget(hint_label(hint))
        layout.addWidget(body, 1)
        if bar is not None:
            layout.addLayout(bar)
        self.tabs.addTab(page, "")

    def show_preview(self, preview: ImportPreview, changed: Sequence[ChangedField]) -> None:
        """Fill the summary and the tabs; ``changed`` are the preview's changes, one per field."""
        self.preview = preview
        self.new_model.set_rows(preview.new)
        self.changed_model.set_rows(changed)
        self.errors_model.set_rows(preview.errors)
        self.missing_model.set_rows(preview.missing)
        self.warnings_model.set_rows(preview.warnings)
        self.warnings_view.resizeRowsToContents()
        self.saved_label.clear()
        self.save_errors_button.setEnabled(bool(preview.errors))
        counts = (
            _("New ({n})").format(n=fmt_int(len(preview.new))),
            _("Changed ({n})").format(n=fmt_int(len(preview.changed))),
            _("Unchanged ({n})").format(n=fmt_int(preview.unchanged)),
            _("Errors ({n})").format(n=fmt_int(len(preview.errors))),
            _("Missing ({n})").format(n=fmt_int(len(preview.missing))),
            _("Warnings ({n})").format(n=fmt_int(len(preview.warnings))),
        )
        for index, text in enumerate(counts):
            self.tabs.setTabText(index, text)
        self.unchanged_label.setText(_(
            "{n} complaints of the file are in the register exactly as the file has them: "
            "nothing is written for them.").format(n=fmt_int(preview.unchanged)))
        self.summary.setText(self._summary(preview))
        if preview.errors:
            self.notice.setStyleSheet(ERROR_STYLE)
            self.notice.setText(_(
                "{n} rows have errors (tab Errors): correct them in the file and import it "
                "again. Nothing can be imported while a row has an error.").format(
                    n=fmt_int(len({e.row for e in preview.errors}))))
            self.tabs.setCurrentIndex(3)
        elif not preview.has_changes:
            self.notice.setStyleSheet(OK_STYLE)
            self.notice.setText(_("Nothing to import: the register is up to date."))
            self.tabs.setCurrentIndex(2)
        else:
            self.notice.setStyleSheet(OK_STYLE)
            self.notice.setText(_(
                "Ready: {new} new and {changed} changed complaints will be written. "
                "Dispositions, follow-ups and meeting decisions are never touched.").format(
                    new=fmt_int(len(preview.new)), changed=fmt_int(len(preview.changed))))
            self.tabs.setCurrentIndex(0 if preview.new else 1)
        self.completeChanged.emit()

    @staticmethod
    def _summary(preview: ImportPreview) -> str:
        lines = [_("File: {file} ({format}{sheet})").format(
            file=preview.filename, format=preview.kind,
            sheet=_(", sheet “{sheet}”").format(sheet=preview.sheet) if preview.sheet else "")]
        if preview.institution or preview.generated_on or preview.period:
            lines.append(_("Institution: {institution} · generated: {generated} · period: "
                           "{period}").format(institution=preview.institution or "-",
                                              generated=fmt_iso_dates(preview.generated_on or "-"),
                                              period=fmt_iso_dates(preview.period or "-")))
        lines.append(_("{rows} rows read; profile: {profile}").format(
            rows=fmt_int(preview.rows_read),
            profile=preview.profile or _("(built-in column names)")))
        return "\n".join(lines)

    def show_cancelled(self) -> None:
        """Say that the import was cancelled before it was written."""
        self.notice.setStyleSheet(ERROR_STYLE)
        self.notice.setText(_("Import cancelled: nothing was written to the register."))

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        """Only a preview without errors and with something to write can be imported."""
        return self.preview is not None and self.preview.can_commit

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        """Commit on a worker; the wizard moves on when it is written."""
        return self._wizard.commit_step()

    def _on_save_errors_clicked(self) -> None:
        preview = self.preview
        if preview is None:
            return
        proposed = self._wizard.recent_folder() / f"galat-impor-{preview.path.stem}.csv"
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save error list"), str(proposed), _("CSV file (*.csv)"))
        if path:
            self.save_errors_to(Path(path))

    def save_errors_to(self, path: Path) -> Path | None:
        """Write the row errors to ``path`` (``.csv`` added when missing)."""
        assert self.preview is not None
        target = path if path.suffix.lower() == ".csv" else path.with_name(path.name + ".csv")
        try:
            write_error_list(target, self.preview.errors)
        except OSError as error:
            show_error(self, LaporError(_("The error list cannot be written: {reason}").format(
                reason=error.strerror or error)))
            return None
        self.saved_label.setText(_("Error list saved: {path}").format(path=target))
        return target
