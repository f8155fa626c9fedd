"""What the timeline draws of each event of a frame, in one language: built once, read by every redraw.

A redraw of the explorer is a subset of one frame (the collection's events in the reader's language), so
what does not depend on the subset is taken once per frame: each event's category, extent and style as
numpy columns, the shapes and labels of eras, the lanes' names. Each event's hover text and written title
are made when an event is first drawn and kept, so a collection of 100,000 events pays only for those
a reader has seen.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from timeline import i18n
from timeline.figures import subset, theme
from timeline.figures.plotly_text import fitted_tick, plotly_text, text_width_px
from timeline.figures.points import point
from timeline.figures.timeline_rows import PLOT_WIDTH_PX, is_point, label_text, midpoint, seconds
from timeline.i18n.dates import describe, describe_with_basis
from timeline.i18n.words import month_year
from timeline.load.schema import CATEGORIES
from timeline.load.vocabulary import category as category_word

CATEGORY_CODES = {category: code for code, category in enumerate(CATEGORIES)}
ERA_LABELS = 24  # eras labelled above the timeline; past it their bands merge (TimelineItems.era_marks)


class TimelineItems:
    """Per event of `events` (eras included), in the language current when it is made: numpy columns
    aligned with the frame's rows, and texts made on first use."""

    def __init__(self, events: pd.DataFrame) -> None:
        self.events = events
        self.lang = i18n.current()
        count = len(events)
        self.ids = events["id"].to_numpy(dtype=object)
        self.era = (events["kind"] == "era").to_numpy(dtype=bool)
        self.category = events["category"].astype(str).map(CATEGORY_CODES).fillna(-1).to_numpy(dtype="int8")
        self.point = is_point(events).to_numpy(dtype=bool)
        self.inferred = (events["date_basis"] == "inferred").to_numpy(dtype=bool)
        self.open_end = events["open_end"].to_numpy(dtype=bool) if "open_end" in events else np.zeros(count, dtype=bool)
        self.earliest, self.latest = seconds(events["earliest"]), seconds(events["latest"])
        middle = seconds(midpoint(events))
        self.x0 = np.where(self.point, middle, self.earliest)  # where each mark starts and ends (item_extent)
        self.x1 = np.where(self.point, middle, self.latest)
        self._hover = subset.PerRow(events, _hover, self.lang)
        # Per plot width (the desktop's, and each of a phone's few width classes): titles are cut to fit it.
        self._label: dict[float, list[str | None]] = {}
        self._label_px: dict[float, np.ndarray] = {}
        self._eras: dict[int, tuple[dict, dict]] = {}
        self._era_words: dict[int, str] = {}  # each era's label as text, before plotly's escaping
        self._texts: dict[tuple, str] = {}
        self.ticks = {category: fitted_tick(category_word(category), theme.PLOT_LEFT - 14) for category in CATEGORIES}

    def month(self, moment: pd.Timestamp) -> str:
        """'Mar 2017' in this language: the same few hundred months come back on every density redraw."""
        key = (moment.year, moment.month)
        if key not in self._texts:
            with i18n.use(self.lang):
                self._texts[key] = month_year(moment)
        return self._texts[key]

    def text(self, words: Callable[..., str], *values) -> str:
        """`words(*values)` in this language, escaped for plotly, made once (a density dot's heading)."""
        key = (words, *values)
        if key not in self._texts:
            with i18n.use(self.lang):
                self._texts[key] = plotly_text(words(*values))
        return self._texts[key]

    def positions(self, events: pd.DataFrame) -> np.ndarray:
        """Where the rows of `events`, a part of this frame, are in it (in the order of `events`)."""
        return subset.positions(self.events, events)

    def hover(self, positions: np.ndarray) -> list[list]:
        """Each event's hover (points.point): its title, its date as written and how the date was reached."""
        return self._hover.of(positions)

    def labels(self, positions: np.ndarray, width_px: float = PLOT_WIDTH_PX) -> tuple[list[str], np.ndarray]:
        """Each event's title as written on a timeline whose plot is `width_px` wide, and its width in pixels."""
        if width_px not in self._label:
            self._label[width_px] = [None] * len(self.events)
            self._label_px[width_px] = np.full(len(self.events), np.nan)
        written, widths = self._label[width_px], self._label_px[width_px]
        missing = [p for p in positions.tolist() if written[p] is None]
        if missing:
            for p, title in zip(missing, self.events["title"].iloc[missing], strict=True):
                text = label_text(title, width_px)
                widths[p] = text_width_px(text)
                written[p] = text
        return [written[p] for p in positions.tolist()], widths[positions]

    def era_marks(self, positions: np.ndarray) -> tuple[list[dict], list[dict]]:
        """The shaded band of each era and its label above the plot, so no bar can cover it. Past ERA_LABELS
        eras (a dropped sheet may mark thousands), the bands are merged where they overlap and only the
        ERA_LABELS longest are labelled: more labels on one line only cover each other, and each one costs
        the browser a redraw on every zoom (2,000 eras made a 0.9 MB timeline)."""
        if len(positions) > ERA_LABELS:
            labelled = self.labelled_eras(positions)
            return self._merged_bands(positions), [self._era(p)[1] for p in labelled.tolist()]
        marks = [self._era(p) for p in positions.tolist()]
        return [shape for shape, _label in marks], [label for _shape, label in marks]

    def labelled_eras(self, positions: np.ndarray) -> np.ndarray:
        """The eras whose names are written: all of them up to ERA_LABELS, else the ERA_LABELS longest."""
        if len(positions) <= ERA_LABELS:
            return positions
        span = self.latest[positions] - self.earliest[positions]
        return np.sort(positions[np.argsort(-span, kind="stable")[:ERA_LABELS]])

    def _era(self, p: int) -> tuple[dict, dict]:
        if p not in self._eras:
            era = self.events.iloc[p]
            x0, x1 = _iso(self.earliest[p]), _iso(self.latest[p])
            words = f"▇ {era['title']} ({describe(era['start'], era['end'], self.lang)})"
            label = {
                "x": x0, "y": 1.0, "xref": "x", "yref": "paper", "yanchor": "bottom", "xanchor": "left",
                "text": plotly_text(words),
                "showarrow": False, "font": {"color": theme.ERA_TEXT, "size": 13},
            }  # fmt: skip
            self._eras[p] = (_band(x0, x1), label)
            self._era_words[p] = words
        return self._eras[p]

    def _merged_bands(self, positions: np.ndarray) -> list[dict]:
        order = positions[np.argsort(self.earliest[positions], kind="stable")]
        bands: list[list] = []
        for start, end in zip(self.earliest[order], self.latest[order], strict=True):
            if bands and start <= bands[-1][1]:
                bands[-1][1] = max(bands[-1][1], end)
            else:
                bands.append([start, end])
        return [_band(_iso(start), _iso(end)) for start, end in bands]

    def era_words(self, positions: np.ndarray) -> list[str]:
        """Each era's label as text (era_marks escapes it for plotly), for a layout that fits it to a plot."""
        for p in positions.tolist():
            self._era(p)
        return [self._era_words[p] for p in positions.tolist()]


def _band(x0: str, x1: str) -> dict:
    return {
        "type": "rect", "x0": x0, "x1": x1, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain",
        "fillcolor": theme.ERA_FILL, "layer": "below", "line": {"width": 0},
    }  # fmt: skip


def _hover(event) -> list:
    return point(
        event.id,
        plotly_text(event.title),
        plotly_text(event.date_text),
        plotly_text(describe_with_basis(event.start, event.end, event.date_basis)),
    )


def _iso(moment: np.datetime64) -> str:
    return str(np.datetime_as_string(moment))


def iso(moments: np.ndarray) -> list[str]:
    """Dates as the ISO text plotly reads ('2017-03-16T00:00:00')."""
    return np.datetime_as_string(moments).tolist()
