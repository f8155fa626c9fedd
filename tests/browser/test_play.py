"""Playing the chronology through time (issue 25), in a real Chromium against a real server.

Expected moments and counts come from the library (query/moments.py, figures/play.py on the bundled data),
and the browser's rule (play.js: momentState) is held to tests/test_moments.py's cases.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.test_moments import CASES
from timeline.figures.play import play_data
from timeline.i18n import use
from timeline.load.collection import load_collection
from timeline.query import search
from timeline.query.moments import play_stops
from timeline.web.lessonfile import write_bundle

from .conftest import Browser, Server, _checked, _require_browser
from .slide_helpers import DECK, LESSON, press
from .test_bundle import open_file, requests_other_than

pytestmark = pytest.mark.browser

COLLECTION = load_collection()
with use("en"):
    PLAY = play_data(COLLECTION.events, play_stops(COLLECTION.events))


# This module has a server and a browser of its own. In the whole suite, after the other browser tests, pages
# opened at a moment (?at=2012) now and then never drew their map within 20 s on the shared ones; alone, or
# after any one of the files before it, they always did. Until that is understood, the play's tests do not
# depend on what the others leave behind.
@pytest.fixture(scope="module")
def server():
    _require_browser()
    running = Server()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def play_browser():
    _require_browser()
    running = Browser()
    yield running
    running.quit()


@pytest.fixture
def browser(play_browser):
    yield from _checked(play_browser)


def open_explorer(browser, server, query: str = "") -> None:
    browser.open(f"{server.url}/{query}")
    browser.wait(browser.graphs_drawn, message="timeline and map drawn")
    browser.wait(browser.settled, message="no callback in flight")


def click(browser, css: str) -> None:
    browser.driver.find_element(By.CSS_SELECTOR, css).click()


def moment(browser) -> str:
    return browser.js("var e = document.querySelector('.play-bar [data-play-at]'); return e && e.dataset.playAt;")


def pressed(browser) -> str:
    return browser.js("return document.querySelector(\"[data-action='play']\").getAttribute('aria-pressed');")


def playing_map(browser) -> str:
    """What the map's play traces draw now (places of the moment and earlier ones, country shades), as text."""
    return browser.js(
        "var gd = document.querySelector('#map .js-plotly-plot');"
        "return JSON.stringify(gd.data.filter(t => t.meta && /^play-/.test(t.meta.role))"
        "  .map(t => [t.meta.role, t.lat || null, t.lon || null, t.z || null, t.marker && t.marker.symbol || null]));"
    )


def map_roles(browser) -> list:
    return browser.js(
        "return document.querySelector('#map .js-plotly-plot').data"
        "  .filter(t => t.visible !== false).map(t => t.meta ? t.meta.role : t.type);"
    )


def callbacks_sent(browser) -> list[str]:
    """The outputs of the server callbacks the page has asked for since the last look (read from Chromium's
    network log; every URL also goes where browser.drain_logs puts it, for the outside-requests check)."""
    sent = []
    for entry in browser.driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] != "Network.requestWillBeSent":
            continue
        request = message["params"]["request"]
        browser.requested.append(request["url"])
        if "_dash-update-component" in request["url"]:
            sent.append(json.loads(request.get("postData") or "{}").get("output", ""))
    return sent


def at_in_url(browser) -> str | None:
    return parse_qs(urlparse(browser.driver.current_url).query).get("at", [None])[0]


def changes(values: list) -> int:
    return sum(1 for before, after in zip(values, values[1:], strict=False) if after != before)


def watch(browser, seconds: float, until: int = 1000) -> tuple[list[str], set[str]]:
    """The moments and map states seen every quarter second for `seconds` (or until `until` changes)."""
    moments, maps = [], set()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and changes(moments) < until:
        moments.append(moment(browser))
        maps.add(playing_map(browser))
        time.sleep(0.25)
    return moments, maps


def stop_after(name: str, steps: int = 1) -> str:
    return PLAY["names"][PLAY["names"].index(name) + steps]


def test_play_moves_the_moment_and_the_map_with_one_request_for_the_whole_play(browser, server):
    open_explorer(browser, server)
    assert map_roles(browser).count("play-now") == 0
    callbacks_sent(browser)
    click(browser, "[data-action='play']")
    assert pressed(browser) == "true"
    browser.wait(lambda: moment(browser), message="the play's data came")
    assert callbacks_sent(browser).count("play-data.data") == 1
    moments, maps = watch(browser, 15, until=12)
    assert changes(moments) >= 5, moments
    assert len(maps) >= 2, "the map's markers did not change"
    # Each change is one stop on, from the first stop of the collection.
    seen = [m for i, m in enumerate(moments) if m and (i == 0 or m != moments[i - 1])]
    assert seen == PLAY["names"][: len(seen)]
    assert "play-now" in map_roles(browser) and "places" not in map_roles(browser)
    assert callbacks_sent(browser) == [], "no request per frame"
    browser.screenshot("play-running")


