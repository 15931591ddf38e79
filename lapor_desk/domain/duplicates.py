"""Is a new complaint probably one the register already holds? Titles compared by token overlap."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

#: A complaint from the same reporter within this many days may be the same one sent again.
DUPLICATE_WINDOW = timedelta(days=30)
#: Titles sharing at least this share of the shorter title's words count as similar.
SIMILAR_TITLE = 0.5

_WORD = re.compile(r"\w+")
# Function words and complaint boilerplate that say nothing about what a complaint is about.
_STOPWORDS = frozenset(
    {
        "ada", "adalah", "agar", "akan", "atau", "belum", "bisa", "dan", "dari", "dengan",
        "hingga", "ini", "itu", "juga", "kami", "karena", "kenapa", "ketika", "mohon", "oleh",
        "pada", "para", "saya", "sampai", "sejak", "sudah", "tapi", "tetapi", "tidak", "tolong",
        "untuk", "yang", "tdk", "blm", "sdh", "utk", "dgn",
    }
)


def title_tokens(title: str) -> frozenset[str]:
    """The words of ``title`` that carry meaning: case-folded, three letters or more."""
    return frozenset(
        word
        for word in _WORD.findall(title.casefold())
        if len(word) >= 3 and word not in _STOPWORDS
    )


def title_similarity(first: str, second: str) -> float:
    """Share of the shorter title's words that the other title has too (0.0–1.0)."""
    a, b = title_tokens(first), title_tokens(second)
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def within_window(first: datetime, second: datetime) -> bool:
    """Whether two receipt times are at most :data:`DUPLICATE_WINDOW` apart, in either order."""
    return abs(first - second) <= DUPLICATE_WINDOW


def is_similar_title(first: str, second: str) -> bool:
    """Whether the titles are similar enough to suggest the same complaint."""
    return title_similarity(first, second) >= SIMILAR_TITLE
