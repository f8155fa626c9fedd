"""Date expressions in English prose -> EDTF, precision and the words as written.

A small grammar of regular expressions, not a general date parser: it only
says what a text says. 'March 2018' stays a month (2018-03), never a day;
'the 2000s' is a decade (200X); 'early 2012' is an approximate span of months.
Relative expressions ('two years later', 'five months after Droukdel's death')
are found here and resolved in resolve.py against the document's own dates;
vague ones ('in recent years') are kept as undated mentions, never dated.

How the approximate forms are encoded (the loader cannot place EDTF seasons
or quarters such as 2012-21, so they become month spans):
    around / about / circa 2013       2013~
    early / mid / late 2012           2012-01~/2012-04~, 2012-05~/2012-08~, 2012-09~/2012-12~
    the first / second half of 2012   2012-01/2012-06, 2012-07/2012-12 (exact)
    spring / summer / autumn 2014     2014-03~/2014-05~, 2014-06~/2014-08~, 2014-09~/2014-11~
    winter 2014                       2014~ (which winter is meant is not said)
    the early / mid / late 1990s      1990~/1993~, 1994~/1996~, 1997~/1999~
    early / late March 2018           2018-03 (still within the month the text gives)
"""

from __future__ import annotations

import bisect
import calendar
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from timeline.core import dates, edtf
from timeline.core.text import words

MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTH_NUMBERS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTH_NUMBERS["sept"] = 9

# Month names are capitalised in English; requiring it keeps the verb 'may' and 'march on' out.
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?"
MONTH_PATTERN = _MONTH
# Years 1000-2099, not part of a longer number ('4,500', '1.2000', '12000').
_YEAR_DIGITS = r"(?:1\d{3}|20\d{2})"
_YEAR = rf"(?<![\d,.£$€]){_YEAR_DIGITS}(?![\d])(?!,\d{{3}})(?!\.\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}  # fmt: skip
_VAGUE_COUNTS = ("a few", "few", "several", "some", "many")
_COUNT = r"(?:a\s+few|few|several|some|many|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|\d{1,2})"

# Words that, after a number, say it counts things rather than names a year ('1500 fighters').
_COUNT_NOUNS = words("""people persons men women children civilians fighters militants soldiers troops members
    deaths dead fatalities casualties victims hostages refugees km kilometres kilometers miles metres
    meters dollars euros pounds tons tonnes vehicles weapons attacks incidents cases families
    households square sq recruits followers combatants""")
# Words that, before a number, say it is a label rather than a year ('Resolution 2085').
_LABEL_WORDS = words("resolution no number flight route article law decree section page pp vol chapter code entry")


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


@dataclass(frozen=True)
class _Atom:
    start: int
    end: int
    edtf_start: str
    edtf_end: str
    rule: str
    priority: int = 0  # breaks ties between equally long candidates


def find(text: str) -> list[Mention]:
    """Every time expression of `text`, in order, none overlapping."""
    claimed: list[Mention] = []
    for start, end in _windows(text, _RELATIVE_TRIGGER, before=60, after=140):
        claimed.extend(_relatives(text, start, end))
        claimed.extend(_vague(text, start, end))
    claimed = _non_overlapping(sorted(claimed, key=lambda m: (m.start, -(m.end - m.start))))
    atoms: list[_Atom] = []
    for start, end in _windows(text, _ATOM_TRIGGER, before=60, after=40):
        atoms.extend(_atoms(text, start, end))
    ends = [m.end for m in claimed]
    atoms = [a for a in atoms if not _overlaps(a.start, a.end, claimed, ends)]
    atoms = _non_overlapping(sorted(atoms, key=lambda a: (a.start, a.start - a.end, -a.priority)))
    mentions = sorted(claimed + _combine(text, atoms), key=lambda m: m.start)
    ends = [m.end for m in mentions]
    partials = [p for p in _partials(text) if not _overlaps(p.start, p.end, mentions, ends)]
    mentions += _non_overlapping(sorted(partials, key=lambda m: (m.start, m.start - m.end)))
    mentions.sort(key=lambda m: m.start)
    return mentions


