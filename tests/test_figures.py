"""Figures are pure functions of a DataFrame, plain data plotly.js reads: checked as dicts, no browser."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from timeline.figures import theme
from timeline.figures.map import country_counts, explode_places, map_figure
from timeline.figures.plotly_text import fitted_tick, text_width_px
from timeline.figures.timeline import timeline_figure
from timeline.figures.timeline_rows import LABEL_GAP_PX, MARKER_PX, PLOT_WIDTH_PX, axis_span, item_extent, lane_rows
from timeline.load.collection import load_collection
from timeline.load.translations import localised


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return load_collection().events


def traces(figure, role: str) -> list[dict]:
    return [t for t in figure["data"] if (t.get("meta") or {}).get("role") == role]


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
    figure = timeline_figure(events)
    era = events[events["kind"] == "era"].iloc[0]
    bands = [s for s in figure["layout"]["shapes"] if s["type"] == "rect"]
    assert len(bands) == (events["kind"] == "era").sum()
    assert pd.Timestamp(bands[0]["x0"]) == era["earliest"] and pd.Timestamp(bands[0]["x1"]) == era["latest"]
    assert any(era["title"] in a["text"] for a in figure["layout"]["annotations"])
    # Eras are background, not lane items.
    assert era["id"] not in ids_in(figure["data"])


def test_lanes_follow_categories_and_rows_never_overlap(events):
    items = events[events["kind"] == "event"]
    rows = lane_rows(items)
    assert [category for category, _ in rows.lanes] == [
        c
        for c in ("organisation", "attack", "leadership", "state-response", "context")
        if (items["category"] == c).any()
    ]
    for row in set(rows.y):
        same_row = items[rows.y == row].sort_values("earliest")
        assert (same_row["earliest"].iloc[1:].values > same_row["latest"].iloc[:-1].values).all()


def test_every_title_is_written_and_no_two_titles_or_marks_share_room(events):
    """What vis-timeline does: each title printed beside its mark, the rows packed so nothing overlaps."""
    figure = timeline_figure(events)
    (labels,) = traces(figure, "label")
    items = events[events["kind"] != "era"].set_index("id")
    assert sorted(labels["meta"]["ids"]) == sorted(items.index)
    assert sorted(labels["text"]) == sorted(items["title"])
    # Each written title's room on the axis, measured from the figure itself, at the narrowest layout.
    start, end = axis_span(events)
    per_px = (end - start) / PLOT_WIDTH_PX
    x0, x1 = item_extent(items)
    rooms = []
    for event_id, x, y, side in zip(
        labels["meta"]["ids"], labels["x"], labels["y"], labels["textposition"], strict=True
    ):
        width = per_px * (MARKER_PX + text_width_px(items.loc[event_id, "title"]))
        at = pd.Timestamp(x)
        left, right = (at - width, at) if side == "middle left" else (at, at + width)
        rooms.append((y, min(left, x0[event_id]), max(right, x1[event_id])))
        assert left >= start - per_px * LABEL_GAP_PX and right <= end + per_px * LABEL_GAP_PX, (
            f"{event_id} runs off the axis"
        )
    for y in {room[0] for room in rooms}:
        row = sorted(room[1:] for room in rooms if room[0] == y)
        for (_, first_end), (second_start, _) in zip(row, row[1:], strict=False):
            assert second_start > first_end


def test_past_what_fits_only_the_titles_with_room_are_written(events):
    many = pd.concat([events[events["kind"] != "era"].assign(id=lambda e, n=n: e["id"] + f"-{n}") for n in range(12)])
    rows = lane_rows(many.reset_index(drop=True))
    assert 0 < rows.labelled.sum() < len(many)
    for _, row in rows.y.groupby(rows.y):
        assert len(row) >= 1


def test_titles_are_text_not_markup(events):
    hostile = events[events["id"] == "jnim-formed"].assign(title='<b>bold</b> & <a href="javascript:x">link</a>')
    figure = timeline_figure(hostile)
    (labels,) = traces(figure, "label")
    assert labels["text"] == ['&lt;b&gt;bold&lt;/b&gt; &amp; &lt;a href="javascript:x"&gt;link&lt;/a&gt;']
    (point,) = traces(figure, "point")
    assert "<b>" not in point["customdata"][0][1] and "&lt;b&gt;" in point["customdata"][0][1]
    for trace in traces(map_figure(hostile), "places"):
        assert all("<a" not in cell for row in trace["customdata"] for cell in row if isinstance(cell, str))


def test_selected_event_is_highlighted(events):
    figure = timeline_figure(events, selected="jnim-formed")
    (chosen,) = traces(figure, "selected")
    assert chosen["meta"]["id"] == "jnim-formed" and len(chosen["x"]) == 1  # a month: a ring around its point
    (nothing,) = traces(timeline_figure(events, selected="no-such-event"), "selected")
    assert nothing["meta"]["id"] is None and len(nothing["x"]) == 0
    assert figure["data"][-1]["meta"]["role"] == "selected"  # drawn over everything


def test_the_highlight_can_move_in_the_browser_without_a_new_figure(events):
    """Every item's place rides along with the figure, so selecting redraws nothing on the server."""
    figure = timeline_figure(events)
    (highlight,) = traces(figure, "selected")
    marks = highlight["meta"]["marks"]
    (labels,) = traces(figure, "label")
    assert set(marks) == set(labels["meta"]["ids"])
    start, end, row = marks["french-led-operation-mali"]
    event = events.set_index("id").loc["french-led-operation-mali"]
    assert (pd.Timestamp(start), pd.Timestamp(end)) == (event["earliest"], event["latest"])
    assert row == labels["y"][labels["meta"]["ids"].index("french-led-operation-mali")]
    (on_map,) = traces(map_figure(events), "selected")
    mali = events.set_index("id").loc["droukdel-killed", "places"]
    assert on_map["meta"]["marks"]["droukdel-killed"] == [[p["lat"], p["lon"]] for p in mali]


