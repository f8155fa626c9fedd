"""The ordering quiz at /quiz in the running app, done by keyboard; and its rule in the browser.

The rule's cases come from tests/test_quiz.py, so quiz.js and quiz.py are held to the same answers.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.test_quiz import RULE_CASES
from timeline.formats.deck import build_deck
from timeline.formats.quiz import date_order, possible_order_marks, quiz_cards
from timeline.load.collection import load_collection
from timeline.load.passages import quote_passages

from .quiz_helpers import arrange, card_ids, move, results

pytestmark = pytest.mark.browser

COLLECTION = load_collection()
LESSON = "gspc-to-jnim"
DECK = build_deck(COLLECTION, LESSON)
CARDS = {card.id: card for card in quiz_cards(COLLECTION, quote_passages(COLLECTION), DECK)}
ORDER = date_order({card.id: card.interval for card in CARDS.values()})


def open_quiz(browser, server, query: str = f"?lesson={LESSON}") -> None:
    browser.open(f"{server.url}/quiz{query}")
    browser.wait(lambda: browser.js("return !!document.querySelector('.quiz[data-ready]')"), message="quiz ready")


def check(browser) -> None:
    browser.driver.find_element(By.CSS_SELECTOR, "[data-action='check']").click()
    browser.wait(lambda: all(results(browser)), message="every card marked")


def test_the_rule_in_the_browser_matches_the_python_rule(browser, server):
    open_quiz(browser, server)
    for name, placed, expected in RULE_CASES:
        marks = browser.js("return window.timelineQuiz.possibleOrderMarks(arguments[0]);", [list(i) for i in placed])
        assert marks == expected, name
    intervals = [CARDS[event_id].interval for event_id in reversed(ORDER)]
    marks = browser.js("return window.timelineQuiz.possibleOrderMarks(arguments[0]);", [list(i) for i in intervals])
    assert marks == possible_order_marks(intervals)


def test_no_answer_is_in_the_page_before_the_check(browser, server):
    open_quiz(browser, server)
    page = browser.js("return document.documentElement.outerHTML")
    assert sorted(card_ids(browser)) == sorted(CARDS)
    for card in CARDS.values():
        assert card.title in browser.text(".quiz-cards")
        assert card.quote[:40] not in page
        assert f">{card.date_text}<" not in page
    assert "2012–2014" not in page and "In March 2017" not in page
    assert not browser.js("return document.querySelectorAll('[data-result]').length")
    assert browser.text(".quiz-reveal") == ""


def test_in_date_order_by_keyboard_every_card_is_right_and_the_dates_show(browser, server):
    open_quiz(browser, server)
    arrange(browser, ORDER)
    assert card_ids(browser) == ORDER
    check(browser)
    assert results(browser) == ["right"] * len(ORDER)
    assert browser.text(".quiz-score") == f"{len(ORDER)} of {len(ORDER)} in a possible order"
    reveal = browser.text('.quiz-card[data-event="jnim-formed"] .quiz-reveal')
    assert "In March 2017" in reveal and CARDS["jnim-formed"].quote[:40] in reveal
    operation = browser.text('.quiz-card[data-event="french-led-operation-mali"] .quiz-reveal')
    assert "only to 2012–2014" in operation and "Al Murabitun founded" in operation


def test_overlapping_dates_count_as_right_in_either_order(browser, server):
    open_quiz(browser, server)
    swapped = list(ORDER)
    a, b = swapped.index("french-led-operation-mali"), swapped.index("al-murabitun-founded")
    swapped[a], swapped[b] = swapped[b], swapped[a]
    arrange(browser, swapped)
    check(browser)
    assert results(browser) == ["right"] * len(ORDER)


def test_a_card_out_of_place_is_wrong_and_the_rest_right(browser, server):
    open_quiz(browser, server)
    arrange(browser, ORDER)
    # The last event (Droukdel killed, June 2020) moved to the top by keyboard.
    move(browser, ORDER[-1], Keys.ARROW_UP, len(ORDER) - 1)
    placed = card_ids(browser)
    assert placed == [ORDER[-1], *ORDER[:-1]]
    check(browser)
    expected = possible_order_marks([CARDS[event_id].interval for event_id in placed])
    assert results(browser) == ["right" if mark else "wrong" for mark in expected]
    assert results(browser)[0] == "wrong" and results(browser).count("wrong") == 1
    assert browser.text(".quiz-score") == f"{len(ORDER) - 1} of {len(ORDER)} in a possible order"
    assert "Move it down" in browser.text(f'.quiz-card[data-event="{ORDER[-1]}"] .quiz-why')
    # Moving it back down by keyboard clears the marks of the old order; checking again makes it right.
    move(browser, ORDER[-1], Keys.ARROW_DOWN, len(ORDER) - 1)
    assert results(browser) == [None] * len(ORDER) and browser.text(".quiz-score") == ""
    check(browser)
    assert results(browser) == ["right"] * len(ORDER)


def test_a_chosen_number_of_cards_and_the_link_from_present(browser, server):
    open_quiz(browser, server, f"?lesson={LESSON}&cards=4")
    assert len(card_ids(browser)) == 4
    browser.open(f"{server.url}/present?lesson={LESSON}")
    browser.wait(lambda: browser.js("return !!document.querySelector('#present-download')"), message="present")
    download = browser.js("return document.getElementById('present-download').getAttribute('href')")
    assert download == f"/lesson-file?lesson={LESSON}"
    browser.driver.find_element(By.LINK_TEXT, "Quiz").click()
    browser.wait(lambda: browser.js("return !!document.querySelector('.quiz[data-ready]')"), message="quiz")
    assert sorted(card_ids(browser)) == sorted(CARDS)


def test_dragging_a_card_moves_it(browser, server):
    """Drag and drop as the browser reports it (DragEvents; a real mouse drag is not scriptable headless)."""
    open_quiz(browser, server)
    before = card_ids(browser)
    browser.js(
        "var cards = document.querySelectorAll('.quiz-card');"
        "var first = cards[0], third = cards[2], data = new DataTransfer();"
        "var box = third.getBoundingClientRect();"
        "first.dispatchEvent(new DragEvent('dragstart', {bubbles: true, dataTransfer: data}));"
        "third.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: data,"
        "  clientX: box.left + 10, clientY: box.bottom - 2}));"
        "third.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: data}));"
        "first.dispatchEvent(new DragEvent('dragend', {bubbles: true, dataTransfer: data}));"
    )
    assert card_ids(browser) == [before[1], before[2], before[0], *before[3:]]
    assert "is now 3 of" in browser.js("return document.querySelector('.quiz-sr').textContent")
