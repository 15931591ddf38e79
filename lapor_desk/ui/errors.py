"""The one place where the UI turns errors into messages for the user."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from lapor_desk.domain.errors import LaporError
from lapor_desk.i18n import _
from lapor_desk.services.failures import as_register_error

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """Show ``error`` to the user.

    A LaporError, or a database failure the user can act on (a full disk, a register locked
    elsewhere), with its own message; anything else with a generic one, logged.
    """
    if isinstance(error, LaporError):
        QMessageBox.warning(parent, _("LAPOR Desk"), str(error))
        return
    told = as_register_error(error)
    if told is not None:
        # Kept in the log too: a deadlock or a full disk is worth finding there afterwards.
        log.warning("register failure", exc_info=error)
        QMessageBox.warning(parent, _("LAPOR Desk"), str(told))
        return
    log.error("unexpected error", exc_info=error)
    QMessageBox.critical(
        parent,
        _("LAPOR Desk"),
        _("An unexpected error occurred; nothing was saved. Details: {error}").format(
            error=error
        ),
    )
