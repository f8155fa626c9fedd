"""What the browser needs to play a chronology through time (assets/play.js draws it): one JSON object.

The rule of which events belong to a moment is timeline.query.moments; this module applies it to a frame of
events once, on the server, and hands the browser the answers per stop, so every frame is drawn in the page:

- the map, **aggregated per place** (one row per place and "added" flag: lat, lon, the marker of its kind),
  so 100,000 events cost what their few hundred places cost. Per stop, `now` lists the places with events
  of the moment: how many, and the marker to draw (the category's colour for one event, the numbered
  cluster for several, as the explorer's map does, its number written on the LABELS busiest places; hollow
  with a dot when every one of them has a loose date: inferred, approximate or uncertain). `earlier` lists the places whose events all ended before the
  moment, drawn faded. Later events are not drawn;
- the countries, shaded by the events begun by the end of the moment;
- the running count in the reader's language, per stop ("9 events by 2012"), and the stop's name ("2012",
  "March 2017"), so the browser words nothing itself;
- `events`: [id, earliest day, latest day, open, loose] of the events the list shows (at most its LIMIT),
  which the browser sorts into now / earlier / later itself, with moments.state's rule (play.js:
  momentState), and marks dotted when loose.

Days are whole days since 1970-01-01, so the browser compares integers. The traces' looks (`traces`) come
from here too, in the house style of figures/theme.py.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from timeline.figures import theme
from timeline.figures.map import explode_places
from timeline.i18n import ngettext
from timeline.i18n.dates import as_noun, describe
from timeline.i18n.words import number
from timeline.load.schema import CATEGORIES
from timeline.load.vocabulary import place_words
from timeline.query.moments import Stops, counts_by, is_loose, spans

FADED = "rgba(110, 110, 110, 0.45)"  # an earlier event's place: there, but not now
BAND = "rgba(11, 87, 208, 0.13)"  # the moment on the timeline: its whole stop, never a day
HEAD = "#0b57d0"  # the play head gliding through the moment (not drawn with reduced motion)
LOOSE = {"circle": "circle-open-dot", "circle-open": "circle-open-dot", theme.ADDED_SYMBOL: "diamond-open-dot"}
LABELS = 30  # numbered markers per stop, the busiest places
CLUSTER_SIZE = (20, 16)  # as the explorer's numbered markers: 20 px for two events, growing with the square root


def stop_name(stops: Stops, k: int) -> str:
    """Stop k in the reader's words: '2012', 'March 2017', 'the 2000s'."""
    text = stops.edtf(k)
    if "/" in text:
        return describe(*text.split("/"))
    return as_noun(text)


def count_text(stops: Stops, k: int, count: int) -> str:
    """'9 events by 2012': the events begun by the end of stop k."""
    values = {"n": number(count), "moment": stop_name(stops, k)}
    if stops.unit in ("year", "month"):
        # Translators: the running count while the chronology plays: '9 events by 2012', '12 events by March
        # 2017'. %(moment)s is a year or a month and year ('mars 2017'); French 'jusqu’en %(moment)s' fits both.
        return ngettext("%(n)s event by %(moment)s", "%(n)s events by %(moment)s", count) % values
    # Translators: the running count when a long chronology plays by decade or century: 'the 2000s: 9 events so
    # far'. %(moment)s is 'les années 2000', 'le XXe siècle': a noun, so it can start the sentence.
    return ngettext("%(moment)s: %(n)s event so far", "%(moment)s: %(n)s events so far", count) % values