# The full grammar runs only around these cheap hits: a 10 MB text has few dates per page,
# and a dozen patterns run over every character would take a minute.
_ATOM_TRIGGER = re.compile(r"\d\d\d\d|entur")  # every form has a four-digit year but centuries
_RELATIVE_TRIGGER = re.compile(
    r"\b(?:[Yy]ears?|[Mm]onths?|[Dd]ays?|[Ww]eeks?|[Dd]ecades?|[Ss]ince|[Rr]ecent(?:ly)?|[Nn]owadays|[Pp]resent|"
    r"[Cc]urrently|time|then|future|date|meantime|past|last|[Ff]ollowing|[Aa]fter|[Ss]hortly|[Ss]oon|"
    r"[Ss]ubsequently|[Ww]ake|[Aa]ftermath|[Ii]ndependence)\b"
)


def _windows(text: str, trigger: re.Pattern[str], before: int, after: int) -> list[tuple[int, int]]:
    """Stretches of text around each trigger hit, merged where they touch."""
    merged: list[tuple[int, int]] = []
    for hit in trigger.finditer(text):
        start, end = max(0, hit.start() - before), min(len(text), hit.end() + after)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _non_overlapping(items: list) -> list:
    kept: list = []
    last_end = -1
    for item in items:
        if item.start >= last_end:
            kept.append(item)
            last_end = item.end
    return kept


def _overlaps(start: int, end: int, mentions: list[Mention], ends: list[int]) -> bool:
    """Whether [start, end) overlaps one of `mentions` (sorted, not overlapping; `ends` their ends)."""
    at = bisect.bisect_left(ends, start + 1)
    return at < len(mentions) and mentions[at].start < end


# --- single dates -------------------------------------------------------------------------------

# (first month, last month, approximate)
_PART_OF_YEAR = {
    "early": (1, 4, True), "beginning": (1, 4, True), "start": (1, 4, True),
    "mid": (5, 8, True), "middle": (5, 8, True),
    "late": (9, 12, True), "end": (9, 12, True),
    "first half": (1, 6, False), "second half": (7, 12, False),
    "first quarter": (1, 3, False), "second quarter": (4, 6, False),
    "third quarter": (7, 9, False), "fourth quarter": (10, 12, False), "last quarter": (10, 12, False),
    "spring": (3, 5, True), "summer": (6, 8, True), "autumn": (9, 11, True), "fall": (9, 11, True),
}  # fmt: skip
_PART_OF_DECADE = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}
_CENTURY_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                  "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
                  "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
                  "nineteenth": 19, "twentieth": 20, "twenty-first": 21}  # fmt: skip

