"""The master-data page: one tab per kind of record, each a list with its form."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from lapor_desk.domain.actor import Actor
from lapor_desk.i18n import _
from lapor_desk.services.bootstrap import Services
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.views.master_data.editor import EditorTab, overrides_new
from lapor_desk.ui.views.master_data.holidays_tab import HolidaysTab
from lapor_desk.ui.views.master_data.rules_tabs import (
    RoutingRulesTab,
    SlaRulesTab,
    StatusMappingTab,
)
from lapor_desk.ui.views.master_data.topics_tab import TopicsTab
from lapor_desk.ui.views.master_data.units_tab import UnitsTab

STYLE = """
QGroupBox { font-weight: 600; margin-top: 10px; }
QGroupBox::title { subcontrol-origin: margin; left: 6px; padding: 0 4px; }
QGroupBox QLabel, QGroupBox QCheckBox { font-weight: normal; }
"""


class MasterDataView(QWidget):
    """Tabs Unit kerja, Topik, Aturan SLA, Hari libur, Pemetaan status, Aturan rute."""

    def __init__(self, services: Services, events: AppEvents, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(STYLE)
        heading = QLabel(_("Master data"))
        heading.setObjectName("heading")
        self.units = UnitsTab(services, events, actor)
        self.topics = TopicsTab(services, events, actor)
        self.sla_rules = SlaRulesTab(services, events, actor)
        self.holidays = HolidaysTab(services, events, actor)
        self.status_mapping = StatusMappingTab(services, events, actor)
        self.routing_rules = RoutingRulesTab(services, events, actor)
        self.tabs = QTabWidget()
        for tab, title in (
            (self.units, _("Work units")),
            (self.topics, _("Topics")),
            (self.sla_rules, _("SLA rules")),
            (self.holidays, _("Holidays")),
            (self.status_mapping, _("Status mapping")),
            (self.routing_rules, _("Routing rules")),
        ):
            self.tabs.addTab(tab, title)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)

    def event(self, event: QEvent) -> bool:
        """Ctrl+N with the focus on the tab bar, too, is a new record (see EditorTab.event)."""
        if overrides_new(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        """Ctrl+N starts a new record in the tab shown."""
        tab = self.tabs.currentWidget()
        if event.matches(QKeySequence.StandardKey.New) and isinstance(tab, EditorTab):
            event.accept()
            tab.new_record()
            return
        super().keyPressEvent(event)
