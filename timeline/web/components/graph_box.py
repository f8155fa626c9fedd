"""A chart whose labels are placed for a plot of a given width keeps that width: on a phone it scrolls sideways
in its own box (assets/style.css) instead of squeezing its titles over each other; elsewhere the box changes
nothing. The timeline, and the lineage charts that share its axis, are laid out for PLOT_WIDTH_PX."""

from __future__ import annotations

import plotly.graph_objects as go
from dash import dcc, html

from timeline.figures.timeline_rows import PLOT_WIDTH_PX


def sideways_box(graph: dcc.Graph, figure: go.Figure | dict) -> html.Div:
    # The timeline comes as plain data (figures/timeline.py), the lineage chart as a Figure.
    layout = figure.get("layout", {}) if isinstance(figure, dict) else figure.layout.to_plotly_json()
    margin = layout.get("margin", {})
    width = int((margin.get("l") or 0) + PLOT_WIDTH_PX + (margin.get("r") or 0))
    return html.Div(graph, className="graph-scroll", style={"--graph-width": f"{width}px"})