_CENTURY_NUMBER = (
    r"1\d|2[01]|[1-9]|(?:twenty-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|"
    r"twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth)"
)
# Several months of one year: 'in July and August of 2013', 'in January, March and May 2014' (one date each).
_MONTH_LIST_YEAR = re.compile(
    rf"\b(?P<list>{_MONTH}(?:\s*,\s*{_MONTH})*\s*,?\s+and\s+{_MONTH})\s+(?:of\s+)?(?P<y>{_YEAR})"
)

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "iso-day",
        re.compile(rf"(?<![\d-])(?P<y>{_YEAR_DIGITS})[-/](?P<m>0[1-9]|1[0-2])[-/](?P<d>[0-2]\d|3[01])(?![\d])"),
    ),
    ("numeric-day", re.compile(rf"(?<![\d/.])(?P<a>[0-3]?\d)[/.](?P<b>[01]?\d)[/.](?P<y>{_YEAR_DIGITS})")),
    ("day-month-year", re.compile(rf"\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH}),?\s+(?P<y>{_YEAR})")),
    ("month-day-year", re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})")),
    (
        "part-month-year",
        re.compile(
            rf"\b(?:(?:early|mid|late)[\s-]+|the\s+(?:beginning|start|middle|end)\s+of\s+)(?P<mon>{_MONTH})\s+(?:of\s+)?(?P<y>{_YEAR})",
            re.I,
        ),
    ),
    # (not across a blank line: 'from February.' then a heading '2008' is no date)
    (
        "month-year",
        re.compile(rf"\b(?P<mon>{_MONTH})[^\S\n]*,?(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)(?:of\s+)?(?P<y>{_YEAR})"),
    ),
    (
        "month-month-year",
        re.compile(
            rf"\b(?P<mon>{_MONTH})\s*(?:-|–|—|to|until|through)\s*(?P<mon2>{_MONTH})\s+(?:of\s+)?(?P<y>{_YEAR})"
        ),
    ),
    (
        "part-of-year",
        re.compile(
            rf"\b(?:the\s+)?(?P<part>early|mid|late|beginning|start|middle|end|first\s+half|second\s+half|(?:first|second|third|fourth|last)\s+quarter|spring|summer|autumn|fall|winter)(?:\s+of)?[\s-]+(?P<y>{_YEAR})",
            re.I,
        ),
    ),
    ("decade", re.compile(r"\b(?:the\s+)?(?:(?P<part>early|mid|late)[\s-]+)?(?P<dec>1\d{2}0|20\d0)[’']?s\b", re.I)),
    (
        "century",
        re.compile(
            r"\b(?:(?:the\s+)?(?P<part>early|mid|late)[\s-]+(?:in\s+)?(?:the\s+)?|(?P<part2>early|late)\s+in\s+the\s+|"
            r"the\s+(?P<part3>beginning|start|middle|end|first\s+half|second\s+half)\s+of\s+the\s+|the\s+)?"
            rf"(?P<c>{_CENTURY_NUMBER})(?:st|nd|rd|th)?"
            rf"(?:\s*(?:-|–|—|and|to|through|until)\s*(?:the\s+)?(?P<c2>{_CENTURY_NUMBER})(?:st|nd|rd|th)?)?"
            r"[\s-]+centur(?:y|ies)\b(?!\s*B\.?\s*C)(?:\s+(?:A\.D\.|AD\b|C\.E\.|CE\b))?",
            re.I,
        ),
    ),
    ("year-short-range", re.compile(rf"(?P<y>{_YEAR})\s*[-–/]\s*(?P<yy>\d{{2}})(?![\d])(?!-\d)")),
    ("iso-month", re.compile(rf"(?<![\d-])(?P<y>{_YEAR_DIGITS})-(?P<m>0[1-9]|1[0-2])(?![\d-])")),
    ("year", re.compile(rf"(?P<y>{_YEAR})")),
]
# Longest match wins; among equally long ones the rule listed first.
_PRIORITY = {name: len(_PATTERNS) - i for i, (name, _) in enumerate(_PATTERNS)}


# Cheap tests of a window that say which rules could match in it at all.
_HAS_MONTH = re.compile(_MONTH)
_FULL_MONTHS = {name.lower() for name in calendar.month_name if name}
_HAS_DIGIT_JOIN = re.compile(r"\d\s*[-–/.]\s*\d")
_NEEDS = {
    "iso-day": _HAS_DIGIT_JOIN,
    "numeric-day": _HAS_DIGIT_JOIN,
    "day-month-year": _HAS_MONTH,
    "month-day-year": _HAS_MONTH,
    "part-month-year": _HAS_MONTH,
    "month-year": _HAS_MONTH,
    "month-month-year": _HAS_MONTH,
    "part-of-year": re.compile(
        r"\b(?:[Ee]arly|[Mm]id|[Ll]ate|beginning|start|end|half|quarter|[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)"
    ),
    "decade": re.compile(r"\d0[’']?s"),
    "century": re.compile(r"entur"),
    "year-short-range": _HAS_DIGIT_JOIN,
    "iso-month": _HAS_DIGIT_JOIN,
}


def _atoms(text: str, start: int, end: int) -> Iterator[_Atom]:
    window = text[start:end]
    tested: dict[re.Pattern[str], bool] = {}
    for rule, pattern in _PATTERNS:
        needs = _NEEDS.get(rule)
        if needs is not None:
            if needs not in tested:
                tested[needs] = needs.search(window) is not None
            if not tested[needs]:
                continue
        for match in pattern.finditer(text, start, end):
            atom = _atom(rule, match, text)
            if atom is not None:
                yield atom
    if tested.get(_HAS_MONTH, True):
        yield from _month_list(text, start, end)


def _month_list(text: str, start: int, end: int) -> Iterator[_Atom]:
    """'July and August of 2013' -> one atom per month, the last holding the year's words; their
    priority puts them above month-month-year's single range, so each month becomes its own event."""
    for match in _MONTH_LIST_YEAR.finditer(text, start, end):
        year = int(match.group("y"))
        months = list(re.finditer(_MONTH, match.group("list")))
        numbers = [_month(m.group()) for m in months]
        if len(set(numbers)) != len(numbers):
            continue
        offset = match.start("list")
        for i, (m, number) in enumerate(zip(months, numbers, strict=True)):
            a = offset + m.start()
            b = match.end() if i == len(months) - 1 else offset + m.end()
            yield _Atom(a, b, edtf.date(year, number), "", "month-list", len(_PATTERNS) + 1)


