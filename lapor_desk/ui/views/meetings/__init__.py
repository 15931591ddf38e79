"""Coordination meetings (rapat koordinasi): plan, build the agenda, run, follow through."""

from lapor_desk.ui.views.meetings.meetings_view import MeetingsView

__all__ = ["MeetingsView"]
