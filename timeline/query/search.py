"""Filtering events: free text with aliases, category, country, actor, years, a time window."""

from __future__ import annotations

import functools
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

import numpy as np
import pandas as pd

from timeline.core.text import normalise


@dataclass(frozen=True)
class Filters:
    text: str = ""
    categories: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None

    def is_empty(self) -> bool:
        return self == Filters()


def alias_groups(aliases: dict[str, list[str]]) -> list[set[str]]:
    return list(_alias_groups(tuple((name, tuple(others)) for name, others in aliases.items())))


@functools.lru_cache(maxsize=64)
def _alias_groups(aliases: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[frozenset[str], ...]:
    # Folded once per alias table, not on every search: a collection's table does not change.
    return tuple(frozenset({normalise(name), *(normalise(a) for a in others)}) for name, others in aliases)


def query_terms(text: str, aliases: dict[str, list[str]]) -> list[set[str]]:
    """Each term a set of alternatives; an event must contain one alternative of every term.

    The whole query, or any single word of it, that names an organisation or
    person in the alias table stands for all its names.
    """
    query = normalise(text).strip()
    if not query:
        return []
    groups = alias_groups(aliases)
    for group in groups:
        if query in group:
            return [group]
    terms = []
    for word in query.split():
        match = next((group for group in groups if word in group), None)
        terms.append(match or {word})
    return terms


class Lists:
    """Which values each event lists in a column of lists (countries, actors), as integer codes: made once.

    A filter by country then compares numbers instead of testing each event's list in Python, and reads
    no list: a read writes the list's reference count, and a server's workers copy every page written.
    """

    def __init__(self, lists: pd.Series) -> None:
        self.events = len(lists)
        counts = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
        codes, values = pd.factorize(pd.Series([value for values in lists for value in values], dtype=object))
        self.code = codes
        self.event = np.repeat(np.arange(len(lists)), counts)  # the event of each code
        self.lookup = {value: code for code, value in enumerate(values.tolist())}

    def any_of(self, wanted) -> np.ndarray:
        """Which events list at least one of `wanted`, as a boolean array in their order."""
        found = np.zeros(self.events, dtype=bool)
        codes = [self.lookup[value] for value in wanted if value in self.lookup]
        found[self.event[np.isin(self.code, codes)]] = True
        return found


class Haystack:
    """The searchable text of each event, normalised, held as one UTF-8 string; and its countries and actors.

    A term is looked for with one bytes.find over all events (C speed) instead of a Python test per
    event: at 100,000 events that is the difference between a tenth of a second and a few milliseconds
    for a word few events hold. Events are separated by a NUL, which no term can hold (`contains`
    checks), so a match never spans two events.
    """

    SEPARATOR = b"\x00"

    def __init__(self, texts: pd.Series, countries: Lists | None = None, actors: Lists | None = None) -> None:
        self.index = texts.index
        encoded = [text.encode("utf-8") for text in texts]
        self.text = self.SEPARATOR.join(encoded) + self.SEPARATOR
        # Where each event's text starts; the last entry is where the next would.
        self.starts = list(accumulate((len(part) + 1 for part in encoded), initial=0))
        self.countries, self.actors = countries, actors

    def __len__(self) -> int:
        return len(self.index)

    def contains(self, needle: str) -> np.ndarray:
        """Which events' text holds `needle` (already normalised), as a boolean array in their order."""
        found = np.zeros(len(self), dtype=bool)
        wanted = needle.encode("utf-8")
        if self.SEPARATOR in wanted:
            return found  # no event's text holds the separator
        text, starts, rows = self.text, self.starts, []
        at = text.find(wanted)
        while at != -1:
            row = bisect_right(starts, at) - 1
            rows.append(row)
            at = text.find(wanted, starts[row + 1])  # one match is enough: on to the next event
        found[rows] = True
        return found


def haystack(events: pd.DataFrame) -> Haystack:
    """The searchable text of each event, normalised, with its countries and actors."""
    places = events["places"].map(lambda ps: " ".join(p["name"] for p in ps))
    actors = events["actors"].map(" ".join)
    text = events["title"] + " " + events["summary"] + " " + events["quote"] + " " + actors + " "
    texts = (text + events["date_text"] + " " + places).map(normalise)
    return Haystack(texts, Lists(events["countries"]), Lists(events["actors"]))


def apply(
    events: pd.DataFrame, filters: Filters, aliases: dict[str, list[str]] | None = None, hay: Haystack | None = None
) -> pd.DataFrame:
    """The events that pass every filter, in their original order.

    `hay` is haystack(events) computed once by a caller that filters the same frame often.
    """
    keep = matches(events, filters, aliases, hay)
    return events.copy(deep=False) if keep.all() else events[keep]


def matches(
    events: pd.DataFrame, filters: Filters, aliases: dict[str, list[str]] | None = None, hay: Haystack | None = None
) -> np.ndarray:
    """Which events pass every filter, as a boolean array in their order (see apply)."""
    keep = np.ones(len(events), dtype=bool)
    if filters.text.strip():
        hay = haystack(events) if hay is None else hay
        aligned = hay.index.equals(events.index)
        for term in query_terms(filters.text, aliases or {}):
            found = np.zeros(len(hay), dtype=bool)
            for alt in term:
                found |= hay.contains(alt)
            keep &= found if aligned else _aligned(found, hay.index, events.index)
    if filters.categories:
        keep &= events["category"].astype(str).isin(filters.categories).to_numpy()
    aligned = hay is not None and hay.index.equals(events.index)
    for wanted, column in ((filters.countries, "countries"), (filters.actors, "actors")):
        if wanted:
            lists = getattr(hay, column) if aligned else None
            if lists is not None:
                keep &= lists.any_of(wanted)
            else:
                keep &= ~events[column].map(set(wanted).isdisjoint).to_numpy(dtype=bool)
    if filters.year_from is not None:
        keep &= (events["latest"].dt.year >= filters.year_from).to_numpy()
    if filters.year_to is not None:
        keep &= (events["earliest"].dt.year <= filters.year_to).to_numpy()
    return keep


def _aligned(found: np.ndarray, index: pd.Index, target: pd.Index) -> np.ndarray:
    """`found`, given for the rows of `index`, for the rows of `target` (False where `index` lacks one)."""
    return pd.Series(found, index=index).reindex(target, fill_value=False).to_numpy(dtype=bool)


def in_window(events: pd.DataFrame, start: pd.Timestamp | None, end: pd.Timestamp | None) -> pd.DataFrame:
    """Events whose extent overlaps the visible time window (None = open)."""
    if start is None and end is None:
        return events.copy(deep=False)
    return events[window_matches(events, start, end)]


def window_matches(events: pd.DataFrame, start: pd.Timestamp | None, end: pd.Timestamp | None) -> np.ndarray:
    """Which events overlap the window, as a boolean array in their order (see in_window)."""
    keep = np.ones(len(events), dtype=bool)
    if start is not None:
        keep &= (events["latest"] >= start).to_numpy()
    if end is not None:
        keep &= (events["earliest"] <= end).to_numpy()
    return keep


def options(events: pd.DataFrame) -> dict[str, list[str]]:
    """The values each dropdown offers, from the data itself."""
    return {
        "countries": sorted({code for codes in events["countries"] for code in codes}),
        "actors": sorted({name for names in events["actors"] for name in names}, key=str.casefold),
    }
