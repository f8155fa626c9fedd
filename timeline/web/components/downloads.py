"""Download buttons: the events shown (CSV, JSON) and each figure (PNG, SVG)."""

from __future__ import annotations

from dash import dcc, html

from timeline.i18n import gettext as _
from timeline.i18n import lazy_gettext
from timeline.web.components import ids

# The words for each figure a button saves ('Save the timeline:').
FIGURE_NAMES = {
    "timeline": lazy_gettext("Save the timeline:"),
    "map": lazy_gettext("Save the map:"),
    "lineage": lazy_gettext("Save the chart:"),
}


def event_downloads() -> html.Div:
    return html.Div(
        [
            html.Span(_("Download the events shown:"), className="muted"),
            html.Button("CSV", id=ids.DOWNLOAD_CSV, className="button small", n_clicks=0),
            html.Button("JSON", id=ids.DOWNLOAD_JSON, className="button small", n_clicks=0),
            dcc.Download(id=ids.DOWNLOAD),
            dcc.Download(id=ids.DOWNLOAD_JSON_FILE),
        ],
        className="downloads",
    )


def figure_downloads(graph_id: str, name: str) -> html.Div:
    """Buttons assets/keyboard.js turns into Plotly.downloadImage calls: no server round trip."""
    return html.Div(
        [
            html.Span(str(FIGURE_NAMES[name]), className="muted"),
            *[
                html.Button(
                    fmt.upper(),
                    className="button small figure-download",
                    **{"data-graph": graph_id, "data-format": fmt, "data-name": name, "type": "button"},
                )
                for fmt in ("png", "svg")
            ],
        ],
        className="downloads",
    )
