"""Meeting mode's panels: the item summary for the projector, and the decisions on the item."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.domain.enums import FollowUpKind, InternalStatus, SlaState
from lapor_desk.domain.formatting import fmt_date, fmt_int
from lapor_desk.domain.lifecycle import allowed_targets
from lapor_desk.domain.meeting_outcomes import DecisionKind
from lapor_desk.i18n import _
from lapor_desk.services.meeting_inputs import DecisionInput
from lapor_desk.services.meeting_models import AgendaItemDetail, UnitRef
from lapor_desk.ui.views.meetings.common import compact, form_error

SUMMARY_STYLE = """
QLabel#itemKind { font-size: 12pt; color: #555; }
QLabel#itemTitle { font-size: 20pt; font-weight: 600; color: #1f2d3d; }
QLabel#itemFacts { font-size: 14pt; color: #1f4e79; }
QLabel#itemText { font-size: 14pt; }
QLabel#itemSla { font-size: 13pt; font-weight: 600; }
QLabel#itemFollowUp { font-size: 12pt; color: #333; }
"""


def _label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class SummaryPanel(QFrame):
    """What the room reads: the item's title and, for a complaint, its facts in large type.

    The complaint text comes masked from the service (no reporter, no NIK or phone number).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(SUMMARY_STYLE)
        self.kind = _label("itemKind")
        self.title = _label("itemTitle")
        self.facts = _label("itemFacts")
        self.sla = _label("itemSla")
        self.text = _label("itemText")
        self.follow_up = _label("itemFollowUp")
        layout = QVBoxLayout(self)
        for widget in (self.kind, self.title, self.facts, self.sla, self.text, self.follow_up):
            layout.addWidget(widget)
        layout.addStretch(1)

    def show_item(self, detail: AgendaItemDetail, position: int, total: int) -> None:
        """Show ``detail`` as item ``position`` of ``total``."""
        row = detail.row
        parts = [_("Item {n} of {total}").format(n=position, total=total), row.kind.label]
        if row.unit:
            parts.append(row.unit)
        parts += [r.label for r in row.reasons]
        if row.carried_count:
            parts.append(_("carried {n}×").format(n=row.carried_count))
        self.kind.setText(" · ".join(parts))
        complaint = detail.complaint
        if complaint is not None:
            title = f"{complaint.tracking_id} — {complaint.title}"
            facts = [
                complaint.status.label,
                complaint.lead_unit or _("not disposed"),
                _("received {date}").format(date=fmt_date(complaint.received)),
                _("{n} working days old").format(n=fmt_int(complaint.age_workdays)),
            ]
            if complaint.topic:
                facts.insert(1, complaint.topic)
            if complaint.urgent:
                facts.insert(0, _("URGENT"))
            if complaint.region:
                facts.append(complaint.region)
            self.facts.setText(" · ".join(facts))
            lines = [
                _("{stage}: due {date} — {state}").format(
                    stage=s.stage.label, date=fmt_date(s.due), state=s.state.label
                )
                for s in complaint.sla
            ]
            overdue = any(s.state is SlaState.OVERDUE for s in complaint.sla)
            self.sla.setStyleSheet("color: #a4161a;" if overdue else "color: #1e5e20;")
            self.sla.setText("\n".join(lines))
            self.text.setText(complaint.text)
            self.follow_up.setText(
                _("Last follow-up ({date}): {text}").format(
                    date=fmt_date(complaint.last_follow_up_at.date()), text=complaint.last_follow_up
                )
                if complaint.last_follow_up and complaint.last_follow_up_at
                else _("No follow-up recorded yet.")
            )
        else:
            title = row.title
            self.facts.setText("")
            self.sla.setText("")
            self.text.setText("")
            self.follow_up.setText("")
        action = detail.action
        if action is not None:
            self.facts.setText(
                _("From meeting {meeting}: {unit}, {person}, due {date}").format(
                    meeting=action.meeting_label, unit=action.owner_unit,
                    person=action.person_in_charge or "—", date=fmt_date(action.due_date),
                )
                + (" · " + action.status.label)
            )
            if complaint is None:
                title = action.description
        self.title.setText(title)
        for label in (self.facts, self.sla, self.text, self.follow_up):
            label.setVisible(bool(label.text()))


