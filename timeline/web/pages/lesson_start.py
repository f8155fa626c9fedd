"""Where a teacher who opens the builder first can start: one of the collection's lessons, or a search.

- The collection's lessons (lessons/*.yaml), each offered as a copy to edit: the button carries the lesson
  as a link's payload, which lesson.js opens like a shared link (checked by the server, the draft kept
  aside so it can come back).
- A search over the collection's events, answered by the server (GET /lesson/search), one request per
  search: the query module's folding and aliases over the explorer's haystack, and only the first
  MAX_FOUND events sent back, so a collection of 100,000 events never travels to the browser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from dash import html

from timeline import i18n
from timeline.formats.lessonlink import encode, lesson_data
from timeline.i18n import gettext as _
from timeline.i18n import ngettext
from timeline.i18n.words import number
from timeline.query import search
from timeline.web.lessonrequest import LessonIndex
from timeline.web.pages.explore_data import ExploreData

if TYPE_CHECKING:
    from timeline.load.collection import Collection
    from timeline.web.pages.registry import Served

SEARCH_PATH = "/lesson/search"
MAX_FOUND = 20  # results sent for one search: a teacher narrows a longer list with one more word
MAX_QUERY = 200  # characters of a search read at all


def starters(collection: Collection) -> html.Div | None:
    """The collection's lessons, each to start from as a copy (None where the collection has none)."""
    if not collection.lessons:
        return None
    lang = i18n.current()
    items = []
    for lesson in collection.lessons.values():
        count = len(lesson.slides)
        items.append(
            html.Li(
                [
                    html.Span(
                        [
                            html.Strong(lesson.text_in("title", lang), dir="auto"),
                            " " + ngettext("(%(n)s slide)", "(%(n)s slides)", count) % {"n": number(count)},
                        ],
                        className="lesson-starter-title",
                    ),
                    html.Button(
                        # Translators: a button beside one of the collection's lessons: a copy of it becomes
                        # the teacher's lesson, to edit.
                        _("Start from this lesson"),
                        type="button",
                        className="button",
                        **{"data-action": "start-from", "data-lesson-link": encode(lesson_data(lesson))},
                    ),
                ],
                className="lesson-starter",
            )
        )
    return html.Div(
        [
            html.H3(_("Start from one of this collection's lessons")),
            html.P(_("You get a copy to change: your changes stay in this browser."), className="muted"),
            html.Ul(items, className="lesson-starters"),
        ],
        className="lesson-start",
    )


def finder(field: html.Span) -> html.Section:
    """The search form (`field`: the builder's slot for its input) and the place for its results."""
    return html.Section(
        [
            html.H2(_("Find events to add")),
            html.Form(
                [
                    html.Label(
                        # Translators: the label of the builder's search box over the collection's events.
                        [html.Span(_("Words, a name or a year"), className="control-label"), field],
                        className="lesson-search-label",
                    ),
                    html.Button(_("Search"), type="submit", className="button"),
                ],
                className="lesson-search",
                role="search",
                **{"data-search": SEARCH_PATH},
            ),
            html.P(className="lesson-found-said", role="status", **{"aria-live": "polite"}),
            html.Ul(className="lesson-found", **{"aria-label": _("Events found")}),
        ],
        className="panel lesson-finder",
        **{"aria-label": _("Find events to add")},
    )


def search_answer(served: Served, text: str) -> dict:
    """The first MAX_FOUND events that match `text`, in the collection's order, as the builder shows them
    (date as written, title in the reader's language), and a sentence that says how many matched."""
    text = text[:MAX_QUERY]
    if not text.strip():
        return {"said": _("Type a word to look for."), "found": [], "events": {}}
    events = served.collection.events
    keep = search.matches(
        events, search.Filters(text=text), served.collection.aliases, served.derive(ExploreData.of).haystack
    )
    rows = np.flatnonzero(keep)
    found = events["id"].iloc[rows[:MAX_FOUND]].tolist()
    total = len(rows)
    if not total:
        said = _("No event matches “%(text)s”.") % {"text": text}
    else:
        said = ngettext("%(n)s event matches “%(text)s”.", "%(n)s events match “%(text)s”.", total) % {
            "n": number(total),
            "text": text,
        }
    if total > MAX_FOUND:
        said += " " + _("The first %(shown)s are shown: add a word to narrow the search.") % {
            "shown": number(MAX_FOUND)
        }
    return {"said": said, "found": found, "events": served.derive(LessonIndex.of).cards(found)}
