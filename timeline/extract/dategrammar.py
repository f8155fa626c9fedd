"""Stated dates: the patterns of single dates in English prose and the EDTF each gives.

One pattern per form ('22 March 2018', 'March 2018', 'the early 1990s', 'the 14th century', '2014/15'),
each a rule whose name the draft keeps; where several match, the longest wins. Only what the words say:
'March 2018' stays a month, and '03/04/2015' (either order) is no date at all. datespans.py joins the
atoms found here into ranges and adds the words around them.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass

from timeline.core import edtf
from timeline.core.text import words
from timeline.extract.datewords import DAY, MONTH, MONTH_NUMBERS, YEAR, YEAR_DIGITS, month_number, valid_span

# Words that, after a number, say it counts things rather than names a year ('1500 fighters').
_COUNT_NOUNS = words("""people persons men women children civilians fighters militants soldiers troops members
    deaths dead fatalities casualties victims hostages refugees km kilometres kilometers miles metres
    meters dollars euros pounds tons tonnes vehicles weapons attacks incidents cases families
    households square sq recruits followers combatants strong""")  # 'a 2000-strong force' counts
# Words that, before a number, say it is a label rather than a year ('Resolution 2085').
_LABEL_WORDS = words("resolution no number flight route article law decree section page pp vol chapter code entry")


@dataclass(frozen=True)
class Atom:
    start: int
    end: int
    edtf_start: str
    edtf_end: str
    rule: str
    priority: int = 0  # breaks ties between equally long candidates


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
_MONTH_LIST_YEAR = re.compile(rf"\b(?P<list>{MONTH}(?:\s*,\s*{MONTH})*\s*,?\s+and\s+{MONTH})\s+(?:of\s+)?(?P<y>{YEAR})")

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "iso-day",
        re.compile(rf"(?<![\d-])(?P<y>{YEAR_DIGITS})[-/](?P<m>0[1-9]|1[0-2])[-/](?P<d>[0-2]\d|3[01])(?![\d])"),
    ),
    ("numeric-day", re.compile(rf"(?<![\d/.])(?P<a>[0-3]?\d)[/.](?P<b>[01]?\d)[/.](?P<y>{YEAR_DIGITS})")),
    ("day-month-year", re.compile(rf"\b(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH}),?\s+(?P<y>{YEAR})")),
    ("month-day-year", re.compile(rf"\b(?P<mon>{MONTH})\s+(?P<d>{DAY}),?\s+(?P<y>{YEAR})")),
    (
        "part-month-year",
        re.compile(
            rf"\b(?:(?:early|mid|late)[\s-]+|the\s+(?:beginning|start|middle|end)\s+of\s+)(?P<mon>{MONTH})\s+(?:of\s+)?(?P<y>{YEAR})",
            re.I,
        ),
    ),
    # (not across a blank line: 'from February.' then a heading '2008' is no date)
    (
        "month-year",
        re.compile(rf"\b(?P<mon>{MONTH})[^\S\n]*,?(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)(?:of\s+)?(?P<y>{YEAR})"),
    ),
    (
        "month-month-year",
        re.compile(rf"\b(?P<mon>{MONTH})\s*(?:-|–|—|to|until|through)\s*(?P<mon2>{MONTH})\s+(?:of\s+)?(?P<y>{YEAR})"),
    ),
    (
        "part-of-year",
        re.compile(
            rf"\b(?:the\s+)?(?P<part>early|mid|late|beginning|start|middle|end|first\s+half|second\s+half|(?:first|second|third|fourth|last)\s+quarter|spring|summer|autumn|fall|winter)(?:\s+of)?[\s-]+(?P<y>{YEAR})",
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
    ("year-short-range", re.compile(rf"(?P<y>{YEAR})\s*[-–/]\s*(?P<yy>\d{{2}})(?![\d])(?!-\d)")),
    ("iso-month", re.compile(rf"(?<![\d-])(?P<y>{YEAR_DIGITS})-(?P<m>0[1-9]|1[0-2])(?![\d-])")),
    ("year", re.compile(rf"(?P<y>{YEAR})")),
]
# Longest match wins; among equally long ones the rule listed first.
_PRIORITY = {name: len(_PATTERNS) - i for i, (name, _) in enumerate(_PATTERNS)}


# Cheap tests of a window that say which rules could match in it at all.
_HAS_MONTH = re.compile(MONTH)
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


def stated_atoms(text: str, start: int, end: int) -> Iterator[Atom]:
    """Every single date the patterns find in text[start:end], overlapping ones included (find keeps the longest)."""
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


def _month_list(text: str, start: int, end: int) -> Iterator[Atom]:
    """'July and August of 2013' -> one atom per month, the last holding the year's words; their
    priority puts them above month-month-year's single range, so each month becomes its own event."""
    for match in _MONTH_LIST_YEAR.finditer(text, start, end):
        year = int(match.group("y"))
        months = list(re.finditer(MONTH, match.group("list")))
        numbers = [month_number(m.group()) for m in months]
        if len(set(numbers)) != len(numbers):
            continue
        offset = match.start("list")
        for i, (m, number) in enumerate(zip(months, numbers, strict=True)):
            a = offset + m.start()
            b = match.end() if i == len(months) - 1 else offset + m.end()
            yield Atom(a, b, edtf.date(year, number), "", "month-list", len(_PATTERNS) + 1)


def _atom(rule: str, m: re.Match[str], text: str) -> Atom | None:
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
        start = edtf.date(year, month_number(g["mon"]), day)
    elif rule in ("month-year", "part-month-year"):
        if g["mon"].endswith(".") and g["mon"].rstrip(".").lower() in _FULL_MONTHS:
            return None  # 'in February. 2008': a sentence's end, not an abbreviation
        start = edtf.date(year, month_number(g["mon"]))
    elif rule == "month-month-year":
        first, last = month_number(g["mon"]), month_number(g["mon2"])
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
    if not valid_span(start, end):
        return None
    return Atom(m.start(), m.end(), start, end, rule, _PRIORITY[rule])


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
