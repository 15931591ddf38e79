"""Preferences of this computer's user, outside the register: for now the UI language.

A small JSON file in the user's configuration folder (platformdirs). The register holds what
everybody sharing it must agree on (calendar, SLA rules); the language is one person's choice.
No Qt here, so the composition root reads it before building any widget.
"""

from __future__ import annotations

import json
from pathlib import Path

from lapor_desk.i18n import LANGUAGES

APP_NAME = "lapor-desk"
FILENAME = "preferences.json"


def preferences_path() -> Path:
    """The preferences file in the user's configuration folder."""
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / FILENAME


def _read(path: Path) -> dict[str, object]:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        # A damaged preferences file must not keep the window from opening; defaults apply
        # and the next save writes a good file.
        return {}
    return value if isinstance(value, dict) else {}


def stored_language(path: Path | None = None) -> str | None:
    """The UI language the user chose (``"id"`` or ``"en"``), or None when never chosen."""
    value = _read(path or preferences_path()).get("language")
    return value if isinstance(value, str) and value in LANGUAGES else None


def save_language(language: str, path: Path | None = None) -> None:
    """Remember ``language`` for the next start."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    target = path or preferences_path()
    values = _read(target)
    values["language"] = language
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".tmp")
    temporary.write_text(json.dumps(values, indent=2), encoding="utf-8")
    temporary.replace(target)  # atomic: a crash leaves the old file or the new one
