"""The explorer's view as a URL query string, so a copied link reopens the same view."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode

from timeline import i18n
from timeline.query.search import Filters

# A list is one parameter, its items joined with commas (`category=attack,leadership`), so an item's own
# commas (an actor "Ansar Dine, Macina branch") and percent signs are escaped inside it first: %2C and %25.
_ITEM_ESCAPED = re.compile("%(2C|25)", re.IGNORECASE)


def _join(items: tuple[str, ...]) -> str:
    return ",".join(item.replace("%", "%25").replace(",", "%2C") for item in items)


def _list(values: dict, key: str) -> tuple[str, ...]:
    raw = values.get(key, [""])[0]
    return tuple(_ITEM_ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), part) for part in raw.split(",") if part)


def _year(values: dict, key: str) -> int | None:
    raw = values.get(key, [""])[0]
    try:
        return int(raw)
    except ValueError:
        return None


def parse(search: str | None) -> tuple[Filters, str | None]:
    """'?q=mali&category=attack&event=x' -> (Filters, selected event id)."""
    values = parse_qs((search or "").lstrip("?"))
    filters = Filters(
        text=values.get("q", [""])[0],
        categories=_list(values, "category"),
        countries=_list(values, "country"),
        actors=_list(values, "actor"),
        year_from=_year(values, "from"),
        year_to=_year(values, "to"),
    )
    selected = values.get("event", [None])[0] or None
    return filters, selected


def collection(search: str | None) -> str | None:
    """'?collection=x&q=...' -> 'x'; None means the server's default collection."""
    return parse_qs((search or "").lstrip("?")).get("collection", [None])[0] or None


def _kept(collection: str | None) -> list[tuple[str, str]]:
    """What every link keeps: the collection, and the interface language a reader chose (i18n.url_language)."""
    return [("collection", collection or ""), ("lang", i18n.url_language() or "")]


def href(path: str, collection: str | None, **params: str | None) -> str:
    """A link within the app that stays in `collection` (None: the default one, left out of the URL)."""
    pairs = [*_kept(collection), *((key, value or "") for key, value in params.items())]
    query = urlencode([(key, value) for key, value in pairs if value])
    return path + (f"?{query}" if query else "")


def build(filters: Filters, selected: str | None, collection: str | None = None) -> str:
    """The inverse of parse; empty parts are left out so plain URLs stay plain."""
    pairs = [
        *_kept(collection),
        ("q", filters.text),
        ("category", _join(filters.categories)),
        ("country", _join(filters.countries)),
        ("actor", _join(filters.actors)),
        ("from", "" if filters.year_from is None else str(filters.year_from)),
        ("to", "" if filters.year_to is None else str(filters.year_to)),
        ("event", selected or ""),
    ]
    query = urlencode([(key, value) for key, value in pairs if value])
    return f"?{query}" if query else ""


def event_links(filters: Filters, collection: str | None = None) -> Callable[[str], str]:
    """build(filters, event_id, collection) for many ids: the event comes last, so the rest is written once."""
    base = build(filters, None, collection)
    joiner = "&" if base else "?"
    return lambda event_id: f"{base}{joiner}{urlencode({'event': event_id})}" if event_id else base


# Playing through time: `at` is the moment shown, as EDTF at the stop's precision ('2012', '2017-03'), and
# `speed` is stops per second. assets/play.js writes both into the URL as the play moves; a link with `at`
# opens paused at that moment. A filter change starts a new view: its URL (build) has neither.
SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0)
DEFAULT_SPEED = 1.0
_AT = re.compile(r"^-?[0-9X]{1,11}(-[0-9]{2})?(/-?[0-9X]{1,11}(-[0-9]{2})?)?$")


@dataclass(frozen=True)
class Play:
    at: str | None = None
    speed: float = DEFAULT_SPEED


def play(search: str | None) -> Play:
    """'?at=2012&speed=2' -> Play('2012', 2.0); an unreadable moment is None, an unknown speed the default."""
    values = parse_qs((search or "").lstrip("?"))
    at = values.get("at", [""])[0].strip()
    try:
        speed = float(values.get("speed", [""])[0])
    except ValueError:
        speed = DEFAULT_SPEED
    return Play(at if _AT.match(at) else None, speed if speed in SPEEDS else DEFAULT_SPEED)


def with_play(query: str, state: Play) -> str:
    """A view's query string (build's) with the play's moment and speed added, as play.js writes them."""
    pairs = [("at", state.at or ""), ("speed", "" if state.speed == DEFAULT_SPEED else f"{state.speed:g}")]
    extra = urlencode([(key, value) for key, value in pairs if value])
    if not extra:
        return query
    return f"{query}&{extra}" if query else f"?{extra}"
