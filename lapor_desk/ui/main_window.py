"""The main window: navigation on the left, one screen at a time, register facts below."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QThreadPool, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from lapor_desk.domain.actor import LOCAL_OPERATOR, Actor
from lapor_desk.domain.formatting import fmt_date_long
from lapor_desk.i18n import _
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.changes import Changes
from lapor_desk.services.stats import RegisterStats
from lapor_desk.ui.complaint_menu import ComplaintMenus
from lapor_desk.ui.dialogs.import_wizard import ImportMenu
from lapor_desk.ui.errors import show_error
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.views.master_data import MasterDataView
from lapor_desk.ui.views.meetings import MeetingsView
from lapor_desk.ui.views.overview import OverviewView
from lapor_desk.ui.views.register_view import RegisterView
from lapor_desk.ui.views.reports_page import ReportsPage
from lapor_desk.ui.views.settings_view import SettingsView
from lapor_desk.ui.wheel_guard import WheelGuard, guard_wheel
from lapor_desk.ui.workers import Worker

STYLE = """
QListWidget#navigation { font-size: 11pt; padding: 6px; }
QListWidget#navigation::item { padding: 8px 10px; }
QLabel#heading { font-size: 15pt; font-weight: 600; margin: 4px 0 8px 0; }
QLabel#subheading { font-size: 11pt; font-weight: 600; margin-top: 12px; }
QLabel#figureValue { font-size: 20pt; font-weight: 600; color: #1f4e79; }
QLabel#placeholder { color: #555; font-size: 11pt; }
"""

#: The window's size when the screen has room for it.
DEFAULT_SIZE = QSize(1280, 800)
#: Milliseconds the Overview waits after a change before it sums the figures up again.
OVERVIEW_DELAY_MS = 300


class MainWindow(QMainWindow):
    """LAPOR Desk's window over one register."""

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        events: AppEvents | None = None,
        actor: Actor = LOCAL_OPERATOR,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.events = events or AppEvents(self)
        self.setWindowTitle(_("LAPOR Desk — SP4N-LAPOR! complaint register"))
        self.resize(DEFAULT_SIZE)
        self.setStyleSheet(STYLE)
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(190)
        self.pages = QStackedWidget()
        self._wheel_guard = WheelGuard(self)
        self.overview = OverviewView()
        self._overview_stale = False  # complaints changed since the figures were read
        # Figures are summed on a worker, a moment after the last of several quick changes (a
        # pile of letters entered with Ctrl+N), one reading at a time.
        self._overview_timer = QTimer(self)
        self._overview_timer.setSingleShot(True)
        self._overview_timer.setInterval(OVERVIEW_DELAY_MS)
        self._overview_timer.timeout.connect(self._read_overview)
        self._overview_worker: Worker | None = None
        self._overview_again = False
        self._overview_generation = 0  # bumped by every change: older readings are dropped
        self._closing = False
        self._add_page(_("Overview"), self.overview)
        self.register = RegisterView(services, self.events, actor)
        self._add_page(_("Register"), self.register)
        self.meetings = MeetingsView(services, self.events, actor)
        self._add_page(_("Meetings"), self.meetings)
        self.reports = ReportsPage(services, self.events)
        self._add_page(_("Reports"), self.reports)
        self.master_data = MasterDataView(services, self.events, actor)
        self._add_page(_("Master data"), self.master_data)
        self.settings = SettingsView(services, self.events, actor)
        self._add_page(_("Settings"), self.settings)
        # A new reference date or calendar changes the status bar and the overview's figures.
        self.events.changed.connect(self._on_events_changed)
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.navigation.setCurrentRow(0)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.location_label = QLabel()
        self.reference_label = QLabel()
        self.statusBar().addWidget(self.location_label, 1)
        self.statusBar().addPermanentWidget(self.reference_label)
        # File menu first: "Import portal export…" (Ctrl+I) opens the import wizard.
        self.file_menu = self.menuBar().addMenu(_("&File"))
        self.import_menu = ImportMenu(self, services, self.events, actor)
        self.file_menu.addSeparator()
        self.quit_action = QAction(_("&Quit"), self)
        # Ctrl+Q on every system (Qt's standard Quit key has none on Windows).
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        # Every window, meeting mode and the projector too (each saves what it holds first):
        # closing only this one would leave the application running behind an open meeting.
        self.quit_action.triggered.connect(QApplication.closeAllWindows)
        self.file_menu.addAction(self.quit_action)
        # Detail pane beside the register, Edit and Complaint menus, the window's undo stack.
        self.complaint_menus = ComplaintMenus(self, services, self.events, actor, self.register)
        # The detail pane's toggle means something on the Register page only.
        self.pages.currentChanged.connect(self._on_page_changed)
        self._on_page_changed()
        self.refresh()

    def show_on_screen(self) -> None:
        """Show the window at its size, or maximized on a screen too small for it."""
        screen = self.screen().availableGeometry().size()
        if fits(DEFAULT_SIZE, screen):
            self.show()
        else:
            self.showMaximized()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        """Let the register's count and the Overview's reading end: the register closes next."""
        self._closing = True
        self._overview_timer.stop()
        self._overview_again = False
        self.register.model.wait_for_workers()
        if self._overview_worker is not None:
            QThreadPool.globalInstance().waitForDone(30_000)
        super().closeEvent(event)

    def _on_page_changed(self) -> None:
        self.complaint_menus.detail_action.setEnabled(self.current_page() is self.register)
        if self._overview_stale and self.current_page() is self.overview:
            self._read_overview()

    def _on_events_changed(self, changes: Changes) -> None:
        if changes.settings:
            self._show_labels()
        if changes.settings or changes.complaints or changes.master_data:
            # The figures are read again when shown: a register of a million complaints takes
            # a moment to sum up, which no action need wait for.
            self._overview_generation += 1  # a reading under way is out of date
            self._overview_stale = True
            if self.current_page() is self.overview:
                self._overview_timer.start()

    def _add_page(self, title: str, page: QWidget) -> None:
        self.navigation.addItem(title)
        # On a screen smaller than the page needs (a 1024-pixel projector in a meeting room, a
        # small laptop) the page scrolls; the window itself still fits the screen.
        area = QScrollArea()
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from the navigation to the page
        area.setWidgetResizable(True)
        area.setWidget(page)
        # The wheel scrolls the page over a list or a date the user has not chosen.
        guard_wheel(page, self._wheel_guard)
        self.pages.addWidget(area)

    def page_index(self, page: QWidget) -> int:
        """The navigation row of ``page`` (one of the window's pages)."""
        for index in range(self.pages.count()):
            area = self.pages.widget(index)
            if isinstance(area, QScrollArea) and area.widget() is page:
                return index
        raise ValueError(f"not a page of this window: {page!r}")

    def show_page(self, page: QWidget) -> None:
        """Show ``page``, as a click on its name in the navigation does."""
        self.navigation.setCurrentRow(self.page_index(page))

    def current_page(self) -> QWidget:
        """The page shown."""
        area = self.pages.currentWidget()
        assert isinstance(area, QScrollArea)
        page = area.widget()
        assert page is not None
        return page

    def refresh(self) -> None:
        """Read the figures and the status bar from the register now (as the window opens)."""
        self._show_labels()
        reference = self._services.settings.reference_date()
        self.overview.show_stats(self._services.stats.stats(reference))

    def _show_labels(self) -> None:
        self.location_label.setText(
            _("Register: {location}").format(location=self._services.location)
        )
        self.reference_label.setText(
            _("Reference date: {date}").format(
                date=fmt_date_long(self._services.settings.reference_date())
            )
        )

    def _read_overview(self) -> None:
        """Sum the figures up again on a worker; the ones shown stay until the new ones arrive.

        At a million complaints that takes a second or more, which no action on a complaint
        should wait for (a new complaint saved over the Overview page, for instance).
        """
        self._overview_timer.stop()
        self._overview_stale = False
        if self._closing:
            return
        if self._overview_worker is not None:
            self._overview_again = True  # read once more when this reading ends
            return
        stats, reference = self._services.stats, self._services.settings.reference_date()
        generation = self._overview_generation
        worker = self._overview_worker = Worker(lambda _progress: stats.stats(reference), self)

        def ended() -> None:
            worker.deleteLater()
            self._overview_worker = None
            if self._overview_again:
                self._overview_again = False
                self._read_overview()

        def finished(result: object) -> None:
            # Only figures of the register as it is now. A change since they were read has
            # already asked for another reading (the timer, or when the page is shown).
            if isinstance(result, RegisterStats) and generation == self._overview_generation:
                self.overview.show_stats(result)
            ended()

        def failed(error: object) -> None:
            ended()
            if isinstance(error, BaseException) and not self._closing:
                show_error(self, error)

        worker.finished.connect(finished)
        worker.failed.connect(failed)
        worker.start()


def fits(window: QSize, screen: QSize) -> bool:
    """Whether a window of ``window`` size and its frame fit on ``screen`` (available area)."""
    frame = QSize(20, 40)  # the borders and title bar the window manager adds
    return window.width() + frame.width() <= screen.width() and (
        window.height() + frame.height() <= screen.height()
    )
