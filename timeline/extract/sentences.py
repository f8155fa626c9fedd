"""Cutting a text into sentences that remember where they are, so a quote is the text itself.

Every Sentence's `text` is `source[start:end]`: the draft's quotes are verbatim
substrings, never re-joined or re-spaced copies.

Structure (plaintext.Structure: headings and list items, from markup or found in
plain text) cuts the text too: a heading is a sentence of its own, marked as
such, and every sentence knows the headings above it (`section`), whose year
dates a list of days and months; a list item never runs into the next one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from timeline.core.text import SENTENCE_END, words
from timeline.extract.plaintext import Structure, plain_structure


@dataclass(frozen=True)
class Sentence:
    index: int  # 0-based position in the document
    paragraph: int  # 0-based; paragraphs are separated by blank lines
    start: int
    end: int
    text: str
    header: bool  # a 'Label: value' line such as 'Founded: 2007'
    heading: bool = False  # a heading ('2016', '### 2016', '== Events =='): context for what follows, not an event
    level: int = 0  # a heading's level (1 = a title), or a list item's depth (1 = top, 2 = a sub-item)
    item: bool = False  # in a list item ('* March 13 – ...', 'March 22 – ...')
    item_start: int = -1  # where its list item begins: the sentences of one item share it
    section: tuple[int, ...] = ()  # indices of the headings above it, outermost first


_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# A short 'Label: value' line: the fact sheet at the top of a profile.
_HEADER_LINE = re.compile(r"^[ \t]*[A-Z][A-Za-z]*(?:[ /-][A-Za-z]+){0,3}[ \t]*:[ \t]*\S.{0,100}$", re.MULTILINE)
# A sentence's end (core.text's stop and closers) is one only before a space and a capital, digit or quote.
_END = re.compile(rf"{SENTENCE_END}(?=\s+[\"'“‘(\[]?[A-Z0-9À-Ý])")
# Words whose full stop is not a sentence's end; initials (single capitals) are checked apart.
_ABBREVIATIONS = words("""mr mrs ms dr prof gen col lt sgt capt maj cpl adm brig st jr sr rev hon gov pres sen rep
    no nos vs etc e.g i.e c ca approx fig al jan feb mar apr jun jul aug sep sept oct nov dec
    u.s u.k u.n inc ltd co corp mt ft dept est""")


def split(text: str, structure: Structure | None = None) -> list[Sentence]:
    """Sentences of `text` in order; header lines, headings and list items are sentences of their own.

    Without `structure`, plain text's own (plaintext.plain_structure) is used."""
    return list(iter_sentences(text, structure))


def iter_sentences(text: str, structure: Structure | None = None) -> Iterator[Sentence]:
    if structure is None:
        structure = plain_structure(text)
    headings = {a: (b, level) for a, b, level in structure.headings}
    items = sorted((a, b) for a, b, _ in structure.items)
    depths = {a: depth for a, _, depth in structure.items}
    item_starts = [a for a, _ in items]
    stack: list[tuple[int, int]] = []  # (level, sentence index) of the headings above
    index = 0
    for paragraph, (start, end) in enumerate(_paragraphs(text)):
        for a, b, role in _units(text, start, end, headings, items, item_starts):
            if role == "heading":
                level = headings[a][1]
                while stack and stack[-1][0] >= level:
                    stack.pop()
                yield Sentence(index, paragraph, a, b, text[a:b], False, True, level, False, _section(stack))
                stack.append((level, index))
                index += 1
                continue
            pieces = [(a, b)] if role == "header" else _sentences_in(text, a, b)
            item = role == "item"
            for s, e in pieces:
                yield Sentence(index, paragraph, s, e, text[s:e], role == "header", item=item,
                               level=depths.get(a, 1) if item else 0, item_start=a if item else -1,
                               section=_section(stack))  # fmt: skip
                index += 1


def _section(stack: list[tuple[int, int]]) -> tuple[int, ...]:
    return tuple(index for _, index in stack)


