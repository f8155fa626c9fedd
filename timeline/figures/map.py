"""The map: one marker per event place, countries of the events in view shaded.

Drawn with plotly's geo traces, whose country shapes come from the topojson
files vendored in assets/ (the app passes their URL in the graph config), so
nothing is fetched from the internet.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from timeline.figures import theme
from timeline.figures.plotly_text import plotly_text
from timeline.figures.points import HOVER_PLAIN_NOTE, point
from timeline.i18n import ngettext
from timeline.i18n.words import number as format_number
from timeline.load.schema import CATEGORIES
from timeline.load.vocabulary import place_words

# North and West Africa: from Mauritania's coast to Libya, from the Gulf of Guinea to the Mediterranean.
FRAME = {"lon": (-19.0, 26.0), "lat": (3.0, 38.0)}


# A place with several events gets one numbered marker; its hover names this many of them.
CLUSTER_TITLES = 6
# The most event places whose positions the map carries for the browser to move the selection ring.
MARKS_LIMIT = 2000
# The explorer draws the map as tall as the timeline beside it, and never smaller than this.
MIN_HEIGHT = 380
PLACE_COLUMNS = ["event_id", "title", "date_text", "category", "place_id", "place", "place_kind", "added", "lat", "lon"]


def explode_places(events: pd.DataFrame) -> pd.DataFrame:
    """One row per (event, place)."""
    # Columns as lists, not itertuples: pandas' string arrays hand out their values one call each, which made
    # this most of the time a 20,000-event dropped file took to open.
    columns = (events[name].tolist() for name in ("id", "title", "date_text", "category", "places"))
    rows = [
        (
            event_id, title, date_text, category, place["id"], place["name"], place["kind"], place["added"],
            place["lat"], place["lon"],
        )
        for event_id, title, date_text, category, places in zip(*columns, strict=True)
        for place in places
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=PLACE_COLUMNS)


def place_groups(exploded: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rows of places with one event, one row per place with several: its count and its events' titles)."""
    count = exploded.groupby("place_id", sort=False)["event_id"].transform("size")
    single = exploded[count == 1]
    shared = exploded[count > 1]
    clusters = shared.groupby("place_id", sort=False).agg(
        place=("place", "first"), kind=("place_kind", "first"), lat=("lat", "first"), lon=("lon", "first"),
        count=("event_id", "size"), titles=("title", lambda titles: list(titles[:CLUSTER_TITLES])),
    )  # fmt: skip
    return single, clusters


def country_counts(events: pd.DataFrame) -> pd.Series:
    """Events per ISO-3 country code."""
    codes = [code for countries in events["countries"] for code in countries]
    return pd.Series(codes, dtype="str").value_counts().sort_index()


def map_figure(
    events: pd.DataFrame,
    selected: str | None = None,
    focus: list[tuple[float, float]] | None = None,
    place_rows: pd.DataFrame | None = None,
    height: int | None = None,
) -> go.Figure:
    """Markers for the places of `events`; `focus` (lat, lon) points zoom the frame onto them.

    `place_rows` is explode_places() of a larger frame that holds `events`, computed once
    by the caller so a large collection is not exploded again on every redraw.
    """
    figure = theme.new_figure()
    counts = country_counts(events)
    if not counts.empty:
        figure.add_trace(
            go.Choropleth(
                locations=counts.index,
                z=counts.values,
                locationmode="ISO-3",
                colorscale=theme.SHADE_SCALE,
                zmin=0,
                showscale=False,
                marker={"line": {"color": theme.BORDER, "width": 0.6}},
                hovertemplate="%{location}: %{z} event(s) in view<extra></extra>",
                name="countries in view",
            )
        )
    exploded = explode_places(events) if place_rows is None else place_rows[place_rows["event_id"].isin(events["id"])]
    # Events that share a place would hide each other: one numbered marker per such place, which lists them.
    single, clusters = place_groups(exploded)
    for category in CATEGORIES:
        part = single[single["category"] == category]
        if part.empty:
            continue
        for kind, style in theme.PLACE_MARKER.items():
            group = part[part["place_kind"] == kind]
            if not group.empty:
                figure.add_trace(_marker_trace(group, category, kind, style))
    if not clusters.empty:
        figure.add_trace(_cluster_trace(clusters))
    figure.add_trace(selected_trace(exploded, selected))
    figure.update_layout(
        height=max(height or 0, MIN_HEIGHT),
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        showlegend=False,
        uirevision="map",
        geo=_geo(focus),
    )
    return figure


