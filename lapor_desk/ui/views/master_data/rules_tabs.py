"""The "Aturan SLA", "Pemetaan status" and "Aturan rute" tabs."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from lapor_desk.domain.actor import Actor
from lapor_desk.domain.enums import InternalStatus, Klasifikasi, SlaStage
from lapor_desk.i18n import _
from lapor_desk.services.bootstrap import Services
from lapor_desk.services.changes import Changes
from lapor_desk.services.master_data_models import (
    RoutingRuleInput,
    RoutingRuleView,
    SlaRuleInput,
    SlaRuleView,
    StatusMappingRow,
)
from lapor_desk.ui.dialogs import confirm
from lapor_desk.ui.events import AppEvents
from lapor_desk.ui.itemmodels.master_tables import (
    RoutingRuleTableModel,
    SlaRuleTableModel,
    StatusMappingTableModel,
    klasifikasi_text,
)
from lapor_desk.ui.views.master_data.table_tab import TableTab
from lapor_desk.ui.views.master_data.topics_tab import fill_units


def sla_rule_text(rule: SlaRuleView) -> str:
    """A rule as the questions name it: stage · klasifikasi · urgent · limit."""
    parts = [rule.stage.label, klasifikasi_text(rule.klasifikasi)]
    if rule.urgent:
        parts.append(_("Urgent"))
    parts.append(f"{rule.workdays} {_('working days')}")
    return " · ".join(parts)


class SlaRulesTab(TableTab[SlaRuleView, int]):
    """SLA limits by stage × klasifikasi × urgent; saving recomputes every deadline."""

    def __init__(self, services: Services, events: AppEvents, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, events, actor, SlaRuleTableModel(), 1, _("SLA rule"), parent)
        self.stage = QComboBox()
        for stage in SlaStage:
            self.stage.addItem(stage.label, stage.value)
        self.klasifikasi = QComboBox()
        self.klasifikasi.addItem(klasifikasi_text(None), None)
        for value in Klasifikasi:
            self.klasifikasi.addItem(value.value, value.value)
        self.urgent = QCheckBox(_("Applies to urgent complaints"))
        self.workdays = QSpinBox()
        self.workdays.setRange(0, 999)
        self.workdays.setSuffix(" " + _("working days"))
        self.add_field("stage", _("Stage"), self.stage)
        self.add_field("klasifikasi", _("Klasifikasi"), self.klasifikasi)
        self.add_field("urgent", _("Urgent"), self.urgent)
        self.add_field("workdays", _("Limit"), self.workdays)
        self.hint.setText(_("Saving recomputes the stored deadlines of every complaint; on a "
                            "big register this takes a moment. The most specific rule wins."))
        self.hint.show()
        self.delete_button = self.add_button(_("Delete"), self.delete)
        self.reload()

    def wants(self, changes: Changes) -> bool:
        """Only settings hold SLA rules."""
        return changes.settings

    def reload(self) -> None:
        """Read the rules again; keep the selection."""
        self.model.set_rows(self._services.master_data.sla_rules())
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.reopen()

    def key_of(self, item: SlaRuleView) -> int:
        """A rule's id."""
        return item.id

    def record_name(self) -> str:
        """The stored rule in the form."""
        rule = self.stored()
        return sla_rule_text(rule) if rule is not None else ""

    def show_row(self, item: SlaRuleView) -> None:
        """Fill the form with a rule."""
        self._current = item.id
        self.stage.setCurrentIndex(self.stage.findData(item.stage.value))
        self.klasifikasi.setCurrentIndex(
            max(0, self.klasifikasi.findData(item.klasifikasi.value if item.klasifikasi else None)))
        self.urgent.setChecked(item.urgent)
        self.workdays.setValue(item.workdays)
        self.delete_button.setEnabled(True)

    def clear_form(self) -> None:
        """A new rule."""
        self._current = None
        self.stage.setCurrentIndex(0)
        self.klasifikasi.setCurrentIndex(0)
        self.urgent.setChecked(False)
        self.workdays.setValue(5)
        self.delete_button.setEnabled(False)

    def rule_input(self) -> SlaRuleInput:
        """The rule as typed."""
        klasifikasi = self.klasifikasi.currentData()
        return SlaRuleInput(SlaStage(self.stage.currentData()),
                            Klasifikasi(klasifikasi) if klasifikasi else None,
                            self.urgent.isChecked(), self.workdays.value())

    def save(self) -> None:
        """Store the rule on a worker (every deadline is recomputed)."""
        data, current, md = self.rule_input(), self._current, self._services.master_data
        self.call_slow(_("Recomputing deadlines…"),
                       lambda: md.save_sla_rule(self._actor, current, data))

    def delete(self) -> None:
        """Remove the selected rule on a worker, once the user agrees."""
        current, md, rule = self._current, self._services.master_data, self.stored()
        if current is None or rule is None or not confirm(
            self, _("Master data"),
            _("Delete the SLA rule “{rule}”? The complaints it covered fall back on a more "
              "general rule, and the stored deadlines of every complaint are recomputed.")
            .format(rule=sla_rule_text(rule)),
            _("Delete"), _("Cancel"),
        ):
            return

        def forget() -> None:
            self._current = None

        self.call_slow(_("Recomputing deadlines…"),
                       lambda: md.delete_sla_rule(self._actor, current), forget)


