"""In class: a slide's map plays the lesson's period from the previous slide's moment to this one's.

The play is the lesson's own events (the deck), through the stops from the moment of the previous slide's
event (its earliest day) to this slide's, year by year, or month by month when both dates are given to the
month or the day and are under four years apart (query/moments.py). Its data is small and travels in the slide's button
(`data-play`), so /present and the lesson file play it alike, with no server: assets/play.js draws it on
the slide's map, framed to take in every place it shows, and the map is the slide's own again when the
slide changes. A slide gets no play when its event is not later than the previous one (a lesson need
not run in date order) or when they share a stop.
"""

from __future__ import annotations

import pandas as pd
from dash import html

from timeline.figures.play import play_data
from timeline.formats.deck import Deck
from timeline.query.moments import stops_between
from timeline.web.components.play_bar import slide_play_button

SLIDE_SPEED = 2  # stops per second: a period between two slides plays in a few seconds
FINE = ("day", "month")


def slide_play(deck: Deck, position: int) -> html.Div | None:
    """The play control of the map of slide `position + 1`, or None when there is nothing to play."""
    if position < 1:
        return None
    previous, event = deck.events.iloc[position - 1], deck.events.iloc[position]
    start, end = previous["earliest"], event["earliest"]
    if end <= start:
        return None
    # Month by month only between two dates the source gives to the month: between "2011" and "2012" a
    # month-by-month play would name months neither date has.
    fine = previous["precision"] in FINE and event["precision"] in FINE
    stops = stops_between(start.to_datetime64(), end.to_datetime64(), None if fine else "year")
    if len(stops) < 2:
        return None
    # The lesson's events begun by the end of the last stop: earlier ones show faded, later ones never.
    last = pd.Timestamp(stops.edges[-1])
    events = deck.events[deck.events["earliest"] < last]
    data = play_data(events, stops, listed=0)
    if not data["places"]:
        return None
    return slide_play_button(data, SLIDE_SPEED)
