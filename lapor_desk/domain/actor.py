"""Who performs a change, and the clock the services read time from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from lapor_desk.domain.enums import Role

#: Returns the current local time (Asia/Jakarta wall clock, no zone), injected for tests.
Clock = Callable[[], datetime]


@dataclass(frozen=True, slots=True)
class Actor:
    """The person behind a call; the local operator until accounts exist."""

    user_id: str
    display_name: str
    role: Role = Role.OPERATOR


LOCAL_OPERATOR = Actor("local", "Operator Biro Humas", Role.OPERATOR)
