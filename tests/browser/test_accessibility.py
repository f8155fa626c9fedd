"""axe-core in Chromium finds no critical or serious accessibility problem on the app's pages (issue 13, item 3).

axe-core comes from npm (`npm install --prefix build/npm axe-core@4.14.1`, which .ci/run does) and is
injected into each page. Without it these tests skip with that command, except where
TIMELINE_REQUIRE_BROWSER=1 (CI): there a missing axe-core is a failure, as a missing browser is.
Every violation found, of any impact, is written to build/axe.txt.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from servers import ROOT

pytestmark = pytest.mark.browser

AXE = Path(os.environ.get("TIMELINE_AXE", ROOT / "build" / "npm" / "node_modules" / "axe-core" / "axe.min.js"))
INSTALL = "npm install --prefix build/npm axe-core@4.14.1"  # as .ci/run does
BLOCKING = ("critical", "serious")

PAGES = {
    "explorer": "/",
    "selected event": "/?event=droukdel-killed",
    "empty search": "/?q=zzzzzz",
    "present": "/present",
    "glossary": "/glossary",
    # The other languages: Arabic right to left, French's longer words.
    "explorer in Arabic": "/?lang=ar&event=droukdel-killed",
    "explorer in French": "/?lang=fr&event=droukdel-killed",
    "present in Arabic": "/present?lang=ar",
    # Paused at a moment of the play (issue 25): the play bar, the map's play traces, the list that follows.
    "explorer playing": "/?at=2012",
    "a slide with a play": "/present?lesson=gspc-to-jnim&slide=8",
}
READY = {
    "explorer": "#event-count",
    "selected event": "#detail .detail-title",
    "empty search": "#event-count",
    "present": ".present-slide.current",
    "glossary": "#glossary-lineage .main-svg",
    "explorer in Arabic": "#detail .detail-title",
    "explorer in French": "#detail .detail-title",
    "present in Arabic": ".present-slide.current",
    "explorer playing": ".play-bar.play-on",
    "a slide with a play": ".present-slide.current .slide-play",
}


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        message = f"accessibility tests need axe-core ({AXE} not found); install it with: {INSTALL}"
        if os.environ.get("TIMELINE_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


def run_axe(browser, source: str) -> list[dict]:
    browser.js(source)
    browser.driver.set_script_timeout(60)
    result = browser.driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        "  .then(function (r) { done(JSON.stringify(r.violations)); })"
        "  .catch(function (e) { done(JSON.stringify({error: String(e)})); });"
    )
    violations = json.loads(result)
    assert not isinstance(violations, dict), violations
    return violations


def _summary(violations: list[dict]) -> list[str]:
    return [
        f"{v['impact']:8} {v['id']} ({len(v['nodes'])}): {v['help']} e.g. {v['nodes'][0]['target']}" for v in violations
    ]


@pytest.mark.parametrize("page", list(PAGES))
def test_no_critical_or_serious_axe_violation(browser, server, axe_source, page):
    browser.open(server.url + PAGES[page])
    browser.wait(lambda: browser.js("return !!document.querySelector(arguments[0])", READY[page]), message=page)
    browser.wait(browser.settled, message="no callback in flight")
    violations = run_axe(browser, axe_source)
    out = ROOT / "build" / "axe"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{page.replace(' ', '-')}.txt").write_text("\n".join(_summary(violations)) + "\n", encoding="utf-8")
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, "\n".join(_summary(blocking))


def test_the_dropdowns_take_the_keyboard_on_their_own_button(browser, server):
    """Tab goes from the search box to each filter dropdown's button (not to its aria-hidden input), and opens it."""
    from selenium.webdriver.common.keys import Keys

    browser.open(server.url + "/")
    browser.wait(browser.settled, message="no callback in flight")
    browser.wait(lambda: browser.js("return !!document.querySelector('#category-filter')"), message="dropdowns")
    browser.driver.find_element("id", "search").click()
    focused = []
    for _ in range(3):
        browser.driver.switch_to.active_element.send_keys(Keys.TAB)
        focused.append(browser.js("var e = document.activeElement; return e.id || e.className;"))
    assert focused == ["category-filter", "country-filter", "actor-filter"]
    hidden = browser.js(
        "return Array.from(document.querySelectorAll('.dash-dropdown-focus-target')).map(e => e.tabIndex);"
    )
    assert hidden and set(hidden) == {-1}
    browser.driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    browser.wait(
        lambda: browser.js("return document.querySelector('#actor-filter').getAttribute('aria-expanded')") == "true"
    )
    browser.driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    browser.wait(lambda: browser.js("return document.activeElement.id") == "actor-filter", message="focus back")
    browser.driver.switch_to.active_element.send_keys(Keys.SHIFT, Keys.TAB)
    assert browser.js("return document.activeElement.id") == "country-filter"  # not its hidden input
