"""Every component id of the app, in one place (browser tests use them too)."""

URL = "url"
PAGE = "page"

SEARCH = "search"
CATEGORY = "category-filter"
COUNTRY = "country-filter"
ACTOR = "actor-filter"
YEAR_FROM = "year-from"
YEAR_TO = "year-to"
CLEAR = "clear-filters"
COUNT = "event-count"

TIMELINE = "timeline"
MAP = "map"
EVENT_LIST = "event-list"
DETAIL = "detail"
SOURCE_READER = "source-reader"

SELECTED = "selected"  # dcc.Store: the selected event id
WINDOW = "time-window"  # dcc.Store: the timeline's visible [start, end]
SCROLL_SINK = "scroll-sink"  # dcc.Store written by a clientside callback; nothing reads it

EVENT_ITEM = "event-item"  # pattern: {"type": EVENT_ITEM, "id": event_id}
PASSAGE = "passage"  # pattern: {"type": PASSAGE, "event": event_id, "at": offset}


def passage_anchor(event_id: str) -> str:
    return f"passage-{event_id}"
