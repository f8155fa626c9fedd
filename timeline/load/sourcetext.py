"""A source text: finding quotes in it and cutting it into paragraphs and passages.

Quotes are matched with whitespace folded (a spreadsheet may turn a line
break into a space), but offsets always point into the original text so the
reader can highlight exactly what the file says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from timeline.core.text import sentence_starts
from timeline.i18n import gettext as _
from timeline.i18n import ngettext

_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _folded_with_offsets(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the offset in `text`."""
    chars: list[str] = []
    offsets: list[int] = []
    previous_space = True  # drops leading whitespace
    for i, ch in enumerate(text):
        if ch.isspace():
            if not previous_space:
                chars.append(" ")
                offsets.append(i)
            previous_space = True
        else:
            chars.append(ch)
            offsets.append(i)
            previous_space = False
    return "".join(chars), offsets


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """(start, end) offsets of `quote` in `text`, whitespace-folded; None if absent."""
    needle = fold(quote)
    if not needle:
        return None
    folded, offsets = _folded_with_offsets(text)
    at = folded.find(needle)
    if at < 0:
        return None
    return offsets[at], offsets[at + len(needle) - 1] + 1


_KEY = 24


class QuoteFinder:
    """find_quote for many quotes of one source, without scanning the text for each.

    Most quotes begin where a sentence begins and keep the source's spacing, so
    an index of sentence starts answers them at once; others fall back to a
    plain search, and only a quote whose spacing differs pays for folding.
    """

    def __init__(self, text: str):
        self.text = text
        self._starts: dict[str, list[int]] = {}
        for at in sentence_starts(text):  # where extract's sentences start too (core.text: one rule)
            self._starts.setdefault(text[at : at + _KEY], []).append(at)
        self._folded: tuple[str, list[int]] | None = None

    def find(self, quote: str) -> tuple[int, int] | None:
        needle = quote.strip()
        if not needle:
            return None
        for at in self._starts.get(needle[:_KEY], ()):
            if self.text.startswith(needle, at):
                return at, at + len(needle)
        at = self.text.find(needle)
        if at >= 0:
            return at, at + len(needle)
        if self._folded is None:
            self._folded = _folded_with_offsets(self.text)
        folded, offsets = self._folded
        needle = fold(quote)
        at = folded.find(needle)
        if at < 0:
            return None
        return offsets[at], offsets[at + len(needle) - 1] + 1


def mismatch_hint(text: str, quote: str) -> str:
    """Why a quote is not in the text: where its longest matching start stops."""
    needle = fold(quote)
    folded, _offsets = _folded_with_offsets(text)
    low, high = 0, len(needle)
    while low < high:  # longest prefix of the quote that occurs in the text
        mid = (low + high + 1) // 2
        if needle[:mid] in folded:
            low = mid
        else:
            high = mid - 1
    if low < 10:
        return _("not even its opening words occur in the source")
    values = {"n": low, "quote": needle[low : low + 30], "source": _after(folded, needle[:low])}
    return (
        ngettext(
            "its first %(n)s character matches the source, then the quote has '%(quote)s' where the source has '%(source)s'",
            "its first %(n)s characters match the source, then the quote has '%(quote)s' where the source has '%(source)s'",
            low,
        )
        % values
    )


def _after(folded: str, prefix: str) -> str:
    at = folded.find(prefix) + len(prefix)
    return folded[at : at + 30]


@dataclass(frozen=True)
class Paragraph:
    number: int  # 1-based, counting non-empty paragraphs
    start: int
    end: int


def paragraphs(text: str) -> list[Paragraph]:
    """Non-empty blocks separated by blank lines (the profile puts one per line)."""
    found = []
    for match in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        if match.group().strip():
            found.append(Paragraph(len(found) + 1, match.start(), match.end()))
    return found


def paragraph_at(text: str, offset: int) -> Paragraph | None:
    for paragraph in paragraphs(text):
        if paragraph.start <= offset < paragraph.end:
            return paragraph
    return None


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    event_ids: tuple[str, ...]  # most specific (shortest quote) first; empty when no event quotes it


def segments(text: str, spans: dict[str, tuple[int, int]], start: int = 0, end: int | None = None) -> list[Segment]:
    """Cut text[start:end] at every quote boundary; each piece knows which events quote it."""
    end = len(text) if end is None else end
    # Only quotes that reach into this stretch matter; a long source has many paragraphs.
    spans = {eid: (a, b) for eid, (a, b) in spans.items() if a < end and b > start}
    cuts = {start, end}
    for a, b in spans.values():
        cuts.update(x for x in (a, b) if start < x < end)
    ordered = sorted(cuts)
    pieces = []
    for a, b in zip(ordered, ordered[1:], strict=False):
        covering = [eid for eid, (qa, qb) in spans.items() if qa <= a and b <= qb]
        covering.sort(key=lambda eid: spans[eid][1] - spans[eid][0])
        pieces.append(Segment(a, b, tuple(covering)))
    return pieces


@dataclass(frozen=True)
class Source:
    """One source of a collection: its text, and a quote finder built over it on first use."""

    id: str
    title: str
    kind: str
    file: str
    note: str
    text: str

    @cached_property
    def finder(self) -> QuoteFinder:
        return QuoteFinder(self.text)
