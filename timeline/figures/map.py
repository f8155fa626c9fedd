"""The map: one marker per event place, countries of the events in view shaded.

Drawn with plotly's geo traces, whose country shapes come from the topojson
files vendored in assets/ (the app passes their URL in the graph config), so
nothing is fetched from the internet.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from timeline import i18n
from timeline.figures import subset, theme
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


def country_counts(events: pd.DataFrame) -> pd.Series:
    """Events per ISO-3 country code."""
    codes = [code for countries in events["countries"] for code in countries]
    return pd.Series(codes, dtype="str").value_counts().sort_index()


class MapPlaces:
    """Per (event, place) row of a frame's events, what the map draws, in the language current when made:
    numpy columns, and each row's hover made when it is first drawn.

    `rows` is explode_places(events) when the caller has it already (it is computed once per collection).
    """

    def __init__(self, events: pd.DataFrame, rows: pd.DataFrame | None = None) -> None:
        self.events = events
        self.rows = explode_places(events) if rows is None else rows.reset_index(drop=True)
        self.lang = i18n.current()
        rows = self.rows
        self._ids = pd.Index(events["id"])
        self.event_of_row = self._ids.get_indexer(rows["event_id"])
        codes, self.place_ids = pd.factorize(rows["place_id"])
        # Small integer codes: numpy sorts them stably in linear time (radix sort).
        self.place_code = codes.astype(np.int16 if len(self.place_ids) < 2**15 else np.int32)
        firsts = np.unique(self.place_code, return_index=True)[1]  # a place's name and kind are on all its rows
        self.place_names = rows["place"].to_numpy(dtype=object)[firsts]
        self.place_kinds = rows["place_kind"].astype(str).to_numpy(dtype=object)[firsts]
        self.category = rows["category"].astype(str).map({c: n for n, c in enumerate(CATEGORIES)}).to_numpy()
        self.kind = rows["place_kind"].astype(str).to_numpy(dtype=object)
        self.added = rows["added"].to_numpy(dtype=bool)
        self.lat = rows["lat"].to_numpy(dtype=float)
        self.lon = rows["lon"].to_numpy(dtype=float)
        self.event_ids = rows["event_id"].to_numpy(dtype=object)
        # Each event's countries, flattened: (the event's position, the country's code into `countries`).
        per_event = events["countries"].map(len).to_numpy(dtype="int64")
        flat = [code for countries in events["countries"] for code in countries]
        self.countries, self.country_code = np.unique(np.array(flat, dtype=str), return_inverse=True)
        self.country_event = np.repeat(np.arange(len(events)), per_event)
        self._custom = subset.PerRow(self.rows, _custom, self.lang)
        self._bullets = subset.PerRow(self.rows, lambda row: plotly_text(f"· {row.title}"), self.lang)
        self._headings: dict[int, str] = {}  # a numbered marker's heading, per place
        self._here: dict[int, str] = {}  # "12 events here", per count

    def heading(self, code: int) -> str:
        """A numbered marker's heading: the place in words."""
        if code not in self._headings:
            with i18n.use(self.lang):
                self._headings[code] = plotly_text(place_words(self.place_names[code], self.place_kinds[code]))
        return self._headings[code]

    def here(self, count: int) -> str:
        """'12 events here: click to list them'."""
        if count not in self._here:
            with i18n.use(self.lang):
                self._here[count] = plotly_text(
                    ngettext("%(n)s event here: click to see it", "%(n)s events here: click to list them", count)
                    % {"n": format_number(count)}
                )
        return self._here[count]

    def event_position(self, event_id: str | None) -> int:
        """The position of the event `event_id` in the frame; -1 for none."""
        return -1 if event_id is None else int(self._ids.get_indexer([event_id])[0])

    def positions(self, events: pd.DataFrame) -> np.ndarray:
        """Where the rows of `events`, a part of this frame, are in it (in the order of `events`)."""
        return subset.positions(self.events, events)

    def custom(self, rows: np.ndarray) -> list[list]:
        """Each row's hover: the event's title and date, and the place in words."""
        return self._custom.of(rows)

    def bullets(self, rows: np.ndarray) -> list[str]:
        """Each row's line in the hover of its place's numbered marker: '· its title'."""
        return self._bullets.of(rows)


def _custom(row) -> list:
    return point(
        row.event_id,
        plotly_text(row.title),
        plotly_text(row.date_text),
        plotly_text(place_words(row.place, row.place_kind, added=row.added)),
    )