def test_pause_then_nothing_changes(browser, server):
    open_explorer(browser, server, "?speed=4")
    click(browser, "[data-action='play']")
    watch(browser, 15, until=2)
    click(browser, "[data-action='play']")
    assert pressed(browser) == "false"
    paused_at, drawn, url = moment(browser), playing_map(browser), at_in_url(browser)
    k = PLAY["names"].index(paused_at)
    browser.wait(lambda: browser.text(".play-bar .play-status") == f"Paused: {PLAY['counts'][k]}", message="said")
    time.sleep(2.5)
    assert (moment(browser), playing_map(browser), at_in_url(browser)) == (paused_at, drawn, PLAY["edtf"][k])
    assert url == PLAY["edtf"][k]
    assert browser.text(".play-bar .play-count") == PLAY["counts"][k]


def test_step_moves_by_one_stop_and_says_where(browser, server):
    open_explorer(browser, server, "?at=2012")
    browser.wait(lambda: moment(browser) == "2012", message="opened at 2012")
    click(browser, "[data-action='step-forward']")
    assert moment(browser) == stop_after("2012") == "2013"
    assert at_in_url(browser) == "2013"
    assert browser.text(".play-bar .play-status") == PLAY["counts"][PLAY["names"].index("2013")]
    click(browser, "[data-action='step-back']")
    click(browser, "[data-action='step-back']")
    assert moment(browser) == "2011"
    assert browser.js("return document.querySelector('.play-bar input[type=range]').value") == str(
        PLAY["names"].index("2011")
    )
    assert pressed(browser) == "false"


def test_a_url_with_a_moment_opens_paused_there_with_its_data_in_the_page(browser, server):
    open_explorer(browser, server, "?at=2012&speed=2")
    browser.wait(lambda: "play-now" in map_roles(browser), message="the map plays")
    k = PLAY["names"].index("2012")
    assert moment(browser) == "2012" and pressed(browser) == "false"
    assert browser.text(".play-bar .play-count") == PLAY["counts"][k] == "12 events by 2012"
    assert browser.text(".play-bar .play-speed") == "×2"
    now = browser.js(
        "var gd = document.querySelector('#map .js-plotly-plot');"
        "return gd.data.filter(t => t.meta && t.meta.role === 'play-now')[0].lat.length;"
    )
    assert now == len(PLAY["now"][k])
    # The list follows: what began after 2012 is hidden, what ended before it faded.
    states = browser.js(
        "var out = {}; document.querySelectorAll('#event-list .event-item').forEach(i => out[i.dataset.event] = i.dataset.play);"
        "return out;"
    )
    assert states["jnim-formed"] == "later" and states["aqim-founded"] == "earlier" and states["mali-coup"] == "now"
    assert (
        browser.js("return getComputedStyle(document.querySelector('[data-event=\"jnim-formed\"]')).display") == "none"
    )
    assert "play-data.data" not in callbacks_sent(browser), "the moment's data came with the page"
    click(browser, "[data-action='exit']")
    assert "places" in map_roles(browser) and "play-now" not in map_roles(browser)
    assert at_in_url(browser) is None and moment(browser) == ""


def test_filters_restrict_what_plays_and_a_new_filter_leaves_the_play(browser, server):
    open_explorer(browser, server, "?category=attack&speed=4")
    attacks = search.apply(COLLECTION.events, search.Filters(categories=("attack",)))
    first = attacks["earliest"].min().year
    click(browser, "[data-action='play']")
    browser.wait(lambda: pressed(browser) == "false", timeout=30, message="the play reaches its end")
    assert moment(browser) == str(attacks["latest"].max().year)
    assert browser.text(".play-bar .play-count") == f"{len(attacks)} events by {moment(browser)}"
    listed = browser.js(
        "return Array.from(document.querySelectorAll('#event-list .event-item')).map(i => i.dataset.event)"
    )
    assert sorted(listed) == sorted(attacks["id"])
    click(browser, "[data-action='step-back']")
    assert int(moment(browser)) == attacks["latest"].max().year - 1
    assert browser.js("return document.querySelector('.play-bar input[type=range]').min") == "0"
    assert int(browser.js("return document.querySelector('.play-bar input[type=range]').max")) == (
        attacks["latest"].max().year - first
    )
    browser.driver.find_element(By.ID, "search").send_keys("Mali")
    browser.wait(lambda: "play-on" not in browser.js("return document.querySelector('.play-bar').className"))
    browser.wait(browser.settled)
    assert "play-now" not in map_roles(browser) and at_in_url(browser) is None


