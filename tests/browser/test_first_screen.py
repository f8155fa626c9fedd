"""The first screen (issue 12): readable before any script, both graphs on a laptop screen, titles on
the timeline, numbered places on the map. Headless Chromium against a real server process."""

from __future__ import annotations

import urllib.request
from html.parser import HTMLParser

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from browser.test_explore import COLLECTION, TOTAL, open_explorer
from timeline.i18n.dates import describe

pytestmark = pytest.mark.browser

ITEMS = COLLECTION.events[COLLECTION.events["kind"] != "era"]


class _ListItems(HTMLParser):
    """(date, title) of each list item in a page's HTML, as the server sent it."""

    def __init__(self):
        super().__init__()
        self.items: list[list[str]] = []
        self._field: str | None = None

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if "event-item" in classes:
            self.items.append(["", ""])
        elif self.items and ("item-date" in classes or "item-title" in classes):
            self._field = "item-date" if "item-date" in classes else "item-title"

    def handle_endtag(self, tag):
        self._field = None

    def handle_data(self, data):
        if self._field and self.items:
            self.items[-1][0 if self._field == "item-date" else 1] += data


def live_list(browser) -> list[list[str]]:
    return browser.js(
        "return Array.from(document.querySelectorAll('#event-list .event-item')).map(function (e) {"
        "  return [e.querySelector('.item-date').textContent, e.querySelector('.item-title').textContent]; });"
    )


def test_the_first_response_is_the_chronology_and_matches_the_live_list(browser, server):
    html = urllib.request.urlopen(f"{server.url}/?category=attack", timeout=30).read().decode("utf-8")
    served = _ListItems()
    served.feed(html.split('id="static-page"', 1)[1])
    attacks = ITEMS[ITEMS["category"] == "attack"]
    assert [title for _, title in served.items] == list(attacks["title"])
    assert [date for date, _ in served.items] == [describe(e.start, e.end) for e in attacks.itertuples()]
    assert "Loading..." not in html.split('id="static-page"', 1)[1]
    # One function builds both lists: the live page shows exactly what the first response carried.
    open_explorer(browser, server, "?category=attack")
    assert live_list(browser) == served.items
    assert browser.js("return document.getElementById('static-page')") is None  # no element is found twice


def test_with_javascript_off_the_page_is_a_usable_chronology(no_script_browser, server):
    browser = no_script_browser
    browser.open(f"{server.url}/")
    titles = browser.js(
        "return Array.from(document.querySelectorAll('.event-item .item-title')).map(e => e.textContent)"
    )
    assert titles == list(COLLECTION.events["title"])
    assert browser.text(".count") == f"{TOTAL} of {TOTAL} events"
    assert "Al-Qaeda" in browser.text("h1")
    # The graphs, which need scripts, make no room on the page; their key says where to look instead.
    assert not browser.driver.find_element(By.CSS_SELECTOR, ".views").is_displayed()
    # An item is a link: it opens that event's source, still without a script.
    item = browser.driver.find_element(By.CSS_SELECTOR, '.event-item[data-event="radisson-blu-attack"]')
    item.click()
    browser.wait(lambda: "event=radisson-blu-attack" in browser.driver.current_url, message="the link was followed")
    assert browser.text(".detail-title") == "Mass shooting at the Radisson Blu hotel"
    assert "Radisson" in browser.text(".quote")


FLASH_PROBE = """
(function () {
  var log = window.__firstScreen = {frames: 0, textFrames: 0, gaps: 0, loading: 0, seen: false, live: false,
    tops: []};
  function visible(el) { var r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 &&
    getComputedStyle(el).visibility !== 'hidden'; }
  function tick() {
    log.frames++;
    var titles = Array.from(document.querySelectorAll('.item-title')).filter(visible);
    if (titles.length) {
      log.seen = true; log.textFrames++;
      log.tops.push(Math.round(titles[0].getBoundingClientRect().top));
    } else if (log.seen) { log.gaps++; }
    if (Array.from(document.querySelectorAll('._dash-loading')).some(visible)) { log.loading++; }
    if (document.querySelector('#react-entry-point #timeline .scatterlayer .trace')) { log.live = true; return; }
    requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
})();
"""


