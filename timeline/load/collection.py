"""A collection folder -> validated DataFrames.

A collection folder holds:
    collection.json    id, title, description and the list of sources
    sources/*.txt      the source texts every event quotes
    events.csv         one row per event (see schema.EVENT_COLUMNS)
    places.csv         the gazetteer the events' places resolve through
    aliases.csv        optional: other names of actors, used by search
    lessons/*.yaml     optional: lessons, ordered selections of events (see lessons.py)
    organisations.csv, relations.csv, people.csv, roles.csv
                       optional: organisations, their lineage, people and roles (see lineage.py)

`load_collection` returns everything or raises CollectionError listing every
problem; it never hands back part of a collection.
"""

from __future__ import annotations

import gc
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from timeline.core import dates
from timeline.core.problems import CollectionError, Problem
from timeline.load import columnwise, schema, sourcetext
from timeline.load.csvfile import Row, read_rows
from timeline.load.lessons import Lesson, load_lessons
from timeline.load.lineage import empty, load_lineage
from timeline.load.sourcetext import Source

BUNDLED = Path(__file__).resolve().parents[2] / "data" / "aqim"


@dataclass(frozen=True)
class Collection:
    path: Path
    id: str
    title: str
    description: str
    sources: dict[str, Source]
    events: pd.DataFrame
    places: pd.DataFrame
    aliases: dict[str, list[str]] = field(default_factory=dict)
    lessons: dict[str, Lesson] = field(default_factory=dict)
    organisations: pd.DataFrame = field(default_factory=lambda: empty("organisations"))
    relations: pd.DataFrame = field(default_factory=lambda: empty("relations"))
    people: pd.DataFrame = field(default_factory=lambda: empty("people"))
    roles: pd.DataFrame = field(default_factory=lambda: empty("roles"))
    kind: str = ""  # "imported": quotes are the imported timeline's own text, not an independent source

    def event(self, event_id: str) -> pd.Series | None:
        match = self.events[self.events["id"] == event_id]
        return None if match.empty else match.iloc[0]


def load_collection(path: str | Path = BUNDLED, progress: Callable[[str], None] | None = None) -> Collection:
    """Read and validate a collection folder; raise CollectionError with every problem.

    `progress`, if given, is told each stage (see progress.Progress).
    """
    report = progress or (lambda _stage: None)
    folder = Path(path)
    if not folder.is_dir():
        raise CollectionError(
            [Problem(str(folder), None, None, "not a folder; expected a collection folder with events.csv")]
        )
    problems: list[Problem] = []
    report("reading sources and places")
    meta = _read_meta(folder, problems)
    sources = _read_sources(folder, meta, problems)
    places = _read_places(folder, problems)
    aliases = _read_aliases(folder, problems)
    events = _read_events(folder, sources, places, problems, report)
    report("checking lessons and organisations")
    # Ids are checked only against a clean events.csv: a broken row is reported there, not as an unknown id.
    events_clean = not any(problem.file == _label(folder, "events.csv") for problem in problems)
    lessons = load_lessons(folder, events["id"].tolist() if events_clean else None, problems)
    lineage = load_lineage(folder, sources, problems)
    if problems:
        raise CollectionError(problems)
    return Collection(
        path=folder,
        id=meta.get("id", folder.name),
        title=meta.get("title", folder.name),
        description=meta.get("description", ""),
        sources=sources,
        events=events,
        places=places,
        aliases={**lineage.aliases, **aliases},  # aliases.csv adds to (or overrides) the organisations' names
        lessons=lessons,
        organisations=lineage.organisations,
        relations=lineage.relations,
        people=lineage.people,
        roles=lineage.roles,
        kind=meta.get("kind", ""),
    )


def _label(folder: Path, name: str) -> str:
    return str(folder / name)


def _read_meta(folder: Path, problems: list[Problem]) -> dict:
    path = folder / "collection.json"
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(Problem(str(path), None, None, "file not found; it names the collection and its sources"))
        return {}
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        problems.append(Problem(str(path), line, None, f"not valid UTF-8 JSON ({exc})"))
        return {}
    if not isinstance(meta, dict) or not isinstance(meta.get("sources"), list):
        problems.append(Problem(str(path), None, "sources", "expected an object with a 'sources' list"))
        return {}
    return meta


