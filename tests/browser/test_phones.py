"""Students' phones and tablets (issue 22), in Chromium's mobile emulation: a mobile viewport (the page's meta
viewport applies) and a touch screen, with real touch sequences through Chromium's input pipeline.

Widths: 320 (the narrowest phones, and WCAG 1.4.10's reflow width), 360, 390 (an iPhone 12; 664 px is what
its Safari shows below the toolbars), 412 and 768 (a tablet held upright).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from timeline.load.collection import load_collection
from timeline.load.vocabulary import category as category_word
from timeline.web.lessonfile import write_bundle

from .test_accessibility import BLOCKING, _summary, axe_source, run_axe  # noqa: F401 (axe_source is a fixture)
from .test_first_screen import FLASH_PROBE

pytestmark = pytest.mark.browser

COLLECTION = load_collection()
EVENTS = COLLECTION.events.set_index("id")
WIDTHS = (320, 360, 390, 412, 768)
PHONE = (390, 664)
TABLET = (768, 1024)

PAGES = {
    "explorer": "/",
    "event": "/?event=radisson-blu-attack",
    "present": "/present?slide=3",
    "quiz": "/quiz?lesson=gspc-to-jnim",
    "glossary": "/glossary",
    "lesson file": None,  # the lesson file, from file://
}


@pytest.fixture(scope="module")
def lesson_file(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("lesson") / "gspc-to-jnim.html"
    write_bundle(COLLECTION, out, "gspc-to-jnim")
    return out


def load(browser, server, page: str, lesson: Path) -> None:
    """Open `page` and wait until it is complete: graphs drawn, no callback in flight, maps on the slide."""
    if PAGES[page] is None:
        browser.open("about:blank")
        browser.open(lesson.as_uri() + "#slide=3")
        browser.wait(lambda: browser.js("return document.readyState") == "complete", message="the file loaded")
    else:
        browser.open(server.url + PAGES[page])
        browser.wait(browser.settled, message="no callback in flight")
    if page in ("explorer", "event"):
        browser.wait(browser.graphs_drawn, message="timeline and map drawn")
    if page in ("present", "lesson file"):
        browser.wait(
            lambda: browser.js("return !!document.querySelector('.present-slide.current .slide-map .main-svg')"),
            message="the slide's map drawn",
        )
    time.sleep(0.3)  # a resize plotly answers in the next frame


def box(browser, css: str) -> dict:
    return browser.js(
        "var e = document.querySelector(arguments[0]); if (!e) { return null; }"
        "var r = e.getBoundingClientRect();"
        "return {left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY,"
        "  width: r.width, height: r.height};",
        css,
    )


# --- Reflow: one column, nothing sideways ------------------------------------------------------------------
@pytest.mark.parametrize("page", list(PAGES))
def test_no_page_scrolls_sideways(phone, server, lesson_file, page):
    """WCAG 1.4.10: at each width the page is as wide as the screen. With a mobile viewport Chromium widens
    the layout viewport to whatever is wider than the screen (as phones do), so innerWidth says it too."""
    for width in WIDTHS:
        browser = phone(*(TABLET if width == 768 else (width, 664)))
        load(browser, server, page, lesson_file)
        widths = browser.js("return [document.scrollingElement.scrollWidth, window.innerWidth]")
        assert widths == [width, width], f"{page} at {width} px: scroll width, viewport width {widths}"


def test_the_explorer_is_one_column_with_the_header_wrapped(phone, server, lesson_file):
    browser = phone(*PHONE)
    load(browser, server, "explorer", lesson_file)
    title, nav, search, toggle = (box(browser, css) for css in ("h1", ".top-nav", "#search", "#filters-toggle"))
    # The title has the screen's width, and the tools a row of their own under it.
    assert title["width"] > 0.8 * PHONE[0] and nav["top"] >= title["bottom"] - 1, (title, nav)
    assert nav["right"] <= PHONE[0], nav
    # Search and the Filters button share one row.
    assert abs(search["bottom"] - toggle["bottom"]) < 4, (search, toggle)
    parts = [box(browser, css) for css in (".timeline-panel", ".map-panel", ".list-panel", ".detail-panel")]
    for above, below in zip(parts, parts[1:], strict=False):
        assert below["top"] >= above["bottom"] - 1 and abs(below["left"] - above["left"]) < 2, (above, below)


def test_the_timeline_and_the_map_are_within_two_screens(phone, server, lesson_file):
    browser = phone(*PHONE)
    load(browser, server, "explorer", lesson_file)
    timeline, plotted, graph = box(browser, "#timeline"), box(browser, "#map .main-svg"), box(browser, "#map")
    assert timeline["top"] < PHONE[1], timeline
    assert graph["bottom"] <= 2 * PHONE[1], graph
    # The map is drawn to its box, in its own shape: no band of white above and below it.
    assert abs(plotted["height"] - graph["height"]) < 2 and graph["height"] > 0.6 * graph["width"], (plotted, graph)
    browser.screenshot("phone-explorer-390x664")


TIMELINE_TEXT = (
    "var gd = document.querySelector('#timeline .js-plotly-plot');"
    "var plot = gd.querySelector('.nsewdrag').getBoundingClientRect();"
    "var labels = Array.from(gd.querySelectorAll('.scatterlayer .textpoint text'))"
    "  .map(function (t) { var r = t.getBoundingClientRect(); return [t.textContent, r.left, r.right]; });"
    "var names = Array.from(gd.querySelectorAll('.annotation')).filter(function (a) {"
    "  return a.getAttribute('data-index') < gd.layout.annotations.length"
    "    && gd.layout.annotations[a.getAttribute('data-index')].yref === 'y'; })"
    "  .map(function (a) { var r = a.getBoundingClientRect(); var i = a.getAttribute('data-index');"
    "    return [a.textContent, r.left, r.right, r.bottom, gd.layout.annotations[i].y]; });"
    "var box = document.querySelector('.timeline-panel .graph-scroll');"
    "var key = document.querySelector('.timeline-panel .key').getBoundingClientRect();"
    "var panel = document.querySelector('.timeline-panel').getBoundingClientRect();"
    "return {plot: [plot.left, plot.right], labels: labels, names: names, key: key.width, panel: panel.width,"
    "  sideways: box.scrollWidth - box.clientWidth, ticks: gd.querySelectorAll('.xtick').length};"
)


@pytest.mark.parametrize("width", [320, 360, 390, 412])
def test_no_title_on_the_timeline_is_cut_and_its_key_is_not_a_column(phone, server, lesson_file, width):
    """The timeline is laid out for the phone's width (figures/timeline_compact.py): it fits its panel with no
    sideways box, every title is written inside the plot (whole, or cut at a word with "…" only when wider
    than the plot), lane names sit above their lanes, and the key under it runs the panel's width."""
    browser = phone(width, 568 if width == 320 else 664)  # 320x568: an iPhone SE (1st generation)
    load(browser, server, "explorer", lesson_file)
    found = browser.js(TIMELINE_TEXT)
    assert found["sideways"] <= 1, f"the timeline scrolls sideways by {found['sideways']} px"
    items = COLLECTION.events[COLLECTION.events["kind"] != "era"]
    written = sorted(label[0] for label in found["labels"])
    assert len(written) == len(items)
    for text in written:
        assert text in set(items["title"]) or (
            text.endswith("…") and any(title.startswith(text[:-1] + " ") for title in items["title"])
        ), text
    left, right = found["plot"]
    cut = [text for text, start, end in found["labels"] if start < left - 1 or end > right + 1]
    assert not cut, f"titles run out of the plot: {cut}"
    # One name per lane, inside the plot, above its lane's rows: no wide margin of names on the left.
    assert len(found["names"]) == len(set(items["category"])), found["names"]
    for name, start, end, _bottom, _y in found["names"]:
        assert left - 1 <= start and end <= right + 1, name
    assert left - box(browser, ".timeline-panel")["left"] < 30
    assert 3 <= found["ticks"] <= 6, found["ticks"]
    assert found["key"] > 0.8 * found["panel"], found
    if width == 320:
        browser.js("document.querySelector('#timeline').scrollIntoView()")
        time.sleep(0.3)
        browser.screenshot("phone-timeline-320x568")


