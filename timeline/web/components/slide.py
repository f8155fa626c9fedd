"""Slides of the present page: an intro slide, then one slide per event, each with its map and progress strip.

Every slide of a deck is built once into the page; assets/present.js shows one
at a time. Elements that belong to one slide carry `data-slide`, which is all
the script needs to switch them.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from dash import dcc, get_asset_url, html

from timeline.figures.lineage import lineage_figure
from timeline.figures.map import map_figure
from timeline.figures.strip import Strip
from timeline.formats.deck import Deck, citation, limit_text
from timeline.i18n import gettext as _
from timeline.i18n import lazy_gettext, ngettext
from timeline.i18n.dates import describe, describe_with_basis
from timeline.i18n.words import number
from timeline.load.collection import Collection
from timeline.load.passages import Passage
from timeline.load.vocabulary import category
from timeline.web.components import ids
from timeline.web.components.progress_strip import strip_layer, strip_view
from timeline.web.components.slide_play import slide_play

# How far (degrees) to widen the map around a place of each kind: a country
# centroid alone would zoom onto the middle of the country and hide its borders.
FOCUS_PAD = {"country": 6.0, "region": 2.0, "city": 0.0, "site": 0.0}

# Height over width of a slide's map box in present.css, at any 16:9 size: the frame is widened to
# match, or plotly would leave empty bands around a frame of another shape.
MAP_ASPECT = {"event": 1.1, "long-date": 0.8}
# A date as written longer than this gets the slide's full width (see .long-date in present.css).
LONG_DATE = 26

MAP_CONFIG = {"displayModeBar": False, "scrollZoom": False, "responsive": True}


def slide_attrs(index: int, current: int) -> dict:
    return {"data-slide": str(index), "aria-hidden": "false" if index == current else "true"}


def slide_class(base: str, index: int, current: int) -> str:
    return f"{base} current" if index == current else base


def focus_points(places: list[dict]) -> list[tuple[float, float]]:
    """(lat, lon) points the map must show for these places, padded by place kind."""
    points = []
    for place in places:
        pad = FOCUS_PAD.get(place["kind"], 0.0)
        lat, lon = place["lat"], place["lon"]
        points += [(lat - pad, lon - pad), (lat + pad, lon + pad)] if pad else [(lat, lon)]
    return points


def is_long_date(event: pd.Series) -> bool:
    return len(event["date_text"]) > LONG_DATE


def slide_figure(deck: Deck, index: int, collection: Collection | None = None) -> dict | None:
    """The map figure of slide `index` (None when no place is known): the deck's overview on the intro,
    else the event zoomed onto its places; or, on a lesson slide marked `show: lineage`, the
    organisations' lineage up to the event's date. The slow part of a slide: callers keep the result."""
    if index == 0 and deck.lesson_id is not None:
        return None  # a lesson's intro slide shows its agenda instead (see intro_slide)
    if index and deck.show(index - 1) == "lineage" and collection is not None and not collection.organisations.empty:
        return lineage_at(collection, deck.events.iloc[index - 1])
    if index == 0:
        events, selected, shape = deck.events, None, "event"
    else:
        events = deck.events.iloc[[index - 1]]
        selected = events.iloc[0]["id"]
        shape = "long-date" if is_long_date(events.iloc[0]) else "event"
    places = [place for event_places in events["places"] for place in event_places]
    if not places:
        return None
    figure = go.Figure(map_figure(events, selected, focus=focus_points(places) if index else None))
    # No template: every colour the map uses is set by map_figure, and plotly's default template
    # would be 7 kB more per slide in the page.
    figure.update_layout(height=None, autosize=True, template=None)
    fit_frame(figure, MAP_ASPECT[shape])
    return figure.to_plotly_json()


def lineage_at(collection: Collection, event: pd.Series) -> dict:
    """The lineage chart cut at the event's date: what the organisations looked like then."""
    # From the collection's start: lane labels sit left of each lane's start and a later frame would cut them.
    start = collection.events["earliest"].min() - pd.Timedelta(days=365)
    figure = lineage_figure(
        collection.organisations,
        collection.relations,
        collection.roles,
        x_range=[start, event["latest"]],
        people=collection.people,
    )
    figure.add_vline(x=event["latest"], line={"color": "#000000", "width": 2, "dash": "dot"})
    # The chart's legend is an annotation; on a slide the caption says what the dotted line is.
    figure.update_layout(
        height=None, autosize=True, template=None, annotations=[], margin={"l": 10, "r": 20, "t": 10, "b": 30}
    )
    return figure.to_plotly_json()


