"""Database failures a user can act on, told in the user's language.

The UI (``ui/errors.py``) and the command line each show errors in one place; both ask here
first, so that a full disk or a register another program keeps locked reads the same, in
Indonesian, wherever it happens, instead of the database's own English inside an
"unexpected error". The importer has its own, more precise, message for a full disk.
"""

from __future__ import annotations

from lapor_desk.domain.errors import RegisterError
from lapor_desk.i18n import _
from lapor_desk.persistence.engine import is_busy, is_disk_full


def as_register_error(error: BaseException) -> RegisterError | None:
    """The user's message for ``error`` if it is a failure they can act on, else ``None``."""
    if is_disk_full(error):
        return RegisterError(_(
            "The disk holding the register is full: nothing was changed. Free some space, then "
            "try again."))
    if is_busy(error):
        return RegisterError(_(
            "Another program or window is keeping the register locked: nothing was changed. "
            "Try again in a moment."))
    return None
