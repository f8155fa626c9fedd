"""A page that says what went wrong and offers the ways on: an unknown page, collection or lesson."""

from __future__ import annotations

from dash import html

from timeline.query import urlstate


def message_page(title: str, text: str | list, links: list[html.A]) -> html.Div:
    return html.Div([html.H1(title), html.P(text), html.Ul([html.Li(link) for link in links])], className="not-found")


def no_such_lesson(lesson_id: str, verb: str, choices: list[html.A], url_key: str | None) -> html.Div:
    """/present or /quiz named a lesson the collection lacks: its lessons, and the way back."""
    return html.Div(
        [
            html.H1("No such lesson"),
            html.P(["This collection has no lesson ", html.Code(lesson_id), f". {verb} one of these:"]),
            html.Ul([html.Li(choice) for choice in choices]),
            html.A("Back to the explorer", href=urlstate.href("/", url_key)),
        ],
        className="not-found",
    )
