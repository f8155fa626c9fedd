"""Playing the explorer's chronology through time (issue 25): the play bar's data and its one callback.

How it runs. Pressing play makes assets/play.js raise the PLAY_REQUEST store; `send_play_data` answers once
with the play data of the view (figures/play.py) for the same events the list and the map show (the filters,
the search and the zoomed window: explore_view.events_shown), and from then on every frame is drawn in the
browser: no request per frame, so a class of thirty pressing play costs thirty requests, not thirty a
second. The data is aggregated per place and per stop, so 100,000 events play like 22. A change of a
filter or of the window makes the data stale: play.js leaves the play and asks again on the next press.

While it plays, play.js hides the map's own markers and country shading and adds three traces of its
own (countries by the moment, earlier places faded, places of the moment), and puts the moment on the
timeline as a band over the whole stop (a layout shape) with, unless the reader asks for reduced motion,
a play head gliding through it. These change through Plotly.update, which Dash does not listen to: a
relayout would send the timeline's relayoutData to the server on every frame. Leaving the play restores
the figures as they were.

Motion. By default the moment advances one stop every 1/speed seconds with the play head gliding. With
prefers-reduced-motion it moves in steps: no play head, nothing glides, and each stop stays at least
REDUCED_HOLD_S seconds (play.js: REDUCED_HOLD_MS); step, drag and pause work the same.

The URL holds the moment and the speed (`?at=2012&speed=2`, query/urlstate.py), written by play.js with
history.replaceState when the play pauses, steps or ends (not at every stop: it costs ~10 ms); a link with
`at` opens paused there, its data already in the page (`play_section`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dash import ClientsideFunction, Dash, Input, Output, State
from dash.exceptions import PreventUpdate

from timeline import i18n
from timeline.figures.play import play_data
from timeline.query import search, urlstate
from timeline.query.moments import play_stops
from timeline.web.components import ids
from timeline.web.components.event_list import LIMIT
from timeline.web.components.play_bar import play_bar
from timeline.web.pages.explore_data import ExploreData
from timeline.web.pages.explore_view import events_shown, filters_from_controls
from timeline.web.pages.state import FILTER_CONTROLS, PAGE_STATE

if TYPE_CHECKING:
    from timeline.web.pages.registry import Registry

REDUCED_HOLD_S = 2.5


def play_payload(
    data: ExploreData, filters: search.Filters, window: list[str] | None, at: str | None = None, request: int = 0
) -> dict:
    """The play data of the view: the events the list shows, through the stops of their extent in the window.

    `start` is the stop holding `at` (the URL's moment), else 0; `request` echoes the request it answers,
    so play.js tells a new answer from the same data seen again.
    """
    lang = i18n.current()
    shown = events_shown(data, filters, window, lang)
    stops = play_stops(shown, window)
    payload = play_data(shown, stops, data.place_rows_in(lang), listed=LIMIT)
    payload["start"] = (stops.index_of(at) or 0) if len(stops) else None
    payload["request"] = request
    return payload


def play_section(data: ExploreData, filters: search.Filters, search_string: str | None):
    """The play bar for the explorer's layout; with the URL's moment (`?at=`), its data too."""
    state = urlstate.play(search_string)
    payload = play_payload(data, filters, None, state.at) if state.at else None
    return play_bar(state, payload if payload and payload["start"] is not None else None)


def register(app: Dash, registry: Registry) -> None:
    """The play's one server callback (its data, once per press on a new view) and the hand-over to play.js."""

    @app.callback(
        Output(ids.PLAY_DATA, "data"),
        Input(ids.PLAY_REQUEST, "data"),
        *(State(*control) for control in FILTER_CONTROLS),
        State(ids.WINDOW, "data"),
        *PAGE_STATE,
        prevent_initial_call=True,
    )
    def send_play_data(request, text, categories, countries, actors, year_from, year_to, window, key, uploaded):
        if request is None:
            raise PreventUpdate
        served = registry.get(key, uploaded)
        filters = filters_from_controls(text, categories, countries, actors, year_from, year_to)
        return play_payload(served.derive(ExploreData.of), filters, window, request=request)

    # The data goes to play.js; a change of the view (the same controls, the window) makes it stale.
    app.clientside_callback(
        ClientsideFunction(namespace="timeline_play", function_name="receive"),
        Output(ids.PLAY_SINK, "data"),
        Input(ids.PLAY_DATA, "data"),
        *(Input(*control) for control in FILTER_CONTROLS),
        Input(ids.WINDOW, "data"),
    )
