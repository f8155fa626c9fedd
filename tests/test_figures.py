"""Figures are pure functions of a DataFrame: checked through fig.to_dict(), no browser."""

from __future__ import annotations

import pandas as pd
import pytest

from timeline.collection import load_collection
from timeline.figures.map import country_counts, event_places, map_figure
from timeline.figures.timeline import lane_rows, timeline_figure


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return load_collection().events


def traces(figure, role: str) -> list[dict]:
    return [t for t in figure.to_dict()["data"] if (t.get("meta") or {}).get("role") == role]


def ids_in(trace_list: list[dict]) -> set[str]:
    return {row[0] for trace in trace_list for row in trace.get("customdata", [])}


def test_months_are_points_and_years_decades_ranges_are_spans(events):
    figure = timeline_figure(events)
    point_ids = ids_in(traces(figure, "point"))
    span_ids = ids_in(traces(figure, "span-hover"))
    assert {"jnim-formed", "radisson-blu-attack", "droukdel-killed", "ouagadougou-attack"} <= point_ids
    assert {"aqim-founded", "expansion-northern-mali", "attacks-surge-2017-2020"} <= span_ids
    assert not point_ids & span_ids


def test_a_decade_is_drawn_over_its_whole_extent(events):
    figure = timeline_figure(events)
    decade = events[events["id"] == "expansion-northern-mali"].iloc[0]
    drawn = [
        (pd.Timestamp(x0), pd.Timestamp(x1))
        for trace in traces(figure, "span")
        for x0, x1 in zip(trace["x"][0::3], trace["x"][1::3], strict=True)
    ]
    assert (decade["earliest"], decade["latest"]) in drawn
    assert decade["earliest"] == pd.Timestamp("2000-01-01") and decade["latest"] == pd.Timestamp("2009-12-31")


def test_inferred_dates_are_dotted_or_hollow(events):
    figure = timeline_figure(events)
    for trace in traces(figure, "span"):
        assert (trace["line"]["dash"] == "dot") == trace["meta"]["inferred"]
    inferred_spans = [t for t in traces(figure, "span") if t["meta"]["inferred"]]
    assert inferred_spans, "the bundled data has inferred spans (the undated French-led operation)"
    month_events = events[events["precision"].isin(["day", "month"])]
    if (month_events["date_basis"] == "inferred").any():
        assert any(t["marker"]["symbol"] == "circle-open" for t in traces(figure, "point") if t["meta"]["inferred"])


def test_eras_are_shaded_bands_with_labels(events):
    figure = timeline_figure(events).to_dict()
    era = events[events["kind"] == "era"].iloc[0]
    bands = [s for s in figure["layout"]["shapes"] if s["type"] == "rect"]
    assert len(bands) == (events["kind"] == "era").sum()
    assert pd.Timestamp(bands[0]["x0"]) == era["earliest"] and pd.Timestamp(bands[0]["x1"]) == era["latest"]
    assert any(era["title"] in a["text"] for a in figure["layout"]["annotations"])
    # Eras are background, not lane items.
    assert era["id"] not in ids_in(figure["data"])


def test_lanes_follow_categories_and_rows_never_overlap(events):
    items = events[events["kind"] == "event"]
    y, labels = lane_rows(items)
    assert [category for category, _ in labels] == [
        c
        for c in ("organisation", "attack", "leadership", "state-response", "context")
        if (items["category"] == c).any()
    ]
    for row in set(y):
        same_row = items[y == row].sort_values("earliest")
        assert (same_row["earliest"].iloc[1:].values > same_row["latest"].iloc[:-1].values).all()


def test_selected_event_is_highlighted(events):
    figure = timeline_figure(events, selected="jnim-formed")
    assert [t["meta"]["id"] for t in traces(figure, "selected")] == ["jnim-formed"]
    assert traces(timeline_figure(events, selected="no-such-event"), "selected") == []


def test_hover_shows_title_and_date_as_written(events):
    figure = timeline_figure(events)
    row = next(r for t in traces(figure, "point") for r in t["customdata"] if r[0] == "jnim-formed")
    assert row[1] == "JNIM created from four groups"
    assert row[2] == "In March 2017"
    assert row[3] == "stated: March 2017"


def test_empty_dataframe_gives_a_message_not_an_error(events):
    for figure in (timeline_figure(events.iloc[0:0]), map_figure(events.iloc[0:0])):
        assert figure.to_dict()["data"] == [] or all(len(t.get("lat", [])) == 0 for t in figure.to_dict()["data"])
    assert "No events match" in timeline_figure(events.iloc[0:0]).to_dict()["layout"]["annotations"][0]["text"]


def test_map_has_a_marker_per_event_place_styled_by_place_kind(events):
    figure = map_figure(events)
    markers = traces(figure, "places")
    pairs = {(row[0], row[3].split(" (")[0]) for trace in markers for row in trace["customdata"]}
    expected = {(e.id, p["name"]) for e in events.itertuples() for p in e.places}
    assert pairs == expected
    sizes = {t["meta"]["place_kind"]: t["marker"]["size"] for t in markers}
    assert sizes["city"] < sizes["region"] < sizes["country"]


def test_added_places_are_drawn_differently(events):
    figure = map_figure(events[events["id"] == "radisson-blu-attack"])
    symbols = {}
    for trace in traces(figure, "places"):
        for row, symbol in zip(trace["customdata"], trace["marker"]["symbol"], strict=True):
            symbols[row[3].split(" (")[0]] = symbol
    assert symbols["Bamako"] == "diamond"  # added: the source names only Mali
    assert symbols["Mali"] != "diamond"


def test_countries_of_events_in_view_are_shaded(events):
    view = events[events["id"].isin(["ouagadougou-attack", "droukdel-killed"])]
    figure = map_figure(view).to_dict()
    shade = next(t for t in figure["data"] if t["type"] == "choropleth")
    assert sorted(shade["locations"]) == ["BFA", "MLI"]
    assert list(country_counts(view).items()) == [("BFA", 1), ("MLI", 1)]


def test_places_sharing_a_point_are_spread_apart(events):
    places = event_places(events)
    at_mali = places[places["place_id"] == "mali"]
    assert len(at_mali) > 1
    assert len(set(zip(at_mali["marker_lat"].round(4), at_mali["marker_lon"].round(4), strict=True))) == len(at_mali)


def test_map_is_framed_on_north_and_west_africa_and_focus_zooms(events):
    geo = map_figure(events).to_dict()["layout"]["geo"]
    assert geo["lonaxis"]["range"][0] < -15 and geo["lonaxis"]["range"][1] > 20
    zoomed = map_figure(events, focus=[(12.37, -1.53)]).to_dict()["layout"]["geo"]
    assert zoomed["lonaxis"]["range"][1] - zoomed["lonaxis"]["range"][0] < 20
