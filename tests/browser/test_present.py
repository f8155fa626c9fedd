"""The present page and the printable outputs, in a real Chromium against a real server.

What slides a deck has comes from the library (build_deck on the bundled
collection), so the tests follow the lesson file rather than restating it.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from timeline.formats.deck import build_deck
from timeline.formats.handout import write_handout

from .slide_helpers import COLLECTION, DECK, LESSON, map_drawn, press

pytestmark = pytest.mark.browser

EVERYTHING = build_deck(COLLECTION)


def event_at(deck, slide: int) -> dict:
    return deck.events.iloc[slide - 1]


def open_present(browser, server, query: str) -> None:
    browser.open(f"{server.url}/present{query}")
    browser.wait(lambda: browser.js("return !!document.querySelector('.present-slide.current')"), message="slides")


def shown(browser) -> dict:
    """The slide a viewer sees: the one slide whose computed visibility is visible."""
    return browser.js(
        "var on = Array.from(document.querySelectorAll('.present-slide'))"
        "  .filter(function (s) { return getComputedStyle(s).visibility === 'visible'; });"
        "return on.map(function (s) { return {slide: s.dataset.slide, event: s.dataset.event || null,"
        "  title: (s.querySelector('.slide-title') || {}).innerText}; });"
    )


def shown_slide(browser) -> int:
    visible = shown(browser)
    assert len(visible) == 1, f"expected exactly one visible slide, got {visible}"
    return int(visible[0]["slide"])


def url_query(browser) -> dict:
    return parse_qs(urlparse(browser.driver.current_url).query)


@pytest.fixture
def projector(browser) -> Iterator:
    """The browser's page at exactly 1280x720, as a classroom projector shows it."""
    browser.driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 720, "deviceScaleFactor": 1, "mobile": False}
    )
    try:
        yield browser
    finally:
        browser.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.fixture
def print_media(fresh_browser) -> Iterator:
    """Switch the page to print media for a test, and back afterwards: the browser is shared."""

    def switch() -> None:
        fresh_browser.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})

    try:
        yield switch
    finally:
        fresh_browser.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_arrows_change_the_slide_and_the_url_and_reload_keeps_it(browser, server):
    open_present(browser, server, f"?lesson={LESSON}")
    assert shown_slide(browser) == 0
    assert DECK.title in browser.text(".present-slide.current")

    press(browser, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT)
    browser.wait(lambda: shown_slide(browser) == 2, message="slide 2 shown")
    assert shown(browser)[0]["event"] == event_at(DECK, 2)["id"]
    assert shown(browser)[0]["title"] == event_at(DECK, 2)["title"]
    assert url_query(browser) == {"lesson": [LESSON], "slide": ["2"]}
    assert browser.text("#present-counter") == f"2 / {len(DECK.events)}"

    browser.driver.refresh()
    browser.wait(lambda: browser.js("return !!document.querySelector('.present-slide.current')"))
    assert shown_slide(browser) == 2
    assert url_query(browser)["slide"] == ["2"]


def test_moving_between_slides_needs_no_server(browser, server):
    """A key press switches the slide before the handler returns: nothing waits for the network."""
    open_present(browser, server, f"?lesson={LESSON}&slide=3")
    browser.drain_logs()
    browser.requested.clear()
    after = browser.js(
        "document.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true}));"
        "return document.querySelector('.present-slide.current').dataset.slide;"
    )
    assert after == "4"
    browser.drain_logs()
    assert not [url for url in browser.requested if "_dash-update-component" in url]


def test_every_navigation_key_and_the_buttons(browser, server):
    last = len(DECK.events)
    open_present(browser, server, f"?lesson={LESSON}")
    steps = [
        (Keys.PAGE_DOWN, 1),
        (Keys.SPACE, 2),
        (Keys.ARROW_RIGHT, 3),
        (Keys.ARROW_LEFT, 2),
        (Keys.PAGE_UP, 1),
        (Keys.END, last),
        (Keys.ARROW_RIGHT, last),  # stays on the last slide
        (Keys.HOME, 0),
        (Keys.ARROW_LEFT, 0),  # stays on the first
    ]
    for key, expected in steps:
        press(browser, key)
        browser.wait(lambda expected=expected: shown_slide(browser) == expected, message=f"slide {expected}")
    assert browser.js("return document.getElementById('present-prev').disabled") is True

    browser.driver.find_element(By.ID, "present-next").click()
    browser.wait(lambda: shown_slide(browser) == 1)
    browser.driver.find_element(By.ID, "present-next").click()
    browser.driver.find_element(By.ID, "present-prev").click()
    browser.wait(lambda: shown_slide(browser) == 1)
    # After a mouse click, Space means "next" again rather than pressing the clicked button once more.
    press(browser, Keys.SPACE)
    browser.wait(lambda: shown_slide(browser) == 2)