def place_table(rows: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """(one row per place of the exploded `rows`, with the marker of its kind; each row's number in that table).

    As on the explorer's map, a place is one marker whether the source names it or the editors added it.
    """
    codes, _uniques = pd.factorize(rows["place_id"].astype(str), sort=False)
    first = rows.iloc[np.unique(codes, return_index=True)[1]]
    styles = [theme.PLACE_MARKER.get(kind, theme.PLACE_MARKER["city"]) for kind in first["place_kind"]]
    table = pd.DataFrame(
        {
            "lat": first["lat"].astype(float).round(4).to_numpy(),
            "lon": first["lon"].astype(float).round(4).to_numpy(),
            "symbol": [style["symbol"] for style in styles],
            "size": [style["size"] for style in styles],
            "opacity": [style["opacity"] for style in styles],
            "name": [place_words(name, kind) for name, kind in zip(first["place"], first["place_kind"], strict=True)],
        }
    )
    return table, codes.astype(np.int64)


def _running(count: int, stops: int, at: np.ndarray, rows: np.ndarray, weights: np.ndarray | None = None):
    """A (count, stops) table of sums of `weights` added at stop `at` of row `rows` and kept from there on."""
    keep = (at >= 0) & (at <= stops)
    flat = rows[keep] * (stops + 1) + at[keep]
    added = np.bincount(flat, None if weights is None else weights[keep], minlength=count * (stops + 1))
    return np.cumsum(added.reshape(count, stops + 1), axis=1)[:, :stops].astype(np.int64)


def play_data(events: pd.DataFrame, stops: Stops, place_rows: pd.DataFrame | None = None, listed: int = 100) -> dict:
    """The play of `events` through `stops` (see the module's docstring). `place_rows` is explode_places() of
    these events or of a larger frame that holds them (the explorer keeps it); `listed` is how many events
    the list shows, the first of `events`, which the browser follows one by one."""
    count = len(stops)
    first, last = spans(stops, events)
    loose = is_loose(events)
    by = counts_by(stops, first) if count else np.array([], dtype=np.int64)
    data = {
        "unit": stops.unit,
        "edges": stops.days(),
        "edtf": [stops.edtf(k) for k in range(count)],
        "names": [stop_name(stops, k) for k in range(count)],
        "counts": [count_text(stops, k, int(by[k])) for k in range(count)],
        "events": [
            [event_id, int(first_day), int(last_day), int(still), int(x)]
            for event_id, first_day, last_day, still, x in zip(
                events["id"].head(listed),
                _days(events["earliest"].head(listed)),
                _days(events["latest"].head(listed)),
                events["open_end"].head(listed).to_numpy(dtype=bool),
                loose[:listed],
                strict=True,
            )
        ],
    }
    rows = explode_places(events) if place_rows is None else place_rows[place_rows["event_id"].isin(events["id"])]
    data.update(_map_data(events, rows, stops, first, last, loose))
    data["countries"] = _country_data(events, stops, first)
    data["traces"] = _traces(data["countries"]["zmax"])
    return data


def _days(column: pd.Series) -> np.ndarray:
    return column.to_numpy().astype("datetime64[D]").astype(np.int64)


def _map_data(events, rows, stops, first, last, loose) -> dict:
    count = len(stops)
    if rows.empty or not count:
        return {"places": [], "now": [[] for _ in range(count)], "earlier": [[] for _ in range(count)]}
    at = pd.Index(events["id"]).get_indexer(rows["event_id"])
    table, place = place_table(rows)
    r_first, r_last, r_loose = first[at], last[at], loose[at]
    r_category = pd.Categorical(rows["category"].astype(str), categories=list(CATEGORIES)).codes.astype(np.int64)
    places = len(table)
    ends = r_last + 1
    now = _running(places, count, r_first, place) - _running(places, count, ends, place)
    firm = _running(places, count, r_first, place, (~r_loose).astype(np.int64))
    firm -= _running(places, count, ends, place, (~r_loose).astype(np.int64))
    # With one event at a place, the sums over its events of the category and of the "added" flag are its own.
    category = _running(places, count, r_first, place, r_category) - _running(places, count, ends, place, r_category)
    r_added = rows["added"].to_numpy(dtype=bool).astype(np.int64)
    added = _running(places, count, r_first, place, r_added) - _running(places, count, ends, place, r_added)
    # An event ended before the first stop (last = -1) is earlier from stop 0 on.
    earlier = _running(places, count, np.maximum(ends, 0), place)
    biggest = max(int(now.max()), 2)
    colours = [theme.CATEGORY_COLOURS[c] for c in CATEGORIES] + [theme.CLUSTER]
    now_stops, earlier_stops = [], []
    sizes, symbols = table["size"].tolist(), table["symbol"].tolist()
    for k in range(count):
        here = np.flatnonzero(now[:, k])
        entries = []
        counts, firms, categories, addeds = (column[here, k].tolist() for column in (now, firm, category, added))
        for p, n, firmly, single, is_added in zip(here.tolist(), counts, firms, categories, addeds, strict=True):
            hollow = firmly == 0
            if n == 1:
                colour, size = single, float(sizes[p])
                symbol = theme.ADDED_SYMBOL if is_added else symbols[p]
            else:
                base, grow = CLUSTER_SIZE
                colour, symbol = len(colours) - 1, "circle"
                size = round(base + grow * ((n - 2) / max(biggest - 2, 1)) ** 0.5, 1)
            entries.append([p, n, colour, LOOSE.get(symbol, symbol) if hollow else symbol, size, int(hollow)])
        # Numbers are written on the busiest places only: each label is text plotly measures on every stop,
        # the most of a stop's drawing time at 100,000 events (bench/play_bench.py). The rest say it on hover.
        busiest = sorted((entry for entry in entries if entry[1] > 1), key=lambda entry: -entry[1])[:LABELS]
        numbered = {id(entry) for entry in busiest}
        for entry in entries:
            entry.append(int(id(entry) in numbered))
        now_stops.append(entries)
        earlier_stops.append(np.flatnonzero((earlier[:, k] > 0) & (now[:, k] == 0)).tolist())
    return {
        "places": [
            [float(row.lat), float(row.lon), row.symbol, int(row.size), float(row.opacity), row.name]
            for row in table.itertuples()
        ],
        "colours": colours,
        "now": now_stops,
        "earlier": earlier_stops,
    }


def _country_data(events: pd.DataFrame, stops: Stops, first: np.ndarray) -> dict:
    lists = events["countries"].tolist()
    codes = sorted({code for countries in lists for code in countries})
    count = len(stops)
    if not codes or not count:
        return {"locations": [], "z": [[] for _ in range(count)], "zmax": 1}
    index = {code: i for i, code in enumerate(codes)}
    rows = np.array([index[code] for countries in lists for code in countries], dtype=np.int64)
    at = np.repeat(first, [len(countries) for countries in lists])
    by = _running(len(codes), count, at, rows)
    # A country with no event yet is left unshaded (null), not shaded as zero.
    z = [[int(v) if v else None for v in by[:, k]] for k in range(count)]
    return {"locations": codes, "z": z, "zmax": max(int(by.max()), 1)}


def _traces(zmax: int) -> dict:
    """The traces play.js adds to a map while it plays, and the colours of the moment on the timeline."""
    return {
        "countries": {
            "type": "choropleth",
            "locationmode": "ISO-3",
            "colorscale": theme.SHADE_SCALE,
            "zmin": 0,
            "zmax": zmax,
            "showscale": False,
            "marker": {"line": {"color": theme.BORDER, "width": 0.6}},
            "hoverinfo": "skip",
            "name": "countries by this moment",
        },
        "earlier": {
            "type": "scattergeo",
            "mode": "markers",
            "marker": {"color": FADED, "line": {"color": "white", "width": 1}},
            "hoverinfo": "text",
            "name": "earlier",
        },
        "now": {
            "type": "scattergeo",
            "mode": "markers+text",
            "marker": {"line": {"width": 2}},
            "textfont": {"size": 12},
            "hoverinfo": "text",
            "name": "of this moment",
        },
        # The moment on the timeline, drawn by play.js over the plot: the stop's band and the play head.
        "moment": {"band": BAND, "head": HEAD},
    }
