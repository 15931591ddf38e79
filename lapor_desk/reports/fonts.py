"""The documents' font: Arial where the system has it, the bundled Liberation Sans otherwise.

Liberation Sans is metric-compatible with Arial (SIL Open Font License, see
``resources/fonts/README.md``), so line breaks and page counts do not depend on the laptop. The
DOCX names "Arial" and lets Word or LibreOffice substitute; the PDF embeds the files found here.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lapor_desk.i18n import resources_dir

#: The family name written into DOCX files.
DOCX_FAMILY = "Arial"
STYLES = ("regular", "bold", "italic", "bold_italic")

_ARIAL_NAMES = {
    "regular": ("arial.ttf", "Arial.ttf"),
    "bold": ("arialbd.ttf", "Arial_Bold.ttf", "Arial Bold.ttf"),
    "italic": ("ariali.ttf", "Arial_Italic.ttf", "Arial Italic.ttf"),
    "bold_italic": ("arialbi.ttf", "Arial_Bold_Italic.ttf", "Arial Bold Italic.ttf"),
}
_BUNDLED = {
    "regular": "LiberationSans-Regular.ttf",
    "bold": "LiberationSans-Bold.ttf",
    "italic": "LiberationSans-Italic.ttf",
    "bold_italic": "LiberationSans-BoldItalic.ttf",
}


@dataclass(frozen=True, slots=True)
class FontSet:
    """The four TrueType files of one family and the family's name."""

    family: str
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path


def _system_font_dirs() -> list[Path]:
    dirs: list[Path] = []
    if sys.platform.startswith("win"):
        dirs.append(Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts")
    elif sys.platform == "darwin":
        dirs += [Path("/System/Library/Fonts/Supplemental"), Path("/Library/Fonts")]
    else:
        dirs += [
            Path("/usr/share/fonts/truetype/msttcorefonts"),
            Path("/usr/share/fonts/truetype/ms-core-fonts"),
            Path.home() / ".fonts",
        ]
    return dirs


def bundled_fonts() -> FontSet:
    """Liberation Sans as shipped with LAPOR Desk."""
    folder = resources_dir() / "fonts"
    return FontSet("Liberation Sans", *(folder / _BUNDLED[style] for style in STYLES))


def _find_arial(dirs: list[Path]) -> FontSet | None:
    found: dict[str, Path] = {}
    for style in STYLES:
        for folder in dirs:
            match = next(
                (folder / name for name in _ARIAL_NAMES[style] if (folder / name).is_file()),
                None,
            )
            if match is not None:
                found[style] = match
                break
        else:
            return None
    return FontSet("Arial", *(found[style] for style in STYLES))


@cache
def document_fonts(prefer_system: bool = True) -> FontSet:
    """Arial from the system when all four styles are there, else the bundled family."""
    if prefer_system:
        arial = _find_arial(_system_font_dirs())
        if arial is not None:
            return arial
    return bundled_fonts()