def test_lane_names_are_above_their_lanes(phone, server, lesson_file):
    browser = phone(*PHONE)
    load(browser, server, "explorer", lesson_file)
    lanes = browser.js(
        "var gd = document.querySelector('#timeline .js-plotly-plot'), out = {};"
        "gd.querySelectorAll('.scatterlayer .trace').forEach(function (layer) {"
        "  var t = layer.__data__[0].trace; if (!t.meta || t.meta.role !== 'point') { return; }"
        "  layer.querySelectorAll('.point').forEach(function (p) { var r = p.getBoundingClientRect();"
        "    out[t.meta.category] = Math.min(out[t.meta.category] || 1e9, r.top); }); });"
        "return out;"
    )
    names = {text: bottom for text, _left, _right, bottom, _y in browser.js(TIMELINE_TEXT)["names"]}
    assert lanes
    for category, top in lanes.items():
        (bottom,) = [value for text, value in names.items() if category_word(category) in text]
        assert bottom <= top + 1, (category, bottom, top)


def test_a_filter_keeps_the_phone_timeline(phone, server, lesson_file):
    browser = phone(*PHONE)
    load(browser, server, "explorer", lesson_file)
    browser.driver.find_element("css selector", "#search").send_keys("Mali\n")
    browser.wait(lambda: "22 of" not in browser.text("#event-count"), message="the search applied")
    browser.wait(browser.settled)
    time.sleep(0.3)
    found = browser.js(TIMELINE_TEXT)
    assert found["sideways"] <= 1 and found["names"], found
    left, right = found["plot"]
    assert right - left < PHONE[0] - 40 and not [t for t, a, b in found["labels"] if a < left - 1 or b > right + 1]


