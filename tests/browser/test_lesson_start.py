"""A teacher who opens /lesson first (issue 23 follow-up): she can start there, in a real Chromium.

With no slide, the buttons that present, print or share are disabled for real and say why. She starts from
the collection's bundled lesson (a copy she edits), or searches the collection's events on the page (one
request to the server per search) and adds them with the keyboard; the results show what is in the lesson.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from timeline.query import search
from timeline.web.pages.lesson_start import SEARCH_PATH

from .test_accessibility import axe_source, run_axe  # noqa: F401 (axe_source is a fixture)
from .test_lesson_builder import COLLECTION, fresh_start, open_builder, seed, slide_ids, stored, titles

pytestmark = pytest.mark.browser

USE = "#react-entry-point .lesson-use"
BUNDLED = COLLECTION.lessons["gspc-to-jnim"]


def use_controls(browser) -> list[dict]:
    """Each control of "Use it" and "Share": whether it can be used, and what describes it."""
    return browser.js(
        "var root = document.querySelector(arguments[0]);"
        "return Array.from(root.querySelectorAll('a[data-action], button:not([data-action=\"copy-link\"])'))"
        ".filter(function (e) { return e.getClientRects().length; })"
        ".map(function (e) { return {name: e.textContent.trim(), tag: e.tagName, disabled: e.disabled === true,"
        " href: e.getAttribute('href'), ariaDisabled: e.getAttribute('aria-disabled'),"
        " described: e.getAttribute('aria-describedby')}; });",
        USE,
    )


def off(control: dict) -> bool:
    if control["tag"] == "BUTTON":
        return control["disabled"]
    return control["href"] is None and control["ariaDisabled"] == "true"


def count_searches(browser) -> None:
    """From now on, count the page's requests to the search (window.searches)."""
    browser.js(
        "window.searches = 0; var sent = window.fetch;"
        "window.fetch = function (url) { if (String(url).indexOf(arguments[0]) === 0) { window.searches += 1; }"
        " return sent.apply(this, arguments); };".replace("arguments[0]", repr(SEARCH_PATH))
    )


def searches(browser) -> int:
    return browser.js("return window.searches")


def empty_builder(browser, server, lang: str = "") -> None:
    fresh_start(browser, server)
    browser.open(server.url + "/lesson" + lang)
    browser.wait(lambda: browser.js("return !!document.querySelector('#lesson-builder[data-ready]')"), message="ready")


def test_with_no_slide_nothing_can_be_presented_or_shared_and_the_reason_is_said(browser, server):
    empty_builder(browser, server)
    controls = use_controls(browser)
    assert len(controls) >= 6  # present, quiz, handout, lesson file, YAML, make a link
    assert all(off(c) for c in controls), [c for c in controls if not off(c)]
    reason = browser.text(f"{USE} .lesson-use-reason")
    assert reason.startswith("Add at least one slide first")
    assert {c["described"] for c in controls} == {"lesson-use-reason"}
    # Really disabled: a click on the speaker view goes nowhere, and the button makes no link.
    browser.driver.find_element(By.CSS_SELECTOR, f'{USE} [data-action="present"]').click()
    browser.js("document.querySelector(arguments[0]).click()", f'{USE} [data-action="share-link"]')
    assert browser.driver.current_url.endswith("/lesson")
    assert browser.js("return document.querySelector('.lesson-share').hidden")
    # One slide later, every control works, and the reason has gone.
    seed(browser, server, [{"event": "mali-coup"}])
    browser.wait(lambda: not any(off(c) for c in use_controls(browser)), message="the buttons enabled")
    assert browser.js("return document.querySelector(arguments[0]).hidden", f"{USE} .lesson-use-reason")
    assert "#lesson=v1." in browser.js(
        "return document.querySelector(arguments[0]).href", f'{USE} [data-action="present"]'
    )