def _atom(rule: str, m: re.Match[str], text: str) -> _Atom | None:
    g = m.groupdict()
    year = int(g["y"]) if g.get("y") else None
    start, end = "", ""
    if rule == "iso-day":
        start = edtf.date(year, int(g["m"]), int(g["d"]))
    elif rule == "numeric-day":
        a, b = int(g["a"]), int(g["b"])
        if a > 12 and 1 <= b <= 12:  # 20/11/2015: day first
            start = edtf.date(year, b, a)
        elif b > 12 and 1 <= a <= 12:  # 11/20/2015: month first
            start = edtf.date(year, a, b)
        else:
            return None  # 03/04/2015 could be either; a draft must not guess
    elif rule in ("day-month-year", "month-day-year"):
        day = int(re.match(r"\d+", g["d"]).group())
        start = edtf.date(year, _month(g["mon"]), day)
    elif rule in ("month-year", "part-month-year"):
        if g["mon"].endswith(".") and g["mon"].rstrip(".").lower() in _FULL_MONTHS:
            return None  # 'in February. 2008': a sentence's end, not an abbreviation
        start = edtf.date(year, _month(g["mon"]))
    elif rule == "month-month-year":
        first, last = _month(g["mon"]), _month(g["mon2"])
        if last <= first:
            return None
        start, end = edtf.date(year, first), edtf.date(year, last)
    elif rule == "part-of-year":
        part = re.sub(r"\s+", " ", g["part"].lower())
        if part == "winter":
            start = edtf.date(year, approximate=True)  # which winter (Jan-Feb or Dec-Feb) the text does not say
        else:
            first, last, approximate = _PART_OF_YEAR[part]
            start, end = edtf.date(year, first, approximate=approximate), edtf.date(year, last, approximate=approximate)
    elif rule == "decade":
        decade = int(g["dec"])
        if g.get("part"):
            low, high = _PART_OF_DECADE[g["part"].lower()]
            start, end = edtf.date(decade + low, approximate=True), edtf.date(decade + high, approximate=True)
        else:
            start = edtf.at_precision(decade, 1, 1, "decade")
    elif rule == "century":
        century, last = _century(g["c"]), _century(g["c2"]) if g.get("c2") else None
        if not 1 <= century <= 21 or (last is not None and not century < last <= 21):
            return None
        part = re.sub(r"\s+", " ", (g.get("part") or g.get("part2") or g.get("part3") or "").lower())
        start, end = century_span(century, _CENTURY_PART.get(part, part))
        if last is not None:
            end = century_span(last, "")[1]
    elif rule == "year-short-range":
        yy = int(g["yy"])
        if yy <= year % 100:  # '2015-11' is not 2015 to 2011: left to iso-month
            return None
        start, end = edtf.date(year), edtf.date(year - year % 100 + yy)
    elif rule == "iso-month":
        start = edtf.date(year, int(g["m"]))
    elif rule == "year":
        if _counts_things(text, m.start(), m.end()) or _BCE_AFTER.match(text, m.end()):
            return None  # '1500 fighters', '2500-1500 B.C.' (years before the common era cannot be placed)
        start = edtf.date(year)
    if not _valid(start, end):
        return None
    return _Atom(m.start(), m.end(), start, end, rule, _PRIORITY[rule])


_BCE_AFTER = re.compile(r"\s*(?:B\.\s?C\.|BCE?\b|B\.C\.E\.)")


def _century(number: str) -> int:
    number = number.lower()
    century = int(number) if number.isdigit() else _CENTURY_WORDS.get(number.replace("twenty-", ""), 0)
    return century + 20 if number.startswith("twenty-") else century


def century_span(century: int, part: str = "") -> tuple[str, str]:
    """The strict rule: the 14th century is 1301 to 1400 ('1301', '1400'); early, mid and late are its
    thirds, approximate (the late 19th century is '1867~' to '1900~')."""
    first, last = (century - 1) * 100 + 1, century * 100
    if not part:
        return edtf.date(first), edtf.date(last)
    if part == "first half":  # halves are exact: 1801-1850, 1851-1900
        return edtf.date(first), edtf.date(first + 49)
    if part == "second half":
        return edtf.date(first + 50), edtf.date(last)
    low, high = {"early": (0, 32), "mid": (33, 65), "late": (66, 99)}[part]
    return edtf.date(first + low, approximate=True), edtf.date(first + high, approximate=True)


