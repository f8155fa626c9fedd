"""A suggested category for a dated mention, from keyword rules a reader can check.

Each rule is a category and a list of word patterns. Within the clause that
holds the date (the stretch between commas or semicolons) the keyword nearest
to the date decides; if the clause has none, the whole sentence is searched
the same way; if that has none either, the category is 'context'. A leader
killed, appointed or succeeded is tested first, since such sentences also say
'operation' or 'attack'. The draft records which word decided, so the editor
can see why.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

RULES: list[tuple[str, str]] = [
    (
        "leadership",
        r"(?:killed|assassinated|captured|arrested|eliminated|died|death)\s+(?:of\s+)?(?:the\s+|its\s+|\w+[’']s\s+)?"
        r"(?:emir|leader|commander|chief|founder|head|spokesman)"
        r"|(?:emir|leader|commander|chief|founder|head)\s+(?:of\s+\w+\s+)?(?:was\s+)?(?:killed|captured|arrested|died)"
        r"|appointed|succeeded|successor|took\s+over|named\s+(?:as\s+)?(?:the\s+)?(?:new\s+)?(?:leader|emir)"
        r"|as\s+(?:its|their|the)\s+(?:new\s+)?(?:leader|emir|chief|commander|head)"
        r"|served\s+as|had\s+led|under\s+(?:his|her|the)\s+leadership|tenure|fled|pledged\s+allegiance",
    ),
    (
        "organisation",
        r"founded|formed|created|established|set\s+up|launched|merged|merger|split|splinter\w*|emerged|renamed|"
        r"rebranded|dissolved|disbanded|joined\s+forces|expanded|expansion|took\s+control|seized|control\s+of|"
        r"comprised|affiliated|affiliate|faction",
    ),
    (
        "attack",
        r"attacks?|attacked|bombings?|bombed|bomb|shooting|ambush\w*|kidnapp\w*|hostages?|assault|raid|massacre|"
        r"suicide|IEDs?|siege|violence|fatalities|killing\s+\d+|killed\s+\d+|threat",
    ),
    (
        "state-response",
        r"operation|troops|armed\s+forces|forces|airstrikes?|army|intervention|sanctions?|designated|"
        r"peacekeep\w*|mission|offensive|counter-?terror\w*|deployed|military|government|banned|proscribed|"
        r"security\s+operations",
    ),
    (
        "context",
        r"coup|uprisings?|revolution|civil\s+war|war|election|protests?|crisis|collapse|independence|rebellion|"
        r"drought|famine",
    ),
]
_COMPILED = [(category, re.compile(rf"\b(?:{pattern})\b", re.I)) for category, pattern in RULES]
_CLAUSE_BREAK = re.compile(r"[,;]|\s[–—]\s")


@dataclass(frozen=True)
class Suggestion:
    category: str
    keyword: str  # the word that decided, '' when none did

    def note(self) -> str:
        if not self.keyword:
            return f"category '{self.category}' suggested (no keyword rule matched)"
        return f"category '{self.category}' suggested by the keyword '{self.keyword}'"


def suggest(sentence: str, date_start: int, date_end: int) -> Suggestion:
    """Category for the date at sentence[date_start:date_end]."""
    clause_start, clause_end = _clause(sentence, date_start, date_end)
    for start, end in ((clause_start, clause_end), (0, len(sentence))):
        found = _nearest(sentence, start, end, date_start, date_end)
        if found:
            return found
    return Suggestion("context", "")


def _clause(sentence: str, date_start: int, date_end: int) -> tuple[int, int]:
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(sentence)]
    before = [b for b in breaks if b < date_start]
    after = [b for b in breaks if b >= date_end]
    return (before[-1] + 1 if before else 0), (after[0] if after else len(sentence))


def _nearest(sentence: str, start: int, end: int, date_start: int, date_end: int) -> Suggestion | None:
    candidates = []
    for order, category, a, b, word in _keywords(sentence):
        if start <= a and b <= end:
            distance = max(date_start - b, a - date_end, 0)
            # Leadership first: 'an operation ... had killed the Emir' is about the leader.
            candidates.append((category != "leadership", distance, order, Suggestion(category, word)))
    return min(candidates, key=lambda c: c[:3])[3] if candidates else None


@functools.lru_cache(maxsize=256)
def _keywords(sentence: str) -> tuple[tuple[int, str, int, int, str], ...]:
    """Every rule keyword of a sentence, found once for all the dates it holds."""
    return tuple(
        (order, category, m.start(), m.end(), m.group())
        for order, (category, pattern) in enumerate(_COMPILED)
        for m in pattern.finditer(sentence)
    )
