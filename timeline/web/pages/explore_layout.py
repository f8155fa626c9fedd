"""The explorer page's layout: header, filters, timeline and map side by side, list, detail and source."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from dash import dcc, get_asset_url, html

from timeline.figures.theme import GRAPH_CONFIG
from timeline.i18n import gettext as _
from timeline.load.collection import Collection
from timeline.query import urlstate
from timeline.web.components import ids
from timeline.web.components.collection_bar import collection_bar
from timeline.web.components.detail import detail_panel
from timeline.web.components.downloads import event_downloads, figure_downloads
from timeline.web.components.filters import filter_bar
from timeline.web.components.graph_box import sideways_box
from timeline.web.components.language_switch import language_switch
from timeline.web.components.lesson_controls import add_shown_button, lesson_counter
from timeline.web.components.source_reader import source_reader
from timeline.web.pages.explore_data import ExploreData
from timeline.web.pages.explore_play import play_section
from timeline.web.pages.explore_view import View, compute_view, lineage_view
from timeline.web.pages.explore_view import phone_heights as explore_phone_heights

if TYPE_CHECKING:
    from timeline.web.pages.registry import Registry, Served


def layout(
    registry: Registry,
    served: Served,
    search_string: str | None,
    uploaded: dict | None = None,
    phone: int | None = None,
) -> html.Div:
    """The page for the URL's view; `phone`: the width class of the phone it is for (web/screen.py), if any."""
    data, url_key = served.derive(ExploreData.of), served.url_key
    collection, passages = data.collection, data.passages
    filters, selected = urlstate.parse(search_string)
    if selected is not None and collection.event(selected) is None:
        selected = None
    view = compute_view(data, filters, None, selected, url_key, phone)
    return html.Div(
        [
            html.Header(
                [
                    html.Div(
                        [
                            html.H1(collection.title),
                            html.P(_lede(collection), className="lede", id=ids.LEDE),
                            # On a phone the lede is two lines until this opens it (assets/touch.js).
                            html.Button(
                                # Translators: opens the collection's description, cut to two lines on a phone.
                                _("more"),
                                type="button",
                                className="lede-more",
                                **{"aria-expanded": "false", "aria-controls": ids.LEDE, "data-less": _("less")},
                            ),
                        ],
                        className="page-title",
                    ),
                    html.Div(
                        [
                            html.Nav(
                                [
                                    html.A(
                                        _("Present"),
                                        # The slides of the events in view (a deck holds at most 100).
                                        href="/present" + urlstate.build(filters, None, url_key),
                                        id=ids.EXPLORE_PRESENT,
                                        className="nav-link",
                                        title=_("Step through events as slides"),
                                    ),
                                    *(
                                        []
                                        if collection.organisations.empty
                                        else [
                                            html.A(
                                                _("Glossary"),
                                                href=urlstate.href("/glossary", url_key),
                                                className="nav-link",
                                                title=_("Organisations and people"),
                                            )
                                        ]
                                    ),
                                    html.A(_("Source text"), href="#source", className="nav-link"),
                                    lesson_counter(collection.id, url_key),
                                    language_switch("/", search_string),
                                ],
                                className="top-nav",
                                **{"aria-label": _("Pages")},
                            ),
                            collection_bar(registry.choices(), served, uploaded),
                        ],
                        className="header-side",
                    ),
                ],
                className="page-header",
            ),
            filter_bar(collection, filters, view.count),
            html.Div(
                [
                    html.Section(
                        [
                            sideways_box(
                                dcc.Graph(
                                    id=ids.TIMELINE,
                                    figure=view.timeline,
                                    config=GRAPH_CONFIG,
                                    className="timeline-graph",
                                    style=view.graph_style,
                                ),
                                None if phone else view.timeline,
                            ),
                            graph_tools(ids.TIMELINE),
                            play_section(data, filters, search_string),
                            html.P(
                                [
                                    html.Span("● ", className="key-dot"),
                                    _("month or day") + "  ",
                                    html.Span("▬ ", className="key-bar"),
                                    _("year, decade or span") + "  ",
                                    *(
                                        [html.Span("▸ ", className="key-bar"), _("still going") + "  "]
                                        if collection.events["open_end"].any()
                                        else []
                                    ),
                                    html.Span("┅ ○ ", className="key-inferred"),
                                    _("inferred date") + "  ",
                                    html.Span("▇ ", className="key-era"),
                                    # How to move in time: with a mouse, or on a touch screen (style.css picks).
                                    html.Span(_("era · drag to zoom, double-click to reset"), className="key-mouse"),
                                    html.Span(_("era · zoom and move in time with + − ◀ ▶"), className="key-touch"),
                                ],
                                className="key",
                            ),
                            figure_downloads(ids.TIMELINE, "timeline"),
                        ],
                        className="panel timeline-panel",
                        **{"aria-label": _("Timeline")},
                    ),
                    html.Section(
                        [
                            dcc.Graph(
                                id=ids.MAP,
                                figure=view.map,
                                config={**GRAPH_CONFIG, "topojsonURL": get_asset_url("topojson/")},
                                className="map-graph",
                                style=view.map_style,
                                # Drawn at its box's size: the figure's height on a wide screen, the map's own
                                # shape on a phone (style.css), where the timeline's height left empty bands.
                                responsive=True,
                            ),
                            graph_tools(ids.MAP),
                            html.P(
                                _(
                                    "● city  ◍ region  ○ country  ◆ place added by the editors  "
                                    "❷ several events: click to list them"
                                ),
                                className="key",
                            ),
                            figure_downloads(ids.MAP, "map"),
                        ],
                        className="panel map-panel",
                        style={"--map-aspect": f"{_map_aspect(view):.3f}"},
                        **{"aria-label": _("Map")},
                    ),
                ],
                className="views",
            ),
            html.Div(
                [
                    html.Section(
                        [
                            html.H2(_("Events")),
                            html.Div(view.listing, id=ids.EVENT_LIST, className="event-list"),
                            event_downloads(),
                            add_shown_button(collection.id),
                        ],
                        className="panel list-panel",
                        **{"aria-label": _("Event list")},
                    ),
                    # On a phone the detail comes up from the bottom of the screen when an event is tapped
                    # (assets/touch.js), over the timeline, the map or the list it was tapped on, and goes
                    # back down with its close button; elsewhere it stays beside the list.
                    html.Section(
                        [
                            html.Div(
                                html.Button(
                                    # Translators: the button that closes the event's detail on a phone.
                                    "✕ " + _("Close"),
                                    type="button",
                                    className="button sheet-close",
                                    **{"aria-label": _("Close the event's detail")},
                                ),
                                className="sheet-bar",
                            ),
                            html.Div(
                                detail_panel(collection, passages, selected),
                                id=ids.DETAIL,
                                **{"aria-live": "polite"},
                            ),
                        ],
                        className="panel detail-panel detail-sheet" + (" open" if selected else ""),
                        **{"aria-label": _("Event detail")},
                    ),
                ],
                className="grid",
            ),
            *_lineage_section(collection),
            html.Section(
                [
                    html.H2(_("Source text")),
                    html.P(
                        _(
                            "Highlighted passages became events; click one to select its event. "
                            "Everything not highlighted was left out of the timeline."
                        ),
                        className="muted",
                    ),
                    html.Div(source_reader(collection, passages, selected), id=ids.SOURCE_READER, className="reader"),
                ],
                id="source",
                className="panel source-panel",
            ),
            # A Store given data=None sets it again when it mounts, and Dash takes that for a change:
            # five callbacks ran on every page load and redrew all three graphs (bench/profile/NOTES.md).
            dcc.Store(id=ids.SELECTED, **({"data": selected} if selected else {})),
            dcc.Store(id=ids.WINDOW),
            # The view's query string. update_views writes it here, inside the page, not to the URL:
            # a callback with an output outside a page the router inserted runs when the page arrives.
            dcc.Store(id=ids.QUERY),
            # Set (and only then: see ids.SELECTED) when the page is for a phone; a turned phone resets it.
            dcc.Store(id=ids.SCREEN, **({"data": phone} if phone else {})),
        ],
        className="explore",
    )


