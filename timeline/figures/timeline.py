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

from timeline.figures import theme
from timeline.figures.plotly_text import LABEL_FONT_PX, fitted_tick, plotly_text
from timeline.figures.points import HOVER, point
from timeline.figures.timeline_rows import MARKER_PX, Rows, axis_span, is_point, item_extent, lane_rows, midpoint
from timeline.i18n import gettext as _
from timeline.i18n import ngettext
from timeline.i18n.dates import describe, describe_with_basis
from timeline.i18n.words import month_year, number
from timeline.load.schema import CATEGORIES
from timeline.load.vocabulary import category as category_word

# Measured (bench/browser_bench.py): 1,000 events drawn one by one took 8.8 s to first draw,
# 10,000 as density strips 4.9 s; past a few hundred, single bars are unreadable anyway.
DETAIL_LIMIT = 400
SPAN_SAMPLES = 8  # hover points along a span; its written title answers hover too
DENSITY_BINS = 160
ROW_HEIGHT_PX = 19
MARGIN_TOP_PX, MARGIN_BOTTOM_PX = 30, 28
# The line that shows a span's extent runs along the bottom of its row, under the title (y grows downwards).
UNDERLINE_DROP = 0.36


def hover_data(events: pd.DataFrame) -> list[list[str]]:
    return [
        point(
            row.id,
            plotly_text(row.title),
            plotly_text(row.date_text),
            plotly_text(describe_with_basis(row.start, row.end, row.date_basis)),
        )
        for row in events.itertuples()
    ]


def figure_height(rows: float) -> int:
    return int(MARGIN_TOP_PX + MARGIN_BOTTOM_PX + ROW_HEIGHT_PX * (rows + 0.3))


def timeline_figure(events: pd.DataFrame, selected: str | None = None, x_range: list | None = None) -> go.Figure:
    """The timeline of `events` (eras included), with `selected` highlighted and every title written.

    `x_range` is the visible window: it sets the axis, and when there are too
    many events to draw one by one, only those in the window count.
    """
    figure = theme.new_figure()
    eras = events[events["kind"] == "era"]
    items = events[events["kind"] != "era"]
    if events.empty:
        return _empty(figure)
    if len(items) > DETAIL_LIMIT and x_range:
        start, end = pd.Timestamp(x_range[0]), pd.Timestamp(x_range[1])
        items = items[(items["latest"] >= start) & (items["earliest"] <= end)]
    if len(items) > DETAIL_LIMIT:
        return density_figure(events, x_range)

    rows = lane_rows(items, axis_span(events, x_range))
    y = rows.y
    for category in CATEGORIES:
        lane = items[items["category"] == category]
        if lane.empty:
            continue
        colour = theme.CATEGORY_COLOURS[category]
        points = lane[is_point(lane)]
        spans = lane[~is_point(lane)]
        if not spans.empty:
            figure.add_trace(_band_trace(spans, y, colour, category))
        for inferred in (False, True):
            part = spans[(spans["date_basis"] == "inferred") == inferred]
            if not part.empty:
                figure.add_trace(_span_trace(part, y, colour, category, inferred))
                figure.add_trace(_span_hover_trace(part, y, category))
            part = points[(points["date_basis"] == "inferred") == inferred]
            if not part.empty:
                figure.add_trace(_point_trace(part, y, colour, category, inferred))
    if "open_end" in items and items["open_end"].any():
        figure.add_trace(_open_end_trace(items[items["open_end"]], y))
    figure.add_trace(_label_trace(items[rows.labelled], y, rows))
    figure.add_trace(selected_trace(items, y, selected))

    _shade_eras(figure, eras)
    _axes(figure, events, x_range, rows.count, [c for c, _ in rows.lanes], [centre for _, centre in rows.lanes])
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
            text=plotly_text(f"▇ {era.title} ({describe(era.start, era.end)})"),
            showarrow=False,
            font={"color": theme.ERA_TEXT, "size": 13},
        )