def test_f_asks_for_full_screen(browser, server):
    open_present(browser, server, f"?lesson={LESSON}")
    browser.js(
        "window.__fullscreenAsked = 0;"
        "document.documentElement.requestFullscreen = function () {"
        "  window.__fullscreenAsked += 1; return Promise.resolve(); };"
    )
    press(browser, "f")
    assert browser.wait(lambda: browser.js("return window.__fullscreenAsked") == 1)
    assert shown_slide(browser) == 0


def test_escape_returns_to_the_explorer_on_the_same_event(browser, server):
    open_present(browser, server, f"?lesson={LESSON}&slide=4")
    event = event_at(DECK, 4)
    press(browser, Keys.ESCAPE)
    browser.wait(lambda: urlparse(browser.driver.current_url).path == "/", message="back on the explorer")
    assert url_query(browser).get("event") == [event["id"]]
    browser.wait(lambda: event["title"] in browser.text("#detail"), message="the event's detail")


def test_the_map_is_drawn_on_every_slide_and_ahead_of_the_presenter(browser, server):
    open_present(browser, server, f"?lesson={LESSON}")
    # Only the slides near the one shown have their map at first: a deck's maps are not all drawn on load.
    assert browser.js("return document.querySelector('#present-map-9') === null")
    for slide in range(1, len(DECK.events) + 1):
        press(browser, Keys.ARROW_RIGHT)
        browser.wait(lambda slide=slide: map_drawn(browser, slide) > 0, message=f"map of slide {slide}")
        if DECK.show(slide - 1) == "lineage":
            assert "organisations up to" in browser.text(".present-slide.current .slide-map-caption").lower()
        else:
            countries = {code for place in event_at(DECK, slide)["places"] for code in [place["country"]] if code}
            assert map_drawn(browser, slide) == len(countries)
        # Drawn while its slide was hidden, the map must still fill its box, not plotly's 700x450 default.
        box, svg = browser.js(
            "var s = document.querySelector('.present-slide.current');"
            "var box = s.querySelector('.slide-map').getBoundingClientRect();"
            "var svg = s.querySelector('.slide-map .main-svg').getBoundingClientRect();"
            "return [[box.width, box.height], [svg.width, svg.height]];"
        )
        assert abs(box[0] - svg[0]) <= 2 and abs(box[1] - svg[1]) <= 2, (slide, box, svg)


def test_slides_fit_a_1280x720_projector_in_large_type(projector, server):
    browser = projector
    for deck, query in ((DECK, f"?lesson={LESSON}"), (EVERYTHING, "")):
        open_present(browser, server, query + ("&" if query else "?") + "slide=1")
        sizes = browser.js(
            "var s = document.querySelector('.present-slide.current');"
            "function px(css) { return parseFloat(getComputedStyle(s.querySelector(css)).fontSize); }"
            "return {date: px('.slide-date'), title: px('.slide-title'), summary: px('.slide-summary'),"
            "  quote: px('.slide-quote')};"
        )
        assert sizes["date"] >= 48 and sizes["title"] >= 36, sizes
        assert sizes["summary"] >= 22 and sizes["quote"] >= 22, sizes
        # Every slide of the deck, shown or not (hidden slides keep their size): no text cut off.
        cut = browser.js(
            "return Array.from(document.querySelectorAll('.present-slide .slide-text'))"
            "  .filter(function (t) { return t.scrollHeight > t.clientHeight + 1; })"
            "  .map(function (t) { return t.closest('.present-slide').dataset.slide; });"
        )
        assert cut == [], f"text cut off on slides {cut} of {query or 'every event'}"
        assert browser.js("return document.documentElement.scrollHeight") <= 720
        assert len(browser.driver.find_elements(By.CSS_SELECTOR, ".present-slide")) == len(deck.events) + 1
    browser.wait(lambda: map_drawn(browser, 1) > 0)
    browser.screenshot("present-1280x720")


def test_without_a_lesson_every_event_is_a_slide_in_date_order(browser, server):
    open_present(browser, server, "")
    titles = browser.js(
        "return Array.from(document.querySelectorAll('.present-slide.slide-event'))"
        "  .map(function (s) { return s.dataset.event; });"
    )
    assert titles == list(COLLECTION.events.sort_values(["earliest", "latest", "id"])["id"])
    press(browser, Keys.ARROW_RIGHT)
    browser.wait(lambda: shown_slide(browser) == 1)
    assert url_query(browser) == {"slide": ["1"]}