class StatusMappingTab(TableTab[StatusMappingRow, str]):
    """Portal status values → internal status; the built-in values can be restored."""

    def __init__(self, services: Services, events: AppEvents, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, events, actor, StatusMappingTableModel(), 0,
                         _("Status mapping"), parent)
        self.portal_value = QLineEdit()
        self.portal_value.setMaxLength(100)
        self.status = QComboBox()
        for status in InternalStatus:
            self.status.addItem(status.label, status.value)
        self.add_field("portal_value", _("Portal value"), self.portal_value)
        self.add_field("status", _("Internal status"), self.status)
        self.hint.setText(_("An import keeps a value missing here as it is, with a warning. "
                            "“Ditutup …” is finished; “Diarsipkan …” is archived."))
        self.hint.show()
        self.delete_button = self.add_button(_("Delete"), self.delete)
        self.restore_button = self.add_button(_("Restore defaults"), self.restore_defaults)
        self.portal_value.returnPressed.connect(self.save)
        self.reload()

    def wants(self, changes: Changes) -> bool:
        """Only settings hold the mapping."""
        return changes.settings

    def reload(self) -> None:
        """Read the mapping again; keep the selection."""
        self.model.set_rows(self._services.master_data.status_mapping())
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.reopen()

    def key_of(self, item: StatusMappingRow) -> str:
        """A mapping's portal value."""
        return item.portal_value

    def record_name(self) -> str:
        """The stored portal value in the form."""
        return self._current or ""

    def show_row(self, item: StatusMappingRow) -> None:
        """Fill the form with a mapping."""
        self._current = item.portal_value
        self.portal_value.setText(item.portal_value)
        self.status.setCurrentIndex(self.status.findData(item.status.value))
        self.delete_button.setEnabled(True)

    def clear_form(self) -> None:
        """A new portal value."""
        self._current = None
        self.portal_value.clear()
        self.status.setCurrentIndex(0)
        self.delete_button.setEnabled(False)

    def save(self) -> None:
        """Store the mapping (renaming the selected value if its text changed)."""
        md, original = self._services.master_data, self._current
        value, status = self.portal_value.text(), InternalStatus(self.status.currentData())
        changes = self.call(lambda: md.save_status_mapping(self._actor, original, value, status))
        if changes is not None:
            self._current = " ".join(value.split())
            self.announce(changes)

    def delete(self) -> None:
        """Forget the selected value, once the user agrees."""
        md, current = self._services.master_data, self._current
        if current is None or not confirm(
            self, _("Master data"),
            _("Delete the portal value “{value}”? An import then keeps this status as it is, "
              "with a warning.").format(value=current),
            _("Delete"), _("Cancel"),
        ):
            return
        changes = self.call(lambda: md.delete_status_mapping(self._actor, current))
        if changes is not None:
            self._current = None
            self.announce(changes)

    def restore_defaults(self) -> None:
        """Put the built-in values back as shipped, once the user agrees."""
        if not confirm(
            self, _("Master data"),
            _("Restore the built-in status mapping? Each built-in portal value gets its "
              "internal status back as shipped, and deleted ones return; the values you added "
              "stay."),
            _("Restore defaults"), _("Cancel"),
        ):
            return
        self.leave_form(self._restore_defaults)  # an unsaved edit of a value is asked about

    def _restore_defaults(self) -> None:
        md = self._services.master_data
        changes = self.call(lambda: md.restore_status_defaults(self._actor))
        if changes is not None:
            self.announce(changes)


