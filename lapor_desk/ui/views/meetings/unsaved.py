"""The planner's unsaved typing when the meeting changes elsewhere: what counts, what it says."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from lapor_desk.i18n import _
from lapor_desk.services.meeting_models import MeetingDetail

#: A yellow information line (not an error): the form is fine, it is only not saved yet.
NOTICE_STYLE = "background: #fff4ce; border: 1px solid #e0c060; padding: 6px; color: #3d3000;"


def header_of(detail: MeetingDetail) -> tuple[object, ...]:
    """What the planner's form edits of a meeting (its status and notes are not part of it)."""
    row = detail.row
    return (
        row.title, row.kind, row.meeting_date, row.venue, detail.call_time, detail.start_time,
        detail.end_time, detail.chair, detail.secretary, detail.notulis,
        tuple(unit.id for unit in detail.units),
        tuple((s.name, s.institution, s.remarks) for s in detail.narasumber),
    )


def notice_label() -> QLabel:
    """The hidden notice line above the form."""
    notice = QLabel()
    notice.setObjectName("formNotice")
    notice.setWordWrap(True)
    notice.setStyleSheet(NOTICE_STYLE)
    notice.hide()
    return notice


def unsaved_notice(header_kept: bool) -> str:
    """What the notice says: Save keeps the typing, or someone else changed the header too."""
    if header_kept:
        return _("This meeting was changed on another screen. What you typed here is kept and "
                 "not yet saved: press Save (Ctrl+S) to keep it.")
    return _("Someone else changed this meeting's details meanwhile. What you typed here is "
             "kept, but saving it is refused so their change is not overwritten: copy what you "
             "need, then choose the meeting again in the list to see their version.")
