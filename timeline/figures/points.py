"""What each point of the timeline and the map carries (plotly's customdata), and how a click is read back.

One layout for both figures, named here, so the figures that write a point and the callbacks that read a
click agree by name rather than by position. A point is a list (plotly wants an array):

    [event id or None, heading, line, note, target, target end]

`target` is what a click on a point that is not one event leads to: a place id (a numbered marker on the
map) or, with `target end`, the time window around a density dot.
"""

from __future__ import annotations

EVENT, HEADING, LINE, NOTE, TARGET, TARGET_END = range(6)

# The hover box: the heading bold, then the line and the note; plotly's trace name box left out.
HOVER = "<b>%{customdata[1]}</b><br>%{customdata[2]}<br><i>%{customdata[3]}</i><extra></extra>"
HOVER_PLAIN_NOTE = "<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}<extra></extra>"


def point(event_id: str | None, heading: str, line: str, note: str, *target: str) -> list:
    """One point's customdata; the texts must already be escaped for plotly (figures/plotly_text.py)."""
    return [event_id, heading, line, note, *target]


def _clicked(click: dict | None) -> list | None:
    try:
        custom = click["points"][0]["customdata"]
    except (TypeError, KeyError, IndexError):
        return None
    return custom if isinstance(custom, list) and custom else None


def clicked_event(click: dict | None) -> str | None:
    """The event a click landed on; None for a click on no single event (a country, a cluster, a density dot)."""
    custom = _clicked(click)
    event_id = custom[EVENT] if custom else None
    return event_id if isinstance(event_id, str) and event_id else None


def clicked_place(click: dict | None) -> str | None:
    """The place id of a numbered marker a click landed on; None for any other click."""
    custom = _clicked(click)
    if custom is None or custom[EVENT] is not None or len(custom) <= TARGET:
        return None
    return custom[TARGET] if isinstance(custom[TARGET], str) else None


def clicked_window(click: dict | None) -> list[str] | None:
    """The time window a density dot stands for; None for any other click."""
    custom = _clicked(click)
    if custom is None or custom[EVENT] is not None or len(custom) <= TARGET_END:
        return None
    start, end = custom[TARGET], custom[TARGET_END]
    return [start, end] if isinstance(start, str) and isinstance(end, str) else None