_CENTURY_PART = {"beginning": "early", "start": "early", "middle": "mid", "end": "late"}


def _month(name: str) -> int:
    return MONTH_NUMBERS[name.rstrip(".").lower()]


@functools.lru_cache(maxsize=4096)
def _valid(start: str, end: str) -> bool:
    try:
        dates.span(start, end or None)
    except dates.DateError:
        return False
    return True


_WORD_AFTER = re.compile(r"[\s-]*([A-Za-z]+)")
_WORD_BEFORE = re.compile(r"(?P<stop>[.!?:]\s+|^\s*)?\b(?P<word>[A-Za-z]+)(?P<dot>\.?)[ \t]*$")
# Capitalised words that may stand right before a year: 'In 2011', 'Spring 2014', 'March 2018'.
_BEFORE_A_YEAR = words(
    """In On Since By During Until From Between Around About Circa Early Late Mid The Of And To Before After Spring
    Summer Autumn Fall Winter Also Then Until Till Through Throughout Still Only Again"""
) | {name.capitalize() for name in MONTH_NUMBERS}


def _counts_things(text: str, start: int, end: int) -> bool:
    """'1500 fighters' counts; 'Resolution 2085' and 'Entry 1234' label: neither is a year."""
    after = _WORD_AFTER.match(text, end, end + 30)
    if after and after.group(1).lower() in _COUNT_NOUNS:
        return True
    before = _WORD_BEFORE.search(text[max(0, start - 24) : start])
    if not before:
        return False
    word = before.group("word")
    if word.lower() in _LABEL_WORDS:
        return True
    # A capitalised word mid-sentence right before the number names a thing: 'Entry 1234', 'Vision 2030'.
    return word[0].isupper() and before.group("stop") is None and not before.group("dot") and word not in _BEFORE_A_YEAR


# --- ranges, qualifiers and the words around a date ---------------------------------------------

_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|/|to|until|till|through|and)\s*", re.I)
_APPROX_BEFORE = re.compile(
    r"\b(?:in\s+or\s+)?(?:around|about|circa|c\.|ca\.|approximately|roughly|some\s*time\s+around)\s+$", re.I
)
_OPEN_BEFORE = re.compile(r"\b(?:after|before|prior\s+to|not\s+until|no\s+later\s+than|as\s+late\s+as)\s+$", re.I)
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|on|since|by|during|until|till|from|between|throughout|as\s+of|by\s+the\s+end\s+of)\s+$", re.I
)


def _combine(text: str, atoms: list[_Atom]) -> list[Mention]:
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
            if joined and _valid(edtf_start, nxt.edtf_start) and edtf_start != nxt.edtf_start:
                edtf_end, end, rule = nxt.edtf_start, nxt.end, f"{rule}+range"
                i += 1
            elif not nxt.edtf_end or _ends_a_year(text, nxt):
                # 'began in March 2015 and continued through 2016': one span, 2015-03 to 2016
                last = _closing_end(text, nxt)
                if _CONTINUED.fullmatch(text, end, nxt.start) and _valid(edtf_start, last):
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
        elif (since or present) and not edtf_end:
            # A span that has not ended: 'Since 2007', 'Starting in 2018', '2014–present', 'from 2017 onwards'
            edtf_end, rule = OPEN, f"{rule}+open"
            end = present.end() if present else end
            start = since.start() if since else _with_preposition(text, start)
        elif closing and (not edtf_end or _ends_a_year(text, atom)) and not _WHEN_AFTER.match(text, end):
            # 'ground fighting continued through 2016': the span's start is the date before it (resolve.py)
            edtf_start, edtf_end = "", _closing_end(text, atom)
            kind, start, rule = "closing", closing.start(), f"{rule}+closing"
        else:
            start = _with_preposition(text, start)
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


def _ends_a_year(text: str, atom: _Atom) -> bool:
    return bool(re.match(r"(?:the\s+)?end\s+of\b", text[atom.start : atom.end], re.I))


