"""The register's overview: key figures and the per-unit table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.domain.formatting import fmt_date_long, fmt_decimal, fmt_int, fmt_percent
from lapor_desk.i18n import _
from lapor_desk.services.stats import RegisterStats
from lapor_desk.ui.itemmodels.unit_stats import UnitStatsTableModel


class _Figure(QFrame):
    """A key figure: a big number over its caption."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figure")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.value = QLabel("–")
        self.value.setObjectName("figureValue")
        self.value.setAlignment(Qt.AlignmentFlag.AlignLeft)
        caption_label = QLabel(caption)
        caption_label.setWordWrap(True)
        layout.addWidget(self.value)
        layout.addWidget(caption_label)


class OverviewView(QWidget):
    """Key figures of the register as of its reference date, and one row per unit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setObjectName("heading")
        self.total = _Figure(_("complaints received"))
        self.followed = _Figure(_("follow-up rate (tingkat tindak lanjut)"))
        self.completed = _Figure(_("completion rate (tingkat penyelesaian)"))
        self.response = _Figure(_("average first response, working days"))
        self.overdue = _Figure(_("complaints past a deadline"))
        figures = QGridLayout()
        for column, figure in enumerate(
            (self.total, self.followed, self.completed, self.response, self.overdue)
        ):
            figures.addWidget(figure, 0, column)
        self.units_model = UnitStatsTableModel(self)
        self.units = QTableView()
        self.units.setModel(self.units_model)
        self.units.setAlternatingRowColors(True)
        self.units.verticalHeader().hide()
        header = self.units.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.units_model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(figures)
        units_label = QLabel(_("Per unit (lead disposition)"))
        units_label.setObjectName("subheading")
        layout.addWidget(units_label)
        layout.addWidget(self.units, 1)

    def show_stats(self, stats: RegisterStats) -> None:
        """Fill the screen from ``stats``."""
        overall = stats.overall
        self.heading.setText(
            _("Register as of {date}").format(date=fmt_date_long(stats.as_of))
        )
        self.total.value.setText(fmt_int(overall.received))
        self.followed.value.setText(fmt_percent(overall.followed_up_rate))
        self.completed.value.setText(fmt_percent(overall.completed_rate))
        self.response.value.setText(fmt_decimal(overall.avg_first_response_workdays))
        self.overdue.value.setText(fmt_int(overall.overdue))
        self.units_model.set_rows(stats.by_unit)
