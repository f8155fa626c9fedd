"""Finding quotes in a source with whitespace folded, and cutting the source into paragraphs and pieces."""

from __future__ import annotations

import pytest
from helpers import normalise

from timeline.load.collection import Collection
from timeline.load.sourcetext import find_quote, mismatch_hint, paragraph_at, paragraphs, segments

TEXT = "Title\n\nAQIM was founded in 2007 when the GSPC\nembraced  Al-Qaeda's doctrine.\n\nIn the 2000s, it expanded."


@pytest.mark.parametrize(
    ("quote", "original"),
    [
        ("the GSPC embraced Al-Qaeda's", "the GSPC\nembraced  Al-Qaeda's"),  # the text breaks the line
        ("founded in\n2007", "founded in 2007"),  # the quote breaks the line, the text does not
        ("  Title  ", "Title"),  # surrounding blanks are not part of the quote
        ("doctrine.\n\nIn the 2000s", "doctrine.\n\nIn the 2000s"),  # across a paragraph break
    ],
)
def test_find_quote_folds_whitespace_but_points_into_the_original(quote: str, original: str) -> None:
    found = find_quote(TEXT, quote)
    assert found is not None
    start, end = found
    assert TEXT[start:end] == original
    assert start == TEXT.index(original)


@pytest.mark.parametrize("quote", ["founded in 2008", "GSPCembraced", "", "   \n "])
def test_find_quote_misses(quote: str) -> None:
    assert find_quote(TEXT, quote) is None


def test_every_bundled_quote_is_found_where_the_text_says_it(aqim: Collection) -> None:
    for event in aqim.events.itertuples():
        text = aqim.sources[event.source].text
        found = find_quote(text, event.quote)
        assert found is not None, event.id
        assert normalise(text[found[0] : found[1]]) == normalise(event.quote), event.id


def test_mismatch_hint_says_where_the_quote_goes_wrong() -> None:
    quote = "AQIM was founded in 2008 when the GSPC embraced"
    hint = mismatch_hint(TEXT, quote)
    source = normalise(TEXT)
    matched = next(n for n in range(len(quote), 0, -1) if quote[:n] in source)
    assert str(matched) in hint
    assert "8 when the GSPC" in hint  # what the quote says after the match
    assert "7 when the GSPC" in hint  # what the source says there instead


def test_mismatch_hint_for_a_quote_from_elsewhere() -> None:
    hint = mismatch_hint(TEXT, "Nothing in this sentence is in the text.")
    assert "opening words" in hint


def test_segments_list_the_shorter_quote_first_where_two_overlap() -> None:
    text = "aaaa bbbb cccc dddd"
    spans = {"long": (0, 14), "short": (5, 9), "tail": (10, 19)}
    pieces = segments(text, spans)
    assert [(text[p.start : p.end], p.event_ids) for p in pieces] == [
        ("aaaa ", ("long",)),
        ("bbbb", ("short", "long")),
        (" ", ("long",)),
        ("cccc", ("tail", "long")),  # tail (9 chars) is shorter than long (14)
        (" dddd", ("tail",)),
    ]


def test_segments_cover_the_window_without_gaps() -> None:
    text = "zero one two three four"
    spans = {"before": (0, 4), "inside": (9, 12), "across": (3, 18)}
    start, end = 5, 18
    pieces = segments(text, spans, start, end)
    assert "".join(text[p.start : p.end] for p in pieces) == text[start:end]
    assert all(start <= p.start < p.end <= end for p in pieces)
    assert all("before" not in p.event_ids for p in pieces)
    uncovered = segments(text, {}, 0, len(text))
    assert [(p.start, p.end, p.event_ids) for p in uncovered] == [(0, len(text), ())]


def test_paragraphs_are_blocks_between_blank_lines() -> None:
    text = "\n\nFirst line\nstill first\n\n\nSecond\n\nThird\n"
    found = paragraphs(text)
    assert [text[p.start : p.end] for p in found] == ["First line\nstill first", "Second", "Third"]
    assert [p.number for p in found] == [1, 2, 3]


def test_paragraph_at_finds_the_paragraph_of_a_quote() -> None:
    start, _ = find_quote(TEXT, "embraced Al-Qaeda's")
    paragraph = paragraph_at(TEXT, start)
    assert paragraph is not None and paragraph.number == 2
    assert TEXT[paragraph.start : paragraph.end].startswith("AQIM was founded")
    assert paragraph_at(TEXT, TEXT.index("\n\n")) is None  # a blank line belongs to no paragraph
