"""The "Topik" tab: topics with urgency and its limit, default unit, keywords, portal categories."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QSpinBox,
    QTableView,
    QWidget,
)

from lapor_desk.domain.actor import Actor
from lapor_desk.domain.errors import ValidationError
from lapor_desk.i18n import _
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.master_data_models import TopicInput, TopicRow, UnitRow
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.itemmodels.master_tables import TopicTableModel
from lapor_desk.ui.views.master_data.editor import EditorTab

_CATEGORY = re.compile(r"[0-9]{1,9}")


def fill_units(combo: QComboBox, units: Sequence[UnitRow], none_text: str | None) -> None:
    """Units as ``ABBR — Name`` (data: id), optionally after a "none" entry (data: None)."""
    combo.clear()
    if none_text is not None:
        combo.addItem(none_text, None)
    for unit in sorted(units, key=lambda u: u.abbreviation):
        combo.addItem(f"{unit.abbreviation} — {unit.name}", unit.id)


def parse_categories(text: str) -> tuple[int, ...]:
    """``"957, 1443"`` → ``(957, 1443)``; anything but numbers is a ValidationError."""
    parts = [p.strip() for p in re.split(r"[,;\s]+", text) if p.strip()]
    if any(not _CATEGORY.fullmatch(p) for p in parts):
        raise ValidationError(
            "categories", _("Write the portal category ids as numbers separated by commas, "
                            "e.g. 957, 1443."))
    return tuple(int(p) for p in parts)


class TopicsTab(EditorTab[int]):
    """Topics in a table; the form edits the selected one or a new one."""

    def __init__(self, services: Services, events: AppEvents, actor: Actor,
                 parent: QWidget | None = None) -> None:
        self.table = QTableView()
        super().__init__(services, events, actor, self.table, _("Topic"), parent)
        self.model = TopicTableModel(self)
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._current: int | None = None
        self.code = QLineEdit()
        self.code.setMaxLength(40)
        self.name = QLineEdit()
        self.parent_topic = QComboBox()
        self.urgent = QCheckBox(_("Urgent topic: resolved fastest (SOP)"))
        self.urgent_days = QSpinBox()
        self.urgent_days.setRange(0, 365)
        self.urgent_days.setSpecialValueText(_("as the urgent SLA rules"))
        self.urgent_days.setSuffix(" " + _("working days"))
        self.default_unit = QComboBox()
        self.keywords = QLineEdit()
        self.keywords.setPlaceholderText(_("comma-separated, e.g. pkh, pendamping pkh"))
        self.categories = QLineEdit()
        self.categories.setPlaceholderText(_("e.g. 1443, 1454"))
        self.add_field("code", _("Code"), self.code)
        self.add_field("name", _("Name"), self.name)
        self.add_field("parent", _("Part of"), self.parent_topic)
        self.add_field("urgent", _("Urgency"), self.urgent)
        self.add_field("urgent_sla_workdays", _("Completion limit"), self.urgent_days)
        self.add_field("default_unit", _("Default unit"), self.default_unit)
        self.add_field("keywords", _("Routing keywords"), self.keywords)
        self.add_field("categories", _("Portal category ids"), self.categories)
        self.hint.setText(_("A new completion limit of an urgent topic recomputes the "
                            "deadlines of its urgent complaints."))
        self.hint.show()
        self.urgent.toggled.connect(self.urgent_days.setEnabled)
        for edit in (self.code, self.name, self.keywords, self.categories):
            edit.returnPressed.connect(self.save)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_row_changed)
        self.reload()

    def reload(self) -> None:
        """Read topics and units again; keep the selection."""
        topics = self._services.master_data.topics()
        self.model.set_rows(topics)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.parent_topic.clear()
        self.parent_topic.addItem(_("(none)"), None)
        for topic in topics:
            self.parent_topic.addItem(f"{topic.code} — {topic.name}", topic.id)
        fill_units(self.default_unit, self._services.master_data.units(), _("(none)"))
        self.reopen()

    def select(self, topic_id: int) -> None:
        """Select ``topic_id`` and fill the form with it (what was typed is lost)."""
        self.open_quietly(topic_id)

    def _on_table_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.row() >= 0:
            self.open_record(self.model.row_at(current.row()).id)

    def current_key(self) -> int | None:
        """The topic in the form; None for a new one."""
        return self._current

    def index_of(self, key: int) -> QModelIndex:
        """The table's index of topic ``key``."""
        row = self.model.row_of(key)
        return self.model.index(row, 0) if row >= 0 else QModelIndex()

    def show_key(self, key: int) -> None:
        """Fill the form with topic ``key``."""
        self._show(self.model.row_at(self.model.row_of(key)))

    def record_name(self) -> str:
        """The stored code and name of the topic in the form."""
        row = self.model.row_of(self._current) if self._current is not None else -1
        if row < 0:
            return ""
        topic = self.model.row_at(row)
        return f"{topic.code} — {topic.name}"

    def _show(self, topic: TopicRow) -> None:
        self._current = topic.id
        self.code.setText(topic.code)
        self.name.setText(topic.name)
        self.parent_topic.setCurrentIndex(max(0, self.parent_topic.findData(topic.parent_id)))
        self.urgent.setChecked(topic.urgent)
        self.urgent_days.setEnabled(topic.urgent)
        self.urgent_days.setValue(topic.urgent_sla_workdays or 0)
        self.default_unit.setCurrentIndex(max(0, self.default_unit.findData(topic.default_unit_id)))
        self.keywords.setText(", ".join(topic.keywords))
        self.categories.setText(", ".join(map(str, topic.category_ids)))
        self.hide_error()

    def clear_form(self) -> None:
        """An empty topic."""
        self._current = None
        for edit in (self.code, self.name, self.keywords, self.categories):
            edit.clear()
        self.parent_topic.setCurrentIndex(0)
        self.urgent.setChecked(False)
        self.urgent_days.setValue(0)
        self.urgent_days.setEnabled(False)
        self.default_unit.setCurrentIndex(0)

    def topic_input(self) -> TopicInput:
        """The topic as typed (the category ids checked here: they are typed as text)."""
        parent, unit = self.parent_topic.currentData(), self.default_unit.currentData()
        return TopicInput(
            code=self.code.text(), name=self.name.text(),
            parent_id=int(parent) if parent is not None else None,
            urgent=self.urgent.isChecked(),
            urgent_sla_workdays=self.urgent_days.value() or None,
            default_unit_id=int(unit) if unit is not None else None,
            keywords=tuple(self.keywords.text().split(",")),
            category_ids=parse_categories(self.categories.text()),
        )

    def save(self) -> None:
        """Create or update the topic in the form."""
        data = self.call(self.topic_input)
        if data is None:
            return
        md, current = self._services.master_data, self._current
        if current is None:
            created = self.call(lambda: md.create_topic(self._actor, data))
            if created is None:
                return
            self._current, changes = created
        else:
            # A new urgent limit recomputes the deadlines of the topic's urgent complaints.
            self.call_slow(_("Recomputing deadlines…"),
                           lambda: md.update_topic(self._actor, current, data))
            return
        self.announce(changes)
