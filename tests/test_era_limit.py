"""The timeline's eras at the label limit (figures/timeline_items.py ERA_LABELS) and one over: each era its band
and label up to it; past it the bands merge where they overlap and only the longest are labelled."""

from __future__ import annotations

import pandas as pd
import pytest

from timeline.figures.timeline import timeline_figure
from timeline.figures.timeline_items import ERA_LABELS


def with_eras(events: pd.DataFrame, count: int) -> pd.DataFrame:
    """The collection's events, `count` of them eras: the bundled ones, then others made eras, each its own span."""
    frame = events.copy()
    eras = frame["kind"] == "era"
    others = frame.index[~eras][: count - int(eras.sum())]
    frame.loc[others, "kind"] = "era"
    frame.loc[others, "category"] = "context"
    assert int((frame["kind"] == "era").sum()) == count
    return frame


def era_labels(figure: dict) -> list[str]:
    return [a["text"] for a in figure["layout"].get("annotations", []) if a["text"].startswith("▇")]


@pytest.fixture(scope="module")
def events(aqim) -> pd.DataFrame:
    # Enough rows to make ERA_LABELS + 1 eras of the bundled events (copied under new ids when too few).
    frame = aqim.events
    while len(frame) < ERA_LABELS + 5:
        frame = pd.concat([frame, aqim.events.assign(id=aqim.events["id"] + f"-{len(frame)}")], ignore_index=True)
    return frame


def test_at_the_limit_every_era_has_its_band_and_label(events) -> None:
    frame = with_eras(events, ERA_LABELS)
    figure = timeline_figure(frame)
    bands = [s for s in figure["layout"]["shapes"] if s.get("type") == "rect"]
    assert len(bands) == ERA_LABELS and len(era_labels(figure)) == ERA_LABELS


def test_one_over_the_bands_merge_and_the_longest_are_labelled(events) -> None:
    frame = with_eras(events, ERA_LABELS + 1)
    figure = timeline_figure(frame)
    labels = era_labels(figure)
    assert len(labels) == ERA_LABELS
    eras = frame[frame["kind"] == "era"]
    longest = eras.loc[(eras["latest"] - eras["earliest"]).idxmax(), "title"]
    assert any(longest in label for label in labels)
    bands = [s for s in figure["layout"]["shapes"] if s.get("type") == "rect"]
    assert bands and len(bands) <= ERA_LABELS
    # The merged bands still cover every era, and no two of them overlap.
    spans = sorted((pd.Timestamp(b["x0"]), pd.Timestamp(b["x1"])) for b in bands)
    assert all(left[1] < right[0] for left, right in zip(spans, spans[1:], strict=False))
    for _, era in eras.iterrows():
        assert any(start <= era["earliest"] and era["latest"] <= end for start, end in spans), era["id"]


def test_a_phone_s_timeline_names_the_same_eras_one_over_the_limit(events) -> None:
    frame = with_eras(events, ERA_LABELS + 1)
    desktop = era_labels(timeline_figure(frame))
    phone = era_labels(timeline_figure(frame, width_px=338))
    assert 0 < len(phone) <= ERA_LABELS
    # Shortened to the phone's plot, each still starts as the desktop label of the same era does.
    assert all(any(d.startswith(p.rstrip("…").rstrip()) for d in desktop) for p in phone)
