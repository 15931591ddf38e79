"""The import wizard's steps around the preview: the file, its columns, the result.

The pages show and collect; the wizard (:mod:`lapor_desk.ui.dialogs.import_wizard`) runs the
slow work on workers and moves on when it is done. The preview step has its own module.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)

from lapor_desk.domain.formatting import fmt_int
from lapor_desk.i18n import _, ngettext
from lapor_desk.services.importer import ImportProfileRow, ImportResult
from lapor_desk.services.importer.mapping import (
    ColumnMapping,
    FileHeader,
    choices_from_profile,
    map_columns,
)
from lapor_desk.ui.dialogs import ERROR_STYLE, hint_label
from lapor_desk.ui.itemmodels.import_columns import FIELD, ColumnMappingModel, FieldDelegate
from lapor_desk.ui.itemmodels.import_preview import PreviewTableModel

if TYPE_CHECKING:
    from lapor_desk.ui.dialogs.import_wizard import ImportWizard

FILE_FILTER = "*.xlsx *.xls *.xlsm *.xlsb *.ods *.csv"


def table_view(model: PreviewTableModel[Any] | ColumnMappingModel,
               widths: Sequence[int] = ()) -> QTableView:
    """A table for a big read-only list: sortable by header click, no work per row up front."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    for section, width in enumerate(widths):
        header.resizeSection(section, width)
    if isinstance(model, PreviewTableModel):
        # No sort indicator at first: the rows stay in the file's order until a header click.
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
    return view


class FilePage(QWizardPage):
    """Step 1: the export to import, typed, chosen in a file dialog or dropped on the page."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(_("Choose the portal export"))
        self.setSubTitle(_("The “Laporan Ringkas” export of SP4N-LAPOR! (xlsx, xls, ods or "
                           "csv), or LAPOR Desk's own export. Nothing is written before the "
                           "last step."))
        self.setAcceptDrops(True)
        self.path = QLineEdit()
        self.path.setPlaceholderText(_("Path of the export file"))
        self.path.textChanged.connect(self._on_path_text_changed)
        self.browse_button = QPushButton(_("&Choose file…"))
        self.browse_button.clicked.connect(self._on_browse_clicked)
        self.drop_area = QLabel(_("Drop the export file here"))
        self.drop_area.setObjectName("dropArea")
        self.drop_area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_area.setMinimumHeight(160)
        self.drop_area.setFrameShape(QFrame.Shape.StyledPanel)
        self.drop_area.setStyleSheet(
            "QLabel#dropArea { border: 2px dashed #8fa8c8; border-radius: 8px; color: #3d5a80;"
            " font-size: 12pt; background: #f5f8fc; }")
        self.folder_hint = hint_label()
        self.message = QLabel()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.drop_area)
        layout.addSpacing(12)
        layout.addLayout(row)
        layout.addWidget(self.folder_hint)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        """Show where the file dialog opens."""
        self.folder_hint.setText(_("Recent folder: {folder}").format(
            folder=self._wizard.recent_folder()))

    def chosen(self) -> Path | None:
        """The file typed or chosen, if it exists."""
        text = self.path.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        return path if path.is_file() else None

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        """An existing file is chosen."""
        return self.chosen() is not None

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        """Read the file's header on a worker; the wizard moves on when it is read."""
        return self._wizard.read_step()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        """Accept one local file."""
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        """Take the dropped file."""
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile():
            self.path.setText(urls[0].toLocalFile())
            event.acceptProposedAction()

    def _on_path_text_changed(self, text: str) -> None:
        exists = self.chosen() is not None
        self.message.setText("" if exists or not text.strip() else _("No such file."))
        self.completeChanged.emit()

    def _on_browse_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the portal export"), str(self._wizard.recent_folder()),
            _("Spreadsheets and CSV ({patterns})").format(patterns=FILE_FILTER))
        if path:
            self.path.setText(path)


