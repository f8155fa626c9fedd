"""The explorer and the presentation in French and Arabic (issue 17), in headless Chromium.

The check against English is made from the catalogs themselves: every interface message whose French
differs from its English must not show on the French page, outside the events' own text (which stays in
the source's language and is marked dir="auto").
"""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from timeline import i18n

pytestmark = pytest.mark.browser

# What the page shows of the collection's own words, which are not interface strings: the events, the
# source, the collection's title and description, names of places and actors in the filters.
CONTENT = (
    "[dir=auto], h1, .lede, .item-title, .detail-title, .summary, .quote, .citation, .reader, .source-panel h3, "
    ".source-note, .facts dd, .dash-dropdown, .choice, .slide-title, .slide-quote, .slide-citation, "
    ".slide-summary, .slide-date, .slide-agenda, .strip-label, .present-title, .js-plotly-plot"
)

VISIBLE_TEXT = """
var skip = arguments[0];
var walker = document.createTreeWalker(document.querySelector('#react-entry-point'), NodeFilter.SHOW_TEXT);
var texts = [], node;
while ((node = walker.nextNode())) {
  var parent = node.parentElement;
  if (!parent || parent.closest(skip)) { continue; }
  var style = getComputedStyle(parent);
  if (style.display === 'none' || style.visibility === 'hidden' || parent.closest('[hidden]')) { continue; }
  var text = node.textContent.replace(/\\s+/g, ' ').trim();
  if (text) { texts.push(text); }
}
var attrs = Array.from(document.querySelectorAll('#react-entry-point [aria-label], #react-entry-point [title],'
  + ' #react-entry-point [placeholder]')).filter(function (e) { return !e.closest(skip); }).map(function (e) {
  return [e.getAttribute('aria-label'), e.getAttribute('title'), e.getAttribute('placeholder')]; });
return {texts: texts, attrs: [].concat.apply([], attrs).filter(Boolean)};
"""


def english_messages(lang: str) -> set[str]:
    """Interface messages whose translation differs from the English: none of them may show on the page."""
    with i18n.catalog_path(lang).open("rb") as handle:
        catalog = read_po(handle)
    english = set()
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for msgid in ids:
            # The fixed part of a message with placeholders: its longest run of words.
            fixed = max(re.split(r"%\(\w+\)s|\{\w+\}", msgid), key=len).strip(" .:,·")
            if len(fixed) >= 4 and fixed not in strings and not any(fixed in s for s in strings):
                english.add(fixed)
    return english


def untranslated(browser, lang: str) -> list[str]:
    shown = browser.js(VISIBLE_TEXT, CONTENT)
    english = english_messages(lang)
    found = []
    for text in shown["texts"] + shown["attrs"]:
        for message in english:
            if text == message or (len(message) >= 12 and message in text):
                found.append(f"{message!r} in {text!r}")
    return found


def open_live(browser, url: str) -> None:
    browser.open(url)
    browser.wait(browser.settled, message="no callback in flight")


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_explorer_speaks_the_chosen_language(browser, server, lang):
    open_live(browser, f"{server.url}/?lang={lang}&event=droukdel-killed")
    browser.wait(browser.graphs_drawn, message="timeline and map drawn")
    assert browser.js("return [document.documentElement.lang, document.documentElement.dir]") == [
        lang,
        i18n.direction(lang),
    ]
    assert untranslated(browser, lang) == []
    # The quote stays the source's own words.
    assert "Droukdel" in browser.text(".detail-panel .quote")


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("path", ["/present", "/glossary", "/quiz"])
def test_every_page_speaks_the_chosen_language(browser, server, lang, path):
    open_live(browser, f"{server.url}{path}?lang={lang}")
    assert browser.js("return document.documentElement.lang") == lang
    assert untranslated(browser, lang) == []


def test_a_filter_keeps_the_language_in_the_url_and_the_count(browser, server):
    open_live(browser, f"{server.url}/?lang=fr")
    search = browser.driver.find_element("id", "search")
    search.send_keys("Mali")
    browser.wait(lambda: "q=Mali" in browser.driver.current_url, message="the filter reaches the URL")
    assert "lang=fr" in browser.driver.current_url
    browser.wait(browser.settled, message="no callback in flight")
    assert " sur " in browser.text("#event-count") and "of" not in browser.text("#event-count").split()


def test_the_switcher_reopens_the_same_view_in_another_language(browser, server):
    open_live(browser, f"{server.url}/?lang=fr")
    browser.driver.find_element("id", "search").send_keys("Gao")
    browser.wait(lambda: "q=Gao" in browser.driver.current_url, message="the filter reaches the URL")
    browser.driver.find_element("css selector", '.lang-switch a[hreflang="ar"]').click()
    browser.wait(lambda: "lang=ar" in browser.driver.current_url and browser.live(), message="the Arabic page")
    assert "q=Gao" in browser.driver.current_url
    assert browser.js("return document.documentElement.dir") == "rtl"
    assert browser.driver.find_element("id", "search").get_attribute("value") == "Gao"


@pytest.mark.parametrize(("width", "height"), [(1366, 768)])
def test_arabic_mirrors_the_page_but_time_still_runs_left_to_right(sized_browser, server, width, height):
    browser = sized_browser(width, height)
    open_live(browser, f"{server.url}/?lang=ar&event=droukdel-killed")
    browser.wait(browser.graphs_drawn, message="timeline and map drawn")
    boxes = browser.js(
        "function box(css) { var r = document.querySelector(css).getBoundingClientRect();"
        "  return {left: r.left, right: r.right, top: r.top}; }"
        "return {search: box('.control-search'), count: box('.control-count'), list: box('.list-panel'),"
        "  detail: box('.detail-panel'), title: box('h1'), vw: window.innerWidth};"
    )
    # The filter bar starts at the right, the list is right of the detail, the title is at the right.
    assert boxes["search"]["left"] > boxes["count"]["left"], boxes
    assert boxes["list"]["left"] > boxes["detail"]["left"], boxes
    assert boxes["title"]["right"] > boxes["vw"] * 0.6, boxes
    ticks = browser.js(
        "return Array.from(document.querySelectorAll('#timeline .xtick text')).map(function (t) {"
        "  return [t.textContent, t.getBoundingClientRect().left]; });"
    )
    years = [(int(text), left) for text, left in ticks if text.strip().isdigit()]
    assert len(years) >= 3, ticks
    assert [left for _year, left in sorted(years)] == sorted(left for _year, left in years), "time runs left to right"
    browser.screenshot(f"explorer-ar-{width}x{height}")


def test_french_at_1366x768(sized_browser, server):
    browser = sized_browser(1366, 768)
    open_live(browser, f"{server.url}/?lang=fr&event=droukdel-killed")
    browser.wait(browser.graphs_drawn, message="timeline and map drawn")
    browser.screenshot("explorer-fr-1366x768")
    assert browser.text(".detail-panel h2")  # the event's detail is on the page


def test_a_browser_asking_for_french_gets_french(fresh_browser, server):
    browser = fresh_browser
    browser.driver.execute_cdp_cmd("Network.enable", {})
    browser.driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {"Accept-Language": "fr-FR,fr;q=0.9"}})
    open_live(browser, f"{server.url}/")
    assert browser.js("return document.documentElement.lang") == "fr"
    # Callbacks are answered in French too: the count after a filter.
    browser.driver.find_element("id", "search").send_keys("Mali")
    browser.wait(lambda: "q=Mali" in browser.driver.current_url, message="the filter reaches the URL")
    browser.wait(browser.settled, message="no callback in flight")
    assert " sur " in browser.text("#event-count")