def test_speaker_view_shows_the_notes_and_the_next_slide(browser, server):
    open_present(browser, server, f"?lesson={LESSON}&slide=1&speaker=1")
    note = browser.text(".speaker-note.current")
    assert DECK.notes[0][:40] in note
    assert event_at(DECK, 2)["title"] in note
    press(browser, Keys.ARROW_RIGHT)
    browser.wait(lambda: DECK.notes[1][:40] in browser.text(".speaker-note.current"))
    assert url_query(browser)["speaker"] == ["1"]


def test_the_projector_window_follows_the_speaker_window(fresh_browser, server):
    """Two windows of one lesson (the projector's and the presenter's notes) stay on the same slide."""
    # Its own browser: after a second tab is closed, headless Chromium's remaining tab stops
    # answering page loads, which would fail whichever test used the shared browser next.
    browser = fresh_browser
    driver = browser.driver
    projector_window = driver.current_window_handle
    open_present(browser, server, f"?lesson={LESSON}&slide=1")
    driver.switch_to.new_window("tab")
    try:
        open_present(browser, server, f"?lesson={LESSON}&slide=1&speaker=1")
        press(browser, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT)
        browser.wait(lambda: shown_slide(browser) == 3)
    finally:
        driver.close()
        driver.switch_to.window(projector_window)
    browser.wait(lambda: shown_slide(browser) == 3, message="the projector window followed")
    assert url_query(browser) == {"lesson": [LESSON], "slide": ["3"]}


def test_an_unknown_lesson_offers_the_lessons_there_are(browser, server):
    browser.open(f"{server.url}/present?lesson=no-such-lesson")
    browser.wait(lambda: "No such lesson" in browser.text("#page"))
    links = browser.js("return Array.from(document.querySelectorAll('#page a')).map(function (a) { return a.href; })")
    assert any(link.endswith(f"/present?lesson={LESSON}") for link in links)


def test_handout_prints_to_pdf_without_controls(fresh_browser, print_media, tmp_path):
    browser = fresh_browser
    out = tmp_path / "handout.html"
    write_handout(COLLECTION, out, LESSON)
    browser.open(out.as_uri())
    browser.wait(lambda: browser.js("return document.readyState") == "complete")
    assert browser.js("return document.scripts.length") == 0
    assert browser.js("return performance.getEntriesByType('resource').length") == 0

    pdf = base64.b64decode(browser.driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})["data"])
    assert pdf.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 2

    print_media()
    controls = browser.js(
        "return Array.from(document.querySelectorAll('button, input, select, textarea, [role=button]'))"
        "  .filter(function (e) { return e.getClientRects().length > 0; }).length;"
    )
    assert controls == 0
    entries = browser.js(
        "return Array.from(document.querySelectorAll('.entry')).map(function (e) {"
        "  return [e.id, getComputedStyle(e).breakInside, e.getClientRects().length > 0]; });"
    )
    assert [entry[0] for entry in entries] == list(DECK.events["id"])
    assert all(entry[1] == "avoid" and entry[2] for entry in entries), entries


def test_printing_the_explorer_leaves_the_whole_event_list(fresh_browser, server, print_media):
    browser = fresh_browser
    browser.open(f"{server.url}/")
    browser.wait(browser.graphs_drawn, message="timeline and map drawn")
    hidden_on_screen = browser.js("return getComputedStyle(document.querySelector('.filter-bar')).display")
    assert hidden_on_screen != "none"  # print.css must not touch the screen

    print_media()
    visible = browser.js(
        "function seen(css) { var e = document.querySelector(css); return !!e && e.getClientRects().length > 0; }"
        "return {filters: seen('.filter-bar'), timeline: seen('#timeline'), map: seen('#map'),"
        "  reader: seen('#source-reader'), nav: seen('.top-nav'), list: seen('#event-list')};"
    )
    assert visible == {
        "filters": False,
        "timeline": False,
        "map": False,
        "reader": False,
        "nav": False,
        "list": True,
    }
    listing = browser.js(
        "var l = document.getElementById('event-list');"
        "return [l.scrollHeight, l.clientHeight, l.querySelectorAll('.event-item').length];"
    )
    assert listing[0] <= listing[1] + 1, "the list is still a scroll box"
    assert listing[2] == len(COLLECTION.events)