def _read_sources(folder: Path, meta: dict, problems: list[Problem]) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    meta_file = str(folder / "collection.json")
    for index, entry in enumerate(meta.get("sources", []), start=1):
        where = f"sources[{index}]"
        if not isinstance(entry, dict):
            problems.append(Problem(meta_file, None, where, "expected an object with id, title and file"))
            continue
        missing = [key for key in ("id", "title", "file") if not entry.get(key)]
        if missing:
            problems.append(Problem(meta_file, None, where, f"missing {', '.join(missing)}"))
            continue
        path = folder / entry["file"]
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            problems.append(Problem(meta_file, None, where, f"source file {path} not found"))
            continue
        except UnicodeDecodeError:
            problems.append(Problem(str(path), None, None, "source text is not UTF-8"))
            continue
        sources[entry["id"]] = Source(
            entry["id"], entry["title"], entry.get("kind", ""), entry["file"], entry.get("note", ""), text
        )
    return sources


def _read_places(folder: Path, problems: list[Problem]) -> pd.DataFrame:
    label = _label(folder, "places.csv")
    rows, found = read_rows(folder / "places.csv", schema.PLACE_REQUIRED, (), label)
    problems.extend(found)
    good, found = schema.validate_rows(schema.PlaceRow, rows, label)
    problems.extend(found)
    problems.extend(_duplicate_ids([(row.line, place.id) for row, place in good], label))
    return places_frame([place for _, place in good])


def places_frame(places: list[schema.PlaceRow]) -> pd.DataFrame:
    """The gazetteer as a DataFrame indexed by place id (an imported timeline's is empty)."""
    frame = pd.DataFrame([place.model_dump() for place in places], columns=list(schema.PlaceRow.model_fields))
    return frame.drop_duplicates("id").set_index("id", drop=False)


def _read_aliases(folder: Path, problems: list[Problem]) -> dict[str, list[str]]:
    path = folder / "aliases.csv"
    if not path.exists():
        return {}
    label = _label(folder, "aliases.csv")
    rows, found = read_rows(path, schema.ALIAS_REQUIRED, (), label)
    problems.extend(found)
    good, found = schema.validate_rows(schema.AliasRow, rows, label)
    problems.extend(found)
    return {alias.name: alias.aliases for _, alias in good}


def _duplicate_ids(lines_ids: list[tuple[int, str]], label: str) -> list[Problem]:
    first_line: dict[str, int] = {}
    problems = []
    for line, ident in lines_ids:
        if ident in first_line:
            problems.append(Problem(label, line, "id", f"'{ident}' is used already on line {first_line[ident]}"))
        else:
            first_line[ident] = line
    return problems


def _read_events(
    folder: Path, sources: dict[str, Source], places: pd.DataFrame, problems: list[Problem], report=None
) -> pd.DataFrame:
    report = report or (lambda _stage: None)
    label = _label(folder, "events.csv")
    report("reading events.csv")
    with _no_collector():
        rows, found = read_rows(folder / "events.csv", schema.EVENT_REQUIRED, schema.EVENT_OPTIONAL, label)
        problems.extend(found)
        return events_from_rows(rows, label, sources, places, problems, report)


def events_from_rows(
    rows: list[Row],
    label: str,
    sources: dict[str, Source],
    places: pd.DataFrame,
    problems: list[Problem],
    report: Callable[[str], None] | None = None,
    fast: bool = True,
) -> pd.DataFrame:
    """Rows of an events file -> the events DataFrame; problems (naming `label`) are appended, not raised.

    `fast=False` is the plain way, every row through pydantic, one record per event and
    Source.finder for every quote, that tests/test_fast_validation.py holds the fast way to.

    It leaves the garbage collector alone: an upload runs it inside a request, on one of a threaded
    server's threads, where pausing the collector would pause it for every other request too.
    """
    return _checked_events(rows, label, sources, places, problems, report, fast)