def test_the_text_never_disappears_between_first_paint_and_the_live_page(fresh_browser, server):
    browser = fresh_browser
    browser.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": FLASH_PROBE})
    browser.open(f"{server.url}/")
    browser.wait(browser.graphs_drawn, message="timeline and map drawn")
    log = browser.wait(lambda: browser.js("return window.__firstScreen.live && window.__firstScreen"))
    assert log["seen"] and log["textFrames"] > 0
    assert log["gaps"] == 0, f"the event list vanished for {log['gaps']} frames: {log}"
    assert log["loading"] == 0, f"'Loading...' was shown: {log}"
    # No jump: the first title stays where it was first painted while the live page takes over.
    assert max(log["tops"]) - min(log["tops"]) <= 6, f"the list moved: {log['tops']}"


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1280, 720)])
def test_timeline_and_map_share_the_first_screen(sized_browser, server, width, height):
    browser = sized_browser(width, height)
    open_explorer(browser, server)
    boxes = browser.js(
        "function box(css) { var r = document.querySelector(css).getBoundingClientRect();"
        "  return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height, width: r.width}; }"
        "return {timeline: box('#timeline'), map: box('#map'), list: box('.list-panel'), detail: box('.detail-panel'),"
        "  vw: window.innerWidth, vh: window.innerHeight};"
    )
    for name in ("timeline", "map"):
        box = boxes[name]
        seen_height = min(box["bottom"], boxes["vh"]) - max(box["top"], 0)
        seen_width = min(box["right"], boxes["vw"]) - max(box["left"], 0)
        assert seen_height >= 0.5 * box["height"] and seen_width >= 0.5 * box["width"], (name, boxes)
    # Side by side, not one under the other.
    assert boxes["map"]["left"] >= boxes["timeline"]["right"] - 1, boxes
    # The list and the detail start right below: one glance (less than a tenth of a screen) away.
    for name in ("list", "detail"):
        assert boxes[name]["top"] < boxes["vh"] * 1.1, (name, boxes)
    browser.screenshot(f"first-screen-{width}x{height}")


def test_every_title_is_written_on_the_timeline_without_overlaps(browser, server):
    open_explorer(browser, server)
    labels = browser.js(
        "return Array.from(document.querySelectorAll('#timeline .scatterlayer .textpoint text')).map(function (t) {"
        "  var r = t.getBoundingClientRect(); return [t.textContent, r.left, r.top, r.right, r.bottom]; });"
    )
    assert sorted(label[0] for label in labels) == sorted(ITEMS["title"])
    plot = browser.js(
        "var r = document.querySelector('#timeline .nsewdrag').getBoundingClientRect(); return [r.left, r.right];"
    )
    for text, left, _top, right, _bottom in labels:
        assert plot[0] - 1 <= left and right <= plot[1] + 1, f"'{text}' runs out of the plot"
    for index, first in enumerate(labels):
        for second in labels[index + 1 :]:
            apart = first[3] <= second[1] or second[3] <= first[1] or first[4] <= second[2] or second[4] <= first[2]
            assert apart, f"'{first[0]}' overlaps '{second[0]}'"


def test_a_numbered_place_on_the_map_lists_its_events(browser, server):
    open_explorer(browser, server)
    trace, index, count = browser.js(
        "var gd = document.querySelector('#map .js-plotly-plot');"
        "for (var i = 0; i < gd.data.length; i++) { var t = gd.data[i];"
        "  if (t.meta && t.meta.role === 'cluster') { var j = t.meta.places.indexOf('mali');"
        "    return [i, j, Number(t.text[j])]; } }"
        "return [null, null, null];"
    )
    assert trace is not None and count >= 9
    marker = browser.js(
        "var gd = document.querySelector('#map .js-plotly-plot');"
        "var layer = Array.from(gd.querySelectorAll('.scattergeolayer .trace, .geo .scatterlayer .trace'))"
        "  .filter(el => el.__data__ && el.__data__[0] && el.__data__[0].trace.index === arguments[0])[0];"
        "return layer.querySelectorAll('.point')[arguments[1]];",
        trace,
        index,
    )
    ActionChains(browser.driver).move_to_element(marker).click().perform()
    browser.wait(lambda: browser.text("#detail .detail-title") == "Mali (country)", message="the place's events")
    listed = browser.js("return Array.from(document.querySelectorAll('#detail .event-item')).map(e => e.dataset.event)")
    at_mali = [e.id for e in COLLECTION.events.itertuples() if any(p["id"] == "mali" for p in e.places)]
    assert sorted(listed) == sorted(at_mali) and len(listed) == count
    browser.driver.find_element(By.CSS_SELECTOR, f'#detail .event-item[data-event="{listed[0]}"]').click()
    title = COLLECTION.events.set_index("id").loc[listed[0], "title"]
    browser.wait(lambda: browser.text("#detail .detail-title") == title, message="choosing one selects it")