def map_figure(
    events: pd.DataFrame,
    selected: str | None = None,
    focus: list[tuple[float, float]] | None = None,
    height: int | None = None,
    places: MapPlaces | None = None,
) -> dict:
    """Markers for the places of `events`; `focus` (lat, lon) points zoom the frame onto them.

    `places` is MapPlaces of a frame `events` is part of, made once by a caller that draws parts of
    the same frame often (a large collection is not exploded again on every redraw): then only
    `events.index` is read, which rows of that frame to draw.
    """
    places = places if places is not None else MapPlaces(events)
    in_view = np.zeros(len(places.events), dtype=bool)
    in_view[places.positions(events)] = True
    traces = []
    counts = np.bincount(places.country_code[in_view[places.country_event]], minlength=len(places.countries))
    shaded = np.flatnonzero(counts)
    if len(shaded):
        traces.append(
            {
                "type": "choropleth",
                "locations": places.countries[shaded].tolist(),
                "z": counts[shaded].tolist(),
                "locationmode": "ISO-3",
                "colorscale": theme.SHADE_SCALE,
                "zmin": 0,
                "showscale": False,
                "marker": {"line": {"color": theme.BORDER, "width": 0.6}},
                "hovertemplate": "%{location}: %{z} event(s) in view<extra></extra>",
                "name": "countries in view",
            }
        )
    shown = np.flatnonzero(in_view[places.event_of_row])
    # Events that share a place would hide each other: one numbered marker per such place, which lists them.
    per_place = np.bincount(places.place_code[shown], minlength=len(places.place_ids))
    alone = per_place[places.place_code[shown]] == 1
    single, shared = shown[alone], shown[~alone]
    for code, category in enumerate(CATEGORIES):
        in_lane = single[places.category[single] == code]
        if not len(in_lane):
            continue
        for kind, style in theme.PLACE_MARKER.items():
            group = in_lane[places.kind[in_lane] == kind]
            if len(group):
                traces.append(_marker_trace(places, group, category, kind, style))
    if len(shared):
        traces.append(_cluster_trace(places, shared, per_place))
    traces.append(selected_trace(places, shown, selected))
    layout = {
        **theme.base_layout(),
        "height": max(height or 0, MIN_HEIGHT),
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
        "showlegend": False,
        "uirevision": "map",
        "geo": _geo(focus),
    }
    return {"data": traces, "layout": layout}


def selected_trace(places: MapPlaces, shown: np.ndarray, selected: str | None) -> dict:
    """Rings around the selected event's places; `meta.marks` holds every event's places for the browser
    to move them when the selection changes (assets/keyboard.js)."""
    marks: dict[str, list[list[float]]] = {}
    # Past what a person can pick one by one, the figure does not carry every place (100,000 events would
    # add megabytes); a selection then shows on the list and the timeline, and on the map after a filter.
    carried = shown
    if len(shown) > MARKS_LIMIT:
        carried = shown[places.event_of_row[shown] == places.event_position(selected)]
    for event_id, lat, lon in zip(
        places.event_ids[carried].tolist(), places.lat[carried].tolist(), places.lon[carried].tolist(), strict=True
    ):
        marks.setdefault(event_id, []).append([lat, lon])
    chosen = marks.get(selected, []) if selected is not None else []
    return {
        "type": "scattergeo",
        "lat": [lat for lat, _ in chosen],
        "lon": [lon for _, lon in chosen],
        "mode": "markers",
        "marker": {"size": 30, "symbol": "circle-open", "color": theme.SELECTED, "line": {"width": 3}},
        "hoverinfo": "skip",
        "name": "Selected",
        "meta": {"role": "selected", "id": selected if chosen else None, "marks": marks},
    }


def _cluster_trace(places: MapPlaces, shared: np.ndarray, per_place: np.ndarray) -> dict:
    # Places in the order they first appear, each with its rows in order (as groupby(sort=False) gives them).
    codes = places.place_code[shared]
    first_rows = shared[np.sort(np.unique(codes, return_index=True)[1])]
    clustered = places.place_code[first_rows]
    order = np.argsort(codes, kind="stable")
    by_place = shared[order]
    starts = np.searchsorted(codes[order], clustered)
    count = per_place[clustered]
    biggest = max(int(count.max()), 2)
    custom = []
    place_ids = places.place_ids.tolist()
    with i18n.use(places.lang):
        for code, begin, n in zip(clustered.tolist(), starts.tolist(), count.tolist(), strict=True):
            listed = places.bullets(by_place[begin : begin + min(n, CLUSTER_TITLES)])
            custom.append(
                point(
                    None,
                    places.heading(code),
                    places.here(n),
                    "<br>".join(listed) + ("<br>…" if n > len(listed) else ""),
                    place_ids[code],
                )
            )
    return {
        "type": "scattergeo",
        "lat": places.lat[first_rows].tolist(),
        "lon": places.lon[first_rows].tolist(),
        "mode": "markers+text",
        "marker": {
            "size": (20 + 16 * ((count - 2) / max(biggest - 2, 1)) ** 0.5).round(1).tolist(),
            "color": theme.CLUSTER,
            "opacity": 0.9,
            "line": {"color": "white", "width": 1.5},
        },
        "text": [f"{n:,}" for n in count.tolist()],
        "textfont": {"color": "white", "size": 12},
        "customdata": custom,
        "hovertemplate": HOVER_PLAIN_NOTE,
        "name": "several events at one place",
        "meta": {"role": "cluster", "places": places.place_ids[clustered].tolist()},
    }


def _marker_trace(places: MapPlaces, group: np.ndarray, category: str, kind: str, style: dict) -> dict:
    colour = theme.CATEGORY_COLOURS[category]
    return {
        "type": "scattergeo",
        "lat": places.lat[group].tolist(),
        "lon": places.lon[group].tolist(),
        "mode": "markers",
        "marker": {
            "size": style["size"],
            "color": colour,
            "opacity": style["opacity"],
            "symbol": np.where(places.added[group], theme.ADDED_SYMBOL, style["symbol"]).tolist(),
            "line": {"color": colour if style["symbol"].endswith("open") else "white", "width": 2},
        },
        "customdata": places.custom(group),
        "hovertemplate": HOVER_PLAIN_NOTE,
        "name": f"{CATEGORIES[category]} ({kind})",
        "meta": {"role": "places", "category": category, "place_kind": kind},
    }


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