def _closing_end(text: str, atom: _Atom) -> str:
    """The last date of 'through 2016' (2016) or 'through the end of 2023' (the year 2023, not late 2023)."""
    if _ends_a_year(text, atom):
        return atom.edtf_start.rstrip("~")[:4]
    return atom.edtf_end or atom.edtf_start


def _joins(text: str, start: int, word: str) -> bool:
    """'A and B' is a range only after 'between'; 'A to B' and 'A-B' always are."""
    if word != "and":
        return True
    return bool(re.search(r"\bbetween\s+$", text[max(0, start - 12) : start], re.I))


def _with_preposition(text: str, start: int) -> int:
    found = _PREPOSITION_BEFORE.search(text, max(0, start - 20), start)
    return found.start() if found else start


# --- days and months without their year ---------------------------------------------------------

_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
_PDAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d,.]\d)"
_SPAN_JOIN = r"\s*(?:-|–|—|to|until|till|through)\s*"
_PARTIAL_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "day-month-day-month",
        re.compile(rf"\b(?P<d>{_PDAY})\s+(?P<mon>{_MONTH}){_SPAN_JOIN}(?P<d2>{_PDAY})\s+(?P<mon2>{_MONTH})"),
    ),
    (
        "month-day-month-day",
        re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d>{_PDAY}){_SPAN_JOIN}(?P<mon2>{_MONTH})\s+(?P<d2>{_PDAY})\b"),
    ),
    (
        "day-day-month",
        re.compile(rf"\b(?P<d>{_PDAY})\s*(?:-|–|—|to|and)\s*(?P<d2>{_PDAY})\s+(?:of\s+)?(?P<mon>{_MONTH})"),
    ),
    ("month-day-day", re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d>{_PDAY})\s*(?:-|–|—|to|and)\s*(?P<d2>{_PDAY})\b")),
    ("day-month", re.compile(rf"\b(?P<d>{_PDAY})\s+(?:of\s+)?(?P<mon>{_MONTH})")),
    ("month-day", re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d>{_PDAY})\b")),
    (
        "month-month",
        re.compile(
            rf"\b(?:[Ii]n|[Ff]rom|[Bb]etween|[Dd]uring)\s+(?P<mon>{_FULL_MONTH}){_SPAN_JOIN}(?P<mon2>{_FULL_MONTH})"
        ),
    ),
    # A month alone only after a word that makes it a date ('in April', 'By February'): 'May' and 'March' are verbs too.
    (
        "month",
        re.compile(
            rf"\b(?:(?:[Ii]n|[Oo]n|[Bb]y|[Dd]uring|[Tt]hroughout|[Ee]arly|[Ll]ate|[Mm]id-?|[Tt]he\s+(?:end|beginning|start|middle)\s+of)\s+|[Mm]id-)(?P<mon>{_FULL_MONTH})"
        ),
    ),
]
_PARTIAL_TRIGGER = re.compile(_MONTH)


def _partials(text: str) -> Iterator[Mention]:
    """Days and months written without a year ('on 22 March', 'July 26–29', 'in April'): partial mentions,
    which resolve.py dates from a year the context states. Mentions that overlap a full date are dropped by find."""
    found: list[Mention] = []
    for start, end in _windows(text, _PARTIAL_TRIGGER, before=30, after=30):
        for rule, pattern in _PARTIAL_PATTERNS:
            for m in pattern.finditer(text, start, end):
                g = m.groupdict()
                month, month2 = _month(g["mon"]), _month(g["mon2"]) if g.get("mon2") else 0
                day = int(re.match(r"\d+", g["d"]).group()) if g.get("d") else 0
                day2 = int(re.match(r"\d+", g["d2"]).group()) if g.get("d2") else 0
                if g.get("d2") and not g.get("mon2"):
                    month2 = month
                if month2 and (month2, day2) <= (month, day):
                    continue
                a = m.start() if rule == "month" or rule == "month-month" else _with_preposition(text, m.start())
                full_stop = re.search(rf"{_FULL_MONTH}\.$", m.group())  # 'on 22 March.': the sentence's end
                b = m.end() - 1 if full_stop else m.end()
                found.append(Mention(a, b, text[a:b], "partial", rule=rule, month=month, day=day,
                                     month2=month2, day2=day2))  # fmt: skip
    return found


# --- relative and vague expressions -------------------------------------------------------------

