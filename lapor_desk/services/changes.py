"""What a service call changed, so that open screens know what to refresh."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Changes:
    """Ids of the records a call created, updated or deleted, by entity name."""

    complaints: frozenset[int] = field(default_factory=frozenset)
    master_data: bool = False
    settings: bool = False
    #: Meetings, their agenda, attendance, action items or the Renaksi register changed.
    meetings: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            complaints=self.complaints | other.complaints,
            master_data=self.master_data or other.master_data,
            settings=self.settings or other.settings,
            meetings=self.meetings or other.meetings,
        )

    @property
    def empty(self) -> bool:
        """True when nothing changed."""
        return not (self.complaints or self.master_data or self.settings or self.meetings)