def test_hover_shows_title_and_date_as_written(events):
    figure = timeline_figure(events)
    row = next(r for t in traces(figure, "point") for r in t["customdata"] if r[0] == "jnim-formed")
    assert row[1] == "JNIM created from four groups"
    assert row[2] == "In March 2017"
    assert row[3] == "stated: March 2017"


def test_empty_dataframe_gives_a_message_not_an_error(events):
    for figure in (timeline_figure(events.iloc[0:0]), map_figure(events.iloc[0:0])):
        assert figure["data"] == [] or all(len(t.get("lat", [])) == 0 for t in figure["data"])
    assert "No events match" in timeline_figure(events.iloc[0:0])["layout"]["annotations"][0]["text"]


def test_map_has_a_marker_per_event_place_styled_by_place_kind(events):
    figure = map_figure(events)
    markers = traces(figure, "places")
    pairs = {(row[0], row[3].split(" (")[0]) for trace in markers for row in trace["customdata"]}
    (cluster,) = traces(figure, "cluster")
    clustered = set(cluster["meta"]["places"])
    expected = {(e.id, p["name"]) for e in events.itertuples() for p in e.places if p["id"] not in clustered}
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
    figure = map_figure(view)
    shade = next(t for t in figure["data"] if t["type"] == "choropleth")
    assert sorted(shade["locations"]) == ["BFA", "MLI"]
    assert list(country_counts(view).items()) == [("BFA", 1), ("MLI", 1)]


def test_events_at_one_place_become_one_numbered_marker(events):
    figure = map_figure(events)
    (cluster,) = traces(figure, "cluster")
    places = explode_places(events)
    per_place = places.groupby("place_id")["event_id"].size()
    shared = per_place[per_place > 1]
    assert sorted(cluster["meta"]["places"]) == sorted(shared.index)
    assert "mali" in shared.index and shared["mali"] >= 9
    counts = dict(zip(cluster["meta"]["places"], cluster["text"], strict=True))
    assert counts == {place: str(count) for place, count in shared.items()}
    # Every other (event, place) keeps its own marker.
    singles = {(row[0], row[3].split(" (")[0]) for trace in traces(figure, "places") for row in trace["customdata"]}
    expected = {(r.event_id, r.place) for r in places.itertuples() if r.place_id not in shared.index}
    assert singles == expected


