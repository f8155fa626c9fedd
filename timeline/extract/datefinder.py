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

find() walks the text; the grammar is in four modules, by job: datewords.py (the Mention and the
words of dates), dategrammar.py (single stated dates), datespans.py (ranges, qualifiers, open and
closing ends) and datephrases.py (relative, vague and year-less phrases).
"""

from __future__ import annotations

import bisect
import re

from timeline.extract.dategrammar import Atom, stated_atoms
from timeline.extract.datephrases import month_of_year_mentions, partial_mentions, relative_mentions, vague_mentions
from timeline.extract.datespans import combine
from timeline.extract.datewords import Mention, windows

# What find() returns is known by this module's name too (datefinder.Mention), as the tests call it.
__all__ = ["Mention", "find"]


def find(text: str) -> list[Mention]:
    """Every time expression of `text`, in order, none overlapping."""
    claimed: list[Mention] = []
    for start, end in windows(text, _RELATIVE_TRIGGER, before=60, after=140):
        claimed.extend(relative_mentions(text, start, end))
        claimed.extend(month_of_year_mentions(text, start, end))
        claimed.extend(vague_mentions(text, start, end))
    claimed = _non_overlapping(sorted(claimed, key=lambda m: (m.start, -(m.end - m.start))))
    atoms: list[Atom] = []
    for start, end in windows(text, _ATOM_TRIGGER, before=60, after=40):
        atoms.extend(stated_atoms(text, start, end))
    ends = [m.end for m in claimed]
    atoms = [a for a in atoms if not _overlaps(a.start, a.end, claimed, ends)]
    atoms = _non_overlapping(sorted(atoms, key=lambda a: (a.start, a.start - a.end, -a.priority)))
    mentions = sorted(claimed + combine(text, atoms), key=lambda m: m.start)
    ends = [m.end for m in mentions]
    partials = [p for p in partial_mentions(text) if not _overlaps(p.start, p.end, mentions, ends)]
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
