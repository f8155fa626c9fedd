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
from .touch_helpers import middle, touch_drag, touch_screen

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


def said(browser) -> str:
    return browser.js("return document.querySelector('.quiz-sr').textContent")


def test_a_card_moves_by_its_buttons_one_tap_a_step(browser, server):
    """WCAG 2.5.7: dragging has a single-pointer alternative, the ↑ and ↓ buttons on every card."""
    open_quiz(browser, server)
    before = card_ids(browser)
    browser.driver.find_element(
        By.CSS_SELECTOR, f'.quiz-card[data-event="{before[2]}"] [data-action="move-up"]'
    ).click()
    assert card_ids(browser) == [before[0], before[2], before[1], *before[3:]]
    assert said(browser).endswith(f"is now 2 of {len(before)}.")
    browser.driver.switch_to.active_element.click()  # focus stayed on the button: press again
    assert card_ids(browser)[0] == before[2]
    browser.driver.find_element(
        By.CSS_SELECTOR, f'.quiz-card[data-event="{before[2]}"] [data-action="move-down"]'
    ).click()
    assert card_ids(browser)[1] == before[2]
    sizes = browser.js(
        "return Array.from(document.querySelectorAll('.quiz-card [data-action^=\"move-\"], .quiz-grip'))"
        ".map(function (b) { var r = b.getBoundingClientRect(); return Math.min(r.width, r.height); });"
    )
    assert min(sizes) >= 24


def test_a_touch_drag_on_the_handle_moves_a_card_and_a_swipe_elsewhere_scrolls(browser, server):
    open_quiz(browser, server)
    before = card_ids(browser)
    styles = browser.js(
        "var card = document.querySelector('.quiz-card');"
        "return [getComputedStyle(card.querySelector('.quiz-grip')).touchAction, getComputedStyle(card).touchAction];"
    )
    assert styles == ["none", "auto"]  # only the handle keeps the finger; elsewhere the page scrolls
    browser.js("window.scrollTo(0, 0);")  # the cards below the sticky Check bar, which takes no drag
    third = browser.js(
        "var r = document.querySelectorAll('.quiz-card')[2].getBoundingClientRect(); return [r.left + 40, r.bottom - 8];"
    )
    with touch_screen(browser):
        touch_drag(browser, middle(browser, ".quiz-card .quiz-grip"), tuple(third))
        browser.wait(lambda: card_ids(browser) == [before[1], before[2], before[0], *before[3:]], message="dragged")
        assert said(browser) == f"“{CARDS[before[0]].title}” is now 3 of {len(before)}."
        # The same gesture on a card's text, not its handle: the card stays, the page scrolls.
        scrolled = browser.js("return window.scrollY")
        body = middle(browser, ".quiz-card:nth-child(5) .quiz-card-body")
        touch_drag(browser, body, (body[0], body[1] - 250), hold=0.05)
        browser.wait(lambda: browser.js("return window.scrollY") > scrolled + 50, message="the page scrolled")
        assert card_ids(browser) == [before[1], before[2], before[0], *before[3:]]