_UNIT = r"(?P<unit>day|week|month|year|decade)s?"
_ANCHOR = r"(?P<anchor>[^,.;:!?()]{2,80})"
_RELATIVE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # 'Five months after Droukdel’s death', 'two years before the election'
    (
        "count-anchor",
        re.compile(rf"\b(?P<n>{_COUNT})\s+{_UNIT}\s+(?P<dir>after|before|following|prior\s+to)\s+{_ANCHOR}", re.I),
    ),
    # 'two years later', 'a month earlier', 'three years on'
    (
        "count-later",
        re.compile(
            rf"\b(?P<n>{_COUNT})\s+{_UNIT}\s+(?P<dir>later|afterwards|after\s+that|earlier|before\s+that|on)\b", re.I
        ),
    ),
    # 'the following year', 'the next month', 'the previous year'
    (
        "next-unit",
        re.compile(
            r"\b(?:in\s+|by\s+|on\s+)?the\s+(?P<dir>following|next|subsequent|previous|preceding)\s+(?P<unit>year|month|week|day)\b",
            re.I,
        ),
    ),
    # 'the year after the coup'
    (
        "unit-anchor",
        re.compile(rf"\b(?:in\s+|on\s+)?the\s+(?P<unit>year|month|week|day)\s+(?P<dir>after|before)\s+{_ANCHOR}", re.I),
    ),
    # 'within a month': from the date before it to a month after that
    ("within", re.compile(rf"\bwithin\s+(?:(?:only|just|less\s+than|about)\s+)?(?P<n>{_COUNT})\s+{_UNIT}\b", re.I)),
    # 'after only a few months', 'after two years': counted from the date before it
    (
        "after-count",
        re.compile(
            rf"\bafter\s+(?:(?:only|just|about|some|nearly|almost)\s+)?(?P<n>{_COUNT})\s+{_UNIT}\b(?!\s+(?:of|after|before|following|later|earlier|since))",
            re.I,
        ),
    ),
    # 'a year-long transition', 'a two-month siege': from the date before it, for that long
    (
        "duration",
        re.compile(rf"\b(?P<n>{_COUNT}|\d{{1,3}})[\s-]+(?P<unit>day|week|month|year|decade)[\s-]+long\b", re.I),
    ),
    # 'Shortly after DEBY was killed ... in 2021': the date of the clause it follows, approximate
    (
        "soon-after-clause",
        re.compile(r"\b(?:shortly|soon|not\s+long|immediately)\s+after\s+(?P<anchor>[^,.;:!?()]{2,120})", re.I),
    ),
    # 'shortly afterwards', 'subsequently': the date before it, approximate
    (
        "soon-after",
        re.compile(
            r"\b(?:(?:shortly|soon|not\s+long|immediately)\s+(?:afterwards?|thereafter)|subsequently|thereafter)\b",
            re.I,
        ),
    ),
    # 'Following the coup, ...': the date of that event, approximate (only at the start of a clause)
    (
        "after-event",
        re.compile(
            r"\b(?:[Ff]ollowing|[Aa]fter|[Ii]n\s+the\s+(?:wake|aftermath)\s+of)\s+(?P<anchor>(?:the|this|that|these|its|their|his|her)\s+[^,.;:!?()]{2,60})"
        ),
    ),
    # 'on three consecutive days': between the event it follows and the next date the text gives
    (
        "consecutive",
        re.compile(
            rf"\b(?:on|over|for|during)\s+(?P<n>{_COUNT})\s+consecutive\s+(?P<unit>day|week|month|year|night)s\b", re.I
        ),
    ),
    # 'Since independence': from that event, not ended
    (
        "since-event",
        re.compile(
            r"\b[Ss]ince\s+(?P<anchor>(?:(?:its|their|the)\s+)?(?:independence|unification|reunification|(?:[a-z-]+\s+)?(?:coup|war|revolution|uprising|invasion|election|agreement|accord|split|merger|collapse|withdrawal|intervention)))\b"
        ),
    ),
    # 'later that year', 'in the same year', 'that month'
    (
        "same-unit",
        re.compile(
            r"\b(?:(?:later|earlier)\s+(?:in\s+)?(?:that|the\s+same)|in\s+(?:that|the\s+same)|that\s+same|the\s+same)\s+(?P<unit>year|month)\b",
            re.I,
        ),
    ),
    # 'since its establishment': from the founding of the document's subject
    (
        "since-founding",
        re.compile(
            r"\bsince\s+(?P<anchor>(?:its|their|the\s+group[’']s|the\s+organi[sz]ation[’']s)\s+(?:establishment|founding|foundation|creation|formation|inception|emergence|birth))\b",
            re.I,
        ),
    ),
]
_VAGUE = re.compile(
    r"\b(?:in\s+recent\s+(?:years|months|decades)|recently|in\s+the\s+past(?:\s+(?:few|several|two|three))?(?:\s+(?:years|decades|months))?"
    r"|(?:over|in|during)\s+the\s+(?:last|past)\s+(?:few\s+|several\s+|two\s+|three\s+)?(?:years|decades|months)"
    r"|for\s+(?:many\s+|several\s+)?(?:years|decades)|nowadays|at\s+present|currently|at\s+(?:that|the)\s+time"
    r"|since\s+then|in\s+the\s+(?:near\s+)?future|to\s+date|in\s+the\s+meantime|once\s+again)\b",
    re.I,
)


