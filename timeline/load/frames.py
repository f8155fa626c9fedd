"""Validated rows -> the DataFrames the rest of the tool reads: the events and the gazetteer.

The events frame adds to each event what every later stage needs and would otherwise work
out again: its date's bounds and precision, its places resolved to names and coordinates,
its countries. `to_frame` builds it from one record per event, the plain way;
`events_frame` builds the same frame column by column, which is what a load of 100,000
events can afford (tests/test_fast_validation.py compares them).
"""

from __future__ import annotations

from itertools import repeat

import numpy as np
import pandas as pd

from timeline.core import dates
from timeline.load import translations
from timeline.load.schema import PlaceRow
from timeline.load.vocabulary import CATEGORIES


def places_frame(places: list[PlaceRow]) -> pd.DataFrame:
    """The gazetteer as a DataFrame indexed by place id (an imported timeline's is empty)."""
    frame = pd.DataFrame([place.model_dump() for place in places], columns=list(PlaceRow.model_fields))
    return frame.drop_duplicates("id").set_index("id", drop=False)


def record(event: dict, gazetteer: dict[str, dict]) -> dict:
    """One event as EventRow dumps it -> its row of the events frame, places resolved through `gazetteer`."""
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
    "source", "quote", "status", *translations.COLUMNS,  # a translation left empty is "" (translations.translated)
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
    frame["category"] = pd.Categorical(frame["category"], categories=list(CATEGORIES))
    frame = frame.sort_values(["earliest", "latest", "id"], kind="stable").reset_index(drop=True)
    return frame


def events_frame(columns: dict[str, list], gazetteer: dict[str, dict]) -> pd.DataFrame:
    """to_frame([record(event, gazetteer) for event in events]) for the events in `columns`, built column by column.

    Only what differs from event to event is done per event in Python (the places resolved);
    dates are spanned once per distinct (start, end) pair, timestamps, precisions and
    categories become numpy values and codes, and the order comes from numpy's lexsort.
    """
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

    category_codes = {name: code for code, name in enumerate(CATEGORIES)}
    category = np.fromiter(map(category_codes.__getitem__, columns["category"]), dtype=np.int8, count=n)
    frame = {
        "earliest": earliest[order],
        "latest": latest[order],
        "precision": pd.Categorical.from_codes(precision[order], categories=list(dates.PRECISIONS)),
        "approximate": approximate[order],
        "uncertain": uncertain[order],
        "open_end": open_end[order],
        "category": pd.Categorical.from_codes(category[order], categories=list(CATEGORIES)),
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
