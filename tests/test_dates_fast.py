"""The fast path for common EDTF forms must agree with the edtf package on every one of them."""

from __future__ import annotations

import random

import pytest

from timeline.core import dates


def slow(text: str) -> dates.EdtfDate:
    # Bypass the fast path: the same function body with the common-form shortcut disabled.
    original = dates._parse_common
    dates._parse_common = lambda _text: None
    try:
        return dates.parse.__wrapped__(text)
    finally:
        dates._parse_common = original


def sample() -> list[str]:
    rng = random.Random(7)
    texts = [
        "2007",
        "1991",
        "200X",
        "199X",
        "19XX",
        "2020-11~",
        "2012?",
        "2015-11-20",
        "2016-02-29",
        "2017-03%",
        "0999",
    ]
    for _ in range(60):
        year = rng.randint(1000, 2099)
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        qualifier = rng.choice(["", "", "~", "?", "%"])
        texts += [f"{year}{qualifier}", f"{year}-{month:02d}{qualifier}", f"{year}-{month:02d}-{day:02d}{qualifier}"]
    return texts


@pytest.mark.parametrize("text", sample())
def test_fast_path_agrees_with_edtf(text):
    assert dates._parse_common(text) is not None, text
    assert dates._parse_common(text) == slow(text)


@pytest.mark.parametrize("text", ["2017-13", "2015-02-29", "2015-11-31", "0000", "2017-00", "2017-XX", "20170"])
def test_invalid_or_unusual_forms_go_to_edtf(text):
    assert dates._parse_common(text) is None
