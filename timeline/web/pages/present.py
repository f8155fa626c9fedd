"""The present page (/present): a lesson, or every event, as full-screen slides for a projector.

All slides are in the page from the start and assets/present.js switches
between them in the browser, so a key press never waits for the server. Only
the maps are deferred: drawing a geo map takes a noticeable moment each, so a
slide's map is drawn when the slide comes within a step or two of the one
shown (a clientside callback copies it from a store), never on the whole deck
at load.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import parse_qs

from dash import ALL, ClientsideFunction, Dash, Input, Output, State, dcc, html
from flask import Response, abort, request

from timeline import i18n
from timeline.figures.strip import Strip, strip_layout
from timeline.formats.deck import Deck, UnknownLesson, build_deck
from timeline.i18n import gettext as _
from timeline.load.collection import Collection
from timeline.load.passages import Passages
from timeline.query import urlstate
from timeline.query.search import Filters
from timeline.web import upload
from timeline.web.components import ids
from timeline.web.components.language_switch import language_switch
from timeline.web.components.message import no_such_lesson
from timeline.web.components.slide import (
    deck_slides,
    map_box,
    map_graph,
    nav_buttons,
    slide_figure,
    top_bar,
)
from timeline.web.components.speaker_note import speaker_note
from timeline.web.lessonfile import bundle_html, bundle_name
from timeline.web.lessonrequest import FILE_PATH, lesson_form, link_href
from timeline.web.pages.quiz import quiz_url

# Slides whose maps are drawn, around the one shown (the store hands the same window to present.js).
NEAR_BEFORE, NEAR_AFTER = 1, 2
DECKS_KEPT = 16  # decks whose list of figures is kept ready (each slide's figure is kept on its own anyway)
# Slides' figures kept (some 10 kB each): the explorer's filters in /present's URL make any deck of the
# collection's events, so without a bound a crawler walking filters would keep a figure per event.
FIGURES_KEPT = 1_000


@dataclass(frozen=True)
class PresentState:
    lesson: str | None
    slide: int
    speaker: bool
    filters: Filters = Filters()  # the explorer's (q, category, country, actor, from, to) for a deck without a lesson


def parse_search(search: str | None) -> PresentState:
    """'?lesson=gspc-to-jnim&slide=3&speaker=1' -> PresentState; anything unreadable falls back to the start.
    The explorer's filters in the same query choose the events of a deck without a lesson."""
    values = parse_qs((search or "").lstrip("?"))
    raw_slide = values.get("slide", ["0"])[0]
    slide = int(raw_slide) if raw_slide.isdigit() else 0
    speaker = values.get("speaker", [""])[0].lower() in ("1", "true", "yes", "on")
    return PresentState(values.get("lesson", [None])[0] or None, slide, speaker, urlstate.parse(search)[0])


def present_url(lesson: str | None, slide: int = 0, speaker: bool = False, collection: str | None = None) -> str:
    return urlstate.href(
        "/present", collection, lesson=lesson, slide=str(slide) if slide else None, speaker="1" if speaker else None
    )


def download_url(lesson: str | None, collection: str | None = None, filters: Filters | None = None) -> str:
    """The lesson file of this deck, made on request (register_download): a lesson's, or the explorer's view's."""
    if lesson is None and filters is not None and not filters.is_empty():
        return DOWNLOAD_PATH + urlstate.build(filters, None, collection)
    return urlstate.href(DOWNLOAD_PATH, collection, lesson=lesson)


DOWNLOAD_PATH = "/lesson-file"


def is_near(index: int, current: int) -> bool:
    return current - NEAR_BEFORE <= index <= current + NEAR_AFTER


