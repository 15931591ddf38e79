"""What every builder needs besides its data: letterhead, paper, place, signer and masking."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from lapor_desk.domain.privacy import mask_name, mask_text
from lapor_desk.reports.document import (
    Block,
    Document,
    Letterhead,
    Paper,
    Signer,
    Stamp,
    sealed,
)
from lapor_desk.reports.lang import _

_NIP = re.compile(r"\d{18}")


class Masking(StrEnum):
    """How much of reporters' identities a document shows.

    NIK-like numbers, phone numbers and e-mail addresses in texts are masked in both levels,
    and the identity of an Anonim or Rahasia reporter is never shown: that cannot be switched
    off. ``STRICT`` also reduces every other reporter's name to initials.
    """

    STANDARD = "standard"
    STRICT = "strict"


@dataclass(frozen=True, slots=True)
class DocumentSetup:
    """Settings shared by every document (letterhead fields come from the register settings)."""

    letterhead: Letterhead | None = None
    paper: Paper = Paper.A4
    city: str = "Jakarta"
    head_signer: Signer | None = None
    masking: Masking = Masking.STANDARD


def safe_text(text: str | None) -> str:
    """Complaint or meeting text with personal numbers masked; hidden whole if masking fails."""
    if not text:
        return ""
    try:
        return mask_text(text)
    except Exception:  # fail closed: an unmaskable text is not printed at all
        return _("[text hidden: it could not be checked for personal data]")


def reporter_label(
    name: str | None, anonim: bool, rahasia: bool, masking: Masking
) -> str:
    """What a document may say about the reporter (DOMAIN.md §3: when in doubt, mask)."""
    if anonim:
        return _("Withheld (anonymous reporter)")
    if rahasia:
        return _("Withheld (confidential report)")
    if not name or not name.strip():
        return _("Not stated")
    if masking is Masking.STRICT:
        return mask_name(name)
    return safe_text(name.strip())


def nip_text(value: str) -> str:
    """An 18-digit NIP written the official way: ``19850312 201001 1 005``."""
    digits = value.replace(" ", "")
    if _NIP.fullmatch(digits):
        return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"
    return value.strip()


def finish(
    setup: DocumentSetup,
    *,
    title: str,
    kind: str,
    blocks: list[Block],
    snapshot: datetime,
    draft: bool = False,
) -> Document:
    """The sealed document: stamp with the content hash, paper and letterhead from ``setup``."""
    return sealed(
        Document(
            title=title,
            blocks=tuple(blocks),
            stamp=Stamp(snapshot),
            letterhead=setup.letterhead,
            paper=setup.paper,
            draft=draft,
            kind=kind,
        )
    )
