"""The import wizard: choose a portal export → profile and columns → preview → import.

Reading the file, the preview and the commit run on workers behind a progress dialog with a
Cancel button; a cancelled commit writes nothing (it is one transaction). After the import the
window hears of the change through ``AppEvents.changed``. ``ImportMenu`` puts "Import portal
export…" (Ctrl+I) into the main window's File menu and toolbar.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QMainWindow,
    QMenu,
    QProgressDialog,
    QWidget,
    QWizard,
    QWizardPage,
)

from lapor_desk.domain.actor import Actor
from lapor_desk.domain.enums import Role
from lapor_desk.domain.errors import LaporError
from lapor_desk.domain.formatting import fmt_int
from lapor_desk.i18n import _
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.importer import ImportPreview, ImportResult
from lapor_desk.services.importer.mapping import FileHeader, read_header
from lapor_desk.ui.dialogs.import_pages import ColumnsPage, FilePage, ResultPage
from lapor_desk.ui.dialogs.import_preview_page import PreviewPage
from lapor_desk.ui.errors import show_error
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.itemmodels.import_preview import ChangedField, changed_fields
from lapor_desk.ui.workers import Progress, Worker

#: QSettings key of the folder the last export was chosen from.
RECENT_FOLDER_KEY = "import/recent_folder"


@contextmanager
def collector_paused() -> Iterator[None]:
    """No full garbage collection while a step of the import runs on its worker.

    With 100.000 complaints in memory one full collection holds the GIL for 0,2-0,5 s, and the
    window's thread waits as long: in the 100.000-row test every pause of the window over 0,3 s
    was one. Collection is switched off for the step; what the step built is then frozen (left
    out of later collections; reference counting still frees it), so switching collection back
    on costs no catch-up collection either. The wizard unfreezes when it closes.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


