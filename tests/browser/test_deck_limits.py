"""The most a deck shows, as a reader meets it: /present on a collection one event over the limit says so on
its first slide, in the reader's language; the explorer's Present link carries its filters; the strip's
marks, sent once, follow the slide shown."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from deck_cases import OVER, limit_library
from selenium.webdriver.common.by import By
from servers import Server

from timeline.formats.deck import DECK_LIMIT

from .slide_helpers import press

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def limits_server(tmp_path_factory) -> Iterator[Server]:
    running = Server(limit_library(tmp_path_factory.mktemp("limits")))
    yield running
    running.stop()


def open_present(browser, url: str) -> None:
    browser.open(url)
    browser.wait(lambda: browser.js("return !!document.querySelector('#react-entry-point .present-slide.current')"))


def notice(browser) -> dict:
    return browser.js(
        "var n = document.querySelector('#react-entry-point .present-slide.current .slide-limit');"
        "if (!n) { return null; } var box = n.getBoundingClientRect();"
        "return {text: n.innerText, visible: getComputedStyle(n).visibility === 'visible' && box.height > 0,"
        "  inside: box.bottom <= window.innerHeight && box.right <= window.innerWidth};"
    )


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_one_over_the_limit_the_first_slide_says_so(browser, limits_server, lang) -> None:
    browser.driver.set_window_size(1366, 768)
    open_present(browser, f"{limits_server.url}/present?collection=over&lang={lang}")
    said = notice(browser)
    assert said and said["visible"] and said["inside"], said
    if lang == "en":
        assert f"has {OVER:,} events" in said["text"] and f"at most {DECK_LIMIT}" in said["text"]
        assert "narrow the explorer's view" in said["text"]
    else:
        assert "ضيّق عرض المستكشف" in said["text"]
    assert browser.js("return document.querySelectorAll('#react-entry-point .present-slide').length") == DECK_LIMIT + 1
    browser.screenshot(f"present-limit-{lang}-1366x768")


def test_at_the_limit_nothing_is_said(browser, limits_server) -> None:
    open_present(browser, f"{limits_server.url}/present?collection=at")
    assert notice(browser) is None


def test_the_strip_follows_the_slide_shown(browser, limits_server) -> None:
    open_present(browser, f"{limits_server.url}/present?collection=over")
    press(browser, "\ue014", "\ue014", "\ue014")  # → three times: slide 3
    browser.wait(lambda: browser.js("return document.querySelector('.present').dataset.current") == "3")
    states = browser.js(
        "var layer = document.querySelector('.present-slide.current .strip-layer');"
        "return layer && Array.from(layer.querySelectorAll('.strip-mark[data-order]'))"
        "  .map(function (m) { return m.classList.contains('done'); });"
    )
    assert states == [True, True] + [False] * (DECK_LIMIT - 2)
    # Back to the intro: its strip marks nothing done, and the page holds one layer per slide visited.
    press(browser, "\ue011")  # Home
    browser.wait(lambda: browser.js("return document.querySelector('.present').dataset.current") == "0")
    done = browser.js("return document.querySelectorAll('.present-slide.current .strip-mark.done').length")
    assert done == 0
    assert browser.js("return document.querySelectorAll('.strip-layer').length") == 4  # the intro and slides 1 to 3


def test_the_explorers_present_link_carries_its_filters(browser, limits_server) -> None:
    browser.open(f"{limits_server.url}/?collection=over&from=2000&to=2005")
    browser.wait(browser.graphs_drawn, message="the explorer")
    link = browser.js("return document.getElementById('explore-present').getAttribute('href')")
    assert "from=2000" in link and "to=2005" in link and "collection=over" in link
    # A search typed in the explorer goes with it too.
    browser.driver.find_element(By.ID, "search").send_keys("killed")
    present = "return document.getElementById('explore-present').getAttribute('href')"
    browser.wait(lambda: "q=killed" in browser.js(present), message="the Present link to follow the search")
    assert "from=2000" in browser.js(present) and "event=" not in browser.js(present)
    browser.open(limits_server.url + link)
    browser.wait(lambda: browser.js("return !!document.querySelector('#react-entry-point .present-slide.current')"))
    assert notice(browser) is None
    count = browser.js("return document.querySelectorAll('#react-entry-point .present-slide').length")
    assert 1 < count < DECK_LIMIT + 1


def test_on_a_phone_the_notice_is_read_in_the_column(phone, limits_server) -> None:
    browser = phone(390, 664)
    open_present(browser, f"{limits_server.url}/present?collection=over")
    said = notice(browser)
    assert said and said["visible"] and f"at most {DECK_LIMIT}" in said["text"], said
    widths = browser.js("return [document.scrollingElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"the page scrolls sideways: {widths}"
    browser.screenshot("phone-present-limit-390x664")


def test_the_quiz_one_over_the_limit_says_so_above_its_cards(browser, limits_server) -> None:
    browser.driver.set_window_size(1366, 768)
    browser.open(f"{limits_server.url}/quiz?collection=over&lang=fr")
    browser.wait(lambda: browser.js("return !!document.querySelector('#react-entry-point .quiz-limit')"))
    text = browser.js("return document.querySelector('#react-entry-point .quiz-limit').innerText")
    assert "au plus 100" in text and "101" in text
    assert browser.js("return document.querySelectorAll('#react-entry-point .quiz-card').length") == DECK_LIMIT
    browser.screenshot("quiz-limit-fr-1366x768")
