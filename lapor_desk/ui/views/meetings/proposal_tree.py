"""The agenda builder's proposal: one branch per unit, its items most pressing first, to tick.

Each line says why it is proposed (overdue, urgent, due before the meeting, unmoved since the
last meeting, carried over), how old it is, when it is due and how often it was carried over;
what is on the agenda already is shown greyed out and cannot be ticked.
"""

from __future__ import annotations

from collections.abc import Set

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from lapor_desk.domain.formatting import fmt_date, fmt_int
from lapor_desk.i18n import _, ngettext
from lapor_desk.services.meeting_models import AgendaProposal, ProposedItem

_INDEX_ROLE = int(Qt.ItemDataRole.UserRole)


def _children(branch: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    found = []
    for number in range(branch.childCount()):
        leaf = branch.child(number)
        assert leaf is not None
        found.append(leaf)
    return found


def on_agenda(item: ProposedItem, complaint_ids: Set[int], action_ids: Set[int]) -> bool:
    """The complaint or the earlier action a proposed line is about is on the agenda already."""
    # Two id sets: a complaint and an action item may share a number.
    if item.complaint is not None:
        return item.complaint.id in complaint_ids
    return item.action is not None and item.action.id in action_ids


class ProposalTree(QTreeWidget):
    """The proposed items grouped by unit, with check boxes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._proposed: list[ProposedItem] = []
        self.setColumnCount(5)
        self.setHeaderLabels(
            [_("Item"), _("Why"), _("Age (working days)"), _("Due"), _("Carried")]
        )
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(1, 230)
        for column in range(2, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def clear_proposal(self) -> None:
        """No proposal shown."""
        self.clear()
        self._proposed = []

    def show_proposal(
        self, proposal: AgendaProposal, complaint_ids: Set[int], action_ids: Set[int]
    ) -> None:
        """One branch per unit; lines already on the agenda (by these ids) are greyed out."""
        self.clear_proposal()
        for unit in proposal.units:
            caption = f"{unit.unit.abbreviation} — {unit.unit.name}"
            count = ngettext("{n} item", "{n} items", unit.total).format(n=fmt_int(unit.total))
            if unit.last_meeting:
                count += " · " + _("last meeting {number}").format(number=unit.last_meeting)
            branch = QTreeWidgetItem([caption, count])
            branch.setFlags(
                branch.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsAutoTristate
            )
            branch.setCheckState(0, Qt.CheckState.Unchecked)
            font = branch.font(0)
            font.setBold(True)
            branch.setFont(0, font)
            self.addTopLevelItem(branch)
            for item in unit.items:
                branch.addChild(self._leaf(item, on_agenda(item, complaint_ids, action_ids)))
            branch.setExpanded(True)
        if branches := self.branches():
            self.setCurrentItem(branches[0])

    def _leaf(self, item: ProposedItem, listed: bool) -> QTreeWidgetItem:
        self._proposed.append(item)
        carried = item.action.carried_count if item.action else 0
        leaf = QTreeWidgetItem(
            [
                item.title,
                ", ".join(r.label for r in item.reasons),
                fmt_int(item.age_workdays),
                fmt_date(item.due) if item.due else "",
                f"{fmt_int(carried)}×" if carried else "",
            ]
        )
        leaf.setData(0, _INDEX_ROLE, len(self._proposed) - 1)
        leaf.setToolTip(0, item.title)
        leaf.setFlags(leaf.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        leaf.setCheckState(0, Qt.CheckState.Unchecked)
        leaf.setTextAlignment(2, Qt.AlignmentFlag.AlignRight)
        leaf.setTextAlignment(4, Qt.AlignmentFlag.AlignRight)
        if listed:
            leaf.setDisabled(True)
            leaf.setToolTip(1, _("Already on the agenda"))
        return leaf

    def branches(self) -> list[QTreeWidgetItem]:
        """The units' branches, in order."""
        found = []
        for top in range(self.topLevelItemCount()):
            branch = self.topLevelItem(top)
            assert branch is not None
            found.append(branch)
        return found

    def checked_items(self) -> list[ProposedItem]:
        """The proposed items the user ticked, in the proposal's order."""
        return [
            self._proposed[int(leaf.data(0, _INDEX_ROLE))]
            for branch in self.branches()
            for leaf in _children(branch)
            if leaf.checkState(0) == Qt.CheckState.Checked and not leaf.isDisabled()
        ]

    def check_first(self, per_unit: int) -> None:
        """Tick the first ``per_unit`` items of every unit (the most pressing)."""
        for branch in self.branches():
            for leaf in _children(branch)[:per_unit]:
                leaf.setCheckState(0, Qt.CheckState.Checked)
