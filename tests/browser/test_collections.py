"""Your own file, other collections and downloads, in a real Chromium against a real server."""

from __future__ import annotations

import csv
import io
import json
import shutil
import time
from pathlib import Path

import pytest
from helpers import copy_collection, edit_row
from selenium.webdriver.common.by import By
from servers import Server
from test_upload import data_snapshot

from browser.test_explore import TOTAL, count_text, expected_count, open_explorer, show_lineage, url_query

pytestmark = pytest.mark.browser

# A TimelineJS sheet whose text tries to run script in three ways; each sets a flag if it ever runs.
HOSTILE_SHEET = (
    "Year,Month,Headline,Text,Group\n"
    "1999,,\"<script>sessionStorage.setItem('ran','script')</script>Treaty signed\","
    '"<img src=x onerror=""sessionStorage.setItem(\'ran\',\'img\')""> Delegates <b>signed</b> it.",Politics\n'
    '2003,5,Second event,"<a href=""javascript:sessionStorage.setItem(\'ran\',\'link\')"">A link</a> and text",\n'
)


def drop_file(browser, path: Path) -> None:
    """What a person does: open 'Explore your own spreadsheet…' and choose the file."""
    browser.driver.find_element(By.CSS_SELECTOR, ".upload-box summary").click()
    browser.driver.find_element(By.CSS_SELECTOR, "#upload-input input[type=file]").send_keys(str(path))


def test_a_timelinejs_sheet_opens_in_one_step_and_its_html_never_runs(browser, server, tmp_path):
    before = data_snapshot()
    sheet = tmp_path / "my-timeline.csv"
    sheet.write_text(HOSTILE_SHEET, encoding="utf-8")
    open_explorer(browser, server)
    drop_file(browser, sheet)
    browser.wait(lambda: url_query(browser).get("collection") == ["upload"], message="the upload page opens")
    browser.wait(
        lambda: browser.js("return document.querySelectorAll('#timeline .scatterlayer .point').length") > 0,
        message="the uploaded timeline is drawn",
    )
    assert browser.wait(lambda: count_text(browser) == "2 of 2 events")
    about = browser.text(".about-upload")
    assert "not saved on the server" in about and "TimelineJS sheet" in about
    assert "No independent source" in browser.text(".lede")
    browser.driver.find_element(By.CSS_SELECTOR, ".event-item").click()
    browser.wait(lambda: browser.text("#detail .detail-title") == "Treaty signed")
    assert "Delegates signed it." in browser.text("#detail .quote")
    # Nothing the file held ran or became markup: no flag, no img or script from it, no javascript: link.
    assert browser.js("return sessionStorage.getItem('ran')") is None
    assert browser.js('return document.querySelectorAll(\'img[src="x"], a[href^="javascript"]\').length') == 0
    # Reloading keeps the file (this tab's sessionStorage); the bundled collection is one click away.
    browser.driver.refresh()
    browser.wait(lambda: count_text(browser) == "2 of 2 events", message="the upload survives a reload")
    browser.driver.find_element(By.CSS_SELECTOR, ".about-upload a").click()
    browser.wait(lambda: count_text(browser) == f"{TOTAL} of {TOTAL} events", message="back to the bundled data")
    assert "Your file: my-timeline.csv" in browser.text(".picker")
    assert data_snapshot() == before


def test_our_events_file_shows_as_text_what_looks_like_markup(browser, server, tmp_path):
    folder = copy_collection(tmp_path)
    edit_row(folder / "events.csv", "mali-coup", "Coup d'état in Mali", "<img src=x onerror=alert(1)> Coup")
    open_explorer(browser, server)
    drop_file(browser, folder / "events.csv")
    browser.wait(lambda: url_query(browser).get("collection") == ["upload"], message="the uploaded copy opens")
    # The copy has as many events as the page it replaces: wait for its own title, not for the count.
    titles = "return Array.from(document.querySelectorAll('.item-title')).map(e => e.textContent)"
    browser.wait(lambda: "<img src=x onerror=alert(1)> Coup" in browser.js(titles), message="the copy's list")
    assert count_text(browser) == f"{TOTAL} of {TOTAL} events"
    assert browser.js("return document.querySelectorAll('img[src=\"x\"]').length") == 0


ROUTER_PROBE = """
window.__routerAnswers = [];
var realFetch = window.fetch;
window.fetch = function (url, options) {
  var body = (options && typeof options.body === 'string') ? options.body : '';
  return realFetch.apply(this, arguments).then(function (response) {
    if (String(url).indexOf('_dash-update-component') >= 0 && body.indexOf('page.children') >= 0) {
      response.clone().text().then(function (text) {
        window.__routerAnswers.push(text.indexOf('"page"') >= 0 ? 'a new page' : 'nothing');
      });
    }
    return response;
  });
};
"""


