"""Where each item of the timeline sits: its row in its category's lane, its extent on the time axis, and
whether its title is written and on which side.

Rows are packed as vis-timeline stacks items: greedy, in start order, each item's written title counted
in its width at the narrowest plot the explorer lays out (PLOT_WIDTH_PX).

The packing works on numpy columns (dates as datetime64[s], one entry per item) so a redraw costs what its
items cost, not pandas' per-row access; lane_rows is the same for a DataFrame.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
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
    return padded(events["earliest"].min(), events["latest"].max())


def padded(first: pd.Timestamp, last: pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp]:
    """From `first` to `last` with 3 % of room (at least half a year) on both sides."""
    pad = max((last - first) * 0.03, pd.Timedelta(days=180))
    return first - pad, last + pad


def label_text(title: str, width_px: float = PLOT_WIDTH_PX) -> str:
    """The title as written on a plot `width_px` wide: cut with an ellipsis only if longer than the whole plot."""
    return shortened(title, width_px - MARKER_PX - LABEL_GAP_PX)


@dataclass(frozen=True)
class Packed:
    """Where each item sits, one entry per item: numpy columns in the order the items were given."""

    y: np.ndarray  # the row (float: lanes are LANE_GAP apart)
    labelled: np.ndarray  # its title is written
    left: np.ndarray  # the title ends at the item's end instead of starting at its start: no room on the right
    anchors: np.ndarray  # where the written title starts (or, leftwards, ends) on the time axis
    lanes: list[tuple[str, float]]  # (category, the lane's centre) of each lane drawn, top to bottom

    @property
    def count(self) -> float:
        return float(self.y.max() + 1) if len(self.y) else 1.0


def pack(
    categories: np.ndarray,
    x0: np.ndarray,
    x1: np.ndarray,
    label_px: np.ndarray,
    axis: tuple[pd.Timestamp, pd.Timestamp],
    width_px: float = PLOT_WIDTH_PX,
    lane_head: float = 0.0,
    max_rows: int = MAX_LABELLED_ROWS,
) -> Packed:
    """Rows so that no two items overlap, their titles included, in one lane per category.

    `categories` are codes into CATEGORIES, `x0`/`x1` each mark's extent (datetime64[s]), `label_px` each
    written title's width in pixels. Like vis-timeline's stacking: each item takes its mark plus its
    written title, and goes in the first row of its lane where that room is free. A title that would run
    past the axis's end is written leftwards, ending where its item ends. When all that needs more than
    MAX_LABELLED_ROWS rows, rows are packed by marks alone and a title is written only where it fits
    before the next mark of its row. `lane_head` rows are left free above each lane (a phone writes the lane's
    name there), which `max_rows` does not count.
    """
    if not len(x0):
        nothing = np.zeros(0, dtype=bool)
        return Packed(np.zeros(0), nothing, nothing, x0, [])
    # numpy does what pandas did on these columns (pandas hands them to it): each value keeps its unit
    # (seconds for the data, a window's own unit for its bounds), and a duration times a float is cut to it.
    start, end = (pd.Timestamp(bound) for bound in axis)
    per_px = ((end - start) / width_px).to_timedelta64()
    start, end = start.to_datetime64(), end.to_datetime64()
    label = per_px * (MARKER_PX + label_px + LABEL_GAP_PX)
    seen = np.ones(len(x0), dtype=bool)
    if lane_head:
        # A phone's plot is too narrow to lose a title past an edge of a zoomed window: a mark across an
        # edge has its title placed from its part in the window, and a mark outside the window has none.
        seen = (x1 >= start) & (x0 <= end)
        x0, x1 = np.clip(x0, start, end), np.clip(x1, start, end)
        label = np.where(seen, label, np.timedelta64(0, "s"))
    right_fits = x0 + label <= end
    left = ~right_fits & (x1 - label >= start)
    # Room on neither side of its item (a long translated title, a narrow window): written from the
    # axis's start, over its own item, so it stays whole and inside the plot.
    clamped = ~right_fits & ~left
    anchors = np.where(clamped, start, np.where(left, x1, x0))
    taken_from = np.where(clamped, start, np.where(right_fits, x0, np.minimum(x0, x1 - label)))
    taken_to = np.where(left, x1, np.maximum(x1, anchors + label)) + per_px * LABEL_GAP_PX
    y, lanes = _pack(categories, taken_from, taken_to, lane_head)
    if y.max() + 1 - lane_head * len(lanes) <= max_rows:
        return Packed(y, seen.copy(), left, anchors, lanes)
    y, lanes = _pack(categories, x0, x1 + per_px * (MARKER_PX + LABEL_GAP_PX), lane_head)
    if lane_head:
        seen &= x0 + label <= end  # the phone's titles never cross the plot's end
    return Packed(y, _labels_that_fit(y, x0, x0 + label) & seen, np.zeros(len(y), dtype=bool), x0, lanes)


def _pack(
    categories: np.ndarray, taken_from: np.ndarray, taken_to: np.ndarray, lane_head: float = 0.0
) -> tuple[np.ndarray, list[tuple[str, float]]]:
    """Each item's row (greedy, in start order, one lane per category) and each lane's (category, centre)."""
    y = np.zeros(len(categories))
    unit = np.promote_types(taken_from.dtype, taken_to.dtype)
    taken_from, taken_to = taken_from.astype(unit), taken_to.astype(unit)
    starts = taken_from.astype("int64").tolist()
    ends = taken_to.astype("int64").tolist()
    lanes: list[tuple[str, float]] = []
    top = 0.0
    for code, category in enumerate(CATEGORIES):
        lane = np.flatnonzero(categories == code)
        if not len(lane):
            continue
        top += lane_head
        # lexsort is stable: items that take the same room keep their order in the frame.
        order = lane[np.lexsort((taken_to[lane], taken_from[lane]))].tolist()
        row_ends: list[int] = []
        for index in order:
            begins = starts[index]
            for row, row_end in enumerate(row_ends):
                if begins > row_end:
                    row_ends[row] = ends[index]
                    break
            else:
                row = len(row_ends)
                row_ends.append(ends[index])
            y[index] = top + row
        lanes.append((category, top + (len(row_ends) - 1) / 2))
        top += len(row_ends) + LANE_GAP
    return y, lanes


def _labels_that_fit(y: np.ndarray, x0: np.ndarray, label_end: np.ndarray) -> np.ndarray:
    """A title is written when it ends before the next mark of its row starts (the last of a row always)."""
    order = np.lexsort((x0, y))
    following = np.empty(len(order), dtype=bool)
    following[:-1] = y[order][1:] == y[order][:-1]
    following[-1] = False
    fits = np.ones(len(order), dtype=bool)
    nxt = np.roll(order, -1)
    fits[following] = label_end[order][following] < x0[nxt][following]
    labelled = np.empty(len(order), dtype=bool)
    labelled[order] = fits
    return labelled


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


def seconds(column: pd.Series) -> np.ndarray:
    """A date column as datetime64[s], the unit the packing and the figures compute in."""
    return column.to_numpy(dtype="datetime64[s]")


def lane_rows(items: pd.DataFrame, axis: tuple[pd.Timestamp, pd.Timestamp] | None = None) -> Rows:
    """pack() for a DataFrame of items, as Series aligned with it."""
    if items.empty:
        empty = pd.Series(dtype=bool)
        return Rows(pd.Series(dtype=float), empty, empty, [], pd.Series(dtype=str), pd.Series(dtype="datetime64[s]"))
    x0, x1 = item_extent(items)
    texts = items["title"].map(label_text)
    codes = items["category"].astype(str).map({c: n for n, c in enumerate(CATEGORIES)}).to_numpy()
    packed = pack(codes, seconds(x0), seconds(x1), texts.map(text_width_px).to_numpy(), axis or axis_span(items))
    index = items.index
    return Rows(
        pd.Series(packed.y, index=index),
        pd.Series(packed.labelled, index=index),
        pd.Series(packed.left, index=index),
        packed.lanes,
        texts,
        pd.Series(packed.anchors, index=index),
    )
