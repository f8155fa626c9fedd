"""Playing the chronology: the stops time moves through, and which events belong to each moment.

**Stops.** A play moves through *stops*, whole calendar units: months when the span played is short (under
MONTHS_BELOW_DAYS, about four years), else years; decades or centuries only when years would be more than
MAX_STOPS (deep time). The span played is the events' own, from the first earliest day to the last latest
day, cut to the timeline's zoomed window when there is one.

**A moment** is one stop as a half-open interval of days, [m0, m1): the year 2012 is [1 Jan 2012, 1 Jan 2013).
An event is dated by whole days, [earliest, latest] both included (timeline.core.dates: 2012 is 1 Jan to
31 Dec 2012, the 2000s 2000 to 2009, a span its two ends); an open event (`open_end`, "since 2007") runs on
past any moment after its start. Against a moment an event is

- *of the moment* (NOW) when the two overlap: earliest < m1 and (open_end or latest >= m0). So an event
  dated to a year is of every month of that year, a decade of each of its years, a span of every stop it
  touches, an open span of every stop from its start on;
- *earlier* (EARLIER) when it ended before the moment: not open_end and latest < m0;
- *later* (LATER) when it begins at or after the moment's end: earliest >= m1.

"9 events by 2012" counts the events that began before the moment ends (earliest < m1): the earlier ones
and those of the moment. Nothing here places an event more precisely than its source: a moment is a whole
stop, named by the stop itself ("2012", "March 2017"), never by a day.

`state` is the rule, one event against one moment; `spans` is the same rule for whole columns, as the
first and last stop each event is of (tests/test_moments.py holds the two to the same answers). The browser
applies `state` too, in assets/play.js (`momentState`), and tests/browser/test_play.py holds it to the
same cases as this module.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from timeline.core.dates import DateError, parse

NOW, EARLIER, LATER = "now", "earlier", "later"
UNITS = ("month", "year", "decade", "century")
MONTHS_BELOW_DAYS = 4 * 365  # a span shorter than this plays month by month
MAX_STOPS = 250  # more years than this play by decade, more decades by century

_DAY = np.timedelta64(1, "D")


def state(earliest, latest, open_end: bool, m0, m1) -> str:
    """NOW, EARLIER or LATER: where an event dated [earliest, latest] (whole days) stands against [m0, m1).

    Any comparable values work (days as numbers, datetime64, Timestamps), as long as all five are alike.
    """
    if earliest >= m1:
        return LATER
    if open_end or latest >= m0:
        return NOW
    return EARLIER


@dataclass(frozen=True)
class Stops:
    """The stops of a play: `edges` holds K + 1 days (datetime64[D]); stop k is [edges[k], edges[k + 1])."""

    unit: str
    edges: np.ndarray

    def __len__(self) -> int:
        return max(len(self.edges) - 1, 0)

    def days(self) -> list[int]:
        """The edges as whole days since 1970-01-01, for the browser."""
        return self.edges.astype("datetime64[D]").astype(np.int64).tolist()

    def edtf(self, k: int) -> str:
        """Stop k as EDTF at its own precision: '2012', '2017-03', '201X', '20XX' (what the URL's `at` holds)."""
        start = self.edges[k]
        year = int(start.astype("datetime64[Y]").astype(np.int64)) + 1970
        if self.unit == "month":
            return f"{_year_text(year)}-{int(start.astype('datetime64[M]').astype(np.int64)) % 12 + 1:02d}"
        if self.unit == "year":
            return _year_text(year)
        if year < 0:  # EDTF's 'X' digits read oddly before the era: the stop as a span of years
            return f"{_year_text(year)}/{_year_text(self._last_year(k))}"
        return _year_text(year)[:3] + "X" if self.unit == "decade" else _year_text(year)[:2] + "XX"

    def _last_year(self, k: int) -> int:
        return int((self.edges[k + 1] - _DAY).astype("datetime64[Y]").astype(np.int64)) + 1970

    def index_of(self, at: str | None) -> int | None:
        """The stop that holds the first day of `at` (EDTF, as in the URL), the nearest if it is outside;
        None for no stops or for text that is not a date."""
        if not at or not len(self):
            return None
        try:
            day = np.datetime64(parse(at).earliest.date(), "D")
        except (DateError, ValueError, OverflowError):
            return None
        return int(np.clip(np.searchsorted(self.edges, day, side="right") - 1, 0, len(self) - 1))


def _year_text(year: int) -> str:
    return f"{year:04d}" if year >= 0 else f"-{-year:04d}"


def choose_unit(first: np.datetime64, last: np.datetime64) -> str:
    """The stop for a play from day `first` to day `last` (both included)."""
    if last - first < np.timedelta64(MONTHS_BELOW_DAYS, "D"):
        return "month"
    years = int(last.astype("datetime64[Y]").astype(np.int64) - first.astype("datetime64[Y]").astype(np.int64)) + 1
    if years <= MAX_STOPS:
        return "year"
    return "decade" if years <= MAX_STOPS * 10 else "century"


def stops_between(first, last, unit: str | None = None) -> Stops:
    """The stops from the one holding day `first` to the one holding day `last` (`unit`: chosen by choose_unit)."""
    first, last = np.datetime64(first, "D"), np.datetime64(last, "D")
    unit = unit or choose_unit(first, last)
    if unit == "month":
        months = np.arange(first.astype("datetime64[M]"), last.astype("datetime64[M]") + 2)
        return Stops(unit, months.astype("datetime64[D]"))
    width = {"year": 1, "decade": 10, "century": 100}[unit]
    year0 = int(first.astype("datetime64[Y]").astype(np.int64)) + 1970
    year1 = int(last.astype("datetime64[Y]").astype(np.int64)) + 1970
    start, end = year0 - year0 % width, year1 - year1 % width + width
    years = np.arange(start, end + 1, width) - 1970
    return Stops(unit, years.astype("datetime64[Y]").astype("datetime64[D]"))


def play_stops(events: pd.DataFrame, window: list | None = None) -> Stops:
    """The stops to play `events` through: their whole extent, or its part inside the zoomed `window`."""
    if events.empty:
        return Stops("year", np.array([], dtype="datetime64[D]"))
    first = events["earliest"].min().to_datetime64().astype("datetime64[D]")
    last = events["latest"].max().to_datetime64().astype("datetime64[D]")
    if window:
        start = pd.Timestamp(window[0]).to_datetime64().astype("datetime64[D]")
        end = pd.Timestamp(window[1]).to_datetime64().astype("datetime64[D]")
        first, last = max(first, min(start, last)), min(last, max(end, first))
    return stops_between(first, last)


def spans(stops: Stops, events: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """For each event, the first and last stop it is of (`state` for every stop at once).

    Against stop k an event is LATER when k < first, NOW when first <= k <= last, EARLIER when k > last.
    `first` is 0 for an event begun before the first stop; `last` is -1 for one ended before it, and
    K - 1 for one that runs past the last stop or stays open.
    """
    if not len(stops):
        empty = np.zeros(len(events), dtype=np.int64)
        return empty, empty - 1
    earliest = events["earliest"].to_numpy().astype("datetime64[D]")
    latest = events["latest"].to_numpy().astype("datetime64[D]")
    count = len(stops)
    # searchsorted(edges, day, 'right') - 1 is the stop holding the day: earliest < m1 <=> first <= k, and
    # latest >= m0 <=> last >= k, the two halves of NOW.
    first = np.maximum(np.searchsorted(stops.edges, earliest, side="right") - 1, 0)
    last = np.minimum(np.searchsorted(stops.edges, latest, side="right") - 1, count - 1)
    last = np.where(events["open_end"].to_numpy(dtype=bool), count - 1, last)
    return first.astype(np.int64), last.astype(np.int64)


def counts_by(stops: Stops, first: np.ndarray) -> np.ndarray:
    """Events begun by the end of each stop (earliest < m1): the running count, '9 events by 2012'."""
    return np.cumsum(np.bincount(first[first < len(stops)], minlength=len(stops)))[: len(stops)]


def is_loose(events: pd.DataFrame) -> np.ndarray:
    """Events whose date the play draws hollow: inferred by the editors, or approximate or uncertain in the source."""
    return (
        (events["date_basis"].astype(str) == "inferred").to_numpy()
        | events["approximate"].to_numpy(dtype=bool)
        | events["uncertain"].to_numpy(dtype=bool)
    )
