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

from babel.dates import get_month_names

from timeline import i18n
from timeline.core import dates
from timeline.core.edtf import date as edtf_date
from timeline.i18n import gettext as _
from timeline.i18n import lazy_gettext, lazy_pgettext, pgettext, word_for

FIRST_YEAR, LAST_YEAR = 1, 9999  # what dates.parse (pandas timestamps) can place today
_LENGTHS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_WHOLE = re.compile(r"[+-]?\d+(?:\.0*)?")

# Each part of a date as a problem names it: "year 'abc' is not a whole number".
PART_WORDS = {
    "year": lazy_pgettext("part of a date", "year"),
    "month": lazy_pgettext("part of a date", "month"),
    "day": lazy_pgettext("part of a date", "day"),
    "hour": lazy_pgettext("part of a date", "hour"),
    "minute": lazy_pgettext("part of a date", "minute"),
}

# A date with other parts but no year, by the parts it has.
_NO_YEAR = {
    ("month",): lazy_gettext("has a month but no year; TimelineJS needs a year in every date"),
    ("day",): lazy_gettext("has a day but no year; TimelineJS needs a year in every date"),
    ("time",): lazy_gettext("has a time but no year; TimelineJS needs a year in every date"),
    ("month", "day"): lazy_gettext("has a month and a day but no year; TimelineJS needs a year in every date"),
    ("month", "time"): lazy_gettext("has a month and a time but no year; TimelineJS needs a year in every date"),
    ("day", "time"): lazy_gettext("has a day and a time but no year; TimelineJS needs a year in every date"),
    ("month", "day", "time"): lazy_gettext(
        "has a month and a day and a time but no year; TimelineJS needs a year in every date"
    ),
}


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
    if type(value) is str and value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value), None  # what nearly every cell of a sheet holds: no message to word
    part = word_for(PART_WORDS, name)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        # Translators: %(type)s is the Python name of what the file holds (list, dict, bool), %(value)s the value.
        message = _("%(part)s is %(type)s %(value)s, not a whole number")
        return None, message % {"part": part, "type": type(value).__name__, "value": repr(value)}
    shown = str(value) if len(str(value)) <= 40 else str(value)[:40] + "…"
    values = {"part": part, "value": shown}
    if isinstance(value, float):
        if not math.isfinite(value) or value != int(value):
            # Translators: %(part)s is a part of a date (year, month, day, hour, minute): "year 2007.5 is not ...".
            return None, _("%(part)s %(value)s is not a whole number") % values
        number = int(value)
    elif isinstance(value, int):
        number = value
    else:
        cleaned = re.sub(r"[\s,]", "", value)  # as TimelineJS's sheet reader does: '2,007' is 2007
        if not _WHOLE.fullmatch(cleaned):
            # Translators: %(part)s is a part of a date (year, month, day, hour, minute): "year 'abc' is not ...".
            return None, _("%(part)s '%(value)s' is not a whole number") % values
        digits = cleaned.lstrip("+-").split(".")[0]
        if len(digits) > 18:
            return None, _("%(part)s '%(value)s' has too many digits to be a date") % values
        number = int(digits) * (-1 if cleaned.startswith("-") else 1)
    if abs(number) >= 10**18:
        return None, _("%(part)s %(value)s is too large to be a date") % values
    return number, None


def read_parts(
    year: object, month: object = None, day: object = None, hour: object = None, minute: object = None, time: str = ""
) -> tuple[Parts | None, list[str]]:
    """Parts from raw cells or JSON values; None when all are empty; every problem as a message."""
    parts, errors = read_parts_by_part(year, month, day, hour, minute, time)
    return parts, [message for _part, message in errors]


def read_parts_by_part(
    year: object, month: object = None, day: object = None, hour: object = None, minute: object = None, time: str = ""
) -> tuple[Parts | None, list[tuple[str, str]]]:
    """read_parts, each problem with the part to fix: 'year', 'month', 'day' or 'time' (hour and minute).

    The sheet reader names the column from it: 'month 13 is not a month' is the Month column's, and
    'has a day (7) but no month' too; a date without a year, the Year column's.
    """
    errors: list[tuple[str, str]] = []
    numbers: list[int | None] = []
    for part, name, value in (("year", "year", year), ("month", "month", month), ("day", "day", day),
                              ("time", "hour", hour), ("time", "minute", minute)):  # fmt: skip
        number, error = whole_number(value, name)
        numbers.append(number)
        if error:
            errors.append((part, error))
    if errors:
        return None, errors
    y, m, d, h, mi = numbers
    if y is None:
        given = tuple(
            name for name, v in (("month", m), ("day", d), ("time", h if h is not None else (time.strip() or None)))
            if v is not None
        )  # fmt: skip
        if given:
            return None, [("year", str(_NO_YEAR[given]))]
        return None, []
    if m is not None and not 1 <= m <= 12:
        errors.append(("month", _("month %(month)s is not a month (1 to 12)") % {"month": m}))
    if d is not None and m is None:
        errors.append(("month", _("has a day (%(day)s) but no month") % {"day": d}))
    elif d is not None and not errors and not 1 <= d <= days_in_month(y, m):
        month = get_month_names("wide", "stand-alone", locale=i18n.locale())[m]
        month_year = pgettext("month and year", "%(month)s %(year)s") % {"month": month, "year": y}
        # Translators: "day 31 is not a day of April 2015".
        errors.append(("day", _("day %(day)s is not a day of %(month)s") % {"day": d, "month": month_year}))
    if h is not None and not 0 <= h <= 23:
        errors.append(("time", _("hour %(hour)s is not 0 to 23") % {"hour": h}))
    if mi is not None and not 0 <= mi <= 59:
        errors.append(("time", _("minute %(minute)s is not 0 to 59") % {"minute": mi}))
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
