"""The bundled AQIM collection: it loads, every quote is in the source, and dates keep the source's precision.

Integrity checks read the files with the csv and json modules and compare text with a regex of their
own, so they hold the data to account independently of timeline.load.csvfile and timeline.load.sourcetext.
"""

from __future__ import annotations

import csv
import json
from collections import Counter

import pandas as pd
import pytest
from helpers import AQIM, normalise

from timeline.load.collection import Collection


def _read_csv(name: str) -> list[dict[str, str]]:
    with (AQIM / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def _ids(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


EVENTS = _read_csv("events.csv")
PLACES = _read_csv("places.csv")


def test_bundled_collection_loads_every_row(aqim: Collection) -> None:
    assert len(aqim.events) == len(EVENTS) > 0
    assert len(aqim.places) == len(PLACES) > 0
    assert set(aqim.events["id"]) == {row["id"] for row in EVENTS}


@pytest.mark.parametrize("row", EVENTS, ids=[row["id"] for row in EVENTS])
def test_quote_is_verbatim_in_its_source(row: dict[str, str]) -> None:
    meta = json.loads((AQIM / "collection.json").read_text(encoding="utf-8"))
    files = {source["id"]: source["file"] for source in meta["sources"]}
    assert row["source"] in files
    text = (AQIM / files[row["source"]]).read_text(encoding="utf-8")
    quote = normalise(row["quote"])
    assert len(quote) >= 20, "a quote this short proves little"
    assert quote in normalise(text)


def test_every_place_id_is_in_the_gazetteer() -> None:
    known = {row["id"] for row in PLACES}
    used = {
        (row["id"], place) for row in EVENTS for column in ("places", "places_added") for place in _ids(row[column])
    }
    assert used, "the events name no places at all"
    assert {(event, place) for event, place in used if place not in known} == set()


@pytest.mark.parametrize("rows", [EVENTS, PLACES], ids=["events", "places"])
def test_ids_are_unique(rows: list[dict[str, str]]) -> None:
    counts = Counter(row["id"] for row in rows)
    assert [ident for ident, count in counts.items() if count > 1] == []


@pytest.mark.parametrize(
    ("event_id", "start", "precision"),
    [
        ("aqim-founded", "2007", "year"),
        ("mali-coup", "2012", "year"),
        ("jnim-formed", "2017-03", "month"),
        ("droukdel-killed", "2020-06", "month"),
        ("radisson-blu-attack", "2015-11", "month"),
    ],
)
def test_headline_events_keep_the_source_precision(aqim: Collection, event_id: str, start: str, precision: str) -> None:
    event = aqim.event(event_id)
    assert event is not None
    assert (event["start"], event["end"], event["precision"]) == (start, "", precision)
    assert event["date_basis"] == "stated"


def test_radisson_blu_place_bamako_is_added_not_stated(aqim: Collection) -> None:
    event = aqim.event("radisson-blu-attack")
    places = {place["id"]: place for place in event["places"]}
    assert places["bamako"]["added"] is True
    assert places["mali"]["added"] is False
    assert "bamako" in event["places_added"] and "bamako" not in event["place_ids"]
    assert event["place_note"]


def test_annabi_date_is_derived_and_approximate(aqim: Collection) -> None:
    event = aqim.event("annabi-appointed")
    assert (event["date_basis"], event["start"]) == ("derived", "2020-11~")
    assert event["approximate"]
    assert (event["earliest"], event["latest"]) == (pd.Timestamp("2020-11-01"), pd.Timestamp("2020-11-30"))
    assert event["date_note"].strip()


@pytest.mark.parametrize("event_id", ["french-led-operation-mali", "abu-zaid-killed"])
def test_undated_events_are_inferred_with_a_note(aqim: Collection, event_id: str) -> None:
    event = aqim.event(event_id)
    assert event["date_basis"] == "inferred"
    assert event["date_note"].strip()


def test_expansion_is_a_decade(aqim: Collection) -> None:
    event = aqim.event("expansion-northern-mali")
    assert (event["start"], event["precision"]) == ("200X", "decade")
    assert event["earliest"] == pd.Timestamp("2000-01-01")
    assert event["latest"] == pd.Timestamp("2009-12-31")


def test_event_dtypes(aqim: Collection) -> None:
    events = aqim.events
    assert pd.api.types.is_datetime64_dtype(events["earliest"])
    assert pd.api.types.is_datetime64_dtype(events["latest"])
    assert events["fatalities"].dtype == "Int64"
    # Empty cells become missing values, never 0; filled ones keep their number.
    expected = {row["id"]: int(row["fatalities"]) for row in EVENTS if row["fatalities"]}
    assert expected, "the bundled data has no fatality figures to check"
    loaded = events.set_index("id")["fatalities"]
    assert loaded.dropna().to_dict() == expected


def test_every_derived_or_inferred_date_has_a_note(aqim: Collection) -> None:
    events = aqim.events
    not_stated = events[events["date_basis"] != "stated"]
    assert len(not_stated) > 0
    assert [row.id for row in not_stated.itertuples() if not row.date_note.strip()] == []


def test_events_are_sorted_by_earliest(aqim: Collection) -> None:
    earliest = aqim.events["earliest"]
    assert earliest.is_monotonic_increasing
    assert list(aqim.events.index) == list(range(len(aqim.events)))


def test_bounds_are_ordered(aqim: Collection) -> None:
    events = aqim.events
    assert (events["earliest"] <= events["latest"]).all()