def test_a_turned_phone_gets_the_timeline_of_its_new_width(phone, server, lesson_file):
    """From a tablet's width (the desktop's timeline) to a phone's: the page asks for the phone's layout once
    (assets/touch.js), as a filter does; and back."""
    browser = phone(*TABLET)
    load(browser, server, "explorer", lesson_file)
    assert not browser.js(TIMELINE_TEXT)["names"]
    browser.emulate_phone(*PHONE)
    browser.wait(lambda: browser.js(TIMELINE_TEXT)["names"], message="the phone's timeline drawn")
    browser.wait(browser.settled)
    assert browser.js("return document.cookie").count("timeline-screen=390") == 1
    # plotly takes the graph's new width when it next measures its box (a frame or two after the new figure).
    browser.wait(lambda: browser.js(TIMELINE_TEXT)["sideways"] <= 1, message="the timeline fits the phone")
    found = browser.js(TIMELINE_TEXT)
    assert not [t for t, a, b in found["labels"] if a < found["plot"][0] - 1 or b > found["plot"][1] + 1]
    browser.emulate_phone(*TABLET)
    browser.wait(lambda: not browser.js(TIMELINE_TEXT)["names"], message="the desktop's timeline again")


def test_the_lede_is_two_lines_until_more_opens_it(phone, server, lesson_file):
    browser = phone(*PHONE)
    load(browser, server, "explorer", lesson_file)
    lede, more = box(browser, ".lede"), box(browser, ".lede-more")
    line = browser.js("return parseFloat(getComputedStyle(document.querySelector('.lede')).lineHeight)")
    assert lede["height"] < 2.5 * line and more["height"] >= 24, (lede, more)
    browser.driver.find_element("css selector", ".lede-more").click()
    browser.wait(lambda: box(browser, ".lede")["height"] > 2.5 * line, message="the lede opened")
    assert browser.js("return document.querySelector('.lede-more').getAttribute('aria-expanded')") == "true"
    assert browser.text(".lede-more") == "less"
    browser.driver.find_element("css selector", ".lede-more").click()
    browser.wait(lambda: box(browser, ".lede")["height"] < 2.5 * line, message="the lede closed")


def test_the_filters_fold_behind_one_button_that_counts_them(phone, server, lesson_file):
    browser = phone(*PHONE)
    browser.open(f"{server.url}/?category=attack&country=MLI")
    browser.wait(browser.graphs_drawn, message="timeline and map drawn")
    toggle = "#filters-toggle"
    assert browser.text(toggle).startswith("Filters · 2 set")
    assert browser.js("return getComputedStyle(document.querySelector('#filters-more')).display") == "none"
    assert box(browser, "#search")["height"] >= 44  # search stays in view, at a thumb's height
    browser.driver.find_element("css selector", toggle).click()
    assert browser.js("return document.querySelector(arguments[0]).getAttribute('aria-expanded')", toggle) == "true"
    assert box(browser, "#category-filter")["width"] > 0.8 * PHONE[0] - 40
    # Clear all empties them, and the button says so.
    browser.driver.find_element("id", "clear-filters").click()
    browser.wait(lambda: browser.text(toggle).strip().startswith("Filters") and "set" not in browser.text(toggle))
    browser.driver.find_element("css selector", toggle).click()
    assert browser.js("return getComputedStyle(document.querySelector('#filters-more')).display") == "none"


