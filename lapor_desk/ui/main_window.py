"""The main window: navigation on the left, one screen at a time, register facts below."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from lapor_desk.domain.formatting import fmt_date_long
from lapor_desk.i18n import _
from lapor_desk.services.bootstrap import Services
from lapor_desk.ui.views.overview import OverviewView

STYLE = """
QListWidget#navigation { font-size: 11pt; padding: 6px; }
QListWidget#navigation::item { padding: 8px 10px; }
QLabel#heading { font-size: 15pt; font-weight: 600; margin: 4px 0 8px 0; }
QLabel#subheading { font-size: 11pt; font-weight: 600; margin-top: 12px; }
QLabel#figureValue { font-size: 20pt; font-weight: 600; color: #1f4e79; }
QLabel#placeholder { color: #555; font-size: 11pt; }
"""


class MainWindow(QMainWindow):
    """LAPOR Desk's window over one register."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.setWindowTitle(_("LAPOR Desk — SP4N-LAPOR! complaint register"))
        self.resize(1280, 800)
        self.setStyleSheet(STYLE)
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(190)
        self.pages = QStackedWidget()
        self.overview = OverviewView()
        self._add_page(_("Register"), self.overview)
        for title, note in (
            (_("Meetings"), _("Coordination meetings arrive with their own screen.")),
            (_("Reports"), _("Minutes and analysis documents arrive with their own screen.")),
            (_("Master data"), _("Units, topics and rules arrive with their editors.")),
            (_("Settings"), _("Settings arrive with their editor.")),
        ):
            placeholder = QLabel(note)
            placeholder.setObjectName("placeholder")
            self._add_page(title, placeholder)
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
        self.refresh()

    def _add_page(self, title: str, page: QWidget) -> None:
        self.navigation.addItem(title)
        self.pages.addWidget(page)

    def refresh(self) -> None:
        """Reload the figures and the status bar from the register."""
        reference = self._services.settings.reference_date()
        self.location_label.setText(
            _("Register: {location}").format(location=self._services.location)
        )
        self.reference_label.setText(
            _("Reference date: {date}").format(date=fmt_date_long(reference))
        )
        self.overview.show_stats(self._services.stats.stats(reference))
