"""The complaint detail pane: everything about one complaint, its deadlines, and its actions.

Reporter data (name, NIK, phone, e-mail) and NIKs or phone numbers inside the texts are masked by
default (DOMAIN.md: when in doubt, mask). An admin may reveal them for a complaint that is not
Anonim; an Anonim reporter stays hidden for everyone.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.domain.actor import Actor
from lapor_desk.domain.enums import InternalStatus, Role
from lapor_desk.domain.errors import NotFound
from lapor_desk.domain.formatting import fmt_date, fmt_date_long
from lapor_desk.domain.privacy import mask_text
from lapor_desk.i18n import _
from lapor_desk.services.attachments import AttachmentRow
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.changes import Changes
from lapor_desk.services.read_models import ComplaintDetail
from lapor_desk.ui.actions import ComplaintActions
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.views.attachments_section import AttachmentsSection
from lapor_desk.ui.views.detail_sections import (
    DETAIL_STYLE,
    STATUS_TONES,
    Chip,
    Entry,
    Section,
    SlaSection,
    fact_rows,
    text_label,
    when,
)
from lapor_desk.ui.views.reporter_section import ReporterSection

_NO_ACTIONS_FOR = (InternalStatus.DIARSIPKAN, InternalStatus.TERBLOKIR)


def origin_label(origin: str) -> str:
    """The translated name of a history entry's origin; unknown origins shown as stored."""
    labels = {
        "manual": _("by hand"),
        "import": _("portal import"),
        "meeting": _("meeting"),
        "demo": _("demo data"),
        "undo": _("undo"),
    }
    return labels.get(origin, origin)


