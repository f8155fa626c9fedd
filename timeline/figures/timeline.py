"""The timeline: events drawn at the precision the source gives them.

A day or month is a point; a year, decade or range is a bar over its real
extent; inferred dates are hollow or dotted; eras are shaded bands behind
everything. One lane per category, split into rows so nothing overlaps.

Past DETAIL_LIMIT events in view, single events cannot be told apart anyway:
each lane becomes a density strip (dots sized by how many events fall in each
bin), and zooming in far enough brings the single events back.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import dates
from ..schema import CATEGORIES
from . import theme

POINT_PRECISIONS = ("day", "month")
# Measured (bench/browser_bench.py): 1,000 events drawn one by one took 8.8 s to first draw,
# 10,000 as density strips 4.9 s; past a few hundred, single bars are unreadable anyway.
DETAIL_LIMIT = 400
SPAN_SAMPLES = 16
DENSITY_BINS = 160
# Room kept after an event before another may share its row: a marker is wider than a month.
ROW_GAP = pd.Timedelta(days=400)
LANE_GAP = 0.5
ROW_HEIGHT_PX = 21


def is_point(events: pd.DataFrame) -> pd.Series:
    return events["precision"].astype(str).isin(POINT_PRECISIONS)


def midpoint(events: pd.DataFrame) -> pd.Series:
    return events["earliest"] + (events["latest"] - events["earliest"]) / 2


def lane_rows(events: pd.DataFrame) -> tuple[pd.Series, list[tuple[str, float]]]:
    """A y position per event (index-aligned) and (category, centre) for the lane labels.

    Within a category, events are packed greedily into rows in date order so
    no two bars or points overlap.
    """
    positions: dict = {}
    labels: list[tuple[str, float]] = []
    top = 0.0
    for category in CATEGORIES:
        lane = events[events["category"] == category].sort_values(["earliest", "latest"])
        if lane.empty:
            continue
        row_ends: list[pd.Timestamp] = []
        for index, start, end in zip(lane.index, lane["earliest"], lane["latest"], strict=True):
            for row, row_end in enumerate(row_ends):
                if start > row_end:
                    row_ends[row] = end + ROW_GAP
                    break
            else:
                row = len(row_ends)
                row_ends.append(end + ROW_GAP)
            positions[index] = top + row
        labels.append((category, top + (len(row_ends) - 1) / 2))
        top += len(row_ends) + LANE_GAP
    return pd.Series(positions, index=events.index, dtype=float).fillna(0.0), labels


def hover_data(events: pd.DataFrame) -> list[list[str]]:
    return [
        [row.id, row.title, row.date_text, dates.describe_with_basis(row.start, row.end, row.date_basis)]
        for row in events.itertuples()
    ]


HOVER = "<b>%{customdata[1]}</b><br>%{customdata[2]}<br><i>%{customdata[3]}</i><extra></extra>"


def timeline_figure(events: pd.DataFrame, selected: str | None = None, x_range: list | None = None) -> go.Figure:
    """The timeline of `events` (eras included), with `selected` highlighted.

    `x_range` is the visible window: it sets the axis, and when there are too
    many events to draw one by one, only those in the window count.
    """
    figure = go.Figure(layout=theme.base_layout())
    eras = events[events["kind"] == "era"]
    items = events[events["kind"] != "era"]
    if events.empty:
        return _empty(figure)
    if len(items) > DETAIL_LIMIT and x_range:
        start, end = pd.Timestamp(x_range[0]), pd.Timestamp(x_range[1])
        items = items[(items["latest"] >= start) & (items["earliest"] <= end)]
    if len(items) > DETAIL_LIMIT:
        return density_figure(events, x_range)

    y, labels = lane_rows(items)
    for category in CATEGORIES:
        lane = items[items["category"] == category]
        if lane.empty:
            continue
        colour = theme.CATEGORY_COLOURS[category]
        points = lane[is_point(lane)]
        spans = lane[~is_point(lane)]
        for inferred in (False, True):
            part = spans[(spans["date_basis"] == "inferred") == inferred]
            if not part.empty:
                figure.add_trace(_span_trace(part, y, colour, category, inferred))
                figure.add_trace(_span_hover_trace(part, y, category))
            part = points[(points["date_basis"] == "inferred") == inferred]
            if not part.empty:
                figure.add_trace(_point_trace(part, y, colour, category, inferred))

    if selected is not None and selected in set(items["id"]):
        figure.add_trace(_selected_trace(items[items["id"] == selected], y))

    _shade_eras(figure, eras)
    rows = max(y.max() + 1 if len(y) else 1, 1)
    _axes(figure, events, x_range, rows, [c for c, _ in labels], [centre for _, centre in labels])
    return figure


def _shade_eras(figure: go.Figure, eras: pd.DataFrame) -> None:
    for era in eras.itertuples():
        figure.add_vrect(
            x0=era.earliest,
            x1=era.latest,
            fillcolor=theme.ERA_FILL,
            line_width=0,
            layer="below",
        )
        # Labels sit above the plot area so no bar can cover them.
        figure.add_annotation(
            x=era.earliest,
            y=1.0,
            xref="x",
            yref="paper",
            yanchor="bottom",
            xanchor="left",
            text=f"▇ {era.title} ({dates.describe(era.start, era.end)})",
            showarrow=False,
            font={"color": theme.ERA_TEXT, "size": 13},
        )


def _axes(
    figure: go.Figure, events: pd.DataFrame, x_range, rows: float, lanes: list[str], centres: list[float]
) -> None:
    first, last = events["earliest"].min(), events["latest"].max()
    pad = max((last - first) * 0.03, pd.Timedelta(days=180))
    figure.update_layout(
        height=int(125 + ROW_HEIGHT_PX * rows),
        margin={"l": theme.PLOT_LEFT, "r": 10, "t": 34, "b": 10},
        showlegend=False,
        hovermode="closest",
        dragmode="zoom",
        # Keeps the user's zoom when filters redraw the figure; a new window given from outside is applied.
        uirevision=f"timeline-{x_range}" if x_range else "timeline",
        xaxis={
            "type": "date",
            "range": list(x_range) if x_range else [first - pad, last + pad],
            "rangeslider": {"visible": True, "thickness": 0.12},
            "showgrid": True,
            "gridcolor": "#ececec",
        },
        yaxis={
            "range": [rows - 0.4, -0.8],
            "tickvals": centres,
            "ticktext": [CATEGORIES[category] for category in lanes],
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
            "automargin": False,
        },
    )


def density_figure(events: pd.DataFrame, x_range: list | None = None) -> go.Figure:
    """One strip per category: a dot per time bin, sized by the number of events in it."""
    figure = go.Figure(layout=theme.base_layout())
    items = events[events["kind"] != "era"]
    first, last = events["earliest"].min(), events["latest"].max()
    if x_range:
        first, last = max(first, pd.Timestamp(x_range[0])), min(last, pd.Timestamp(x_range[1]))
    edges = pd.date_range(first, last + pd.Timedelta(days=1), periods=DENSITY_BINS + 1)
    centres = edges[:-1] + (edges[1:] - edges[:-1]) / 2
    middle = midpoint(items)
    bins = pd.Series(edges.searchsorted(middle, side="right") - 1, index=items.index)
    in_range = (bins >= 0) & (bins < DENSITY_BINS)
    lanes = [c for c in CATEGORIES if (items["category"] == c).any()]
    counts = (
        pd.DataFrame({"category": items["category"].astype(str), "bin": bins})[in_range]
        .groupby(["category", "bin"])
        .size()
    )
    biggest = max(int(counts.max()) if len(counts) else 1, 1)
    for lane, category in enumerate(lanes):
        if category not in counts.index.get_level_values(0):
            continue
        per_bin = counts.loc[category]
        figure.add_trace(
            go.Scatter(
                x=centres[per_bin.index],
                y=[lane] * len(per_bin),
                mode="markers",
                marker={
                    "size": (5 + 25 * (per_bin.to_numpy() / biggest) ** 0.5).round(1),
                    "color": theme.CATEGORY_COLOURS[category],
                    "opacity": 0.85,
                },
                customdata=[
                    [
                        None,
                        f"{count:,} {CATEGORIES[category].lower()} events",
                        f"{edges[b]:%b %Y} – {edges[b + 1]:%b %Y}",
                        "click or zoom in to see them one by one",
                        str(edges[max(b - 2, 0)]),
                        str(edges[min(b + 3, DENSITY_BINS)]),
                    ]
                    for b, count in per_bin.items()
                ],
                hovertemplate=HOVER,
                name=f"{CATEGORIES[category]} (density)",
                meta={"role": "density", "category": category},
            )
        )
    _shade_eras(figure, events[events["kind"] == "era"])
    _axes(figure, events, x_range, len(lanes), lanes, list(range(len(lanes))))
    figure.update_layout(height=int(125 + 34 * len(lanes)))
    figure.update_yaxes(range=[len(lanes) - 0.5, -0.7])
    figure.add_annotation(
        text=f"{len(items):,} events: too many to draw one by one. Zoom in to see single events.",
        xref="paper", yref="paper", x=1, y=1.0, xanchor="right", yanchor="bottom", showarrow=False,
        font={"color": theme.MUTED, "size": 13},
    )  # fmt: skip
    return figure


def _empty(figure: go.Figure) -> go.Figure:
    figure.update_layout(
        height=220,
        xaxis={"visible": False},
        yaxis={"visible": False},
        annotations=[
            {"text": "No events match the filters", "showarrow": False, "font": {"size": 18, "color": theme.MUTED}}
        ],
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
    )
    return figure


def _span_trace(spans: pd.DataFrame, y: pd.Series, colour: str, category: str, inferred: bool) -> go.Scatter:
    xs: list = []
    ys: list = []
    for index, event in spans.iterrows():
        xs += [event["earliest"], event["latest"], None]
        ys += [y[index], y[index], None]
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        line={"color": colour, "width": 10, "dash": "dot" if inferred else "solid"},
        name=f"{CATEGORIES[category]} ({'inferred' if inferred else 'stated'} spans)",
        hoverinfo="skip",
        meta={"role": "span", "category": category, "inferred": inferred},
    )


def _span_hover_trace(spans: pd.DataFrame, y: pd.Series, category: str) -> go.Scatter:
    # Lines only answer hover at their vertices, so invisible markers along each
    # span make the whole bar hoverable and clickable.
    xs, ys, data = [], [], []
    for (index, event), custom in zip(spans.iterrows(), hover_data(spans), strict=True):
        # Enough points that a hover anywhere on the bar finds one; few, since each carries its text.
        steps = int(min(SPAN_SAMPLES, max(2, (event["latest"] - event["earliest"]).days // 120)))
        for step in range(steps + 1):
            xs.append(event["earliest"] + (event["latest"] - event["earliest"]) * step / steps)
            ys.append(y[index])
            data.append(custom)
    return go.Scatter(
        x=xs,
        y=ys,
        mode="markers",
        marker={"size": 14, "opacity": 0},
        customdata=data,
        hovertemplate=HOVER,
        name=f"{CATEGORIES[category]} (span hover)",
        meta={"role": "span-hover", "category": category},
    )


def _point_trace(points: pd.DataFrame, y: pd.Series, colour: str, category: str, inferred: bool) -> go.Scatter:
    return go.Scatter(
        x=midpoint(points),
        y=[y[index] for index in points.index],
        mode="markers",
        marker={
            "size": 14,
            "color": "white" if inferred else colour,
            "symbol": "circle-open" if inferred else "circle",
            "line": {"color": colour, "width": 3 if inferred else 1.5},
        },
        customdata=hover_data(points),
        hovertemplate=HOVER,
        name=f"{CATEGORIES[category]} ({'inferred' if inferred else 'stated'} points)",
        meta={"role": "point", "category": category, "inferred": inferred},
    )


def _selected_trace(event: pd.DataFrame, y: pd.Series) -> go.Scatter:
    row = event.iloc[0]
    at = y[event.index[0]]
    if row["precision"] in POINT_PRECISIONS:
        xs, ys, size = [midpoint(event).iloc[0]], [at], 26
    else:
        xs, ys, size = [row["earliest"], row["latest"]], [at, at], 12
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines+markers",
        line={"color": theme.SELECTED, "width": 3},
        marker={"size": size, "symbol": "circle-open", "color": theme.SELECTED, "line": {"width": 3}},
        customdata=hover_data(event) * len(xs),
        hovertemplate=HOVER,
        name="Selected",
        meta={"role": "selected", "id": row["id"]},
    )
