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

from timeline.core.problems import CollectionError, Problem
from timeline.load import schema
from timeline.load.checks import duplicate_ids
from timeline.load.csvfile import read_rows
from timeline.load.events import events_from_rows, read_event_rows
from timeline.load.frames import places_frame
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
    known = events["id"].tolist() if events_clean else None
    lessons = load_lessons(folder, known, problems, meta.get("id", folder.name))
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
    problems.extend(duplicate_ids([(row.line, place.id) for row, place in good], label))
    return places_frame([place for _, place in good])


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


def _read_events(
    folder: Path, sources: dict[str, Source], places: pd.DataFrame, problems: list[Problem], report=None
) -> pd.DataFrame:
    report = report or (lambda _stage: None)
    label = _label(folder, "events.csv")
    report("reading events.csv")
    with _no_collector():
        rows, found = read_event_rows(folder / "events.csv", label)
        problems.extend(found)
        return events_from_rows(rows, label, sources, places, problems, report)


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