def map_graph(index: int, figure: dict) -> dcc.Graph:
    """The graph of slide `index`, filling its box."""
    return dcc.Graph(
        id=ids.present_map(index),
        figure=figure,
        # topojsonURL points plotly at the vendored country shapes, never the internet (see explore.py).
        config={**MAP_CONFIG, "topojsonURL": get_asset_url("topojson/")},
        className="slide-map-graph",
        style={"height": "100%", "width": "100%"},
    )


def fit_frame(figure: go.Figure, aspect: float) -> None:
    """Widen the geo frame's shorter side so its shape is `aspect` (height / width) on a Mercator map."""
    geo = figure.layout.geo
    (lat0, lat1), (lon0, lon1) = geo.lataxis.range, geo.lonaxis.range
    # Mercator stretches latitude by 1/cos(latitude); at the frame's middle is close enough here.
    stretch = 1 / math.cos(math.radians((lat0 + lat1) / 2))
    height, width = (lat1 - lat0) * stretch, lon1 - lon0
    if height < width * aspect:
        grow = (width * aspect / stretch - (lat1 - lat0)) / 2
        lat0, lat1 = max(lat0 - grow, -80.0), min(lat1 + grow, 80.0)
    else:
        grow = (height / aspect - width) / 2
        lon0, lon1 = lon0 - grow, lon1 + grow
    figure.update_geos(lataxis_range=[lat0, lat1], lonaxis_range=[lon0, lon1])


def map_box(index: int, graph: dcc.Graph | None) -> html.Div:
    """The slot a slide's map is drawn into; empty until its slide comes near (see pages/present.py)."""
    return html.Div(
        graph, id={"type": ids.PRESENT_MAP_BOX, "index": index}, className="slide-map", **{"data-map-box": str(index)}
    )


def file_map_box(index: int) -> html.Div:
    """The same slot in the lesson file (web/lessonfile.py), where assets/present.js draws the map itself."""
    return html.Div(className="slide-map", **{"data-map-box": str(index)})


def deck_slides(
    collection: Collection,
    passages: dict[str, Passage],
    deck: Deck,
    strip: Strip,
    current: int,
    boxes: dict[int, html.Div],
    keys: str | None = None,
) -> list[html.Section]:
    """Every slide of a deck, the intro first: /present and the lesson file show the same sections."""
    # The strip's marks go into the slide shown only (present.js copies them on): slides × events otherwise.
    layers = {current: strip_layer(strip, deck, current - 1 if current else None)}
    slides = [intro_slide(deck, strip, current, boxes.get(0), keys, layers.get(0))]
    slides += [
        event_slide(collection, passages, deck, strip, at, current, boxes.get(at + 1), layers.get(at + 1))
        for at in range(len(deck.events))
    ]
    return slides


def top_bar(deck: Deck, current: int, count: int, tools: list) -> html.Header:
    """The presentation's top bar: the deck's title, the slide counter, then `tools` (buttons, links)."""
    return html.Header(
        [
            html.P(deck.title, className="present-title", dir="auto"),
            # "9 / 10" reads left to right in every language: in an Arabic bar it would come out "10 / 9".
            html.P(
                counter(current, count), id=ids.PRESENT_COUNTER, className="present-counter", role="status", dir="ltr"
            ),
            # One box for the tools so a phone can give them a row of their own (present.css); elsewhere
            # the box is not drawn (display: contents) and they sit beside the title. On a phone the row
            # holds the way out and the quiz; "More" (present.js) opens the rest under them.
            html.Div(
                [
                    html.Button(
                        # Translators: on a phone, the top bar's button that shows its other tools (languages...).
                        _("More"),
                        type="button",
                        className="present-tool present-more",
                        **{"data-present": "more", "aria-expanded": "false"},
                    ),
                    html.Button(
                        # Translators: a button; F is the key that does the same. Keep the key's name as it is.
                        _("Full screen (F)"),
                        id=ids.PRESENT_FULLSCREEN,
                        className="present-tool",
                        **{"data-present": "fullscreen"},
                    ),
                    *tools,
                ],
                className="present-tools",
            ),
        ],
        className="present-bar",
    )


