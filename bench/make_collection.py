"""`python bench/make_collection.py N DIR [--seed S]`: a synthetic, valid collection of N events.

The folder has the four files every collection needs (collection.json,
sources/*.txt, events.csv, places.csv; none of the optional ones) and a
bench-manifest.json so bench/browser_bench.py can reuse it. Everything comes from one seeded random generator: the same N and
seed give byte-identical files.

What makes it realistic for timing the app:
  * dates 1990-2024 at every precision the app draws differently: days, months,
    years, decades (199X), year/month/day ranges (as 'a/b' in start or as
    start + end), some approximate (~) or uncertain (?), and a stated /
    derived / inferred mix where the non-stated ones carry a date_note;
  * all five categories, a few eras, actors from a small pool, fatalities on
    some attacks, places_added with a place_note on a few events;
  * places from the bundled gazetteer plus towns and synthetic villages across
    North and West Africa, so the map spreads markers as with real data;
  * quotes spread over one source text per 1,000 events (each a few hundred
    KB), every quote being one whole sentence of its source, so finding
    quotes costs what it would with long real sources.

Nothing here imports the timeline package: the generator writes files the
way an editor would, and tests/test_bench_tools.py checks that load_collection
accepts them.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import functools
import itertools
import json
import random
import re
import shutil
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "aqim"
MANIFEST = "bench-manifest.json"
# Bumped whenever the generated content changes, so cached folders are rebuilt.
GENERATOR_VERSION = 1
DEFAULT_SEED = 2024
EVENTS_PER_SOURCE = 1000
FIRST_YEAR, LAST_YEAR = 1990, 2024

# Columns of timeline.schema.EVENT_COLUMNS, in its order (tests/test_bench_tools.py checks); optional
# columns added to the schema later may be left out.
EVENT_COLUMNS = (
    "id", "kind", "title", "start", "end", "date_text", "date_basis", "date_note", "category", "actors",
    "places", "places_added", "place_note", "fatalities", "fatalities_text", "summary", "source", "quote",
)  # fmt: skip
CATEGORY_WEIGHTS = {"attack": 40, "state-response": 20, "organisation": 15, "leadership": 13, "context": 12}

GROUPS = (
    "AQIM", "GSPC", "JNIM", "Al Murabitun", "Ansar Al Dine", "Katiba Macina",
    "Islamic State in the Greater Sahara", "Boko Haram",
)  # fmt: skip
LEADERS = (
    "Abdelmalek Droukdel", "Iyad Ag Ghali", "Mokhtar Belmokhtar", "Amadou Koufa",
    "Abu Ubayda Yusef al-Annabi", "Adnan Abu Walid al-Sahrawi",
)  # fmt: skip
STATES = (
    "French armed forces", "Malian armed forces", "MINUSMA", "the G5 Sahel joint force", "the Algerian army",
    "the Nigerien army", "the Burkinabe army", "the Mauritanian army", "ECOWAS",
)  # fmt: skip

# (verb phrase for the sentence, noun for the title)
ATTACKS = (
    ("ambushed a military convoy", "ambush on a military convoy"),
    ("attacked an army post", "attack on an army post"),
    ("raided a gendarmerie station", "raid on a gendarmerie station"),
    ("shelled a UN camp", "shelling of a UN camp"),
    ("attacked a crowded market", "attack on a market"),
    ("stormed a hotel", "hotel siege"),
    ("kidnapped foreign workers", "kidnapping of foreign workers"),
    ("planted roadside bombs", "roadside bombings"),
    ("attacked a gas facility", "attack on a gas facility"),
)  # fmt: skip
ORGANISATION = (
    ("expanded its operations", "expands"),
    ("set up a new katiba", "sets up a katiba"),
    ("recruited heavily among local herders", "recruits"),
    ("absorbed a local faction", "absorbs a local faction"),
    ("opened new smuggling routes", "opens smuggling routes"),
)  # fmt: skip
LEADERSHIP = (
    ("was appointed emir of the zone", "appointed emir"),
    ("was killed in an operation", "killed"),
    ("fled with his guard", "flees"),
    ("was arrested", "arrested"),
    ("was named deputy leader", "named deputy leader"),
)  # fmt: skip
STATE_RESPONSES = (
    ("launched an offensive", "offensive"),
    ("deployed additional troops", "troop deployment"),
    ("declared a state of emergency", "state of emergency"),
    ("opened talks with local leaders", "talks with local leaders"),
    ("carried out air strikes", "air strikes"),
)  # fmt: skip
CONTEXT = (
    ("A severe drought struck the countryside", "Drought"),
    ("A military coup overturned the government", "Military coup"),
    ("Mass protests spread through the towns", "Mass protests"),
    ("A disputed election divided the country", "Disputed election"),
    ("Floods displaced thousands of families", "Floods"),
    ("Food prices doubled in the markets", "Food price crisis"),
)  # fmt: skip
# (title, how a sentence names it, first year, last year, place)
ERAS = (
    ("Algerian civil war", "The Algerian civil war", 1991, 2002, "algeria"),
    ("Libyan civil wars", "The Libyan civil wars", 2011, 2020, "libya"),
    ("MINUSMA mission in Mali", "The MINUSMA mission in Mali", 2013, 2023, "mali"),
    ("Operation Barkhane", "Operation Barkhane", 2014, 2022, "sahel"),
    ("Sahel military governments", "The period of military governments in the Sahel", 2020, 2024, "sahel"),
)  # fmt: skip
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven")
FILLERS = (
    "Observers in the region described the weeks that followed as tense.",
    "Local radio stations gave conflicting accounts of what had happened.",
    "Humanitarian agencies warned that access to the area remained difficult.",
    "Several witnesses later changed their statements.",
    "The chronicle returns to this episode in a later chapter.",
    "Prices on the main roads rose as convoys were delayed.",
    "Residents said the security forces arrived only days later.",
    "No group claimed responsibility at the time.",
    "Aid workers left the district for several months.",
    "Officials in the capital declined to comment on the reports.",
)  # fmt: skip
SUMMARY_TAILS = (
    "Casualty figures were disputed between the sources.",
    "The episode is told in a single sentence of the chronicle.",
    "Later reports added little to this account.",
    "Regional media reported it within days.",
    "The chronicle gives no further detail.",
)  # fmt: skip

# Towns with approximate positions (rounded, from general knowledge, not a gazetteer), and
# countries the bundled gazetteer lacks: enough spread for a realistic map at any N.
EXTRA_COUNTRIES = (
    ("mauritania", "Mauritania", "MRT", 20.26, -10.35),
    ("tunisia", "Tunisia", "TUN", 34.10, 9.56),
    ("morocco", "Morocco", "MAR", 31.90, -6.30),
    ("chad", "Chad", "TCD", 15.30, 18.60),
    ("senegal", "Senegal", "SEN", 14.40, -14.50),
    ("nigeria", "Nigeria", "NGA", 9.60, 8.10),
    ("cote-d-ivoire", "Côte d'Ivoire", "CIV", 7.60, -5.50),
)  # fmt: skip
EXTRA_TOWNS = (
    ("gao", "Gao", "MLI", 16.27, -0.04), ("timbuktu", "Timbuktu", "MLI", 16.77, -3.01),
    ("kidal", "Kidal", "MLI", 18.44, 1.41), ("mopti", "Mopti", "MLI", 14.49, -4.20),
    ("menaka", "Ménaka", "MLI", 15.92, 2.40), ("niamey", "Niamey", "NER", 13.51, 2.11),
    ("agadez", "Agadez", "NER", 16.97, 7.99), ("diffa", "Diffa", "NER", 13.32, 12.61),
    ("nouakchott", "Nouakchott", "MRT", 18.08, -15.98), ("nema", "Néma", "MRT", 16.62, -7.26),
    ("algiers", "Algiers", "DZA", 36.75, 3.06), ("tamanrasset", "Tamanrasset", "DZA", 22.79, 5.52),
    ("in-amenas", "In Amenas", "DZA", 28.05, 9.55), ("tizi-ouzou", "Tizi Ouzou", "DZA", 36.71, 4.05),
    ("tripoli", "Tripoli", "LBY", 32.89, 13.19), ("ubari", "Ubari", "LBY", 26.59, 12.78),
    ("tunis", "Tunis", "TUN", 36.81, 10.18), ("kasserine", "Kasserine", "TUN", 35.17, 8.84),
    ("dakar", "Dakar", "SEN", 14.69, -17.44), ("djibo", "Djibo", "BFA", 14.10, -1.63),
    ("dori", "Dori", "BFA", 14.04, -0.03), ("ndjamena", "N'Djamena", "TCD", 12.13, 15.06),
    ("maiduguri", "Maiduguri", "NGA", 11.85, 13.16), ("grand-bassam", "Grand-Bassam", "CIV", 5.20, -3.74),
)  # fmt: skip
# Inland towns only: villages are scattered around these, so none lands in the sea.
VILLAGE_ANCHORS = ("gao", "timbuktu", "kidal", "mopti", "menaka", "agadez", "diffa", "nema", "tamanrasset", "djibo", "dori", "ubari", "kasserine")  # fmt: skip
FRAME = {"lon": (-19.0, 26.0), "lat": (3.0, 38.0)}  # the map's frame (timeline/figures/map.py)
SYLLABLES = ("ta", "ka", "ou", "ra", "si", "ma", "ba", "dou", "kel", "zou", "na", "gha", "ti", "lem")
SYNTHETIC_COORDS = "synthetic: approximate position for benchmark data, not from a gazetteer"


@dataclass
class Place:
    id: str
    name: str
    kind: str
    country: str


@dataclass
class Event:
    row: dict[str, str]
    sort_key: tuple[int, int, int]
    sentence: str
    source_index: int = 0
    extra: dict = field(default_factory=dict)


@functools.lru_cache(maxsize=65536)  # titles repeat a lot: this halves the time for 100k events
def slug(text: str) -> str:
    """'Ménaka attack' -> 'menaka-attack': the id form the schema accepts."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