class ColumnsPage(QWizardPage):
    """Step 2: the file's header row mapped to register fields; edits saved as a profile."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(_("Profile and columns"))
        self.setSubTitle(_("Columns are matched by their header name. Check what each column "
                           "fills; a changed mapping is saved as an import profile for the "
                           "next export of the same kind."))
        self.header: FileHeader | None = None
        self.choices: dict[str, str] = {}
        self._loaded: dict[str, str] = {}
        self._baseline: dict[str, str] = {}
        self._profiles: dict[str, ImportProfileRow] = {}

        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        self.profile = QComboBox()
        self.profile.setMinimumWidth(280)
        self.profile.activated.connect(self._on_profile_activated)
        self.model = ColumnMappingModel(self)
        self.model.choice_changed.connect(self._on_model_choice_changed)
        self.table = table_view(self.model, (300, 300))
        self.table.setItemDelegateForColumn(FIELD, FieldDelegate(self.table))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 16)
        self.unknown_label = hint_label()
        self.reason_label = QLabel()
        self.reason_label.setStyleSheet(ERROR_STYLE)
        self.reason_label.setWordWrap(True)
        self.profile_name = QLineEdit()
        self.profile_name.setPlaceholderText(_("e.g. Ekspor portal 2022"))
        self.profile_name.setMaxLength(100)
        self.profile_name.textChanged.connect(self._on_profile_name_text_changed)
        self.save_hint = hint_label(_("The mapping was changed: give it a name to save it as "
                                      "an import profile (an existing name is replaced)."))

        top = QFormLayout()
        top.addRow(_("File:"), self.file_label)
        top.addRow(_("Import profile:"), self.profile)
        saving = QFormLayout()
        saving.addRow(_("Save the mapping as profile:"), self.profile_name)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.unknown_label)
        layout.addWidget(self.reason_label)
        layout.addLayout(saving)
        layout.addWidget(self.save_hint)

    # -- loading ---------------------------------------------------------------------------------

    def load(self, header: FileHeader, profiles: Sequence[ImportProfileRow]) -> None:
        """Show the header of a file just read; keeps the chosen profile if it still exists."""
        self.header = header
        chosen = self.profile.currentData()
        self._profiles = {p.name: p for p in profiles}
        self.profile.clear()
        self.profile.addItem(_("(built-in column names)"), None)
        for name in self._profiles:
            self.profile.addItem(name, name)
        self.profile.setCurrentIndex(max(self.profile.findData(chosen), 0))
        sheet = _(", sheet “{sheet}”").format(sheet=header.sheet) if header.sheet else ""
        self.file_label.setText(f"{header.path.name} ({header.kind}{sheet})")
        self._use_profile(self.profile.currentData())

    def _use_profile(self, name: str | None) -> None:
        assert self.header is not None
        self._loaded = dict(self._profiles[name].columns) if name else {}
        self.choices = choices_from_profile(self.header, self._loaded)
        mapping = map_columns(self.header, self.choices)
        self._baseline = mapping.profile(self.choices, keep=self._loaded)
        self.profile_name.setText(name or "")
        self._show(mapping)
        for row in range(self.model.rowCount()):
            self.table.openPersistentEditor(self.model.index(row, FIELD))

    def _show(self, mapping: ColumnMapping) -> None:
        self.model.set_mapping(mapping, self.choices)
        unknown = mapping.unknown
        self.unknown_label.setText(
            _("Unknown columns, ignored by the import: {columns}.").format(
                columns=", ".join(f"“{h}”" for h in unknown)) if unknown else "")
        self.unknown_label.setVisible(bool(unknown))
        reason = mapping.blocking_reason
        self.reason_label.setText(reason or "")
        self.reason_label.setVisible(reason is not None)
        self.save_hint.setVisible(self.edited)
        self.completeChanged.emit()

    # -- state -----------------------------------------------------------------------------------

    @property
    def mapping(self) -> ColumnMapping:
        """The mapping as the user set it."""
        return self.model.mapping

    @property
    def profile_to_save(self) -> dict[str, str]:
        """The profile the current choices make (differences from the built-in names)."""
        return self.mapping.profile(self.choices, keep=self._loaded)

    @property
    def edited(self) -> bool:
        """True when the mapping differs from the chosen profile (or the built-in names)."""
        return self.profile_to_save != self._baseline

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        """Required columns mapped, and a name for a changed mapping."""
        if self.header is None or self.mapping.blocking_reason is not None:
            return False
        return not self.edited or bool(self.profile_name.text().strip())

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        """Save a changed mapping as a profile, then preview the file on a worker."""
        return self._wizard.preview_step()

    def chosen_profile(self) -> str | None:
        """The profile the preview uses; a changed mapping is saved under its name first."""
        if self.edited:
            name = self.profile_name.text().strip()
            self._wizard.save_profile(name, self.profile_to_save)
            return name
        data = self.profile.currentData()
        return str(data) if data else None

    # -- slots -----------------------------------------------------------------------------------

    def _on_profile_activated(self, _index: int) -> None:
        self._use_profile(self.profile.currentData())

    def _on_model_choice_changed(self, header: str, name: str) -> None:
        assert self.header is not None
        self.choices[header] = name
        self._show(map_columns(self.header, self.choices))

    def _on_profile_name_text_changed(self, _text: str) -> None:
        self.completeChanged.emit()




class ResultPage(QWizardPage):
    """Step 4: what was written, what the export no longer lists, the batch, the backup."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("Import finished"))
        self.setSubTitle(_("The register now holds the export. The import history keeps the "
                           "batch."))
        self.counts = QLabel()
        self.missing = QLabel()
        self.batch = QLabel()
        self.backup = QLabel()
        for label in (self.counts, self.missing, self.batch, self.backup):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Each warning on a line of its own, to read or copy (none: the list is hidden).
        self.warnings = QListWidget()
        self.warnings.setWordWrap(True)
        self.warnings_label = QLabel()
        form = QFormLayout()
        form.addRow(_("Written:"), self.counts)
        form.addRow(_("Not in this export:"), self.missing)
        form.addRow(_("Import batch:"), self.batch)
        form.addRow(_("Backup:"), self.backup)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warnings_label)
        layout.addWidget(self.warnings, 1)

    def show_result(self, result: ImportResult) -> None:
        """Fill the page from the commit's result."""
        self.counts.setText(_(
            "{new} new, {changed} changed ({moves} status changes), {unchanged} unchanged."
        ).format(new=fmt_int(result.new), changed=fmt_int(result.changed),
                 moves=fmt_int(result.status_moves), unchanged=fmt_int(result.unchanged)))
        self.missing.setText(ngettext(
            "{n} complaint of the register, neither changed nor deleted.",
            "{n} complaints of the register, neither changed nor deleted.",
            result.missing,
        ).format(n=fmt_int(result.missing)) if result.missing else _("none"))
        self.batch.setText(str(result.batch_id) if result.batch_id else "–")
        # The path alone where there is one; on a database server the note says why not.
        self.backup.setText(str(result.backup) if result.backup else result.backup_note)
        self.warnings.clear()
        self.warnings.addItems(list(result.warnings))
        self.warnings_label.setText(
            ngettext("{n} warning:", "{n} warnings:", len(result.warnings)).format(
                n=fmt_int(len(result.warnings))
            ) if result.warnings else _("No warnings.")
        )
        self.warnings.setVisible(bool(result.warnings))