def test_map_is_framed_on_north_and_west_africa_and_focus_zooms(events):
    geo = map_figure(events)["layout"]["geo"]
    assert geo["lonaxis"]["range"][0] < -15 and geo["lonaxis"]["range"][1] > 20
    zoomed = map_figure(events, focus=[(12.37, -1.53)])["layout"]["geo"]
    assert zoomed["lonaxis"]["range"][1] - zoomed["lonaxis"]["range"][0] < 20


def test_an_open_span_is_drawn_to_the_present_with_an_arrowhead(events):
    ongoing = events[events["id"] == "jnim-formed"].assign(
        start="2017", end="..", open_end=True, precision="range", latest=pd.Timestamp("2026-12-31")
    )
    figure = timeline_figure(pd.concat([events[events["id"] != "jnim-formed"], ongoing]))
    (arrow,) = traces(figure, "open-end")
    assert arrow["meta"]["ids"] == ["jnim-formed"] and arrow["marker"]["symbol"] == "triangle-right"
    assert pd.Timestamp(arrow["x"][0]) == pd.Timestamp("2026-12-31")
    assert "jnim-formed" not in ids_in(traces(figure, "point"))
    assert traces(timeline_figure(events), "open-end") == []


def test_a_huge_map_does_not_carry_every_place_for_the_highlight(events):
    from timeline.figures import map as map_module

    many = pd.concat([events.assign(id=events["id"] + f"-{n}") for n in range(100)], ignore_index=True)
    assert len(explode_places(many)) > map_module.MARKS_LIMIT
    (highlight,) = traces(map_figure(many, selected="jnim-formed-3"), "selected")
    assert list(highlight["meta"]["marks"]) == ["jnim-formed-3"] and len(highlight["lat"]) >= 1


def _label_boxes(figure, axis) -> list[tuple[str, pd.Timestamp, pd.Timestamp]]:
    (labels,) = traces(figure, "label")
    start, end = axis
    per_px = (end - start) / PLOT_WIDTH_PX
    boxes = []
    for x, text, side in zip(labels["x"], labels["text"], labels["textposition"], strict=True):
        width = per_px * (MARKER_PX + text_width_px(text))
        at = pd.Timestamp(x)
        boxes.append((text, at - width, at) if side == "middle left" else (text, at, at + width))
    return boxes


def test_a_long_translated_title_is_written_whole_inside_the_plot(events):
    french = localised(events, "fr")
    long_one = french["title"].map(text_width_px).idxmax()
    assert french.loc[long_one, "translated"], "the longest title is one of the lesson's French titles"
    axis = axis_span(french)
    per_px = (axis[1] - axis[0]) / PLOT_WIDTH_PX
    for text, left, right in _label_boxes(timeline_figure(french), axis):
        assert axis[0] - per_px * LABEL_GAP_PX <= left and right <= axis[1] + per_px * LABEL_GAP_PX, text
        assert not text.endswith("…"), f"{text} fits the plot, so it is written whole"


def test_a_title_longer_than_the_plot_is_cut_with_an_ellipsis(events):
    title = " ".join(["an extremely long title that no plot could hold"] * 4)
    long = events[events["id"] == "jnim-formed"].assign(title=title)
    (labels,) = traces(timeline_figure(long), "label")
    (written,) = labels["text"]
    assert written.endswith("…") and title.startswith(written[:-1])
    assert text_width_px(written) <= PLOT_WIDTH_PX
    (point,) = traces(timeline_figure(long), "point")
    assert point["customdata"][0][1] == title  # the hover has it whole


def test_category_names_fit_the_timelines_margin_in_every_language():
    room = theme.PLOT_LEFT - 14
    assert fitted_tick("State response", room) == "State response"  # English as it always was
    smaller = fitted_tick("Réponse de l’État", room)
    size = float(re.search(r"font-size:([\d.]+)px", smaller).group(1))
    assert 10 <= size < 14 and "<br>" not in smaller and "Réponse de l’État" in smaller
    broken = fitted_tick("Une catégorie au nom vraiment très long", room)
    assert "<br>" in broken and "font-size:10.0px" in broken
    assert fitted_tick("<b>x</b>", room) == "&lt;b&gt;x&lt;/b&gt;"  # still text, never markup
