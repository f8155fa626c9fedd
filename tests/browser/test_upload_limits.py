"""A dropped file at each documented limit (4 MB, 20,000 rows) and just over it, as a reader sees it in Chromium.

At the limits the file opens; over them the page says why, naming the file and the limit, in the reader's
language: before anything is sent when the browser can tell (size, type), from the server otherwise (rows,
or a body that arrives anyway). While the server reads, "Reading …" appears; when no answer comes, the page
says that too. Screenshots of each case land in build/screenshots/upload-*.png.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import bench_script
from selenium.webdriver.common.by import By

from browser.test_collections import drop_file
from browser.test_explore import TOTAL, count_text, open_explorer, url_query

pytestmark = pytest.mark.browser

make_sheets = bench_script("make_sheets")
LIMIT_BYTES, LIMIT_ROWS = 4_000_000, 20_000  # docs/explorer.md, written out here, not taken from timeline
NBSP = "\u00a0"
FSI, PDI = "\u2068", "\u2069"
HINT = "A larger file can still be explored"


@pytest.fixture(scope="module")
def sheets(tmp_path_factory) -> dict[str, Path]:
    """TimelineJS sheets at the limits and just over each, made from real-looking rows (bench/make_sheets.py)."""
    folder = tmp_path_factory.mktemp("sheets")
    made = {
        "at-limits.csv": (LIMIT_ROWS, LIMIT_BYTES),
        "one-byte-over.csv": (LIMIT_ROWS, LIMIT_BYTES + 1),
        "one-row-over.csv": (LIMIT_ROWS + 1, LIMIT_BYTES - 10_000),
    }
    for name, (rows, size) in made.items():
        (folder / name).write_bytes(make_sheets.make("timelinejs", rows, size))
    (folder / "notes.txt").write_text("Year,Headline\n2001,Not a CSV by its name\n", encoding="utf-8")
    return {name: folder / name for name in [*made, "notes.txt"]}


def report(browser) -> str:
    return browser.text("#upload-report")


WATCH_UPLOADS = """
window.__filesSent = 0;
var send = window.fetch;
window.fetch = function (url, options) {
  if (options && typeof options.body === 'string' && options.body.indexOf('"upload-input"') >= 0) {
    window.__filesSent++;
  }
  return send.apply(this, arguments);
};
"""


def files_sent(browser) -> int:
    """Callback requests carrying a dropped file since watch_uploads (Dash's renderer calls window.fetch)."""
    return browser.js("return window.__filesSent")


def test_a_sheet_at_both_limits_opens_and_says_it_is_being_read_meanwhile(fresh_browser, server, sheets):
    browser = fresh_browser
    open_explorer(browser, server)
    # A slow connection (2 MB/s up): the 5.3 MB request alone takes over the second after which the page speaks.
    browser.driver.execute_cdp_cmd("Network.enable", {})
    browser.driver.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": 2_000_000},
    )
    drop_file(browser, sheets["at-limits.csv"])
    browser.wait(lambda: report(browser) == "Reading at-limits.csv (4.0 MB)…", message="the reading message")
    browser.screenshot("upload-reading-at-limits")
    browser.wait(lambda: url_query(browser).get("collection") == ["upload"], timeout=180, message="the file opens")
    total = f"{LIMIT_ROWS:,} of {LIMIT_ROWS:,} events"
    browser.wait(lambda: count_text(browser) == total, timeout=120, message="all 20,000 events counted")
    browser.wait(lambda: browser.js("return document.querySelectorAll('#timeline .scatterlayer .point').length") > 0)
    assert "Your file: at-limits.csv" in browser.text(".picker")
    browser.screenshot("upload-opened-at-limits")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "one-byte-over.csv is 4.1 MB; the limit is 4 MB."),
        ("fr", f"one-byte-over.csv fait 4,1 Mo{NBSP}; la limite est de 4 Mo."),
        ("ar", f"حجم {FSI}one-byte-over.csv{PDI} 4,1 ميغابايت؛ الحد الأقصى 4 ميغابايت."),
    ],
)
def test_one_byte_over_the_size_limit_is_refused_before_anything_is_sent(browser, server, sheets, lang, said):
    open_explorer(browser, server, f"?lang={lang}")
    browser.js(WATCH_UPLOADS)
    drop_file(browser, sheets["one-byte-over.csv"])
    browser.wait(lambda: said in report(browser), message="the size message")
    assert browser.js("return document.querySelector('#upload-report [role=alert] .error') !== null")
    if lang == "en":
        assert HINT in report(browser)
    assert files_sent(browser) == 0  # dcc.Upload's max_size kept the file in the browser
    assert "collection" not in url_query(browser)
    assert str(TOTAL) in count_text(browser)
    browser.screenshot(f"upload-one-byte-over-{lang}")


def test_one_row_over_the_row_limit_is_refused_by_the_server_with_its_count(browser, server, sheets):
    open_explorer(browser, server)
    drop_file(browser, sheets["one-row-over.csv"])
    said = "one-row-over.csv has 20,001 rows; the limit is 20,000."
    browser.wait(lambda: said in report(browser), timeout=120, message="the row message")
    assert HINT in report(browser)
    assert "collection" not in url_query(browser)
    browser.screenshot("upload-one-row-over")


def test_a_larger_file_sent_anyway_is_refused_with_a_message_on_the_page(browser, server):
    """A page whose size check did not run (an old copy, a script): the server's refusal still shows."""
    open_explorer(browser, server)
    browser.driver.find_element(By.CSS_SELECTOR, ".upload-box summary").click()
    # 8,000,000 base64 characters: a 6 MB file, set as dcc.Upload sets it once a file is read.
    browser.js(
        "window.dash_clientside.set_props('upload-input',"
        " {contents: 'data:text/csv;base64,' + 'QUFB'.repeat(2000000), filename: 'sent-anyway.csv'});"
    )
    said = "sent-anyway.csv is 6.0 MB; the limit is 4 MB."
    browser.wait(lambda: said in report(browser), timeout=60, message="the server's size message")
    browser.screenshot("upload-sent-anyway")


def test_a_file_of_another_type_is_named_and_what_to_drop_instead_is_said(browser, server, sheets):
    open_explorer(browser, server)
    browser.js(WATCH_UPLOADS)
    drop_file(browser, sheets["notes.txt"])
    browser.wait(lambda: "notes.txt is neither a .csv nor a .json file" in report(browser), message="the type message")
    assert files_sent(browser) == 0


def test_when_the_server_does_not_answer_the_page_says_so(fresh_browser, server, tmp_path):
    browser = fresh_browser
    sheet = tmp_path / "small.csv"
    sheet.write_bytes(make_sheets.make("timelinejs", 20, 4_000))
    open_explorer(browser, server)
    browser.driver.execute_cdp_cmd("Network.enable", {})
    browser.driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*_dash-update-component*"]})
    drop_file(browser, sheet)
    said = "small.csv could not be read: the server did not answer. Try again, or reload the page."
    browser.wait(lambda: report(browser) == said, message="the no-answer message")
    # The blocked request is this test's doing: its console messages are expected, and only they are dropped.
    browser.drain_logs()
    expected = ("ERR_BLOCKED_BY_CLIENT", "Callback failed: the server did not respond")
    browser.console[:] = [entry for entry in browser.console if not any(e in entry["message"] for e in expected)]
