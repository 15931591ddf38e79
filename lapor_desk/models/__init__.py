"""SQLAlchemy 2 typed mappings of the register; the schema itself changes only through Alembic."""

from lapor_desk.models.base import Base
from lapor_desk.models.complaint import (
    Attachment,
    Complaint,
    Disposition,
    FollowUp,
    StatusChange,
)
from lapor_desk.models.deadline import ComplaintDeadline
from lapor_desk.models.imports import ImportBatch, ImportProfile
from lapor_desk.models.master import Topic, TopicCategory, Unit, UnitContact
from lapor_desk.models.meeting import (
    ActionItem,
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    MeetingRenaksi,
    MeetingStatusChange,
    MeetingUnit,
    Narasumber,
    Renaksi,
    RenaksiEvidence,
)
from lapor_desk.models.saved_filter import SavedFilter
from lapor_desk.models.settings import (
    HolidayOverrideRow,
    RoutingRule,
    Setting,
    SlaRuleRow,
    StatusMapping,
)

__all__ = [
    "ActionItem",
    "AgendaItem",
    "Attachment",
    "Attendance",
    "Base",
    "Complaint",
    "ComplaintDeadline",
    "Decision",
    "Disposition",
    "FollowUp",
    "HolidayOverrideRow",
    "ImportBatch",
    "ImportProfile",
    "Meeting",
    "MeetingRenaksi",
    "MeetingStatusChange",
    "MeetingUnit",
    "Narasumber",
    "Renaksi",
    "RenaksiEvidence",
    "RoutingRule",
    "SavedFilter",
    "Setting",
    "SlaRuleRow",
    "StatusChange",
    "StatusMapping",
    "Topic",
    "TopicCategory",
    "Unit",
    "UnitContact",
]
