"""The timeline: events drawn at the precision the source gives them.

A day or month is a point; a year, decade or range is a bar over its real
extent; inferred dates are hollow or dotted; eras are shaded bands behind
everything. One lane per category, split into rows so nothing overlaps.

Past DETAIL_LIMIT events in view, single events cannot be told apart anyway:
each lane becomes a density strip (dots sized by how many events fall in each
bin), and zooming in far enough brings the single events back.

The figure is plain data (a dict plotly.js reads as it is), built from numpy columns: a redraw on every
filter costs what its items cost. TimelineItems holds what each event's marks need, made once per frame.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from timeline.figures import theme
from timeline.figures.plotly_text import plotly_text
from timeline.figures.points import HOVER, point
from timeline.figures.timeline_compact import LANE_HEAD, compact, thinner_bands
from timeline.figures.timeline_compact import MAX_ROWS as COMPACT_ROWS
from timeline.figures.timeline_items import CATEGORY_CODES, TimelineItems, iso
from timeline.figures.timeline_rows import PLOT_WIDTH_PX, pack, padded
from timeline.figures.timeline_traces import (
    _band_trace,
    _label_trace,
    _open_end_trace,
    _point_trace,
    _span_hover_trace,
    _span_trace,
    selected_trace,
)
from timeline.i18n import gettext as _
from timeline.i18n import ngettext
from timeline.i18n.words import number
from timeline.load.schema import CATEGORIES
from timeline.load.vocabulary import category as category_word

# Measured (bench/browser_bench.py): 1,000 events drawn one by one took 8.8 s to first draw,
# 10,000 as density strips 4.9 s; past a few hundred, single bars are unreadable anyway.
DETAIL_LIMIT = 400
DENSITY_BINS = 160
ROW_HEIGHT_PX = 19
MARGIN_TOP_PX, MARGIN_BOTTOM_PX = 30, 28
# Layout keys some timelines have and others lack (eras, the empty figure's message, its plain axes).
OPTIONAL_LAYOUT = ("shapes", "annotations", "showlegend", "hovermode", "dragmode", "uirevision")


def figure_height(rows: float) -> int:
    return int(MARGIN_TOP_PX + MARGIN_BOTTOM_PX + ROW_HEIGHT_PX * (rows + 0.3))


def timeline_figure(
    events: pd.DataFrame,
    selected: str | None = None,
    x_range: list | None = None,
    drawn: TimelineItems | None = None,
    width_px: float | None = None,
) -> dict:
    """The timeline of `events` (eras included), with `selected` highlighted and every title written.

    `x_range` is the visible window: it sets the axis, and when there are too
    many events to draw one by one, only those in the window count. `drawn` is
    TimelineItems of a frame `events` is part of, made once by a caller that draws
    parts of the same frame often: then only `events.index` is read (which rows of
    that frame to draw). Without it the items are made here. `width_px` lays it out for a phone's plot of
    that width (timeline_compact.py); without it, for the desktop's.
    """
    drawn = drawn if drawn is not None else TimelineItems(events)
    shown = drawn.positions(events)
    if not len(shown):
        return _empty()
    items = shown[~drawn.era[shown]]
    if len(items) > DETAIL_LIMIT and x_range:
        start, end = (pd.Timestamp(bound).to_datetime64() for bound in x_range[:2])
        items = items[(drawn.latest[items] >= start) & (drawn.earliest[items] <= end)]
    if len(items) > DETAIL_LIMIT:
        return _density(drawn, shown, x_range, width_px)
    axis = axis_of(drawn, shown, x_range)
    plot_px = width_px or PLOT_WIDTH_PX
    texts, label_px = drawn.labels(items, plot_px)
    room = (LANE_HEAD, COMPACT_ROWS) if width_px else ()
    rows = pack(drawn.category[items], drawn.x0[items], drawn.x1[items], label_px, axis, plot_px, *room)
    traces = []
    for code, category in enumerate(CATEGORIES):
        in_lane = drawn.category[items] == code
        if not in_lane.any():
            continue
        colour = theme.CATEGORY_COLOURS[category]
        point = drawn.point[items]
        spans = in_lane & ~point
        if spans.any():
            traces.append(_band_trace(drawn, items[spans], rows.y[spans], colour, category))
        for inferred in (False, True):
            part = spans & (drawn.inferred[items] == inferred)
            if part.any():
                traces.append(_span_trace(drawn, items[part], rows.y[part], colour, category, inferred))
                traces.append(_span_hover_trace(drawn, items[part], rows.y[part], category))
            part = in_lane & point & (drawn.inferred[items] == inferred)
            if part.any():
                traces.append(_point_trace(drawn, items[part], rows.y[part], colour, category, inferred))
    open_end = drawn.open_end[items]
    if open_end.any():
        traces.append(_open_end_trace(drawn, items[open_end], rows.y[open_end]))
    traces.append(_label_trace(drawn, items, rows, texts))
    traces.append(selected_trace(drawn, items, rows.y, selected))
    eras = shown[drawn.era[shown]]
    shapes, annotations = drawn.era_marks(eras)
    lanes = [category for category, _ in rows.lanes]
    layout = axes_layout(drawn, axis, x_range, rows.count, lanes, [centre for _, centre in rows.lanes])
    if shapes:
        layout.update(shapes=shapes, annotations=annotations)
    if width_px:
        codes = drawn.category[items]
        firsts = [float(rows.y[codes == CATEGORY_CODES[category]].min()) for category in lanes]
        compact(layout, drawn, list(zip(lanes, firsts, strict=True)), width_px, axis, eras)
        thinner_bands(traces)
    return {"data": traces, "layout": layout}


def axis_of(drawn: TimelineItems, shown: np.ndarray, x_range: list | None) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The visible window: the one given, or every event shown with a little room on both sides."""
    if x_range:
        return pd.Timestamp(x_range[0]), pd.Timestamp(x_range[1])
    return padded(pd.Timestamp(drawn.earliest[shown].min()), pd.Timestamp(drawn.latest[shown].max()))