class RoutingRulesTab(TableTab[RoutingRuleView, int]):
    """Keyword → unit (and topic, urgency) rules for new complaints."""

    def __init__(self, services: Services, events: AppEvents, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, events, actor, RoutingRuleTableModel(), 5,
                         _("Routing rule"), parent)
        self.priority = QSpinBox()
        self.priority.setRange(0, 9999)
        self.keyword = QLineEdit()
        self.keyword.setMaxLength(100)
        self.unit = QComboBox()
        self.topic = QComboBox()
        self.mark_urgent = QCheckBox(_("Mark the complaint urgent"))
        self.note = QLineEdit()
        self.add_field("priority", _("Priority"), self.priority)
        self.add_field("keyword", _("Keyword"), self.keyword)
        self.add_field("unit", _("Unit"), self.unit)
        self.add_field("topic", _("Topic"), self.topic)
        self.add_field("mark_urgent", _("Urgent"), self.mark_urgent)
        self.add_field("note", _("Note"), self.note)
        self.hint.setText(_("Rules are tried by ascending priority before the topics' own "
                            "keywords; the first keyword found in the title or text decides."))
        self.hint.show()
        self.delete_button = self.add_button(_("Delete"), self.delete)
        for edit in (self.keyword, self.note):
            edit.returnPressed.connect(self.save)
        self.reload()

    def wants(self, changes: Changes) -> bool:
        """Rules name units and topics: master data."""
        return changes.master_data

    def reload(self) -> None:
        """Read rules, units and topics again; keep the selection."""
        md = self._services.master_data
        self.model.set_rows(md.routing_rules())
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        fill_units(self.unit, [u for u in md.units() if u.active_to is None],
                   _("(choose a unit)"))
        self.topic.clear()
        self.topic.addItem(_("(keep the complaint's topic)"), None)
        for topic in md.topics():
            self.topic.addItem(f"{topic.code} — {topic.name}", topic.id)
        self.reopen()

    def key_of(self, item: RoutingRuleView) -> int:
        """A rule's id."""
        return item.id

    def record_name(self) -> str:
        """The stored keyword of the rule in the form."""
        rule = self.stored()
        return rule.keyword if rule is not None else ""

    def show_row(self, item: RoutingRuleView) -> None:
        """Fill the form with a rule."""
        self._current = item.id
        self.priority.setValue(item.priority)
        self.keyword.setText(item.keyword)
        self.unit.setCurrentIndex(max(0, self.unit.findData(item.unit_id)))
        self.topic.setCurrentIndex(max(0, self.topic.findData(item.topic_id)))
        self.mark_urgent.setChecked(item.mark_urgent)
        self.note.setText(item.note)
        self.delete_button.setEnabled(True)

    def clear_form(self) -> None:
        """A new rule."""
        self._current = None
        self.priority.setValue(100)
        self.keyword.clear()
        self.unit.setCurrentIndex(0)
        self.topic.setCurrentIndex(0)
        self.mark_urgent.setChecked(False)
        self.note.clear()
        self.delete_button.setEnabled(False)

    def rule_input(self) -> RoutingRuleInput:
        """The rule as typed."""
        unit, topic = self.unit.currentData(), self.topic.currentData()
        return RoutingRuleInput(
            self.priority.value(), self.keyword.text(),
            int(unit) if unit is not None else None,
            int(topic) if topic is not None else None,
            self.mark_urgent.isChecked(), self.note.text(),
        )

    def save(self) -> None:
        """Create or change the rule."""
        md, current, data = self._services.master_data, self._current, self.rule_input()
        result = self.call(lambda: md.save_routing_rule(self._actor, current, data))
        if result is not None:
            self._current, changes = result
            self.announce(changes)

    def delete(self) -> None:
        """Remove the selected rule, once the user agrees."""
        md, current, rule = self._services.master_data, self._current, self.stored()
        if current is None or rule is None or not confirm(
            self, _("Master data"),
            _("Delete the routing rule “{keyword}” → {unit}? The keyword no longer proposes "
              "this unit for new or imported complaints; complaints already in the register "
              "keep their unit.").format(keyword=rule.keyword, unit=rule.unit),
            _("Delete"), _("Cancel"),
        ):
            return
        changes = self.call(lambda: md.delete_routing_rule(self._actor, current))
        if changes is not None:
            self._current = None
            self.announce(changes)