def nav_buttons(current: int, count: int) -> list[html.Button]:
    return [
        html.Button(
            # Translators: the button back to the previous slide, at the slides' left edge.
            _("◀ Previous"),
            id=ids.PRESENT_PREV,
            className="present-nav present-prev",
            disabled=current == 0,
            **{"data-present": "prev", "aria-label": _("Previous slide")},
        ),
        html.Button(
            # Translators: the button on to the next slide, at the slides' right edge.
            _("Next ▶"),
            id=ids.PRESENT_NEXT,
            className="present-nav present-next",
            disabled=current == count - 1,
            **{"data-present": "next", "aria-label": _("Next slide")},
        ),
    ]


def counter(current: int, count: int) -> str:
    return f"{current} / {count - 1}"


# Translators: the keys of the slides, on the first slide. Keep the keys' names (→ Space PageDown ← PageUp Home
# End F Esc) as they are: they are written on the keyboard.
APP_KEYS = lazy_gettext(
    "Next: → Space PageDown · Back: ← PageUp · First/last: Home End · Full screen: F · Explorer: Esc"
)


def intro_slide(
    deck: Deck, strip: Strip, current: int, box: html.Div | None, keys: str | None = None, layer: html.Div | None = None
) -> html.Section:
    values = {"n": number(len(deck.events)), "span": _deck_span(deck)}
    if deck.lesson_id is not None:
        # Translators: above a lesson's title on its first slide: 'Lesson · 10 events · 2007–2020'.
        kicker = ngettext("Lesson · %(n)s event · %(span)s", "Lesson · %(n)s events · %(span)s", len(deck.events))
        body = [
            html.P(kicker % values, className="slide-kicker"),
            html.H1(deck.title, className="slide-title slide-title-intro", dir="auto"),
            html.P(deck.intro, className="slide-intro", dir="auto") if deck.intro else None,
            html.Ol(
                [
                    html.Li(
                        [
                            html.Span(describe(event["start"], event["end"]), className="agenda-date"),
                            html.Bdi(event["title"]),
                        ]
                    )
                    for _index, event in deck.events.iterrows()
                ],
                className="slide-agenda",
            ),
        ]
    else:
        # Translators: above the collection's title on the first slide of every event: 'All 61 events in date
        # order · 1992–2020'.
        kicker = ngettext("%(n)s event · %(span)s", "All %(n)s events in date order · %(span)s", len(deck.events))
        if deck.cut or not deck.filters.is_empty():
            # Translators: as above, when the slides show only some of the collection's events (a search, a
            # filter, or the most a deck shows): '100 events in date order · 1992–2020'.
            kicker = ngettext(
                "%(n)s event in date order · %(span)s", "%(n)s events in date order · %(span)s", len(deck.events)
            )
        body = [
            html.P(kicker % values, className="slide-kicker"),
            html.H1(deck.title, className="slide-title slide-title-intro", dir="auto"),
            html.P(deck.intro, className="slide-intro", dir="auto") if deck.intro else None,
            html.P(limit_text(deck), className="slide-limit", role="note") if deck.cut else None,
        ]
    body.append(html.P(keys or str(APP_KEYS), className="slide-keys"))
    text = html.Div([part for part in body if part is not None], className="slide-text")
    # A lesson's intro lists its slides across the full width instead of showing a map.
    parts = [text] if deck.lesson_id is not None or box is None else [text, _map_panel(box, None)]
    return html.Section(
        [
            html.Div(parts, className="slide-body" if len(parts) > 1 else "slide-body full-width"),
            strip_view(strip, deck, None, layer),
        ],
        className=slide_class("present-slide slide-intro-slide", 0, current),
        **slide_attrs(0, current),
        **{"aria-label": _slide_label(0, len(deck.events), deck.title)},
    )


