"""The detail panel: one event, its dates in words, and its quote inside its source paragraph."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from dash import html

from timeline.core import dates
from timeline.load import sourcetext
from timeline.load.collection import Collection
from timeline.load.passages import Passages
from timeline.load.schema import CATEGORIES
from timeline.web.components import ids
from timeline.web.components.event_list import event_list

PRECISION_WORDS = {
    "day": "precise to the day",
    "month": "precise to the month",
    "year": "precise to the year",
    "decade": "precise to the decade",
    "century": "precise to the century",
    "range": "a span between two dates",
}


def place_panel(place: str, events: pd.DataFrame, link: Callable[[str], str] | None = None) -> list:
    """The events at one place of the map, as the list shows them: choosing one selects it."""
    return [
        html.H2(place, className="detail-title"),
        html.P(f"{len(events):,} events in view at this place. Choose one to read its source.", className="muted"),
        event_list(events, None, link),
    ]


def detail_panel(collection: Collection, passages: Passages, event_id: str | None) -> list:
    event = collection.event(event_id) if event_id else None
    if event is None:
        return [
            html.P(
                "Select an event on the timeline, the map or the list to read where it comes from.",
                className="empty-note",
            )
        ]
    normalised = dates.describe_with_basis(event["start"], event["end"], event["date_basis"])
    facts = [
        _fact("As written", f"“{event['date_text']}”"),
        _fact(
            "Date",
            [
                html.Span(normalised, className=f"basis basis-{event['date_basis']}"),
                html.Span(f" · EDTF {_edtf(event)} · {PRECISION_WORDS[event['precision']]}", className="muted"),
            ],
        ),
    ]
    if event["date_note"]:
        facts.append(_fact("How dated", event["date_note"]))
    facts.append(
        _fact("Category", html.Span(CATEGORIES[event["category"]], className=f"badge cat-{event['category']}"))
    )
    if event["actors"]:
        facts.append(_fact("Actors", ", ".join(event["actors"])))
    facts.append(_fact("Places", _places(event)))
    if event["place_note"]:
        facts.append(_fact("About the places", event["place_note"]))
    if event["fatalities_text"]:
        facts.append(_fact("Casualties", f"“{event['fatalities_text']}”"))
    return [
        html.H2(event["title"], className="detail-title"),
        html.Dl(facts, className="facts"),
        html.H3("Summary", className="detail-sub"),
        html.P(event["summary"], className="summary"),
        *_source_heading(collection),
        *_quote(collection, passages, event),
    ]


def _source_heading(collection: Collection) -> list:
    if collection.kind != "imported":
        return [html.H3("In the source", className="detail-sub")]
    return [
        html.H3("In the imported timeline", className="detail-sub"),
        html.P(
            [
                html.Strong("No source quote. ", className="no-source"),
                "This is the imported timeline's own text, not a sentence of an independent source.",
            ],
            className="muted",
        ),
    ]


def _edtf(event) -> str:
    return f"{event['start']}/{event['end']}" if event["end"] else event["start"]


def _fact(label: str, value) -> html.Div:
    return html.Div([html.Dt(label), html.Dd(value)], className="fact")


def _places(event) -> list | str:
    if not event["places"]:
        return "no place given in the source"
    parts = []
    for place in event["places"]:
        label = f"{place['name']} ({place['kind']}"
        label += ", added: not named in the source)" if place["added"] else ")"
        parts.append(html.Li(label, className="place added" if place["added"] else "place"))
    return html.Ul(parts, className="places")


def _quote(collection: Collection, passages: Passages, event) -> list:
    source = collection.sources[event["source"]]
    passage = passages.get(event["id"])
    if passage is None:
        return [html.Blockquote(event["quote"], className="quote")]
    paragraph = sourcetext.paragraph_at(source.text, passage.start)
    start, end = (paragraph.start, paragraph.end) if paragraph else (passage.start, passage.end)
    text = source.text
    sharing = [
        collection.event(eid)["title"]
        for eid, other in passages.in_source(passage.source).items()
        if eid != event["id"] and (other.source, other.start, other.end) == (passage.source, passage.start, passage.end)
    ]
    where = f", paragraph {paragraph.number}" if paragraph else ""
    parts = [
        html.Blockquote(
            [
                text[start : passage.start],
                html.Mark(text[passage.start : passage.end], className="quote-mark"),
                text[passage.end : end],
            ],
            className="quote",
        ),
        html.P(
            [
                f"— {source.title} ({source.kind}){where}. ",
                html.A("Show in the source text ↓", href=f"#{ids.passage_anchor(event['id'])}", className="to-source"),
            ],
            className="citation",
        ),
    ]
    if sharing:
        parts.append(html.P("The same sentences are also quoted for: " + "; ".join(sharing) + ".", className="muted"))
    return parts
