"""The agenda builder: units and a cut-off give a proposal per unit; the user keeps, orders, adds.

Above, the proposal grouped by unit (``proposal_tree``); below, the agenda itself:
Alt+Up/Alt+Down move an item, Delete removes it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lapor_desk.domain.actor import Actor
from lapor_desk.domain.formatting import fmt_date, fmt_int
from lapor_desk.i18n import _, ngettext
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.changes import Changes
from lapor_desk.services.meeting_models import AgendaProposal, MeetingDetail, ProposedItem
from lapor_desk.ui.dialogs import with_calendar
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.itemmodels.meeting_tables import ID_ROLE, AgendaTableModel
from lapor_desk.ui.views.meetings.common import (
    UnitChecklist,
    call_service,
    form_error,
    from_qdate,
    hint,
    to_qdate,
)
from lapor_desk.ui.views.meetings.proposal_tree import ProposalTree


class AgendaBuilder(QWidget):
    """Propose, keep, order and add agenda items of one meeting."""

    def __init__(
        self, services: Services, events: AppEvents, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._events = events
        self._actor = actor
        self.detail: MeetingDetail | None = None
        self.proposal: AgendaProposal | None = None
        self._build()

    def _build(self) -> None:
        self.cutoff = with_calendar(QDateEdit())
        self.units = UnitChecklist()
        self.units.setMaximumHeight(110)
        self.propose_button = QPushButton(_("Propose"))
        self.propose_button.clicked.connect(self.propose)
        self.tree = ProposalTree()
        self.summary = hint()
        self.add_button = QPushButton(_("Add checked items to the agenda"))
        self.add_button.clicked.connect(self.add_checked)

        proposal_box = QGroupBox(_("Proposal"))
        left = QGridLayout(proposal_box)
        left.addWidget(QLabel(_("Units")), 0, 0, Qt.AlignmentFlag.AlignTop)
        left.addWidget(self.units, 0, 1, 1, 3)
        left.addWidget(QLabel(_("Cut-off date")), 1, 0)
        left.addWidget(self.cutoff, 1, 1)
        left.addWidget(self.propose_button, 1, 2)
        left.setColumnStretch(3, 1)
        left.addWidget(self.tree, 2, 0, 1, 4)
        left.addWidget(self.summary, 3, 0, 1, 3)
        left.addWidget(self.add_button, 3, 3, Qt.AlignmentFlag.AlignRight)

        self.agenda_model = AgendaTableModel(self)
        self.agenda = QTableView()
        self.agenda.setModel(self.agenda_model)
        self.agenda.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agenda.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.agenda.setWordWrap(False)
        agenda_header = self.agenda.horizontalHeader()
        agenda_header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        agenda_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 130), (2, 170), (4, 60)):
            self.agenda.setColumnWidth(column, width)
        self.agenda.setColumnHidden(3, True)  # the reasons are in the proposal above
        self.agenda.verticalHeader().setDefaultSectionSize(24)
        self.up_button = QPushButton(_("Move up"))
        self.up_button.setToolTip(_("Alt+Up"))
        self.down_button = QPushButton(_("Move down"))
        self.down_button.setToolTip(_("Alt+Down"))
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.setToolTip(_("Delete"))
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.remove_button.clicked.connect(self.remove_current)
        for keys, slot in (
            ("Alt+Up", lambda: self.move_current(-1)),
            ("Alt+Down", lambda: self.move_current(1)),
            ("Delete", self.remove_current),
        ):
            shortcut = QShortcut(QKeySequence(keys), self.agenda, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.topic = QLineEdit()
        self.topic.setPlaceholderText(_("General topic, e.g. Paparan narasumber"))
        self.topic.returnPressed.connect(self.add_general)
        self.add_topic_button = QPushButton(_("Add topic"))
        self.add_topic_button.clicked.connect(self.add_general)
        self.renaksi = QComboBox()
        self.renaksi.setMinimumContentsLength(24)
        self.renaksi.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.add_renaksi_button = QPushButton(_("Add Renaksi item"))
        self.add_renaksi_button.clicked.connect(self.add_renaksi)
        self.minutes_button = QPushButton(_("Add approval of the previous minutes"))
        self.minutes_button.clicked.connect(self.add_previous_minutes)
        self.error = form_error()
        self.read_only_note = hint(_("The meeting is closed: its agenda is the record."))

        # The tools sit in two rows under the table, which keeps the full width for titles.
        agenda_box = QGroupBox(_("Agenda"))
        right = QVBoxLayout(agenda_box)
        right.addWidget(self.agenda, 1)
        moves = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button):
            moves.addWidget(button)
        moves.addStretch(1)
        moves.addWidget(self.minutes_button)
        adding = QHBoxLayout()
        adding.addWidget(self.topic, 1)
        adding.addWidget(self.add_topic_button)
        adding.addSpacing(12)
        adding.addWidget(self.renaksi, 1)
        adding.addWidget(self.add_renaksi_button)
        right.addLayout(moves)
        right.addLayout(adding)
        right.addWidget(self.read_only_note)
        right.addWidget(self.error)

        # One above the other: both lists need the width for titles and reasons.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(proposal_box)
        splitter.addWidget(agenda_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._editable: list[QWidget] = [
            self.add_button, self.up_button, self.down_button, self.remove_button, self.topic,
            self.add_topic_button, self.renaksi, self.add_renaksi_button, self.minutes_button,
        ]

    # -- showing -------------------------------------------------------------------------------

    def show_meeting(self, meeting_id: int) -> None:
        """Show ``meeting_id``'s agenda; the proposal form starts from its units and cut-off."""
        detail = self._services.meetings.get(meeting_id)
        changed = self.detail is None or self.detail.row.id != meeting_id
        self.detail = detail
        if changed:
            cutoff = detail.agenda_cutoff or self._default_cutoff(detail.row.meeting_date)
            self.cutoff.setDate(to_qdate(cutoff))
            invited = [u.id for u in detail.units]
            self.units.set_units(self._services.agenda.units(detail.row.meeting_date), invited)
            self.tree.clear_proposal()
            self.proposal = None
            self.summary.setText(_("Choose units and a cut-off date, then Propose."))
            self.renaksi.clear()
            for item in self._services.renaksi.list_items():
                self.renaksi.addItem(
                    _("Renaksi {number}: {title}").format(number=item.number, title=item.title)
                    + f" ({item.period})",
                    item.id,
                )
        read_only = detail.row.status.read_only
        for widget in self._editable:
            widget.setEnabled(not read_only)
        self.read_only_note.setVisible(read_only)
        self.error.hide()
        self._load_agenda()

    def _default_cutoff(self, meeting_date: date) -> date:
        reference = self._services.settings.reference_date()
        return min(reference, meeting_date)

    def _load_agenda(self, keep: int | None = None) -> None:
        if self.detail is None:
            return
        self.agenda_model.set_rows(self._services.agenda.items(self.detail.row.id))
        if keep is not None and (row := self.agenda_model.row_of(keep)) >= 0:
            self.agenda.selectRow(row)

    # -- the proposal --------------------------------------------------------------------------

    def propose(self) -> None:
        """Ask the service what to discuss with the ticked units up to the cut-off."""
        if self.detail is None:
            return
        meeting_id = self.detail.row.id
        units = self.units.checked_ids()
        cutoff = from_qdate(self.cutoff.date())
        proposal = call_service(
            self, self._events,
            lambda: self._services.agenda.propose_for(meeting_id, cutoff, units),
            error_label=self.error,
        )
        if proposal is not None:
            self.show_proposal(proposal)

    def show_proposal(self, proposal: AgendaProposal) -> None:
        """Fill the tree: one branch per unit, its items most pressing first."""
        self.proposal = proposal
        rows = self.agenda_model.rows
        self.tree.show_proposal(
            proposal,
            complaint_ids={r.complaint_id for r in rows if r.complaint_id},
            action_ids={r.action_item_id for r in rows if r.action_item_id},
        )
        total = sum(u.total for u in proposal.units)
        self.summary.setText(
            ngettext(
                "{n} item proposed up to {date}.", "{n} items proposed up to {date}.", total
            ).format(n=fmt_int(total), date=fmt_date(proposal.cutoff))
        )

    def checked_items(self) -> list[ProposedItem]:
        """The proposed items the user ticked, in the proposal's order."""
        return self.tree.checked_items()

    def check_first(self, per_unit: int) -> None:
        """Tick the first ``per_unit`` items of every unit (the most pressing)."""
        self.tree.check_first(per_unit)

    def add_checked(self) -> None:
        """Put the ticked proposals at the end of the agenda."""
        if self.detail is None or self.proposal is None:
            return
        items = self.checked_items()
        if not items:
            self.error.setText(_("Tick the proposed items to add first."))
            self.error.show()
            return
        meeting_id, cutoff = self.detail.row.id, self.proposal.cutoff
        done = call_service(
            self, self._events,
            lambda: self._services.agenda.add_proposed(self._actor, meeting_id, items, cutoff),
            lambda changes: changes, self.error,
        )
        if done is not None:
            self._load_agenda()
            self.show_proposal(self.proposal)

    # -- editing the agenda --------------------------------------------------------------------

    def _current_row(self) -> int:
        rows = self.agenda.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def move_current(self, step: int) -> None:
        """Move the selected item up (-1) or down (+1)."""
        if self.detail is None or self.detail.row.status.read_only:
            return
        row = self._current_row()
        ids = [r.id for r in self.agenda_model.rows]
        target = row + step
        if row < 0 or not 0 <= target < len(ids):
            return
        ids[row], ids[target] = ids[target], ids[row]
        meeting_id, moved = self.detail.row.id, ids[target]
        done = call_service(
            self, self._events,
            lambda: self._services.agenda.reorder(self._actor, meeting_id, ids),
            lambda changes: changes, self.error,
        )
        if done is not None:
            self._load_agenda(keep=moved)

    def remove_current(self) -> None:
        """Take the selected item off the agenda."""
        if self.detail is None or self.detail.row.status.read_only:
            return
        row = self._current_row()
        if row < 0:
            return
        item_id = int(self.agenda_model.index(row, 0).data(ID_ROLE))
        done = call_service(
            self, self._events,
            lambda: self._services.agenda.remove(self._actor, item_id),
            lambda changes: changes, self.error,
        )
        if done is not None:
            self._load_agenda()
            if self.agenda_model.rowCount():
                self.agenda.selectRow(min(row, self.agenda_model.rowCount() - 1))

    def _add(self, work: Callable[[], tuple[int, Changes]]) -> None:
        added = call_service(self, self._events, work, lambda r: r[1], self.error)
        if added is not None:
            self._load_agenda(keep=int(added[0]))

    def add_general(self) -> None:
        """Add the typed general topic."""
        if self.detail is None:
            return
        meeting_id, title = self.detail.row.id, self.topic.text()
        self._add(lambda: self._services.agenda.add_general(self._actor, meeting_id, title))
        if not self.error.isVisible():
            self.topic.clear()

    def add_renaksi(self) -> None:
        """Add the chosen Renaksi item."""
        renaksi_id = self.renaksi.currentData()
        if self.detail is None or renaksi_id is None:
            return
        meeting_id = self.detail.row.id
        self._add(
            lambda: self._services.agenda.add_renaksi(self._actor, meeting_id, int(renaksi_id))
        )

    def add_previous_minutes(self) -> None:
        """Add the approval of the last held meeting's minutes."""
        if self.detail is None:
            return
        meeting_id = self.detail.row.id
        self._add(lambda: self._services.agenda.add_previous_minutes(self._actor, meeting_id))
