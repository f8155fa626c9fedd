"""A page that says what went wrong and offers the ways on: an unknown page, collection or lesson."""

from __future__ import annotations

from dash import html

from timeline.i18n import gettext as _
from timeline.query import urlstate


def message_page(title: str, text: str | list, links: list[html.A]) -> html.Div:
    return html.Div([html.H1(title), html.P(text), html.Ul([html.Li(link) for link in links])], className="not-found")


def no_such_lesson(lesson_id: str, sentence: str, choices: list[html.A], url_key: str | None) -> html.Div:
    """/present or /quiz named a lesson the collection lacks: its lessons, and the way back.

    `sentence`: the whole translated sentence, with %(lesson)s where the lesson's id goes, so a translator
    sees it whole ('This collection has no lesson %(lesson)s. Present one of these:').
    """
    before, _lesson, after = sentence.partition("%(lesson)s")
    return html.Div(
        [
            html.H1(_("No such lesson")),
            html.P([before, html.Code(lesson_id), after]),
            html.Ul([html.Li(choice) for choice in choices]),
            html.A(_("Back to the explorer"), href=urlstate.href("/", url_key)),
        ],
        className="not-found",
    )
