"""The structure of plain text, and the kinds of line every markup shares.

A line that is only a year, a span of years, or a month and a year (`2013`, `2013:`, `March 2013`) heads the
list or paragraphs below it, in plain text and in any markup (`<p><b>2013</b></p>`, `;2013` in wikitext). A
line that begins with a bullet, or with a date and a dash (`March 22 – ...`), is a list item. markup.py reads
Markdown, wikitext and HTML with the same kinds of line; `plain_structure` finds them in plain text, which
is stored as given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from timeline.core.text import LIST_BULLET
from timeline.extract.datewords import MONTH


@dataclass
class Structure:
    """Where the headings and list items of a text are: (start, end, level) in its offsets."""

    headings: list[tuple[int, int, int]] = field(default_factory=list)
    items: list[tuple[int, int, int]] = field(default_factory=list)


_YEAR_LINE = re.compile(r"[ \t]*(?:1\d{3}|20\d{2})(?:[ \t]*[-–—/][ \t]*(?:1\d{3}|20\d{2}|\d{2}))?[ \t]*:?[ \t]*")
# A line that is only a month and a year ('March 2013', 'March 2013:'): the heading of that month's days.
_MONTH_YEAR_LINE = re.compile(rf"[ \t]*{MONTH}[ \t]+(?:1\d{{3}}|20\d{{2}})[ \t]*:?[ \t]*")


def date_heading(line: str) -> bool:
    """A line that is only a year, a span of years, or a month and a year: in any markup, or none, it heads
    the list or paragraphs below it ('2013' alone on a line, '<p><b>2013</b></p>', ';2013' in wikitext)."""
    return bool(_YEAR_LINE.fullmatch(line) or _MONTH_YEAR_LINE.fullmatch(line))


_BULLET = re.compile(rf"[ \t]*{LIST_BULLET.pattern}")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_MONTH_DAY = rf"(?:{MONTH}\s+{_DAY}|{_DAY}\s+{MONTH})"
# A line that begins with a date and a dash or colon: 'March 22 – ...', 'July 26–29 - ...', '17 January: ...'.
DATE_LEAD = re.compile(
    rf"[ \t]*(?:{_MONTH_DAY}|{MONTH})(?:\s*[-–—]\s*(?:{_MONTH_DAY}|{_DAY}|{MONTH}))?(?:,?\s+\d{{4}})?[ \t]*(?:[-–—:]|$)"
)


def plain_structure(text: str) -> Structure:
    """Headings and items of plain text: a paragraph of one short line without a full stop is a
    heading (a line that is only a year, a level-3 one); a line beginning with a bullet or a date
    and a dash is an item."""
    structure = Structure()
    for paragraph in re.finditer(r"(?:[^\n]*\S[^\n]*(?:\n|$))+", text):
        lines = [
            (m.start() + paragraph.start(), m.end() + paragraph.start())
            for m in re.finditer(r"[^\n]+", paragraph.group())
        ]
        lines = [(a, b) for a, b in lines if text[a:b].strip()]
        if len(lines) == 1:
            a, b = _stripped(text, *lines[0])
            if _title_like(text[a:b]) and not date_heading(text[a:b]):
                structure.headings.append((a, b, 2))
                continue
        for a, b in lines:
            if date_heading(text[a:b]):  # also with no blank line before its list: '2013' then '* ...'
                structure.headings.append((*_stripped(text, a, b), 3))
                continue
            bullet = _BULLET.match(text, a, b)
            if bullet:
                indent = len(text[a:b]) - len(text[a:b].lstrip())
                structure.items.append((*_stripped(text, bullet.end(), b), 1 + indent // 2))
            elif DATE_LEAD.match(text, a, b):
                structure.items.append((*_stripped(text, a, b), 1))
    return structure


def _title_like(line: str) -> bool:
    """A short line without a sentence's end, a bullet or a leading date ('Founded: 2007' is a fact line)."""
    return (
        len(line) <= 80
        and line[-1] not in '.!?;:,"”’'
        and not DATE_LEAD.match(line)
        and not _BULLET.match(line)
        and not re.search(r"\w:\s", line)
    )


def _stripped(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
