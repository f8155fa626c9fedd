"""What a student does on the explorer page, in a real Chromium against a real server.

Expected counts come from the library (search.apply on the bundled data), so
the tests follow the data rather than restating it.
"""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlparse

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from timeline.load.collection import load_collection
from timeline.query import search

pytestmark = pytest.mark.browser

COLLECTION = load_collection()
TOTAL = len(COLLECTION.events)


def expected_count(**filters) -> int:
    return len(search.apply(COLLECTION.events, search.Filters(**filters), COLLECTION.aliases))


def open_explorer(browser, server, query: str = "") -> None:
    browser.open(f"{server.url}/{query}")
    browser.wait(browser.graphs_drawn, message="timeline and map drawn")
    browser.wait(browser.settled, message="no callback in flight")


def count_text(browser) -> str:
    return browser.text("#event-count")


def detail_title(browser) -> str:
    return browser.text("#detail .detail-title")


def url_query(browser) -> dict:
    return parse_qs(urlparse(browser.driver.current_url).query)


def test_page_draws_timeline_and_map_with_country_shapes_offline(browser, server):
    open_explorer(browser, server)
    assert browser.wait(lambda: count_text(browser) == f"{TOTAL} of {TOTAL} events")
    # Country outlines come from the vendored topojson: without it plotly draws no land or borders.
    land = browser.js(
        "var p = document.querySelector('#map .layer.land path'); return p ? p.getAttribute('d').length : 0;"
    )
    assert land > 1000
    shaded = browser.js("return document.querySelectorAll('#map .choroplethlocation').length")
    assert shaded == len({code for codes in COLLECTION.events["countries"] for code in codes})
    points = browser.js("return document.querySelectorAll('#timeline .scatterlayer .point').length")
    assert points > 0
    requested = browser.requested + []
    browser.drain_logs()
    assert any("/assets/topojson/africa_110m.json" in url for url in browser.requested + requested)
    assert browser.outside_requests() == []
    browser.screenshot("explore-default")


# Every timer the search box's debounce starts (0.3 s, components/filters.py) is recorded, and an Enter in the
# box cancels the pending ones before the box sees the key: only Enter itself can then send the search.
NO_DEBOUNCE_ON_ENTER = """
window.__debounces = [];
var start = window.setTimeout;
window.setTimeout = function (f, delay) {
  var id = start.apply(window, arguments);
  if (delay === 300) { window.__debounces.push(id); }
  return id;
};
document.addEventListener('keydown', function (event) {
  if (event.key === 'Enter' && event.target.id === 'search') { window.__debounces.forEach(clearTimeout); }
}, true);
"""


def test_enter_sends_the_search_at_once(browser, server):
    """dcc.Input with a numeric debounce only counts Enter; the page sends the search on it (explore.py)."""
    open_explorer(browser, server)
    browser.js(NO_DEBOUNCE_ON_ENTER)
    box = browser.driver.find_element(By.ID, "search")
    box.send_keys("Radisson" + Keys.ENTER)
    want = expected_count(text="Radisson")
    browser.wait(lambda: count_text(browser) == f"{want} of {TOTAL} events", message="Enter sent the search")
    assert browser.wait(lambda: url_query(browser).get("q") == ["Radisson"])
    # Typing still waits for the debounce, which sends what was typed with no Enter.
    box.send_keys(Keys.BACKSPACE * len("Radisson") + "JNIM")
    want = expected_count(text="JNIM")
    browser.wait(lambda: count_text(browser) == f"{want} of {TOTAL} events", message="the debounce sent it")


def test_search_radisson_then_click_shows_its_quote(browser, server):
    open_explorer(browser, server)
    box = browser.driver.find_element(By.ID, "search")
    box.send_keys("Radisson")
    want = expected_count(text="Radisson")
    assert want < TOTAL
    browser.wait(lambda: count_text(browser) == f"{want} of {TOTAL} events", message="search applied")
    item = browser.driver.find_element(By.CSS_SELECTOR, '.event-item[data-event="radisson-blu-attack"]')
    item.click()
    browser.wait(lambda: detail_title(browser) == "Mass shooting at the Radisson Blu hotel", message="detail shown")
    mark = browser.text("#detail .quote-mark")
    assert "mass shooting at Mali’s Radisson Blu hotel in November 2015" in mark
    assert browser.wait(lambda: url_query(browser).get("event") == ["radisson-blu-attack"])
    assert url_query(browser)["q"] == ["Radisson"]
    browser.screenshot("explore-radisson")


