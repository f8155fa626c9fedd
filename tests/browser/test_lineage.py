"""The glossary page in a real Chromium: organisations under all their names, the lineage chart, the way back."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from timeline.load.collection import load_collection
from timeline.query import search

pytestmark = pytest.mark.browser

COLLECTION = load_collection()
TOTAL = len(COLLECTION.events)


def open_glossary(browser, server) -> None:
    browser.open(f"{server.url}/glossary")
    browser.wait(
        lambda: browser.js("return document.querySelectorAll('#glossary-lineage .scatterlayer .trace').length") > 0,
        message="lineage chart drawn",
    )


def test_glossary_lists_jnim_and_its_link_opens_the_explorer_on_its_events(browser, server):
    open_glossary(browser, server)
    entry = browser.text("#org-jnim")
    for name in ("JNIM", "NJIM", "Jama'at Nusrat al-Islam wal-Muslimin", "Jammat Nusrat Al Islam Wal Muslimeen"):
        assert name in entry
    assert "“In March 2017”" in entry
    page = browser.screenshot("glossary")
    browser.driver.find_element(By.ID, "glossary-lineage").screenshot(str(page.with_name("glossary-lineage.png")))

    want = len(search.apply(COLLECTION.events, search.Filters(text="JNIM"), COLLECTION.aliases))
    assert 0 < want < TOTAL
    link = browser.driver.find_element(By.CSS_SELECTOR, "#org-jnim a.explore-link")
    browser.js("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    browser.wait(lambda: urlparse(browser.driver.current_url).path == "/", message="explorer opened")
    assert parse_qs(urlparse(browser.driver.current_url).query)["q"] == ["JNIM"]
    browser.wait(
        lambda: browser.text("#event-count") == f"{want} of {TOTAL} events",
        message=f"explorer shows JNIM's {want} events",
    )
    browser.screenshot("glossary-to-explorer-jnim")


def test_clicking_a_connector_shows_its_source_sentence(browser, server):
    open_glossary(browser, server)
    trace, index = browser.js(
        "var gd = document.querySelector('#glossary-lineage .js-plotly-plot');"
        "for (var i = 0; i < gd.data.length; i++) {"
        "  var t = gd.data[i];"
        "  if (t.meta && t.meta.role === 'connector' && t.meta.relation === 'gspc-becomes-aqim') return [i, 0];"
        "}"
        "return [null, null];"
    )
    assert trace is not None, "the GSPC -> AQIM connector is not drawn"
    points = browser.js(
        "var gd = document.querySelector('#glossary-lineage .js-plotly-plot');"
        "var els = Array.from(gd.querySelectorAll('.scatterlayer .trace'))"
        "  .filter(el => el.__data__ && el.__data__[0] && el.__data__[0].trace.index === arguments[0]);"
        "return els.length ? Array.from(els[0].querySelectorAll('.point')) : [];",
        trace,
    )
    assert points, "no drawn points for the connector"
    ActionChains(browser.driver).move_to_element(points[index]).pause(0.3).click().perform()
    browser.wait(
        lambda: "embraced Al-Qaeda’s global militant doctrine." in browser.text("#lineage-detail"),
        message="the connector's quote shown under the chart",
    )
    assert "GSPC renamed into AQIM" in browser.text("#lineage-detail")
    browser.wait(
        lambda: browser.js(
            "var gd = document.querySelector('#glossary-lineage .js-plotly-plot');"
            "return gd.data.some(t => t.meta && t.meta.role === 'selected');"
        ),
        message="the connector outlined in the chart",
    )
    browser.screenshot("glossary-connector-selected")


def test_the_glossary_links_back_to_the_explorer(browser, server):
    open_glossary(browser, server)
    back = browser.driver.find_element(By.CSS_SELECTOR, ".top-nav a[href='/']")
    back.click()
    browser.wait(browser.graphs_drawn, message="explorer drawn")
    assert browser.text("#event-count") == f"{TOTAL} of {TOTAL} events"
