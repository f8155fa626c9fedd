"""The ordering quiz's rule as a pure function, its cards and its encoded answers.

The same cases (RULE_CASES) drive the browser test of assets/quiz.js, so the
Python and JavaScript rules cannot drift apart.
"""

from __future__ import annotations

import itertools
import json
from html import unescape

import pytest

from timeline.formats.deck import build_deck
from timeline.formats.quiz import (
    certainly_before,
    date_order,
    day_number,
    decode_answers,
    encode_answers,
    possible_order_marks,
    quiz_cards,
)
from timeline.load.collection import load_collection
from timeline.load.passages import quote_passages
from timeline.web.components.quiz import quiz_section
from timeline.web.components.render import to_html

COLLECTION = load_collection()
PASSAGES = quote_passages(COLLECTION)
LESSON = "gspc-to-jnim"
DECK = build_deck(COLLECTION, LESSON)

# Intervals (earliest, latest) as plain numbers: years, for reading ease.
Y2007, Y2011, Y2012, Y2013, Y2015 = (2007, 2007), (2011, 2011), (2012, 2012), (2013, 2013), (2015, 2015)
Y2012_2014 = (2012, 2014)

# (name, intervals in the placed order, expected marks): shared with tests/browser/test_quiz.py.
RULE_CASES = [
    ("in order", [Y2007, Y2011, Y2013, Y2015], [True, True, True, True]),
    ("overlap, range first", [Y2007, Y2012_2014, Y2013, Y2015], [True, True, True, True]),
    ("overlap, range second", [Y2007, Y2013, Y2012_2014, Y2015], [True, True, True, True]),
    ("ties in either order", [Y2012, Y2012, Y2013], [True, True, True]),
    ("two swapped: the lower one is wrong", [Y2011, Y2007, Y2013], [True, False, True]),
    ("reversed: one card is right", [Y2015, Y2013, Y2011, Y2007], [True, False, False, False]),
    ("one card far out of place", [Y2011, Y2012, Y2013, Y2007], [True, True, True, False]),
    ("first card far out of place", [Y2015, Y2007, Y2011, Y2013], [False, True, True, True]),
    # The range overlaps 2013 but is certainly after 2011: one of the two is wrong, the lower one.
    ("range above an earlier year", [Y2012_2014, Y2011, Y2013], [True, False, True]),
    # Each interval overlaps the next, but the first is certainly after the last: only the last is wrong.
    ("a chain of overlaps is not transitive", [(2014, 2016), (2010, 2014), (2008, 2010)], [True, True, False]),
    ("empty", [], []),
    ("one card", [Y2013], [True]),
]


@pytest.mark.parametrize(("name", "placed", "expected"), RULE_CASES, ids=[case[0] for case in RULE_CASES])
def test_the_rule_on_named_cases(name, placed, expected):
    assert possible_order_marks(placed) == expected


def possible(placed) -> bool:
    """Reference: dates can be picked in the intervals that never go back in time (greedy)."""
    when = None
    for earliest, latest in placed:
        when = earliest if when is None else max(when, earliest)
        if when > latest:
            return False
    return True


INTERVALS = [(1, 1), (2, 2), (1, 3), (3, 3), (2, 5), (4, 4), (5, 6)]


@pytest.mark.parametrize("size", [3, 4, 5])
def test_the_right_cards_are_a_largest_possible_subsequence(size):
    """Against brute force on every arrangement of small sets of intervals."""
    for chosen in itertools.combinations(INTERVALS, size):
        for placed in itertools.permutations(chosen):
            marks = possible_order_marks(list(placed))
            kept = [interval for interval, right in zip(placed, marks, strict=True) if right]
            assert possible(kept), (placed, marks)
            largest = max(
                len(subset) for r in range(size + 1) for subset in itertools.combinations(placed, r) if possible(subset)
            )
            assert len(kept) == largest, (placed, marks)
            assert all(marks) == possible(placed)


def test_overlapping_intervals_never_make_each_other_wrong():
    for first, second in itertools.permutations(INTERVALS, 2):
        if not certainly_before(first, second) and not certainly_before(second, first):
            assert possible_order_marks([first, second]) == [True, True]
            assert possible_order_marks([second, first]) == [True, True]


def test_the_lesson_in_its_answer_key_order_is_all_right_and_reversed_is_not():
    cards = quiz_cards(COLLECTION, PASSAGES, DECK)
    intervals = {card.id: card.interval for card in cards}
    order = date_order(intervals)
    assert all(possible_order_marks([intervals[event_id] for event_id in order]))
    assert not all(possible_order_marks([intervals[event_id] for event_id in reversed(order)]))


def test_the_french_led_operation_and_al_murabitun_may_come_in_either_order():
    cards = {card.id: card for card in quiz_cards(COLLECTION, PASSAGES, DECK)}
    operation, murabitun = cards["french-led-operation-mali"], cards["al-murabitun-founded"]
    assert operation.span == "2012–2014" and murabitun.span == "2013"
    assert possible_order_marks([operation.interval, murabitun.interval]) == [True, True]
    assert possible_order_marks([murabitun.interval, operation.interval]) == [True, True]


def test_cards_are_the_lessons_events_with_day_intervals():
    cards = quiz_cards(COLLECTION, PASSAGES, DECK)
    assert [card.id for card in cards] == list(DECK.events["id"])
    first = cards[0]
    event = DECK.events.iloc[0]
    assert (first.earliest, first.latest) == (day_number(event["earliest"]), day_number(event["latest"]))
    assert first.latest - first.earliest == 364  # "in 2007": the whole year


def test_a_chosen_number_of_cards_is_spread_over_the_lesson():
    cards = quiz_cards(COLLECTION, PASSAGES, DECK, count=4)
    ids = list(DECK.events["id"])
    assert len(cards) == 4
    assert cards[0].id == ids[0] and cards[-1].id == ids[-1]


def test_answers_round_trip_and_stay_out_of_the_page_until_decoded():
    cards = quiz_cards(COLLECTION, PASSAGES, DECK)
    payload, key = encode_answers(cards)
    answers = decode_answers(payload, key)
    assert answers["jnim-formed"]["date"] == "In March 2017"
    assert answers["french-led-operation-mali"]["span"] == "2012–2014"
    page = unescape(to_html(quiz_section(DECK.title, cards, LESSON)))
    for card in cards:
        assert card.title in page and card.summary in page
        assert card.date_text not in page
        assert card.quote[:40] not in page
        assert json.dumps(card.earliest) not in payload
    assert "In March 2017" not in page and "2012–2014" not in page
    # The cards do not come in date order.
    shown = [part.split('"')[0] for part in page.split('data-event="')[1:]]
    assert sorted(shown) == sorted(card.id for card in cards)
    assert shown != [card.id for card in cards]