def test_category_filter_changes_the_count(browser, server):
    open_explorer(browser, server)
    browser.driver.find_element(By.ID, "category-filter").click()
    option = browser.wait(
        lambda: next(o for o in browser.driver.find_elements(By.CSS_SELECTOR, "[role=option]") if o.text == "Attack")
    )
    option.click()
    want = expected_count(categories=("attack",))
    assert want not in (0, TOTAL)
    browser.wait(lambda: count_text(browser) == f"{want} of {TOTAL} events", message="category applied")
    badges = browser.js(
        "return Array.from(document.querySelectorAll('.event-item .badge')).map(b => b.innerText.trim())"
    )
    assert badges == ["Attack"] * want
    assert browser.wait(lambda: url_query(browser).get("category") == ["attack"])


def test_deep_link_reopens_the_same_selection(browser, server):
    open_explorer(browser, server, "?q=Droukdel&category=leadership&event=droukdel-killed")
    want = expected_count(text="Droukdel", categories=("leadership",))
    browser.wait(lambda: detail_title(browser) == "Droukdel killed in a French-led operation at Talhandak")
    assert browser.js("return document.getElementById('search').value") == "Droukdel"
    browser.wait(
        lambda: (
            browser.js("var e = document.querySelector('.event-item[aria-current=true]'); return e && e.dataset.event")
            == "droukdel-killed"
        )
    )
    assert len(browser.driver.find_elements(By.CSS_SELECTOR, ".event-item")) == want
    # The timeline draws a ring around the selected event.
    assert browser.js(
        "var gd = document.querySelector('#timeline .js-plotly-plot');"
        "return gd.data.some(t => t.meta && t.meta.role === 'selected' && t.meta.id === 'droukdel-killed');"
    )


def _click_trace_point(browser, graph_id: str, event_id: str, role: str, id_at: int = 0) -> None:
    """Click, with the mouse, the plotted point whose customdata[id_at] is `event_id`, in a trace of meta.role `role`."""
    trace, index = browser.js(
        "var gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');"
        "for (var i = 0; i < gd.data.length; i++) {"
        "  var t = gd.data[i]; if (!t.meta || t.meta.role !== arguments[2]) continue;"
        "  for (var j = 0; j < t.customdata.length; j++) if (t.customdata[j][arguments[3]] === arguments[1]) {"
        "    if (j === 0 && t.customdata.length > 2) j = Math.floor(t.customdata.length / 2);"  # mid-lane, not its edge
        "    return [i, j];"
        "  }"
        "}"
        "return [null, null];",
        graph_id,
        event_id,
        role,
        id_at,
    )
    assert trace is not None, f"{event_id} not plotted in {graph_id}"
    layer = ".scattergeolayer, .geo .scatterlayer" if graph_id == "map" else ".scatterlayer"
    points = browser.js(
        "var gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');"
        "var traces = Array.from(gd.querySelectorAll(arguments[2] + ' .trace'))"
        "  .filter(el => el.__data__ && el.__data__[0] && el.__data__[0].trace.index === arguments[1]);"
        "return traces.length ? Array.from(traces[0].querySelectorAll('.point')) : [];",
        graph_id,
        trace,
        layer,
    )
    assert points, f"no drawn points for trace {trace} of {graph_id}"
    ActionChains(browser.driver).move_to_element(points[index]).pause(0.3).click().perform()


def test_clicking_a_point_on_the_timeline_selects_it_everywhere(browser, server):
    open_explorer(browser, server)
    _click_trace_point(browser, "timeline", "jnim-formed", "point")
    browser.wait(lambda: detail_title(browser) == "JNIM created from four groups", message="timeline click selects")
    # The list and the reader are redrawn by their own callbacks: wait for each.
    browser.wait(
        lambda: (
            browser.js("var e = document.querySelector('.event-item[aria-current=true]'); return e && e.dataset.event")
            == "jnim-formed"
        ),
        message="list highlights the selection",
    )
    browser.wait(lambda: browser.js("return document.querySelector('mark.passage.selected') !== null"))


def test_clicking_a_marker_on_the_map_selects_its_event(browser, server):
    open_explorer(browser, server)
    _click_trace_point(browser, "map", "ouagadougou-attack", "places")
    browser.wait(
        lambda: detail_title(browser) == "Attack on the French embassy and army headquarters in Ouagadougou",
        message="map click selects",
    )


