"""/present?shared=1 and /quiz?shared=1: the lesson a link carries, drawn once the page's script sends it.

The lesson is in the link's fragment (`#lesson=v1.…`, see formats/lessonlink.py), which a browser never
sends to a server. The page arrives with a placeholder; a clientside callback reads the fragment
(assets/lesson.js, timeline_lesson.fromHash) into a store, whose value reaches the server callback here in
a request body (a query string would break under gunicorn past 4094 bytes). The server validates it
against the page's collection as it would a lesson file (web/lessonrequest.py), and answers with the
slides or the quiz, or with what is wrong with the link. Nothing is kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import parse_qs

from dash import ClientsideFunction, Dash, Input, Output, State, dcc, html

from timeline.formats.deck import build_deck
from timeline.formats.lessonlink import LinkError, decode
from timeline.i18n import gettext as _
from timeline.query import urlstate
from timeline.web.components import ids
from timeline.web.lessonrequest import SHARED, LessonIndex, from_link, link_href, problem_texts
from timeline.web.pages.present import PresentPage, parse_search
from timeline.web.pages.quiz import quiz_page
from timeline.web.pages.state import PAGE_STATE

if TYPE_CHECKING:
    from timeline.web.pages.registry import Registry, Served


def is_shared(search: str | None) -> bool:
    return parse_qs((search or "").lstrip("?")).get(SHARED, [""])[0] == "1"


def placeholder(page: str) -> html.Div:
    """What /present or /quiz shows until the link's lesson is drawn (and, without scripts, for good)."""
    return html.Div(
        [
            html.P(_("Opening the lesson in this link…"), className="shared-wait"),
            html.Noscript(
                html.P(
                    _(
                        "This page needs JavaScript: the lesson travels in the end of its link (after #lesson=), "
                        "which only the page's own script can read."
                    )
                )
            ),
            dcc.Store(id=ids.SHARED_ASK, data=page),
            dcc.Store(id=ids.SHARED_LINK),
        ],
        id=ids.SHARED_PAGE,
        className="shared-page",
    )


def register(app: Dash, registry: Registry) -> None:
    app.clientside_callback(
        ClientsideFunction(namespace="timeline_lesson", function_name="fromHash"),
        Output(ids.SHARED_LINK, "data"),
        Input(ids.SHARED_ASK, "data"),
    )

    @app.callback(
        Output(ids.SHARED_PAGE, "children"),
        Input(ids.SHARED_LINK, "data"),
        State(ids.URL, "pathname"),
        State(ids.URL, "search"),
        *PAGE_STATE,
        prevent_initial_call=True,
    )
    def draw(payload, pathname, search, key, uploaded):
        served = registry.get(key, uploaded)
        lesson, problems = from_link(served.derive(LessonIndex.of), payload or "")
        quiz = (pathname or "").rstrip("/") == "/quiz"
        if lesson is None:
            return refusal(registry, served, problems, payload or "", "/quiz" if quiz else "/present", search)
        deck = build_deck(served.collection, lesson)
        if quiz:
            present = link_href("/present", served.url_key, payload)
            return quiz_page(served.collection, served.passages, deck, search, served.url_key, present)
        return served.derive(PresentPage.of).deck_page(deck, parse_search(search), search, payload)


def refusal(registry: Registry, served: Served, problems: list, payload: str, path: str, search: str | None) -> list:
    """What is wrong with the link, and the ways on: the collection the lesson was made for, where this server
    has it; the builder; the explorer."""
    links = []
    elsewhere = _made_for(registry, payload)
    if elsewhere is not None and elsewhere.key != served.key:
        speaker = parse_qs((search or "").lstrip("?")).get("speaker", [None])[0]
        links.append(
            html.A(
                _("Open it in the collection it was made for: %(collection)s")
                % {"collection": elsewhere.collection.title},
                href=link_href(path, elsewhere.url_key, payload, speaker=speaker),
            )
        )
    links.append(html.A(_("Build a lesson of your own"), href=urlstate.href("/lesson", served.url_key)))
    links.append(html.A(_("Back to the explorer"), href=urlstate.href("/", served.url_key)))
    return [
        html.Div(
            [
                html.H1(_("This link's lesson cannot be opened")),
                html.Ul([html.Li(text) for text in problem_texts(problems)], className="problems", role="alert"),
                html.P(_("Ask whoever sent it for the whole link, or for the lesson file.")),
                html.Ul([html.Li(link) for link in links]),
            ],
            className="not-found",
        )
    ]


def _made_for(registry: Registry, payload: str) -> Served | None:
    try:
        collection = decode(payload).get("collection")
        return registry.get(collection) if isinstance(collection, str) and collection else None
    except (LinkError, LookupError):  # unknown here, or a dropped file's key
        return None
