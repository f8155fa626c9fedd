"""Real-browser fixtures: Debian's Chromium driven by selenium against a real server process.

Every request that leaves 127.0.0.1 is made to fail (host resolver rules) and
recorded (performance log), so the tests prove the app works with no internet.
Without Chromium these tests skip with a message, except where
TIMELINE_REQUIRE_BROWSER=1 (CI sets it): there a missing browser is a failure.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from servers import ROOT, Server

CHROMIUM = os.environ.get("TIMELINE_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("TIMELINE_CHROMEDRIVER", "/usr/bin/chromedriver")


def _require_browser() -> None:
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not shutil.which(path)]
    if not missing:
        return
    message = (
        f"browser tests need Debian's chromium and chromium-driver ({', '.join(missing)} not found); "
        "install them with: apt-get install -y chromium chromium-driver"
    )
    if os.environ.get("TIMELINE_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    _require_browser()
    running = Server()
    yield running
    running.stop()


class Browser:
    """A headless Chromium page with helpers for waiting and for the network log."""

    def __init__(self, javascript: bool = True):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        self.profile = tempfile.mkdtemp(prefix="timeline-chromium-")
        for argument in (
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={self.profile}",
            "--window-size=1440,1000",
            # Any host but 127.0.0.1 fails to resolve: the machine is offline as far as the page knows.
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
        ):
            options.add_argument(argument)
        if not javascript:
            options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        self.driver.set_page_load_timeout(60)
        self.requested: list[str] = []
        self.javascript = javascript
        # Every console message since the test began (page loads included): drain_logs adds to it,
        # nothing takes from it but the fixtures, which fail the test on any SEVERE entry.
        self.console: list[dict] = []

    def open(self, url: str) -> None:
        """Load `url` and wait until the live page has replaced the plain HTML copy the server sends first."""
        self.drain_logs()
        self.driver.get(url)
        if self.javascript:
            self.wait(self.live, timeout=30, message="the live page replaces the plain copy")

    def live(self) -> bool:
        return bool(self.js("return document.readyState === 'complete' && !document.getElementById('static-page')"))

    def wait(self, condition: Callable[[], object], timeout: float = 20, message: str = "") -> object:
        deadline = time.monotonic() + timeout
        last_error: Exception | None = None
        while time.monotonic() < deadline:
            try:
                value = condition()
                if value:
                    return value
            except Exception as error:  # the DOM may be mid-render; try again
                last_error = error
            time.sleep(0.1)
        raise AssertionError(f"timed out after {timeout} s waiting for {message or condition}: {last_error}")

    def js(self, script: str, *args):
        return self.driver.execute_script(script, *args)

    def drain_logs(self) -> list[dict]:
        """Console messages since the last call, also kept in self.console; network requests go to self.requested."""
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                self.requested.append(message["params"]["request"]["url"])
        entries = self.driver.get_log("browser")
        self.console.extend(entries)
        return entries

    def outside_requests(self) -> list[str]:
        self.drain_logs()
        return [
            url for url in self.requested if url.startswith(("http:", "https:", "ws:", "wss:")) and not url.startswith(
                ("http://127.0.0.1:", "ws://127.0.0.1:")
            )
        ]  # fmt: skip

    def console_errors(self) -> list[str]:
        """Every SEVERE console message since the test began (self.console), page loads included."""
        self.drain_logs()
        return [entry["message"] for entry in self.console if entry["level"] == "SEVERE"]

    def graphs_drawn(self) -> bool:
        return bool(
            self.js(
                "var t = document.querySelectorAll('#timeline .scatterlayer .point').length;"
                "var m = document.querySelectorAll('#map .choroplethlocation').length;"
                "return t > 0 && m > 0;"
            )
        )

    def settled(self) -> bool:
        """Dash has no callback in flight (it marks updating components with data-dash-is-loading)."""
        return bool(self.js("return document.querySelector('[data-dash-is-loading=\"true\"]') === null"))

    def text(self, css: str) -> str:
        return self.js("var e = document.querySelector(arguments[0]); return e ? e.innerText : '';", css)

    def emulate_phone(self, width: int, height: int) -> Browser:
        """A phone's screen: a mobile viewport (the page's meta viewport applies, as on a phone) and a touch
        screen as the only pointer, so (pointer: coarse) and (hover: none) match."""
        self.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 2, "mobile": True},
        )
        self.driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5})
        return self

    def touch(self, kind: str, points: list[tuple[float, float]]) -> None:
        """One touch event ("touchStart", "touchMove", "touchEnd") through Chromium's input pipeline, as a
        finger's: page handlers see it, and the browser scrolls or taps from it unless a handler prevents that.
        `points` are in CSS pixels of the layout viewport (getBoundingClientRect's)."""
        view = self.js("var v = window.visualViewport; return [v.offsetLeft, v.offsetTop, v.scale];")
        touch_points = [{"x": (x - view[0]) * view[2], "y": (y - view[1]) * view[2]} for x, y in points]
        self.driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": kind, "touchPoints": touch_points})

    def swipe(self, start: tuple[float, float], end: tuple[float, float], steps: int = 12) -> None:
        """One finger from `start` to `end` at about a finger's speed (some 60 px per frame), then lifted."""
        self.touch("touchStart", [start])
        for step in range(1, steps + 1):
            share = step / steps
            self.touch("touchMove", [(start[0] + (end[0] - start[0]) * share, start[1] + (end[1] - start[1]) * share)])
            time.sleep(0.016)
        self.touch("touchEnd", [])

    def tap(self, point: tuple[float, float]) -> None:
        self.touch("touchStart", [point])
        time.sleep(0.05)
        self.touch("touchEnd", [])

    def screenshot(self, name: str) -> Path:
        out = ROOT / "build" / "screenshots"
        out.mkdir(parents=True, exist_ok=True)
        path = out / f"{name}.png"
        self.driver.save_screenshot(str(path))
        return path

    def quit(self) -> None:
        self.driver.quit()
        shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture(scope="session")
def browser_session() -> Iterator[Browser]:
    _require_browser()
    running = Browser()
    yield running
    running.quit()


def _checked(running: Browser) -> Iterator[Browser]:
    # Messages that arrived after the previous test's check (its page kept running) are its own: they still fail.
    late = running.console_errors()
    running.console.clear()
    running.requested.clear()
    assert not late, f"browser console errors after the previous test ended: {late}"
    yield running
    # Let the page finish what it was doing, so its last messages are this test's; a page that never
    # settles (or a window a test closed) is still checked, as it is.
    with contextlib.suppress(Exception):
        running.wait(running.settled, timeout=10, message="callbacks in flight to finish")
    errors = running.console_errors()
    running.console.clear()
    outside = running.outside_requests()
    assert not errors, f"browser console errors: {errors}"
    assert not outside, f"requests left the machine: {outside}"


@pytest.fixture
def browser(browser_session: Browser) -> Iterator[Browser]:
    """The shared browser, checked after each test for console errors and outside requests."""
    yield from _checked(browser_session)


@pytest.fixture
def fresh_browser() -> Iterator[Browser]:
    """A browser of its own, for tests that leave a renderer in a state others should not inherit
    (printing to PDF, emulated print media), checked the same way."""
    _require_browser()
    running = Browser()
    try:
        yield from _checked(running)
    finally:
        running.quit()


@pytest.fixture
def no_script_browser() -> Iterator[Browser]:
    """A browser with JavaScript switched off: the page as a reader without scripts gets it."""
    _require_browser()
    running = Browser(javascript=False)
    try:
        yield from _checked(running)
    finally:
        running.quit()


@pytest.fixture(scope="session")
def phone_session() -> Iterator[Browser]:
    _require_browser()
    running = Browser()
    yield running
    running.quit()


@pytest.fixture
def phone(phone_session: Browser):
    """A touch-screen phone whose screen the test sets: phone(390, 664) (an iPhone 12's Safari, the
    toolbars taken off). Its own browser, shared by the phone tests and checked after each like `browser`."""

    def size(width: int, height: int = 664) -> Browser:
        return phone_session.emulate_phone(width, height)

    for _ in _checked(phone_session):
        yield size


@pytest.fixture
def sized_browser():
    """A browser of its own whose viewport the test sets: sized_browser(1280, 720)."""
    _require_browser()
    running = Browser()

    def size(width: int, height: int) -> Browser:
        running.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        return running

    try:
        for _ in _checked(running):
            yield size
    finally:
        running.quit()
