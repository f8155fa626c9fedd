"""Where each event's quote sits in its source, found on demand and remembered.

Lazy on purpose: a collection of 100,000 events should not locate every quote
before the first page is served; the reader needs one source's passages, the
detail panel one event's.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from timeline.load.collection import Collection


@dataclass(frozen=True)
class Passage:
    source: str
    start: int
    end: int


class Passages:
    """event id -> Passage, and all passages of one source."""

    def __init__(self, collection: Collection):
        self._collection = collection
        self._by_id = collection.events.set_index("id")[["source", "quote"]]
        self.get = lru_cache(maxsize=4096)(self._find)
        self.in_source = lru_cache(maxsize=16)(self._in_source)

    def _find(self, event_id: str) -> Passage | None:
        if event_id not in self._by_id.index:
            return None
        source_id, quote = self._by_id.loc[event_id]
        span = self._collection.sources[source_id].finder.find(quote)
        return None if span is None else Passage(source_id, *span)

    def _in_source(self, source_id: str) -> dict[str, Passage]:
        finder = self._collection.sources[source_id].finder
        found = {}
        for event_id, quote in self._by_id[self._by_id["source"] == source_id]["quote"].items():
            span = finder.find(quote)
            if span is not None:
                found[event_id] = Passage(source_id, *span)
        return found


def quote_passages(collection: Collection) -> Passages:
    return Passages(collection)
