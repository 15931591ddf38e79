"""Building blocks of the complaint detail pane: coloured chips, sections, timeline entries."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from lapor_desk.domain.enums import InternalStatus, SlaState
from lapor_desk.domain.formatting import fmt_date, fmt_int
from lapor_desk.domain.sla import SlaResult
from lapor_desk.i18n import _

#: (background, text) per tone; muted colours that stay readable when printed in grey.
TONES: dict[str, tuple[str, str]] = {
    "neutral": ("#e8eaed", "#303336"),
    "info": ("#dce9f7", "#1f4e79"),
    "good": ("#e1f0e1", "#1e5e1e"),
    "warn": ("#fff0c7", "#7a4f00"),
    "bad": ("#fbe0df", "#9b1c1f"),
    "late": ("#fde6d2", "#8a3b00"),
    "private": ("#ece1f5", "#5a2a7a"),
}

SLA_TONES: dict[SlaState, str] = {
    SlaState.ON_TIME: "good",
    SlaState.DUE_SOON: "warn",
    SlaState.OVERDUE: "bad",
    SlaState.MET: "neutral",
    SlaState.MET_LATE: "late",
}

STATUS_TONES: dict[InternalStatus, str] = {
    InternalStatus.BELUM_TERVERIFIKASI: "warn",
    InternalStatus.BELUM_DITINDAKLANJUTI: "warn",
    InternalStatus.PROSES: "info",
    InternalStatus.SELESAI: "good",
    InternalStatus.MENUNGGU_KELENGKAPAN: "neutral",
    InternalStatus.DIARSIPKAN: "neutral",
    InternalStatus.TERBLOKIR: "bad",
}


class Chip(QLabel):
    """A small rounded label in one of :data:`TONES`."""

    def __init__(self, text: str = "", tone: str = "neutral", parent: QWidget | None = None):
        super().__init__(text, parent)
        self.tone = ""
        self.set_tone(tone)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def set_tone(self, tone: str) -> None:
        """Recolour the chip."""
        self.tone = tone
        background, foreground = TONES[tone]
        self.setStyleSheet(
            f"background: {background}; color: {foreground}; border-radius: 9px;"
            " padding: 2px 9px; font-weight: 600;"
        )


def when(value: datetime) -> str:
    """``7 November 2022 09.30`` (Indonesian time style)."""
    return f"{fmt_date(value.date())} {value:%H.%M}"


class Section(QWidget):
    """A heading with a count, its entries, and an empty state shown when there are none."""

    def __init__(self, title: str, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self.heading = QLabel(title)
        self.heading.setObjectName("detailHeading")
        self.heading.setIndent(0)  # a styled border would otherwise indent the text
        self.empty = QLabel(empty_text)
        self.empty.setObjectName("detailEmpty")
        self.empty.setWordWrap(True)
        self.body = QVBoxLayout()
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 10, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.heading)
        layout.addLayout(self.body)
        layout.addWidget(self.empty)
        self.entries: list[QWidget] = []
        self._refresh()

    def clear(self) -> None:
        """Remove every entry."""
        for widget in self.entries:
            self.body.removeWidget(widget)
            widget.hide()  # gone now, not only once the event loop deletes it
            widget.deleteLater()
        self.entries = []
        self._refresh()

    def add(self, widget: QWidget) -> None:
        """Append an entry."""
        widget.setParent(self)  # a parentless widget would first show at a window's size
        self.body.addWidget(widget)
        self.entries.append(widget)
        self._refresh()

    def _refresh(self) -> None:
        count = len(self.entries)
        self.heading.setText(f"{self._title} ({count})" if count else self._title)
        self.empty.setVisible(count == 0 and bool(self.empty.text()))


class Entry(QFrame):
    """One timeline entry: a bold meta line, an optional chip, and a plain-text body."""

    def __init__(
        self,
        meta: str,
        body: str | None = None,
        *,
        chip: Chip | None = None,
        struck: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("detailEntry")
        self.meta = QLabel(meta)
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        self.meta.setWordWrap(True)
        self.meta.setObjectName("detailMeta")
        font = self.meta.font()
        font.setStrikeOut(struck)
        self.meta.setFont(font)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.meta, 1)
        if chip is not None:
            top.addWidget(chip, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 4, 4)
        layout.setSpacing(2)
        layout.addLayout(top)
        self.body: QLabel | None = None
        if body:
            self.body = text_label(body)
            layout.addWidget(self.body)


class SlaSection(Section):
    """Due date and state of each stage, coloured by how it stands."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            _("Deadlines (SLA)"),
            _("No deadlines run for an archived or blocked complaint."),
            parent,
        )
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(2)
        self.grid.setColumnStretch(2, 1)
        self.body.addLayout(self.grid)
        self._rows: list[tuple[QLabel, Chip, QLabel]] = []
        self.chips: list[Chip] = []

    def show_results(self, results: Sequence[SlaResult]) -> None:
        """One row per stage: name, state chip, due date and what finished or paused it."""
        # Rows are reused, not rebuilt: a widget made while the pane is visible would flash at
        # its default size (over the whole section) until the layout places it.
        while len(self._rows) < len(results):
            row = len(self._rows)
            stage, chip, note = QLabel(self), Chip("", "neutral", self), QLabel(self)
            note.setWordWrap(True)
            note.setStyleSheet("color: #444; margin-bottom: 4px;")
            stage.setStyleSheet("font-weight: 600;")
            note.setIndent(0)
            # Stage and chip on one line, the dates under them: readable however narrow.
            self.grid.addWidget(stage, 2 * row, 0)
            self.grid.addWidget(chip, 2 * row, 1, Qt.AlignmentFlag.AlignLeft)
            self.grid.addWidget(note, 2 * row + 1, 0, 1, 3)
            self._rows.append((stage, chip, note))
        self.chips = []
        for index, (stage, chip, note) in enumerate(self._rows):
            visible = index < len(results)
            for widget in (stage, chip, note):
                widget.setVisible(visible)
            if not visible:
                continue
            result = results[index]
            notes = [_("due {date}").format(date=fmt_date(result.due))]
            if result.done is not None:
                notes.append(_("done {date}").format(date=fmt_date(result.done)))
            if result.paused_workdays:
                notes.append(
                    _("{n} working days paused").format(n=fmt_int(result.paused_workdays))
                )
            notes.append(_("limit {n} working days").format(n=fmt_int(result.limit_workdays)))
            stage.setText(result.stage.label)
            chip.setText(result.state.label)
            chip.set_tone(SLA_TONES[result.state])
            note.setText(" · ".join(notes))
            self.chips.append(chip)
        self.empty.setVisible(not results)


