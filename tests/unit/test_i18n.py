"""The user's language: Bahasa Indonesia by default, English on request."""

from __future__ import annotations

import pytest

from lapor_desk import i18n
from lapor_desk.domain.enums import InternalStatus as S
from lapor_desk.domain.enums import SlaState
from lapor_desk.domain.errors import InvalidTransition, ValidationError
from lapor_desk.domain.lifecycle import check_transition
from lapor_desk.domain.validation import normalize_phone


def test_a_fresh_start_speaks_indonesian(default_language: str) -> None:
    assert default_language == "id"
    assert i18n.current_language() == "id"


def test_an_unsupported_language_is_refused_and_the_current_one_kept(english: str) -> None:
    with pytest.raises(ValueError, match="fr"):
        i18n.activate("fr")

    assert i18n.current_language() == "en"
    assert S.SELESAI.label == "Completed"


def test_one_english_word_with_two_meanings_is_told_apart_by_its_context(
    indonesian_by_default: str,
) -> None:
    # "Open" is a complaint's state in the register and a button of Qt's file dialogs.
    assert i18n._("Open") == "Terbuka"
    assert i18n.pgettext("QPlatformTheme", "Open") == "Buka"
    assert i18n.pgettext("no such context", "Open") == "Open"
    assert i18n.NC_("QPlatformTheme", "Open") == "Open"  # marked, not translated


@pytest.mark.usefixtures("indonesian_by_default")
class TestIndonesianByDefault:
    @pytest.mark.parametrize(
        ("status", "word"),
        [
            (S.BELUM_TERVERIFIKASI, "terverifikasi"),
            (S.BELUM_DITINDAKLANJUTI, "ditindaklanjuti"),
            (S.PROSES, "proses"),
            (S.SELESAI, "selesai"),
            (S.MENUNGGU_KELENGKAPAN, "menunggu"),
            (S.DIARSIPKAN, "diarsipkan"),
            (S.TERBLOKIR, "terblokir"),
        ],
    )
    def test_status_labels_use_the_statistics_vocabulary(self, status: S, word: str) -> None:
        assert word in status.label.lower()

    def test_no_label_is_left_in_english(self) -> None:
        indonesian = {member: member.label for member in [*S, *SlaState]}
        i18n.activate("en")
        english = {member: member.label for member in [*S, *SlaState]}

        assert all(indonesian[m] != english[m] for m in indonesian)

    def test_a_refused_move_is_explained_in_indonesian(self) -> None:
        with pytest.raises(InvalidTransition) as caught:
            check_transition(S.SELESAI, S.DIARSIPKAN, reason="x")

        message = str(caught.value)
        assert S.SELESAI.label in message
        assert S.DIARSIPKAN.label in message
        assert "cannot be changed" not in message

    def test_validation_messages_are_in_indonesian(self) -> None:
        with pytest.raises(ValidationError) as caught:
            normalize_phone("081234567")

        assert "10" in str(caught.value)
        assert "digits" not in str(caught.value)
