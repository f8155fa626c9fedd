"""The chronological list: the accessible twin of the graphs and the basis of printing.

It is sent as one block of HTML (every text escaped here) rather than as Dash
components: Dash's renderer pays per component, and a hundred items of five
components each cost seconds on every filter change (see bench/README.md).
assets/keyboard.js turns a click on an item into the selection.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from urllib.parse import urlencode

import numpy as np
import pandas as pd
from dash import dcc, html

from timeline import i18n
from timeline.figures import subset
from timeline.i18n import gettext as _
from timeline.i18n import lazy_gettext
from timeline.i18n.dates import describe
from timeline.i18n.words import number
from timeline.load.vocabulary import category

# The flag on an item whose date the source does not state outright.
BASIS_FLAGS = {"derived": lazy_gettext("date derived"), "inferred": lazy_gettext("date inferred")}

# A list of hundreds is useless to scroll, and costs the browser; say what is left out instead.
LIMIT = 100
EMPTY_NOTE = lazy_gettext("No events match these filters. Clear a filter to see more.")


class ItemBodies:
    """Each event's list item inside its link (date, title, badges), made once per event and language.

    A filter redraws the list with other links (they carry the filters) around the same items, so the
    items of a frame are kept; `events` is that frame, the events of one collection in one language.
    """

    def __init__(self, events: pd.DataFrame) -> None:
        self.events = events
        self.ids = events["id"].to_numpy(dtype=object)
        self._index = pd.Index(self.ids)
        self._bodies = subset.PerRow(events, _body, i18n.current())

    def rows(self, part: pd.DataFrame) -> np.ndarray:
        """Where the rows of `part`, a part of the frame, are in it; only its index is read."""
        return subset.positions(self.events, part)

    def row_of(self, event_id: str) -> int:
        """The position of the event `event_id` in the frame; -1 for none."""
        return int(self._index.get_indexer([event_id])[0])

    def of(self, rows: np.ndarray) -> list[str]:
        """The bodies of the rows at `rows` (positions in the frame), in that order."""
        return self._bodies.of(rows)


def event_list(
    events: pd.DataFrame, selected: str | None, link: Callable[[str], str] | None = None
) -> html.P | dcc.Markdown:
    """The list as one block of HTML. Each item links to the view of its event (`link(id)`, by default
    `?event=id`), so the list works as a chronology with JavaScript off; with it, keyboard.js turns the
    click into a selection without leaving the page."""
    if events.empty:
        return html.P(str(EMPTY_NOTE), className="empty-note")
    return dcc.Markdown(
        event_list_html(events, selected, link), dangerously_allow_html=True, className="event-list-html"
    )


def event_list_html(
    events: pd.DataFrame,
    selected: str | None,
    link: Callable[[str], str] | None = None,
    bodies: ItemBodies | None = None,
) -> str:
    """event_list's HTML as text, a note when nothing matches: what a filter sends for the explorer's list
    (a string prop, cheaper to send and to render than a component). `bodies` are the items of a frame
    `events` is part of, kept by a caller that lists parts of it often: then only the index of `events`
    is read."""
    link = link or (lambda event_id: f"?{urlencode({'event': event_id})}")
    if not len(events):  # not .empty: a frame of rows alone has no column, and .empty is then always true
        return f'<p class="empty-note">{escape(str(EMPTY_NOTE))}</p>'
    # Positions in the frame, never the events' own id strings: reading those (even to copy a column)
    # writes their reference counts, and every worker of a server would copy the pages that hold them.
    bodies = bodies or ItemBodies(events)
    rows = bodies.rows(events)
    shown = rows[:LIMIT]
    at = bodies.row_of(selected) if selected is not None else -1
    if at >= 0 and not (shown == at).any() and (rows == at).any():
        shown = np.append(shown, at)
    inside = bodies.of(shown)
    parts = [
        '<ol class="event-items">',
        *(
            _item(event_id, event_id == selected, link(event_id), body)
            for event_id, body in zip(bodies.ids[shown].tolist(), inside, strict=True)
        ),
        "</ol>",
    ]
    if len(events) > len(shown):
        more = _(
            "Showing the first %(shown)s of %(total)s events in view. Filter, or zoom the timeline, to see the others."
        )
        parts.append(
            f'<p class="empty-note list-more">{escape(more % {"shown": number(LIMIT), "total": number(len(events))})}</p>'
        )
    # Markdown would read indented or blank-line-separated HTML as text; one line stays one HTML block.
    return "".join(parts)


def _item(event_id: str, is_selected: bool, href: str, body: str) -> str:
    return (
        f'<li><a href="{escape(href)}" class="event-item{" selected" if is_selected else ""}" '
        f'aria-current="{"true" if is_selected else "false"}" data-event="{escape(event_id)}">{body}</a></li>'
    )


def _body(event) -> str:
    flags = []
    if event.date_basis != "stated":
        flags.append(_span(f"flag flag-{event.date_basis}", BASIS_FLAGS[event.date_basis]))
    if getattr(event, "status", "") == "draft":
        # Outside the f-string: extraction does not see _() inside one.
        tip, word = _("Drafted by extract; not yet checked"), _("draft")
        flags.append(f'<span class="flag flag-draft" title="{escape(tip)}">{escape(word)}</span>')
    if getattr(event, "translated", False):
        flags.append(_span("flag flag-translation", _("translated")))
    if event.kind == "era":
        flags.append(_span("flag flag-era", _("era")))
    badge = _span(f"badge cat-{event.category}", category(event.category))
    return (
        f"{_span('item-date', describe(event.start, event.end))}"
        f'<span class="item-title" dir="auto">{escape(event.title)}</span>'
        f'<span class="item-meta">{badge}{"".join(flags)}</span>'
    )


def _span(css_class: str, text: str) -> str:
    return f'<span class="{escape(css_class)}">{escape(str(text))}</span>'
