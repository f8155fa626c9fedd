"""EDTF text -> bounds, precision and words.

Dates stay as EDTF text in the data; everything else (earliest/latest
datetimes, a precision name, a phrase such as "about November 2020") is
derived here, so the precision the source gave is never lost.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from dataclasses import dataclass

import edtf
import pandas as pd

MONTHS = list(calendar.month_name)

# Ordered from finest to coarsest; "range" is any start/end pair that differs.
PRECISIONS = ("day", "month", "year", "decade", "century", "range")

EDTF_EXAMPLES = "2007, 2017-03, 2015-11-20, 200X (a decade), 2020-11~ (about), 2012? (uncertain)"

# EDTF's open end: 'Since 2007' is start 2007, end '..' (or '2007/..' in start). Such an event
# runs to the end of the current year when it is loaded, and says so in its `open_end` flag.
OPEN = ".."


def open_latest_year() -> int:
    """The year an open end reaches: the current one, read when a collection is loaded."""
    return datetime.date.today().year


class DateError(ValueError):
    """An EDTF string that cannot be used as one event date.

    The message is English: core imports no other stage. `reason` and `values` say which problem it is,
    so timeline.i18n.problems can word it in the reader's language: ('not_a_day', {'date': '2015-02-29',
    'year': 2015, 'month': 2, 'day': 29}).
    """

    def __init__(self, message: str, reason: str = "", **values: object):
        super().__init__(message)
        self.reason = reason
        self.values = values


@dataclass(frozen=True)
class EdtfDate:
    text: str
    earliest: pd.Timestamp
    latest: pd.Timestamp
    precision: str
    approximate: bool
    uncertain: bool


# The forms nearly every row uses: YYYY, YYYY-MM, YYYY-MM-DD, YYYX, YYXX, each with an optional qualifier.
_COMMON = re.compile(r"^(?:(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?|(\d{3})X|(\d{2})XX)([~?%]?)$")


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    """calendar.monthrange(year, month)[1], without the weekday it also works out."""
    return 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month - 1]


def _day(year: int, month: int, day: int) -> pd.Timestamp:
    """pd.Timestamp(year=year, month=month, day=day), the same value and unit, in half the time."""
    return pd.Timestamp(datetime.datetime(year, month, day))


def _parse_common(text: str) -> EdtfDate | None:
    """The common forms without edtf's grammar, which costs 10-25 ms a call; None for anything else.

    Results are the same as edtf's (tests/test_dates_fast.py compares them), and
    anything unusual, including invalid text, goes to edtf for its verdict and message.
    """
    fields = _common_fields(text)
    if fields is None:
        return None
    first, last, precision, approximate, uncertain = fields
    earliest = _day(*first)
    latest = earliest if last == first else _day(*last)
    return EdtfDate(text, earliest, latest, precision, approximate, uncertain)


Day = tuple[int, int, int]


def _common_fields(text: str) -> tuple[Day, Day, str, bool, bool] | None:
    """_parse_common's work before any Timestamp: (year, month, day) of the first and last day, precision,
    approximate, uncertain; None for anything but the common forms and for anything invalid."""
    match = _COMMON.match(text)
    if match is None:
        return None
    year, month, day, decade, century, qualifier = match.groups()
    if (decade or century) and int(decade or century) == 0:
        return None  # year 0: let edtf give its verdict and the caller its message
    if decade is not None:
        first, last, precision = int(decade) * 10, int(decade) * 10 + 9, "decade"
        earliest, latest = (first, 1, 1), (last, 12, 31)
    elif century is not None:
        first, last, precision = int(century) * 100, int(century) * 100 + 99, "century"
        earliest, latest = (first, 1, 1), (last, 12, 31)
    else:
        y = int(year)
        if y == 0 or (month is not None and not 1 <= int(month) <= 12):
            return None
        if month is None:
            precision = "year"
            earliest, latest = (y, 1, 1), (y, 12, 31)
        else:
            m = int(month)
            days = _days_in_month(y, m)
            if day is None:
                precision = "month"
                earliest, latest = (y, m, 1), (y, m, days)
            else:
                if not 1 <= int(day) <= days:
                    return None
                precision = "day"
                earliest = latest = (y, m, int(day))
    return earliest, latest, precision, qualifier in ("~", "%"), qualifier in ("?", "%")


@functools.lru_cache(maxsize=65536)
def parse(text: str) -> EdtfDate:
    """Parse one EDTF date (not an interval) into its bounds and precision."""
    common = _parse_common(text)
    if common is not None:
        return common
    try:
        parsed = edtf.parse_edtf(text)
    except Exception as exc:  # the edtf package raises its own parse error types
        raise DateError(
            f"'{text}' is not a valid EDTF date (examples: {EDTF_EXAMPLES})", "not_edtf", date=text
        ) from exc
    if isinstance(parsed, edtf.Interval):
        raise DateError(
            f"'{text}' is an interval; put its first date in 'start' and its last in 'end'", "interval", date=text
        )
    approximate = "~" in text or "%" in text
    uncertain = "?" in text or "%" in text
    inner = getattr(parsed, "date", parsed) if isinstance(parsed, edtf.UncertainOrApproximate) else parsed
    precision = getattr(inner, "precision", None)
    if precision not in PRECISIONS:
        raise DateError(
            f"'{text}' is an EDTF form this tool cannot place on a timeline (examples: {EDTF_EXAMPLES})",
            "unplaceable",
            date=text,
        )
    if "X" in text and precision not in ("decade", "century"):
        # edtf gives '2017-XX' month precision and '19XX-03' the bounds 1900-03..1999-03, so both
        # the words ('January 2017', 'March 1900') and the precision would misstate the source.
        raise DateError(
            f"'{text}' has unspecified digits (X) this tool cannot place; give only the known part, e.g. '2017' for '2017-XX'",
            "unspecified",
            date=text,
        )
    lower = parsed.lower_strict()
    try:
        earliest, latest = _timestamp(lower), _timestamp(parsed.upper_strict())
    except ValueError as exc:  # year 0 and years BCE: calendar and pandas cannot hold them
        raise DateError(
            f"'{text}' is outside the years this tool can place (1 to 9999)", "out_of_range", date=text
        ) from exc
    if earliest.day != lower.tm_mday:
        # edtf accepts 2015-02-29; _timestamp would quietly move it to the 28th.
        raise DateError(
            f"'{text}' is not a real day: {MONTHS[earliest.month]} {earliest.year} has no day {lower.tm_mday}",
            "not_a_day",
            date=text,
            year=earliest.year,
            month=earliest.month,
            day=lower.tm_mday,
        )
    return EdtfDate(
        text=text,
        earliest=earliest,
        latest=latest,
        precision=precision,
        approximate=approximate,
        uncertain=uncertain,
    )


def split_interval(text: str) -> tuple[str, str] | None:
    """'2014/2015' -> ('2014', '2015'); None for anything that is not an interval."""
    if "/" not in text:
        return None
    first, _, last = text.partition("/")
    return first, last


def _timestamp(value) -> pd.Timestamp:
    # struct_time from edtf; the day may be out of range for months edtf pads.
    year, month, day = value.tm_year, value.tm_mon, value.tm_mday
    day = min(day, calendar.monthrange(year, month)[1])
    return pd.Timestamp(year=year, month=month, day=day)


@dataclass(frozen=True)
class Span:
    earliest: pd.Timestamp
    latest: pd.Timestamp
    precision: str
    approximate: bool
    uncertain: bool
    open_end: bool = False  # end '..': it has not ended; `latest` is the end of the current year


def span(start: str, end: str | None) -> Span:
    """Bounds of an event from its start and (optional) end EDTF dates; end '..' is an open end."""
    if start == OPEN:
        raise DateError(f"start cannot be open ('{OPEN}'); give the first date the source states", "open_start")
    first = parse(start)
    if not end or end == start:
        return Span(first.earliest, first.latest, first.precision, first.approximate, first.uncertain)
    if end == OPEN:
        latest = max(first.latest, pd.Timestamp(datetime.datetime(open_latest_year(), 12, 31)))
        return Span(first.earliest, latest, "range", first.approximate, first.uncertain, True)
    last = parse(end)
    if last.latest < first.earliest:
        raise DateError(f"end '{end}' is before start '{start}'", "end_before_start", end=end, start=start)
    return Span(
        first.earliest,
        last.latest,
        "range",
        first.approximate or last.approximate,
        first.uncertain or last.uncertain,
    )


# Bounds as whole days since 1970-01-01, for building many events at once (collection.py): every
# Timestamp parse makes is a midnight, so the days say all they do.
DaySpan = tuple[int, int, str, bool, bool]  # earliest, latest, precision, approximate, uncertain
OpenDaySpan = tuple[int, int, str, bool, bool, bool]  # the same and open_end
_EPOCH = datetime.date(1970, 1, 1).toordinal()


@functools.lru_cache(maxsize=65536)
def day_bounds(text: str) -> DaySpan:
    """parse(text) with earliest and latest in days since 1970-01-01; raises DateError where parse does.

    The common forms cost no Timestamp at all; any other text goes through parse.
    """
    fields = _common_fields(text)
    if fields is None:
        date = parse(text)
        first, last = date.earliest.toordinal(), date.latest.toordinal()
        return first - _EPOCH, last - _EPOCH, date.precision, date.approximate, date.uncertain
    first, last, precision, approximate, uncertain = fields
    earliest = datetime.date(*first).toordinal() - _EPOCH
    latest = earliest if last == first else datetime.date(*last).toordinal() - _EPOCH
    return earliest, latest, precision, approximate, uncertain


def span_days(start: str, end: str | None) -> OpenDaySpan:
    """span(start, end) with earliest and latest in days since 1970-01-01, and open_end; raises DateError
    where span does. (The current year is part of the cache key: an open end moves with it.)"""
    return _span_days(start, end, open_latest_year() if end == OPEN else 0)


@functools.lru_cache(maxsize=65536)
def _span_days(start: str, end: str | None, year: int) -> OpenDaySpan:
    if start == OPEN:
        span(start, end)  # raises its message
    first = day_bounds(start)
    if not end or end == start:
        return (*first, False)
    if end == OPEN:
        latest = max(first[1], datetime.date(year, 12, 31).toordinal() - _EPOCH)
        return first[0], latest, "range", first[3], first[4], True
    last = day_bounds(end)
    if last[1] < first[0]:
        raise DateError(f"end '{end}' is before start '{start}'", "end_before_start", end=end, start=start)
    return first[0], last[1], "range", first[3] or last[3], first[4] or last[4], False