def _relatives(text: str, start: int, end: int) -> Iterator[Mention]:
    for rule, pattern in _RELATIVE_PATTERNS:
        for m in pattern.finditer(text, start, end):
            g = m.groupdict()
            unit = (g.get("unit") or "year").lower()
            direction_word = (g.get("dir") or "").lower()
            anchor = (g.get("anchor") or "").strip()
            if rule != "soon-after-clause":  # that anchor is a whole clause, searched for a date
                anchor = _trim_anchor(anchor)
            stop = m.start("anchor") + len(anchor) if g.get("anchor") else m.end()
            written = text[m.start() : stop]
            if rule == "count-anchor" and not anchor:
                continue
            count = re.sub(r"\s+", " ", (g.get("n") or "").lower())
            amount_high = 0
            if count in ("a few", "few"):  # a few: two to four
                amount, amount_high = 2, 4
            elif count in _VAGUE_COUNTS:
                yield Mention(m.start(), stop, written, "vague", rule="relative without a number")
                continue
            else:
                amount = (int(count) if count.isdigit() else NUMBER_WORDS.get(count, 1)) if count else 1
            if rule == "after-event" and not _clause_start(text, m.start()):
                continue  # 'the instability following the coup' describes, it does not date
            if rule == "soon-after-clause":
                stop, written = m.start("anchor"), text[m.start() : m.start("anchor")].rstrip()
                stop = m.start() + len(written)
            if rule in ("after-event", "soon-after", "soon-after-clause", "since-event", "consecutive"):
                amount = 0
            direction = -1 if direction_word.startswith(("before", "earlier", "prior", "previous", "preceding")) else 1
            if rule == "same-unit":
                amount, direction = 0, 0
            if rule == "since-founding":
                amount, direction, unit = 0, 0, "year"
            yield Mention(
                m.start(),
                stop,
                written,
                "relative",
                rule=rule,
                amount=amount,
                unit=unit,
                direction=direction,
                anchor=anchor,
                # counted durations are rounded in prose; 'shortly after' and 'following' say no more than after
                approximate=rule
                in (
                    "count-anchor",
                    "count-later",
                    "within",
                    "after-count",
                    "duration",
                    "soon-after",
                    "soon-after-clause",
                    "after-event",
                    "consecutive",
                )
                or amount_high > 0,
                amount_high=amount_high,
            )


def _clause_start(text: str, at: int) -> bool:
    """Whether `at` begins a sentence or a clause (after a comma, a semicolon or a line break)."""
    before = text[max(0, at - 3) : at]
    return at == 0 or bool(re.search(r"(?:[.!?;,:]\s+|\n\s*|^\s*)$", before))


def _trim_anchor(anchor: str) -> str:
    """'Droukdel’s death the group appointed' is cut at the clause's verb or conjunction."""
    anchor = anchor.strip()
    cut = re.search(
        r"\s+(?:the\s+group|it|they|he|she|was|were|had|has|have|is|are|and|when|while|which|who)\b", anchor
    )
    if cut:
        anchor = anchor[: cut.start()]
    return anchor.strip()


def _vague(text: str, start: int, end: int) -> Iterator[Mention]:
    for m in _VAGUE.finditer(text, start, end):
        yield Mention(m.start(), m.end(), m.group(), "vague", rule="vague")