def _axes(
    figure: go.Figure, events: pd.DataFrame, x_range, rows: float, lanes: list[str], centres: list[float]
) -> None:
    start, end = axis_span(events, x_range)
    figure.update_layout(
        height=figure_height(rows),
        margin={"l": theme.PLOT_LEFT, "r": 10, "t": MARGIN_TOP_PX, "b": MARGIN_BOTTOM_PX},
        showlegend=False,
        hovermode="closest",
        dragmode="zoom",
        # Keeps the user's zoom when filters redraw the figure; a new window given from outside is applied.
        uirevision=f"timeline-{x_range}" if x_range else "timeline",
        xaxis={
            "type": "date",
            "range": list(x_range) if x_range else [start, end],
            "showgrid": True,
            "gridcolor": "#ececec",
        },
        yaxis={
            "range": [rows - 0.45, -0.75],
            "tickvals": centres,
            "ticktext": [fitted_tick(category_word(category), theme.PLOT_LEFT - 14) for category in lanes],
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
            "automargin": False,
        },
    )


def density_figure(events: pd.DataFrame, x_range: list | None = None) -> go.Figure:
    """One strip per category: a dot per time bin, sized by the number of events in it."""
    figure = theme.new_figure()
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
                    point(
                        None,
                        plotly_text(_density_heading(count, category)),
                        plotly_text(f"{month_year(edges[b])} – {month_year(edges[b + 1])}"),
                        plotly_text(_("click or zoom in to see them one by one")),
                        str(edges[max(b - 2, 0)]),
                        str(edges[min(b + 3, DENSITY_BINS)]),
                    )
                    for b, count in per_bin.items()
                ],
                hovertemplate=HOVER,
                name=f"{CATEGORIES[category]} (density)",
                meta={"role": "density", "category": category},
            )
        )
    _shade_eras(figure, events[events["kind"] == "era"])
    _axes(figure, events, x_range, len(lanes), lanes, list(range(len(lanes))))
    figure.update_layout(height=figure_height(1.7 * len(lanes)))
    figure.update_yaxes(range=[len(lanes) - 0.5, -0.7])
    figure.add_annotation(
        text=ngettext(
            "%(n)s event: too many to draw one by one. Zoom in to see single events.",
            "%(n)s events: too many to draw one by one. Zoom in to see single events.",
            len(items),
        )
        % {"n": number(len(items))},
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
            {"text": _("No events match the filters"), "showarrow": False, "font": {"size": 18, "color": theme.MUTED}}
        ],
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
    )
    return figure


def _span_trace(spans: pd.DataFrame, y: pd.Series, colour: str, category: str, inferred: bool) -> go.Scatter:
    xs: list = []
    ys: list = []
    for index, event in spans.iterrows():
        xs += [event["earliest"], event["latest"], None]
        ys += [y[index] + UNDERLINE_DROP, y[index] + UNDERLINE_DROP, None]
    # The bar's extent as a coloured line under the title (dotted when inferred) over a pale band.
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        line={"color": colour, "width": 3, "dash": "dot" if inferred else "solid"},
        name=f"{CATEGORIES[category]} ({'inferred' if inferred else 'stated'} spans)",
        hoverinfo="skip",
        meta={"role": "span", "category": category, "inferred": inferred},
    )


def _band_trace(spans: pd.DataFrame, y: pd.Series, colour: str, category: str) -> go.Scatter:
    xs: list = []
    ys: list = []
    for index, event in spans.iterrows():
        xs += [event["earliest"], event["latest"], None]
        ys += [y[index], y[index], None]
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        line={"color": theme.tint(colour, 0.3), "width": ROW_HEIGHT_PX - 4},
        hoverinfo="skip",
        name=f"{CATEGORIES[category]} (bands)",
        meta={"role": "band", "category": category},
    )


