"""Colours, fonts and sizes shared by every figure (the CSS in assets/ mirrors them)."""

from __future__ import annotations

import plotly.graph_objects as go

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
CATEGORY_COLOURS = {
    "organisation": "#0072B2",
    "attack": "#D55E00",
    "leadership": "#CC79A7",
    "state-response": "#009E73",
    "context": "#E69F00",
}
ERA_FILL = "rgba(120, 120, 120, 0.13)"
ERA_TEXT = "#555555"
INK = "#1a1a1a"
MUTED = "#666666"
SELECTED = "#000000"
CLUSTER = "#37474f"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

# The timeline and the lineage chart share a left margin so their date axes line up.
PLOT_LEFT = 112

LAND = "#f3f1ec"
OCEAN = "#dde9f2"
BORDER = "#8a8a8a"
SHADE_SCALE = [[0.0, "#e8eef6"], [1.0, "#9fb8d6"]]

# Map marker size by how precise the place is: a city is a point, a country is not.
PLACE_MARKER = {
    "site": {"size": 11, "opacity": 1.0, "symbol": "circle"},
    "city": {"size": 12, "opacity": 1.0, "symbol": "circle"},
    "region": {"size": 17, "opacity": 0.55, "symbol": "circle"},
    "country": {"size": 19, "opacity": 0.9, "symbol": "circle-open"},
}
ADDED_SYMBOL = "diamond"


def tint(colour: str, strength: float) -> str:
    """`colour` (#rrggbb) mixed with white: `strength` 1 is the colour, 0 is white."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mixed = (round(255 - (255 - c) * strength) for c in (red, green, blue))
    return "#{:02x}{:02x}{:02x}".format(*mixed)


# The modebar of every interactive graph: no plotly logo, no lasso or box select (nothing here uses a selection).
GRAPH_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def new_figure() -> go.Figure:
    """An empty figure in the house style, with no plotly template: every colour and line is set by the
    figures themselves, and the default template was 7 kB of each figure sent (a third of a filter answer)."""
    figure = go.Figure(layout=base_layout())
    figure.layout.template = None  # given to the constructor instead, it is replaced by the default
    return figure


def base_layout() -> dict:
    return {
        "font": {"family": FONT, "color": INK, "size": 14},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "hoverlabel": {"font": {"family": FONT, "size": 14}, "align": "left"},
    }