# --- Touch targets ------------------------------------------------------------------------------------------
CONTROLS = (
    "a[href], button, input, select, textarea, summary, [role=button], [tabindex]:not([tabindex='-1']), .dash-dropdown"
)
# WCAG 2.5.8's exception for targets in a sentence, whose height is the line's: the highlighted passages of
# the source text (sentences inside its paragraphs) and the names linked inside a glossary entry's sentences.
IN_SENTENCE = ".reader mark.passage, .glossary-entry p a, .glossary-entry li a, .lineage-detail p a"
MAIN_ACTIONS = {
    "explorer": ".nav-link, #filters-toggle, #search, .graph-tool, .event-item, .lang-choice",
    "event": ".nav-link, #filters-toggle, #search, .graph-tool, .detail-sheet.open .sheet-close",
    "present": ".present-nav",
    "quiz": ".quiz-controls button",
    "glossary": ".nav-link",
    "lesson file": ".present-nav",
}
SIZES = """
function seen(e) {
  var r = e.getBoundingClientRect(), s = getComputedStyle(e);
  return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !e.closest('[hidden], [aria-hidden=true]');
}
function name(e) { return e.tagName + '.' + e.className + ' ' + (e.getAttribute('aria-label') || e.textContent).trim().slice(0, 40); }
var args = arguments, small = [], mainSmall = [], main = 0;
document.querySelectorAll(args[0]).forEach(function (e) {
  if (!seen(e) || e.matches(args[1])) { return; }
  var r = e.getBoundingClientRect();
  if (r.width < 24 || r.height < 24) { small.push([name(e), Math.round(r.width), Math.round(r.height)]); }
});
document.querySelectorAll(args[2]).forEach(function (e) {
  if (!seen(e)) { return; }
  main++;
  var r = e.getBoundingClientRect();
  if (r.width < 44 || r.height < 44) { mainSmall.push([name(e), Math.round(r.width), Math.round(r.height)]); }
});
return [small, mainSmall, main];
"""


@pytest.mark.parametrize("screen", [PHONE, TABLET], ids=["phone", "tablet"])
@pytest.mark.parametrize("page", list(PAGES))
def test_every_control_is_a_target_for_a_thumb(phone, server, lesson_file, page, screen):
    """Every visible control is at least 24×24 px (WCAG 2.5.8), the page's main actions 44×44."""
    browser = phone(*screen)
    load(browser, server, page, lesson_file)
    if page in ("quiz", "glossary") and screen == PHONE:
        browser.screenshot(f"phone-{page}-390x664")
    if page == "explorer" and screen == PHONE:  # the filters, opened
        browser.driver.find_element("id", "filters-toggle").click()
    small, main_small, main = browser.js(SIZES, CONTROLS, IN_SENTENCE, MAIN_ACTIONS[page])
    assert not small, f"controls under 24×24 px on {page}: {small}"
    assert main and not main_small, f"main actions under 44×44 px on {page}: {main_small}"


# --- Fingers on the graphs ----------------------------------------------------------------------------------
def _on_screen(browser, css: str) -> tuple[float, float]:
    """Scroll `css` to the middle of the screen; the middle of its part inside the timeline's box."""
    browser.js("document.querySelector(arguments[0]).scrollIntoView({block: 'center'})", css)
    time.sleep(0.4)
    return browser.js(
        "var r = document.querySelector(arguments[0]).getBoundingClientRect();"
        "var left = Math.max(r.left, 0), right = Math.min(r.right, innerWidth);"
        "return [(left + right) / 2, (r.top + r.bottom) / 2];",
        css,
    )


@pytest.mark.parametrize("graph", ["#timeline .nsewdrag", "#map .geo .bg"])
def test_a_swipe_that_starts_on_a_graph_scrolls_the_page(phone, server, lesson_file, graph):
    browser = phone(*PHONE)
    load(browser, server, "explorer", lesson_file)
    x, y = _on_screen(browser, graph)
    views = (
        "var t = document.querySelector('#timeline .js-plotly-plot'), m = document.querySelector('#map .js-plotly-plot');"
        "var p = m._fullLayout.geo._subplot.projection;"
        "return JSON.stringify([t._fullLayout.xaxis.range, p.scale(), p.translate().map(Math.round)]);"
    )
    before, at = browser.js(views), browser.js("return scrollY")
    browser.swipe((x, y + 120), (x, y - 120))
    browser.wait(lambda: browser.js("return scrollY") > at + 100, message="the page scrolled under the finger")
    # Nothing zoomed or panned: the swipe was the page's, not plotly's.
    assert browser.js(views) == before


