"""The whole source text with every passage that became an event highlighted."""

from __future__ import annotations

from html import escape

from dash import dcc, html

from timeline.i18n import gettext as _
from timeline.i18n.words import number
from timeline.load import sourcetext
from timeline.load.collection import Collection
from timeline.load.passages import Passages
from timeline.web.components import ids


def source_reader(collection: Collection, passages: Passages, selected: str | None) -> list:
    """The source of the selected event (the first source when none is selected), passages highlighted."""
    if not collection.sources:
        return [html.P(_("This collection has no source text."), className="empty-note")]
    chosen = passages.get(selected) if selected else None
    source = collection.sources[chosen.source] if chosen else next(iter(collection.sources.values()))
    spans = {eid: (p.start, p.end) for eid, p in passages.in_source(source.id).items()}
    quoted = collection.events[collection.events["id"].isin(list(spans))]
    titles = dict(zip(quoted["id"], quoted["title"], strict=True))
    blocks: list = []
    if len(collection.sources) > 1:
        blocks.append(
            html.P(
                _("One of %(n)s sources: the one the selected event quotes.") % {"n": number(len(collection.sources))},
                className="source-note",
            )
        )
    blocks.append(html.H3(source.title, className="source-title", dir="auto"))
    if source.kind or source.note:
        blocks.append(html.P(f"{source.kind}. {source.note}".strip(". "), className="source-note", dir="auto"))
    paragraphs = sourcetext.paragraphs(source.text)
    shown = _window(paragraphs, chosen.start if chosen else None) if len(spans) > PASSAGE_LIMIT else paragraphs
    if len(shown) < len(paragraphs):
        blocks.append(
            html.P(
                _(
                    "Paragraphs %(first)s–%(last)s of %(total)s, around the selected event's quote: this source is "
                    "too long to show whole. Select an event to read around its quote."
                )
                % {"first": shown[0].number, "last": shown[-1].number, "total": number(len(paragraphs))},
                className="source-note",
            )
        )
    # One block of HTML (every text escaped here), not a few Dash components per passage: the renderer
    # pays per component, on every selection. assets/keyboard.js selects on a click on a passage.
    html_paragraphs = "".join(
        f'<p id="{escape(source.id)}-para-{paragraph.number}" class="source-paragraph">'
        + "".join(
            _piece(source.text, piece, spans, titles, selected)
            for piece in sourcetext.segments(source.text, spans, paragraph.start, paragraph.end)
        )
        + "</p>"
        for paragraph in shown
    )
    blocks.append(dcc.Markdown(f'<div dir="auto">{html_paragraphs}</div>', dangerously_allow_html=True))
    return blocks


# Past this many highlighted passages a source is shown as a window of paragraphs: each passage is
# a few components, and Dash's renderer slows with every component on the page.
PASSAGE_LIMIT = 150
WINDOW = 6


def _window(paragraphs: list, offset: int | None) -> list:
    at = next((i for i, p in enumerate(paragraphs) if offset is not None and p.start <= offset < p.end), 0)
    first = max(0, at - WINDOW // 2)
    return paragraphs[first : first + WINDOW]


def _piece(text: str, piece: sourcetext.Segment, spans, titles, selected) -> str:
    # A newline inside a paragraph shows as a space anyway, and Markdown must not see one.
    words = _text(text[piece.start : piece.end])
    if not piece.event_ids:
        return words
    anchors = "".join(
        f'<span id="{escape(ids.passage_anchor(eid))}" class="anchor"></span>'
        for eid in piece.event_ids
        if spans[eid][0] == piece.start
    )
    css = "passage selected" if selected in piece.event_ids else "passage"
    title = _text(_("Quoted by: %(titles)s") % {"titles": "; ".join(titles[eid] for eid in piece.event_ids)})
    mark = (
        f'<mark class="{css}" title="{title}" tabindex="0" role="button" '
        f'data-event="{escape(piece.event_ids[0])}">{words}</mark>'
    )
    return f"<span>{anchors}{mark}</span>"


def _text(value: str) -> str:
    return escape(value).replace("\r", " ").replace("\n", " ")
