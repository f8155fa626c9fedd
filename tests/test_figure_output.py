"""The figures, the list and the count the browser receives are those of 92ae596, case by case.

tests/fixtures/figures.json.gz holds them as 92ae596 drew them (tests/figure_cases.py says how to record
it again): the bundled collection in three languages, generated collections of 1,000 and 10,000 events
(density strips and single events), an empty view, filters, zoomed windows, selections, and figures the
slides draw. The comparison is structural, after JSON: the same traces in the same order with the same
points and meta; numbers within a rounding error; dates as text, in whichever of plotly's ISO forms.
"""

from __future__ import annotations

import gzip
import json
import math
import re

import pytest
from dash._utils import to_json
from figure_cases import FIXTURE, VIEWS, figure_records, load, normalised, view_record

from timeline.load.passages import quote_passages
from timeline.web.pages.explore_data import ExploreData

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")


@pytest.fixture(scope="module")
def recorded() -> dict:
    return json.loads(gzip.decompress(FIXTURE.read_bytes()))


@pytest.fixture(scope="module")
def explore_data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated")
    made: dict[str, ExploreData] = {}

    def get(name: str) -> ExploreData:
        if name not in made:
            collection = load(name, folder)
            made[name] = ExploreData.build(collection, quote_passages(collection))
        return made[name]

    return get


def _date_text(text: str) -> str:
    # '2017-03-16', '2017-03-16 00:00' and '2017-03-16T00:00:00.000000' are one instant for plotly.
    date, _, time = text.replace(" ", "T").partition("T")
    hours, minutes, seconds = ([*time.split(":"), "0", "0", "0"])[:3]
    return f"{date}T{int(hours or 0):02d}:{int(minutes or 0):02d}:{float(seconds or 0):09.6f}"


def differences(old, new, path: str = "") -> list[str]:
    """Where `new` differs from `old`, as readable lines; empty when they are the same."""
    if isinstance(old, dict) and isinstance(new, dict):
        found = [f"{path}: key {key!r} {'missing' if key in old else 'added'}" for key in old.keys() ^ new.keys()]
        for key in old.keys() & new.keys():
            found += differences(old[key], new[key], f"{path}.{key}")
        return found
    if isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            return [f"{path}: {len(old)} items before, {len(new)} now"]
        return [
            line for i, (a, b) in enumerate(zip(old, new, strict=True)) for line in differences(a, b, f"{path}[{i}]")
        ]
    if isinstance(old, bool) or isinstance(new, bool):
        return [] if old is new else [f"{path}: {old!r} before, {new!r} now"]
    if isinstance(old, int | float) and isinstance(new, int | float):
        return [] if math.isclose(old, new, rel_tol=1e-9, abs_tol=1e-9) else [f"{path}: {old!r} before, {new!r} now"]
    if isinstance(old, str) and isinstance(new, str) and _DATE.match(old) and _DATE.match(new):
        return [] if _date_text(old) == _date_text(new) else [f"{path}: {old!r} before, {new!r} now"]
    return [] if old == new else [f"{path}: {old!r:.120} before, {new!r:.120} now"]


def _check(name: str, old, new) -> None:
    found = differences(old, new)
    assert not found, f"{name} differs from 92ae596 in {len(found)} place(s):\n" + "\n".join(found[:25])


@pytest.mark.parametrize("name", list(VIEWS))
def test_the_view_is_what_92ae596_sent(name, recorded, explore_data):
    source, lang, filters, window, _ = VIEWS[name]
    old = recorded[name]
    new = view_record(explore_data(source), lang, filters, window, old["selected"])
    _check(name, {key: value for key, value in old.items() if key != "selected"}, normalised(new))


def test_figures_drawn_outside_the_explorer_are_what_92ae596_drew(recorded, explore_data):
    for name, make in figure_records(explore_data("aqim").collection).items():
        _check(name, recorded[name], normalised(json.loads(to_json(make()))))


def test_the_comparison_sees_a_change():
    """The comparison itself: a moved point, a lost trace, a new key or another date each count."""
    figure = {"data": [{"x": ["2017-03-16T00:00:00"], "y": [1.0], "meta": {"role": "point"}}], "layout": {}}
    assert differences(figure, json.loads(json.dumps(figure))) == []
    assert differences(figure, {**figure, "data": []})
    assert differences(figure, {**figure, "layout": {"height": 3}})
    moved = {"data": [{**figure["data"][0], "y": [1.5]}], "layout": {}}
    assert differences(figure, moved)
    later = {"data": [{**figure["data"][0], "x": ["2017-03-17"]}], "layout": {}}
    assert differences(figure, later)
    same_day = {"data": [{**figure["data"][0], "x": ["2017-03-16"]}], "layout": {}}
    assert differences(figure, same_day) == []