def test_a_sideways_swipe_on_the_timeline_moves_nothing_sideways(phone, server, lesson_file):
    """The timeline fits the phone: nothing scrolls sideways under a finger, neither its box nor the page."""
    browser = phone(*PHONE)
    load(browser, server, "explorer", lesson_file)
    x, y = _on_screen(browser, ".timeline-panel .graph-scroll")
    browser.swipe((x + 120, y), (x - 120, y))
    time.sleep(0.4)
    assert browser.js("return document.querySelector('.timeline-panel .graph-scroll').scrollLeft") == 0
    assert browser.js("return scrollX") == 0


def _timeline_point(browser, event_id: str) -> tuple[float, float]:
    """The middle of `event_id`'s marker on the timeline, brought into view (the box scrolled to it)."""
    return browser.js(
        "var id = arguments[0], gd = document.querySelector('#timeline .js-plotly-plot');"
        "var layers = Array.from(gd.querySelectorAll('.scatterlayer .trace'));"
        "for (var i = 0; i < layers.length; i++) { var t = layers[i].__data__[0].trace;"
        "  if (!t.meta || t.meta.role !== 'point') { continue; }"
        "  var j = t.customdata.findIndex(function (c) { return c[0] === id; });"
        "  if (j < 0) { continue; }"
        "  var p = layers[i].querySelectorAll('.point')[j];"
        "  p.scrollIntoView({block: 'center', inline: 'center'});"
        "  var r = p.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; }"
        "return null;",
        event_id,
    )


def _sheet(browser) -> dict:
    return browser.js(
        "var s = document.querySelector('.detail-sheet'); var r = s.getBoundingClientRect();"
        "var q = s.querySelector('.quote'); var qr = q && q.getBoundingClientRect();"
        "return {open: s.classList.contains('open'), position: getComputedStyle(s).position, top: r.top,"
        "  bottom: r.bottom, title: (s.querySelector('.detail-title') || {}).textContent, quote: !!q,"
        "  quoteTop: qr ? qr.top - r.top + s.scrollTop : null, height: r.height};"
    )


def _tap_brings_up(browser, point: tuple[float, float], title: str) -> None:
    """Tap `point` (already scrolled to) and wait for the sheet to come up with `title`."""
    time.sleep(0.3)  # the scroll has settled
    browser.tap(point)
    browser.wait(lambda: _sheet(browser)["open"] and _sheet(browser)["title"] == title, message=f"'{title}' comes up")


def test_tapping_an_event_on_the_timeline_brings_up_its_detail_and_close_takes_it_down(phone, server, lesson_file):
    browser = phone(*PHONE)
    load(browser, server, "explorer", lesson_file)
    point = _timeline_point(browser, "jnim-formed")
    time.sleep(0.3)
    at = browser.js("return scrollY")
    _tap_brings_up(browser, point, EVENTS.loc["jnim-formed", "title"])
    sheet = _sheet(browser)
    # Over the bottom of the screen where the tap was, the page not moved; the quote is in the sheet.
    assert sheet["position"] == "fixed" and abs(sheet["bottom"] - PHONE[1]) < 2 and sheet["top"] > 0.2 * PHONE[1]
    assert browser.js("return scrollY") == at
    assert sheet["quote"]
    browser.screenshot("phone-event-390x664")
    browser.driver.find_element("css selector", ".detail-sheet .sheet-close").click()
    browser.wait(lambda: not _sheet(browser)["open"], message="the sheet goes down")
    assert _sheet(browser)["position"] != "fixed" and browser.js("return scrollY") == at


def test_tapping_a_numbered_place_on_the_map_lists_its_events_in_the_sheet(phone, server, lesson_file):
    browser = phone(*PHONE)
    load(browser, server, "explorer", lesson_file)
    marker = browser.js(
        "var gd = document.querySelector('#map .js-plotly-plot');"
        "for (var i = 0; i < gd.data.length; i++) { var t = gd.data[i];"
        "  if (t.meta && t.meta.role === 'cluster') { var j = t.meta.places.indexOf('mali');"
        "    var layer = Array.from(gd.querySelectorAll('.scattergeolayer .trace, .geo .scatterlayer .trace'))"
        "      .filter(el => el.__data__ && el.__data__[0] && el.__data__[0].trace.index === i)[0];"
        "    var p = layer.querySelectorAll('.point')[j]; p.scrollIntoView({block: 'center'});"
        "    var r = p.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; } }"
    )
    _tap_brings_up(browser, marker, "Mali (country)")
    first = browser.js("return document.querySelector('.detail-sheet .event-item').dataset.event")
    browser.driver.find_element("css selector", ".detail-sheet .event-item").click()
    title = EVENTS.loc[first, "title"]
    browser.wait(lambda: _sheet(browser)["open"] and _sheet(browser)["title"] == title, message="choosing one")


