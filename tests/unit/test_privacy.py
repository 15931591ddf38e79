"""Masking of reporters' personal data in fields and free text (DOMAIN.md: when in doubt, mask)."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lapor_desk.domain.enums import Role
from lapor_desk.domain.privacy import (
    BULLET,
    can_reveal_reporter,
    mask_email,
    mask_name,
    mask_nik,
    mask_phone,
    mask_text,
)
from lapor_desk.services import demo_texts

# Eight or more digits in a row (with the separators people type) left visible would be a leak:
# every masked form shows at most four digits together.
_VISIBLE_RUN = re.compile(r"\d(?:[ .\-]?\d){7,}")


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("3174051206850003", "3174••••••••0003"),
        ("3174 0512 0685 0003", "3174••••••••0003"),
        ("3174.0512.0685.0003", "3174••••••••0003"),
        ("12345", "•••••"),  # too short to be a NIK: hidden entirely, not shown
        ("12", "••••"),  # never reveals how short it was
        ("tidak tahu", "••••"),  # no digits at all: hidden
        ("", ""),
        ("   ", ""),
        (None, ""),
    ],
)
def test_mask_nik(typed: str | None, shown: str) -> None:
    assert mask_nik(typed) == shown


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("081234567890", "0812••••7890"),
        ("0812-3456-7890", "0812••••7890"),
        ("+62 812-3456-7890", "0812••••7890"),
        ("6281234567890", "0812••••7890"),
        ("0812345678", "0812••••78"),
        ("08123456", "0812••••"),  # eight digits: the tail is hidden too
        ("08123456789012", "0812••••••9012"),
        ("0812", "••••"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_phone(typed: str | None, shown: str) -> None:
    assert mask_phone(typed) == shown


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("budi.santoso@contoh.id", "b•••@contoh.id"),
        ("  siti@contoh.kemensos.test ", "s•••@contoh.kemensos.test"),
        ("@contoh.id", "•••@contoh.id"),
        ("bukan-email", "•••"),
        ("budi@", "•••"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_email(typed: str | None, shown: str) -> None:
    assert mask_email(typed) == shown


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("Budi Santoso", "B••• S•••"), ("  Siti  ", "S•••"), ("", ""), (None, "")],
)
def test_mask_name(typed: str | None, shown: str) -> None:
    assert mask_name(typed) == shown


@pytest.mark.parametrize(
    ("role", "anonim", "allowed"),
    [
        (Role.ADMIN, False, True),
        (Role.ADMIN, True, False),  # Anonim stays hidden for everyone
        (Role.OPERATOR, False, False),
        (Role.AUDITOR, False, False),
    ],
)
def test_only_admins_may_reveal_and_never_an_anonim_reporter(
    role: Role, anonim: bool, allowed: bool
) -> None:
    assert can_reveal_reporter(role, anonim) is allowed


def test_mask_text_masks_nik_phone_email_and_long_numbers_but_keeps_the_rest() -> None:
    text = (
        "NIK saya 3174 0512 0685 0003, HP 0812-3456-7890 atau +62 812 3456 789, "
        "telp (021) 8765-4321, rekening 1234567890, email budi@contoh.id. "
        "Bantuan Rp50.000 dipotong sejak 15-11-2022, laporan 4123456."
    )
    assert mask_text(text) == (
        "NIK saya 3174••••••••0003, HP 0812••••7890 atau 0812••••789, "
        "telp 0218••••321, rekening ••••••••••, email b•••@contoh.id. "
        "Bantuan Rp50.000 dipotong sejak 15-11-2022, laporan 4123456."
    )


def test_mask_text_fails_closed_on_numbers_it_cannot_classify() -> None:
    # A NIK typed with a digit too many, and a NIK glued to a phone number.
    assert mask_text("NIK 31740512068500031") == "NIK " + BULLET * 17
    assert mask_text("3174051206850003 081234567890") == BULLET * 28


@pytest.mark.parametrize("empty", ["", None])
def test_mask_text_of_nothing(empty: str | None) -> None:
    assert mask_text(empty) == ""


# How the synthetic complaints write NIKs and phone numbers (demo_texts._nik and _phone).
_DEMO_NIK = re.compile(r"(?<!\d)\d{16}(?!\d)")
_DEMO_PHONE = re.compile(r"(?<![\d+])(?:\+62 |0)8\d\d[- ]?\d{4}[- ]?\d{3,4}(?!\d)")


def test_mask_text_hides_every_nik_and_phone_of_the_synthetic_complaints() -> None:
    rng = random.Random(7)
    niks = phones = 0
    for index in range(600):
        code = demo_texts.TOPIC_CODES[index % len(demo_texts.TOPIC_CODES)]
        text = demo_texts.compose(
            rng, code, province="Jawa Barat", city="Kabupaten Bogor", month_name_id="Maret"
        )
        for body in (text.text_original, text.text_edited):
            masked = mask_text(body)
            for nik in _DEMO_NIK.findall(body):
                niks += 1
                assert nik not in masked and mask_nik(nik) in masked
            for phone in _DEMO_PHONE.findall(body):
                phones += 1
                assert phone not in masked and mask_phone(phone) in masked, (phone, masked)
            assert not _DEMO_NIK.search(masked) and not _DEMO_PHONE.search(masked)
    assert niks > 50 and phones > 50  # the checks above really met NIKs and phone numbers


_SEPARATOR = st.sampled_from(["", " ", ".", "-"])


@given(
    digits=st.text(alphabet="0123456789", min_size=12, max_size=12),
    separators=st.lists(_SEPARATOR, min_size=3, max_size=3),
    before=st.text(alphabet="abc ,:", max_size=10),
    after=st.text(alphabet="abc ,.", max_size=10),
)
def test_no_nik_survives_in_any_spelling(
    digits: str, separators: list[str], before: str, after: str
) -> None:
    nik = "3" + digits + "001"
    groups = [nik[0:4], nik[4:8], nik[8:12], nik[12:16]]
    typed = groups[0] + "".join(s + g for s, g in zip(separators, groups[1:], strict=True))
    masked = mask_text(f"{before} {typed} {after}")
    assert nik[4:12] not in re.sub(r"\D", "", masked)


@given(
    number=st.text(alphabet="0123456789", min_size=7, max_size=9),
    prefix=st.sampled_from(["08", "+62 8", "628", "(08"]),
    separator=_SEPARATOR,
)
def test_no_mobile_number_survives(number: str, prefix: str, separator: str) -> None:
    typed = prefix + number[:2] + separator + number[2:]
    masked = mask_text(f"hubungi {typed} ya")
    assert not _VISIBLE_RUN.search(masked)
    assert BULLET in masked
