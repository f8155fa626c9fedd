"""The progress strip under each slide: where the current event sits in the whole story.

Pure geometry (positions in percent of the strip's width), drawn as plain HTML
by components/progress_strip.py: a strip on every slide of a deck would otherwise cost
one more plotly graph per slide, and the strip must appear the instant its
slide does. The collection's events behind the deck's are merged at GRAIN, so the
strip has a few hundred marks at most, at 22 events or 100,000.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from timeline.figures.timeline_rows import POINT_PRECISIONS

# Percent of the strip's width the faint background marks are merged at: a point there is 0.25em wide, some
# 0.5% of a projector's strip, so marks closer than that already touch. At most 100 / GRAIN points.
GRAIN = 0.5


@dataclass(frozen=True)
class Mark:
    event_id: str
    left: float  # percent of the strip's width
    width: float  # percent; 0 for an event the source dates to a month or a day
    era: bool


@dataclass(frozen=True)
class Strip:
    first: pd.Timestamp
    last: pd.Timestamp
    ticks: tuple[tuple[float, str], ...]  # (percent, year label)
    background: tuple[Mark, ...]  # every event of the collection but the eras, merged at GRAIN (no event ids)
    eras: tuple[Mark, ...]

    def mark(self, event: pd.Series) -> Mark:
        """Where one event sits: a point, or a bar over its whole extent."""
        is_point = str(event["precision"]) in POINT_PRECISIONS
        earliest, latest = event["earliest"], event["latest"]
        if is_point:
            middle = earliest + (latest - earliest) / 2
            return Mark(event["id"], self._percent(middle), 0.0, event["kind"] == "era")
        left = self._percent(earliest)
        return Mark(event["id"], left, max(self._percent(latest) - left, 0.4), event["kind"] == "era")

    def marks(self, events: pd.DataFrame) -> list[Mark]:
        """mark() for every event, column-wise: one row at a time took seconds at 100,000 events."""
        total = (self.last - self.first).total_seconds()

        def percent(when: pd.Series) -> pd.Series:
            return (100 * (when - self.first).dt.total_seconds() / total).round(3)

        is_point = events["precision"].astype(str).isin(POINT_PRECISIONS)
        middle = events["earliest"] + (events["latest"] - events["earliest"]) / 2
        left = percent(middle.where(is_point, events["earliest"]))
        width = (percent(events["latest"]) - left).clip(lower=0.4).where(~is_point, 0.0)
        eras = events["kind"] == "era"
        return [
            Mark(event_id, float(at), float(span), bool(era))
            for event_id, at, span, era in zip(events["id"], left, width, eras, strict=True)
        ]

    def _percent(self, when: pd.Timestamp) -> float:
        total = (self.last - self.first).total_seconds()
        return round(100 * (when - self.first).total_seconds() / total, 3)


def strip_layout(events: pd.DataFrame) -> Strip:
    """The strip for a whole collection: its time span with year ticks, every event faintly marked."""
    if events.empty:  # a collection with no events yet still gets a (blank) strip
        first_year, last_year = 2000, 2001
    else:
        first_year = int(events["earliest"].min().year)
        last_year = int(events["latest"].max().year) + 1
    span = last_year - first_year
    step = 2 if span <= 12 else 5 if span <= 40 else 10 if span <= 120 else 50
    # Half a step of room either side so the first and last marks are not cut at the edge.
    first = pd.Timestamp(year=first_year, month=1, day=1) - pd.Timedelta(days=step * 365 // 4)
    last = pd.Timestamp(year=last_year, month=1, day=1) + pd.Timedelta(days=step * 365 // 4)
    strip = Strip(first, last, (), (), ())
    ticks = tuple(
        (strip._percent(pd.Timestamp(year=year, month=1, day=1)), str(year))
        for year in range(first_year + (-first_year) % step, last_year + 1, step)
    )
    marks = strip.marks(events)
    return Strip(first, last, ticks, merged(mark for mark in marks if not mark.era), tuple(m for m in marks if m.era))


def merged(marks) -> tuple[Mark, ...]:
    """Faint marks that look the same drawn once: points rounded to GRAIN, one each; bars snapped to GRAIN,
    overlapping ones joined. Drawn beneath the deck's own marks, so no event id is kept."""
    points: set[float] = set()
    bars: list[tuple[float, float]] = []
    for mark in marks:
        if mark.width:
            bars.append((_snap(mark.left), max(_snap(mark.left + mark.width), _snap(mark.left) + GRAIN)))
        else:
            points.add(_snap(mark.left))
    joined: list[list[float]] = []
    for left, right in sorted(bars):
        if joined and left <= joined[-1][1]:
            joined[-1][1] = max(joined[-1][1], right)
        else:
            joined.append([left, right])
    shown = [Mark("", at, 0.0, False) for at in sorted(points)]
    shown += [Mark("", left, round(right - left, 3), False) for left, right in joined]
    return tuple(shown)


def _snap(percent: float) -> float:
    return round(round(percent / GRAIN) * GRAIN, 3)