def test_a_lesson_with_an_unknown_event_disables_the_buttons_and_says_what_is_missing(browser, server):
    fresh_start(browser, server)
    draft = {
        "collection": "aqim",
        "title": "",
        "intro": "",
        "slides": [{"event": "mali-coup"}, {"event": "no-such-event"}],
    }
    browser.js("window.localStorage.setItem('timeline-lesson:aqim', JSON.stringify(arguments[0]));", draft)
    browser.open(server.url + "/lesson")
    browser.wait(lambda: all(off(c) for c in use_controls(browser)), message="the buttons disabled")
    assert browser.text(f"{USE} .lesson-use-reason") == "Fix the problems listed just above first."
    assert "no-such-event" in browser.text(".lesson-problems")


def test_a_teacher_starts_from_the_bundled_lesson_and_edits_her_copy(browser, server):
    empty_builder(browser, server)
    starter = browser.driver.find_element(By.CSS_SELECTOR, '.lesson-empty [data-action="start-from"]')
    assert BUNDLED.title in browser.text(".lesson-starters")
    starter.click()
    open_builder_ids = BUNDLED.event_ids
    browser.wait(lambda: slide_ids(browser) == open_builder_ids, message="the bundled lesson's slides")
    assert browser.js("return document.querySelector('.lesson-empty').hidden")
    first = f'[data-slide-event="{open_builder_ids[0]}"]'
    browser.wait(lambda: browser.js("return document.activeElement.matches(arguments[0])", first), message="focus")
    draft = stored(browser)
    assert draft["title"] == BUNDLED.title and [s["event"] for s in draft["slides"]] == open_builder_ids
    assert draft["slides"][0].get("notes", "") == BUNDLED.slides[0].notes
    # Her copy: she changes its title, and the collection's lesson is untouched (the server keeps nothing).
    title = browser.driver.find_element(By.CSS_SELECTOR, 'input[name="lesson-title"]')
    title.clear()
    title.send_keys("Mine, from the bundled one")
    browser.wait(lambda: stored(browser)["title"] == "Mine, from the bundled one", message="kept")
    browser.wait(lambda: not any(off(c) for c in use_controls(browser)), message="usable")
    open_builder(browser, server, len(open_builder_ids))
    assert stored(browser)["title"] == "Mine, from the bundled one"


def test_search_and_add_with_the_keyboard_one_request_per_search(browser, server):
    seed(browser, server, [{"event": "jnim-formed"}])
    count_searches(browser)
    box = browser.driver.find_element(By.CSS_SELECTOR, 'input[name="lesson-search"]')
    box.send_keys("Mali")
    assert searches(browser) == 0  # typing asks nothing
    box.send_keys(Keys.ENTER)
    browser.wait(lambda: browser.js("return document.querySelectorAll('.lesson-found [data-found-event]').length"))
    expected = search.apply(COLLECTION.events, search.Filters(text="Mali"), COLLECTION.aliases)["id"].tolist()
    found = browser.js(
        "return Array.from(document.querySelectorAll('[data-found-event]')).map(e => e.dataset.foundEvent)"
    )
    assert found == expected[:20] and "jnim-formed" in found
    assert searches(browser) == 1
    assert browser.text(".lesson-found-said").startswith(f"{len(expected)} events match “Mali”")
    # What is in the lesson says so; the rest offer "Add".
    in_lesson = '[data-found-event="jnim-formed"] [data-action="add-found"]'
    assert browser.text(in_lesson) == "In the lesson ✓"
    assert browser.js("return document.querySelector(arguments[0]).getAttribute('aria-disabled')", in_lesson) == "true"
    wanted = next(event_id for event_id in found if event_id != "jnim-formed")
    add = browser.driver.find_element(By.CSS_SELECTOR, f'[data-found-event="{wanted}"] [data-action="add-found"]')
    assert add.text == "Add" and add.get_attribute("aria-label") == f"Add: {titles([wanted])[0]}"
    # By keyboard: Enter on the focused button adds the event.
    browser.js("arguments[0].focus()", add)
    add.send_keys(Keys.ENTER)
    browser.wait(lambda: slide_ids(browser) == ["jnim-formed", wanted], message="added at the end")
    assert browser.js("return document.activeElement === arguments[0]", add)  # focus stays where she was
    assert add.text == "In the lesson ✓"
    assert browser.text(".lesson-said") == f"“{titles([wanted])[0]}” added: slide 2 of 2."
    assert [s["event"] for s in stored(browser)["slides"]] == ["jnim-formed", wanted]
    add.send_keys(Keys.ENTER)  # a second press adds nothing
    assert slide_ids(browser) == ["jnim-formed", wanted]
    # A search that finds nothing says so.
    box.clear()
    box.send_keys("zzzzqqq", Keys.ENTER)
    browser.wait(lambda: browser.text(".lesson-found-said") == "No event matches “zzzzqqq”.", message="none")
    assert browser.js("return document.querySelectorAll('[data-found-event]').length") == 0
    assert searches(browser) == 2