def selected_trace(exploded: pd.DataFrame, selected: str | None) -> go.Scattergeo:
    """Rings around the selected event's places; `meta.marks` holds every event's places for the browser
    to move them when the selection changes (assets/keyboard.js)."""
    marks: dict[str, list[list[float]]] = {}
    # Past what a person can pick one by one, the figure does not carry every place (100,000 events would
    # add megabytes); a selection then shows on the list and the timeline, and on the map after a filter.
    carried = exploded if len(exploded) <= MARKS_LIMIT else exploded[exploded["event_id"] == selected]
    for event_id, lat, lon in zip(carried["event_id"], carried["lat"], carried["lon"], strict=True):
        marks.setdefault(event_id, []).append([float(lat), float(lon)])
    chosen = marks.get(selected, []) if selected is not None else []
    return go.Scattergeo(
        lat=[lat for lat, _ in chosen],
        lon=[lon for _, lon in chosen],
        mode="markers",
        marker={"size": 30, "symbol": "circle-open", "color": theme.SELECTED, "line": {"width": 3}},
        hoverinfo="skip",
        name="Selected",
        meta={"role": "selected", "id": selected if chosen else None, "marks": marks},
    )


def _cluster_trace(clusters: pd.DataFrame) -> go.Scattergeo:
    biggest = max(int(clusters["count"].max()), 2)
    return go.Scattergeo(
        lat=clusters["lat"],
        lon=clusters["lon"],
        mode="markers+text",
        marker={
            "size": (20 + 16 * ((clusters["count"] - 2) / max(biggest - 2, 1)) ** 0.5).round(1),
            "color": theme.CLUSTER,
            "opacity": 0.9,
            "line": {"color": "white", "width": 1.5},
        },
        text=[f"{count:,}" for count in clusters["count"]],
        textfont={"color": "white", "size": 12},
        customdata=[
            point(
                None,
                plotly_text(place_words(row.place, row.kind)),
                plotly_text(
                    ngettext("%(n)s event here: click to see it", "%(n)s events here: click to list them", row.count)
                    % {"n": format_number(row.count)}
                ),
                "<br>".join(plotly_text(f"· {title}") for title in row.titles)
                + ("<br>…" if row.count > len(row.titles) else ""),
                place_id,
            )
            for place_id, row in zip(clusters.index, clusters.itertuples(), strict=True)
        ],
        hovertemplate=HOVER_PLAIN_NOTE,
        name="several events at one place",
        meta={"role": "cluster", "places": list(clusters.index)},
    )


def _custom(group: pd.DataFrame) -> list[list[str]]:
    return [
        point(
            row.event_id,
            plotly_text(row.title),
            plotly_text(row.date_text),
            plotly_text(place_words(row.place, row.place_kind, added=row.added)),
        )
        for row in group.itertuples()
    ]


def _marker_trace(group: pd.DataFrame, category: str, kind: str, style: dict) -> go.Scattergeo:
    colour = theme.CATEGORY_COLOURS[category]
    symbols = [theme.ADDED_SYMBOL if added else style["symbol"] for added in group["added"]]
    return go.Scattergeo(
        lat=group["lat"],
        lon=group["lon"],
        mode="markers",
        marker={
            "size": style["size"],
            "color": colour,
            "opacity": style["opacity"],
            "symbol": symbols,
            "line": {"color": colour if style["symbol"].endswith("open") else "white", "width": 2},
        },
        customdata=_custom(group),
        hovertemplate=HOVER_PLAIN_NOTE,
        name=f"{CATEGORIES[category]} ({kind})",
        meta={"role": "places", "category": category, "place_kind": kind},
    )


def _geo(focus: list[tuple[float, float]] | None) -> dict:
    lon_range, lat_range = FRAME["lon"], FRAME["lat"]
    if focus:
        lats = [lat for lat, _ in focus]
        lons = [lon for _, lon in focus]
        margin = 4.0
        lat_range = (max(min(lats) - margin, -60), min(max(lats) + margin, 80))
        lon_range = (min(lons) - margin * 1.5, max(lons) + margin * 1.5)
    return {
        "scope": "africa",
        # The coarse shapes are a third of the bytes and draw faster; a zoomed slide map needs the finer ones.
        "resolution": 50 if focus else 110,
        "projection": {"type": "mercator"},
        "lonaxis": {"range": list(lon_range)},
        "lataxis": {"range": list(lat_range)},
        "showland": True,
        "landcolor": theme.LAND,
        "showocean": True,
        "oceancolor": theme.OCEAN,
        "showcountries": True,
        "countrycolor": theme.BORDER,
        "showcoastlines": True,
        "coastlinecolor": theme.BORDER,
        "showframe": False,
        "bgcolor": "white",
    }
