"""Shared fixtures of the unit tests: the UI language, isolated from the process-wide state."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from lapor_desk import i18n

#: The Indonesian catalog; owned by the translators and possibly not written yet.
ID_CATALOG = i18n.resources_dir() / "locale" / "id" / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
#: Until it holds a translation, checks that need Indonesian text are skipped, not failed.
ID_CATALOG_WRITTEN = ID_CATALOG.exists() and bool(i18n.load_catalog("id"))
_NOT_WRITTEN = f"Indonesian catalog missing or without translations: {ID_CATALOG}"

needs_id_catalog = pytest.mark.skipif(not ID_CATALOG.exists(), reason=_NOT_WRITTEN)


@contextmanager
def _fresh_language(code: str | None) -> Iterator[str]:
    """A fresh translation state (as at start-up), ``code`` activated unless ``None``.

    The process-wide state object is swapped rather than changed, so that whatever language was
    active before (Indonesian by default) is back afterwards even without a catalog to reload.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(i18n, "_state", i18n._State())
        if code is not None:
            i18n.activate(code)
        yield i18n.current_language()


@pytest.fixture(params=[pytest.param("id", marks=needs_id_catalog), "en"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    """Each UI language in turn; Indonesian only once its catalog exists."""
    with _fresh_language(request.param) as code:
        yield code


@pytest.fixture
def english() -> Iterator[str]:
    """English UI, as after ``activate("en")``; Indonesian is restored afterwards."""
    with _fresh_language("en") as code:
        yield code


@pytest.fixture
def default_language() -> Iterator[str]:
    """The language state of a freshly started process (nothing activated yet)."""
    with _fresh_language(None) as code:
        yield code


@pytest.fixture
def indonesian_by_default() -> Iterator[str]:
    """A freshly started process, once the Indonesian catalog exists (skipped until then)."""
    if not ID_CATALOG_WRITTEN:
        pytest.skip(_NOT_WRITTEN)
    with _fresh_language(None) as code:
        yield code
