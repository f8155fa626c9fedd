"""A chart whose labels are placed for a plot of a given width keeps that width: on a phone it scrolls sideways
in its own box (assets/style.css) instead of squeezing its titles over each other; elsewhere the box changes
nothing. The timeline, and the lineage charts that share its axis, are laid out for PLOT_WIDTH_PX."""

from __future__ import annotations

import plotly.graph_objects as go
from dash import dcc, html

from timeline.figures.timeline_rows import PLOT_WIDTH_PX


def sideways_box(graph: dcc.Graph, figure: go.Figure) -> html.Div:
    margin = figure.layout.margin
    width = int((margin.l or 0) + PLOT_WIDTH_PX + (margin.r or 0))
    return html.Div(graph, className="graph-scroll", style={"--graph-width": f"{width}px"})
