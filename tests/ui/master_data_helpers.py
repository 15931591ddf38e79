"""Shared steps of the Data Master tests: the page over the demo register, a click on a row."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from lapor_desk.domain.actor import LOCAL_OPERATOR
from lapor_desk.services.bootstrap import Services
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.views.master_data import MasterDataView


def open_master_data(
    qtbot: QtBot, services: Services, events: AppEvents | None = None
) -> MasterDataView:
    """The Data Master page, shown at a size where every list has room."""
    page = MasterDataView(services, events or AppEvents(), LOCAL_OPERATOR)
    qtbot.addWidget(page)
    page.resize(1400, 820)
    page.show()
    return page


def click_row(qtbot: QtBot, table: QAbstractItemView, row: int) -> None:
    """Click ``row`` of ``table`` with the mouse."""
    model = table.model()
    assert model is not None
    rect = table.visualRect(model.index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
