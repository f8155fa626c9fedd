"""The timeline laid out for a phone's plot (figures/timeline_compact.py): a pure function of the DataFrame and
the plot's width, checked as plain data. 268 and 338 px are the plots of 320 and 390 px screens."""

from __future__ import annotations

import copy

import pandas as pd
import pytest
from figure_cases import load

from timeline import i18n
from timeline.figures.plotly_text import text_width_px
from timeline.figures.timeline import DETAIL_LIMIT, timeline_figure
from timeline.figures.timeline_rows import LABEL_GAP_PX, MARKER_PX
from timeline.load.collection import load_collection
from timeline.load.vocabulary import category as category_word
from timeline.web import screen

WIDTHS = (268, 338)


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return load_collection().events


def traces(figure: dict, role: str) -> list[dict]:
    return [t for t in figure["data"] if (t.get("meta") or {}).get("role") == role]


def _axis(figure: dict) -> tuple[pd.Timestamp, pd.Timestamp]:
    start, end = figure["layout"]["xaxis"]["range"]
    return pd.Timestamp(start), pd.Timestamp(end)


def _title_boxes(figure: dict, width_px: float) -> list[tuple[str, float, float, float]]:
    """Each written title, where it runs and where its mark is, in pixels from the plot's left edge (plotly
    pads a title by its marker's size, which the figure gives per title)."""
    (labels,) = traces(figure, "label")
    start, end = _axis(figure)
    per_px = (end - start) / width_px
    boxes = []
    for text, x, side, pad in zip(
        labels["text"], labels["x"], labels["textposition"], labels["marker"]["size"], strict=True
    ):
        at = (pd.Timestamp(x) - start) / per_px
        width = text_width_px(text) + pad / 2
        boxes.append((text, at - width, at, at) if side == "middle left" else (text, at, at + width, at))
    return boxes


@pytest.mark.parametrize("width", WIDTHS)
def test_every_title_is_written_inside_the_plot_and_cut_only_when_wider_than_it(events, width):
    figure = timeline_figure(events, width_px=width)
    (labels,) = traces(figure, "label")
    items = events[events["kind"] != "era"].set_index("id")
    assert sorted(labels["meta"]["ids"]) == sorted(items.index)
    for event_id, text in zip(labels["meta"]["ids"], labels["text"], strict=True):
        title = items.loc[event_id, "title"]
        if text != title:
            # Shortened at a word boundary, and only because the whole title is wider than the plot.
            assert text.endswith("…") and title.startswith(text[:-1]) and title[len(text) - 1] == " ", text
            assert text_width_px(title) > width - MARKER_PX - LABEL_GAP_PX, f"{title} fits, yet was cut"
    for text, left, right, _ in _title_boxes(figure, width):
        assert left >= -LABEL_GAP_PX and right <= width + LABEL_GAP_PX, f"{text} crosses an edge: {left}, {right}"


@pytest.mark.parametrize("width", WIDTHS)
def test_each_lane_is_named_above_its_first_row_not_in_a_margin(events, width):
    figure = timeline_figure(events, width_px=width)
    layout = figure["layout"]
    assert layout["margin"]["l"] < 20 and layout["yaxis"]["showticklabels"] is False
    names = [a for a in layout["annotations"] if a.get("yref") == "y"]
    rows = {}
    for trace in traces(figure, "point") + traces(figure, "span-hover"):
        rows.setdefault(trace["meta"]["category"], []).extend(trace["y"])
    assert len(names) == len(rows)
    for name, category in zip(names, rows, strict=False):
        assert category_word(category) in name["text"] and name["x"] == 0 and name["xanchor"] == "left"
    # Each name sits between the last row of the lane above and its own lane's first row (y grows downwards).
    tops = sorted((min(ys), max(ys)) for ys in rows.values())
    for name, (first, _) in zip(sorted(names, key=lambda n: n["y"]), tops, strict=True):
        assert first - 1 < name["y"] < first
    for (_, last), (first, _) in zip(tops, tops[1:], strict=False):
        assert first - last >= 1.5, "a lane's name needs a row of its own"


def test_the_phone_timeline_is_short_with_few_year_ticks(events):
    for width in WIDTHS:
        layout = timeline_figure(events, width_px=width)["layout"]
        assert layout["height"] <= 550, (width, layout["height"])
        assert layout["xaxis"]["nticks"] <= 6, (width, layout["xaxis"]["nticks"])
    assert timeline_figure(events, width_px=268)["layout"]["xaxis"]["nticks"] <= 4