@contextmanager
def _no_collector() -> Iterator[None]:
    # A load makes a few objects per cell, none of them in a cycle; the collector's passes over
    # everything alive (the rows included) took seconds at 100,000 events, for nothing to collect.
    # The collector is process-wide state: it is paused only for loads at start-up or on the command
    # line (the main thread), never on a request thread (tests/test_collector.py).
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _checked_events(
    rows: list[Row],
    label: str,
    sources: dict[str, Source],
    places: pd.DataFrame,
    problems: list[Problem],
    report: Callable[[str], None] | None,
    fast: bool,
) -> pd.DataFrame:
    report = report or (lambda _stage: None)
    report(f"checking {len(rows):,} events")
    if fast:
        good, columns, found = columnwise.validate_events(rows, label)
        lines = [row.line for row in good]
        ids = columns["id"]
        twice = len(set(ids)) < len(ids)  # else _duplicate_ids has nothing to find
    else:
        checked, found = schema.validate_rows(schema.EventRow, rows, label)
        events = [(row, event.model_dump()) for row, event in checked]
        lines = [row.line for row, _ in events]
        ids = [event["id"] for _, event in events]
        twice = True
    problems.extend(found)
    if twice:
        problems.extend(_duplicate_ids(list(zip(lines, ids, strict=True)), label))
    # Rows of places.csv as plain dicts: a DataFrame lookup per event place dominated loading.
    gazetteer = {
        row.id: {
            "id": row.id,
            "name": row.name,
            "kind": row.kind,
            "country": row.country,
            "lat": float(row.lat),
            "lon": float(row.lon),
        }
        for row in places.itertuples()
    }
    report(f"checking places and quotes of {len(lines):,} events")
    if not fast:
        for row, event in events:
            problems.extend(_cross_checks(row.line, event, sources, gazetteer, label))
        return to_frame([_record(event, gazetteer) for _, event in events])
    sentences: dict[int, frozenset[str]] = {}
    for index in _cross_check_suspects(columns, sources, gazetteer, sentences):
        event = {key: column[index] for key, column in columns.items()}
        problems.extend(_cross_checks(lines[index], event, sources, gazetteer, label, sentences))
    return _events_frame(columns, gazetteer)


def _cross_check_suspects(
    columns: dict[str, list],
    sources: dict[str, Source],
    gazetteer: dict[str, dict],
    sentences: dict[int, frozenset[str]],
) -> list[int]:
    """Indexes of the events _cross_checks might find a problem with; it finds none with the others.

    Places and sources are checked as sets of distinct ids, quotes against the sentences of
    their source (see _quote_found), which `sentences` keeps for _cross_checks.
    """
    import operator
    from itertools import chain, compress, repeat

    suspects: set[int] = set()
    for column in ("places", "places_added"):
        unknown = set(chain.from_iterable(columns[column])).difference(gazetteer)
        if unknown:
            suspects.update(i for i, pids in enumerate(columns[column]) if not unknown.isdisjoint(pids))
    by_source: dict[str, frozenset[str]] = {}
    for source_id in set(columns["source"]):
        source = sources.get(source_id)
        if source is not None and "finder" not in source.__dict__:
            if id(source) not in sentences:
                sentences[id(source)] = _sentences(source.text)
            by_source[source_id] = sentences[id(source)]
    # An event is clear if its source is known and its quote (stripped, as the finder strips it) is one of its sentences.
    clear = list(map(operator.contains, map(by_source.get, columns["source"], repeat(frozenset())), map(str.strip, columns["quote"])))  # fmt: skip
    if not all(clear):
        suspects.update(compress(range(len(clear)), map(operator.not_, clear)))
    return sorted(suspects)


def _cross_checks(
    line: int, event: dict, sources, places, label: str, sentences: dict[int, frozenset[str]] | None = None
) -> list[Problem]:
    found = []
    for column in ("places", "places_added"):
        for place in event[column]:
            if place not in places:
                found.append(Problem(label, line, column, f"place '{place}' is not in places.csv"))
    source = sources.get(event["source"])
    if source is None:
        known = ", ".join(sources) or "none"
        found.append(
            Problem(label, line, "source", f"unknown source '{event['source']}' (sources in collection.json: {known})")
        )
    elif not _quote_found(source, event["quote"], sentences):
        hint = sourcetext.mismatch_hint(source.text, event["quote"])
        found.append(Problem(label, line, "quote", f"not found word for word in source '{event['source']}': {hint}"))
    return found


