"""The lesson file in a real Chromium, opened from file:// with every host unresolvable.

It must request nothing but itself, step through its slides with the presenter's
keys, draw each map's country shapes from the topojson inside it, show quotes,
keep the teacher's notes behind N, and run its quiz by keyboard.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import copy_collection, edit_row
from selenium.webdriver.common.keys import Keys

from timeline.formats.quiz import date_order, quiz_cards
from timeline.load.collection import load_collection
from timeline.load.passages import quote_passages
from timeline.web.lessonfile import write_bundle

from .quiz_helpers import arrange, card_ids, results
from .slide_helpers import COLLECTION, DECK, LESSON, map_drawn, press

pytestmark = pytest.mark.browser

HOSTILE_TITLE = "</script><script>window.ran='title'</script><img src=x onerror=window.ran='img'> Coup"


@pytest.fixture(scope="module")
def lesson_file(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("lesson") / "gspc-to-jnim.html"
    _, size = write_bundle(COLLECTION, out, LESSON)
    assert size <= 3_000_000, size
    return out


def open_file(browser, path: Path, fragment: str = "") -> None:
    browser.open("about:blank")  # else a new #fragment on the same file is only a jump within the open page
    browser.open(path.as_uri() + fragment)
    browser.wait(lambda: browser.js("return document.readyState") == "complete", message="the file loaded")


def shown_slide(browser) -> int:
    visible = browser.js(
        "return Array.from(document.querySelectorAll('.present-slide'))"
        "  .filter(function (s) { return getComputedStyle(s).visibility === 'visible'; })"
        "  .map(function (s) { return s.dataset.slide; });"
    )
    assert len(visible) == 1, visible
    return int(visible[0])


def requests_other_than(browser, path: Path) -> list[str]:
    browser.drain_logs()
    return [
        url
        for url in browser.requested
        if url.split("#")[0] != path.as_uri() and not url.startswith(("data:", "blob:"))
    ]


def test_every_slide_steps_by_key_draws_its_map_and_shows_its_quote_with_no_request(browser, lesson_file):
    open_file(browser, lesson_file)
    assert shown_slide(browser) == 0
    assert DECK.title in browser.text(".present-slide.current")
    for slide in range(1, len(DECK.events) + 1):
        press(browser, Keys.ARROW_RIGHT)
        browser.wait(lambda slide=slide: shown_slide(browser) == slide, message=f"slide {slide}")
        event = DECK.events.iloc[slide - 1]
        assert browser.text(".present-slide.current .slide-title") == event["title"]
        assert browser.text(".present-slide.current .slide-date") == event["date_text"]
        assert event["quote"][:60] in browser.text(".present-slide.current .slide-quote")
        browser.wait(lambda slide=slide: map_drawn(browser, slide) > 0, message=f"map of slide {slide}")
        if DECK.show(slide - 1) != "lineage":
            countries = {place["country"] for place in event["places"] if place["country"]}
            assert map_drawn(browser, slide) == len(countries)
        assert browser.js("return location.hash") == f"#slide={slide}"
    assert requests_other_than(browser, lesson_file) == []
    assert browser.js("return performance.getEntriesByType('resource').length") == 0


def test_the_presenters_keys_and_a_reload_that_stays_put(browser, lesson_file):
    last = len(DECK.events)
    open_file(browser, lesson_file)
    for key, expected in [
        (Keys.PAGE_DOWN, 1),
        (Keys.SPACE, 2),
        (Keys.ARROW_RIGHT, 3),
        (Keys.ARROW_LEFT, 2),
        (Keys.PAGE_UP, 1),
        (Keys.END, last),
        (Keys.ARROW_RIGHT, last),
        (Keys.HOME, 0),
        (Keys.PAGE_DOWN, 1),
        (Keys.PAGE_DOWN, 2),
        (Keys.PAGE_DOWN, 3),
    ]:
        press(browser, key)
        browser.wait(lambda expected=expected: shown_slide(browser) == expected, message=f"slide {expected}")
    browser.driver.refresh()
    browser.wait(lambda: browser.js("return document.readyState") == "complete")
    assert shown_slide(browser) == 3
    assert browser.text("#present-counter") == f"3 / {last}"
    browser.js(
        "window.__asked = 0; document.documentElement.requestFullscreen = function () {"
        "  window.__asked += 1; return Promise.resolve(); };"
    )
    press(browser, "f")
    browser.wait(lambda: browser.js("return window.__asked") == 1, message="full screen asked")
    # Esc has no explorer to go back to: the file stays open on its slide.
    press(browser, Keys.ESCAPE)
    assert shown_slide(browser) == 3 and browser.driver.current_url.startswith(lesson_file.as_uri())


def test_the_teachers_notes_are_hidden_until_n(browser, lesson_file):
    open_file(browser, lesson_file, "#slide=1")
    assert shown_slide(browser) == 1
    browser.js("location.hash = '#slide=2'")
    browser.wait(lambda: shown_slide(browser) == 2, message="a new #slide=N in the address bar is followed")
    browser.js("location.hash = '#slide=1'")
    browser.wait(lambda: shown_slide(browser) == 1)

    def notes_shown() -> bool:
        return browser.js("return getComputedStyle(document.querySelector('.speaker-panel')).display !== 'none'")

    assert not notes_shown()
    assert DECK.notes[0][:30] not in browser.driver.find_element("css selector", "body").text
    press(browser, "n")
    browser.wait(notes_shown, message="notes shown")
    assert DECK.notes[0][:40] in browser.text(".speaker-note.current")
    assert DECK.events.iloc[1]["title"] in browser.text(".speaker-note.current")
    press(browser, Keys.ARROW_RIGHT)
    browser.wait(lambda: DECK.notes[1][:40] in browser.text(".speaker-note.current"), message="next notes")
    press(browser, "N")
    browser.wait(lambda: not notes_shown(), message="notes hidden again")


def test_the_quiz_in_the_file_by_keyboard(browser, lesson_file):
    open_file(browser, lesson_file)
    browser.driver.find_element("css selector", "a[href='#quiz']").click()
    browser.wait(lambda: browser.js("return !document.getElementById('quiz').hidden"), message="quiz shown")
    assert browser.js("return document.querySelector('.present').hidden") is True
    order = date_order({card.id: card.interval for card in quiz_cards(COLLECTION, quote_passages(COLLECTION), DECK)})
    arrange(browser, order)
    assert card_ids(browser) == order
    # The presenter's keys do nothing while the quiz is shown.
    press(browser, Keys.ARROW_RIGHT)
    browser.driver.find_element("css selector", "[data-action='check']").click()
    assert results(browser) == ["right"] * len(order)
    assert browser.text(".quiz-score") == f"{len(order)} of {len(order)} in a possible order"
    browser.driver.find_element("css selector", "a[href='#']").click()
    browser.wait(lambda: browser.js("return !document.querySelector('.present').hidden"), message="slides back")
    assert shown_slide(browser) == 0


def test_hostile_event_text_stays_text_in_the_file(browser, tmp_path):
    folder = copy_collection(tmp_path)
    edit_row(folder / "events.csv", "mali-coup", "Coup d'état in Mali", HOSTILE_TITLE)
    out = tmp_path / "hostile.html"
    write_bundle(load_collection(folder), out, LESSON)
    open_file(browser, out)
    position = list(DECK.events["id"]).index("mali-coup") + 1
    press(browser, *[Keys.ARROW_RIGHT] * position)
    browser.wait(lambda: shown_slide(browser) == position)
    assert browser.text(".present-slide.current .slide-title") == HOSTILE_TITLE
    assert browser.js("return window.ran === undefined")
    assert browser.js("return document.querySelectorAll('img[src=\"x\"]').length") == 0
    assert browser.js("return document.scripts.length") == 7  # the file's own: 2 of JSON, 5 of code
    browser.driver.find_element("css selector", "a[href='#quiz']").click()
    browser.driver.find_element("css selector", "[data-action='check']").click()
    titles = browser.js(
        "return Array.from(document.querySelectorAll('.quiz-card-title')).map(function (t) { return t.textContent; })"
    )
    assert HOSTILE_TITLE in titles
    assert browser.js("return window.ran === undefined")
    assert requests_other_than(browser, out) == []


def test_a_slide_and_a_checked_quiz_at_1280x720(browser, lesson_file):
    """Screenshots for a person to look at (build/screenshots/), and nothing cut off on the slide."""
    driver = browser.driver
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 720, "deviceScaleFactor": 1, "mobile": False}
    )
    try:
        position = list(DECK.events["id"]).index("french-led-operation-mali") + 1
        open_file(browser, lesson_file, f"#slide={position}")
        browser.wait(lambda: map_drawn(browser, position) > 0, message="the map drawn")
        cut = browser.js(
            "var t = document.querySelector('.present-slide.current .slide-text');"
            "return t.scrollHeight > t.clientHeight + 1;"
        )
        assert not cut
        assert browser.js("return document.documentElement.scrollWidth") <= 1280
        browser.screenshot("lesson-file-slide-1280x720")
        browser.js("location.hash = '#quiz'")
        browser.wait(lambda: browser.js("return !document.getElementById('quiz').hidden"))
        browser.driver.find_element("css selector", "[data-action='check']").click()
        browser.wait(lambda: all(results(browser)), message="marked")
        browser.screenshot("lesson-file-quiz-checked-1280x720")
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
