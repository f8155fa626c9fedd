"""The explorer's view as pure functions: what the filters, the timeline's window and the selection show.

No Dash callback here: the callbacks (explore.py) read the controls, call these and send what they return.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from dash import Patch, dcc

from timeline import i18n
from timeline.figures import theme
from timeline.figures.lineage import lineage_figure
from timeline.figures.map import map_figure
from timeline.figures.timeline import timeline_figure
from timeline.i18n import ngettext
from timeline.i18n.words import number
from timeline.load.collection import Collection
from timeline.load.vocabulary import place_words
from timeline.query import search, urlstate
from timeline.web import screen
from timeline.web.components import ids
from timeline.web.components.detail import place_panel
from timeline.web.components.event_list import event_list_html
from timeline.web.pages.explore_data import ExploreData


@dataclass(frozen=True)
class View:
    timeline: dict  # plotly figures as plain data (figures/timeline.py, figures/map.py)
    map: dict
    listing_html: str  # the list as HTML text (components/event_list.py)
    count: str
    phone: int | None = None  # the phone's width class the timeline is laid out for (web/screen.py), if any

    @property
    def listing(self) -> dcc.Markdown:
        """The list as the page holds it; a filter then replaces only its text (ids.EVENT_ITEMS)."""
        return dcc.Markdown(
            self.listing_html, id=ids.EVENT_ITEMS, dangerously_allow_html=True, className="event-list-html"
        )

    @property
    def graph_style(self) -> dict:
        # Both graphs take their height before plotly draws (its code arrives after the page), so the page
        # does not move when they appear; the map is as tall as the timeline beside it. The desktop's figure
        # keeps its width on a phone (its box says it: components/graph_box.py); a phone's is laid out for the
        # phone's width, and says so over its box's when a desktop page turns into a phone's.
        height = {"height": f"{self.timeline['layout']['height']}px"}
        return {**height, "--graph-width": "0px"} if self.phone else height

    @property
    def map_style(self) -> dict:
        # The map's box is as tall as its figure (never shorter than the map's least height); the graph is drawn
        # to its box's size, so a phone's style sheet can give it the map's own shape instead.
        return {"height": f"{self.map['layout']['height']}px"}


def compute_view(
    data: ExploreData,
    filters: search.Filters,
    window: list[str] | None,
    selected: str | None,
    url_key: str | None = None,
    phone: int | None = None,
) -> View:
    """Everything the filters, the timeline's visible window and the selection decide; `phone` is the width
    class of the phone the timeline is laid out for (web/screen.py), None for the desktop's layout."""
    drawing = data.drawing(i18n.current())
    events = drawing.events
    # Which rows, not copies of them: the figures and the list draw from what `drawing` made once,
    # so a frame of ids is all they read (a 100,000-row frame of 30 columns costs to copy).
    keep = search.matches(events, filters, data.collection.aliases, hay=data.haystack)
    in_view = keep & search.window_matches(events, *_bounds(window))
    matching, visible = drawing.rows[keep], drawing.rows[in_view]
    total = len(events)
    # The noun agrees with the total ("1 of 1 event", "3 sur 22 événements").
    if window:
        count = ngettext(
            "%(shown)s of %(total)s event in the zoomed time window",
            "%(shown)s of %(total)s events in the zoomed time window",
            total,
        )
    else:
        count = ngettext("%(shown)s of %(total)s event", "%(shown)s of %(total)s events", total)
    count = count % {"shown": number(len(visible)), "total": number(total)}
    width = screen.plot_width(phone) if phone else None
    timeline = timeline_figure(matching, selected, x_range=window, drawn=drawing.timeline, width_px=width)
    return View(
        timeline=timeline,
        map=map_figure(visible, selected, height=timeline["layout"]["height"], places=drawing.places),
        listing_html=event_list_html(visible, selected, urlstate.event_links(filters, url_key), drawing.items),
        count=count,
        phone=phone,
    )


def phone_heights(data: ExploreData, filters: search.Filters) -> dict[int, int]:
    """The timeline's height on each phone's width class (web/screen.py), for the page's plain copy."""
    drawing = data.drawing(i18n.current())
    matching = drawing.rows[search.matches(drawing.events, filters, data.collection.aliases, hay=data.haystack)]
    return {
        phone: timeline_figure(matching, drawn=drawing.timeline, width_px=screen.plot_width(phone))["layout"]["height"]
        for phone in screen.CLASSES
    }


def figure_patch(figure: dict, optional: tuple[str, ...] = ()) -> dict:
    """What a filter answer sends for a figure the page already holds: its data and the layout that varies.

    The house style (theme.base_layout) and the map's frame never change on the explorer page, so they
    stay in the browser; the other layout keys are merged into the layout there (one operation: each
    operation costs some 60 bytes), and the `optional` keys the figure lacks are deleted (a timeline
    without eras has no shapes). Returned as Dash's wire form of a Patch (its
    to_plotly_json), so the answer stays plain data that Dash's JSON writes without its slow path.
    """
    patch = Patch()
    patch["data"] = figure["data"]
    layout = figure["layout"]
    patch["layout"].update({key: value for key, value in layout.items() if key not in _KEPT})  # one Merge
    for key in optional:
        if key not in layout:
            del patch["layout"][key]
    return patch.to_plotly_json()


_KEPT = {*theme.base_layout(), "geo"}


def events_shown(
    data: ExploreData, filters: search.Filters, window: list[str] | None, lang: str | None = None
) -> pd.DataFrame:
    """The events the list and the map show: matching the filters and inside the timeline's window.

    With `lang`, as a reader of it sees them (translated titles); without, the collection's own words (downloads).
    """
    events = data.events_in(lang) if lang else data.collection.events
    return _in_window(search.apply(events, filters, data.collection.aliases, hay=data.haystack), window)


def _in_window(events: pd.DataFrame, window: list[str] | None) -> pd.DataFrame:
    return search.in_window(events, *_bounds(window))


def _bounds(window: list[str] | None) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    return (pd.Timestamp(window[0]), pd.Timestamp(window[1])) if window else (None, None)


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


def place_view(
    data: ExploreData, filters: search.Filters, window: list[str] | None, place_id: str, url_key: str | None = None
) -> list | None:
    """The detail panel for one place of the map (the events in view there); None for an unknown place."""
    shown = events_shown(data, filters, window, i18n.current())
    rows = data.place_rows[data.place_rows["place_id"] == place_id]
    if rows.empty:
        return None
    here = shown[shown["id"].isin(rows["event_id"])]
    first = rows.iloc[0]
    # Each item links to its event's view with the same filters, as in the list (a new tab keeps the view).
    return place_panel(
        place_words(first["place"], first["place_kind"]),
        here,
        lambda event_id: urlstate.build(filters, event_id, url_key),
    )


def lineage_view(collection: Collection, window: list[str] | None, selected: str | None) -> go.Figure:
    return lineage_figure(
        collection.organisations,
        collection.relations,
        collection.roles,
        selected,
        x_range=window,
        people=collection.people,
    )
