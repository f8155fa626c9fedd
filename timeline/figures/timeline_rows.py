"""Where each item of the timeline sits: its row in its category's lane, its extent on the time axis, and
whether its title is written and on which side.

Rows are packed as vis-timeline stacks items: greedy, in start order, each item's written title counted
in its width at the narrowest plot the explorer lays out (PLOT_WIDTH_PX).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from timeline.figures.plotly_text import shortened, text_width_px
from timeline.load.schema import CATEGORIES

POINT_PRECISIONS = ("day", "month")
LANE_GAP = 0.35
# The plot area's width in the explorer at 1280 px, the narrowest screen its first view is laid out for:
# labels are packed for it, so on a wider screen they only get more room.
PLOT_WIDTH_PX = 620
# Room between one item's end (its label included) and the next item of the same row.
LABEL_GAP_PX = 14
MARKER_PX = 12
# Past this many rows a labelled timeline no longer fits beside the map: rows are packed by marks
# alone and only the labels that fit in their row are written.
MAX_LABELLED_ROWS = 22


def is_point(events: pd.DataFrame) -> pd.Series:
    return events["precision"].astype(str).isin(POINT_PRECISIONS)


def midpoint(events: pd.DataFrame) -> pd.Series:
    return events["earliest"] + (events["latest"] - events["earliest"]) / 2


def axis_span(events: pd.DataFrame, x_range: list | None = None) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The default visible window: every event with a little room on both sides, or the given window."""
    if x_range:
        return pd.Timestamp(x_range[0]), pd.Timestamp(x_range[1])
    first, last = events["earliest"].min(), events["latest"].max()
    pad = max((last - first) * 0.03, pd.Timedelta(days=180))
    return first - pad, last + pad


@dataclass(frozen=True)
class Rows:
    """Where each item sits (index-aligned): its row, whether its title is written and on which side, and the lanes."""

    y: pd.Series
    labelled: pd.Series
    left: pd.Series  # the title ends at the item's end instead of starting at its start: no room on the right
    lanes: list[tuple[str, float]]
    texts: pd.Series  # the title as written: cut with an ellipsis only if longer than the whole plot
    anchors: pd.Series  # where the written title starts (or, leftwards, ends) on the time axis

    @property
    def count(self) -> float:
        return float(self.y.max() + 1) if len(self.y) else 1.0


def item_extent(items: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Where each item's mark starts and ends on the time axis (a point is its midpoint)."""
    point = is_point(items)
    middle = midpoint(items)
    return middle.where(point, items["earliest"]), middle.where(point, items["latest"])


def lane_rows(
    items: pd.DataFrame, axis: tuple[pd.Timestamp, pd.Timestamp] | None = None, width_px: float = PLOT_WIDTH_PX
) -> Rows:
    """Rows so that no two items overlap, their titles included, in one lane per category.

    Like vis-timeline's stacking: each item takes its mark plus its written title,
    and goes in the first row of its lane where that room is free. A title that
    would run past the axis's end is written leftwards, ending where its item ends.
    When all that needs more than MAX_LABELLED_ROWS rows, rows are packed by marks
    alone and a title is written only where it fits before the next mark of its row.
    """
    if items.empty:
        empty = pd.Series(dtype=bool)
        return Rows(pd.Series(dtype=float), empty, empty, [], pd.Series(dtype=str), pd.Series(dtype="datetime64[ns]"))
    start, end = axis or axis_span(items)
    per_px = (end - start) / width_px
    x0, x1 = item_extent(items)
    # Only a title longer than the whole plot is cut (the hover has it whole).
    texts = items["title"].map(lambda title: shortened(title, width_px - MARKER_PX - LABEL_GAP_PX))
    label = per_px * (MARKER_PX + texts.map(text_width_px) + LABEL_GAP_PX)
    right_fits = x0 + label <= end
    left = ~right_fits & (x1 - label >= start)
    # Room on neither side of its item (a long translated title, a narrow window): written from the
    # axis's start, over its own item, so it stays whole and inside the plot.
    clamped = ~right_fits & ~left
    anchors = x1.where(left, x0).where(~clamped, start)
    taken_from = x0.where(right_fits, pd.concat([x0, x1 - label], axis=1).min(axis=1)).where(~clamped, start)
    taken_to = x1.where(left, pd.concat([x1, anchors + label], axis=1).max(axis=1)) + per_px * LABEL_GAP_PX
    y, lanes = _pack(items, taken_from, taken_to)
    if y.max() + 1 <= MAX_LABELLED_ROWS:
        return Rows(y, pd.Series(True, index=items.index), left, lanes, texts, anchors)
    y, lanes = _pack(items, x0, x1 + per_px * (MARKER_PX + LABEL_GAP_PX))
    return Rows(y, _labels_that_fit(y, x0, x0 + label), pd.Series(False, index=items.index), lanes, texts, x0)


def _pack(items: pd.DataFrame, taken_from: pd.Series, taken_to: pd.Series) -> tuple[pd.Series, list[tuple[str, float]]]:
    """Each item's row (greedy, in start order, one lane per category) and each lane's (category, centre)."""
    positions: dict = {}
    lanes: list[tuple[str, float]] = []
    top = 0.0
    for category in CATEGORIES:
        lane = items.index[items["category"] == category]
        if lane.empty:
            continue
        order = sorted(lane, key=lambda index: (taken_from[index], taken_to[index]))
        row_ends: list[pd.Timestamp] = []
        for index in order:
            for row, row_end in enumerate(row_ends):
                if taken_from[index] > row_end:
                    row_ends[row] = taken_to[index]
                    break
            else:
                row = len(row_ends)
                row_ends.append(taken_to[index])
            positions[index] = top + row
        lanes.append((category, top + (len(row_ends) - 1) / 2))
        top += len(row_ends) + LANE_GAP
    return pd.Series(positions, index=items.index, dtype=float), lanes


def _labels_that_fit(y: pd.Series, x0: pd.Series, label_end: pd.Series) -> pd.Series:
    labelled = pd.Series(False, index=y.index)
    for _lane, row in y.groupby(y):
        order = sorted(row.index, key=lambda index: x0[index])
        for index, following in zip(order, [*order[1:], None], strict=True):
            labelled[index] = following is None or label_end[index] < x0[following]
    return labelled
