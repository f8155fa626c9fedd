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


def strip_layer(strip: Strip, deck: Deck, position: int | None) -> html.Div:
    """What every slide's strip shows alike: the eras, the collection's events (merged), the deck's events,
    those before `position` done. Once per deck, in the slide shown: assets/present.js copies it into the
    strip of the slide it shows and sets which are done, so the page does not grow with slides × events."""
    pieces: list = [html.Span(className="strip-era", style=_box(mark.left, mark.width)) for mark in strip.eras]
    pieces += [
        html.Span(className="strip-bg" + (" point" if not mark.width else ""), style=_box(mark.left, mark.width))
        for mark in strip.background
    ]
    for order, mark in enumerate(strip.marks(deck.events)):
        shape = "point" if not mark.width else "bar"
        state = "done" if position is not None and order < position else "todo"
        pieces.append(
            html.Span(
                className=f"strip-mark {shape} {state}", style=_box(mark.left, mark.width), **{"data-order": order}
            )
        )
    return html.Div(pieces, className="strip-layer")


def strip_view(strip: Strip, deck: Deck, position: int | None, layer: html.Div | None = None) -> html.Div:
    """A slide's progress strip: the whole story's time axis and this slide's event, largest; `layer`
    (strip_layer) on the slide shown, the rest of the deck on it."""
    pieces: list = [layer]
    if position is not None:
        event = deck.events.iloc[position]
        mark = strip.mark(event)
        # Near either end the label grows inwards, so it never runs under the Previous/Next buttons.
        align = " start" if mark.left < 15 else " end" if mark.left > 85 else ""
        shape = "point" if not mark.width else "bar"
        pieces += [
            html.Span(className=f"strip-mark {shape} current", style=_box(mark.left, mark.width)),
            html.Span(
                describe(event["start"], event["end"]), className="strip-label" + align, style={"left": f"{mark.left}%"}
            ),
        ]
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
            html.Div([piece for piece in pieces if piece is not None], className="strip-track"),
            html.Div(ticks, className="strip-axis crowded" if len(ticks) > PHONE_TICKS else "strip-axis"),
        ],
        className="slide-strip",
        role="img",
        **{"aria-label": where},
    )


def _box(left: float, width: float) -> dict:
    return {"left": f"{left}%", "width": f"{width}%"} if width else {"left": f"{left}%"}
