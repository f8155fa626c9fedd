"""The explorer page: timeline, map, list, detail and source reader, all linked.

The page arrives fully drawn from the URL's state (the router builds it), so
callbacks only run when the user changes something.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go
from dash import ClientsideFunction, Dash, Input, Output, State, ctx, dcc, get_asset_url, html, no_update
from dash.exceptions import PreventUpdate

from .. import export, search, upload, urlstate
from ..collection import Collection
from ..components import ids
from ..components.collection_bar import collection_bar, problem_list
from ..components.detail import detail_panel
from ..components.downloads import event_downloads, figure_downloads
from ..components.event_list import event_list
from ..components.filters import filter_bar
from ..components.source_reader import source_reader
from ..figures.lineage import clicked_item, lineage_figure
from ..figures.map import explode_places, map_figure
from ..figures.timeline import DETAIL_LIMIT, timeline_figure
from ..passages import Passages
from ..problems import CollectionError
from .glossary import item_detail
from .state import PAGE_STATE

if TYPE_CHECKING:
    from .registry import Registry, Served


@dataclass(frozen=True)
class ExploreData:
    """The collection and what the page derives from it once, not on every request."""

    collection: Collection
    passages: Passages
    haystack: pd.Series
    place_rows: pd.DataFrame

    @classmethod
    def build(cls, collection: Collection, passages: Passages) -> ExploreData:
        events = collection.events
        return cls(collection, passages, search.haystack(events), explode_places(events))


@dataclass(frozen=True)
class View:
    timeline: go.Figure
    map: go.Figure
    listing: html.Ol | html.P
    count: str


def compute_view(data: ExploreData, filters: search.Filters, window: list[str] | None, selected: str | None) -> View:
    """Everything the filters, the timeline's visible window and the selection decide."""
    events = data.collection.events
    matching = search.apply(events, filters, data.collection.aliases, hay=data.haystack)
    visible = _in_window(matching, window)
    total = len(events)
    count = f"{len(visible)} of {total} events"
    if window:
        count += " in the zoomed time window"
    return View(
        timeline=timeline_figure(matching, selected, x_range=window),
        map=map_figure(visible, selected, place_rows=data.place_rows),
        listing=event_list(visible, selected),
        count=count,
    )


def events_shown(data: ExploreData, filters: search.Filters, window: list[str] | None) -> pd.DataFrame:
    """The events the list and the map show: matching the filters and inside the timeline's window."""
    return _in_window(search.apply(data.collection.events, filters, data.collection.aliases, hay=data.haystack), window)


def _in_window(events: pd.DataFrame, window: list[str] | None) -> pd.DataFrame:
    start, end = (pd.Timestamp(window[0]), pd.Timestamp(window[1])) if window else (None, None)
    return search.in_window(events, start, end)


def window_from_relayout(relayout: dict | None) -> list[str] | None:
    """The visible x range after a zoom or pan, None after a reset; raises LookupError if unchanged."""
    if not relayout:
        raise LookupError
    if relayout.get("xaxis.autorange"):
        return None
    if "xaxis.range[0]" in relayout:
        return [relayout["xaxis.range[0]"], relayout["xaxis.range[1]"]]
    if "xaxis.range" in relayout:
        return list(relayout["xaxis.range"])
    raise LookupError


def filters_from_controls(text, categories, countries, actors, year_from, year_to) -> search.Filters:
    return search.Filters(
        text=text or "",
        categories=tuple(categories or ()),
        countries=tuple(countries or ()),
        actors=tuple(actors or ()),
        year_from=int(year_from) if year_from not in (None, "") else None,
        year_to=int(year_to) if year_to not in (None, "") else None,
    )


