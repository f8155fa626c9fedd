"""TimelineJS date parts (year, month, day, time) <-> EDTF text at the same precision.

TimelineJS keeps a date as separate parts, strings or numbers, and a part
left out means "not known": {"year": 2007} is the year 2007, not 1 January.
EDTF says the same with '2007'. Years are astronomical in both (JavaScript
dates and EDTF have a year 0), so -500 is EDTF '-0500' without any shift.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass

from timeline.core import dates
from timeline.core.edtf import date as edtf_date

FIRST_YEAR, LAST_YEAR = 1, 9999  # what dates.parse (pandas timestamps) can place today
_LENGTHS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_WHOLE = re.compile(r"[+-]?\d+(?:\.0*)?")


@dataclass(frozen=True)
class Parts:
    year: int
    month: int | None = None
    day: int | None = None
    time: str = ""  # '14:30' as given; the timeline's finest precision is the day, so it is kept in words only

    @property
    def edtf(self) -> str:
        return edtf_date(self.year, self.month, self.day)

    @property
    def placeable(self) -> bool:
        return FIRST_YEAR <= self.year <= LAST_YEAR

    def first(self) -> tuple[int, int, int]:
        return (self.year, self.month or 1, self.day or 1)

    def last(self) -> tuple[int, int, int]:
        month = self.month or 12
        return (self.year, month, self.day or days_in_month(self.year, month))


def days_in_month(year: int, month: int) -> int:
    # calendar.monthrange stops at years 1..9999; the leap-year rule does not.
    return 29 if month == 2 and calendar.isleap(year) else _LENGTHS[month - 1]


def whole_number(value: object, name: str) -> tuple[int | None, str | None]:
    """A part as TimelineJS accepts it: 2007, 2007.0, '2007', ' 2,007 ', '' (none); else an error message."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None, f"{name} is {type(value).__name__} {value!r}, not a whole number"
    shown = str(value) if len(str(value)) <= 40 else str(value)[:40] + "…"
    if isinstance(value, float):
        if not math.isfinite(value) or value != int(value):
            return None, f"{name} {shown} is not a whole number"
        number = int(value)
    elif isinstance(value, int):
        number = value
    else:
        cleaned = re.sub(r"[\s,]", "", value)  # as TimelineJS's sheet reader does: '2,007' is 2007
        if not _WHOLE.fullmatch(cleaned):
            return None, f"{name} '{shown}' is not a whole number"
        digits = cleaned.lstrip("+-").split(".")[0]
        if len(digits) > 18:
            return None, f"{name} '{shown}' has too many digits to be a date"
        number = int(digits) * (-1 if cleaned.startswith("-") else 1)
    if abs(number) >= 10**18:
        return None, f"{name} {shown} is too large to be a date"
    return number, None


def read_parts(
    year: object, month: object = None, day: object = None, hour: object = None, minute: object = None, time: str = ""
) -> tuple[Parts | None, list[str]]:
    """Parts from raw cells or JSON values; None when all are empty; every problem as a message."""
    errors: list[str] = []
    y, error = whole_number(year, "year")
    m, month_error = whole_number(month, "month")
    d, day_error = whole_number(day, "day")
    h, hour_error = whole_number(hour, "hour")
    mi, minute_error = whole_number(minute, "minute")
    errors += [e for e in (error, month_error, day_error, hour_error, minute_error) if e]
    if errors:
        return None, errors
    if y is None:
        named = (("a month", m), ("a day", d), ("a time", h if h is not None else (time.strip() or None)))
        given = [name for name, v in named if v is not None]
        if given:
            return None, [f"has {' and '.join(given)} but no year; TimelineJS needs a year in every date"]
        return None, []
    if m is not None and not 1 <= m <= 12:
        errors.append(f"month {m} is not a month (1 to 12)")
    if d is not None and m is None:
        errors.append(f"has a day ({d}) but no month")
    elif d is not None and not errors and not 1 <= d <= days_in_month(y, m):
        errors.append(f"day {d} is not a day of {calendar.month_name[m]} {y}")
    if h is not None and not 0 <= h <= 23:
        errors.append(f"hour {h} is not 0 to 23")
    if mi is not None and not 0 <= mi <= 59:
        errors.append(f"minute {mi} is not 0 to 59")
    if errors:
        return None, errors
    if h is not None:
        time = f"{h:02d}:{mi or 0:02d}"
    return Parts(y, m, d, time.strip()), []


def parts_of(start: str, end: str = "", era: bool = False) -> tuple[Parts, Parts | None]:
    """Our EDTF start/end -> TimelineJS parts: the earliest of the start and the latest of the end.

    A decade or century has no TimelineJS form, so '200X' becomes the years 2000 to 2009;
    a qualifier (~, ?) has none either, and stays in the display date's words. An era needs
    an end that differs from its start (TimelineJS drops an equal one, then refuses the era),
    so a one-year era ends on its last day.
    """
    first = dates.parse(start)
    start_parts = _at(first.earliest, first.precision)
    if end == dates.OPEN:
        # TimelineJS has no open end: the span runs to the end of the year the collection was read in,
        # the same `latest` the explorer draws to; the display date keeps the words ("since 2007").
        return start_parts, Parts(dates.span(start, end).latest.year)
    last = dates.parse(end) if end else first
    if end:
        end_parts = _at(last.latest, "year" if last.precision in ("decade", "century") else last.precision)
    elif first.precision in ("decade", "century"):
        end_parts = Parts(first.latest.year)
    else:
        end_parts = None
    if era and (end_parts is None or end_parts == start_parts):
        end_parts = _at(last.latest, "day")
    return start_parts, end_parts


def _at(stamp, precision: str) -> Parts:
    if precision == "day":
        return Parts(stamp.year, stamp.month, stamp.day)
    if precision == "month":
        return Parts(stamp.year, stamp.month)
    return Parts(stamp.year)