class ComplaintDetailPane(QWidget):
    """One complaint in full; refreshes itself when an action changes it."""

    #: The complaint now shown (0 when cleared).
    complaint_shown = Signal(int)

    def __init__(
        self,
        services: Services,
        events: AppEvents,
        actor: Actor,
        undo_stack: QUndoStack | None = None,
        actions: ComplaintActions | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._events = events
        self._actor = actor
        self.complaint_actions = actions or ComplaintActions(
            services, events, actor, undo_stack or QUndoStack(self), self
        )
        self.detail: ComplaintDetail | None = None
        self.attachments: tuple[AttachmentRow, ...] = ()
        self.revealed = False
        self.setStyleSheet(DETAIL_STYLE)
        self.setMinimumWidth(420)

        self.placeholder = QLabel(_("Choose a complaint to see its details."))
        self.placeholder.setObjectName("detailPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        content = QWidget()
        self._build(content)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        # Everything wraps to the pane's width; a sideways scroll would hide the chips.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        self.scroll_area = scroll
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(scroll)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        events.changed.connect(self._on_events_changed)

    # -- building ------------------------------------------------------------------------------

    def _build(self, content: QWidget) -> None:
        self.tracking = QLabel()
        self.tracking.setObjectName("detailTracking")
        self.tracking.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title = QLabel()
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.status_chip = Chip()
        self.urgent_chip = Chip(_("Urgent"), "bad")
        self.anonim_chip = Chip(_("Anonymous"), "private")
        self.rahasia_chip = Chip(_("Confidential"), "private")
        chips = QHBoxLayout()
        chips.setSpacing(6)
        for chip in (
            self.status_chip, self.urgent_chip, self.anonim_chip, self.rahasia_chip,
        ):
            chips.addWidget(chip)
        chips.addStretch(1)
        # What the complaint is about, one fact a line (as the reporter's data below).
        self.facts = QWidget()
        grid = QGridLayout(self.facts)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(1)
        self.fact_values = fact_rows(grid, (
            ("klasifikasi", _("Klasifikasi")), ("topic", _("Topic")), ("channel", _("Channel")),
            ("unit", _("Lead unit")), ("portal", _("Portal status")),
        ))
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)

        self.dispose_button = QPushButton(_("Dispose…"))
        self.follow_up_button = QPushButton(_("Follow-up…"))
        self.status_button = QPushButton(_("Status…"))
        self.urgent_button = QPushButton(_("Urgent…"))
        self.dispose_button.setToolTip(_("Dispose the complaint to one or more units"))
        self.follow_up_button.setToolTip(_("Record a unit's follow-up"))
        self.status_button.setToolTip(_("Change the status (only allowed moves are offered)"))
        self.urgent_button.setToolTip(_("Mark the complaint urgent, or clear the flag"))
        buttons = QHBoxLayout()
        for button in (
            self.dispose_button, self.follow_up_button, self.status_button, self.urgent_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.dispose_button.clicked.connect(self._on_dispose_button_clicked)
        self.follow_up_button.clicked.connect(self._on_follow_up_button_clicked)
        self.status_button.clicked.connect(self._on_status_button_clicked)
        self.urgent_button.clicked.connect(self._on_urgent_button_clicked)

        self.sla = SlaSection()
        self.reporter = ReporterSection(self._actor.role)
        self.reporter.reveal_toggled.connect(self._on_reporter_reveal_toggled)

        self.text_edited = Section(_("Complaint text (final, edited by the admin)"), "")
        self.text_edited_label = text_label("")
        self.text_edited.body.addWidget(self.text_edited_label)
        self.text_original = Section(_("Complaint text as submitted"), "")
        self.text_original_label = text_label("")
        self.text_original.body.addWidget(self.text_original_label)

        self.dispositions = Section(_("Dispositions"), _("Not disposed to any unit yet."))
        self.follow_ups = Section(_("Follow-up"), _("No follow-up recorded yet."))
        self.meetings = Section(
            _("Coordination meetings"),
            _("Not on any coordination meeting's agenda yet."),
        )
        self.history = Section(_("Status history"), _("No history."))
        self.files = AttachmentsSection(self._services, self._events, self._actor)

        layout = QVBoxLayout(content)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(6)
        layout.addWidget(self.tracking)
        layout.addWidget(self.title)
        layout.addLayout(chips)
        layout.addWidget(self.facts)
        layout.addWidget(self.notes)
        layout.addLayout(buttons)
        for section in (
            self.sla, self.reporter, self.text_edited, self.text_original, self.dispositions,
            self.follow_ups, self.meetings, self.history, self.files,
        ):
            layout.addWidget(section)
        layout.addStretch(1)

    # -- showing -------------------------------------------------------------------------------

    @property
    def complaint_id(self) -> int:
        """The complaint shown, 0 when none."""
        return self.detail.row.id if self.detail else 0

    def show_complaint(self, complaint_id: int) -> None:
        """Show the complaint (masked again), or the empty state for 0 or a missing one.

        Showing the complaint already shown only reloads it: the reveal and the scroll position
        stay (the register re-selects the row after every refresh).
        """
        if complaint_id and complaint_id == self.complaint_id:
            self._load(complaint_id)
            return
        self.revealed = False
        self._load(complaint_id)
        self.scroll_area.verticalScrollBar().setValue(0)

    def _load(self, complaint_id: int) -> None:
        detail = None
        if complaint_id:
            try:
                detail = self._services.register.get(complaint_id)
            except NotFound:
                detail = None
        self.detail = detail
        if detail is None:
            self.attachments = ()
            self.placeholder.setText(
                _("The complaint no longer exists.") if complaint_id
                else _("Choose a complaint to see its details.")
            )
            self.stack.setCurrentWidget(self.placeholder)
            self.complaint_shown.emit(0)
            return
        self.attachments = self._services.attachments.list(complaint_id)
        self._fill(detail)
        self.stack.setCurrentWidget(self.scroll_area)
        self.complaint_shown.emit(complaint_id)

    def _masked(self, text: str | None) -> str:
        return (text or "") if self.revealed else mask_text(text)

    def _fill(self, detail: ComplaintDetail) -> None:
        row = detail.row
        self.tracking.setText(
            _("{tracking} · received {date} at {time}").format(
                tracking=row.tracking_id, date=fmt_date_long(row.received_at.date()),
                time=f"{row.received_at:%H.%M}",
            )
        )
        self.title.setText(self._masked(row.title))
        self.status_chip.setText(row.status.label)
        self.status_chip.set_tone(STATUS_TONES[row.status])
        self.urgent_chip.setVisible(row.urgent)
        self.anonim_chip.setVisible(row.anonim)
        self.rahasia_chip.setVisible(row.rahasia)
        facts = {
            "klasifikasi": row.klasifikasi, "topic": row.topic, "channel": row.channel,
            "unit": row.lead_unit, "portal": detail.portal_status,
        }
        for key, value in facts.items():
            label, shown = self.fact_values[key]
            shown.setText(value or "–")
            # A complaint entered here has no portal status: the line is left out.
            for widget in (label, shown):
                widget.setVisible(key != "portal" or bool(value))
        notes = []
        if row.urgent and detail.urgent_reason:
            notes.append(_("Urgent: {reason}").format(reason=detail.urgent_reason))
        if detail.status_reason:
            notes.append(
                _("Reason for the status: {reason}").format(
                    reason=self._masked(detail.status_reason)
                )
            )
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes))
        read_only = self._actor.role is Role.AUDITOR
        for button in (
            self.dispose_button, self.follow_up_button, self.status_button, self.urgent_button,
        ):
            button.setVisible(not read_only)
        self.dispose_button.setEnabled(row.status.is_open)
        self.follow_up_button.setEnabled(
            row.status not in (InternalStatus.BELUM_TERVERIFIKASI, *_NO_ACTIONS_FOR)
        )
        self.sla.show_results(detail.sla)
        self.revealed = self.reporter.show_reporter(detail, self.revealed)
        self.text_edited_label.setText(self._masked(detail.text_edited) or "–")
        same = detail.text_original.strip() == detail.text_edited.strip()
        self.text_original_label.setText(
            _("Same as the final text.") if same else self._masked(detail.text_original) or "–"
        )
        self._fill_dispositions(detail)
        self._fill_follow_ups(detail)
        self._fill_history(detail)
        self._fill_files()

    def _fill_dispositions(self, detail: ComplaintDetail) -> None:
        self.dispositions.clear()
        for d in detail.dispositions:
            meta = _("{unit} · {date} · by {who}").format(
                unit=d.unit, date=when(d.disposed_at), who=d.disposed_by
            )
            chip = None
            if d.withdrawn_at is not None:
                chip = Chip(
                    _("withdrawn {date}").format(date=fmt_date(d.withdrawn_at.date())), "neutral"
                )
            elif d.is_lead:
                chip = Chip(_("lead"), "info")
            body = _("Instruction: {text}").format(text=d.instruction) if d.instruction else None
            self.dispositions.add(
                Entry(meta, body, chip=chip, struck=d.withdrawn_at is not None)
            )

    def _fill_follow_ups(self, detail: ComplaintDetail) -> None:
        self.follow_ups.clear()
        for f in detail.follow_ups:
            meta = " · ".join(
                part for part in (when(f.posted_at), f.unit or "", f.created_by) if part
            )
            self.follow_ups.add(
                Entry(meta, self._masked(f.text), chip=Chip(f.kind.label, "info"))
            )

    def _fill_history(self, detail: ComplaintDetail) -> None:
        self.history.clear()
        self.meetings.clear()
        for h in detail.history:
            if h.from_status is None:
                step = h.to_status.label
            elif h.from_status is h.to_status:
                step = _("Note ({status})").format(status=h.to_status.label)
            else:
                step = f"{h.from_status.label} → {h.to_status.label}"
            meta = _("{date} · {step} · by {who}").format(
                date=when(h.changed_at), step=step, who=h.changed_by
            )
            tone = "warn" if h.origin == "undo" else "neutral"
            self.history.add(
                Entry(meta, self._masked(h.reason) or None, chip=Chip(origin_label(h.origin), tone))
            )
        # Every meeting whose agenda holds the complaint, with the notes taken there (its
        # decisions are in the status history, marked as coming from the meeting).
        for m in detail.meetings:
            notes = self._masked(m.notes.strip())
            self.meetings.add(
                Entry(
                    _("Meeting {label} · {date}").format(
                        label=m.label, date=fmt_date_long(m.meeting_date)
                    ),
                    f"{m.title}\n{notes}" if notes else m.title,
                    chip=Chip(m.status.label, "neutral"),
                )
            )

    def _fill_files(self) -> None:
        self.files.show_attachments(self.complaint_id, self.attachments)

    # -- reacting ------------------------------------------------------------------------------

    def _on_events_changed(self, changes: Changes) -> None:
        if self.detail is None:
            return
        # Meetings write "discussed" notes into the history; settings move the deadlines.
        if (
            self.complaint_id in changes.complaints
            or changes.master_data
            or changes.settings
            or changes.meetings
        ):
            self._load(self.complaint_id)

    def _on_reporter_reveal_toggled(self, checked: bool) -> None:
        if self.detail is not None:
            self.revealed = checked
            self._fill(self.detail)

    def _on_dispose_button_clicked(self) -> None:
        if self.detail is not None:
            self.complaint_actions.dispose([self.complaint_id])

    def _on_follow_up_button_clicked(self) -> None:
        if self.detail is not None:
            self.complaint_actions.follow_up(self.complaint_id)

    def _on_status_button_clicked(self) -> None:
        if self.detail is not None:
            self.complaint_actions.change_status([self.complaint_id])

    def _on_urgent_button_clicked(self) -> None:
        if self.detail is not None:
            self.complaint_actions.mark_urgent(self.complaint_id)