def _span_hover_trace(spans: pd.DataFrame, y: pd.Series, category: str) -> go.Scatter:
    # Lines only answer hover at their vertices, so invisible markers along each
    # span make the whole bar hoverable and clickable.
    xs, ys, data = [], [], []
    for (index, event), custom in zip(spans.iterrows(), hover_data(spans), strict=True):
        # Enough points that a hover anywhere on the bar finds one; few, since each carries its text.
        steps = int(min(SPAN_SAMPLES, max(2, (event["latest"] - event["earliest"]).days // 365)))
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
            "size": MARKER_PX,
            "color": "white" if inferred else colour,
            "symbol": "circle-open" if inferred else "circle",
            "line": {"color": colour, "width": 3 if inferred else 1.5},
        },
        customdata=hover_data(points),
        hovertemplate=HOVER,
        name=f"{CATEGORIES[category]} ({'inferred' if inferred else 'stated'} points)",
        meta={"role": "point", "category": category, "inferred": inferred},
    )


def _open_end_trace(items: pd.DataFrame, y: pd.Series) -> go.Scatter:
    """An arrowhead where an open span ("since 2007") meets the present: it goes on, it does not end there."""
    return go.Scatter(
        x=items["latest"],
        y=[y[index] + UNDERLINE_DROP for index in items.index],
        mode="markers",
        marker={
            "symbol": "triangle-right",
            "size": 11,
            "color": [theme.CATEGORY_COLOURS[category] for category in items["category"]],
        },
        customdata=hover_data(items),
        hovertemplate=HOVER,
        name="Open ends",
        meta={"role": "open-end", "ids": list(items["id"])},
    )


def _label_trace(items: pd.DataFrame, y: pd.Series, rows: Rows) -> go.Scatter:
    """Every written title: from its bar's start or its point rightwards, or leftwards from its end."""
    leftwards = rows.left[items.index]
    point = is_point(items)
    # A point's title keeps clear of the marker: plotly pads text by the (invisible) marker's size.
    return go.Scatter(
        x=rows.anchors[items.index],
        y=[y[index] for index in items.index],
        mode="markers+text",
        marker={"size": [MARKER_PX if is_pt else 1 for is_pt in point], "opacity": 0},
        text=[plotly_text(rows.texts[index]) for index in items.index],
        textposition=["middle left" if is_left else "middle right" for is_left in leftwards],
        textfont={"size": LABEL_FONT_PX, "color": theme.INK},
        customdata=hover_data(items),
        hovertemplate=HOVER,
        name="Titles",
        meta={"role": "label", "ids": list(items["id"])},
    )


def selected_trace(items: pd.DataFrame, y: pd.Series, selected: str | None) -> go.Scatter:
    """The ring (or bar) around the selected item, drawn last, and where every item is drawn.

    `meta.marks` maps each id to [start, end, row], so the browser can move the highlight when the
    selection changes (assets/keyboard.js) without asking the server for the whole figure again.
    """
    x0, x1 = item_extent(items)
    marks = {
        event_id: [start.isoformat(), end.isoformat(), float(row)]
        for event_id, start, end, row in zip(items["id"], x0, x1, y[items.index], strict=True)
    }
    chosen = marks.get(selected) if selected is not None else None
    xs, ys, size = [], [], 12
    if chosen:
        xs = [chosen[0]] if chosen[0] == chosen[1] else chosen[:2]
        ys = [chosen[2]] * len(xs)
        size = 26 if len(xs) == 1 else 12
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines+markers",
        line={"color": theme.SELECTED, "width": 3},
        marker={"size": size, "symbol": "circle-open", "color": theme.SELECTED, "line": {"width": 3}},
        hoverinfo="skip",
        name="Selected",
        meta={"role": "selected", "id": selected if chosen else None, "marks": marks},
    )


def _density_heading(count: int, category: str) -> str:
    """'12 attack events' in the hover of a density dot."""
    return ngettext("%(n)s event: %(category)s", "%(n)s events: %(category)s", count) % {
        "n": number(count),
        "category": category_word(category),
    }
