"""Filtering events: free text with aliases, category, country, actor, years, a time window."""

from __future__ import annotations

from dataclasses import dataclass

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
    return [{normalise(name), *(normalise(a) for a in others)} for name, others in aliases.items()]


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


def haystack(events: pd.DataFrame) -> pd.Series:
    """The searchable text of each event, normalised."""
    places = events["places"].map(lambda ps: " ".join(p["name"] for p in ps))
    actors = events["actors"].map(" ".join)
    text = events["title"] + " " + events["summary"] + " " + events["quote"] + " " + actors + " "
    return (text + events["date_text"] + " " + places).map(normalise)


def apply(
    events: pd.DataFrame, filters: Filters, aliases: dict[str, list[str]] | None = None, hay: pd.Series | None = None
) -> pd.DataFrame:
    """The events that pass every filter, in their original order.

    `hay` is haystack(events) computed once by a caller that filters the same frame often.
    """
    keep = pd.Series(True, index=events.index)
    if filters.text.strip():
        hay = haystack(events) if hay is None else hay
        for term in query_terms(filters.text, aliases or {}):
            keep &= hay.map(lambda h, term=term: any(alt in h for alt in term))
    if filters.categories:
        keep &= events["category"].astype(str).isin(filters.categories)
    if filters.countries:
        wanted = set(filters.countries)
        keep &= events["countries"].map(lambda codes: bool(wanted.intersection(codes)))
    if filters.actors:
        wanted = set(filters.actors)
        keep &= events["actors"].map(lambda names: bool(wanted.intersection(names)))
    if filters.year_from is not None:
        keep &= events["latest"].dt.year >= filters.year_from
    if filters.year_to is not None:
        keep &= events["earliest"].dt.year <= filters.year_to
    return events[keep]


def in_window(events: pd.DataFrame, start: pd.Timestamp | None, end: pd.Timestamp | None) -> pd.DataFrame:
    """Events whose extent overlaps the visible time window (None = open)."""
    keep = pd.Series(True, index=events.index)
    if start is not None:
        keep &= events["latest"] >= start
    if end is not None:
        keep &= events["earliest"] <= end
    return events[keep]


def options(events: pd.DataFrame) -> dict[str, list[str]]:
    """The values each dropdown offers, from the data itself."""
    return {
        "countries": sorted({code for codes in events["countries"] for code in codes}),
        "actors": sorted({name for names in events["actors"] for name in names}, key=str.casefold),
    }
