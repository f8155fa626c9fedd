"""The play data the browser draws (timeline/figures/play.py): counted by the moment rules, aggregated per place.

Expected values are worked out here event by event with moments.state, the rule written for one event, so
the aggregation (difference arrays over places and stops) is checked against the plain rule.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from timeline.figures.map import explode_places
from timeline.figures.play import count_text, play_data, stop_name
from timeline.i18n import use
from timeline.load.collection import load_collection
from timeline.query import search
from timeline.query.moments import NOW, play_stops, state, stops_between
from timeline.web.pages.explore_data import ExploreData
from timeline.web.pages.explore_play import play_payload

COLLECTION = load_collection()
EVENTS = COLLECTION.events


def expected_by_place(events: pd.DataFrame, stops, k: int) -> tuple[dict[str, int], set[str], dict[str, bool]]:
    """(events of the moment per place id, places with earlier events only, whether a place's now-events are all loose)."""
    m0, m1 = pd.Timestamp(stops.edges[k]), pd.Timestamp(stops.edges[k + 1])
    now: dict[str, int] = {}
    earlier: set[str] = set()
    loose: dict[str, bool] = {}
    for event in events.itertuples():
        where = state(event.earliest, event.latest, event.open_end, m0, m1)
        is_loose = event.date_basis == "inferred" or event.approximate or event.uncertain
        for place in event.places:
            if where == NOW:
                now[place["id"]] = now.get(place["id"], 0) + 1
                loose[place["id"]] = loose.get(place["id"], True) and is_loose
            elif where == "earlier":
                earlier.add(place["id"])
    return now, earlier - set(now), loose


def place_ids(events: pd.DataFrame) -> list[str]:
    """The data's places in its order: first appearance in the exploded rows."""
    return list(dict.fromkeys(explode_places(events)["place_id"]))


@pytest.mark.parametrize("window", [None, ["2011-06-01", "2014-02-01"]])
def test_every_stop_counts_what_the_rule_says_place_by_place(window):
    events = search.in_window(EVENTS, *(pd.Timestamp(w) for w in window)) if window else EVENTS
    stops = play_stops(events, window)
    data = play_data(events, stops)
    ids = place_ids(events)
    assert data["edtf"] == [stops.edtf(k) for k in range(len(stops))]
    for k in range(len(stops)):
        now, earlier, loose = expected_by_place(events, stops, k)
        got_now = {ids[entry[0]]: entry[1] for entry in data["now"][k]}
        assert got_now == now, stops.edtf(k)
        assert {ids[p] for p in data["earlier"][k]} == earlier, stops.edtf(k)
        assert {ids[entry[0]]: bool(entry[5]) for entry in data["now"][k]} == loose, stops.edtf(k)
        begun = (events["earliest"] < pd.Timestamp(stops.edges[k + 1])).sum()
        assert data["counts"][k] == count_text(stops, k, begun)


def test_2012_on_the_map_of_the_bundled_collection():
    stops = play_stops(EVENTS)
    data = play_data(EVENTS, stops)
    k = data["edtf"].index("2012")
    names = {entry[0]: data["places"][entry[0]][5] for entry in data["now"][k]}
    by_name = {names[entry[0]]: entry for entry in data["now"][k]}
    with use("en"):
        assert data["names"][k] == "2012" and data["counts"][k] == "12 events by 2012"
    # Northern Mali: the towns taken and Abu Zaid's death, both dated by inference: a hollow numbered marker.
    north = by_name["northern Mali (region)"]
    assert north[1] == 2 and north[3] == "circle-open-dot" and north[5] == 1 and north[6] == 1  # numbered
    assert data["colours"][north[2]] == "#37474f"
    # Algeria: Droukdel's tenure (2007 to June 2020, derived): one event, the leadership colour, filled.
    algeria = by_name["Algeria (country)"]
    assert algeria[1] == 1 and data["colours"][algeria[2]] == "#CC79A7" and algeria[5] == 0
    # Burkina Faso and Niger are not on the map yet; by 2018 Ouagadougou is, and the 2015 places are faded.
    assert not any("Burkina" in name or "Niger" in name for name in names.values())
    k2018 = data["edtf"].index("2018")
    now_2018 = {data["places"][entry[0]][5] for entry in data["now"][k2018]}
    assert "Ouagadougou (city)" in now_2018
    assert "central Mali (region)" in {data["places"][p][5] for p in data["earlier"][k2018]}


def test_countries_are_shaded_by_the_events_begun_by_the_moment():
    stops = play_stops(EVENTS)
    data = play_data(EVENTS, stops)
    countries = data["countries"]
    bfa = countries["locations"].index("BFA")
    for k in range(len(stops)):
        end = pd.Timestamp(stops.edges[k + 1])
        begun = EVENTS[EVENTS["earliest"] < end]
        expected = sum("BFA" in codes for codes in begun["countries"])
        assert countries["z"][k][bfa] == (expected or None), data["edtf"][k]
    assert countries["zmax"] == max(max(v or 0 for v in z) for z in countries["z"])


def test_the_list_follows_event_by_event_up_to_its_limit():
    data = play_data(EVENTS, play_stops(EVENTS), listed=5)
    assert [event[0] for event in data["events"]] == list(EVENTS["id"][:5])
    first = data["events"][0]
    assert first[1] == int(np.datetime64("1991-01-01", "D").astype(np.int64))
    assert first[2] == int(np.datetime64("2002-12-31", "D").astype(np.int64))
    loose = {event[0]: event[4] for event in play_data(EVENTS, play_stops(EVENTS))["events"]}
    assert loose["northern-towns-control"] == 1 and loose["jnim-formed"] == 0


def test_the_data_is_json_and_grows_with_places_and_stops_not_with_events():
    small = json.dumps(play_data(EVENTS, play_stops(EVENTS), listed=100))
    # The same 22 events 500 times over (11,000 events at the same places and dates).
    copies = pd.concat([EVENTS.assign(id=EVENTS["id"] + f"-{n}") for n in range(500)], ignore_index=True).sort_values(
        ["earliest", "latest", "id"], kind="stable"
    )
    large = play_data(copies, play_stops(copies), listed=100)
    assert len(large["places"]) == len(json.loads(small)["places"])
    assert len(json.dumps(large)) < 2 * len(small)
    k = large["edtf"].index("2012")
    assert large["counts"][k] == f"{12 * 500:,} events by 2012"


def test_only_the_busiest_places_of_a_moment_are_numbered():
    # 40 places, each with a different number of events (2 to 41) in 2012.
    base = EVENTS[EVENTS["id"] == "mali-coup"].iloc[0]
    rows = []
    for p in range(40):
        place = {**base["places"][0], "id": f"place-{p}", "name": f"Place {p}", "lat": 10.0 + p / 10}
        rows += [{**base.to_dict(), "id": f"e-{p}-{n}", "places": [place]} for n in range(p + 2)]
    events = pd.DataFrame(rows)
    data = play_data(events, stops_between("2012-01-01", "2012-12-31", "year"))
    (entries,) = data["now"]
    numbered = sorted(entry[1] for entry in entries if entry[6])
    assert numbered == list(range(12, 42))  # the 30 busiest, out of 40


def test_filters_and_the_window_restrict_what_plays():
    data = ExploreData.build(COLLECTION, {})
    attacks = search.apply(EVENTS, search.Filters(categories=("attack",)))
    with use("en"):
        payload = play_payload(data, search.Filters(categories=("attack",)), None)
        assert payload["counts"][-1] == f"{len(attacks)} events by {payload['names'][-1]}"
        assert payload["names"][0] == str(attacks["earliest"].min().year)
        assert {event[0] for event in payload["events"]} == set(attacks["id"])
        zoomed = play_payload(data, search.Filters(), ["2015-01-01", "2016-12-31"], at="2016-02")
        assert zoomed["unit"] == "month" and zoomed["edtf"][zoomed["start"]] == "2016-02"
        nothing = play_payload(data, search.Filters(text="zzzzzz"), None)
        assert nothing["names"] == [] and nothing["start"] is None


def test_a_moment_is_named_by_its_stop_in_the_readers_language():
    months = stops_between("2017-03-01", "2017-05-31")
    years = stops_between("2000-01-01", "2020-12-31", "year")
    decades = stops_between("1700-01-01", "2000-12-31")
    with use("en"):
        assert (stop_name(months, 0), stop_name(years, 12)) == ("March 2017", "2012")
        assert count_text(years, 12, 9) == "9 events by 2012"
        assert count_text(years, 12, 1) == "1 event by 2012"
        assert count_text(decades, 30, 9) == "the 2000s: 9 events so far"
    with use("fr"):
        assert count_text(months, 0, 12) == "12 événements jusqu’en mars 2017"
        assert count_text(decades, 30, 2) == "les années 2000 : 2 événements jusque-là"
    with use("ar"):
        assert count_text(years, 12, 2) == "حدثان حتى 2012"
        assert count_text(years, 12, 9) == "9 أحداث حتى 2012"