def test_zooming_the_timeline_filters_map_and_list(browser, server):
    open_explorer(browser, server)
    start, end = "2016-01-01", "2021-12-31"
    import pandas as pd

    want = len(search.in_window(COLLECTION.events, pd.Timestamp(start), pd.Timestamp(end)))
    assert want < TOTAL
    zoomed = f"{want} of {TOTAL} events in the zoomed time window"

    def zoom_and_check() -> bool:
        # dcc.Graph listens for zooms once its first plot has settled; a zoom sent in the same
        # instant the points appear can go unheard, so it is sent again until the count follows.
        if count_text(browser) != zoomed:
            browser.js(
                "var gd = document.querySelector('#timeline .js-plotly-plot');"
                "Plotly.relayout(gd, {'xaxis.range': [arguments[0], arguments[1]]});",
                start,
                end,
            )
            time.sleep(1)
        return count_text(browser) == zoomed

    browser.wait(zoom_and_check, message="the count follows the zoom")
    assert len(browser.driver.find_elements(By.CSS_SELECTOR, ".event-item")) == want


def test_keyboard_moves_through_the_list_and_selects(browser, server):
    open_explorer(browser, server)
    items = browser.driver.find_elements(By.CSS_SELECTOR, ".event-item")
    browser.js("arguments[0].focus()", items[0])
    ActionChains(browser.driver).send_keys(Keys.ARROW_DOWN).send_keys(Keys.ARROW_DOWN).perform()
    focused = browser.js("return document.activeElement.dataset.event")
    assert focused == items[2].get_attribute("data-event")
    ActionChains(browser.driver).send_keys(Keys.ENTER).perform()
    title = COLLECTION.event(focused)["title"]
    browser.wait(lambda: detail_title(browser) == title, message="Enter selects the focused event")
    # "/" jumps to the search box from anywhere outside a text field.
    browser.js("document.activeElement.blur()")
    ActionChains(browser.driver).send_keys("/").perform()
    assert browser.js("return document.activeElement.id") == "search"


def test_clicking_a_source_passage_selects_its_event(browser, server):
    open_explorer(browser, server)
    passage = browser.driver.find_element(By.CSS_SELECTOR, '#source-reader mark.passage[data-event="annabi-appointed"]')
    browser.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", passage)
    passage.click()
    browser.wait(lambda: detail_title(browser) == COLLECTION.event("annabi-appointed")["title"])
    assert "Five months after Droukdel’s death" in browser.text("#detail .quote-mark")


def test_empty_results_say_so_and_clear_all_restores(browser, server):
    open_explorer(browser, server)
    browser.driver.find_element(By.ID, "search").send_keys("no such thing anywhere")
    browser.wait(lambda: count_text(browser) == f"0 of {TOTAL} events")
    assert "No events match" in browser.text("#event-list")
    assert browser.js(
        "var gd = document.querySelector('#timeline .js-plotly-plot');"
        "return (gd.layout.annotations || []).some(a => a.text.indexOf('No events match') === 0);"
    )
    browser.driver.find_element(By.ID, "clear-filters").click()
    browser.wait(lambda: count_text(browser) == f"{TOTAL} of {TOTAL} events")
    assert browser.js("return document.getElementById('search').value") == ""


def show_lineage(browser) -> None:
    """The explorer draws its lineage chart on demand, below the first screen."""
    button = browser.driver.find_element(By.ID, "lineage-show")
    browser.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    browser.wait(
        lambda: browser.js("return document.querySelectorAll('#lineage .scatterlayer .trace').length") > 0,
        message="the lineage chart is drawn",
    )
    assert not browser.driver.find_element(By.ID, "lineage-show").is_displayed()


def test_the_lineage_chart_is_not_drawn_until_asked_for(browser, server):
    open_explorer(browser, server)
    assert browser.js("return document.querySelector('#lineage .js-plotly-plot')") is None
    show_lineage(browser)


def test_clicking_an_organisation_lane_shows_its_events(browser, server):
    open_explorer(browser, server)
    show_lineage(browser)
    _click_trace_point(browser, "lineage", "jnim", "lane", id_at=1)
    want = expected_count(text="JNIM")
    assert 0 < want < TOTAL
    browser.wait(lambda: count_text(browser) == f"{want} of {TOTAL} events", message="JNIM's events")
    assert browser.js("return document.getElementById('search').value") == "JNIM"
    assert "JNIM" in browser.text("#explore-lineage-detail")


def test_clicking_a_connector_shows_its_quote(browser, server):
    open_explorer(browser, server)
    show_lineage(browser)
    relation = COLLECTION.relations[COLLECTION.relations["type"] == "renamed-into"].iloc[0]
    _click_trace_point(browser, "lineage", relation["id"], "connector", id_at=1)
    browser.wait(lambda: relation["quote"][:40] in browser.text("#explore-lineage-detail"), message="connector quote")