def test_the_timeline_plays_by_keyboard(browser, server):
    open_explorer(browser, server, "?at=2012")
    browser.wait(lambda: moment(browser) == "2012")
    browser.js("document.getElementById('timeline').focus()")
    assert browser.js("return document.activeElement.id") == "timeline"
    assert "K" in browser.js("return document.getElementById('timeline').getAttribute('aria-keyshortcuts')")
    press(browser, Keys.ARROW_RIGHT)
    assert moment(browser) == "2013"
    press(browser, "k")
    assert pressed(browser) == "true"
    press(browser, Keys.SPACE)
    assert pressed(browser) == "false"
    assert browser.js("return window.scrollY") < 400, "Space played, it did not scroll the page"


def test_the_browser_applies_the_same_moment_rule(browser, server):
    open_explorer(browser, server)
    for what, earliest, latest, still, m0, m1, expected in CASES:
        got = browser.js("return window.timelinePlay.momentState(...arguments);", earliest, latest, still, m0, m1)
        assert got == expected, what


def _band_and_head(browser) -> list | None:
    """[the moment's name, the band's place, the play head's place, whether the head is hidden], read at once."""
    return browser.js(
        "var m = document.querySelector('#timeline .play-moment');"
        "var at = document.querySelector('.play-bar [data-play-at]').dataset.playAt;"
        "return m ? [at, m.firstChild.style.transform, m.lastChild.style.transform, m.lastChild.hidden] : null;"
    )


def test_reduced_motion_gives_steps(fresh_browser, server):
    browser = fresh_browser
    open_explorer(browser, server, "?speed=4")
    click(browser, "[data-action='play']")
    browser.wait(lambda: _band_and_head(browser), message="the moment on the timeline")
    # In motion, the play head glides within a moment: some moment sees it at more than one place.
    heads: dict[str, set] = {}
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not any(len(seen) > 1 for seen in heads.values()):
        at, _band, head, hidden = _band_and_head(browser)
        assert not hidden
        heads.setdefault(at, set()).add(head)
        time.sleep(0.05)
    click(browser, "[data-action='play']")
    assert any(len(seen) > 1 for seen in heads.values()), heads

    browser.driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]}
    )
    assert browser.js("return matchMedia('(prefers-reduced-motion: reduce)').matches")
    click(browser, "[data-action='play']")
    steps = []
    deadline = time.monotonic() + 12
    while time.monotonic() < deadline and len({m for m, *_rest in steps}) < 3:
        steps.append(tuple(_band_and_head(browser)))
        time.sleep(0.1)
    click(browser, "[data-action='play']")
    # In steps: no play head, and the band is where its moment is, one place per moment.
    assert all(hidden for *_rest, hidden in steps)
    assert len({m for m, *_rest in steps}) >= 2
    assert len({(m, band) for m, band, _head, _h in steps}) == len({m for m, *_rest in steps})


def _touch(browser, kind: str, x: float, y: float) -> None:
    points = [] if kind == "touchEnd" else [{"x": x, "y": y}]
    browser.driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})


def _box(browser, css: str) -> list[float]:
    """An element's box where a finger touches it: in the visual viewport, which a page wider than the phone
    (today's explorer at 390 px) offsets within the layout viewport."""
    return browser.js(
        "var r = document.querySelector(arguments[0]).getBoundingClientRect(), v = window.visualViewport;"
        "return [r.left - v.offsetLeft, r.top - v.offsetTop, r.width, r.height];",
        css,
    )


def _tap(browser, css: str) -> None:
    box = _box(browser, css)
    x, y = box[0] + box[2] / 2, box[1] + box[3] / 2
    _touch(browser, "touchStart", x, y)
    _touch(browser, "touchEnd", x, y)


