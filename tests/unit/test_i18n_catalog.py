"""Every user-visible string in the source has an Indonesian translation."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir

from lapor_desk.i18n import load_catalog

PACKAGE = Path(__file__).resolve().parents[2] / "lapor_desk"


def _source_messages() -> set[str]:
    found: set[str] = set()
    keywords = {
        "_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "NC_": ((1, "c"), 2)
    }
    for _file, _line, message, _comments, context in extract_from_dir(
        PACKAGE, method_map=[("**.py", "python")], keywords=keywords
    ):
        messages = message if isinstance(message, tuple) else (message,)
        # The catalog keys a message with a context as gettext does: context, EOT, message.
        found.update(m if context is None else f"{context}\x04{m}" for m in messages if m)
    return found


def test_every_source_string_is_translated_to_indonesian() -> None:
    catalog = load_catalog("id")
    untranslated = sorted(_source_messages() - catalog.keys())
    assert untranslated == [], "run scripts/update-catalog and translate: " + repr(untranslated)


def test_placeholders_survive_translation() -> None:
    catalog = load_catalog("id")
    for source, translated in catalog.items():
        for field in ("{current}", "{target}", "{n}", "{date}", "{path}", "{label}", "%1"):
            assert (field in source) == (field in translated), (source, translated)
