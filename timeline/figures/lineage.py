"""The lineage chart: one lane per organisation over time, joined where groups were renamed, split or merged.

Time runs along a date axis, so the chart lines up with the events timeline.
A lane spans what the source says of an organisation's life: dotted where the
source gives only a span ("during the civil war"), led in by a dotted stub and
a "?" where it gives no founding date at all (the lane then starts at the
first dated relation), and running off the right edge with an arrow where it
gives no end. Renames, splits and mergers are solid vertical connectors at
their dates; allegiances are dashed arcs bowing to the right, so one never
hides the other when both happen the same year between the same lanes.
Leaders' tenures are thin bars under their organisation's lane.

Every trace has meta={"role": ...} and per-point customdata [kind, id, hover],
kind being "organisation", "relation" or "role"; clicked_item() reads a click.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from timeline.figures import theme
from timeline.figures.lineage_hover import TENURE_COLOUR, key_text, org_hover, relation_hover, role_hover
from timeline.figures.lineage_layout import (
    LABEL_GAP_PX,
    LABEL_SIZE,
    LEAD_IN_PX,
    TENURE_LABEL_SIZE,
    Bar,
    Plan,
    Scale,
    ends,
    plan,
    tenure_label,
)
from timeline.i18n import gettext as _
from timeline.load.vocabulary import RELATION_TYPES

LANE_COLOUR = theme.CATEGORY_COLOURS["organisation"]  # the timeline's colour for organisation events
LINEAGE_COLOUR = theme.INK
ALLEGIANCE_COLOUR = "#8a5a00"  # a dark amber: apart from lanes, tenures and lineage connectors
FADE = "rgba(0, 114, 178, 0.35)"  # the lane colour, faded: the source gives no end
SELECTED_FILL = "rgba(0, 0, 0, 0.16)"

LANE_WIDTH = 7
TENURE_WIDTH = 4
PX_PER_UNIT = 46  # one lane step on screen
ARC_BULGE_PX = 26  # how far an allegiance arc bows to the right of its date
ARC_OFFSET_PX = 9  # allegiance arcs stand this far right of their date (see _connector)
FADE_PX = 35  # the faded last stretch of an open-ended lane

KINDS = ("organisation", "relation", "role")


def clicked_item(click: dict | None) -> tuple[str, str] | None:
    """(kind, id) of the lane, connector or tenure a plotly click landed on; None for anything else."""
    try:
        kind, ident = click["points"][0]["customdata"][:2]
    except (TypeError, KeyError, IndexError, ValueError):
        return None
    return (kind, ident) if kind in KINDS else None


def lineage_figure(
    organisations: pd.DataFrame,
    relations: pd.DataFrame,
    roles: pd.DataFrame,
    selected: str | None = None,
    x_range: Sequence | None = None,
    people: pd.DataFrame | None = None,
) -> go.Figure:
    """The lineage chart; `selected` (an organisation, relation or role id) is outlined.

    `x_range` ([start, end], dates or ISO strings) aligns the chart with another
    one (the events timeline); open-ended lanes reach at least its right edge.
    `people` (optional) gives tenures their full names in hover.
    """
    figure = theme.new_figure()
    if organisations.empty:
        return _empty(figure)
    orgs = organisations.set_index("id", drop=False)
    relations = relations[relations["from_org"].isin(orgs.index) & relations["to_org"].isin(orgs.index)]
    roles = roles[roles["organisation"].isin(orgs.index)]
    where = plan(orgs, relations, roles, people, x_range)
    scale = where.scale

    if selected is not None:
        figure.add_traces(_selected(selected, relations, roles, where))
    for org in orgs.itertuples():
        figure.add_traces(_lane_traces(org, where.lane_bars[org.id], where.lanes[org.id], scale))
    for role in roles.itertuples():
        y = where.tenure_rows[role.id]
        figure.add_traces(_tenure_traces(role, where.role_bars[role.id], y, orgs, where.names, scale))
    for rel in relations.itertuples():
        figure.add_trace(_connector(rel, where.at[rel.id], ends(rel, where, roles), orgs, scale))

    x0, x1 = scale.x0, scale.x1
    figure.update_layout(
        height=int(92 + PX_PER_UNIT * (where.bottom + 1.0)),
        margin={"l": theme.PLOT_LEFT, "r": 10, "t": 10, "b": 74},
        showlegend=False,
        hovermode="closest",
        dragmode="zoom",
        uirevision="lineage",
        xaxis={"type": "date", "range": [x0, x1], "showgrid": True, "gridcolor": "#ececec"},
        yaxis={"range": [where.bottom + 0.55, -0.6], "visible": False, "fixedrange": True},
        annotations=[
            {
                "text": key_text(),
                "x": 0,
                "y": 0,
                "yshift": -30,  # below the date ticks
                "xref": "paper",
                "yref": "paper",
                "xanchor": "left",
                "yanchor": "top",
                "showarrow": False,
                "align": "left",
                "font": {"size": 12, "color": theme.MUTED},
            }
        ],
    )
    return figure


def _empty(figure: go.Figure) -> go.Figure:
    figure.update_layout(
        height=160,
        xaxis={"visible": False},
        yaxis={"visible": False},
        annotations=[{"text": _("No organisations in this collection"), "showarrow": False, "font": {"size": 16}}],
    )
    return figure


# --- traces ------------------------------------------------------------------------------------------


HOVER = "%{customdata[2]}<extra></extra>"


def _samples(first: pd.Timestamp, last: pd.Timestamp, scale: Scale) -> list[pd.Timestamp]:
    """Points along a span, about every 20 px: lines only answer hover and clicks at their points."""
    steps = max(1, int((last - first) / scale.days(20)))
    return [first + (last - first) * i / steps for i in range(steps + 1)]


def _line(xs, y, data, *, colour, width, dash="solid", meta, name) -> go.Scatter:
    return go.Scatter(
        x=xs,
        y=[y] * len(xs),
        mode="lines+markers",
        line={"color": colour, "width": width, "dash": dash},
        marker={"size": max(width + 6, 12), "opacity": 0},
        customdata=[data] * len(xs),
        hovertemplate=HOVER,
        name=name,
        meta=meta,
    )


def _segments(bar: Bar, y: float, data: list, colour: str, width: int, meta: dict, name: str, scale: Scale):
    """Solid core, dotted uncertain parts, the '?' lead-in, the faded open end."""
    solid_start = bar.vague_start or bar.start
    solid_end = bar.vague_end or (bar.end - scale.days(FADE_PX) if bar.open_end else bar.end)
    solid_end = max(solid_end, solid_start)
    traces = [_line(_samples(solid_start, solid_end, scale), y, data, colour=colour, width=width, meta=meta, name=name)]
    for first, last in ((bar.start, bar.vague_start), (bar.vague_end, bar.end)):
        if first is not None and last is not None and last > first:
            traces.append(
                _line(
                    _samples(first, last, scale),
                    y,
                    data,
                    colour=colour,
                    width=width,
                    dash="dot",
                    meta={**meta, "role": f"{meta['role']}-uncertain"},
                    name=f"{name} (date given as a span)",
                )
            )
    if bar.unknown_start:
        lead = bar.start - scale.days(LEAD_IN_PX)
        trace = _line([lead, bar.start], y, data, colour=colour, width=max(2, width - 3), dash="dot", meta={}, name="")
        trace.update(
            mode="lines+markers+text",
            text=["<b>?</b>", ""],
            textposition="middle left",
            textfont={"size": 14, "color": colour},
            meta={**meta, "role": f"{meta['role']}-unknown-start"},
            name=f"{name} (start not given)",
        )
        traces.append(trace)
    if bar.open_end and not bar.vague_end:
        xs = _samples(solid_end, bar.end, scale)
        trace = _line(xs, y, data, colour=FADE if colour == LANE_COLOUR else colour, width=width, meta={}, name="")
        trace.update(
            marker={
                "size": [0] * (len(xs) - 1) + [width + 8],
                "opacity": [0] * (len(xs) - 1) + [1],
                "symbol": "triangle-right",
                "color": colour,
            },
            meta={**meta, "role": f"{meta['role']}-open-end"},
            name=f"{name} (no end given)",
        )
        traces.append(trace)
    return traces


def _label(bar: Bar, y: float, text: str, size: int, colour: str, data: list, meta: dict, scale: Scale):
    """The name just left of where a lane or tenure starts; above its start where the left edge is too close."""
    right_end = bar.start - bar.lead(scale) - scale.days(LABEL_GAP_PX)
    room = right_end - scale.text(text, size) >= scale.x0
    return go.Scatter(
        x=[right_end if room else bar.start],
        y=[y],
        mode="text",
        text=[f"<b>{html.escape(text)}</b>" if meta["role"] == "lane-label" else html.escape(text)],
        textposition="middle left" if room else "top right",
        textfont={"size": size, "color": colour},
        customdata=[data],
        hoverinfo="skip",
        meta=meta,
        name=text,
    )


def _lane_traces(org, bar: Bar, y: float, scale: Scale) -> list[go.Scatter]:
    data = ["organisation", org.id, org_hover(org)]
    meta = {"role": "lane", "organisation": org.id, "open_end": bar.open_end, "start_known": not bar.unknown_start}
    traces = _segments(bar, y, data, LANE_COLOUR, LANE_WIDTH, meta, org.short_name, scale)
    label_meta = {"role": "lane-label", "organisation": org.id}
    traces.append(_label(bar, y, org.short_name, LABEL_SIZE, theme.INK, data, label_meta, scale))
    return traces


def _tenure_traces(role, bar: Bar, y: float, orgs, names, scale: Scale) -> list[go.Scatter]:
    data = ["role", role.id, role_hover(role, orgs, names)]
    meta = {"role": "tenure", "tenure": role.id, "person": role.person, "organisation": role.organisation}
    label = tenure_label(role, names)
    label_meta = {**meta, "role": "tenure-label"}
    if not bar.point:
        traces = _segments(bar, y, data, TENURE_COLOUR, TENURE_WIDTH, meta, label, scale)
        return [*traces, _label(bar, y, label, TENURE_LABEL_SIZE, TENURE_COLOUR, data, label_meta, scale)]
    star = go.Scatter(
        x=[bar.start],
        y=[y],
        mode="markers",
        marker={"size": 13, "symbol": "star", "color": TENURE_COLOUR, "line": {"width": 0}},
        customdata=[data],
        hovertemplate=HOVER,
        meta={**meta, "role": "founder"},
        name=f"{label} (founder)",
    )
    return [star, _label(bar, y, label, TENURE_LABEL_SIZE, TENURE_COLOUR, data, label_meta, scale)]


def _connector(rel, x: pd.Timestamp, ends: tuple[float, float], orgs, scale: Scale) -> go.Scatter:
    kind = RELATION_TYPES[rel.type]
    y_source, y_target = ends
    points = 13
    ts = [i / (points - 1) for i in range(points)]
    ys = [y_source + (y_target - y_source) * t for t in ts]
    if kind.kind == "allegiance":
        # A dashed arc bowing right: it leaves and arrives at the date, and stays clear of any
        # lineage connector that stands at the same date between the same lanes.
        # Both ends also stand a few pixels right of the date: a split or merger of the same date
        # has its dot or arrow exactly there, and the arc's arrow would cover it.
        bulge, offset = scale.days(ARC_BULGE_PX), scale.days(ARC_OFFSET_PX)
        xs = [x + offset + bulge * (4 * t * (1 - t)) for t in ts]
    else:
        xs = [x] * points
    down = y_target > y_source  # the y axis is reversed: larger y is lower on screen
    colour = ALLEGIANCE_COLOUR if kind.kind == "allegiance" else LINEAGE_COLOUR
    symbols = ["circle-open" if kind.kind == "allegiance" else "circle"] + ["circle"] * (points - 2)
    symbols.append("triangle-down" if down else "triangle-up")
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines+markers",
        line={"color": colour, "width": 2, "dash": "dash" if kind.kind == "allegiance" else "solid"},
        marker={
            "size": [9] + [12] * (points - 2) + [11],
            "opacity": [1] + [0] * (points - 2) + [1],
            "symbol": symbols,
            "color": colour,
            "line": {"color": colour, "width": 1.5},
        },
        customdata=[["relation", rel.id, relation_hover(rel, orgs)]] * points,
        hovertemplate=HOVER,
        meta={
            "role": "connector",
            "relation": rel.id,
            "type": rel.type,
            "kind": kind.kind,
            "from": rel.from_org,
            "to": rel.to_org,
            "date": rel.date,
        },
        name=f"{rel.from_org} {kind.phrase} {rel.to_org}",
    )


def _selected(selected: str, relations: pd.DataFrame, roles: pd.DataFrame, where: Plan) -> list[go.Scatter]:
    """A wide grey band under the selected lane, tenure or connector."""
    spans: list[tuple[list, list]] = []
    if selected in where.lane_bars:
        bar, y = where.lane_bars[selected], where.lanes[selected]
        spans.append(([bar.start, bar.end], [y, y]))
    if selected in where.role_bars:
        bar, y = where.role_bars[selected], where.tenure_rows[selected]
        spans.append(([bar.start, bar.end], [y, y]))
    for rel in relations[relations["id"] == selected].itertuples():
        spans.append(([where.at[rel.id]] * 2, list(ends(rel, where, roles))))
    return [
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            line={"color": SELECTED_FILL, "width": 18},
            customdata=[["selected", selected, ""]] * len(xs),
            hoverinfo="skip",
            meta={"role": "selected", "id": selected},
            name="Selected",
        )
        for xs, ys in spans
    ]
