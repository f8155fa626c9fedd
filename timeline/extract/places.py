"""Place names in a sentence -> gazetteer places, and names that look like places but are unknown.

Lookup order: the collection's own places.csv (its editors' ids and points),
then named regions ('the Sahel'), directional regions ('northern Mali',
'northern, eastern, and central Burkina Faso'), countries and their demonyms
('Malian'), and cities from GeoNames. A demonym before a word for armed forces
or government ('French troops', 'French-led') names a state acting, not a
place: it is returned as an actor instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from timeline.core.text import fold
from timeline.extract import geodata
from timeline.extract.placecontext import (
    STATE_WORDS,
    in_place_position,
    inside_a_name,
    not_a_city,
    not_a_place,
    part_of_a_name,
)
from timeline.extract.placenames import (
    DIRECTION,
    PLACE_COLUMNS,
    Place,
    city_place,
    country_place,
    directional,
    find_country,
    load_places,
    name_head,
    name_starts,
    name_table,
    region,
    region_or_none,
    spellings,
)

# draft.py, folder.py and the tests know the Place and its loading by this module's name.
__all__ = ["PLACE_COLUMNS", "Gazetteer", "Hit", "Place", "Scan", "load_places"]


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


_PLACE_CUE = re.compile(
    r"\b(?:city|town|village|province|region|district|county|commune|municipality|state|area|camp)\s+of\s+"
    r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})"
    r"|\b(?:in|near|outside|at)\s+(?P<name2>[A-Z][a-z][\w’'-]+(?:\s+[A-Z][a-z][\w’'-]+){0,2})"
)
_CONNECTORS = r"(?:of|the|and|de|du|des|al|el)"
_CAPITAL_WORD = r"(?:[dl][’'])?[A-ZÀ-Ý][\w’'.-]*"
# Capitalised words, with the small words names contain: 'Horn of Africa', 'Bosnia and Herzegovina'.
_CAPITALISED = re.compile(rf"(?<![\w’'-]){_CAPITAL_WORD}(?:\s+(?:{_CONNECTORS}\s+)*{_CAPITAL_WORD})*")
_TOKEN = re.compile(r"\S+")
_ENDS_WITH_CONNECTOR = re.compile(rf"\s{_CONNECTORS}$")


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
                            rf"(?i:\b(?P<dirs>(?:{DIRECTION})(?:\s*,\s*(?:and\s+)?(?:{DIRECTION})|\s+and\s+(?:{DIRECTION}))*))"
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
            country = find_country(m.group("country"))
            if country is None:
                return []
            directions = re.findall(DIRECTION, m.group("dirs"), re.I)
            return [directional(d.lower(), country) for d in directions]
        if how == "region-pair":
            return [
                region(f"{m.group(x)} {m.group('c')}")
                for x in ("a", "b")
                if region_or_none(f"{m.group(x)} {m.group('c')}")
            ]
        return []

    def _names(
        self, text: str, start: int, end: int, states: list[tuple[str, str]], cities: bool
    ) -> list[tuple[int, int, int, list[Place], str]]:
        """Countries, regions, demonyms and cities among the capitalised words: one pass, then dictionary lookups."""
        found = []
        table = name_table()
        first_words = name_starts()
        for run in _CAPITALISED.finditer(text, start, end):
            tokens = list(_TOKEN.finditer(run.group()))
            i = 0
            while i < len(tokens):
                if name_head(tokens[i].group()) not in first_words:
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
        for written in spellings(raw):
            entry = table.get(written)
            b2 = a + len(written)
            if entry is None:
                continue
            how, value = entry
            if written in self.ignore or part_of_a_name(text, b2) or inside_a_name(text, a):
                return None  # 'US Africa Command', 'Algerian Group for ...', 'the Islamic Maghreb'
            if how == "region":
                return a, b2, 2, [region(value)], written
            if how == "country":
                if written in geodata.AMBIGUOUS_COUNTRIES and not in_place_position(text, a, b2):
                    return None
                country = find_country(value)
                return (a, b2, 3, [country_place(country)], written) if country else None
            if how == "demonym":
                country = geodata.countries().get(value)
                if country is None:
                    return None
                state = STATE_WORDS.match(text[b2 : b2 + 30])
                if state:
                    states.append((country.name, text[a : b2 + state.end()]))
                    return None
                return a, b2, 4, [country_place(country)], written
        if cities:
            for written in spellings(raw):
                city = self._city(written, text, a)
                if city:
                    return a, a + len(written), 10, [city], written
        return None

    def _city(self, name: str, text: str, at: int) -> Place | None:
        if name in self.ignore or name in geodata.DEMONYMS or not_a_city(name):
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
        return city_place(max(local, key=lambda c: c.population))

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
            if any(ka < b and a < kb for ka, kb in known) or name in self.ignore or not_a_place(name):
                continue
            names.append(name)
        return names


def _worth_trying(how: str, lowered: str) -> bool:
    """Skip a pattern when its key words are absent: most sentences name no direction."""
    if how == "directional":
        return any(word in lowered for word in ("north", "south", "east", "west", "central"))
    if how == "region-pair":
        return " and " in lowered and ("africa" in lowered or "asia" in lowered)
    return True