def phone_heights(served: Served, search_string: str | None) -> dict[int, int]:
    """The timeline's height on each phone's width class for the URL's view (the page's plain copy holds them)."""
    filters, _selected = urlstate.parse(search_string)
    return explore_phone_heights(served.derive(ExploreData.of), filters)


def graph_tools(graph_id: str) -> html.Div:
    """Zoom and pan by buttons a thumb can press, shown on touch screens (assets/touch.js runs them)."""
    # Translators: buttons under the timeline and the map on a phone; each label is read out for its symbol.
    actions = [("zoom-in", "+", _("Zoom in")), ("zoom-out", "−", _("Zoom out"))]
    if graph_id == ids.TIMELINE:
        actions += [("earlier", "◀", _("Earlier")), ("later", "▶", _("Later"))]
    actions.append(("reset", "⟲", _("Show all")))
    return html.Div(
        [
            html.Button(
                symbol,
                type="button",
                className="button graph-tool",
                title=label,
                **{"data-graph": graph_id, "data-tool": action, "aria-label": label},
            )
            for action, symbol, label in actions
        ],
        className="graph-tools",
        role="group",
        # Translators: the group of zoom buttons under the timeline or the map, for a screen reader.
        **{"aria-label": _("Zoom the timeline") if graph_id == ids.TIMELINE else _("Zoom the map")},
    )


