"""The play bar under the explorer's timeline, and the play button of a slide's map: what assets/play.js drives.

The controls are real buttons: play (`data-action="play"`, a toggle with aria-pressed: pressed while it
plays), one stop back and forward, slower and faster, a range input to drag the moment, and a button that
leaves the play and shows every event again. `data-play-at` names the moment shown; the running count
("9 events by 2012") sits beside it. Both change every stop, so neither is a live region: a separate,
visually hidden status says the moment when the play pauses or steps, not on every frame.

Everything play.js writes comes from here or from the play data (figures/play.py), in the reader's
language: the speeds' names and the sentences in `data-play-text` (the quiz's are in its `data-text`).
"""

from __future__ import annotations

import json

from dash import dcc, html

from timeline import i18n
from timeline.i18n import gettext as _
from timeline.i18n.words import number
from timeline.query.urlstate import SPEEDS, Play
from timeline.web.components import ids


def play_text() -> dict:
    """The sentences play.js writes, in the current language ({count} is the running count)."""
    return {
        # Translators: said by a screen reader when the play pauses: 'Paused: 9 events by 2012'.
        "paused": _("Paused: %(count)s") % {"count": "{count}"},
        # Translators: said by a screen reader when the play reaches its last moment.
        "ended": _("End: %(count)s") % {"count": "{count}"},
        # Translators: while the play's data comes from the server, after Play was pressed.
        "loading": _("Getting the events ready…"),
        "empty": _("No events to play: clear a filter."),
    }


def speed_names() -> list[list]:
    """[[stops per second, its name], ...]: '×0.5', '×1', '×2' (French '×0,5')."""
    return [[speed, "×" + number(speed)] for speed in SPEEDS]


def _button(action: str, symbol: str, label: str, **extra) -> html.Button:
    # The icons are drawn by play.css (the media-control glyphs are missing from common fonts); `symbol` is
    # a fallback for text-only rendering.
    return html.Button(
        html.Span(symbol, className="play-icon", **{"aria-hidden": "true"}),
        className=f"play-control play-{action}",
        title=label,
        type="button",
        **{"data-action": action, "aria-label": label},
        **extra,
    )


def play_bar(state: Play, data: dict | None = None) -> html.Div:
    """The explorer's play bar; `data` (figures/play.py) is there when the URL names a moment, so the page
    opens paused at it with no request."""
    start = data.get("start") if data else None
    name = data["names"][start] if start is not None else ""
    count = data["counts"][start] if start is not None else ""
    stops = len(data["names"]) if data else 1
    return html.Div(
        [
            # Translators: the play button's name (a toggle: pressed while the chronology plays). Space and K
            # are the keys that do the same when the timeline has the focus.
            _button("play", "▶", _("Play through time"), **{"aria-pressed": "false", "aria-keyshortcuts": "K Space"}),
            _button("step-back", "◀", _("One step back")),
            _button("step-forward", "▶", _("One step forward")),
            html.Label(_("Moment shown"), htmlFor=ids.PLAY_RANGE, className="play-sr"),
            dcc.Input(
                id=ids.PLAY_RANGE,
                type="range",
                min=0,
                max=max(stops - 1, 0),
                step=1,
                value=start or 0,
                className="play-range",
            ),
            html.Span(
                [
                    html.Strong(name, className="play-at", **{"data-play-at": name}),
                    # The bar runs left to right, as time does; its sentences run the reader's way.
                    html.Span(count, className="play-count", dir="auto"),
                ],
                className="play-readout",
            ),
            html.Span(
                [
                    _button("slower", "−", _("Slower")),
                    html.Span("×" + number(state.speed), className="play-speed"),
                    _button("faster", "+", _("Faster")),
                ],
                className="play-speeds",
            ),
            # Translators: leaves the play: the map and the list show every event again.
            html.Button(_("Show all"), className="play-control play-exit", type="button", **{"data-action": "exit"}),
            html.P(
                [
                    html.Span("●", className="play-key-now", **{"aria-hidden": "true"}),
                    " " + _("of this moment") + "  ",
                    html.Span("◎", className="play-key-loose", **{"aria-hidden": "true"}),
                    " " + _("date inferred, approximate or uncertain") + "  ",
                    html.Span("●", className="play-key-earlier", **{"aria-hidden": "true"}),
                    " " + _("earlier"),
                ],
                className="play-key",
                dir=i18n.direction(),
            ),
            html.P(className="play-sr play-status", role="status", **{"aria-live": "polite"}),
            dcc.Store(id=ids.PLAY_REQUEST),
            dcc.Store(id=ids.PLAY_DATA, **({"data": data} if data else {})),
            dcc.Store(id=ids.PLAY_SINK),
        ],
        id=ids.PLAY_BAR,
        className="play-bar",
        role="group",
        **{
            # Translators: the name of the group of play controls under the timeline.
            "aria-label": _("Play the chronology through time"),
            "data-speed": f"{state.speed:g}",
            # Translators: the timeline's name for a screen reader once play.js makes it focusable; keep the keys.
            "data-timeline-label": _("Timeline: K or Space plays and pauses, ← and → step through time"),
            "data-speeds": json.dumps(speed_names(), ensure_ascii=False),
            "data-play-text": json.dumps(play_text(), ensure_ascii=False, separators=(",", ":")),
        },
    )


def slide_play_button(data: dict, speed: float) -> html.Div:
    """A slide map's play control: it plays `data` (figures/play.py) on the slide's map at `speed` stops a second
    (components/slide_play.py says what it plays)."""
    first, last = data["names"][0], data["names"][-1]
    return html.Div(
        [
            html.Button(
                [html.Span("▶", className="play-icon", **{"aria-hidden": "true"}), " ", _("Play")],
                className="play-control play-slide",
                type="button",
                # Translators: the title of a slide map's play button: 'Play from 2015 to 2017 on the map'.
                title=_("Play from %(start)s to %(end)s on the map") % {"start": first, "end": last},
                **{
                    "data-action": "play-slide",
                    "aria-pressed": "false",
                    "data-play": json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                },
            ),
            html.Span(
                [
                    html.Strong(first, className="play-at", **{"data-play-at": first}),
                    " ",
                    # Translators: after the moment a slide's map shows while it plays, the last one: '2012 → 2015'.
                    html.Span(_("→ %(moment)s") % {"moment": last}, className="play-to"),
                    " ",
                    html.Span("", className="play-count", dir="auto"),
                ],
                className="play-readout",
            ),
            html.P(className="play-sr play-status", role="status", **{"aria-live": "polite"}),
        ],
        className="slide-play",
        **{
            "data-speed": f"{speed:g}",
            "data-play-text": json.dumps(play_text(), ensure_ascii=False, separators=(",", ":")),
        },
    )
