"""The traces of the timeline's single events, as plain data from numpy columns (see timeline.py).

Each takes the positions of its events in a TimelineItems and their rows; plotly.js reads the dicts as
they are, so nothing is validated or converted on the way.
"""

from __future__ import annotations

import numpy as np

from timeline.figures import theme
from timeline.figures.plotly_text import LABEL_FONT_PX, plotly_text
from timeline.figures.points import HOVER
from timeline.figures.timeline_items import TimelineItems, iso
from timeline.figures.timeline_rows import MARKER_PX, Packed
from timeline.load.schema import CATEGORIES

SPAN_SAMPLES = 8  # hover points along a span; its written title answers hover too
ROW_HEIGHT_PX = 19
# The line that shows a span's extent runs along the bottom of its row, under the title (y grows downwards).
UNDERLINE_DROP = 0.36
DAY = np.timedelta64(1, "D")
COLOURS_BY_CODE = [theme.CATEGORY_COLOURS[category] for category in CATEGORIES]


def _segments(starts: list, ends: list) -> list:
    """[start, end, None, start, end, None, ...]: one line per pair, broken between them."""
    joined: list = [None] * (3 * len(starts))
    joined[0::3], joined[1::3] = starts, ends
    return joined


def _span_trace(
    drawn: TimelineItems, spans: np.ndarray, y: np.ndarray, colour: str, category: str, inferred: bool
) -> dict:
    # The bar's extent as a coloured line under the title (dotted when inferred) over a pale band.
    low = (y + UNDERLINE_DROP).tolist()
    return {
        "type": "scatter",
        "x": _segments(iso(drawn.earliest[spans]), iso(drawn.latest[spans])),
        "y": _segments(low, low),
        "mode": "lines",
        "line": {"color": colour, "width": 3, "dash": "dot" if inferred else "solid"},
        "name": f"{CATEGORIES[category]} ({'inferred' if inferred else 'stated'} spans)",
        "hoverinfo": "skip",
        "meta": {"role": "span", "category": category, "inferred": inferred},
    }


def _band_trace(drawn: TimelineItems, spans: np.ndarray, y: np.ndarray, colour: str, category: str) -> dict:
    rows = y.tolist()
    return {
        "type": "scatter",
        "x": _segments(iso(drawn.earliest[spans]), iso(drawn.latest[spans])),
        "y": _segments(rows, rows),
        "mode": "lines",
        "line": {"color": theme.tint(colour, 0.3), "width": ROW_HEIGHT_PX - 4},
        "hoverinfo": "skip",
        "name": f"{CATEGORIES[category]} (bands)",
        "meta": {"role": "band", "category": category},
    }