def _units(
    text: str,
    start: int,
    end: int,
    headings: dict[int, tuple[int, int]],
    items: list[tuple[int, int]],
    item_starts: list[int],
) -> Iterator[tuple[int, int, str]]:
    """A paragraph's headings, list items and header lines one by one, the rest as prose: (start, end, role)."""
    if not headings and not items:
        yield from ((a, b, "header" if header else "prose") for a, b, header in _lines_or_prose(text, start, end))
        return
    pending: int | None = None  # where prose (or an item's continuation) began
    pending_role = "prose"

    def close(at: int) -> Iterator[tuple[int, int, str]]:
        if pending is None:
            return
        if pending_role == "item":
            yield from ((a, b, "item") for a, b in _trimmed(text, pending, at))
        else:
            for a, b, header in _lines_or_prose(text, pending, at):
                yield a, b, "header" if header else "prose"

    for line in re.finditer(r"[^\n]+", text[start:end]):
        a, b = start + line.start(), start + line.end()
        first = a + len(line.group()) - len(line.group().lstrip())
        if first in headings:
            yield from close(a)
            pending = None
            yield first, headings[first][0], "heading"
            continue
        at = bisect.bisect_left(item_starts, first)
        if at < len(items) and items[at][0] < b:
            yield from close(a)
            pending, pending_role = items[at][0], "item"
            continue
        if pending is None:
            pending, pending_role = a, "prose"
    yield from close(end)


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    position = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        yield from _trimmed(text, position, match.start())
        position = match.end()
    yield from _trimmed(text, position, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end


def _lines_or_prose(text: str, start: int, end: int) -> Iterator[tuple[int, int, bool]]:
    """A paragraph's header lines one by one; the rest as prose (hard-wrapped lines join)."""
    block = text[start:end]
    if "\n" not in block:
        yield start, end, bool(_HEADER_LINE.fullmatch(block)) and not _ends_like_prose(block)
        return
    lines = [(m.start() + start, m.end() + start) for m in re.finditer(r"[^\n]+", block)]
    prose_from = None
    for a, b in lines:
        line = text[a:b]
        standalone = bool(_HEADER_LINE.fullmatch(line)) and not _ends_like_prose(line)
        if standalone:
            if prose_from is not None:
                yield from ((s, e, False) for s, e in _trimmed(text, prose_from, a))
                prose_from = None
            yield from ((s, e, True) for s, e in _trimmed(text, a, b))
        elif prose_from is None:
            prose_from = a
    if prose_from is not None:
        yield from ((s, e, False) for s, e in _trimmed(text, prose_from, end))


def _ends_like_prose(line: str) -> bool:
    # 'However: the group...' is prose with a colon; a fact line rarely has two sentences.
    return len(_END.findall(line)) > 0 and line.rstrip().endswith(".") and len(line) > 80


def _sentences_in(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    position = start
    for match in _END.finditer(text, start, end):
        if _is_abbreviation(text, position, match.start()):
            continue
        yield from _bounded(text, position, match.end())
        position = match.end()
    yield from _bounded(text, position, end)


# A 'sentence' longer than this is a text without full stops (a flattened table, a PDF's lines): it is cut
# into clauses, since a row's quote must be readable and each row's work grows with its sentence's length.
LONGEST = 1_000
# Where to cut, best first: at a line's start (where the loader's quote index looks too, core.text's
# sentence_starts), after a semicolon, after a comma, at a space; never next to a digit, so that
# 'November 20, 2015' and '20 November 2015' stay whole.
_CUTS = (
    re.compile(r"\n\s*(?=\S)"),
    re.compile(r";\s+(?!\d)"),
    re.compile(r",\s+(?!\d)"),
    re.compile(r"(?<![\d,])\s+(?!\d)"),
)


def _bounded(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    for a, b in _trimmed(text, start, end):
        while b - a > LONGEST:
            cut = a + LONGEST  # a run of 1,000 characters with no space at all is cut where it reaches that
            for pattern in _CUTS:
                found = list(pattern.finditer(text, a + LONGEST // 2, a + LONGEST))
                if found:
                    cut = found[-1].end()
                    break
            yield from _trimmed(text, a, cut)
            a = cut
        yield from _trimmed(text, a, b)


def _is_abbreviation(text: str, sentence_start: int, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word_start = dot
    while word_start > sentence_start and not text[word_start - 1].isspace() and text[word_start - 1] not in '("“':
        word_start -= 1
    word = text[word_start:dot].lower()
    if len(word) == 1 and word.isalpha():  # an initial: 'A. Q. Khan'
        return True
    return word in _ABBREVIATIONS
