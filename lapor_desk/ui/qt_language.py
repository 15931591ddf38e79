"""Qt's own widgets in the window's language: dates through QLocale, texts through our catalog.

Qt ships no Indonesian translation of its widgets, so in an Indonesian window its standard
buttons ("OK", "Cancel", "Yes"), the context menus of text fields and spin boxes, the message
box's "Show Details..." and Qt's own file dialog would speak English, and a date field's
calendar would name English months. :func:`apply_language` sets Qt's default locale to the
window's language and installs :class:`QtTexts`, a translator that answers Qt's lookups from
LAPOR Desk's own catalog: each of Qt's texts is a message there whose context is the Qt class
that asks for it (:data:`QT_TEXTS`, which the catalog is extracted from).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from lapor_desk import i18n
from lapor_desk.i18n import NC_

#: Qt's texts that a user of LAPOR Desk meets, by the Qt class that asks for them, exactly as
#: Qt 6 writes them; each is an ``NC_`` call so that the catalog extraction finds it. Keyboard
#: shortcuts ("Alt+Left", "Ctrl") stay as Qt writes them.
QT_TEXTS: dict[str, tuple[str, ...]] = {
    "QPlatformTheme": (
        NC_("QPlatformTheme", "OK"),
        NC_("QPlatformTheme", "Cancel"),
        NC_("QPlatformTheme", "Save"),
        NC_("QPlatformTheme", "Save All"),
        NC_("QPlatformTheme", "Open"),
        NC_("QPlatformTheme", "Close"),
        NC_("QPlatformTheme", "Apply"),
        NC_("QPlatformTheme", "Reset"),
        NC_("QPlatformTheme", "Restore Defaults"),
        NC_("QPlatformTheme", "Help"),
        NC_("QPlatformTheme", "Discard"),
        NC_("QPlatformTheme", "Abort"),
        NC_("QPlatformTheme", "Retry"),
        NC_("QPlatformTheme", "Ignore"),
        NC_("QPlatformTheme", "&Yes"),
        NC_("QPlatformTheme", "Yes to &All"),
        NC_("QPlatformTheme", "&No"),
        NC_("QPlatformTheme", "N&o to All"),
    ),
    # The same buttons as a GNOME desktop's Qt theme names them (not asked offscreen).
    "QGnomeTheme": (
        NC_("QGnomeTheme", "&OK"),
        NC_("QGnomeTheme", "&Save"),
        NC_("QGnomeTheme", "&Cancel"),
        NC_("QGnomeTheme", "&Close"),
        NC_("QGnomeTheme", "Close without Saving"),
    ),
    "QMessageBox": (
        NC_("QMessageBox", "Show Details..."),
        NC_("QMessageBox", "Hide Details..."),
    ),
    "QProgressDialog": (
        NC_("QProgressDialog", "Cancel"),
    ),
    "QInputDialog": (
        NC_("QInputDialog", "Enter a value:"),
    ),
    "QLineEdit": (
        NC_("QLineEdit", "&Undo"),
        NC_("QLineEdit", "&Redo"),
        NC_("QLineEdit", "Cu&t"),
        NC_("QLineEdit", "&Copy"),
        NC_("QLineEdit", "&Paste"),
        NC_("QLineEdit", "Delete"),
        NC_("QLineEdit", "Select All"),
    ),
    "QWidgetTextControl": (
        NC_("QWidgetTextControl", "&Undo"),
        NC_("QWidgetTextControl", "&Redo"),
        NC_("QWidgetTextControl", "Cu&t"),
        NC_("QWidgetTextControl", "&Copy"),
        NC_("QWidgetTextControl", "&Paste"),
        NC_("QWidgetTextControl", "Delete"),
        NC_("QWidgetTextControl", "Select All"),
    ),
    "QAbstractSpinBox": (
        NC_("QAbstractSpinBox", "&Select All"),
        NC_("QAbstractSpinBox", "&Step up"),
        NC_("QAbstractSpinBox", "Step &down"),
    ),
    "QFileDialog": (
        NC_("QFileDialog", "Open"),  # the dialog's title, when the caller gives none
        NC_("QFileDialog", "Save As"),
        NC_("QFileDialog", "&Look in:"),
        NC_("QFileDialog", "File &name:"),
        NC_("QFileDialog", "Files of &type:"),
        NC_("QFileDialog", "&Open"),
        NC_("QFileDialog", "&Save"),
        NC_("QFileDialog", "All Files (*)"),
        NC_("QFileDialog", "Files"),
        NC_("QFileDialog", "Back"),
        NC_("QFileDialog", "Forward"),
        NC_("QFileDialog", "Parent Directory"),
        NC_("QFileDialog", "Go back"),
        NC_("QFileDialog", "Go forward"),
        NC_("QFileDialog", "Go to the parent directory"),
        NC_("QFileDialog", "Create New Folder"),
        NC_("QFileDialog", "Create a New Folder"),
        NC_("QFileDialog", "List View"),
        NC_("QFileDialog", "Detail View"),
        NC_("QFileDialog", "Change to list view mode"),
        NC_("QFileDialog", "Change to detail view mode"),
        NC_("QFileDialog", "Sidebar"),
        NC_("QFileDialog", "List of places and bookmarks"),
        NC_("QFileDialog", "&New Folder"),
        NC_("QFileDialog", "&Rename"),
        NC_("QFileDialog", "&Delete"),
        NC_("QFileDialog", "Show &hidden files"),
        NC_("QFileDialog", "Show "),  # followed by a column's name, in the header's menu
        NC_("QFileDialog", "%1 already exists.\nDo you want to replace it?"),
        NC_("QFileDialog", "%1\nFile not found.\nPlease verify the correct file name was given."),
    ),
    "QFileSystemModel": (
        NC_("QFileSystemModel", "Name"),
        NC_("QFileSystemModel", "Size"),
        NC_("QFileSystemModel", "Type"),
        NC_("QFileSystemModel", "Date Modified"),
        NC_("QFileSystemModel", "Computer"),
    ),
}

_KNOWN = {context: frozenset(texts) for context, texts in QT_TEXTS.items()}


class QtTexts(QTranslator):
    """Answers Qt's lookups of :data:`QT_TEXTS` in the active language; Qt keeps the rest."""

    def translate(  # None is Qt's null string: "no translation"
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        """Our translation of ``source_text`` for Qt's class ``context``, if we have one."""
        del disambiguation, n  # none of our texts depends on them
        if source_text not in _KNOWN.get(context, ()):
            return None
        return i18n.pgettext(context, source_text)

    def isEmpty(self) -> bool:  # noqa: N802 - Qt API
        """Never empty: its texts come from the catalog, not from a loaded file."""
        return False


_installed: list[QtTexts] = []


def apply_language(app: QCoreApplication) -> None:
    """Make Qt's own texts and dates follow the active language (once the application exists).

    Called again after another language was activated, it replaces what it installed before.
    """
    remove_translator(app)
    if i18n.current_language() == "id":
        QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
        translator = QtTexts(app)
        app.installTranslator(translator)
        _installed.append(translator)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def remove_translator(app: QCoreApplication) -> None:
    """Take :class:`QtTexts` out of ``app`` again, if :func:`apply_language` installed it."""
    for translator in _installed:
        app.removeTranslator(translator)
        translator.deleteLater()
    _installed.clear()
