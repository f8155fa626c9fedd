"""The map: one marker per event place, countries of the events in view shaded.

Drawn with plotly's geo traces, whose country shapes come from the topojson
files vendored in assets/ (the app passes their URL in the graph config), so
nothing is fetched from the internet.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..schema import CATEGORIES
from . import theme

# North and West Africa: from Mauritania's coast to Libya, from the Gulf of Guinea to the Mediterranean.
FRAME = {"lon": (-19.0, 26.0), "lat": (3.0, 38.0)}


# Past this many event places the markers hide each other: one marker per place, sized by count.
DETAIL_LIMIT = 1200
PLACE_COLUMNS = ["event_id", "title", "date_text", "category", "place_id", "place", "place_kind", "added", "lat", "lon"]


def event_places(events: pd.DataFrame) -> pd.DataFrame:
    """One row per (event, place), with the marker position spread around shared places."""
    return _spread(explode_places(events))


def explode_places(events: pd.DataFrame) -> pd.DataFrame:
    """One row per (event, place)."""
    rows = []
    for event in events.itertuples():
        for place in event.places:
            rows.append(
                {
                    "event_id": event.id,
                    "title": event.title,
                    "date_text": event.date_text,
                    "category": event.category,
                    "place_id": place["id"],
                    "place": place["name"],
                    "place_kind": place["kind"],
                    "added": place["added"],
                    "lat": place["lat"],
                    "lon": place["lon"],
                }
            )
    frame = pd.DataFrame(
        rows,
        columns=[
            "event_id",
            "title",
            "date_text",
            "category",
            "place_id",
            "place",
            "place_kind",
            "added",
            "lat",
            "lon",
        ],
    )
    return _spread(frame)


def _spread(frame: pd.DataFrame) -> pd.DataFrame:
    # Several events at one place would hide each other: set them on a small ring around it.
    frame = frame.copy()
    groups = frame.groupby("place_id", sort=False)["place_id"]
    count = groups.transform("size").to_numpy()
    angle = 2 * np.pi * groups.cumcount().to_numpy() / count
    radius = np.where(count > 1, 0.5 + 0.16 * count, 0.0)
    frame["marker_lat"] = frame["lat"].to_numpy() + radius * np.sin(angle)
    frame["marker_lon"] = frame["lon"].to_numpy() + radius * np.cos(angle)
    return frame


def country_counts(events: pd.DataFrame) -> pd.Series:
    """Events per ISO-3 country code."""
    codes = [code for countries in events["countries"] for code in countries]
    return pd.Series(codes, dtype="str").value_counts().sort_index()


HOVER = "<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}<extra></extra>"


def map_figure(
    events: pd.DataFrame,
    selected: str | None = None,
    focus: list[tuple[float, float]] | None = None,
    place_rows: pd.DataFrame | None = None,
) -> go.Figure:
    """Markers for the places of `events`; `focus` (lat, lon) points zoom the frame onto them.

    `place_rows` is explode_places() of a larger frame that holds `events`, computed once
    by the caller so a large collection is not exploded again on every redraw.
    """
    figure = go.Figure(layout=theme.base_layout())
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
    if len(exploded) > DETAIL_LIMIT:
        figure.add_trace(_aggregate_trace(exploded))
        places = exploded.assign(marker_lat=exploded["lat"], marker_lon=exploded["lon"]).iloc[0:0]
    else:
        places = _spread(exploded)
    for category in CATEGORIES:
        part = places[places["category"] == category]
        if part.empty:
            continue
        for kind, style in theme.PLACE_MARKER.items():
            group = part[part["place_kind"] == kind]
            if group.empty:
                continue
            figure.add_trace(_marker_trace(group, category, kind, style))
    if selected is not None:
        chosen = places[places["event_id"] == selected]
        if not chosen.empty:
            figure.add_trace(
                go.Scattergeo(
                    lat=chosen["marker_lat"],
                    lon=chosen["marker_lon"],
                    mode="markers",
                    marker={"size": 26, "symbol": "circle-open", "color": theme.SELECTED, "line": {"width": 3}},
                    customdata=_custom(chosen),
                    hovertemplate=HOVER,
                    name="Selected",
                    meta={"role": "selected", "id": selected},
                )
            )
    figure.update_layout(
        height=430,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        showlegend=False,
        uirevision="map",
        geo=_geo(focus),
    )
    return figure


def _aggregate_trace(exploded: pd.DataFrame) -> go.Scattergeo:
    per_place = exploded.groupby("place_id").agg(
        place=("place", "first"), kind=("place_kind", "first"), lat=("lat", "first"), lon=("lon", "first"),
        count=("event_id", "size"),
    )  # fmt: skip
    biggest = max(int(per_place["count"].max()), 1)
    return go.Scattergeo(
        lat=per_place["lat"],
        lon=per_place["lon"],
        mode="markers",
        marker={
            "size": (6 + 30 * (per_place["count"] / biggest) ** 0.5).round(1),
            "color": theme.INK,
            "opacity": 0.55,
            "line": {"color": "white", "width": 1},
        },
        customdata=[
            [
                None,
                f"{row.place} ({row.kind})",
                f"{row.count:,} events in view",
                "zoom the timeline or filter to see them one by one",
            ]
            for row in per_place.itertuples()
        ],
        hovertemplate=HOVER,
        name="events per place",
        meta={"role": "aggregate"},
    )


def _custom(group: pd.DataFrame) -> list[list[str]]:
    return [
        [
            row.event_id,
            row.title,
            row.date_text,
            f"{row.place} ({row.place_kind}{', added: not named in the source' if row.added else ''})",
        ]
        for row in group.itertuples()
    ]


def _marker_trace(group: pd.DataFrame, category: str, kind: str, style: dict) -> go.Scattergeo:
    colour = theme.CATEGORY_COLOURS[category]
    symbols = [theme.ADDED_SYMBOL if added else style["symbol"] for added in group["added"]]
    return go.Scattergeo(
        lat=group["marker_lat"],
        lon=group["marker_lon"],
        mode="markers",
        marker={
            "size": style["size"],
            "color": colour,
            "opacity": style["opacity"],
            "symbol": symbols,
            "line": {"color": colour if style["symbol"].endswith("open") else "white", "width": 2},
        },
        customdata=_custom(group),
        hovertemplate=HOVER,
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
        "resolution": 50,
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