def event_slide(
    collection: Collection,
    passages: dict[str, Passage],
    deck: Deck,
    strip: Strip,
    position: int,
    current: int,
    box: html.Div | None,
    layer: html.Div | None = None,
) -> html.Section:
    """Slide `position + 1`: the event at `position` of the deck."""
    event = deck.events.iloc[position]
    index = position + 1
    normalised = describe_with_basis(event["start"], event["end"], event["date_basis"])
    head = [
        html.P(event["date_text"], className="slide-date", dir="auto"),
        html.P(
            [
                html.Span(normalised, className=f"slide-basis basis-{event['date_basis']}"),
                html.Span(category(event["category"]), className=f"badge slide-badge cat-{event['category']}"),
                # Translators: a badge on a slide: the event is an era, a long period, not a single happening.
                html.Span(_("era"), className="badge slide-badge slide-era") if event["kind"] == "era" else None,
                # The title and summary are the collection's translation; the quote stays the source's.
                html.Span(_("translated"), className="badge slide-badge slide-translated")
                if event.get("translated", False)
                else None,
            ],
            className="slide-normalised",
        ),
    ]
    text = [
        html.H2(event["title"], className="slide-title", dir="auto"),
        html.P(event["summary"], className="slide-summary", dir="auto"),
        html.Blockquote(f"“{event['quote']}”", className="slide-quote", dir="auto"),
        html.P(f"— {citation(collection, passages, event)}", className="slide-citation", dir="auto"),
    ]
    return html.Section(
        [
            html.Div(
                [
                    html.Div(head, className="slide-head"),
                    html.Div(text, className="slide-text"),
                    _map_panel(box, event, deck.show(position), play=slide_play(deck, position)),
                ],
                className="slide-body long-date" if is_long_date(event) else "slide-body",
            ),
            strip_view(strip, deck, position, layer),
        ],
        className=slide_class("present-slide slide-event", index, current),
        **slide_attrs(index, current),
        **{"data-event": event["id"], "aria-label": _slide_label(index, len(deck.events), event["title"])},
    )


def _slide_label(index: int, count: int, title: str) -> str:
    # Translators: read by a screen reader on each slide: 'Slide 3 of 10: JNIM created from four groups'.
    return _("Slide %(index)s of %(count)s: %(title)s") % {"index": index, "count": count, "title": title}


def _map_panel(
    box: html.Div | None, event: pd.Series | None, show: str = "map", play: html.Div | None = None
) -> html.Figure | html.Div | None:
    if box is None:
        # Saying so keeps the gap from looking like a map that failed to load.
        return html.Div(html.P(_("The source names no place for this event.")), className="slide-map-panel no-place")
    if event is None:
        caption = _("Where the events took place.")
    elif show == "lineage":
        # Translators: under the chart of the organisations drawn up to an event's date: 'up to March 2017'.
        caption = _("The organisations up to %(date)s (dotted line).") % {
            "date": describe(event["start"], event["end"])
        }
    else:
        caption = _places_caption(event)
    # The map can play the lesson's period up to this slide (components/slide_play.py); a lineage chart cannot.
    play = play if show == "map" else None
    return html.Figure(
        [box, html.Figcaption([caption, play], className="slide-map-caption")], className="slide-map-panel"
    )


def _places_caption(event: pd.Series) -> str:
    names = [
        # Translators: a place the editors added to an event: 'Gao (added by the editors, not named in the source)'.
        _("%(place)s (added by the editors, not named in the source)") % {"place": place["name"]}
        if place["added"]
        else place["name"]
        for place in event["places"]
    ]
    return " · ".join(names)


def _deck_span(deck: Deck) -> str:
    first, last = deck.events["earliest"].min().year, deck.events["latest"].max().year
    return f"{first}–{last}" if first != last else str(first)