def text_label(text: str, parent: QWidget | None = None) -> QLabel:
    """Complaint text shown as plain text (never rich text), wrapped and selectable."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def fact_rows(
    grid: QGridLayout, rows: Sequence[tuple[str, str]]
) -> dict[str, tuple[QLabel, QLabel]]:
    """One fact a line in ``grid``: a grey caption, then its value; (caption, value) by key."""
    found: dict[str, tuple[QLabel, QLabel]] = {}
    for row, (key, caption) in enumerate(rows):
        label = QLabel(caption)
        label.setStyleSheet("color: #555;")
        value = text_label("")
        grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(value, row, 1)
        found[key] = (label, value)
    grid.setColumnStretch(1, 1)
    return found


DETAIL_STYLE = """
QLabel#detailTitle { font-size: 14pt; font-weight: 600; }
QLabel#detailTracking { color: #555; }
QLabel#detailHeading { font-size: 11pt; font-weight: 600; color: #1f4e79;
    border-bottom: 1px solid #d0d7de; padding-bottom: 2px; }
QLabel#detailEmpty { color: #666; font-style: italic; }
QLabel#detailMeta { font-weight: 600; color: #303336; }
QFrame#detailEntry { border-left: 3px solid #c9d3de; }
QLabel#detailPlaceholder { color: #555; font-size: 11pt; }
"""
