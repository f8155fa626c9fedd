"""What the explorer derives from a collection once, when it is loaded, not on every request.

Built through Served.derive(ExploreData.of): the registry keeps it per collection without knowing it.
What a reader's language changes (titles, hovers, dates in words) is kept per language, made on its first
request: a filter then computes only which events it keeps and draws them from these.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from timeline import i18n
from timeline.figures.map import MapPlaces, explode_places
from timeline.figures.timeline_items import TimelineItems
from timeline.load.collection import Collection
from timeline.load.passages import Passages
from timeline.load.translations import localised
from timeline.query import search
from timeline.web.components.event_list import ItemBodies


@dataclass(frozen=True)
class Drawing:
    """The collection's events in one language, and what the timeline, the map and the list draw of each."""

    events: pd.DataFrame
    place_rows: pd.DataFrame
    # events[[]]: a view selects rows of this (the index alone), and what is drawn comes from the rest. No
    # column: a copy of the ids would write into every id string, and a worker copies each page it writes.
    rows: pd.DataFrame
    timeline: TimelineItems
    places: MapPlaces
    items: ItemBodies


@dataclass(frozen=True)
class ExploreData:
    """The collection and what the page derives from it once, not on every request."""

    collection: Collection
    passages: Passages
    haystack: search.Haystack
    place_rows: pd.DataFrame
    _drawings: dict = field(default_factory=dict, compare=False, repr=False)

    def events_in(self, lang: str) -> pd.DataFrame:
        """The events with their titles and summaries in `lang` where the collection translates them."""
        return self.drawing(lang).events

    def place_rows_in(self, lang: str) -> pd.DataFrame:
        """place_rows, with the titles the map's hovers show in `lang`."""
        return self.drawing(lang).place_rows

    def drawing(self, lang: str) -> Drawing:
        """Everything the view draws in `lang`, made on the first request in it."""
        if lang not in self._drawings:
            with i18n.use(lang):
                events = localised(self.collection.events, lang)
                rows = self.place_rows if events is self.collection.events else explode_places(events)
                drawing = Drawing(
                    events, rows, events[[]], TimelineItems(events), MapPlaces(events, rows), ItemBodies(events)
                )
            self._drawings[lang] = drawing  # one per language: a race only builds it twice
        return self._drawings[lang]

    @classmethod
    def of(cls, served) -> ExploreData:
        return cls.build(served.collection, served.passages)

    @classmethod
    def build(cls, collection: Collection, passages: Passages) -> ExploreData:
        events = collection.events
        return cls(collection, passages, search.haystack(events), explode_places(events))