class ImportWizard(QWizard):
    """The four steps over :class:`~lapor_desk.services.importer.ImportService`."""

    header_read = Signal(object)
    preview_ready = Signal(object)
    imported = Signal(object)
    #: The user cancelled the running step; nothing of it was kept.
    work_cancelled = Signal()

    def __init__(
        self,
        services: Services,
        events: AppEvents,
        actor: Actor,
        parent: QWidget | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._events = events
        self._actor = actor
        self._settings = settings or QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, "LAPOR Desk", "lapor-desk")
        self.header: FileHeader | None = None
        self.preview: ImportPreview | None = None
        self.import_result: ImportResult | None = None
        self.worker: Worker | None = None
        self.progress_dialog: QProgressDialog | None = None
        self._passed: QWizardPage | None = None
        self.setWindowTitle(_("Import portal export"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        for button, text in (
            (QWizard.WizardButton.BackButton, _("< &Back")),
            (QWizard.WizardButton.NextButton, _("&Next >")),
            (QWizard.WizardButton.FinishButton, _("&Close")),
            (QWizard.WizardButton.CancelButton, _("Cancel")),
        ):
            self.setButtonText(button, text)
        self.file_page = FilePage(self)
        self.columns_page = ColumnsPage(self)
        self.preview_page = PreviewPage(self)
        self.result_page = ResultPage()
        for page in (self.file_page, self.columns_page, self.preview_page, self.result_page):
            self.addPage(page)
        self.resize(1100, 720)

    # -- folders ---------------------------------------------------------------------------------

    def recent_folder(self) -> Path:
        """The folder of the last export chosen (the home folder at first)."""
        stored = self._settings.value(RECENT_FOLDER_KEY, "")
        folder = Path(str(stored)) if stored else Path.home()
        return folder if folder.is_dir() else Path.home()

    def set_file(self, path: Path) -> None:
        """Choose ``path`` as if typed into step 1."""
        self.file_page.path.setText(str(path))

    # -- the steps -------------------------------------------------------------------------------

    def _pass(self, page: QWizardPage) -> bool:
        """True once for ``page`` after its work finished: ``next()`` then leaves the page."""
        if self._passed is page:
            self._passed = None
            return True
        return False

    def read_step(self) -> bool:
        """Step 1 → 2: read the file's header row on a worker."""
        if self._pass(self.file_page):
            return True
        path = self.file_page.chosen()
        if path is None or self.worker is not None:
            return False
        self._settings.setValue(RECENT_FOLDER_KEY, str(path.parent))
        self._run(_("Opening {file}…").format(file=path.name),
                  lambda progress: read_header(path),
                  self._on_header_read)
        return False

    def _on_header_read(self, header: Any) -> None:
        assert isinstance(header, FileHeader)
        self.header = header
        self.columns_page.load(header, self._services.imports.profiles())
        self.header_read.emit(header)
        self._advance(self.file_page)

    def save_profile(self, name: str, columns: Mapping[str, str]) -> None:
        """Save the mapping the user made as the import profile ``name``."""
        self._events.emit_changes(self._services.imports.save_profile(self._actor, name, columns))

    def preview_step(self) -> bool:
        """Step 2 → 3: save a changed mapping, then preview the file on a worker."""
        if self._pass(self.columns_page):
            return True
        if self.header is None or self.worker is not None:
            return False
        try:
            profile = self.columns_page.chosen_profile()
        except LaporError as error:  # a bad profile name: shown, the page stays open
            show_error(self, error)
            return False
        path = self.header.path
        imports = self._services.imports

        def work(progress: Progress) -> tuple[ImportPreview, list[ChangedField]]:
            def report(done: int, total: int) -> None:
                progress.report(done, total, _("Reading row {done} of {total}…").format(
                    done=fmt_int(done), total=fmt_int(total)))

            preview = imports.preview(path, profile, progress=report)
            return preview, changed_fields(preview.changed)

        self._run(_("Comparing the file with the register…"), work, self._on_preview_ready)
        return False

    def _on_preview_ready(self, outcome: Any) -> None:
        preview, changed = outcome
        self.preview = preview
        self.preview_page.show_preview(preview, changed)
        self.preview_ready.emit(preview)
        self._advance(self.columns_page)

    def commit_step(self) -> bool:
        """Step 3 → 4: write the preview in one transaction on a worker."""
        if self._pass(self.preview_page):
            return True
        preview = self.preview
        if preview is None or not preview.can_commit or self.worker is not None:
            return False
        imports = self._services.imports
        actor = self._actor

        def work(progress: Progress) -> ImportResult:
            def report(done: int, total: int) -> None:
                progress.report(done, total, _("Writing to the register…"))

            return imports.commit(actor, preview, progress=report)

        self._run(_("Importing {file}…").format(file=preview.filename), work, self._on_imported,
                  self.preview_page.show_cancelled)
        return False

    def _on_imported(self, result: Any) -> None:
        assert isinstance(result, ImportResult)
        self.import_result = result
        self.result_page.show_result(result)
        self._events.emit_changes(result.changes)
        self.imported.emit(result)
        self._advance(self.preview_page)

    def _advance(self, page: QWizardPage) -> None:
        if self.currentPage() is page:
            self._passed = page
            self.next()

    # -- workers ---------------------------------------------------------------------------------

    def _run(self, title: str, work: Callable[[Progress], Any],
             on_done: Callable[[Any], None],
             on_cancel: Callable[[], None] | None = None) -> None:
        dialog = QProgressDialog(title, _("Cancel"), 0, 0, self)
        dialog.setWindowTitle(_("Import portal export"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(420)
        def paused(progress: Progress) -> Any:
            with collector_paused():
                return work(progress)

        worker = Worker(paused, self)
        self.worker = worker
        self.progress_dialog = dialog

        def progressed(done: int, total: int, message: str) -> None:
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total else 0)
            if message:
                dialog.setLabelText(f"{title}\n{message}")

        def finished(result: object) -> None:
            self._end(worker, dialog)
            on_done(result)

        def failed(error: object) -> None:
            self._end(worker, dialog)
            show_error(self, error if isinstance(error, BaseException)
                       else RuntimeError(str(error)))

        def cancelled() -> None:
            self._end(worker, dialog)
            if on_cancel is not None:
                on_cancel()
            self.work_cancelled.emit()

        worker.progressed.connect(progressed)
        worker.finished.connect(finished)
        worker.failed.connect(failed)
        worker.cancelled.connect(cancelled)
        dialog.canceled.connect(worker.progress.cancel)
        worker.start()

    def _end(self, worker: Worker, dialog: QProgressDialog) -> None:
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()
        worker.deleteLater()
        if self.worker is worker:
            self.worker = None
            self.progress_dialog = None

    def cancel_work(self) -> None:
        """Press Cancel on the running step's progress dialog."""
        if self.progress_dialog is not None:
            self.progress_dialog.canceled.emit()  # what its Cancel button does

    def reject(self) -> None:
        """Closing the wizard first cancels the running step."""
        if self.worker is not None:
            self.cancel_work()
            return
        super().reject()

    def done(self, result: int) -> None:
        """Closed: what the steps froze returns to the garbage collector's care."""
        gc.unfreeze()
        super().done(result)


class ImportMenu(QObject):
    """"Import portal export…" (Ctrl+I) in the window's File menu and toolbar."""

    def __init__(
        self,
        window: QMainWindow,
        services: Services,
        events: AppEvents,
        actor: Actor,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._services = services
        self._events = events
        self._actor = actor
        self._settings = settings
        self.wizard: ImportWizard | None = None
        self.action = QAction(_("Import portal export…"), window)
        self.action.setShortcut(QKeySequence("Ctrl+I"))
        self.action.setToolTip(_("Import an SP4N-LAPOR! export: preview, then import (Ctrl+I)"))
        self.action.triggered.connect(self.open_wizard)
        # APIP reads everything and changes nothing.
        self.action.setVisible(actor.role is not Role.AUDITOR)
        self._file_menu().addAction(self.action)
        toolbar = window.addToolBar(_("Import"))
        toolbar.setObjectName("importToolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.action)

    def _file_menu(self) -> QMenu:
        title = _("&File")
        for action in self._window.menuBar().actions():
            menu = action.menu()
            if isinstance(menu, QMenu) and action.text() == title:
                return menu
        return self._window.menuBar().addMenu(title)

    def open_wizard(self) -> ImportWizard:
        """Open the wizard (or bring the open one forward)."""
        if self.wizard is None:
            self.wizard = ImportWizard(self._services, self._events, self._actor,
                                       self._window, self._settings)
            self.wizard.setWindowModality(Qt.WindowModality.WindowModal)
            self.wizard.finished.connect(self._on_wizard_finished)
            self.wizard.show()
        else:
            self.wizard.raise_()
        self.wizard.activateWindow()
        return self.wizard

    def _on_wizard_finished(self, _result: int) -> None:
        if self.wizard is not None:
            self.wizard.deleteLater()
            self.wizard = None
