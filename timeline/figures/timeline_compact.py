"""The timeline laid out for a phone: a plot of a given width (a few width classes, see web/pages/widths.py),
each lane's name written above its lane instead of in a 112 px left margin, era labels and the density's note
fitted inside the plot's width, and fewer year ticks.

It changes the layout timeline.py made; the traces are the same, packed for the narrow plot there.
"""

from __future__ import annotations

import pandas as pd

from timeline.figures import theme
from timeline.figures.plotly_text import plotly_text, shortened, text_width_px, wrapped
from timeline.figures.timeline_items import TimelineItems
from timeline.figures.timeline_traces import ROW_HEIGHT_PX
from timeline.load.vocabulary import category as category_word

# Rows left free above each lane for its name, besides the gap between lanes (a row is 19 px): with it, the
# 12 px name has 17 px between the lane above and its own first row.
LANE_HEAD = 0.55
# The whole figure stays under about 550 px (issue 22: the map within two screens of a phone): past this many
# rows of items, rows are packed by marks alone and only the titles with room are written, as on a desktop.
MAX_ROWS = 23
MARGIN = {"l": 8, "r": 10, "b": 22}
TOP_PX, ERA_TOP_PX = 8, 20  # above the plot: air, or the eras' labels
NOTE_TOP_PX = 40  # the density figure's note, on two lines
ERA_FONT_PX = 12
# Rows a little closer than the desktop's 19 px (the 12 px titles still clear each other), so the timeline and
# the map fit in two screens of a phone with the play bar between them; bands are as much thinner.
ROW_PX = 15
BAND_PX = ROW_PX - 4
TICK_PX = 56  # about one year tick per this many pixels: at most 4 at 268 px, 6 at 338 px


def compact(
    layout: dict,
    drawn: TimelineItems,
    lanes: list[tuple[str, float]],
    width_px: float,
    axis: tuple[pd.Timestamp, pd.Timestamp],
    eras,
    note: str | None = None,
) -> dict:
    """`layout` made for a plot `width_px` wide; `lanes` are (category, the y of its first row's middle),
    `eras` the positions of the eras drawn. The height is kept in rows and the margins changed around them."""
    rows_px = (layout["height"] - layout["margin"]["t"] - layout["margin"]["b"]) * ROW_PX / ROW_HEIGHT_PX
    era_labels = _era_labels(drawn, eras, axis, width_px)
    top = ERA_TOP_PX if era_labels else TOP_PX
    annotations = [_lane_name(category, y) for category, y in lanes] + era_labels
    if note:
        # Above the eras' labels, if any.
        annotations.append(_note(note, width_px, top - TOP_PX))
        top += NOTE_TOP_PX
    layout.update(
        height=int(rows_px + top + MARGIN["b"]),
        margin={**MARGIN, "t": top},
        annotations=annotations,
    )
    layout["xaxis"] = {**layout["xaxis"], "nticks": max(3, int(width_px // TICK_PX)), "tickfont": {"size": 12}}
    layout["yaxis"] = {**layout["yaxis"], "showticklabels": False}
    return layout


def thinner_bands(traces: list[dict]) -> list[dict]:
    """The traces with each span's shaded band as thick as a compact row allows."""
    for trace in traces:
        if trace["meta"].get("role") == "band":
            trace["line"] = {**trace["line"], "width": BAND_PX}
    return traces


def _lane_name(category: str, y: float) -> dict:
    """The lane's name at the plot's left edge, just above its first row (y grows downwards)."""
    colour = theme.CATEGORY_COLOURS[category]
    return {
        "text": f'<span style="color:{colour}">■</span> <b>{plotly_text(category_word(category))}</b>',
        "x": 0, "xref": "paper", "xanchor": "left", "y": y - 0.5, "yref": "y", "yanchor": "bottom",
        "showarrow": False, "font": {"size": 12, "color": theme.INK}, "borderpad": 0,
    }  # fmt: skip


def _era_labels(drawn: TimelineItems, eras, axis: tuple[pd.Timestamp, pd.Timestamp], width_px: float) -> list[dict]:
    """Each era's label above the plot, whole where it fits and never past either edge: from the era's start
    (or the plot's), else ending at the era's end, shortened to the room there is."""
    start, end = axis
    per_px = (end - start) / width_px
    labels = []
    eras = drawn.labelled_eras(eras)  # the bands are era_marks'; only their names are placed here
    for p, words in zip(eras.tolist(), drawn.era_words(eras), strict=True):
        first = max((pd.Timestamp(drawn.earliest[p]) - start) / per_px, 0.0)
        last = min((pd.Timestamp(drawn.latest[p]) - start) / per_px, width_px)
        if last <= first:
            continue  # outside the window: its band is not drawn either
        rightwards = width_px - first
        if text_width_px(words, ERA_FONT_PX) <= rightwards or rightwards >= last:
            at, anchor, room = first, "left", rightwards
        else:
            at, anchor, room = last, "right", last
        labels.append(
            {
                "text": plotly_text(shortened(words, room, ERA_FONT_PX)),
                "x": (start + per_px * at).isoformat(), "xref": "x", "xanchor": anchor,
                "y": 1.0, "yref": "paper", "yanchor": "bottom",
                "showarrow": False, "font": {"color": theme.ERA_TEXT, "size": ERA_FONT_PX},
            }
        )  # fmt: skip
    return labels


def _note(text: str, width_px: float, above_px: float) -> dict:
    return {
        "text": wrapped(text, width_px, 12), "xref": "paper", "yref": "paper", "x": 0, "y": 1.0, "yshift": above_px,
        "xanchor": "left", "yanchor": "bottom", "align": "left", "showarrow": False,
        "font": {"color": theme.MUTED, "size": 12},
    }  # fmt: skip
