"""Rows of an events file -> the events DataFrame, with every problem of its rows and of their places and quotes.

Used for a collection folder's events.csv and for a file dropped on the explorer, which is
checked against the sources and gazetteer of the collection being viewed.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from itertools import chain, compress, repeat
from pathlib import Path

import pandas as pd

from timeline.core.problems import Problem
from timeline.i18n import gettext as _
from timeline.load import columnwise, schema, translations
from timeline.load.checks import duplicate_ids, source_problems
from timeline.load.csvfile import Row, parse_rows, read_rows
from timeline.load.frames import events_frame, record, to_frame
from timeline.load.sourcetext import Source


def read_event_rows(path: Path, label: str) -> tuple[list[Row], list[Problem]]:
    """The rows of an events.csv file; problems name `label`."""
    return read_rows(path, schema.EVENT_REQUIRED, schema.EVENT_OPTIONAL, label, _explain)


def parse_event_rows(raw: bytes, name: str) -> tuple[list[Row], list[Problem]]:
    """The rows of an events file's bytes (a dropped file); problems name `name`."""
    return parse_rows(raw, schema.EVENT_REQUIRED, schema.EVENT_OPTIONAL, name, _explain)


def _explain(column: str) -> str | None:
    return translations.column_problem(column, schema.EVENT_COLUMNS)


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
    report = report or (lambda _stage: None)
    report(f"checking {len(rows):,} events")
    if fast:
        good, columns, found = columnwise.validate_events(rows, label)
        lines = [row.line for row in good]
        ids = columns["id"]
        twice = len(set(ids)) < len(ids)  # else duplicate_ids has nothing to find
    else:
        checked, found = schema.validate_rows(schema.EventRow, rows, label)
        events = [(row, event.model_dump()) for row, event in checked]
        lines = [row.line for row, _ in events]
        ids = [event["id"] for _, event in events]
        twice = True
    problems.extend(found)
    if twice:
        problems.extend(duplicate_ids(zip(lines, ids, strict=True), label))
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
        return to_frame([record(event, gazetteer) for _, event in events])
    sentences: dict[int, frozenset[str]] = {}
    for index in _cross_check_suspects(columns, sources, gazetteer, sentences):
        event = {key: column[index] for key, column in columns.items()}
        problems.extend(_cross_checks(lines[index], event, sources, gazetteer, label, sentences))
    return events_frame(columns, gazetteer)


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
                found.append(
                    Problem(label, line, column, _("place '%(place)s' is not in places.csv") % {"place": place})
                )
    found.extend(
        source_problems(
            label,
            line,
            event["source"],
            event["quote"],
            sources,
            lambda source, quote: _quote_found(source, quote, sentences),
        )
    )
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

    (Only characters are replaced by NUL to cut there, so every piece stands in `text` as it is.) Not
    core.text's sentence rule on purpose: this is a fast first guess for quotes, some ten times quicker than
    any regex on a 5 MB source, and a quote it misses goes on to the quote finder, which uses that rule.
    """
    return frozenset(text.replace(". ", ".\0").replace("\n", "\0").replace("\r", "\0").split("\0")) - {""}
