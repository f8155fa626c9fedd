"""A chart whose labels are placed for a plot of a given width keeps that width: on a phone it scrolls sideways
in its own box (assets/style.css) instead of squeezing its titles over each other; elsewhere the box changes
nothing. The lineage charts, which share the desktop timeline's axis, are laid out for PLOT_WIDTH_PX. The
timeline on a phone is laid out for the phone's width (figures/timeline_compact.py): its box is given no width
then, and scrolls only for a phone that was sent the desktop's figure (a browser that keeps no cookie:
web/screen.py)."""

from __future__ import annotations

import plotly.graph_objects as go
from dash import dcc, html

from timeline.figures.timeline_rows import PLOT_WIDTH_PX


def sideways_box(graph: dcc.Graph, figure: go.Figure | dict | None) -> html.Div:
    """`graph` in a box that keeps the width `figure` is laid out for on a phone; None: the graph's own."""
    if figure is None:
        return html.Div(graph, className="graph-scroll")
    # The timeline comes as plain data (figures/timeline.py), the lineage chart as a Figure.
    layout = figure.get("layout", {}) if isinstance(figure, dict) else figure.layout.to_plotly_json()
    margin = layout.get("margin", {})
    width = int((margin.get("l") or 0) + PLOT_WIDTH_PX + (margin.get("r") or 0))
    return html.Div(graph, className="graph-scroll", style={"--graph-width": f"{width}px"})
