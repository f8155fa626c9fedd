"""Atoms -> mentions: ranges ('2014-2015', 'between 2014 and 2016'), qualifiers ('around 2013'), open
ends ('since 2007', '2014-present', 'after 2011') and closing ones ('continued through 2016'), each
mention's words taking the preposition before it ('in March 2018')."""

from __future__ import annotations

import re

from timeline.core import dates, edtf
from timeline.extract.dategrammar import Atom
from timeline.extract.datewords import Mention, valid_span, with_preposition

_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|/|to|until|till|through|and)\s*", re.I)
_APPROX_BEFORE = re.compile(
    r"\b(?:in\s+or\s+)?(?:around|about|circa|c\.|ca\.|approximately|roughly|some\s*time\s+around)\s+$", re.I
)
_OPEN_BEFORE = re.compile(r"\b(?:after|before|prior\s+to|not\s+until|no\s+later\s+than|as\s+late\s+as)\s+$", re.I)


def combine(text: str, atoms: list[Atom]) -> list[Mention]:
    """Atoms -> mentions: join 'between A and B' / 'A-B' / 'from A to B', add qualifiers and prepositions."""
    mentions: list[Mention] = []
    i = 0
    while i < len(atoms):
        atom = atoms[i]
        start, end = atom.start, atom.end
        edtf_start, edtf_end, rule = atom.edtf_start, atom.edtf_end, atom.rule
        if i + 1 < len(atoms) and not edtf_end:
            nxt = atoms[i + 1]
            join = _RANGE_JOIN.fullmatch(text, end, nxt.start)
            joined = join and not nxt.edtf_end and _joins(text, start, join.group().strip().lower())
            if joined and valid_span(edtf_start, nxt.edtf_start) and edtf_start != nxt.edtf_start:
                edtf_end, end, rule = nxt.edtf_start, nxt.end, f"{rule}+range"
                i += 1
            elif not nxt.edtf_end or _ends_a_year(text, nxt):
                # 'began in March 2015 and continued through 2016': one span, 2015-03 to 2016
                last = _closing_end(text, nxt)
                if _CONTINUED.fullmatch(text, end, nxt.start) and valid_span(edtf_start, last):
                    edtf_end, end, rule = last, nxt.end, f"{rule}+continued"
                    i += 1
        i += 1
        approx = _APPROX_BEFORE.search(text, max(0, start - 40), start)
        if approx:
            edtf_start = edtf.qualified(edtf_start, approximate=True)
            edtf_end = edtf.qualified(edtf_end, approximate=True)
            start, rule = approx.start(), f"approximate {rule}"
        kind = "stated"
        opening = _OPEN_BEFORE.search(text, max(0, start - 30), start)
        since = _SINCE_BEFORE.search(text, max(0, start - 30), start)
        present = _PRESENT_AFTER.match(text, end)
        closing = _CLOSING_BEFORE.search(text, max(0, start - 30), start)
        if opening and not edtf_end:
            kind, start = "open", opening.start()
        elif (present or (since and not _WHEN_AFTER.match(text, end))) and not edtf_end:
            # A span that has not ended: 'Since 2007', 'Starting in 2018', '2014–present', 'from 2017 onwards'
            # ('since April 2012, when rebels took the north' dates what happened then, as 'until 1991, when' does)
            edtf_end, rule = OPEN, f"{rule}+open"
            end = present.end() if present else end
            start = since.start() if since else with_preposition(text, start)
        elif closing and (not edtf_end or _ends_a_year(text, atom)) and not _WHEN_AFTER.match(text, end):
            # 'ground fighting continued through 2016': the span's start is the date before it (resolve.py)
            edtf_start, edtf_end = "", _closing_end(text, atom)
            kind, start, rule = "closing", closing.start(), f"{rule}+closing"
        else:
            start = with_preposition(text, start)
        if start > 0 and text[start - 1] == "(" and end < len(text) and text[end] == ")":
            start, end = start - 1, end + 1  # '(1991-2002)' as written
        mentions.append(Mention(start, end, text[start:end], kind, edtf_start, edtf_end, rule))
    return mentions


OPEN = dates.OPEN
_SINCE_BEFORE = re.compile(
    r"\b(?:(?:ongoing|continuing|ever)\s+)?since\s+$|\b(?:starting|beginning)\s+(?:in|from)\s+$", re.I
)
_PRESENT_AFTER = re.compile(
    r"\s*(?:[-–—]|to|until|till|through)\s*(?:the\s+)?(?:present(?:\s+day)?|today)\b|\s*(?:[-–—]\s*)?onwards?\b|\s*[-–—]\s*(?=\))",
    re.I,
)
# 'through' closes a span begun before it; 'until X' alone stays X ('lasted until around 1500': its end)
_CLOSING_BEFORE = re.compile(r"\b(?:through|up\s+to|right\s+up\s+to)\s+$", re.I)
_WHEN_AFTER = re.compile(r"\s*,?\s*(?:when|as)\b")
_CONTINUED = re.compile(
    r",?\s+and\s+(?:[a-z]+\s+){0,3}?(?:continued|lasted|ran|went\s+on|remained|persisted|carried\s+on)\s+"
    r"(?:on\s+)?(?:through|until|till|to|into)\s+",
    re.I,
)


def _ends_a_year(text: str, atom: Atom) -> bool:
    return bool(re.match(r"(?:the\s+)?end\s+of\b", text[atom.start : atom.end], re.I))


def _closing_end(text: str, atom: Atom) -> str:
    """The last date of 'through 2016' (2016) or 'through the end of 2023' (the year 2023, not late 2023)."""
    if _ends_a_year(text, atom):
        return atom.edtf_start.rstrip("~")[:4]
    return atom.edtf_end or atom.edtf_start


def _joins(text: str, start: int, word: str) -> bool:
    """'A and B' is a range only after 'between'; 'A to B' and 'A-B' always are."""
    if word != "and":
        return True
    return bool(re.search(r"\bbetween\s+$", text[max(0, start - 12) : start], re.I))