def _map_aspect(view: View) -> float:
    """Height over width of the map's frame on its Mercator projection: a phone draws the map in that shape."""
    geo = view.map["layout"]["geo"]
    (lat0, lat1), (lon0, lon1) = geo["lataxis"]["range"], geo["lonaxis"]["range"]

    def northing(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    return (northing(lat1) - northing(lat0)) / math.radians(lon1 - lon0)


def _lede(collection: Collection) -> list:
    if collection.kind == "imported":
        return [
            collection.description,
            " ",
            html.Strong(_("No independent source:") + " ", className="no-source"),
            _("each event quotes the imported timeline's own text."),
        ]
    titles = ", ".join(source.title for source in collection.sources.values())
    return [collection.description, " ", _("Every event quotes its source:") + " ", html.Em(titles), "."]


def _lineage_section(collection: Collection) -> list:
    if collection.organisations.empty:
        return []  # the lineage callbacks wait for components that never come: Dash leaves them idle
    return [
        html.Section(
            [
                html.H2(_("Organisations and leaders")),
                html.P(
                    _("How the groups were renamed, split and merged, and who led them, on the timeline's time axis."),
                    className="muted",
                ),
                # Drawn on demand: the chart is most of the page's data and a third of its drawing time,
                # and it sits below the first screen (issue 12).
                html.Button(_("Show the chart"), id=ids.LINEAGE_SHOW, n_clicks=0, className="button"),
                html.Div(id=ids.LINEAGE_BOX),
                html.Div(id=ids.EXPLORE_LINEAGE_DETAIL, className="lineage-detail", **{"aria-live": "polite"}),
            ],
            className="panel lineage-panel",
            **{"aria-label": _("Organisations and leaders")},
        )
    ]


def lineage_chart(collection: Collection, window: list[str] | None) -> list:
    """The explorer's lineage chart, its key and its downloads, as shown when asked for."""
    figure = lineage_view(collection, window, None)
    return [
        sideways_box(dcc.Graph(id=ids.LINEAGE, figure=figure, config=GRAPH_CONFIG), figure),
        html.P(
            _(
                "Solid connectors: renamed, split, merged. Dashed: allegiance. Thin bars: leaders. "
                "Click an organisation to see its events; click a connector or a leader for the source sentence."
            ),
            className="key",
        ),
        figure_downloads(ids.LINEAGE, "lineage"),
    ]