GRAPH_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def layout(registry: Registry, served: Served, search_string: str | None, uploaded: dict | None = None) -> html.Div:
    data, url_key = served.explore, served.url_key
    collection, passages = data.collection, data.passages
    filters, selected = urlstate.parse(search_string)
    if selected is not None and collection.event(selected) is None:
        selected = None
    view = compute_view(data, filters, None, selected)
    return html.Div(
        [
            html.Header(
                [
                    html.Div(
                        [
                            html.H1(collection.title),
                            html.P(_lede(collection), className="lede"),
                        ]
                    ),
                    html.Nav(
                        [
                            html.A(
                                "Present",
                                href=urlstate.href("/present", url_key),
                                className="nav-link",
                                title="Step through events as slides",
                            ),
                            *(
                                []
                                if collection.organisations.empty
                                else [
                                    html.A(
                                        "Glossary",
                                        href=urlstate.href("/glossary", url_key),
                                        className="nav-link",
                                        title="Organisations and people",
                                    )
                                ]
                            ),
                            html.A("Source text", href="#source", className="nav-link"),
                        ],
                        className="top-nav",
                        **{"aria-label": "Pages"},
                    ),
                ],
                className="page-header",
            ),
            collection_bar(registry.choices(), served, uploaded),
            filter_bar(collection, filters, view.count),
            html.Section(
                [
                    dcc.Graph(
                        id=ids.TIMELINE,
                        figure=view.timeline,
                        config=GRAPH_CONFIG,
                        className="timeline-graph",
                    ),
                    html.P(
                        [
                            html.Span("● ", className="key-dot"),
                            "a month or a day  ",
                            html.Span("▬ ", className="key-bar"),
                            "a year, decade or span  ",
                            html.Span("┅ ○ ", className="key-inferred"),
                            "date inferred from context  ",
                            html.Span("▇ ", className="key-era"),
                            "era. Drag to zoom, use the slider below to pan, double-click to reset.",
                        ],
                        className="key",
                    ),
                    figure_downloads(ids.TIMELINE, "timeline"),
                ],
                className="panel timeline-panel",
                **{"aria-label": "Timeline"},
            ),
            *_lineage_section(collection),
            html.Div(
                [
                    html.Section(
                        [
                            html.H2("Events"),
                            html.Div(view.listing, id=ids.EVENT_LIST, className="event-list"),
                            event_downloads(),
                        ],
                        className="panel list-panel",
                        **{"aria-label": "Event list"},
                    ),
                    html.Section(
                        [
                            html.H2("Map"),
                            dcc.Graph(
                                id=ids.MAP,
                                figure=view.map,
                                config={**GRAPH_CONFIG, "topojsonURL": get_asset_url("topojson/")},
                                className="map-graph",
                                style={"height": "430px"},
                            ),
                            html.P(
                                "Small dot: a city · pale disc: a region · ring: a whole country · "
                                "diamond: a place added by the editors, not named in the source. "
                                "Shaded: countries of the events in view.",
                                className="key",
                            ),
                            figure_downloads(ids.MAP, "map"),
                        ],
                        className="panel map-panel",
                        **{"aria-label": "Map"},
                    ),
                    html.Section(
                        detail_panel(collection, passages, selected),
                        id=ids.DETAIL,
                        className="panel detail-panel",
                        **{"aria-label": "Event detail", "aria-live": "polite"},
                    ),
                ],
                className="grid",
            ),
            html.Section(
                [
                    html.H2("Source text"),
                    html.P(
                        "Highlighted passages became events; click one to select its event. "
                        "Everything not highlighted was left out of the timeline.",
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
            dcc.Store(id=ids.SCROLL_SINK),
            # The view's query string. update_views writes it here, inside the page, not to the URL:
            # a callback with an output outside a page the router inserted runs when the page arrives.
            dcc.Store(id=ids.QUERY),
        ],
        className="explore",
    )


def _lede(collection: Collection) -> list:
    if collection.kind == "imported":
        return [
            collection.description,
            " ",
            html.Strong("No independent source: ", className="no-source"),
            "each event quotes the imported timeline's own text.",
        ]
    titles = ", ".join(source.title for source in collection.sources.values())
    return [collection.description, " Every event quotes its source: ", html.Em(titles), "."]


def lineage_view(collection: Collection, window: list[str] | None, selected: str | None) -> go.Figure:
    return lineage_figure(
        collection.organisations,
        collection.relations,
        collection.roles,
        selected,
        x_range=window,
        people=collection.people,
    )


def _lineage_section(collection: Collection) -> list:
    if collection.organisations.empty:
        # Empty stand-ins: the lineage callback listens to the chart, and Dash refuses a page without it.
        return [html.Div([dcc.Store(id=ids.LINEAGE), html.Div(id=ids.EXPLORE_LINEAGE_DETAIL)], hidden=True)]
    return [
        html.Section(
            [
                html.H2("Organisations and leaders"),
                dcc.Graph(id=ids.LINEAGE, figure=lineage_view(collection, None, None), config=GRAPH_CONFIG),
                html.P(
                    "Solid connectors: renamed, split, merged. Dashed: allegiance. Thin bars: leaders. "
                    "Click an organisation to see its events; click a connector or a leader for the source sentence.",
                    className="key",
                ),
                figure_downloads(ids.LINEAGE, "lineage"),
                html.Div(id=ids.EXPLORE_LINEAGE_DETAIL, className="lineage-detail", **{"aria-live": "polite"}),
            ],
            className="panel lineage-panel",
            **{"aria-label": "Organisations and leaders"},
        )
    ]


def register(app: Dash, registry: Registry) -> None:
    """The callbacks that own the explorer page: thin wrappers around the pure functions above.

    Each resolves the page's collection from its key (and, for a dropped file, the file this tab holds).
    """
    page = PAGE_STATE
    controls = [
        Input(ids.SEARCH, "value"),
        Input(ids.CATEGORY, "value"),
        Input(ids.COUNTRY, "value"),
        Input(ids.ACTOR, "value"),
        Input(ids.YEAR_FROM, "value"),
        Input(ids.YEAR_TO, "value"),
    ]

    @app.callback(
        Output(ids.WINDOW, "data"),
        Input(ids.TIMELINE, "relayoutData"),
        Input(ids.TIMELINE, "clickData"),
        prevent_initial_call=True,
    )
    def track_window(relayout, click):
        if ctx.triggered[0]["prop_id"].endswith(".clickData"):
            return window_from_density_click(click)
        try:
            return window_from_relayout(relayout)
        except LookupError:
            return no_update

    @app.callback(
        Output(ids.TIMELINE, "figure"),
        Output(ids.MAP, "figure"),
        Output(ids.EVENT_LIST, "children"),
        Output(ids.COUNT, "children"),
        Output(ids.QUERY, "data"),
        *controls,
        Input(ids.WINDOW, "data"),
        Input(ids.SELECTED, "data"),
        *page,
        prevent_initial_call=True,  # the router drew the page from the URL already
    )
    def update_views(text, categories, countries, actors, year_from, year_to, window, selected, key, uploaded):
        served = registry.get(key, uploaded)
        filters = filters_from_controls(text, categories, countries, actors, year_from, year_to)
        view = compute_view(served.explore, filters, window, selected)
        # A small timeline already shows what the user zoomed to; a large one must redraw its detail.
        zoom_only = ctx.triggered_id == ids.WINDOW and len(served.collection.events) <= DETAIL_LIMIT
        return (
            no_update if zoom_only else view.timeline,
            view.map,
            view.listing,
            view.count,
            no_update if zoom_only else urlstate.build(filters, selected, served.url_key),
        )

    @app.callback(
        Output(ids.SELECTED, "data"),
        Input(ids.TIMELINE, "clickData"),
        Input(ids.MAP, "clickData"),
        prevent_initial_call=True,
    )
    def select(timeline_click, map_click):
        # Clicks on list items and source passages set the store in the browser (assets/keyboard.js).
        click = timeline_click if ctx.triggered_id == ids.TIMELINE else map_click
        return clicked_event(click)

    @app.callback(
        Output(ids.DETAIL, "children"),
        Output(ids.SOURCE_READER, "children"),
        Input(ids.SELECTED, "data"),
        *page,
        prevent_initial_call=True,
    )
    def show_detail(selected, key, uploaded):
        served = registry.get(key, uploaded)
        collection, passages = served.collection, served.passages
        return detail_panel(collection, passages, selected), source_reader(collection, passages, selected)

    @app.callback(
        Output(ids.SEARCH, "value"),
        Output(ids.CATEGORY, "value"),
        Output(ids.COUNTRY, "value"),
        Output(ids.ACTOR, "value"),
        Output(ids.YEAR_FROM, "value"),
        Output(ids.YEAR_TO, "value"),
        Input(ids.CLEAR, "n_clicks"),
        prevent_initial_call=True,
    )
    def clear_filters(_clicks):
        return "", [], [], [], None, None

    @app.callback(
        Output(ids.LINEAGE, "figure"),
        Output(ids.EXPLORE_LINEAGE_DETAIL, "children"),
        Output(ids.SEARCH, "value", allow_duplicate=True),
        Input(ids.WINDOW, "data"),
        Input(ids.LINEAGE, "clickData"),
        *page,
        prevent_initial_call=True,
    )
    def update_lineage(window, click, key, uploaded):
        # The lineage follows the timeline's window; a click on it explains, and on a lane, filters.
        served = registry.get(key, uploaded)
        collection = served.collection
        if collection.organisations.empty:
            raise PreventUpdate
        item = clicked_item(click) if ctx.triggered[0]["prop_id"].endswith(".clickData") else None
        figure = lineage_view(collection, window, item[1] if item else None)
        if item is None:
            return figure, no_update, no_update
        search_for = no_update
        short_names = collection.organisations.set_index("id")["short_name"]
        if item[0] == "organisation" and item[1] in short_names.index:  # a click names any id it likes
            search_for = short_names[item[1]]
        return figure, item_detail(collection, item, served.url_key), search_for

    # One callback per format: Dash drops the answer of a callback fired again before it returned,
    # so one shared callback would lose the CSV when JSON is clicked right after it.
    for button, target, fmt in (
        (ids.DOWNLOAD_CSV, ids.DOWNLOAD, "csv"),
        (ids.DOWNLOAD_JSON, ids.DOWNLOAD_JSON_FILE, "json"),
    ):
        app.callback(
            Output(target, "data"),
            Input(button, "n_clicks"),
            *[State(control.component_id, control.component_property) for control in controls],
            State(ids.WINDOW, "data"),
            *page,
            prevent_initial_call=True,
        )(_downloader(registry, fmt))

    # Both outputs are inside the page, so the router's inserting it does not run this callback;
    # the browser copies an accepted file to the tab's store (assets/downloads.js).
    @app.callback(
        Output(ids.UPLOAD_ACCEPTED, "data"),
        Output(ids.UPLOAD_REPORT, "children"),
        Input(ids.UPLOAD_INPUT, "contents"),
        State(ids.UPLOAD_INPUT, "filename"),
        State(ids.COLLECTION, "data"),
        prevent_initial_call=True,
    )
    def receive_upload(contents, filename, key):
        if contents is None:
            raise PreventUpdate  # a re-drawn upload box fires with nothing in it
        try:
            name, raw = upload.decode_data_url(contents, filename)
            served = registry.read_upload(name, raw, key if key != upload.KEY else None)
        except CollectionError as error:
            return no_update, problem_list(error.problems)
        stored = {"name": name, "text": raw.decode("utf-8"), "base": key if key != upload.KEY else None}
        count = len(served.collection.events)
        accepted = {"file": stored, "goto": urlstate.href("/", upload.KEY)}
        return accepted, html.P(f"Read {count:,} events from {name}; opening them…", className="ok")

    app.clientside_callback(
        ClientsideFunction(namespace="timeline_upload", function_name="keep"),
        Output(ids.UPLOAD, "data"),
        Output(ids.UPLOAD_GOTO, "data"),
        Input(ids.UPLOAD_ACCEPTED, "data"),
    )

    app.clientside_callback(
        "function(query) { return query === undefined || query === null ? window.dash_clientside.no_update : query; }",
        Output(ids.URL, "search"),
        Input(ids.QUERY, "data"),
    )

    app.clientside_callback(
        ClientsideFunction(namespace="timeline_upload", function_name="open"),
        Output(ids.NAV_SINK, "data"),
        Input(ids.UPLOAD, "modified_timestamp"),
        State(ids.UPLOAD_GOTO, "data"),
        prevent_initial_call=True,
    )

    app.clientside_callback(
        "function(selected) { return window.timelineUI ? window.timelineUI.reveal(selected) : null; }",
        Output(ids.SCROLL_SINK, "data"),
        Input(ids.SELECTED, "data"),
        State(ids.EVENT_LIST, "id"),
        prevent_initial_call=True,
    )


def _downloader(registry: Registry, fmt: str):
    def download(_clicks, text, categories, countries, actors, year_from, year_to, window, key, uploaded):
        served = registry.get(key, uploaded)
        filters = filters_from_controls(text, categories, countries, actors, year_from, year_to)
        shown = events_shown(served.explore, filters, window)
        name = f"{served.collection.id}-events.{fmt}"
        if fmt == "json":
            return dcc.send_string(export.to_json(shown), name, type="application/json")
        return dcc.send_string(export.to_csv(shown), name, type="text/csv")

    return download


def clicked_event(click: dict | None):
    """The event id a plotly click landed on, or no_update for clicks on no event (a country, a density dot)."""
    try:
        event_id = click["points"][0]["customdata"][0]
    except (TypeError, KeyError, IndexError):
        return no_update
    return event_id if event_id else no_update


def window_from_density_click(click: dict | None):
    """A click on a density dot zooms to the bins around it; any other click leaves the window alone."""
    try:
        custom = click["points"][0]["customdata"]
    except (TypeError, KeyError, IndexError):
        return no_update
    if custom[0] is not None or len(custom) < 6:
        return no_update
    return [custom[4], custom[5]]
