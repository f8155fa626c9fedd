"""Writing EDTF text: a date at its precision, its qualifiers, the two ends of a span.

dates.py reads EDTF (with the `edtf` package where it must); this module writes it, so that
every stage that makes a date (extract's grammar and its resolved dates, the TimelineJS
import) writes the same forms: '2012', '2012-03', '2012-03-22', '201X', '20XX', with '~'
(approximate), '?' (uncertain) or '%' (both) at the end, and OPEN ('..') as an end not yet come.
"""

from __future__ import annotations

from timeline.core.dates import OPEN

_QUALIFIERS = {(False, False): "", (True, False): "~", (False, True): "?", (True, True): "%"}


def date(
    year: int, month: int | None = None, day: int | None = None, *, approximate: bool = False, uncertain: bool = False
) -> str:
    """(2012, 3) -> '2012-03'; a year before 1 as '-0500' (astronomical, as EDTF counts); a year of five digits
    or more in EDTF's 'Y' form, which has no month or day."""
    if not -9999 <= year <= 9999:
        text = f"Y{year}"
    else:
        text = f"-{-year:04d}" if year < 0 else f"{year:04d}"
        if month is not None:
            text += f"-{month:02d}"
            if day is not None:
                text += f"-{day:02d}"
    return text + _QUALIFIERS[(approximate, uncertain)]


def at_precision(year: int, month: int, day: int, precision: str, *, approximate: bool = False) -> str:
    """The day (year, month, day) said only as precisely as `precision`: day, month, year, decade ('201X')
    or century ('20XX', the years 2000 to 2099)."""
    if precision == "decade":
        text = f"{year // 10:03d}X"
    elif precision == "century":
        text = f"{year // 100:02d}XX"
    else:
        kept = {"day": (month, day), "month": (month, None), "year": (None, None)}[precision]
        return date(year, *kept, approximate=approximate)
    return qualified(text, approximate=approximate)


def qualified(text: str, *, approximate: bool = False, uncertain: bool = False) -> str:
    """`text` with the qualifiers it has and those asked for: '2012?' made approximate is '2012%'.
    No date ('') and an open end ('..') have nothing to qualify and stay as they are."""
    if not text or text == OPEN:
        return text
    bare = text.rstrip("~?%")
    mark = text[len(bare) :]
    approximate = approximate or "~" in mark or "%" in mark
    uncertain = uncertain or "?" in mark or "%" in mark
    return bare + _QUALIFIERS[(approximate, uncertain)]


def interval(start: str, end: str) -> tuple[str, str]:
    """(start, end) as an event keeps them: an end that only repeats the start is left out ('')."""
    return (start, "") if end == start else (start, end)