def test_tapping_an_item_of_the_list_brings_up_its_detail(phone, server, lesson_file):
    browser = phone(*PHONE)
    load(browser, server, "explorer", lesson_file)
    item = browser.js(
        "var e = document.querySelector('#event-list .event-item[data-event=\"radisson-blu-attack\"]');"
        "e.scrollIntoView({block: 'center'}); var r = e.getBoundingClientRect();"
        "return [r.left + 40, r.top + r.height / 2];"
    )
    _tap_brings_up(browser, item, EVENTS.loc["radisson-blu-attack", "title"])
    assert "event=radisson-blu-attack" in browser.driver.current_url


def test_a_shared_event_opens_with_its_detail_up(phone, server, lesson_file):
    browser = phone(*PHONE)
    load(browser, server, "event", lesson_file)
    sheet = _sheet(browser)
    assert sheet["open"] and sheet["title"] == EVENTS.loc["radisson-blu-attack", "title"]
    assert sheet["top"] < PHONE[1] and sheet["quoteTop"] is not None


def test_the_zoom_buttons_zoom_and_pan_the_timeline(phone, server, lesson_file):
    browser = phone(*PHONE)
    load(browser, server, "explorer", lesson_file)

    def span() -> float:
        return browser.js(
            "var a = document.querySelector('#timeline .js-plotly-plot')._fullLayout.xaxis;"
            "return a.r2l(a.range[1]) - a.r2l(a.range[0]);"
        )

    whole = span()
    browser.driver.find_element("css selector", '.graph-tool[data-graph="timeline"][data-tool="zoom-in"]').click()
    browser.wait(lambda: abs(span() - whole / 2) < whole * 0.01, message="zoomed in twice as close")
    browser.wait(lambda: "zoomed time window" in browser.text("#event-count"), message="the list follows the zoom")
    browser.js("document.querySelector('.timeline-panel .graph-scroll').scrollLeft = 0")
    start = browser.js(
        "var a = document.querySelector('#timeline .js-plotly-plot')._fullLayout.xaxis; return a.r2l(a.range[0]);"
    )
    browser.driver.find_element("css selector", '.graph-tool[data-graph="timeline"][data-tool="earlier"]').click()
    browser.wait(
        lambda: (
            browser.js(
                "var a = document.querySelector('#timeline .js-plotly-plot')._fullLayout.xaxis;"
                "return a.r2l(a.range[0]);"
            )
            < start
        ),
        message="earlier moves back in time",
    )
    browser.driver.find_element("css selector", '.graph-tool[data-graph="timeline"][data-tool="reset"]').click()
    browser.wait(lambda: abs(span() - whole) < whole * 0.01, message="back to the whole span")


def test_two_fingers_pinch_the_map(fresh_browser, server, lesson_file):
    # A browser of its own: after two fingers, Chromium's emulated touch screen sends no more touches to the
    # pages that follow, which would leave the next tests without fingers.
    browser = fresh_browser.emulate_phone(*PHONE)
    load(browser, server, "explorer", lesson_file)

    def scale() -> float:
        return browser.js(
            "return document.querySelector('#map .js-plotly-plot')._fullLayout.geo._subplot.projection.scale()"
        )

    before = scale()
    x, y = _on_screen(browser, "#map .geo .bg")
    browser.touch("touchStart", [(x - 30, y)])
    browser.touch("touchStart", [(x - 30, y), (x + 30, y)])
    for step in range(1, 11):
        browser.touch("touchMove", [(x - 30 - 6 * step, y), (x + 30 + 6 * step, y)])
        time.sleep(0.016)
    browser.touch("touchEnd", [])
    browser.wait(lambda: scale() > before * 1.5, message="the map zoomed in")


# --- Slides on a phone --------------------------------------------------------------------------------------
def _slide(browser) -> int:
    return int(
        browser.js("return document.querySelector('.present[data-count]:not([hidden])').getAttribute('data-current')")
    )


