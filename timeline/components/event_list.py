"""The chronological list: the accessible twin of the graphs and the basis of printing."""

from __future__ import annotations

import pandas as pd
from dash import html

from .. import dates
from ..schema import CATEGORIES
from . import ids


def event_list(events: pd.DataFrame, selected: str | None) -> html.Ol | html.P:
    if events.empty:
        return html.P("No events match these filters. Clear a filter to see more.", className="empty-note")
    return html.Ol([_item(event, event.id == selected) for event in events.itertuples()], className="event-items")


def _item(event, is_selected: bool) -> html.Li:
    flags = []
    if event.date_basis != "stated":
        flags.append(html.Span(f"date {event.date_basis}", className=f"flag flag-{event.date_basis}"))
    if event.kind == "era":
        flags.append(html.Span("era", className="flag flag-era"))
    return html.Li(
        html.Button(
            [
                html.Span(dates.describe(event.start, event.end), className="item-date"),
                html.Span(event.title, className="item-title"),
                html.Span(
                    [html.Span(CATEGORIES[event.category], className=f"badge cat-{event.category}"), *flags],
                    className="item-meta",
                ),
            ],
            id={"type": ids.EVENT_ITEM, "id": event.id},
            className="event-item selected" if is_selected else "event-item",
            n_clicks=0,
            **{"aria-current": "true" if is_selected else "false", "data-event": event.id},
        )
    )
