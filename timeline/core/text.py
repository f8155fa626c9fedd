"""Small text helpers shared by the extract modules."""

from __future__ import annotations

import functools
import re
import unicodedata

from timeline.query.search import normalise


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Comparable form: case, accents, curly apostrophes and spacing ignored."""
    return " ".join(normalise(text).split())


def slug(text: str, words: int | None = None) -> str:
    """'Northern Mali' -> 'northern-mali'; ids in a collection are lower-case ASCII with hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    parts = re.findall(r"[a-z0-9]+", ascii_text.lower())
    if words is not None:
        parts = parts[:words]
    return "-".join(parts) or "x"


def words(text: str) -> frozenset[str]:
    """A word list written as one string (easier to read and extend than a list of quoted words)."""
    return frozenset(text.split())
