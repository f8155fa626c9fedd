"""QuoteFinder must give exactly what find_quote gives, however the quote is spaced or placed."""

from __future__ import annotations

import pytest

from timeline.load.sourcetext import QuoteFinder, find_quote

TEXT = (
    "Header line\n\nFirst sentence here. Second one follows, with a comma.  Third has\n"
    "a line break inside. “Quoted start.” Then more. And the end"
)
QUOTES = [
    "First sentence here.",
    "Second one follows, with a comma.",
    "Third has a line break inside.",  # spacing differs from the source: needs folding
    "one follows",  # starts mid-sentence
    "“Quoted start.” Then more.",
    "Then more. And the end",
    "Header line",
    "not in the text at all",
    "   ",
]


@pytest.mark.parametrize("quote", QUOTES)
def test_finder_matches_find_quote(quote):
    assert QuoteFinder(TEXT).find(quote) == find_quote(TEXT, quote)


def test_found_offsets_point_at_the_words():
    start, end = QuoteFinder(TEXT).find("Third has a line break inside.")
    assert TEXT[start:end] == "Third has\na line break inside."
