"""The present page as plain functions: URL state, decks, the progress strip, the map frame, the layout."""

from __future__ import annotations

import json
import math

import plotly.graph_objects as go
import pytest
from plotly.utils import PlotlyJSONEncoder

from timeline.figures.strip import strip_layout
from timeline.formats.deck import UnknownLesson, build_deck
from timeline.load.collection import Collection
from timeline.load.passages import quote_passages
from timeline.web.app import create_app
from timeline.web.components import ids
from timeline.web.components.slide import fit_frame, focus_points
from timeline.web.pages import present

LESSON = "gspc-to-jnim"


@pytest.fixture(scope="module")
def page(aqim: Collection) -> present.PresentPage:
    create_app(aqim)  # dash.get_asset_url, used by the map config, needs an app
    return present.PresentPage(aqim, quote_passages(aqim))


def find(component, predicate) -> list:
    """Every component under `component` (itself included) for which predicate(component) holds."""
    found = [component] if predicate(component) else []
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and hasattr(child, "to_plotly_json"):
            found += find(child, predicate)
    return found


def classes(component) -> list[str]:
    return (getattr(component, "className", None) or "").split()


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("", present.PresentState(None, 0, False)),
        ("?lesson=gspc-to-jnim&slide=3", present.PresentState(LESSON, 3, False)),
        ("?slide=7&speaker=1", present.PresentState(None, 7, True)),
        ("?slide=-2", present.PresentState(None, 0, False)),
        ("?slide=abc&lesson=", present.PresentState(None, 0, False)),
    ],
)
def test_parse_search(search: str, expected: present.PresentState) -> None:
    assert present.parse_search(search) == expected


def test_present_url_round_trips() -> None:
    for state in (present.PresentState(LESSON, 4, True), present.PresentState(None, 0, False)):
        url = present.present_url(state.lesson, state.slide, state.speaker)
        assert present.parse_search(url.partition("?")[2]) == state
    assert present.present_url(None) == "/present"


def test_decks_keep_the_lesson_order_or_the_dates(aqim: Collection) -> None:
    lesson = build_deck(aqim, LESSON)
    assert list(lesson.events["id"]) == aqim.lessons[LESSON].event_ids
    assert lesson.notes == tuple(slide.notes for slide in aqim.lessons[LESSON].slides)
    everything = build_deck(aqim)
    assert list(everything.events["id"]) == list(aqim.events.sort_values(["earliest", "latest", "id"])["id"])
    assert everything.title == aqim.title
    with pytest.raises(UnknownLesson):
        build_deck(aqim, "no-such-lesson")


def test_strip_places_events_by_their_dates(aqim: Collection) -> None:
    strip = strip_layout(aqim.events)
    marks = {mark.event_id: mark for mark in strip.marks(aqim.events)}
    assert [mark.event_id for mark in strip.eras] == list(aqim.events[aqim.events["kind"] == "era"]["id"])
    assert all(mark.left >= 0 and mark.left + mark.width <= 100 for mark in marks.values())
    assert marks["jnim-formed"].width == 0  # a month is a point
    assert marks["droukdel-emir"].width > 30  # 2007 to 2020 is a bar over nearly half the strip
    assert marks["aqim-founded"].left < marks["jnim-formed"].left < marks["droukdel-killed"].left
    labels = [label for _, label in strip.ticks]
    assert labels == [str(year) for year in range(1995, 2021, 5)]


def test_strip_of_a_collection_without_events(aqim: Collection) -> None:
    strip = strip_layout(aqim.events.iloc[0:0])
    assert strip.background == () and strip.eras == ()
    assert strip.ticks


def test_focus_widens_countries_not_cities() -> None:
    city = {"kind": "city", "lat": 12.0, "lon": -8.0}
    country = {"kind": "country", "lat": 17.0, "lon": -3.0}
    assert focus_points([city]) == [(12.0, -8.0)]
    lats = [lat for lat, _ in focus_points([country])]
    assert max(lats) - min(lats) >= 10


