"""Likely duplicates: similar titles by normalised token overlap, within 30 days."""

from __future__ import annotations

from datetime import datetime

import pytest

from lapor_desk.domain.duplicates import (
    is_similar_title,
    title_similarity,
    title_tokens,
    within_window,
)


def test_tokens_drop_case_punctuation_short_and_function_words() -> None:
    assert title_tokens("Bantuan PKH, tidak diterima sejak Agustus!") == {
        "bantuan", "pkh", "diterima", "agustus",
    }


@pytest.mark.parametrize(
    ("first", "second", "similar"),
    [
        ("Bantuan PKH tidak diterima sejak Agustus", "PKH agustus belum diterima", True),
        ("Bantuan PKH tidak diterima", "bantuan pkh TIDAK DITERIMA!!", True),
        ("Bantuan PKH tidak diterima", "Kartu KKS hilang", False),
        ("Bantuan PKH tidak diterima", "Data DTKS salah nama", False),
        ("yang dan di", "Bantuan PKH", False),  # nothing meaningful to compare
    ],
)
def test_similar_titles(first: str, second: str, similar: bool) -> None:
    assert is_similar_title(first, second) is similar


def test_similarity_is_the_share_of_the_shorter_title() -> None:
    assert title_similarity("bantuan pkh", "bantuan pkh belum cair kecamatan") == 1.0
    assert title_similarity("bantuan pkh cair", "bantuan bpnt terlambat") == pytest.approx(1 / 3)
    assert title_similarity("", "bantuan") == 0.0


def test_window_is_thirty_days_either_way() -> None:
    day = datetime(2022, 11, 14, 10, 0)
    assert within_window(day, datetime(2022, 10, 15, 10, 0))
    assert within_window(datetime(2022, 12, 14, 10, 0), day)
    assert not within_window(day, datetime(2022, 10, 15, 9, 59))
