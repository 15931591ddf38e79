"""Checks and normalisation of what people type: NIK, phone numbers, e-mail, tracking ids."""

from __future__ import annotations

import re

from lapor_desk.domain.errors import ValidationError
from lapor_desk.i18n import _

_NIK = re.compile(r"[0-9]{16}")  # ASCII only: \d also matches other scripts' digits
_SEPARATORS = re.compile(r"[\s\-.()/]")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
LOCAL_TRACKING_PREFIX = "LD-"


def normalize_nik(value: str, field: str = "reporter_nik") -> str:
    """A 16-digit NIK as digits only; spaces and dots people type in between are removed.

    The birth date inside the NIK (digits 7–12; women add 40 to the day) must be a possible date.
    """
    digits = re.sub(r"[\s.]", "", value)
    if not _NIK.fullmatch(digits):
        raise ValidationError(field, _("NIK must consist of exactly 16 digits."))
    day, month = int(digits[6:8]), int(digits[8:10])
    if day > 40:
        day -= 40
    if not (1 <= day <= 31 and 1 <= month <= 12):
        raise ValidationError(field, _("NIK does not contain a valid date of birth."))
    return digits


def normalize_phone(value: str, field: str = "reporter_phone") -> str:
    """An Indonesian phone number in national form (``08…`` or area code), digits only.

    Accepts ``+62``/``62`` prefixes and the usual separators; mobile numbers have 10–13 digits,
    landlines 9–11 (with area code).
    """
    digits = _SEPARATORS.sub("", value)
    if digits.startswith("+62"):
        digits = "0" + digits[3:]
    elif digits.startswith("62"):
        digits = "0" + digits[2:]
    if (
        not (digits.isascii() and digits.isdigit())
        or not digits.startswith("0")
        or digits.startswith("00")
    ):
        raise ValidationError(
            field, _("Phone number must be an Indonesian number, e.g. 0812-3456-7890.")
        )
    low, high = (10, 13) if digits.startswith("08") else (9, 11)
    if not low <= len(digits) <= high:
        raise ValidationError(
            field,
            _("Phone number must have {low} to {high} digits.").format(low=low, high=high),
        )
    return digits


def normalize_email(value: str, field: str = "reporter_email") -> str:
    """An e-mail address, trimmed and checked for the obvious shape."""
    text = value.strip()
    if not _EMAIL.fullmatch(text):
        raise ValidationError(field, _("E-mail address is not valid."))
    return text


def require_text(value: str | None, field: str, label: str) -> str:
    """``value`` stripped; a clear error naming ``label`` when it is empty."""
    text = (value or "").strip()
    if not text:
        raise ValidationError(field, _("{label} is required.").format(label=label))
    return text


def normalize_tracking_id(value: object) -> str:
    """A portal tracking id as a digit string: ``5216807.0`` → ``5216807``; local ids unchanged."""
    if isinstance(value, bool):
        raise ValidationError("tracking_id", _("Tracking ID is not valid."))
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, float):
        if not value.is_integer() or value < 0:
            raise ValidationError("tracking_id", _("Tracking ID is not valid."))
        text = str(int(value))
    else:
        text = str(value).strip()
        if re.fullmatch(r"\d+\.0+", text):
            text = text.split(".", 1)[0]
    if text.startswith(LOCAL_TRACKING_PREFIX) or (
        text.isascii() and text.isdigit() and len(text) <= 12
    ):
        return text
    raise ValidationError("tracking_id", _("Tracking ID is not valid."))


def tracking_id_in(query: str) -> str | None:
    """The tracking ID a search text may stand for: 5 to 12 digits, or ``LD-yyyy-nnnnn``.

    A reporter on the phone reads out the number; the search looks it up as well as the words.
    """
    text = query.strip()
    if text.isascii() and text.isdigit() and 5 <= len(text) <= 12:
        return text
    if re.fullmatch(re.escape(LOCAL_TRACKING_PREFIX) + r"\d{4}-\d{5}", text, re.IGNORECASE):
        return text.upper()  # as local_tracking_id writes it
    return None


def local_tracking_id(year: int, sequence: int) -> str:
    """Tracking id of a complaint entered here; the prefix can never clash with portal digits."""
    return f"{LOCAL_TRACKING_PREFIX}{year}-{sequence:05d}"