def axes_layout(
    drawn: TimelineItems,
    axis: tuple[pd.Timestamp, pd.Timestamp],
    x_range: list | None,
    rows: float,
    lanes: list[str],
    centres: list[float],
) -> dict:
    """The figure's layout: its height for `rows`, the time axis over `axis`, one tick per lane."""
    return {
        **theme.base_layout(),
        "height": figure_height(rows),
        "margin": {"l": theme.PLOT_LEFT, "r": 10, "t": MARGIN_TOP_PX, "b": MARGIN_BOTTOM_PX},
        "showlegend": False,
        "hovermode": "closest",
        "dragmode": "zoom",
        # Keeps the user's zoom when filters redraw the figure; a new window given from outside is applied.
        "uirevision": f"timeline-{x_range}" if x_range else "timeline",
        "xaxis": {
            "type": "date",
            "range": list(x_range) if x_range else [axis[0].isoformat(), axis[1].isoformat()],
            "showgrid": True,
            "gridcolor": "#ececec",
        },
        "yaxis": {
            "range": [rows - 0.45, -0.75],
            "tickvals": centres,
            "ticktext": [drawn.ticks[category] for category in lanes],
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
            "automargin": False,
        },
    }


def _empty() -> dict:
    return {
        "data": [],
        "layout": {
            **theme.base_layout(),
            "height": 220,
            "xaxis": {"visible": False},
            "yaxis": {"visible": False},
            "annotations": [
                {
                    "text": _("No events match the filters"),
                    "showarrow": False,
                    "font": {"size": 18, "color": theme.MUTED},
                }
            ],
            "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        },
    }


def density_figure(
    events: pd.DataFrame, x_range: list | None = None, drawn: TimelineItems | None = None, width_px: float | None = None
) -> dict:
    """One strip per category: a dot per time bin, sized by the number of events in it."""
    drawn = drawn if drawn is not None else TimelineItems(events)
    return _density(drawn, drawn.positions(events), x_range, width_px)


def _density(drawn: TimelineItems, shown: np.ndarray, x_range: list | None, width_px: float | None = None) -> dict:
    items = shown[~drawn.era[shown]]
    first, last = pd.Timestamp(drawn.earliest[shown].min()), pd.Timestamp(drawn.latest[shown].max())
    if x_range:
        first, last = max(first, pd.Timestamp(x_range[0])), min(last, pd.Timestamp(x_range[1]))
    edges = pd.date_range(first, last + pd.Timedelta(days=1), periods=DENSITY_BINS + 1)
    centres = (edges[:-1] + (edges[1:] - edges[:-1]) / 2).to_numpy()
    middle = drawn.earliest[items] + (drawn.latest[items] - drawn.earliest[items]) / 2
    bins = edges.searchsorted(middle, side="right") - 1
    in_range = (bins >= 0) & (bins < DENSITY_BINS)
    codes = drawn.category[items]
    lanes = [category for code, category in enumerate(CATEGORIES) if (codes == code).any()]
    # Events per (category, bin): one count per cell of a categories x bins grid.
    cells = np.bincount(
        codes[in_range].astype("int64") * DENSITY_BINS + bins[in_range], minlength=len(CATEGORIES) * DENSITY_BINS
    ).reshape(len(CATEGORIES), DENSITY_BINS)
    biggest = max(int(cells.max()) if in_range.any() else 1, 1)
    edge_text = [str(edge) for edge in edges]
    months = [drawn.month(edge) for edge in edges]
    spans = [plotly_text(f"{months[b]} – {months[b + 1]}") for b in range(DENSITY_BINS)]
    note = plotly_text(_("click or zoom in to see them one by one"))
    # On a phone each strip has a row above it for its name (timeline_compact.py).
    step, first = (2.0, 1.0) if width_px else (1.0, 0.0)
    traces = []
    for lane, category in enumerate(lanes):
        per_bin = cells[CATEGORY_CODES[category]]
        filled = np.flatnonzero(per_bin)
        if not len(filled):
            continue
        counts = per_bin[filled]
        traces.append(
            {
                "type": "scatter",
                "x": iso(centres[filled]),
                "y": [first + step * lane] * len(filled),
                "mode": "markers",
                "marker": {
                    "size": (5 + 25 * (counts / biggest) ** 0.5).round(1).tolist(),
                    "color": theme.CATEGORY_COLOURS[category],
                    "opacity": 0.85,
                },
                "customdata": [
                    point(
                        None,
                        drawn.text(_density_heading, count, category),
                        spans[b],
                        note,
                        edge_text[max(b - 2, 0)],
                        edge_text[min(b + 3, DENSITY_BINS)],
                    )
                    for b, count in zip(filled.tolist(), counts.tolist(), strict=True)
                ],
                "hovertemplate": HOVER,
                "name": f"{CATEGORIES[category]} (density)",
                "meta": {"role": "density", "category": category},
            }
        )
    axis = axis_of(drawn, shown, x_range)
    centres = [first + step * lane for lane in range(len(lanes))]
    layout = axes_layout(drawn, axis, x_range, len(lanes), lanes, centres)
    eras = shown[drawn.era[shown]]
    shapes, annotations = drawn.era_marks(eras)
    count = ngettext(
        "%(n)s event: too many to draw one by one. Zoom in to see single events.",
        "%(n)s events: too many to draw one by one. Zoom in to see single events.",
        len(items),
    ) % {"n": number(len(items))}
    if shapes:
        layout["shapes"] = shapes
    if width_px:
        layout["height"] = figure_height(step * len(lanes) - 0.1)
        layout["yaxis"]["range"] = [step * len(lanes) - 0.3, -0.5]
        return {
            "data": traces,
            "layout": compact(layout, drawn, list(zip(lanes, centres, strict=True)), width_px, axis, eras, count),
        }
    layout["height"] = figure_height(1.7 * len(lanes))
    layout["yaxis"]["range"] = [len(lanes) - 0.5, -0.7]
    layout["annotations"] = [
        *annotations,
        {
            "text": count, "xref": "paper", "yref": "paper", "x": 1, "y": 1.0, "xanchor": "right",
            "yanchor": "bottom", "showarrow": False, "font": {"color": theme.MUTED, "size": 13},
        },
    ]  # fmt: skip
    return {"data": traces, "layout": layout}


def _density_heading(count: int, category: str) -> str:
    """'12 attack events' in the hover of a density dot."""
    return ngettext("%(n)s event: %(category)s", "%(n)s events: %(category)s", count) % {
        "n": number(count),
        "category": category_word(category),
    }