def test_on_a_phone_with_touch_it_plays_steps_and_drags(sized_browser, server):
    browser = sized_browser(390, 664)
    browser.driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": 390, "height": 664, "deviceScaleFactor": 2, "mobile": True}
    )
    browser.driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5})
    open_explorer(browser, server)
    browser.js("document.querySelector('.play-bar').scrollIntoView({block: 'center'})")
    sizes = browser.js(
        "return Array.from(document.querySelectorAll('.play-bar button')).filter(b => b.offsetParent)"
        "  .map(b => { var r = b.getBoundingClientRect(); return [b.dataset.action, r.width, r.height]; });"
    )
    for action, width, height in sizes:
        assert width >= 44 and height >= 44, (action, width, height)
    bar = browser.js("var r = document.querySelector('.play-bar').getBoundingClientRect(); return [r.left, r.right];")
    assert bar[0] >= 0 and bar[1] <= 390, bar
    _tap(browser, "[data-action='play']")
    browser.wait(lambda: pressed(browser) == "true", message="the tap pressed play")
    moments, maps = watch(browser, 15, until=12)
    assert changes(moments) >= 5 and len(maps) >= 2, moments
    _tap(browser, "[data-action='play']")
    browser.wait(lambda: pressed(browser) == "false", message="the tap paused")
    paused_at = moment(browser)
    _tap(browser, "[data-action='step-forward']")
    browser.wait(lambda: moment(browser) == stop_after(paused_at), message="the tap stepped")
    # A finger drags the range to the right: the moment goes on with it.
    box = _box(browser, ".play-bar input[type=range]")
    y = box[1] + box[3] / 2
    value = int(browser.js("return document.querySelector('.play-bar input[type=range]').value"))
    thumb = box[0] + box[2] * value / (len(PLAY["names"]) - 1)
    _touch(browser, "touchStart", thumb, y)
    for step in range(1, 11):
        _touch(browser, "touchMove", thumb + (box[0] + box[2] - 4 - thumb) * step / 10, y)
        time.sleep(0.03)
    _touch(browser, "touchEnd", box[0] + box[2] - 4, y)
    assert PLAY["names"].index(moment(browser)) > value + 1
    browser.screenshot("play-phone-390x664")


def test_a_slide_map_plays_from_the_previous_slide_to_this_one(browser, server):
    slide = next(i + 1 for i in range(1, len(DECK.events)) if DECK.events.iloc[i]["id"] == "radisson-blu-attack")
    browser.open(f"{server.url}/present?lesson={LESSON}&slide={slide}")
    button = ".present-slide.current [data-action='play-slide']"
    browser.wait(
        lambda: browser.js(
            f"var gd = document.querySelector('#present-map-{slide} .js-plotly-plot'); return gd && gd.data"
        )
    )
    data = json.loads(browser.js("return document.querySelector(arguments[0]).dataset.play", button))
    assert (data["names"][0], data["names"][-1]) == ("2012", "2015")  # the operation (2012-2014), then 2015
    click(browser, button)
    browser.wait(lambda: browser.text(".present-slide.current .play-status").startswith("End"), timeout=20)
    assert browser.js("return document.querySelector('.present-slide.current [data-play-at]').dataset.playAt") == "2015"
    roles = browser.js(
        f"return document.querySelector('#present-map-{slide} .js-plotly-plot').data.map(t => t.meta && t.meta.role);"
    )
    assert "play-now" in roles
    browser.screenshot("play-present-slide")
    press(browser, Keys.ARROW_RIGHT, Keys.ARROW_LEFT)
    browser.wait(lambda: browser.js("return document.querySelector('.present').dataset.current") == str(slide))
    roles = browser.js(
        f"return document.querySelector('#present-map-{slide} .js-plotly-plot').data.map(t => t.meta && t.meta.role);"
    )
    assert "play-now" not in roles, "the slide's own map again"


@pytest.fixture(scope="module")
def lesson_file(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("play") / "gspc-to-jnim.html"
    write_bundle(COLLECTION, out, LESSON)
    return out


def test_the_lesson_file_plays_offline(browser, lesson_file):
    slide = len(DECK.events)
    open_file(browser, lesson_file, f"#slide={slide}")
    browser.wait(lambda: browser.js(f"var gd = document.getElementById('present-map-{slide}'); return gd && gd.data"))
    first = browser.js("return document.querySelector('.present-slide.current [data-play-at]').dataset.playAt")
    click(browser, ".present-slide.current [data-action='play-slide']")
    browser.wait(
        lambda: (
            browser.js("return document.querySelector('.present-slide.current [data-play-at]').dataset.playAt") != first
        ),
        message="the moment moves",
    )
    roles = browser.js(f"return document.getElementById('present-map-{slide}').data.map(t => t.meta && t.meta.role);")
    assert "play-now" in roles
    assert requests_other_than(browser, lesson_file) == []