def _span_hover_trace(drawn: TimelineItems, spans: np.ndarray, y: np.ndarray, category: str) -> dict:
    # Lines only answer hover at their vertices, so invisible markers along each
    # span make the whole bar hoverable and clickable.
    earliest = drawn.earliest[spans].astype("int64")
    length = drawn.latest[spans].astype("int64") - earliest
    # Enough points that a hover anywhere on the bar finds one; few, since each carries its text.
    days = (drawn.latest[spans] - drawn.earliest[spans]) // DAY
    steps = np.minimum(SPAN_SAMPLES, np.maximum(2, days // 365))
    per_span = steps + 1
    step = np.arange(per_span.sum()) - np.repeat(np.cumsum(per_span) - per_span, per_span)
    # Whole seconds, cut as pandas cuts a Timedelta divided by an int.
    at = np.repeat(earliest, per_span) + np.repeat(length, per_span) * step // np.repeat(steps, per_span)
    hovers = drawn.hover(spans)
    return {
        "type": "scatter",
        "x": iso(at.astype(drawn.earliest.dtype)),
        "y": np.repeat(y, per_span).tolist(),
        "mode": "markers",
        "marker": {"size": 14, "opacity": 0},
        "customdata": [custom for custom, count in zip(hovers, per_span.tolist(), strict=True) for _ in range(count)],
        "hovertemplate": HOVER,
        "name": f"{CATEGORIES[category]} (span hover)",
        "meta": {"role": "span-hover", "category": category},
    }


def _point_trace(
    drawn: TimelineItems, points: np.ndarray, y: np.ndarray, colour: str, category: str, inferred: bool
) -> dict:
    return {
        "type": "scatter",
        "x": iso(drawn.x0[points]),
        "y": y.tolist(),
        "mode": "markers",
        "marker": {
            "size": MARKER_PX,
            "color": "white" if inferred else colour,
            "symbol": "circle-open" if inferred else "circle",
            "line": {"color": colour, "width": 3 if inferred else 1.5},
        },
        "customdata": drawn.hover(points),
        "hovertemplate": HOVER,
        "name": f"{CATEGORIES[category]} ({'inferred' if inferred else 'stated'} points)",
        "meta": {"role": "point", "category": category, "inferred": inferred},
    }


def _open_end_trace(drawn: TimelineItems, items: np.ndarray, y: np.ndarray) -> dict:
    """An arrowhead where an open span ("since 2007") meets the present: it goes on, it does not end there."""
    return {
        "type": "scatter",
        "x": iso(drawn.latest[items]),
        "y": (y + UNDERLINE_DROP).tolist(),
        "mode": "markers",
        "marker": {
            "symbol": "triangle-right",
            "size": 11,
            "color": [COLOURS_BY_CODE[code] for code in drawn.category[items].tolist()],
        },
        "customdata": drawn.hover(items),
        "hovertemplate": HOVER,
        "name": "Open ends",
        "meta": {"role": "open-end", "ids": drawn.ids[items].tolist()},
    }


def _label_trace(drawn: TimelineItems, items: np.ndarray, rows: Packed, texts: list[str]) -> dict:
    """Every written title: from its bar's start or its point rightwards, or leftwards from its end."""
    written = rows.labelled
    shown = items[written]
    # A point's title keeps clear of the marker: plotly pads text by the (invisible) marker's size.
    return {
        "type": "scatter",
        "x": iso(rows.anchors[written]),
        "y": rows.y[written].tolist(),
        "mode": "markers+text",
        "marker": {"size": np.where(drawn.point[shown], MARKER_PX, 1).tolist(), "opacity": 0},
        "text": [plotly_text(text) for text, keep in zip(texts, written.tolist(), strict=True) if keep],
        "textposition": np.where(rows.left[written], "middle left", "middle right").tolist(),
        "textfont": {"size": LABEL_FONT_PX, "color": theme.INK},
        "customdata": drawn.hover(shown),
        "hovertemplate": HOVER,
        "name": "Titles",
        "meta": {"role": "label", "ids": drawn.ids[shown].tolist()},
    }


def selected_trace(drawn: TimelineItems, items: np.ndarray, y: np.ndarray, selected: str | None) -> dict:
    """The ring (or bar) around the selected item, drawn last, and where every item is drawn.

    `meta.marks` maps each id to [start, end, row], so the browser can move the highlight when the
    selection changes (assets/keyboard.js) without asking the server for the whole figure again.
    """
    marks = {
        event_id: [start, end, row]
        for event_id, start, end, row in zip(
            drawn.ids[items].tolist(), iso(drawn.x0[items]), iso(drawn.x1[items]), y.tolist(), strict=True
        )
    }
    chosen = marks.get(selected) if selected is not None else None
    xs, ys, size = [], [], 12
    if chosen:
        xs = [chosen[0]] if chosen[0] == chosen[1] else chosen[:2]
        ys = [chosen[2]] * len(xs)
        size = 26 if len(xs) == 1 else 12
    return {
        "type": "scatter",
        "x": xs,
        "y": ys,
        "mode": "lines+markers",
        "line": {"color": theme.SELECTED, "width": 3},
        "marker": {"size": size, "symbol": "circle-open", "color": theme.SELECTED, "line": {"width": 3}},
        "hoverinfo": "skip",
        "name": "Selected",
        "meta": {"role": "selected", "id": selected if chosen else None, "marks": marks},
    }
