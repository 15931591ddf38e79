"""Importing the portal's exports: read, map columns, parse values, preview, commit.

``reader`` turns a file into rows of cells (and refuses unsafe files), ``columns`` matches
headers to fields, ``parsing`` turns cells into register values, ``merge`` compares them with
the register and writes the difference, ``service`` is the use case the UI and the CLI call.
"""

from lapor_desk.services.importer.reader import DEFAULT_LIMITS, ReadLimits
from lapor_desk.services.importer.results import (
    ChangedComplaint,
    FieldChange,
    ImportPreview,
    ImportResult,
    MissingComplaint,
    NewComplaint,
    RowError,
)
from lapor_desk.services.importer.service import ImportBatchRow, ImportProfileRow, ImportService

__all__ = [
    "DEFAULT_LIMITS",
    "ChangedComplaint",
    "FieldChange",
    "ImportBatchRow",
    "ImportPreview",
    "ImportProfileRow",
    "ImportResult",
    "ImportService",
    "MissingComplaint",
    "NewComplaint",
    "ReadLimits",
    "RowError",
]
