"""What the date grammars share: the Mention each finds, and the words of dates in English (month
names, years, days, counts) as pieces of regular expressions."""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass

from timeline.core import dates

MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTH_NUMBERS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTH_NUMBERS["sept"] = 9

# Month names are capitalised in English; requiring it keeps the verb 'may' and 'march on' out.
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?"
# Years 1000-2099, not part of a longer number ('4,500', '1.2000', '12000').
YEAR_DIGITS = r"(?:1\d{3}|20\d{2})"
YEAR = rf"(?<![\d,.£$€]){YEAR_DIGITS}(?![\d])(?!,\d{{3}})(?!\.\d)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}  # fmt: skip
VAGUE_COUNTS = ("a few", "few", "several", "some", "many")
COUNT = r"(?:a\s+few|few|several|some|many|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|\d{1,2})"
FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"


@dataclass(frozen=True)
class Mention:
    """One time expression, with its place in the text.

    kind: 'stated' (EDTF known from the words alone), 'relative' (needs another
    event: resolve.py), 'partial' (a day or month without its year, which the
    context gives: resolve.py), 'closing' (the end of a span whose start is the
    date before it: 'continued through 2016'), 'vague' (no date can honestly be
    given) or 'open' (a bound only: 'after 2011'). A stated open-ended span
    ('Since 2007') has edtf_end '..'.
    """

    start: int
    end: int
    text: str
    kind: str
    edtf_start: str = ""
    edtf_end: str = ""
    rule: str = ""
    # Relative mentions only:
    amount: int = 0
    unit: str = ""  # 'day', 'week', 'month', 'year', 'decade'
    direction: int = 0  # +1 after/later, -1 before/earlier, 0 the same year/month
    anchor: str = ""  # the event it counts from, as written ('Droukdel’s death'); '' = the previous date
    approximate: bool = False
    amount_high: int = 0  # a vague count ('a few months'): amount to amount_high units
    # Partial mentions only (a day or month without its year: 'on 22 March', 'in April', 'July 26–29'):
    month: int = 0
    day: int = 0
    month2: int = 0  # the last month and day of a span ('January 17-March 7'); 0 for one date
    day2: int = 0

    @property
    def precision(self) -> str:
        return dates.span(self.edtf_start, self.edtf_end or None).precision if self.edtf_start else ""


def month_number(name: str) -> int:
    """'March', 'Mar.' or 'Sept' -> 3 or 9."""
    return MONTH_NUMBERS[name.rstrip(".").lower()]


@functools.lru_cache(maxsize=4096)
def valid_span(start: str, end: str) -> bool:
    """Whether start and end (end '' for none) make a date the loader accepts: the grammar keeps only those."""
    try:
        dates.span(start, end or None)
    except dates.DateError:
        return False
    return True


def windows(text: str, trigger: re.Pattern[str], before: int, after: int) -> list[tuple[int, int]]:
    """Stretches of text around each trigger hit, merged where they touch, and cut at paragraph breaks: no date
    runs from one paragraph (or heading) into the next ('January' heading, then '8 January - ...')."""
    merged: list[tuple[int, int]] = []
    for hit in trigger.finditer(text):
        start, end = max(0, hit.start() - before), min(len(text), hit.end() + after)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    cut: list[tuple[int, int]] = []
    for start, end in merged:
        for brk in _PARAGRAPH_BREAK.finditer(text, start, end):
            cut.append((start, brk.start()))
            start = brk.end()
        cut.append((start, end))
    return [(a, b) for a, b in cut if a < b]


_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")


_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|on|since|by|during|until|till|from|between|throughout|as\s+of|by\s+the\s+end\s+of)\s+$", re.I
)


def with_preposition(text: str, start: int) -> int:
    """Where a date's words begin once the preposition before it ('in', 'since', ...) is taken in."""
    found = _PREPOSITION_BEFORE.search(text, max(0, start - 20), start)
    return found.start() if found else start
