"""The detail panel: one event, its dates in words, and its quote inside its source paragraph."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from dash import html

from timeline import i18n
from timeline.i18n import gettext as _
from timeline.i18n import lazy_gettext, ngettext
from timeline.i18n.dates import describe_with_basis
from timeline.i18n.words import number
from timeline.load import sourcetext
from timeline.load.collection import Collection
from timeline.load.passages import Passages
from timeline.load.translations import translated
from timeline.load.vocabulary import category, place_words
from timeline.web.components import ids
from timeline.web.components.event_list import event_list
from timeline.web.components.lesson_controls import add_toggle

PRECISION_WORDS = {
    "day": lazy_gettext("precise to the day"),
    "month": lazy_gettext("precise to the month"),
    "year": lazy_gettext("precise to the year"),
    "decade": lazy_gettext("precise to the decade"),
    "century": lazy_gettext("precise to the century"),
    "range": lazy_gettext("a span between two dates"),
}


def place_panel(place: str, events: pd.DataFrame, link: Callable[[str], str] | None = None) -> list:
    """The events at one place of the map, as the list shows them: choosing one selects it."""
    return [
        html.H2(place, className="detail-title"),
        html.P(
            ngettext(
                "%(n)s event in view at this place. Choose it to read its source.",
                "%(n)s events in view at this place. Choose one to read its source.",
                len(events),
            )
            % {"n": number(len(events))},
            className="muted",
        ),
        event_list(events, None, link),
    ]


def detail_panel(collection: Collection, passages: Passages, event_id: str | None) -> list:
    event = collection.event(event_id) if event_id else None
    if event is None:
        return [
            html.P(
                _("Select an event on the timeline, the map or the list to read where it comes from."),
                className="empty-note",
            )
        ]
    normalised = describe_with_basis(event["start"], event["end"], event["date_basis"])
    facts = [
        _fact(_("As written"), html.Bdi(f"“{event['date_text']}”")),
        _fact(
            _("Date"),
            [
                html.Span(normalised, className=f"basis basis-{event['date_basis']}"),
                html.Span(
                    [" · EDTF ", html.Bdi(_edtf(event)), f" · {PRECISION_WORDS[event['precision']]}"], className="muted"
                ),
            ],
        ),
    ]
    if event["date_note"]:
        facts.append(_fact(_("How dated"), event["date_note"]))
    facts.append(
        _fact(_("Category"), html.Span(category(event["category"]), className=f"badge cat-{event['category']}"))
    )
    if event["actors"]:
        facts.append(_fact(_("Actors"), ", ".join(event["actors"])))
    facts.append(_fact(_("Places"), _places(event)))
    if event["place_note"]:
        facts.append(_fact(_("About the places"), event["place_note"]))
    if event["fatalities_text"]:
        facts.append(_fact(_("Casualties"), html.Bdi(f"“{event['fatalities_text']}”")))
    lang = i18n.current()
    title, title_translated = translated(event, "title", lang)
    summary, summary_translated = translated(event, "summary", lang)
    return [
        html.H2(title, className="detail-title", dir="auto"),
        add_toggle(collection.id, event["id"]),
        *_translation_note(event, title_translated or summary_translated),
        html.Dl(facts, className="facts"),
        html.H3(_("Summary"), className="detail-sub"),
        html.P(summary, className="summary", dir="auto"),
        *_source_heading(collection),
        *_quote(collection, passages, event),
    ]


def _translation_note(event, is_translation: bool) -> list:
    """A translated title or summary says so, and gives the source's own title; the quote is never translated."""
    if not is_translation:
        return []
    return [
        html.P(
            [
                html.Span(
                    _("Title and summary translated; the quote below is the source's own words."),
                    className="flag flag-translation",
                ),
                " ",
                html.Span(_("Original title:"), className="muted"),
                " ",
                html.Bdi(event["title"]),
            ],
            className="translation-note",
        )
    ]


def _source_heading(collection: Collection) -> list:
    if collection.kind != "imported":
        return [html.H3(_("In the source"), className="detail-sub")]
    return [
        html.H3(_("In the imported timeline"), className="detail-sub"),
        html.P(
            [
                html.Strong(_("No source quote.") + " ", className="no-source"),
                _("This is the imported timeline's own text, not a sentence of an independent source."),
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
        return _("no place given in the source")
    parts = []
    for place in event["places"]:
        label = place_words(place["name"], place["kind"], added=place["added"])
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
    if paragraph:
        citation = _("— %(source)s (%(kind)s), paragraph %(n)s.") % {
            "source": source.title,
            "kind": source.kind,
            "n": paragraph.number,
        }
    else:
        citation = _("— %(source)s (%(kind)s).") % {"source": source.title, "kind": source.kind}
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
                citation + " ",
                html.A(
                    _("Show in the source text ↓"), href=f"#{ids.passage_anchor(event['id'])}", className="to-source"
                ),
            ],
            className="citation",
        ),
    ]
    if sharing:
        parts.append(
            html.P(
                _("The same sentences are also quoted for: %(titles)s.") % {"titles": "; ".join(sharing)},
                className="muted",
            )
        )
    return parts
