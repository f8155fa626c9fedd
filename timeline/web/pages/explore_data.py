"""What the explorer derives from a collection once, when it is loaded, not on every request.

Built through Served.derive(ExploreData.of): the registry keeps it per collection without knowing it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from timeline.figures.map import explode_places
from timeline.load.collection import Collection
from timeline.load.passages import Passages
from timeline.query import search


@dataclass(frozen=True)
class ExploreData:
    """The collection and what the page derives from it once, not on every request."""

    collection: Collection
    passages: Passages
    haystack: pd.Series
    place_rows: pd.DataFrame

    @classmethod
    def of(cls, served) -> ExploreData:
        return cls.build(served.collection, served.passages)

    @classmethod
    def build(cls, collection: Collection, passages: Passages) -> ExploreData:
        events = collection.events
        return cls(collection, passages, search.haystack(events), explode_places(events))