@pytest.mark.parametrize("page", ["present", "lesson file"])
def test_a_sideways_swipe_changes_the_slide_and_an_upward_one_scrolls_it(phone, server, lesson_file, page):
    browser = phone(*PHONE)
    load(browser, server, page, lesson_file)
    assert _slide(browser) == 3
    x, y = PHONE[0] / 2, PHONE[1] / 2
    browser.swipe((x + 120, y), (x - 120, y))
    browser.wait(lambda: _slide(browser) == 4, message="swiped left: the next slide")
    browser.swipe((x - 120, y), (x + 120, y))
    browser.wait(lambda: _slide(browser) == 3, message="swiped right: the previous slide")
    # Up and down scrolls the slide (its map is below the text) and keeps the slide.
    browser.swipe((x, y + 150), (x, y - 150))
    scrolled = "return document.querySelector('.present-slide.current').scrollTop"
    browser.wait(lambda: browser.js(scrolled) > 100, message="the slide scrolled")
    assert _slide(browser) == 3
    # A swipe that starts on the map changes the slide too, and does not move the map.
    map_box = browser.js(
        "var r = document.querySelector('.present-slide.current .slide-map').getBoundingClientRect();"
        "return [r.left + r.width / 2, Math.min(r.top + 60, innerHeight - 120)];"
    )
    browser.swipe((map_box[0] + 100, map_box[1]), (map_box[0] - 100, map_box[1]))
    browser.wait(lambda: _slide(browser) == 4, message="swiped on the map: the next slide")


@pytest.mark.parametrize("page", ["present", "lesson file"])
@pytest.mark.parametrize("width", [320, 390])
def test_a_slide_on_a_phone_reads_text_first_then_the_map(phone, server, lesson_file, page, width):
    browser = phone(width, 664)
    load(browser, server, page, lesson_file)
    parts = browser.js(
        "var s = document.querySelector('.present-slide.current');"
        "function box(e) { var r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top,"
        "  bottom: r.bottom, width: r.width, height: r.height}; }"
        "return {quote: box(s.querySelector('.slide-quote')), map: box(s.querySelector('.slide-map')),"
        "  bar: Array.from(document.querySelectorAll('.present:not([hidden]) .present-bar > *')).map(box),"
        "  ticks: Array.from(s.querySelectorAll('.strip-tick')).filter(t => t.offsetParent).map(box),"
        "  nav: Array.from(document.querySelectorAll('.present:not([hidden]) .present-nav')).map(box)};"
    )
    assert parts["map"]["top"] >= parts["quote"]["bottom"], "the text comes first"
    assert parts["map"]["width"] > 0.85 * width and parts["map"]["height"] > 0.75 * parts["map"]["width"], parts["map"]
    for piece in parts["bar"]:
        assert piece["left"] >= 0 and piece["right"] <= width, f"the top bar runs off the screen: {parts['bar']}"
    ticks = parts["ticks"]
    assert len(ticks) >= 3
    for left, right in zip(ticks, ticks[1:], strict=False):
        assert right["left"] - left["right"] >= 4, f"years under the strip touch: {ticks}"
    assert all(nav["width"] >= 44 and nav["height"] >= 44 and nav["bottom"] <= 664 for nav in parts["nav"])
    browser.screenshot(f"phone-{page.replace(' ', '-')}-{width}x664")


BAR_TOOLS = """
var bar = document.querySelector('.present:not([hidden]) .present-bar');
return Array.from(bar.querySelectorAll('a, button')).map(function (e) {
  var r = e.getBoundingClientRect();
  return {name: e.textContent.trim(), shown: e.getClientRects().length > 0, left: r.left, right: r.right,
          top: r.top, bottom: r.bottom, clipped: e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1};
});
"""


@pytest.mark.parametrize("width", [320, 360, 390])
@pytest.mark.parametrize("page", ["present", "present ar", "lesson file"])
def test_every_tool_of_the_top_bar_lies_inside_the_screen(phone, server, lesson_file, page, width):
    """Scroll width says nothing of a row that scrolls within itself: each link and button of the top bar is
    measured. The row shows the way back and the quiz; "More" opens the rest, and each lies inside too."""
    browser = phone(width, 664)
    if page == "present ar":
        browser.open(server.url + "/present?slide=3&lang=ar")
        browser.wait(browser.settled, message="no callback in flight")
    else:
        load(browser, server, page, lesson_file)

    def outside(tools: list[dict]) -> list[dict]:
        return [t for t in tools if t["shown"] and (t["left"] < 0 or t["right"] > width or t["clipped"])]

    closed = browser.js(BAR_TOOLS)
    assert not outside(closed), f"cut at the screen's edge: {outside(closed)}"
    more = '.present:not([hidden]) [data-present="more"]'
    assert browser.js(f"return document.querySelector('{more}').getAttribute('aria-expanded')") == "false"
    browser.js(f"document.querySelector('{more}').click()")
    opened = browser.js(BAR_TOOLS)
    assert not outside(opened), f"cut at the screen's edge: {outside(opened)}"
    shown = {tool["name"] for tool in opened if tool["shown"]}
    hidden_when_closed = shown - {tool["name"] for tool in closed if tool["shown"]}
    assert hidden_when_closed, "More opened nothing"
    if page != "lesson file":
        assert {"English", "Français", "العربية"} <= shown
    assert all(tool["bottom"] <= 664 / 2 for tool in opened if tool["shown"]), opened
    browser.screenshot(f"phone-{page.replace(' ', '-')}-bar-open-{width}x664")


