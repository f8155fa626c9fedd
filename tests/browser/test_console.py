"""The console check itself: every browser test fails on a SEVERE console message, page load included.

The fixtures (conftest.py) collect the console from the moment a test begins; reading it mid-test
(drain_logs) no longer throws anything away. These tests make errors on purpose, see them
collected, then clear them so that their own check passes.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def _open(browser, url: str) -> None:
    browser.open(url)
    browser.wait(lambda: browser.js("return !!document.querySelector('#event-count')"), message="page drawn")
    browser.wait(browser.settled, message="no callback in flight")


def test_an_error_during_page_load_is_collected_even_after_a_drain(browser, server):
    browser.open(f"{server.url}/assets/no-such-file.css")  # a 404 while loading
    browser.drain_logs()  # tests read the console mid-test; that must not hide what came before
    _open(browser, server.url + "/")
    errors = browser.console_errors()
    assert any("no-such-file.css" in error and "404" in error for error in errors), errors
    browser.console.clear()


def test_a_script_error_and_a_refused_callback_are_collected(browser, server):
    _open(browser, server.url + "/")
    browser.js("setTimeout(function () { throw new Error('made on purpose'); }, 0);")
    # A value of the wrong type reaches the server's guard, which answers 422: the console shows it.
    browser.js("window.dash_clientside.set_props('search', {value: 5});")
    browser.wait(lambda: len(browser.console_errors()) >= 2, message="both errors in the console")
    errors = browser.console_errors()
    assert any("made on purpose" in error for error in errors), errors
    assert any("422" in error for error in errors), errors
    browser.console.clear()