_MONTHS = tuple(calendar.month_name)


def _month(m: int) -> str:
    return _MONTHS[m]


_FORMS = ("day", "month", "year", "decade", "year-range", "month-range", "day-range")
# Cumulative weights, computed once: rng.choices otherwise sums them on every call.
_FORM_WEIGHTS = tuple(itertools.accumulate((24, 24, 18, 4, 12, 10, 3)))
_CATEGORIES = tuple(CATEGORY_WEIGHTS)
_CATEGORY_CUM = tuple(itertools.accumulate(CATEGORY_WEIGHTS.values()))
_PLACE_COUNT_CUM = tuple(itertools.accumulate((3, 82, 15)))
_BASES = ("stated", "derived", "inferred")
_BASIS_CUM = tuple(itertools.accumulate((70, 15, 15)))


class _Dates:
    """Picks an EDTF start/end, the words a source would use, and whether those words may be quoted."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def year(self) -> int:
        # More events in recent years, as in the real conflict (weighted towards 2010-2024).
        return FIRST_YEAR + int((LAST_YEAR - FIRST_YEAR + 1) * self.rng.random() ** 0.6)

    def stated(self) -> tuple[str, str, str, tuple[int, int, int]]:
        """(start, end, phrase, sort key): the phrase opens a sentence ('On 20 November 2015')."""
        rng = self.rng
        form = rng.choices(_FORMS, cum_weights=_FORM_WEIGHTS)[0]
        y = self.year()
        approx = rng.random() < 0.12
        mark = "~" if approx else ""
        if form == "day":
            m = rng.randint(1, 12)
            d = rng.randint(1, calendar.monthrange(y, m)[1])
            phrase = f"{'Around' if approx else 'On'} {d} {_month(m)} {y}"
            return f"{y}-{m:02d}-{d:02d}{mark}", "", phrase, (y, m, d)
        if form == "month":
            m = rng.randint(1, 12)
            return f"{y}-{m:02d}{mark}", "", f"{'Around' if approx else 'In'} {_month(m)} {y}", (y, m, 1)
        if form == "year":
            if rng.random() < 0.04:  # an uncertain year: '2012?'
                return f"{y}?", "", f"Probably in {y}", (y, 1, 1)
            return f"{y}{mark}", "", f"{'Around' if approx else 'In'} {y}", (y, 1, 1)
        if form == "decade":
            decade = rng.choice((199, 200, 201))
            return f"{decade}X", "", f"In the {decade}0s", (decade * 10, 1, 1)
        if form == "year-range":
            y = min(y, LAST_YEAR - 1)
            last = min(LAST_YEAR, y + rng.randint(1, 4))
            return f"{y}", f"{last}", f"Between {y} and {last}", (y, 1, 1)
        if form == "month-range":
            m = rng.randint(1, 12)
            span = rng.randint(1, 6)
            last_y, last_m = y + (m + span - 1) // 12, (m + span - 1) % 12 + 1
            if last_y > LAST_YEAR:
                y, last_y = y - 1, last_y - 1
            words = (
                f"From {_month(m)} to {_month(last_m)} {y}"
                if last_y == y
                else f"From {_month(m)} {y} to {_month(last_m)} {last_y}"
            )
            return f"{y}-{m:02d}", f"{last_y}-{last_m:02d}", words, (y, m, 1)
        m = rng.randint(1, 12)  # day-range, within one month
        days = calendar.monthrange(y, m)[1]
        d = rng.randint(1, days - 1)
        last_d = min(days, d + rng.randint(1, 4))
        return f"{y}-{m:02d}-{d:02d}", f"{y}-{m:02d}-{last_d:02d}", f"From {d} to {last_d} {_month(m)} {y}", (y, m, d)

    def derived(self) -> tuple[str, str, str, str, tuple[int, int, int]]:
        """(start, end, phrase, date_note, sort key): a date counted from another one the sentence names."""
        rng = self.rng
        y = min(self.year(), LAST_YEAR - 1)
        m = rng.randint(1, 12)
        if rng.random() < 0.6:
            k = rng.randint(2, 11)
            last_y, last_m = y + (m + k - 1) // 12, (m + k - 1) % 12 + 1
            phrase = f"{NUMBER_WORDS[k]} months after the events of {_month(m)} {y}"
            note = (
                f"{_month(m)} {y} plus {k} months gives {_month(last_m)} {last_y}; "
                "approximate because the source counts in months."
            )
            return f"{last_y}-{last_m:02d}~", "", phrase, note, (last_y, last_m, 1)
        d = rng.randint(1, 20)
        k = rng.randint(1, 8)  # stays inside the month: day + k <= 28
        phrase = f"{NUMBER_WORDS[k]} day{'s' if k > 1 else ''} after the raid of {d} {_month(m)} {y}"
        note = f"{d} {_month(m)} {y} plus {k} days gives {d + k} {_month(m)} {y}."
        return f"{y}-{m:02d}-{d + k:02d}", "", phrase, note, (y, m, d + k)

    def inferred(self) -> tuple[str, str, str, tuple[int, int, int]]:
        """(start, end, date_note, sort key): the sentence has no date; the chronicle's order places it."""
        y = min(self.year(), LAST_YEAR - 1)
        if self.rng.random() < 0.5:
            note = f"The sentence carries no date; the paragraph around it covers {y}."
            return f"{y}", "", note, (y, 1, 1)
        last = min(LAST_YEAR, y + self.rng.randint(1, 3))
        note = f"The sentence carries no date; it sits between the chronicle's entries for {y} and {last}."
        return f"{y}", f"{last}", note, (y, 1, 1)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _places(rng: random.Random, n: int) -> tuple[list[list[str]], list[Place]]:
    """places.csv rows (bundled ones copied verbatim first) and the places events may name."""
    with (BUNDLED / "places.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, bundled = rows[0], rows[1:]
    column = {name: i for i, name in enumerate(header)}
    places = [Place(r[column["id"]], r[column["name"]], r[column["kind"]], r[column["country"]]) for r in bundled]
    taken = {p.id for p in places}
    extra: list[tuple[str, str, str, str, float, float]] = []
    for pid, name, iso, lat, lon in EXTRA_COUNTRIES:
        extra.append((pid, name, "country", iso, lat, lon))
    towns = {pid: (name, iso, lat, lon) for pid, name, iso, lat, lon in EXTRA_TOWNS}
    for pid, (name, iso, lat, lon) in towns.items():
        extra.append((pid, name, "city", iso, lat, lon))
    # Villages grow with N (none below 250 events, 400 at most) so large collections have more distinct places.
    for k in range(min(400, n // 250)):
        anchor = towns[rng.choice(VILLAGE_ANCHORS)]
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        name = f"{rng.choice(('In ', 'Tin ', '', ''))}{name}"
        lat = min(max(anchor[2] + rng.uniform(-1.2, 1.2), FRAME["lat"][0]), FRAME["lat"][1])
        lon = min(max(anchor[3] + rng.uniform(-1.2, 1.2), FRAME["lon"][0]), FRAME["lon"][1])
        extra.append((f"{slug(name)}-{k + 1}", name, rng.choice(("city", "city", "site")), anchor[1], lat, lon))
    for pid, name, kind, iso, lat, lon in extra:
        if pid in taken:  # the bundled gazetteer wins; never write a duplicate id
            continue
        taken.add(pid)
        row = [""] * len(header)
        for key, value in (("id", pid), ("name", name), ("kind", kind), ("country", iso)):
            row[column[key]] = value
        row[column["lat"]], row[column["lon"]] = f"{lat:.4f}", f"{lon:.4f}"
        row[column["coord_source"]] = SYNTHETIC_COORDS
        bundled.append(row)
        places.append(Place(pid, name, kind, iso))
    return [header, *bundled], places


def _where(place: Place) -> str:
    return f"near {place.name}" if place.kind in ("city", "site") else f"in {place.name}"


def _event(i: int, rng: random.Random, when: _Dates, places: list[Place], countries: dict[str, Place]) -> Event:
    """One event row and the sentence of the source it quotes (the sentence's end is added later)."""
    category = rng.choices(_CATEGORIES, cum_weights=_CATEGORY_CUM)[0]
    place_count = rng.choices((0, 1, 2), cum_weights=_PLACE_COUNT_CUM)[0]
    chosen = rng.sample(places, place_count)
    where = " and ".join(_where(p) for p in chosen) if chosen else "in the region"
    fatalities = fatalities_text = ""
    if category == "attack":
        group = rng.choice(GROUPS)
        verb, noun = rng.choice(ATTACKS)
        actors = [group]
        body = f"{group} fighters {verb} {where}"
        title = f"{group} {noun}"
        if rng.random() < 0.6:
            count = rng.choice((rng.randint(1, 30), rng.randint(1, 30), rng.randint(30, 200)))
            fatalities = str(count)
            fatalities_text = rng.choice(("killing {} people", "leaving at least {} dead", "killing {}")).format(count)
            body += f", {fatalities_text}"
    elif category == "organisation":
        group = rng.choice(GROUPS)
        verb, noun = rng.choice(ORGANISATION)
        actors = [group]
        body, title = f"{group} {verb} {where}", f"{group} {noun}"
    elif category == "leadership":
        person, group = rng.choice(LEADERS), rng.choice(GROUPS)
        verb, noun = rng.choice(LEADERSHIP)
        actors = [person, group]
        body, title = f"{person}, a commander of {group}, {verb} {where}", f"{person} {noun}"
    elif category == "state-response":
        state = rng.choice(STATES)
        verb, noun = rng.choice(STATE_RESPONSES)
        actors = [state] + ([rng.choice(GROUPS)] if rng.random() < 0.5 else [])
        body, title = f"{state} {verb} {where}", f"{_upper_first(state)}: {noun}"
    else:
        text, noun = rng.choice(CONTEXT)
        actors = []
        body, title = f"{_lower_first(text)} {where}", noun
    if chosen:
        title += f" ({chosen[0].name})"

    basis = rng.choices(_BASES, cum_weights=_BASIS_CUM)[0]
    note = ""
    if basis == "stated":
        start, end, phrase, key = when.stated()
        date_text = _lower_first(phrase)
        sentence = f"{phrase}, {body}"
    elif basis == "derived":
        start, end, phrase, note, key = when.derived()
        date_text = phrase
        sentence = f"{_upper_first(phrase)}, {body}"
    else:
        start, end, note, key = when.inferred()
        date_text = "(no date in the source)"
        sentence = _upper_first(body)
    if end and rng.random() < 0.5:
        start, end = f"{start}/{end}", ""  # the other way an editor writes a range: one 'start/end' cell

    added: list[str] = []
    place_note = ""
    city = next((p for p in chosen if p.kind in ("city", "site") and p.country in countries), None)
    if city is not None and countries[city.country] not in chosen and rng.random() < 0.1:
        added = [countries[city.country].id]
        place_note = f"The source names {city.name} only; its country was added by the editors."

    row = {
        "id": f"{slug(title)[:48].strip('-')}-{i + 1}",
        "kind": "event",
        "title": title,
        "start": start,
        "end": end,
        "date_text": date_text,
        "date_basis": basis,
        "date_note": note,
        "category": category,
        "actors": "; ".join(actors),
        "places": "; ".join(p.id for p in chosen),
        "places_added": "; ".join(added),
        "place_note": place_note,
        "fatalities": fatalities,
        "fatalities_text": fatalities_text,
        "summary": f"{title}, {date_text}. {rng.choice(SUMMARY_TAILS)}",
        "source": "",
        "quote": "",
    }
    return Event(row, key, sentence)


def _era(i: int, name: str, subject: str, first: int, last: int, place: str) -> Event:
    sentence = f"{subject} lasted from {first} to {last}"
    row = dict.fromkeys(EVENT_COLUMNS, "")
    row.update(
        id=f"{slug(name)}-era-{i + 1}",
        kind="era",
        title=name,
        start=str(first),
        end=str(last),
        date_text=f"from {first} to {last}",
        date_basis="stated",
        category="context",
        places=place,
        summary=f"{subject}, shown as a background era.",
    )
    return Event(row, (first, 0, 0), sentence)


def make_collection(n: int, folder: str | Path, seed: int = DEFAULT_SEED) -> dict[str, int | float]:
    """Write a collection of `n` events (eras included) to `folder`; return counts, sizes and seconds."""
    if n < 1:
        raise ValueError("a collection needs at least one event")
    began = time.perf_counter()
    folder = Path(folder)
    _prepare(folder)
    rng = random.Random(seed)
    place_rows, places = _places(rng, n)
    countries = {p.country: p for p in places if p.kind == "country"}
    when = _Dates(rng)

    eras = [_era(i, *ERAS[i]) for i in range(min(len(ERAS), max(1, n // 10), n))]
    events = eras + [_event(len(eras) + i, rng, when, places, countries) for i in range(n - len(eras))]
    # A chronicle tells its story in order: sort, then cut into one source per EVENTS_PER_SOURCE events.
    events.sort(key=lambda e: e.sort_key)
    source_count = max(1, -(-n // EVENTS_PER_SOURCE))
    sources = []
    (folder / "sources").mkdir()
    text_bytes = 0
    for k in range(source_count):
        chunk = events[k * EVENTS_PER_SOURCE : (k + 1) * EVENTS_PER_SOURCE]
        source_id = f"chronicle-{k + 1:03d}"
        sources.append(
            {
                "id": source_id,
                "title": f"Synthetic Sahel chronicle, part {k + 1}",
                "kind": "synthetic chronicle",
                "file": f"sources/{source_id}.txt",
                "note": f"Generated by bench/make_collection.py (seed {seed}); not a real source.",
            }
        )
        text = _source_text(rng, k, chunk, source_id)
        data = text.encode("utf-8")
        (folder / "sources" / f"{source_id}.txt").write_bytes(data)
        text_bytes += len(data)

    # Events were generated in date order for the sources; the CSV keeps eras first, then chronological.
    with (folder / "events.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(EVENT_COLUMNS)
        ordered = sorted(events, key=lambda e: e.row["kind"] != "era")
        writer.writerows([e.row[column] for column in EVENT_COLUMNS] for e in ordered)
    with (folder / "places.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(place_rows)
    meta = {
        "id": f"synthetic-{n}",
        "title": f"Synthetic Sahel chronicle ({n:,} events)",
        "description": f"{n:,} generated events for benchmarks (seed {seed}); not history.",
        "sources": sources,
    }
    (folder / "collection.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    stats: dict[str, int | float] = {
        "events": n,
        "eras": len(eras),
        "sources": source_count,
        "places": len(place_rows) - 1,
        "source_bytes": text_bytes,
        "events_csv_bytes": (folder / "events.csv").stat().st_size,
    }
    manifest = {"generator": "bench/make_collection.py", "version": GENERATOR_VERSION, "seed": seed, **stats}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    stats["seconds"] = time.perf_counter() - began
    return stats


def _source_text(rng: random.Random, k: int, chunk: list[Event], source_id: str) -> str:
    """The chronicle part quoting `chunk`: paragraphs of event sentences with filler between them."""
    paragraphs = [f"Synthetic Sahel chronicle, part {k + 1}", "Generated text for benchmarks. Not history."]
    sentences: list[str] = []
    for number, event in enumerate(chunk, start=1):
        # The entry number makes every sentence unique, so each quote is found exactly where it was put.
        sentence = f"{event.sentence}, according to entry {number} of this part."
        event.row["source"] = source_id
        event.row["quote"] = sentence
        sentences.append(sentence)
        # About 2.5 filler sentences per quote: ~300 KB per 1,000 events, like a long report.
        for _ in range(rng.randint(1, 4)):
            sentences.append(rng.choice(FILLERS))
        if len(sentences) >= rng.randint(6, 14):
            paragraphs.append(" ".join(sentences))
            sentences = []
    if sentences:
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs) + "\n"


def _prepare(folder: Path) -> None:
    """An empty folder to write into; only a folder this script made before may be replaced."""
    if folder.exists():
        if not (folder / MANIFEST).exists() and any(folder.iterdir()):
            raise SystemExit(f"{folder} exists and was not made by this script; refusing to overwrite it")
        shutil.rmtree(folder)
    folder.mkdir(parents=True)


def read_manifest(folder: str | Path) -> dict | None:
    """The manifest of a folder this script made, or None."""
    try:
        return json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_current(folder: str | Path, n: int, seed: int = DEFAULT_SEED) -> bool:
    """True when `folder` already holds this generator's output for `n` and `seed` (so it can be reused)."""
    manifest = read_manifest(folder)
    return bool(
        manifest and manifest.get("version") == GENERATOR_VERSION and manifest.get("events") == n
        and manifest.get("seed") == seed
    )  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of events (eras included)")
    parser.add_argument("dir", type=Path, help="folder to write (replaced if this script made it before)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    args = parser.parse_args(argv)
    stats = make_collection(args.n, args.dir, args.seed)
    print(
        f"{args.dir}: {stats['events']:,} events ({stats['eras']} eras), {stats['sources']} source(s) "
        f"({stats['source_bytes'] / 1e6:.1f} MB), {stats['places']} places, "
        f"events.csv {stats['events_csv_bytes'] / 1e6:.1f} MB, in {stats['seconds']:.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
