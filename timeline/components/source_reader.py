"""The whole source text with every passage that became an event highlighted."""

from __future__ import annotations

from dash import html

from .. import sourcetext
from ..collection import Collection
from ..passages import Passages
from . import ids


def source_reader(collection: Collection, passages: Passages, selected: str | None) -> list:
    """The source of the selected event (the first source when none is selected), passages highlighted."""
    if not collection.sources:
        return [html.P("This collection has no source text.", className="empty-note")]
    chosen = passages.get(selected) if selected else None
    source = collection.sources[chosen.source] if chosen else next(iter(collection.sources.values()))
    spans = {eid: (p.start, p.end) for eid, p in passages.in_source(source.id).items()}
    quoted = collection.events[collection.events["id"].isin(list(spans))]
    titles = dict(zip(quoted["id"], quoted["title"], strict=True))
    blocks: list = []
    if len(collection.sources) > 1:
        blocks.append(
            html.P(
                f"One of {len(collection.sources)} sources: the one the selected event quotes.", className="source-note"
            )
        )
    blocks.append(html.H3(source.title, className="source-title"))
    if source.kind or source.note:
        blocks.append(html.P(f"{source.kind}. {source.note}".strip(". "), className="source-note"))
    paragraphs = sourcetext.paragraphs(source.text)
    shown = _window(paragraphs, chosen.start if chosen else None) if len(spans) > PASSAGE_LIMIT else paragraphs
    if len(shown) < len(paragraphs):
        blocks.append(
            html.P(
                f"Paragraphs {shown[0].number}–{shown[-1].number} of {len(paragraphs)}, around the selected "
                "event's quote: this source is too long to show whole. Select an event to read around its quote.",
                className="source-note",
            )
        )
    for paragraph in shown:
        pieces = sourcetext.segments(source.text, spans, paragraph.start, paragraph.end)
        blocks.append(
            html.P(
                [_piece(source.text, piece, spans, titles, selected) for piece in pieces],
                id=f"{source.id}-para-{paragraph.number}",
                className="source-paragraph",
            )
        )
    return blocks


# Past this many highlighted passages a source is shown as a window of paragraphs: each passage is
# a few components, and Dash's renderer slows with every component on the page.
PASSAGE_LIMIT = 150
WINDOW = 6


def _window(paragraphs: list, offset: int | None) -> list:
    at = next((i for i, p in enumerate(paragraphs) if offset is not None and p.start <= offset < p.end), 0)
    first = max(0, at - WINDOW // 2)
    return paragraphs[first : first + WINDOW]


def _piece(text: str, piece: sourcetext.Segment, spans, titles, selected):
    words = text[piece.start : piece.end]
    if not piece.event_ids:
        return words
    anchors = [
        html.Span(id=ids.passage_anchor(eid), className="anchor")
        for eid in piece.event_ids
        if spans[eid][0] == piece.start
    ]
    is_selected = selected in piece.event_ids
    mark = html.Mark(
        words,
        className="passage selected" if is_selected else "passage",
        title="Quoted by: " + "; ".join(titles[eid] for eid in piece.event_ids),
        tabIndex=0,
        role="button",
        **{"data-event": piece.event_ids[0]},  # assets/keyboard.js selects it on click, as for list items
    )
    return html.Span([*anchors, mark])