def _quote_found(source: Source, quote: str, sentences: dict[int, frozenset[str]] | None) -> bool:
    """source.finder.find(quote) is not None, answered first, where it can be, from the source's sentences.

    Building a QuoteFinder costs about 20 ms for 270 KB of text, cutting it into sentences a
    tenth of that, and most quotes are whole sentences. A quote that is one of the pieces is in
    the text, so the finder would find it; for any other quote the finder decides. A finder
    built already is used at once.
    """
    if sentences is not None and "finder" not in source.__dict__:
        known = sentences.get(id(source))
        if known is None:
            known = sentences[id(source)] = _sentences(source.text)
        if quote.strip() in known:
            return True
    return source.finder.find(quote) is not None


def _sentences(text: str) -> frozenset[str]:
    """Pieces of `text` cut after each '. ' and at line ends: mostly its sentences, each one a piece of `text`.

    (Only characters are replaced by NUL to cut there, so every piece stands in `text` as it is.)
    """
    return frozenset(text.replace(". ", ".\0").replace("\n", "\0").replace("\r", "\0").split("\0")) - {""}


def _record(event: dict, gazetteer: dict[str, dict]) -> dict:
    span = dates.span(event["start"], event["end"])
    resolved = [
        {**gazetteer[pid], "added": added} for pids, added in ((event["places"], False), (event["places_added"], True))
        for pid in pids if pid in gazetteer
    ]  # fmt: skip
    return {
        **event,
        "earliest": span.earliest,
        "latest": span.latest,
        "precision": span.precision,
        "approximate": span.approximate,
        "uncertain": span.uncertain,
        "open_end": span.open_end,
        "places": resolved,
        "place_ids": list(event["places"]),
        "places_added": list(event["places_added"]),
        "countries": sorted({p["country"] for p in resolved if p["country"]}),
    }


FRAME_COLUMNS = (
    "id", "kind", "title", "summary", "start", "end", "date_text", "date_basis", "date_note",
    "earliest", "latest", "precision", "approximate", "uncertain", "open_end", "category", "actors",
    "places", "place_ids", "places_added", "place_note", "countries", "fatalities", "fatalities_text",
    "source", "quote", "status",
)  # fmt: skip


def to_frame(records: list[dict]) -> pd.DataFrame:
    """Event records -> the events DataFrame: chronological, with stable dtypes even when empty."""
    frame = pd.DataFrame(records, columns=list(FRAME_COLUMNS))
    frame["earliest"] = pd.to_datetime(frame["earliest"]).astype("datetime64[s]")
    frame["latest"] = pd.to_datetime(frame["latest"]).astype("datetime64[s]")
    frame["fatalities"] = frame["fatalities"].astype("Int64")
    frame["approximate"] = frame["approximate"].astype(bool)
    frame["uncertain"] = frame["uncertain"].astype(bool)
    frame["open_end"] = frame["open_end"].astype(bool)
    frame["precision"] = pd.Categorical(frame["precision"], categories=dates.PRECISIONS)
    frame["category"] = pd.Categorical(frame["category"], categories=list(schema.CATEGORIES))
    frame = frame.sort_values(["earliest", "latest", "id"], kind="stable").reset_index(drop=True)
    return frame


