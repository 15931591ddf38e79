"""Masking of reporters' personal data: NIK, phone numbers, e-mail, names, and free text.

DOMAIN.md: identities of Anonim reports, NIKs and phone numbers never reach a wider audience;
"when in doubt, mask". Every function here fails closed: input it cannot make sense of is hidden
entirely rather than shown.
"""

from __future__ import annotations

import re

from lapor_desk.domain.enums import Role

#: The character that stands for each hidden character.
BULLET = "•"

# A run of digits with at most two separators between digits ("0812-3456", "(021) 8765",
# "3174.0512"): the shapes in which people write NIKs and phone numbers inside text.
_NUMBER_RUN = re.compile(r"\(?\+?\d(?:[ .\-()\u00a0]{0,2}\d)*")
_EMAIL_IN_TEXT = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
#: A run of this many digits or more is hidden whatever it is (NIK, KK, account number, ...).
ALWAYS_MASKED_DIGITS = 10
#: Landline numbers with area code have at least this many digits.
SHORTEST_PHONE_DIGITS = 9
NIK_DIGITS = 16


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def _keep_ends(digits: str, head: int, tail: int) -> str:
    hidden = len(digits) - head - tail
    return digits[:head] + BULLET * hidden + (digits[-tail:] if tail else "")


def mask_nik(value: str | None) -> str:
    """``3174051206850003`` → ``3174••••••••0003``: the birth date and district stay hidden.

    Anything with fewer than 12 digits is hidden entirely; empty input gives ``""``.
    """
    if not value or not value.strip():
        return ""
    digits = _digits(value)
    if len(digits) < 12:
        return BULLET * max(len(digits), 4)
    return _keep_ends(digits, 4, 4)


def mask_phone(value: str | None) -> str:
    """``081234567890`` → ``0812••••7890``; ``+62`` becomes ``0``; at least four digits hidden.

    Fewer than 8 digits are hidden entirely; empty input gives ``""``.
    """
    if not value or not value.strip():
        return ""
    digits = _digits(value)
    if value.lstrip().startswith("+62") or digits.startswith("62"):
        digits = "0" + digits[2:]
    if len(digits) < 8:
        return BULLET * max(len(digits), 4)
    hidden = max(4, len(digits) - 8)
    return _keep_ends(digits, 4, len(digits) - 4 - hidden)


def mask_email(value: str | None) -> str:
    """``budi.santoso@contoh.id`` → ``b•••@contoh.id``; no ``@`` at all → ``•••``."""
    if not value or not value.strip():
        return ""
    local, at, domain = value.strip().rpartition("@")
    if not at or not domain:
        return BULLET * 3
    return (local[:1] + BULLET * 3 if local else BULLET * 3) + "@" + domain


def mask_name(value: str | None) -> str:
    """``Budi Santoso`` → ``B••• S•••``: initials only; empty input gives ``""``."""
    if not value:
        return ""
    return " ".join(word[0] + BULLET * 3 for word in value.split())


def can_reveal_reporter(role: Role, anonim: bool) -> bool:
    """Whether ``role`` may unmask a reporter: admins only, and never an Anonim reporter."""
    return role is Role.ADMIN and not anonim


def _mask_number(match: re.Match[str]) -> str:
    raw = match.group(0)
    digits = _digits(raw)
    if len(digits) == NIK_DIGITS:
        return mask_nik(digits)
    phone_like = raw.lstrip("(").startswith(("0", "+62", "62"))
    if phone_like and SHORTEST_PHONE_DIGITS <= len(digits) <= 14:
        return mask_phone(raw)
    if len(digits) >= ALWAYS_MASKED_DIGITS:
        return BULLET * len(digits)
    return raw


def mask_text(text: str | None) -> str:
    """``text`` with NIK-like numbers, phone numbers and e-mail addresses masked.

    A 16-digit run (also written with spaces, dots or dashes) is masked as a NIK; a run that
    starts like an Indonesian phone number (``0…``, ``62…``, ``+62…``) with 9–14 digits as a
    phone number; any other run of 10 or more digits (account or family-card numbers, or a NIK
    written with a digit too many) is hidden completely. Shorter numbers — amounts, dates,
    tracking ids — stay as they are.
    """
    if not text:
        return ""
    masked = _EMAIL_IN_TEXT.sub(lambda m: mask_email(m.group(0)), text)
    return _NUMBER_RUN.sub(_mask_number, masked)
