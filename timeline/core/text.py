"""Text helpers every stage shares: folding (case and accents), slugs, word lists, where sentences end."""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from collections.abc import Iterator


def fold_accents(text: str, ascii_only: bool = False) -> str:
    """'Émir' -> 'Emir': letters without their accents. With `ascii_only`, every other non-ASCII character
    goes too ('Tromsø' -> 'Troms'), as an id must be plain ASCII."""
    decomposed = unicodedata.normalize("NFKD", text)
    if ascii_only:
        return decomposed.encode("ascii", "ignore").decode()
    return decomposed.translate(_combining())


@functools.cache
def _combining() -> dict[int, None]:
    # Every combining mark, dropped by str.translate in C: a Python test per character took
    # 10 s for the search text of 100,000 events.
    return {code: None for code in range(sys.maxunicode + 1) if unicodedata.combining(chr(code))}


def normalise(text: str) -> str:
    """Case- and accent-insensitive form: 'Émir' and 'emir' match; ’ and ' match. Spacing is kept, so a
    search's haystack keeps its word boundaries."""
    return fold_accents(text.casefold().replace("’", "'").replace("‘", "'"))


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Comparable form of a name: case, accents, curly apostrophes and spacing ignored."""
    return " ".join(normalise(text).split())


def slug(text: str, words: int | None = None, *, join_apostrophes: bool = False, empty: str = "x") -> str:
    """'Northern Mali' -> 'northern-mali': lower-case ASCII letters and digits joined by hyphens.

    `words` keeps the first so many words. `join_apostrophes` keeps "Gutenberg's" one word ('gutenbergs',
    not 'gutenberg-s'). A text with no letter or digit gives `empty`. The defaults make extract's ids; the
    TimelineJS import joins apostrophes and passes empty='' to fall back on the slide's kind. The two differ
    because ids already written by either command must not change when it is run again.
    """
    if join_apostrophes:
        text = re.sub(r"(?<=\w)['’](?=\w)", "", text)
    parts = re.findall(r"[a-z0-9]+", fold_accents(text, ascii_only=True).lower())
    if words is not None:
        parts = parts[:words]
    return "-".join(parts) or empty


def words(text: str) -> frozenset[str]:
    """A word list written as one string (easier to read and extend than a list of quoted words)."""
    return frozenset(text.split())


# A sentence ends at a stop and the closing quotes or brackets after it: 'ended.', 'said.”', '(in 2012.)'.
SENTENCE_STOP = "[.!?]"
SENTENCE_CLOSERS = r"[\"'”’)\]]*"
SENTENCE_END = SENTENCE_STOP + SENTENCE_CLOSERS
SENTENCE_START = re.compile(rf"(?:^|(?<={SENTENCE_STOP}){SENTENCE_CLOSERS}\s+|\n\s*)(?=\S)")
# The bullet of a plain-text list item ('• ', '- ', '12. '): the item's words, and its first sentence, follow it.
LIST_BULLET = re.compile(r"(?:[*•·▪‣◦+]|[-–](?=[ \t])|\d{1,3}[.)](?=[ \t]))[ \t]+")
_BULLET_FIRST = frozenset("*•·▪‣◦+-–0123456789")


def sentence_starts(text: str) -> Iterator[int]:
    """Offsets where a sentence may begin: the text's first word, the word after a sentence's end, the first
    word of a line, and the first word after a list item's bullet. Every real start is among them and some
    that are not (an abbreviation's stop counts too), which is what an index of starts wants;
    extract/sentences.py is the splitter that decides which stops end a sentence, as a draft's quotes must
    be whole sentences."""
    for match in SENTENCE_START.finditer(text):
        at = match.end()
        yield at
        if text[at] in _BULLET_FIRST:
            bullet = LIST_BULLET.match(text, at)
            if bullet:
                yield bullet.end()
