"""SQLAlchemy 2 typed mappings of the register; the schema itself changes only through Alembic."""

from lapor_desk.models.base import Base
from lapor_desk.models.complaint import (
    Attachment,
    Complaint,
    Disposition,
    FollowUp,
    StatusChange,
)
from lapor_desk.models.imports import ImportBatch, ImportProfile
from lapor_desk.models.master import Topic, TopicCategory, Unit, UnitContact
from lapor_desk.models.settings import (
    HolidayOverrideRow,
    RoutingRule,
    Setting,
    SlaRuleRow,
    StatusMapping,
)

__all__ = [
    "Attachment",
    "Base",
    "Complaint",
    "Disposition",
    "FollowUp",
    "HolidayOverrideRow",
    "ImportBatch",
    "ImportProfile",
    "RoutingRule",
    "Setting",
    "SlaRuleRow",
    "StatusChange",
    "StatusMapping",
    "Topic",
    "TopicCategory",
    "Unit",
    "UnitContact",
]