def test_era_labels_are_inside_the_plot(events):
    for width in WIDTHS:
        figure = timeline_figure(events, width_px=width)
        start, end = _axis(figure)
        per_px = (end - start) / width
        eras = [a for a in figure["layout"]["annotations"] if a.get("xref") == "x"]
        assert eras and all(a["text"].startswith("▇") for a in eras)
        for era in eras:
            at = (pd.Timestamp(era["x"]) - start) / per_px
            size = text_width_px(era["text"], era["font"]["size"])
            left, right = (at, at + size) if era["xanchor"] == "left" else (at - size, at)
            assert left >= -1 and right <= width + 1, era["text"]


def test_a_narrow_window_and_a_long_title_stay_inside(events):
    """Zoomed in, every title of a mark in the window, across its edges included, is inside the plot; a
    mark outside the window has no title written (it would stand at an edge for a mark not shown)."""
    title = " ".join(["an extremely long title that no phone could hold"] * 3)
    long = events.assign(title=events["title"].where(events["id"] != "jnim-formed", title))
    start, end = pd.Timestamp("2012-01-01"), pd.Timestamp("2018-01-01")
    items = long[long["kind"] != "era"].set_index("id")
    in_window = {i for i, row in items.iterrows() if row["latest"] >= start and row["earliest"] <= end}
    assert 5 < len(in_window) < len(items)
    for width in WIDTHS:
        figure = timeline_figure(long, x_range=[str(start.date()), str(end.date())], width_px=width)
        (labels,) = traces(figure, "label")
        assert set(labels["meta"]["ids"]) == in_window
        for text, left, right, _ in _title_boxes(figure, width):
            assert left >= -LABEL_GAP_PX and right <= width + LABEL_GAP_PX, text
        (point,) = [t for t in traces(figure, "point") if "jnim-formed" in [c[0] for c in t["customdata"]]]
        assert title in [c[1] for c in point["customdata"]]  # the hover has it whole


def test_the_compact_figure_is_a_pure_function_of_its_frame_and_width(events):
    before = events.copy()
    first = timeline_figure(events, selected="jnim-formed", width_px=338)
    again = timeline_figure(events, selected="jnim-formed", width_px=338)
    assert first == copy.deepcopy(again)
    pd.testing.assert_frame_equal(events, before)
    # The desktop's figure after a phone's is the desktop's as before (the per-width title cache is separate).
    assert timeline_figure(events) == timeline_figure(events.copy())
    assert timeline_figure(events, width_px=268) != first


def test_lane_names_are_in_the_readers_language(events):
    with i18n.use("fr"):
        layout = timeline_figure(events, width_px=338)["layout"]
    names = " ".join(a["text"] for a in layout["annotations"] if a.get("yref") == "y")
    assert "Attentat" in names or "Attaque" in names, names


def test_too_many_events_make_named_density_strips_inside_the_plot(tmp_path):
    many = load("n1000", tmp_path).events
    assert len(many) > DETAIL_LIMIT
    figure = timeline_figure(many, width_px=268)
    strips = traces(figure, "density")
    layout = figure["layout"]
    names = [a for a in layout["annotations"] if a.get("yref") == "y"]
    assert len(names) == len(strips) and layout["yaxis"]["showticklabels"] is False
    for name, strip in zip(names, strips, strict=True):
        assert name["y"] < strip["y"][0] and category_word(strip["meta"]["category"]) in name["text"]
    note = [a for a in layout["annotations"] if a.get("yref") == "paper" and a.get("xref") == "paper"]
    assert note and all(text_width_px(line, 12) <= 268 for line in note[0]["text"].split("<br>"))
    assert layout["height"] <= 550


def test_each_width_class_has_a_plot_no_wider_than_its_narrowest_screen():
    assert screen.plot_width(390) == 338 and screen.plot_width(320) == 268
    assert screen.parse("390") == 390 and screen.parse(391) is None and screen.parse("x") is None
    assert screen.parse(None) is None and screen.parse(700) is None


def test_a_large_collection_zoomed_in_writes_only_titles_inside_the_plot(tmp_path):
    """Past the rows that fit, rows are packed by marks alone: a title is written only where it has room,
    and on a phone never past the plot's end."""
    many = load("n1000", tmp_path).events
    first, last = many["earliest"].min(), many["latest"].max()
    for share in (0.02, 0.1):
        start = first + (last - first) * 0.4
        window = [start.isoformat(), (start + (last - first) * share).isoformat()]
        figure = timeline_figure(many, x_range=window, width_px=338)
        boxes = _title_boxes(figure, 338)
        assert boxes, window
        for text, left, right, _ in boxes:
            assert left >= -LABEL_GAP_PX and right <= 338 + LABEL_GAP_PX, (window, text)