@pytest.mark.parametrize("aspect", [0.8, 1.1, 1.6])
def test_fit_frame_gives_the_box_its_shape(aspect: float) -> None:
    figure = go.Figure(layout={"geo": {"lataxis": {"range": [10, 20]}, "lonaxis": {"range": [-10, 10]}}})
    fit_frame(figure, aspect)
    (lat0, lat1), (lon0, lon1) = figure.layout.geo.lataxis.range, figure.layout.geo.lonaxis.range
    assert lat0 <= 10 and lat1 >= 20 and lon0 <= -10 and lon1 >= 10  # only ever widened
    stretch = 1 / math.cos(math.radians((lat0 + lat1) / 2))
    assert (lat1 - lat0) * stretch / (lon1 - lon0) == pytest.approx(aspect, rel=0.02)


def test_layout_has_every_slide_and_only_near_maps(page: present.PresentPage, aqim: Collection) -> None:
    root = page.layout(f"?lesson={LESSON}&slide=4")
    slides = find(root, lambda c: "present-slide" in classes(c))
    count = len(aqim.lessons[LESSON].slides) + 1
    assert [int(s.to_plotly_json()["props"]["data-slide"]) for s in slides] == list(range(count))
    assert [s for s in slides if "current" in classes(s)] == [slides[4]]
    drawn = find(root, lambda c: getattr(c, "id", None) in [ids.present_map(i) for i in range(count)])
    assert sorted(graph.id for graph in drawn) == [ids.present_map(i) for i in range(3, 7)]
    for graph in drawn:
        assert graph.config["topojsonURL"].endswith("/assets/topojson/")
    store = find(root, lambda c: getattr(c, "id", None) == ids.PRESENT_MAPS)[0]
    # Every slide but the lesson's intro (which lists its slides) has its map waiting in the store.
    assert sorted(store.data["graphs"], key=int) == [str(i) for i in range(1, count)]
    json.dumps(root, cls=PlotlyJSONEncoder)  # the page must serialise as Dash sends it


def test_layout_clamps_the_slide_and_reuses_the_maps(page: present.PresentPage, aqim: Collection) -> None:
    root = page.layout("?slide=999")
    assert root.to_plotly_json()["props"]["data-current"] == str(len(aqim.events))
    figures = page.figures(build_deck(aqim))
    assert page.figures(build_deck(aqim)) is figures


def test_speaker_view_has_a_note_per_slide(page: present.PresentPage, aqim: Collection) -> None:
    notes = find(page.layout(f"?lesson={LESSON}&speaker=1"), lambda c: "speaker-note" in classes(c))
    assert len(notes) == len(aqim.lessons[LESSON].slides) + 1
    plain = find(page.layout(f"?lesson={LESSON}"), lambda c: "speaker-note" in classes(c))
    assert plain == []


def test_unknown_lesson_lists_the_lessons(page: present.PresentPage) -> None:
    root = page.layout("?lesson=nope")
    links = [a.href for a in find(root, lambda c: getattr(c, "href", None) is not None)]
    assert f"/present?lesson={LESSON}" in links
    assert "/present" in links


def test_strip_marks_column_wise_match_one_event_at_a_time(tmp_path):
    import subprocess
    import sys

    from helpers import ROOT

    from timeline.figures.strip import GRAIN, strip_layout
    from timeline.load.collection import load_collection

    folder = tmp_path / "n600"
    subprocess.run([sys.executable, "bench/make_collection.py", "600", str(folder)], cwd=ROOT, check=True)
    events = load_collection(folder).events
    strip = strip_layout(events)
    one_by_one = [strip.mark(event) for _, event in events.iterrows()]
    assert strip.marks(events) == one_by_one
    assert list(strip.eras) == [m for m in one_by_one if m.era]
    # The background is every other event merged: each one's place is covered by a merged mark.
    for mark in (m for m in one_by_one if not m.era):
        covered = [
            bg
            for bg in strip.background
            if (bg.width == 0) == (mark.width == 0) and bg.left - GRAIN <= mark.left <= bg.left + bg.width + GRAIN
        ]
        assert covered, mark
    assert any(m.width == 0 for m in strip.background) and any(m.width > 0 for m in strip.background)
    assert len(strip.background) <= 2 * 100 / GRAIN
