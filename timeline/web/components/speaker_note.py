"""What only the presenter sees under each slide (/present?speaker=1, and the lesson file behind N)."""

from __future__ import annotations

from dash import html

from timeline.formats.deck import Deck
from timeline.i18n import gettext as _
from timeline.web.components.slide import slide_attrs, slide_class


def speaker_note(deck: Deck, index: int, current: int) -> html.Div:
    """What only the presenter sees under slide `index`: the teacher's notes and the next slide's title."""
    notes = deck.notes[index - 1] if index > 0 else ""
    if index < len(deck.events):
        upcoming = html.Bdi(deck.events.iloc[index]["title"])
    else:
        upcoming = _("(end of the presentation)")
    return html.Div(
        [
            html.P(
                [
                    # Translators: before the teacher's notes of a slide.
                    html.Strong(_("Notes:") + " "),
                    html.Span(notes, dir="auto") if notes else _("no notes for this slide."),
                ],
                className="speaker-text",
            ),
            # Translators: before the title of the next slide, in the teacher's notes.
            html.P([html.Strong(_("Next:") + " "), upcoming], className="speaker-next"),
        ],
        className=slide_class("speaker-note", index, current),
        **slide_attrs(index, current),
    )