def test_a_tab_holding_a_file_presents_without_losing_its_slide(fresh_browser, server, tmp_path):
    """The explorer of such a tab is rebuilt to name the file; /present must not be, or the slide resets."""
    browser = fresh_browser
    sheet = tmp_path / "my-timeline.csv"
    sheet.write_text(HOSTILE_SHEET, encoding="utf-8")
    open_explorer(browser, server)
    drop_file(browser, sheet)
    browser.wait(lambda: url_query(browser).get("collection") == ["upload"], message="the upload page opens")
    browser.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": ROUTER_PROBE})
    browser.open(f"{server.url}/present?lesson=gspc-to-jnim")
    browser.wait(lambda: browser.js("return window.__routerAnswers.length") > 0, message="the router heard the file")
    browser.wait(browser.settled, message="no callback in flight")
    # The router is asked (the file's store reports itself), and leaves the page as it is.
    assert browser.js("return window.__routerAnswers") == ["nothing"]
    # And the explorer of that tab still names the file among the collections.
    browser.open(f"{server.url}/")
    browser.wait(lambda: "Your file" in browser.text(".picker"), message="the explorer names the tab's file")


def test_a_bad_file_lists_its_problems_with_rows_and_nothing_changes(browser, server, tmp_path):
    before = data_snapshot()
    folder = copy_collection(tmp_path)
    bad_date = edit_row(folder / "events.csv", "mali-coup", ",2012,", ",2012-13,")
    bad_quote = edit_row(folder / "events.csv", "jnim-formed", '"In March 2017, the group', '"In April 2017, the group')
    open_explorer(browser, server)
    drop_file(browser, folder / "events.csv")
    browser.wait(lambda: "events.csv, line" in browser.text("#upload-report"), message="the problems are listed")
    report = browser.text("#upload-report")
    assert "2 problems" in report
    assert f"events.csv, line {bad_date}, field 'start'" in report
    assert f"events.csv, line {bad_quote}, field 'quote'" in report
    assert "collection" not in url_query(browser)
    assert count_text(browser) == f"{TOTAL} of {TOTAL} events"
    assert data_snapshot() == before


def test_downloads_give_the_filtered_events_and_the_figures(browser, server, tmp_path):
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads), "eventsEnabled": True}
    )
    open_explorer(browser, server, "?category=attack")
    expected = expected_count(categories=("attack",))
    assert browser.wait(lambda: count_text(browser) == f"{expected} of {TOTAL} events")
    browser.driver.find_element(By.ID, "download-csv").click()
    browser.driver.find_element(By.ID, "download-json").click()
    browser.driver.find_element(By.CSS_SELECTOR, "button[data-graph='timeline'][data-format='svg']").click()
    browser.driver.find_element(By.CSS_SELECTOR, "button[data-graph='map'][data-format='png']").click()
    show_lineage(browser)
    browser.driver.find_element(By.CSS_SELECTOR, "button[data-graph='lineage'][data-format='svg']").click()
    wanted = {"aqim-events.csv", "aqim-events.json", "timeline.svg", "map.png", "lineage.svg"}
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not wanted <= {p.name for p in downloads.iterdir()}:
        time.sleep(0.2)
    assert wanted <= {p.name for p in downloads.iterdir()}, sorted(p.name for p in downloads.iterdir())
    rows = list(csv.DictReader(io.StringIO((downloads / "aqim-events.csv").read_text(encoding="utf-8"))))
    assert len(rows) == expected and {row["category"] for row in rows} == {"attack"}
    records = json.loads((downloads / "aqim-events.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in records] == [row["id"] for row in rows]
    assert (downloads / "timeline.svg").read_text(encoding="utf-8").lstrip().startswith("<svg")
    assert (downloads / "map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """A folder of two collections: the bundled one and a renamed copy with one event less."""
    parent = tmp_path_factory.mktemp("library")
    copy_collection(parent, "1-aqim")
    second = copy_collection(parent, "2-copy")
    meta = json.loads((second / "collection.json").read_text(encoding="utf-8"))
    meta.update(id="copy", title="A shorter copy")
    (second / "collection.json").write_text(json.dumps(meta), encoding="utf-8")
    lines = (second / "events.csv").read_text(encoding="utf-8").split("\n")
    kept = [line for line in lines if not line.startswith("radisson-blu-attack,")]
    (second / "events.csv").write_text("\n".join(kept), encoding="utf-8")
    shutil.rmtree(second / "lessons")  # the bundled lesson may name the event left out
    running = Server(data=parent)
    yield running
    running.stop()


def test_the_picker_switches_collections_and_the_url_names_them(browser, library):
    open_explorer(browser, library)
    assert browser.text(".picker .current") == "Al-Qaeda in the Islamic Maghreb (AQIM)"
    browser.driver.find_element(By.LINK_TEXT, "A shorter copy").click()
    browser.wait(lambda: url_query(browser).get("collection") == ["copy"], message="the URL names the collection")
    browser.wait(lambda: count_text(browser) == f"{TOTAL - 1} of {TOTAL - 1} events")
    assert browser.text("h1") == "A shorter copy"
    # Links and the URL's filters stay in the collection.
    assert "collection=copy" in browser.driver.find_element(By.LINK_TEXT, "Present").get_attribute("href")
    search = browser.driver.find_element(By.ID, "search")
    search.send_keys("Mali")
    browser.wait(lambda: url_query(browser).get("q") == ["Mali"])
    assert url_query(browser).get("collection") == ["copy"]
    browser.open(f"{library.url}/?collection=nope")
    browser.wait(lambda: "No such collection" in browser.text("h1"))
    assert "A shorter copy" in browser.text(".not-found")
