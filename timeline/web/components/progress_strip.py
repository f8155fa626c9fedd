"""The progress strip under each slide: the whole collection's time axis, the deck's events on it, this
slide's event largest. Time runs left to right in every language (its marks are placed by left: N%).
"""

from __future__ import annotations

from dash import html

from timeline.figures.strip import Strip
from timeline.formats.deck import Deck
from timeline.i18n import gettext as _
from timeline.i18n.dates import describe

PHONE_TICKS = 6  # years under the strip a phone's width shows without crowding


def strip_view(strip: Strip, deck: Deck, position: int | None) -> html.Div:
    """The progress strip: the whole story's time axis, the deck's events on it, this slide's event largest."""
    pieces: list = [html.Span(className="strip-era", style=_box(mark.left, mark.width)) for mark in strip.eras]
    in_deck = set(deck.events["id"])
    pieces += [
        html.Span(className="strip-bg" + (" point" if not mark.width else ""), style=_box(mark.left, mark.width))
        for mark in strip.background
        if mark.event_id not in in_deck
    ]
    label = None
    for order, (_index, event) in enumerate(deck.events.iterrows()):
        mark = strip.mark(event)
        state = "done" if position is not None and order < position else "todo"
        if order == position:
            state = "current"
            # Near either end the label grows inwards, so it never runs under the Previous/Next buttons.
            align = " start" if mark.left < 15 else " end" if mark.left > 85 else ""
            label = html.Span(
                describe(event["start"], event["end"]), className="strip-label" + align, style={"left": f"{mark.left}%"}
            )
        shape = "point" if not mark.width else "bar"
        pieces.append(html.Span(className=f"strip-mark {shape} {state}", style=_box(mark.left, mark.width)))
    # Every other year is minor: a phone's strip (some 270 px at 390 px wide) holds six years apart, and at
    # 320 px three or four; present.css hides the minor ones where they would touch.
    ticks = [
        html.Span(text, className="strip-tick minor" if n % 2 else "strip-tick", style={"left": f"{left}%"})
        for n, (left, text) in enumerate(strip.ticks)
    ]
    if position is not None:
        # Translators: read by a screen reader for the strip under a slide: where the slide's event stands.
        where = _("Progress: slide %(index)s of %(count)s, on the time line of the whole collection") % {
            "index": position + 1,
            "count": len(deck.events),
        }
    else:
        # Translators: read by a screen reader for the strip under the first slide, which shows every event.
        where = _("Progress: overview, on the time line of the whole collection")
    return html.Div(
        [
            html.Div([*pieces, label], className="strip-track"),
            html.Div(ticks, className="strip-axis crowded" if len(ticks) > PHONE_TICKS else "strip-axis"),
        ],
        className="slide-strip",
        role="img",
        **{"aria-label": where},
    )


def _box(left: float, width: float) -> dict:
    return {"left": f"{left}%", "width": f"{width}%"} if width else {"left": f"{left}%"}
