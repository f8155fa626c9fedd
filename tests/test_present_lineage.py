"""A lesson slide may show the organisations' lineage at its date instead of the map."""

from __future__ import annotations

import pandas as pd
from test_lessons import line_of, only_problem, with_lesson

from timeline.formats.deck import build_deck
from timeline.load.collection import load_collection
from timeline.web.components.slide import slide_figure


def test_the_bundled_lesson_shows_the_lineage_on_its_jnim_slide():
    collection = load_collection()
    deck = build_deck(collection, "gspc-to-jnim")
    position = list(deck.events["id"]).index("jnim-formed")
    assert deck.show(position) == "lineage"
    figure = slide_figure(deck, position + 1, collection)
    roles = {(trace.get("meta") or {}).get("role") for trace in figure["data"]}
    assert "lane" in roles and "connector" in roles
    # Cut at the event: the axis ends at JNIM's founding month, nothing later is drawn.
    assert pd.Timestamp(figure["layout"]["xaxis"]["range"][1]) == deck.events.iloc[position]["latest"]
    other = slide_figure(deck, position, collection)
    assert any(trace["type"] == "choropleth" for trace in other["data"])


def test_an_unknown_show_value_names_file_line_and_field(tmp_path):
    text = "title: T\nintro: I\nslides:\n  - event: jnim-formed\n    show: chart\n"
    folder, path = with_lesson(tmp_path, text)
    problem = only_problem(folder)
    assert problem.file == str(path)
    assert problem.line == line_of(text, "show: chart")
    assert problem.field == "slides[1].show"
    assert "'chart' is not one of: map, lineage" in problem.message
