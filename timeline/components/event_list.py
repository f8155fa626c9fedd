"""The chronological list: the accessible twin of the graphs and the basis of printing."""

from __future__ import annotations

import pandas as pd
from dash import html

from .. import dates
from ..schema import CATEGORIES
from . import ids

# Dash's renderer slows with every component on the page (measured: ~5,000 components froze it
# for minutes), and a list of hundreds is useless to scroll; say what is left out instead.
LIMIT = 100


def event_list(events: pd.DataFrame, selected: str | None) -> html.Ol | html.P | html.Div:
    if events.empty:
        return html.P("No events match these filters. Clear a filter to see more.", className="empty-note")
    shown = events.head(LIMIT)
    if selected is not None and selected not in set(shown["id"]) and selected in set(events["id"]):
        shown = pd.concat([shown, events[events["id"] == selected]])
    items = html.Ol([_item(event, event.id == selected) for event in shown.itertuples()], className="event-items")
    if len(events) <= len(shown):
        return items
    return html.Div(
        [
            items,
            html.P(
                f"Showing the first {LIMIT:,} of {len(events):,} events in view. "
                "Filter, or zoom the timeline, to see the others.",
                className="empty-note list-more",
            ),
        ]
    )


def _item(event, is_selected: bool) -> html.Li:
    flags = []
    if event.date_basis != "stated":
        flags.append(html.Span(f"date {event.date_basis}", className=f"flag flag-{event.date_basis}"))
    if getattr(event, "status", "") == "draft":
        flags.append(html.Span("draft", className="flag flag-draft", title="Drafted by extract; not yet checked"))
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
