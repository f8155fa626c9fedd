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

from timeline.core.problems import CollectionError
from timeline.figures.lineage import clicked_item, lineage_figure
from timeline.figures.map import map_figure
from timeline.figures.theme import GRAPH_CONFIG
from timeline.figures.timeline import DETAIL_LIMIT, timeline_figure
from timeline.formats import export
from timeline.load.collection import Collection
from timeline.query import search, urlstate
from timeline.web import upload
from timeline.web.components import ids
from timeline.web.components.collection_bar import collection_bar, problem_list
from timeline.web.components.detail import detail_panel, place_panel
from timeline.web.components.downloads import event_downloads, figure_downloads
from timeline.web.components.event_list import event_list
from timeline.web.components.filters import filter_bar
from timeline.web.components.lineage_text import item_detail
from timeline.web.components.source_reader import source_reader
from timeline.web.pages.explore_data import ExploreData
from timeline.web.pages.state import PAGE_STATE

if TYPE_CHECKING:
    from timeline.web.pages.registry import Registry, Served


@dataclass(frozen=True)
class View:
    timeline: go.Figure
    map: go.Figure
    listing: html.Ol | html.P
    count: str

    @property
    def graph_style(self) -> dict:
        # Both graphs take their height before plotly draws (its code arrives after the page), so the page
        # does not move when they appear; the map is as tall as the timeline beside it.
        return {"height": f"{self.timeline.layout.height}px"}


def compute_view(
    data: ExploreData,
    filters: search.Filters,
    window: list[str] | None,
    selected: str | None,
    url_key: str | None = None,
) -> View:
    """Everything the filters, the timeline's visible window and the selection decide."""
    events = data.collection.events
    matching = search.apply(events, filters, data.collection.aliases, hay=data.haystack)
    visible = _in_window(matching, window)
    total = len(events)
    count = f"{len(visible)} of {total} events"
    if window:
        count += " in the zoomed time window"
    return View(
        timeline=(timeline := timeline_figure(matching, selected, x_range=window)),
        map=map_figure(visible, selected, place_rows=data.place_rows, height=timeline.layout.height),
        listing=event_list(visible, selected, lambda event_id: urlstate.build(filters, event_id, url_key)),
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


def layout(registry: Registry, served: Served, search_string: str | None, uploaded: dict | None = None) -> html.Div:
    data, url_key = served.explore, served.url_key
    collection, passages = data.collection, data.passages
    filters, selected = urlstate.parse(search_string)
    if selected is not None and collection.event(selected) is None:
        selected = None
    view = compute_view(data, filters, None, selected, url_key)
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
                    html.Div(
                        [
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
                            dcc.Graph(
                                id=ids.TIMELINE,
                                figure=view.timeline,
                                config=GRAPH_CONFIG,
                                className="timeline-graph",
                                style=view.graph_style,
                            ),
                            html.P(
                                [
                                    html.Span("● ", className="key-dot"),
                                    "month or day  ",
                                    html.Span("▬ ", className="key-bar"),
                                    "year, decade or span  ",
                                    *(
                                        [html.Span("▸ ", className="key-bar"), "still going  "]
                                        if collection.events["open_end"].any()
                                        else []
                                    ),
                                    html.Span("┅ ○ ", className="key-inferred"),
                                    "inferred date  ",
                                    html.Span("▇ ", className="key-era"),
                                    "era · drag to zoom, double-click to reset",
                                ],
                                className="key",
                            ),
                            figure_downloads(ids.TIMELINE, "timeline"),
                        ],
                        className="panel timeline-panel",
                        **{"aria-label": "Timeline"},
                    ),
                    html.Section(
                        [
                            dcc.Graph(
                                id=ids.MAP,
                                figure=view.map,
                                config={**GRAPH_CONFIG, "topojsonURL": get_asset_url("topojson/")},
                                className="map-graph",
                                style=view.graph_style,
                            ),
                            html.P(
                                "● city  ◍ region  ○ country  ◆ place added by the editors  "
                                "❷ several events: click to list them",
                                className="key",
                            ),
                            figure_downloads(ids.MAP, "map"),
                        ],
                        className="panel map-panel",
                        **{"aria-label": "Map"},
                    ),
                ],
                className="views",
            ),
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
                        detail_panel(collection, passages, selected),
                        id=ids.DETAIL,
                        className="panel detail-panel",
                        **{"aria-label": "Event detail", "aria-live": "polite"},
                    ),
                ],
                className="grid",
            ),
            *_lineage_section(collection),
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
        return []  # the lineage callbacks wait for components that never come: Dash leaves them idle
    return [
        html.Section(
            [
                html.H2("Organisations and leaders"),
                html.P(
                    "How the groups were renamed, split and merged, and who led them, on the timeline's time axis.",
                    className="muted",
                ),
                # Drawn on demand: the chart is most of the page's data and a third of its drawing time,
                # and it sits below the first screen (issue 12).
                html.Button("Show the chart", id=ids.LINEAGE_SHOW, n_clicks=0, className="button"),
                html.Div(id=ids.LINEAGE_BOX),
                html.Div(id=ids.EXPLORE_LINEAGE_DETAIL, className="lineage-detail", **{"aria-live": "polite"}),
            ],
            className="panel lineage-panel",
            **{"aria-label": "Organisations and leaders"},
        )
    ]