def _events_frame(columns: dict[str, list], gazetteer: dict[str, dict]) -> pd.DataFrame:
    """to_frame([_record(event, gazetteer) for event in events]) for the events in `columns`, built column by column.

    Only what differs from event to event is done per event in Python (the places resolved);
    dates are spanned once per distinct (start, end) pair, timestamps, precisions and
    categories become numpy values and codes, and the order comes from numpy's lexsort.
    """
    from itertools import repeat

    import numpy as np

    n = len(columns["id"])
    if n == 0:
        return to_frame([])
    # Dates: each distinct (start, end) pair is spanned once, in days (dates.span_days; to_frame's
    # Timestamps are all midnights, whose seconds these are).
    pairs = list(zip(columns["start"], columns["end"], strict=True))
    distinct = list(set(pairs))
    spans = [dates.span_days(start, end) for start, end in distinct]
    at = np.fromiter(map({pair: i for i, pair in enumerate(distinct)}.__getitem__, pairs), dtype=np.intp, count=n)
    earliest_days, latest_days, precisions, approximates, uncertains, open_ends = zip(*spans, strict=True)
    earliest = np.array(earliest_days, dtype="datetime64[D]").astype("datetime64[s]")[at]
    latest = np.array(latest_days, dtype="datetime64[D]").astype("datetime64[s]")[at]
    precision_codes = {name: code for code, name in enumerate(dates.PRECISIONS)}
    precision = np.array([precision_codes[name] for name in precisions], dtype=np.int8)[at]
    approximate = np.array(approximates, dtype=bool)[at]
    uncertain = np.array(uncertains, dtype=bool)[at]
    open_end = np.array(open_ends, dtype=bool)[at]
    # Places: resolved once per distinct pair of place lists, then a fresh dict for each place of each event.
    keys = list(zip(map(tuple, columns["places"]), map(tuple, columns["places_added"]), strict=True))
    resolved_by_key: dict[tuple, tuple[dict, ...]] = {}
    countries_by_key: dict[tuple, list[str]] = {}
    stated = {pid: {**place, "added": False} for pid, place in gazetteer.items()}
    added = {pid: {**place, "added": True} for pid, place in gazetteer.items()}
    for key in set(keys):
        pids, extra = key
        resolved = (*(stated[pid] for pid in pids if pid in stated), *(added[pid] for pid in extra if pid in added))
        resolved_by_key[key] = resolved
        countries_by_key[key] = sorted({place["country"] for place in resolved if place["country"]})
    resolved_places = list(map(list, map(map, repeat(dict), map(resolved_by_key.__getitem__, keys))))
    countries = list(map(list, map(countries_by_key.__getitem__, keys)))
    # By earliest, latest, id; stable, as sort_values(kind="stable") is.
    ids = columns["id"]
    try:
        by_id = np.array(ids, dtype="S")  # ids are slugs, ASCII without NUL: as bytes they sort as str
    except UnicodeEncodeError:
        by_id = np.empty(n, dtype=np.int64)
        by_id[sorted(range(n), key=ids.__getitem__)] = np.arange(n)
    order = np.lexsort((by_id, latest, earliest))

    def sort(values: list) -> np.ndarray:
        return np.fromiter(values, dtype=object, count=n)[order]

    category_codes = {name: code for code, name in enumerate(schema.CATEGORIES)}
    category = np.fromiter(map(category_codes.__getitem__, columns["category"]), dtype=np.int8, count=n)
    frame = {
        "earliest": earliest[order],
        "latest": latest[order],
        "precision": pd.Categorical.from_codes(precision[order], categories=list(dates.PRECISIONS)),
        "approximate": approximate[order],
        "uncertain": uncertain[order],
        "open_end": open_end[order],
        "category": pd.Categorical.from_codes(category[order], categories=list(schema.CATEGORIES)),
        "places": sort(resolved_places),
        "place_ids": sort(columns["places"]),
        "countries": sort(countries),
        # Through a Series of the plain values, as to_frame has it: the same dtype, the same error for absurd numbers.
        "fatalities": pd.Series(sort(columns["fatalities"]).tolist(), dtype=None).astype("Int64").array,
    }
    text = pd.Series(["text"]).dtype  # what pandas makes of a column of str ('str', or object if so configured)
    for name in ("actors", "places_added"):
        frame[name] = sort(columns[name])
    for name in FRAME_COLUMNS:
        if name not in frame:
            frame[name] = pd.array(sort(columns[name]), dtype=text)  # as inferred, without inferring
    return pd.DataFrame(frame, columns=list(FRAME_COLUMNS))
