"""Where each event's quote sits in its source: computed once per collection."""

from __future__ import annotations

from dataclasses import dataclass

from . import sourcetext
from .collection import Collection


@dataclass(frozen=True)
class Passage:
    source: str
    start: int
    end: int


def quote_passages(collection: Collection) -> dict[str, Passage]:
    """event id -> its quote's offsets in the source text (validation guarantees it is found)."""
    found = {}
    for event in collection.events.itertuples():
        text = collection.sources[event.source].text
        span = sourcetext.find_quote(text, event.quote)
        if span is not None:
            found[event.id] = Passage(event.source, *span)
    return found