def lineage_chart(collection: Collection, window: list[str] | None) -> list:
    """The explorer's lineage chart, its key and its downloads, as shown when asked for."""
    return [
        dcc.Graph(id=ids.LINEAGE, figure=lineage_view(collection, window, None), config=GRAPH_CONFIG),
        html.P(
            "Solid connectors: renamed, split, merged. Dashed: allegiance. Thin bars: leaders. "
            "Click an organisation to see its events; click a connector or a leader for the source sentence.",
            className="key",
        ),
        figure_downloads(ids.LINEAGE, "lineage"),
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
        Output(ids.TIMELINE, "style"),
        Output(ids.MAP, "style"),
        *controls,
        Input(ids.WINDOW, "data"),
        State(ids.SELECTED, "data"),
        *page,
        prevent_initial_call=True,  # the page came drawn from the URL already
    )
    def update_views(text, categories, countries, actors, year_from, year_to, window, selected, key, uploaded):
        # A selection alone redraws nothing here: the browser moves the highlight (assets/keyboard.js).
        served = registry.get(key, uploaded)
        filters = filters_from_controls(text, categories, countries, actors, year_from, year_to)
        view = compute_view(served.explore, filters, window, selected, served.url_key)
        # A small timeline already shows what the user zoomed to; a large one must redraw its detail.
        zoom_only = ctx.triggered_id == ids.WINDOW and len(served.collection.events) <= DETAIL_LIMIT
        return (
            no_update if zoom_only else view.timeline,
            view.map,
            view.listing,
            view.count,
            no_update if zoom_only else urlstate.build(filters, selected, served.url_key),
            no_update if zoom_only else view.graph_style,
            view.graph_style,
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
        Output(ids.DETAIL, "children", allow_duplicate=True),
        Input(ids.MAP, "clickData"),
        *[State(control.component_id, control.component_property) for control in controls],
        State(ids.WINDOW, "data"),
        *page,
        prevent_initial_call=True,
    )
    def list_place(click, text, categories, countries, actors, year_from, year_to, window, key, uploaded):
        # A numbered marker stands for several events at one place: the detail panel lists them.
        place_id = clicked_place(click)
        if place_id is None:
            raise PreventUpdate
        served = registry.get(key, uploaded)
        filters = filters_from_controls(text, categories, countries, actors, year_from, year_to)
        panel = place_view(served.explore, filters, window, place_id, served.url_key)
        if panel is None:
            raise PreventUpdate
        return panel

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
        Output(ids.LINEAGE_BOX, "children"),
        Output(ids.LINEAGE_SHOW, "hidden"),
        Input(ids.LINEAGE_SHOW, "n_clicks"),
        Input(ids.WINDOW, "data"),
        *page,
        prevent_initial_call=True,
    )
    def show_lineage(shown, window, key, uploaded):
        # Drawn when asked for, then redrawn to follow the timeline's window (its labels are placed for it).
        # The chart is not in the page before that, so only components that are always there trigger this.
        if not shown:
            raise PreventUpdate
        return lineage_chart(registry.get(key, uploaded).collection, window), True

    @app.callback(
        Output(ids.LINEAGE, "figure"),
        Output(ids.EXPLORE_LINEAGE_DETAIL, "children"),
        Output(ids.SEARCH, "value", allow_duplicate=True),
        Input(ids.LINEAGE, "clickData"),
        State(ids.WINDOW, "data"),
        *page,
        prevent_initial_call=True,
    )
    def explain_lineage(click, window, key, uploaded):
        # A click on the chart explains what was clicked, and on an organisation's lane, filters by it.
        if not click:
            raise PreventUpdate  # the chart just arrived: Dash reports its empty clickData
        served = registry.get(key, uploaded)
        collection = served.collection
        item = clicked_item(click)
        if item is None:
            raise PreventUpdate
        search_for = no_update
        short_names = collection.organisations.set_index("id")["short_name"]
        if item[0] == "organisation" and item[1] in short_names.index:  # a click names any id it likes
            search_for = short_names[item[1]]
        figure = lineage_view(collection, window, item[1])
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
        "function(selected) { return window.timelineUI.select(selected); }",
        Output(ids.QUERY, "data", allow_duplicate=True),
        Input(ids.SELECTED, "data"),
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


def clicked_place(click: dict | None) -> str | None:
    """The place id of a numbered marker the click landed on, or None for any other click."""
    try:
        custom = click["points"][0]["customdata"]
    except (TypeError, KeyError, IndexError):
        return None
    if not isinstance(custom, list) or len(custom) < 5 or custom[0] is not None:
        return None
    return custom[4] if isinstance(custom[4], str) else None


def place_view(
    data: ExploreData, filters: search.Filters, window: list[str] | None, place_id: str, url_key: str | None = None
) -> list | None:
    """The detail panel for one place of the map (the events in view there); None for an unknown place."""
    shown = events_shown(data, filters, window)
    rows = data.place_rows[data.place_rows["place_id"] == place_id]
    if rows.empty:
        return None
    here = shown[shown["id"].isin(rows["event_id"])]
    first = rows.iloc[0]
    # Each item links to its event's view with the same filters, as in the list (a new tab keeps the view).
    return place_panel(
        f"{first['place']} ({first['place_kind']})", here, lambda event_id: urlstate.build(filters, event_id, url_key)
    )


def window_from_density_click(click: dict | None):
    """A click on a density dot zooms to the bins around it; any other click leaves the window alone."""
    try:
        custom = click["points"][0]["customdata"]
    except (TypeError, KeyError, IndexError):
        return no_update
    if custom[0] is not None or len(custom) < 6:
        return no_update
    return [custom[4], custom[5]]
