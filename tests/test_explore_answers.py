"""What a filter answer sends for the two figures: a Patch that turns the page's figure into the new one.

The renderer applies a Patch's operations to the figure the page holds. Applied here the same way (Assign,
Merge and Delete, as dash-renderer's patchHandlers do), a chain of filter answers must leave exactly the
figure compute_view drew for the last view, whatever came before.
"""

from __future__ import annotations

import copy
import json

import pytest
from dash._utils import to_json

from timeline import i18n
from timeline.figures.timeline import OPTIONAL_LAYOUT
from timeline.load.passages import quote_passages
from timeline.query import search
from timeline.web.pages.explore_data import ExploreData
from timeline.web.pages.explore_view import compute_view, figure_patch

# (filters, window) of views a reader goes through, in order; empty ones and eras coming and going included.
VIEWS = [
    ({}, None),
    ({"text": "Mali"}, None),
    ({"text": "zzzz-nothing"}, None),
    ({"categories": ("attack",)}, ["2011-06-01", "2016-01-01"]),
    ({"text": "civil war"}, None),
    ({}, None),
    ({"text": "zzzz-nothing"}, None),
    ({"text": "JNIM"}, ["2015-01-01", "2021-01-01"]),
]


def applied(figure: dict, patch: dict) -> dict:
    assert patch["__dash_patch_update"] == "__dash_patch_update"
    result = copy.deepcopy(figure)
    for operation in patch["operations"]:
        *path, last = operation["location"]
        target = result
        for key in path:
            target = target.setdefault(key, {})
        if operation["operation"] == "Assign":
            target[last] = operation["params"]["value"]
        elif operation["operation"] == "Merge":
            target[last] = {**target.get(last, {}), **operation["params"]["value"]}
        elif operation["operation"] == "Delete":
            target.pop(last, None)
        else:
            raise AssertionError(f"unexpected operation {operation['operation']}")
    return result


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_chain_of_patches_gives_each_new_figure(aqim, lang):
    data = ExploreData.build(aqim, quote_passages(aqim))
    with i18n.use(lang):
        views = [compute_view(data, search.Filters(**filters), window, None) for filters, window in VIEWS]
    timeline, map_ = views[0].timeline, views[0].map
    for view in views[1:]:
        timeline = applied(timeline, figure_patch(view.timeline, OPTIONAL_LAYOUT))
        map_ = applied(map_, figure_patch(view.map))
        assert timeline == view.timeline
        assert map_ == view.map


def test_a_patch_is_plain_data_and_smaller_than_the_figure(aqim):
    data = ExploreData.build(aqim, quote_passages(aqim))
    with i18n.use("en"):
        view = compute_view(data, search.Filters(text="Mali"), None, None)
    for figure, optional in ((view.timeline, OPTIONAL_LAYOUT), (view.map, ())):
        patch = figure_patch(figure, optional)
        assert json.loads(json.dumps(patch)) == patch  # no object Dash's JSON would have to clean first
        assert len(to_json(patch)) < len(to_json(figure))
        assert "font" not in {op["location"][-1] for op in patch["operations"]}  # the house style stays
