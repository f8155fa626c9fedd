"""What the explorer derives from a collection once, when it is loaded, not on every request.

Built through Served.derive(ExploreData.of): the registry keeps it per collection without knowing it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from timeline.figures.map import explode_places
from timeline.load.collection import Collection
from timeline.load.passages import Passages
from timeline.load.translations import localised
from timeline.query import search


@dataclass(frozen=True)
class ExploreData:
    """The collection and what the page derives from it once, not on every request."""

    collection: Collection
    passages: Passages
    haystack: pd.Series
    place_rows: pd.DataFrame
    _localised: dict = field(default_factory=dict, compare=False, repr=False)

    def events_in(self, lang: str) -> pd.DataFrame:
        """The events with their titles and summaries in `lang` where the collection translates them."""
        return self._in(lang)[0]

    def place_rows_in(self, lang: str) -> pd.DataFrame:
        """place_rows, with the titles the map's hovers show in `lang`."""
        return self._in(lang)[1]

    def _in(self, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        if lang not in self._localised:
            events = localised(self.collection.events, lang)
            rows = self.place_rows if events is self.collection.events else explode_places(events)
            self._localised[lang] = (events, rows)  # one per language: a race only builds it twice
        return self._localised[lang]

    @classmethod
    def of(cls, served) -> ExploreData:
        return cls.build(served.collection, served.passages)

    @classmethod
    def build(cls, collection: Collection, passages: Passages) -> ExploreData:
        events = collection.events
        return cls(collection, passages, search.haystack(events), explode_places(events))