class PresentPage:
    """The present page of one collection. The collection never changes once loaded, so each deck's
    map figures (the slow part of a slide) are built on its first visit in each language (their hover
    text is in the reader's language) and kept for the next."""

    @classmethod
    def of(cls, served) -> PresentPage:
        """The page of a served collection, kept by the registry: Served.derive(PresentPage.of)."""
        return cls(served.collection, served.passages, served.url_key)

    def __init__(self, collection: Collection, passages: Passages, url_key: str | None = None):
        self.collection = collection
        self.passages = passages
        self.url_key = url_key  # ?collection= in this page's links
        # Each slide's figure, by what it depends on: (event id, what it shows, language), ("intro", language)
        # for the overview of every event. A lesson from a link shares the figures of the lessons before it.
        self._figures: OrderedDict[tuple[str, ...], dict | None] = OrderedDict()
        self._decks: dict[tuple, list[dict | None]] = {}  # the list of each deck, the same list each time

    @cached_property
    def strip(self) -> Strip:
        # Built on the first visit to /present, not at start-up: it walks every event.
        return strip_layout(self.collection.events)

    def figures(self, deck: Deck) -> list[dict | None]:
        lang = i18n.current()
        keys = [("intro", lang) if deck.lesson_id is None else ("lesson-intro",)]
        keys += [(event_id, deck.show(position), lang) for position, event_id in enumerate(deck.events["id"])]
        whole = tuple(keys)
        if whole not in self._decks:
            for index, key in enumerate(keys):
                if key not in self._figures:
                    self._figures[key] = slide_figure(deck, index, self.collection)
                self._figures.move_to_end(key)
            self._decks[whole] = [self._figures[key] for key in keys]
            while len(self._figures) > FIGURES_KEPT:  # the least recently shown first
                self._figures.popitem(last=False)
            while len(self._decks) > DECKS_KEPT:  # lessons from links are any selection: keep the latest
                self._decks.pop(next(iter(self._decks)))
        return self._decks[whole]

    def _tools(self, deck: Deck, explorer_href: str, search: str | None, link: str | None = None) -> list:
        """The top bar's tools; `link`: the lesson came in a link (its payload), which its tools pass on."""
        tools = [language_switch("/present", search)]
        if link is not None:
            tools.append(
                lesson_form(FILE_PATH, link, self.url_key, _("Download this lesson as a file"), "present-tool")
            )
            quiz = link_href("/quiz", self.url_key, link)
        else:
            quiz = quiz_url(deck.lesson_id, self.url_key)
            if deck.lesson_id is None:  # the quiz of the same events: the explorer's filters this deck came with
                quiz = "/quiz" + urlstate.build(deck.filters, None, self.url_key)
            if self.url_key != upload.KEY:  # a dropped file lives in the browser tab: the server cannot bundle it
                tools.append(
                    html.A(
                        _("Download this lesson as a file"),
                        href=download_url(deck.lesson_id, self.url_key, deck.filters),
                        download=bundle_name(deck),
                        className="present-tool",
                        id=ids.PRESENT_DOWNLOAD,
                    )
                )
        tools.append(html.A(_("Quiz"), href=quiz, className="present-tool"))
        # Translators: the link back to the explorer; Esc is the key that does the same. Keep the key's name.
        tools.append(html.A(_("Explorer (Esc)"), id=ids.PRESENT_EXIT, href=explorer_href, className="present-tool"))
        return tools

    def layout(self, search_string: str | None) -> html.Div:
        state = parse_search(search_string)
        try:
            deck = build_deck(self.collection, state.lesson, state.filters)
        except UnknownLesson as missing:
            return _no_such_lesson(self.collection, missing, self.url_key)
        return self.deck_page(deck, state, search_string)

    def deck_page(self, deck: Deck, state: PresentState, search_string: str | None, link: str | None = None):
        """The slides of `deck`; `link` is the payload of the link the lesson came in, if it did."""
        count = len(deck.events) + 1  # the intro slide is slide 0
        current = min(state.slide, count - 1)
        graphs = {index: map_graph(index, figure) for index, figure in enumerate(self.figures(deck)) if figure}
        boxes = {index: map_box(index, graph if is_near(index, current) else None) for index, graph in graphs.items()}
        slides = deck_slides(self.collection, self.passages, deck, self.strip, current, boxes)
        notes = [speaker_note(deck, index, current) for index in range(count)] if state.speaker else None
        stored = {str(index): graph.to_plotly_json() for index, graph in graphs.items()}
        first = deck.events.iloc[current - 1]["id"] if current else None
        return html.Div(
            [
                top_bar(
                    deck,
                    current,
                    count,
                    self._tools(deck, urlstate.href("/", self.url_key, event=first), search_string, link),
                ),
                html.Div([*slides, *nav_buttons(current, count)], className="present-stage"),
                html.Aside(notes, className="speaker-panel", **{"aria-label": _("Speaker notes")}) if notes else None,
                dcc.Store(id=ids.PRESENT_SLIDE, data=current),
                dcc.Store(id=ids.PRESENT_MAPS, data={"near": [NEAR_BEFORE, NEAR_AFTER], "graphs": stored}),
            ],
            id=ids.PRESENT,
            className="present speaker" if state.speaker else "present",
            **{
                "data-current": str(current),
                "data-count": str(count),
                "data-lesson": deck.lesson_id or "",
                "data-collection": self.url_key or "",
            },
        )


def _no_such_lesson(collection: Collection, missing: UnknownLesson, url_key: str | None) -> html.Div:
    choices = [
        html.A(lesson.text_in("title", i18n.current()), href=present_url(lesson.id, collection=url_key))
        for lesson in collection.lessons.values()
    ]
    choices.append(html.A(_("Every event, in date order"), href=present_url(None, collection=url_key)))
    return no_such_lesson(
        missing.lesson_id, _("This collection has no lesson %(lesson)s. Present one of these:"), choices, url_key
    )


def register(app: Dash) -> None:
    """The one callback of the page (draw the maps of the slides near the one shown); returns the page."""
    app.clientside_callback(
        ClientsideFunction(namespace="present", function_name="fillMaps"),
        Output({"type": ids.PRESENT_MAP_BOX, "index": ALL}, "children"),
        Input(ids.PRESENT_SLIDE, "data"),
        State(ids.PRESENT_MAPS, "data"),
        State({"type": ids.PRESENT_MAP_BOX, "index": ALL}, "children"),
        prevent_initial_call=True,
    )


def register_download(app: Dash, collections) -> None:
    """GET /lesson-file?lesson=ID[&collection=KEY]: the lesson file (web/lessonfile.py), the same as `python -m timeline
    bundle` writes. Made in memory from the loaded collection: nothing is written to disk. `collections` is
    the app's Registry (a dropped file is not on the server, so it has no lesson file)."""

    @app.server.route(DOWNLOAD_PATH)
    def lesson_file():
        key = request.args.get("collection") or None
        if key == upload.KEY:
            abort(404)
        try:
            served = collections.get(key)
        except LookupError:
            abort(404)
        page = served.derive(PresentPage.of)
        try:
            filters = urlstate.parse(request.query_string.decode("utf-8", "replace"))[0]
            deck = build_deck(served.collection, request.args.get("lesson") or None, filters)
        except UnknownLesson:
            abort(404)
        text = bundle_html(
            served.collection, deck.lesson_id, served.passages, page.strip, page.figures(deck), deck.filters
        )
        return Response(
            text,
            mimetype="text/html",
            headers={"Content-Disposition": f'attachment; filename="{bundle_name(deck)}"'},
        )
