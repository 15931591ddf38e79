"""The one place where the UI turns errors into messages for the user."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from lapor_desk.domain.errors import LaporError
from lapor_desk.i18n import _

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """Show ``error``: its own message for a LaporError, a generic one (logged) otherwise."""
    if isinstance(error, LaporError):
        QMessageBox.warning(parent, _("LAPOR Desk"), str(error))
        return
    log.error("unexpected error", exc_info=error)
    QMessageBox.critical(
        parent,
        _("LAPOR Desk"),
        _("An unexpected error occurred; nothing was saved. Details: {error}").format(
            error=error
        ),
    )
