"""The one error hierarchy; the UI and the CLI turn these into messages in one place each."""

from __future__ import annotations


class LaporError(Exception):
    """Base of every error a user can be shown; ``str(error)`` is the user's message."""


class ValidationError(LaporError):
    """Input that breaks a rule; ``field`` names the offending field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class NotFound(LaporError):
    """A record that does not exist (any more)."""


class InvalidTransition(LaporError):
    """A status change the lifecycle does not allow."""


class ConcurrentEdit(LaporError):
    """Somebody else saved the same record since it was read."""


class RegisterError(LaporError):
    """The register file or server cannot be used (missing, corrupt, too new)."""


class ImportFileError(LaporError):
    """A file that cannot be imported at all; the register is left as it was."""