def test_the_arabic_builder_searches_through_aliases_and_says_it_in_arabic(browser, server):
    alias, names = next((name, others) for name, others in COLLECTION.aliases.items() if others)
    empty_builder(browser, server, "?lang=ar")
    assert browser.text(f"{USE} .lesson-use-reason").startswith("أضف شريحة واحدة على الأقل")
    box = browser.driver.find_element(By.CSS_SELECTOR, 'input[name="lesson-search"]')
    box.send_keys(names[0], Keys.ENTER)
    browser.wait(lambda: browser.js("return document.querySelectorAll('[data-found-event]').length"), message="found")
    by_alias = search.apply(COLLECTION.events, search.Filters(text=names[0]), COLLECTION.aliases)["id"].tolist()
    by_name = search.apply(COLLECTION.events, search.Filters(text=alias), COLLECTION.aliases)["id"].tolist()
    found = browser.js(
        "return Array.from(document.querySelectorAll('[data-found-event]')).map(e => e.dataset.foundEvent)"
    )
    assert found == by_alias[:20] == by_name[:20]
    assert browser.text('[data-action="add-found"]') == "أضف"
    assert browser.text(".lesson-starters") and "ابدأ من هذا الدرس" in browser.text(".lesson-start")


@pytest.mark.parametrize("lang", ["", "?lang=ar"])
def test_no_serious_axe_finding_on_the_first_screen_with_results(browser, server, axe_source, lang):  # noqa: F811
    """The empty builder (its disabled buttons and their reason, the lessons to start from) and a search's results."""
    seed(browser, server, [{"event": "mali-coup"}], lang=lang)
    browser.driver.find_element(By.CSS_SELECTOR, 'input[name="lesson-search"]').send_keys("Mali", Keys.ENTER)
    browser.wait(lambda: browser.js("return document.querySelectorAll('[data-found-event]').length"), message="found")
    browser.driver.find_element(By.CSS_SELECTOR, '[data-action="clear-lesson"]').click()
    browser.wait(lambda: all(off(c) for c in use_controls(browser)), message="the buttons disabled")
    assert browser.js("return !document.querySelector('.lesson-empty').hidden")
    violations = run_axe(browser, axe_source)
    blocking = [v for v in violations if v["impact"] in ("critical", "serious")]
    assert not blocking, [(v["id"], v["nodes"][0]["target"]) for v in blocking]


@pytest.mark.parametrize("width", [320, 390])
def test_the_first_screen_on_a_phone_has_no_sideways_scroll_and_big_enough_targets(sized_browser, server, width):
    browser = sized_browser(width, 664)
    browser.driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": width, "height": 664, "deviceScaleFactor": 2, "mobile": True}
    )
    empty_builder(browser, server, "?lang=ar")
    browser.driver.find_element(By.CSS_SELECTOR, 'input[name="lesson-search"]').send_keys("Mali", Keys.ENTER)
    browser.wait(lambda: browser.js("return document.querySelectorAll('[data-found-event]').length"), message="found")
    assert browser.js("return document.documentElement.scrollWidth") <= width
    small = browser.js(
        "return Array.from(document.querySelectorAll('#react-entry-point .lesson-builder button,"
        " #react-entry-point .lesson-builder a[href], #react-entry-point .lesson-builder input'))"
        ".filter(function (e) { return e.getClientRects().length && e.type !== 'checkbox'; })"
        ".map(function (e) { var r = e.getBoundingClientRect(); return [e.className + ' ' + e.textContent, r.width, r.height]; })"
        ".filter(function (s) { return s[1] < 24 || s[2] < 24; });"
    )
    assert small == []
    browser.screenshot(f"lesson-builder-first-screen-ar-{width}")
