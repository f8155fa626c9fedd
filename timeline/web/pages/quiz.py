"""The quiz page (/quiz?lesson=ID[&cards=N]): the lesson's events as cards to put in order.

The page is the quiz section the lesson file carries too (components/quiz.py),
run by assets/quiz.js in the browser: no callback, nothing sent to the server.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from dash import html

from timeline import i18n
from timeline.formats.deck import Deck, UnknownLesson, build_deck, limit_text
from timeline.formats.quiz import quiz_cards
from timeline.i18n import gettext as _
from timeline.load.collection import Collection
from timeline.load.passages import Passages
from timeline.query import urlstate
from timeline.web.components.language_switch import language_switch
from timeline.web.components.message import no_such_lesson
from timeline.web.components.quiz import quiz_section


def parse_search(search: str | None) -> tuple[str | None, int | None]:
    """'?lesson=gspc-to-jnim&cards=6' -> ('gspc-to-jnim', 6); a count that is not a number is ignored."""
    values = parse_qs((search or "").lstrip("?"))
    raw = values.get("cards", [""])[0]
    return values.get("lesson", [None])[0] or None, int(raw) if raw.isdigit() and int(raw) > 1 else None


def quiz_url(lesson: str | None, collection: str | None = None) -> str:
    return urlstate.href("/quiz", collection, lesson=lesson)


def layout(collection: Collection, passages: Passages, search: str | None, url_key: str | None) -> html.Div:
    lesson, _count = parse_search(search)
    try:
        deck = build_deck(collection, lesson, urlstate.parse(search)[0])
    except UnknownLesson as missing:
        return _no_such_lesson(collection, missing, url_key)
    # Without a lesson, the slides of the same events: the explorer's filters this quiz came with.
    present = (
        urlstate.href("/present", url_key, lesson=lesson)
        if lesson
        else "/present" + urlstate.build(deck.filters, None, url_key)
    )
    return quiz_page(collection, passages, deck, search, url_key, present)


def quiz_page(
    collection: Collection, passages: Passages, deck: Deck, search: str | None, url_key: str | None, present_href: str
) -> html.Div:
    """The quiz of `deck`, a lesson of the collection's or one that came in a link (web/pages/shared.py)."""
    _lesson, count = parse_search(search)
    cards = quiz_cards(collection, passages, deck, count)
    return html.Div(
        [
            html.Nav(
                [
                    html.A(_("Explorer"), href=urlstate.href("/", url_key)),
                    html.A(_("Present this lesson"), href=present_href),
                    language_switch("/quiz", search),
                ],
                className="quiz-links",
            ),
            html.P(limit_text(deck), className="quiz-limit", role="note") if deck.cut else None,
            quiz_section(deck.title, cards, salt=deck.lesson_id or ""),
        ],
        className="quiz-page",
    )


def _no_such_lesson(collection: Collection, missing: UnknownLesson, url_key: str | None) -> html.Div:
    choices = [
        html.A(item.text_in("title", i18n.current()), href=quiz_url(item.id, url_key))
        for item in collection.lessons.values()
    ]
    return no_such_lesson(
        missing.lesson_id,
        _("This collection has no lesson %(lesson)s. Take the quiz of one of these:"),
        choices,
        url_key,
    )
