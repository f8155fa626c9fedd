"""The explorer page's callbacks: thin wrappers that read the controls and call explore_view.

The page arrives fully drawn from the URL's state (explore_layout.layout), so callbacks only run when
the user changes something.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dash import ClientsideFunction, Dash, Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from timeline.core.problems import CollectionError
from timeline.figures.lineage import clicked_item
from timeline.figures.points import clicked_event, clicked_place, clicked_window
from timeline.figures.timeline import DETAIL_LIMIT, OPTIONAL_LAYOUT
from timeline.formats import export
from timeline.i18n import ngettext
from timeline.i18n.words import number
from timeline.query import urlstate
from timeline.web import screen, upload
from timeline.web.components import ids
from timeline.web.components.collection_bar import limit_message, problem_list
from timeline.web.components.detail import detail_panel
from timeline.web.components.filters import toggle_label
from timeline.web.components.lineage_text import item_detail
from timeline.web.components.source_reader import source_reader
from timeline.web.pages import explore_play
from timeline.web.pages.explore_data import ExploreData
from timeline.web.pages.explore_layout import layout, lineage_chart, phone_heights
from timeline.web.pages.explore_view import (
    compute_view,
    events_shown,
    figure_patch,
    filters_from_controls,
    lineage_view,
    place_view,
    window_from_relayout,
)
from timeline.web.pages.state import PAGE_STATE

if TYPE_CHECKING:
    from timeline.web.pages.registry import Registry

__all__ = ["layout", "phone_heights", "register"]


def register(app: Dash, registry: Registry) -> None:
    """The callbacks that own the explorer page: thin wrappers around the pure functions above.

    Each resolves the page's collection from its key (and, for a dropped file, the file this tab holds).
    """
    page = PAGE_STATE
    explore_play.register(app, registry)
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
            window = clicked_window(click)
            return no_update if window is None else window
        try:
            return window_from_relayout(relayout)
        except LookupError:
            return no_update

    @app.callback(
        Output(ids.TIMELINE, "figure"),
        Output(ids.MAP, "figure"),
        Output(ids.EVENT_ITEMS, "children"),
        Output(ids.COUNT, "children"),
        Output(ids.QUERY, "data"),
        Output(ids.TIMELINE, "style"),
        Output(ids.MAP, "style"),
        *controls,
        Input(ids.WINDOW, "data"),
        Input(ids.SCREEN, "data"),
        State(ids.SELECTED, "data"),
        *page,
        prevent_initial_call=True,  # the page came drawn from the URL already
    )
    def update_views(text, categories, countries, actors, year_from, year_to, window, phone, selected, key, uploaded):
        # A selection alone redraws nothing here: the browser moves the highlight (assets/keyboard.js).
        served = registry.get(key, uploaded)
        filters = filters_from_controls(text, categories, countries, actors, year_from, year_to)
        view = compute_view(
            served.derive(ExploreData.of), filters, window, selected, served.url_key, screen.parse(phone)
        )
        # A small timeline already shows what the user zoomed to; a large one must redraw its detail.
        zoom_only = ctx.triggered_id == ids.WINDOW and len(served.collection.events) <= DETAIL_LIMIT
        return (
            no_update if zoom_only else figure_patch(view.timeline, OPTIONAL_LAYOUT),
            figure_patch(view.map),
            view.listing_html,
            view.count,
            no_update if zoom_only else urlstate.build(filters, selected, served.url_key),
            no_update if zoom_only else view.graph_style,
            view.map_style,
        )

    @app.callback(Output(ids.FILTERS_TOGGLE, "children"), *controls, prevent_initial_call=True)
    def count_filters(text, categories, countries, actors, year_from, year_to):
        # The phone's Filters button says how many choices it hides (its words agree with the number).
        return toggle_label(filters_from_controls(text, categories, countries, actors, year_from, year_to))

    @app.callback(
        Output(ids.SELECTED, "data"),
        Input(ids.TIMELINE, "clickData"),
        Input(ids.MAP, "clickData"),
        prevent_initial_call=True,
    )
    def select(timeline_click, map_click):
        # Clicks on list items and source passages set the store in the browser (assets/keyboard.js).
        event_id = clicked_event(timeline_click if ctx.triggered_id == ids.TIMELINE else map_click)
        return no_update if event_id is None else event_id

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
        panel = place_view(served.derive(ExploreData.of), filters, window, place_id, served.url_key)
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
        base = key if key != upload.KEY else None
        try:
            name, raw = upload.decode_data_url(contents, filename)
            served = registry.read_upload(name, raw, base)
            stored = upload.for_tab(name, raw, base)
        except upload.OverLimit as error:
            return no_update, limit_message(error.message)
        except CollectionError as error:
            return no_update, problem_list(error.problems)
        count = len(served.collection.events)
        accepted = {"file": stored, "goto": urlstate.href("/", upload.KEY)}
        return accepted, html.P(
            ngettext(
                "Read %(n)s event from %(file)s; opening it…", "Read %(n)s events from %(file)s; opening them…", count
            )
            % {"n": number(count), "file": name},
            className="ok",
        )

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

    # Present shows the events in view: the view's query, less the selected event.
    app.clientside_callback(
        "function(query) { var q = new URLSearchParams(query || ''); q.delete('event'); q = q.toString();"
        " return '/present' + (q ? '?' + q : ''); }",
        Output(ids.EXPLORE_PRESENT, "href"),
        Input(ids.QUERY, "data"),
        prevent_initial_call=True,
    )

    app.clientside_callback(
        ClientsideFunction(namespace="timeline_upload", function_name="open"),
        Output(ids.NAV_SINK, "data"),
        Input(ids.UPLOAD, "modified_timestamp"),
        State(ids.UPLOAD_GOTO, "data"),
        prevent_initial_call=True,
    )

    # Enter sends the search at once; typing still waits for the box's debounce. (dcc.Input with a numeric
    # debounce only counts n_submit on Enter and sends its value when its timer ends; the timer's value is then
    # the one sent here, which Dash does not send twice.)
    app.clientside_callback(
        "function(_n, value) { var box = document.getElementById('" + ids.SEARCH + "');"
        " return box && box.value !== (value || '') ? box.value : window.dash_clientside.no_update; }",
        Output(ids.SEARCH, "value", allow_duplicate=True),
        Input(ids.SEARCH, "n_submit"),
        State(ids.SEARCH, "value"),
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
        shown = events_shown(served.derive(ExploreData.of), filters, window)
        name = f"{served.collection.id}-events.{fmt}"
        if fmt == "json":
            return dcc.send_string(export.to_json(shown), name, type="application/json")
        return dcc.send_string(export.to_csv(shown), name, type="text/csv")

    return download