class DecisionPanel(QGroupBox):
    """The decisions on the item, and the form for a new one (Ctrl+Return records it)."""

    #: The user asked to record the decision typed.
    record_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Decisions"), parent)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setMaximumHeight(90)
        self.kind = QComboBox()
        self.target = QComboBox()
        self.follow_up_kind = QComboBox()
        for kind in (FollowUpKind.FOLLOW_UP, FollowUpKind.FIRST_RESPONSE,
                     FollowUpKind.COMPLETION, FollowUpKind.INFO_REQUEST):
            self.follow_up_kind.addItem(kind.label, kind)
        self.unit = QComboBox()
        compact(self.kind, self.target, self.follow_up_kind, self.unit)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(_("What the meeting decided (Ctrl+Enter records it)"))
        self.text.setFixedHeight(64)
        self.record_button = QPushButton(_("Record decision"))
        self.record_button.clicked.connect(self.record_requested)
        self.error = form_error()
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self.text, self.record_requested.emit)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.form = QFormLayout()
        self.form.addRow(_("Kind"), self.kind)
        self.form.addRow(_("New status"), self.target)
        self.form.addRow(_("Follow-up"), self.follow_up_kind)
        self.form.addRow(_("To unit"), self.unit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(self.form)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        row.addWidget(self.error, 1)
        row.addWidget(self.record_button)
        layout.addLayout(row)
        layout.addStretch(1)  # in a tab beside the taller action form: the space goes below
        self.kind.currentIndexChanged.connect(self._update)
        self._status: InternalStatus | None = None

    def show_item(self, detail: AgendaItemDetail, units: Sequence[UnitRef]) -> None:
        """The item's decisions; the kinds the item allows (only "discussion" without complaint)."""
        self.list.clear()
        for decision in detail.decisions:
            self.list.addItem(f"{decision.kind.label}: {decision.text}")
        complaint = detail.complaint
        self._status = complaint.status if complaint else None
        self.kind.blockSignals(True)
        self.kind.clear()
        kinds = list(DecisionKind) if complaint is not None else [DecisionKind.NONE]
        for kind in kinds:
            self.kind.addItem(kind.label, kind)
        self.kind.blockSignals(False)
        self.target.clear()
        if self._status is not None:
            for status in InternalStatus:
                if status in allowed_targets(self._status):
                    self.target.addItem(status.label, status)
        self.unit.clear()
        for unit in units:
            self.unit.addItem(f"{unit.abbreviation} — {unit.name}", unit.id)
        self.text.clear()
        self.error.hide()
        self._update()

    def set_editable(self, editable: bool) -> None:
        """Offer the form only while the meeting is in session; the list stays readable."""
        for widget in (self.kind, self.target, self.follow_up_kind, self.unit, self.text,
                       self.record_button):
            widget.setEnabled(editable)

    def _update(self) -> None:
        kind = self.current_kind()
        for widget, wanted in (
            (self.target, DecisionKind.STATUS_CHANGE),
            (self.follow_up_kind, DecisionKind.FOLLOW_UP),
            (self.unit, DecisionKind.REDISPOSE),
        ):
            self.form.setRowVisible(widget, kind is wanted)

    def current_kind(self) -> DecisionKind:
        """The chosen kind."""
        value = self.kind.currentData()
        return DecisionKind(value) if value is not None else DecisionKind.NONE

    def decision(self) -> DecisionInput:
        """The form as the service's input."""
        kind = self.current_kind()
        target = self.target.currentData()
        unit = self.unit.currentData()
        return DecisionInput(
            kind=kind,
            text=self.text.toPlainText(),
            target_status=(
                InternalStatus(target) if kind is DecisionKind.STATUS_CHANGE and target else None
            ),
            follow_up_kind=FollowUpKind(self.follow_up_kind.currentData()),
            unit_id=int(unit) if kind is DecisionKind.REDISPOSE and unit is not None else None,
        )


class ProjectorWindow(QWidget):
    """The item summary alone, for a second screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(_("LAPOR Desk — projector"))
        self.summary = SummaryPanel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        layout.addWidget(self.summary)