# --- The page may be zoomed; the first screen does not jump --------------------------------------------------
@pytest.mark.parametrize("page", list(PAGES))
def test_no_page_forbids_zooming(phone, server, lesson_file, page):
    browser = phone(*PHONE)
    load(browser, server, page, lesson_file)
    viewport = browser.js("var m = document.querySelector('meta[name=viewport]'); return m && m.content")
    assert viewport and "width=device-width" in viewport
    squashed = viewport.replace(" ", "").lower()
    assert "user-scalable=no" not in squashed and "user-scalable=0" not in squashed, viewport
    assert "maximum-scale" not in squashed, viewport


@pytest.mark.parametrize("query", ["", "?event=radisson-blu-attack"])
def test_the_first_screen_on_a_phone_neither_flashes_nor_jumps(phone, server, query):
    browser = phone(*PHONE)
    probe = browser.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": FLASH_PROBE})
    try:
        browser.open(f"{server.url}/{query}")
        browser.wait(browser.graphs_drawn, message="timeline and map drawn")
        log = browser.wait(lambda: browser.js("return window.__firstScreen.live && window.__firstScreen"))
    finally:
        browser.driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": probe["identifier"]})
    assert log["seen"] and log["textFrames"] > 0
    assert log["gaps"] == 0, f"the event list vanished for {log['gaps']} frames: {log}"
    assert log["loading"] == 0, f"'Loading...' was shown: {log}"
    assert max(log["tops"]) - min(log["tops"]) <= 6, f"the list moved: {log['tops']}"


@pytest.mark.parametrize("page", ["explorer", "event", "present", "quiz", "glossary"])
def test_no_serious_accessibility_problem_on_a_phone(phone, server, lesson_file, axe_source, page):  # noqa: F811
    browser = phone(*PHONE)
    load(browser, server, page, lesson_file)
    violations = run_axe(browser, axe_source)
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, "\n".join(_summary(blocking))


@pytest.mark.parametrize("page", ["explorer", "event", "present", "quiz", "lesson file"])
def test_screenshots_on_a_tablet(phone, server, lesson_file, page):
    """The tablet held upright: the phone's single column, the graphs wider; no sideways scroll."""
    browser = phone(*TABLET)
    load(browser, server, page, lesson_file)
    assert browser.js("return document.scrollingElement.scrollWidth") == TABLET[0]
    browser.screenshot(f"tablet-{page.replace(' ', '-')}-768x1024")


CARD_PARTS = """
var overlaps = [];
document.querySelectorAll('.quiz-card').forEach(function (card, i) {
  var parts = ['.quiz-grip', '.quiz-card-title', '.quiz-move'].map(function (css) {
    return [css, card.querySelector(css).getBoundingClientRect()];
  });
  for (var a = 0; a < parts.length; a++) {
    for (var b = a + 1; b < parts.length; b++) {
      var p = parts[a][1], q = parts[b][1];
      if (p.left < q.right - 1 && q.left < p.right - 1 && p.top < q.bottom - 1 && q.top < p.bottom - 1) {
        overlaps.push([i + 1, parts[a][0], parts[b][0]]);
      }
    }
  }
});
return overlaps;
"""


@pytest.mark.parametrize("width", [320, 390])
def test_a_quiz_card_s_handle_title_and_buttons_do_not_cover_each_other(phone, server, width):
    """On a phone each card keeps its columns: the drag handle beside the title, never over its first word."""
    browser = phone(width)
    load(browser, server, "quiz", None)
    assert browser.js("return document.querySelectorAll('.quiz-card').length") > 0
    assert browser.js(CARD_PARTS) == []
