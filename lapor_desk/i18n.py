"""Translation for every layer: English source strings, Bahasa Indonesia by default.

The catalogs are Babel ``.po`` files under ``resources/locale``; they are read directly (no
compiled ``.mo`` in the tree). The active language is process state, as gettext's own is: the
composition roots (``app.py``, ``cli.py``) call :func:`activate` once; until then the default
language, Indonesian, is used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DEFAULT_LANGUAGE = "id"
LANGUAGES = ("id", "en")
DOMAIN = "lapor_desk"


def resources_dir() -> Path:
    """The folder of bundled resources (icons, catalogs, samples)."""
    return Path(__file__).resolve().parent / "resources"


@dataclass(slots=True)
class _State:
    language: str = DEFAULT_LANGUAGE
    catalog: dict[str, str] = field(default_factory=dict)
    loaded: bool = False


_state = _State()


@cache
def load_catalog(language: str) -> dict[str, str]:
    """The msgid → msgstr table of ``language`` (empty for English, the source language)."""
    if language == "en":
        return {}
    from babel.messages.pofile import read_po

    path = resources_dir() / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as handle:
        po = read_po(handle, locale=language)
    table: dict[str, str] = {}
    for message in po:
        if not message.id or message.fuzzy:
            continue
        ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
        strings = (
            message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        )
        if all(strings):
            # Indonesian has one plural form: singular and plural share the one translation.
            for source in ids:
                table[_key(message.context, str(source))] = str(strings[-1])
    return table


def _key(context: str | None, message: str) -> str:
    # gettext's own convention: a message with a context is looked up as context EOT message.
    return message if context is None else f"{context}\x04{message}"


def activate(language: str) -> None:
    """Make ``language`` (``"id"`` or ``"en"``) the language of every later ``_()`` call."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; choose one of {LANGUAGES}")
    _state.language = language
    _state.catalog = load_catalog(language)
    _state.loaded = True


def current_language() -> str:
    """The active language code."""
    return _state.language


def _(message: str) -> str:
    """Translate ``message`` into the active language."""
    if not _state.loaded:
        activate(_state.language)
    return _state.catalog.get(message, message)


def N_(message: str) -> str:  # noqa: N802 - gettext's conventional name
    """Mark ``message`` for extraction without translating it now."""
    return message


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` as meant in ``context`` (one English word, two meanings)."""
    if not _state.loaded:
        activate(_state.language)
    return _state.catalog.get(_key(context, message), message)


def NC_(context: str, message: str) -> str:  # noqa: N802 - N_ with a context, as in GLib
    """Mark ``message`` in ``context`` for extraction without translating it now."""
    del context
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a count (Indonesian has one form)."""
    return _(singular if n == 1 else plural)
