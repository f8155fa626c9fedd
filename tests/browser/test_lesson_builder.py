"""A teacher builds a lesson in a real Chromium, as she works (issue 23): from the explorer to a shared link.

She adds three events from the explorer, orders them on /lesson by button, by keyboard and by a touch drag
(real touch sequences through Chromium's Input.dispatchTouchEvent), writes a title and a note holding
markup, reloads, makes the link, and opens it in a browser of its own: the slides come in her order and
the note is text. The YAML she downloads validates in a copy of the collection. Bad input (a cut link, a
file that is not a lesson) is said on the page, in the reader's language, and the draft stays.
"""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from helpers import copy_collection, run_timeline
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from timeline.formats.lessonlink import decode, encode
from timeline.load.collection import load_collection
from timeline.web.lessonfile import bundle_html

from .test_accessibility import axe_source, run_axe  # noqa: F401 (axe_source is a fixture)
from .touch_helpers import middle, touch_drag, touch_screen

pytestmark = pytest.mark.browser

COLLECTION = load_collection()
THREE = ["mali-coup", "jnim-formed", "aqim-founded"]  # in the order she adds them
NOTE = '<img src=x onerror="window.ran=1"> Ask: who pledged allegiance to whom?'
TITLE = "The Sahel, 2007–2017"


def titles(event_ids: list[str]) -> list[str]:
    return [COLLECTION.event(event_id)["title"] for event_id in event_ids]


def fresh_start(browser, server, path: str = "/lesson") -> None:
    browser.open(server.url + path)
    browser.js("window.localStorage.clear();")


def seed(browser, server, slides: list[dict], title: str = TITLE, lang: str = "") -> None:
    """A draft as the builder keeps it, then the builder opened on it."""
    fresh_start(browser, server)
    draft = {"collection": "aqim", "title": title, "intro": "", "slides": slides}
    browser.js("window.localStorage.setItem('timeline-lesson:aqim', JSON.stringify(arguments[0]));", draft)
    open_builder(browser, server, len(slides), lang)


def open_builder(browser, server, count: int, lang: str = "") -> None:
    browser.open(server.url + "/lesson" + lang)
    browser.wait(lambda: slide_ids(browser) and len(slide_ids(browser)) == count, message=f"{count} slides")
    browser.wait(lambda: "…" not in browser.text(".lesson-slides") and quoted(browser), message="events described")


def quoted(browser) -> bool:
    return browser.js("return Array.from(document.querySelectorAll('.lesson-slide-quote')).every(q => q.textContent)")


def slide_ids(browser) -> list[str]:
    return browser.js(
        "return Array.from(document.querySelectorAll('#react-entry-point [data-slide-event]'))"
        ".map(function (s) { return s.getAttribute('data-slide-event'); });"
    )


def stored(browser) -> dict:
    return browser.js("return JSON.parse(window.localStorage.getItem('timeline-lesson:aqim') || 'null');")


def slide(browser, event_id: str, css: str = ""):
    return browser.driver.find_element(By.CSS_SELECTOR, f'#react-entry-point [data-slide-event="{event_id}"] {css}')


def announced(browser) -> str:
    return browser.text(".lesson-sr")


def add_from_explorer(browser, server, event_ids: list[str]) -> None:
    """Select each event in the list and press "Add to my lesson" in its detail."""
    browser.open(server.url + "/")
    browser.wait(browser.settled, message="explorer settled")
    for event_id in event_ids:
        browser.driver.find_element(By.CSS_SELECTOR, f'.event-item[data-event="{event_id}"]').click()
        button = f'[data-action="add-to-lesson"][data-event="{event_id}"]'
        browser.wait(lambda b=button: browser.js("return !!document.querySelector(arguments[0])", b), message="detail")
        browser.driver.find_element(By.CSS_SELECTOR, button).click()
        browser.wait(
            lambda b=button: (
                browser.js("return document.querySelector(arguments[0]).getAttribute('aria-pressed')", b) == "true"
            ),
            message=f"{event_id} in the lesson",
        )


def test_from_the_explorer_to_an_ordered_lesson_that_survives_a_reload(browser, server):
    fresh_start(browser, server, "/")
    add_from_explorer(browser, server, THREE)
    marked = browser.js(
        "return Array.from(document.querySelectorAll('.event-item.in-lesson')).map(e => e.dataset.event)"
    )
    assert sorted(marked) == sorted(THREE)
    assert browser.text(".lesson-counter") == "My lesson: 3"
    assert browser.text('[data-action="add-to-lesson"]') == "In my lesson ✓ (remove)"
    browser.driver.find_element(By.CSS_SELECTOR, ".lesson-counter").click()
    browser.wait(lambda: slide_ids(browser) == THREE, message="the builder, in the order added")
    browser.wait(lambda: quoted(browser), message="events described")
    first = slide(browser, "mali-coup")
    assert (
        COLLECTION.event("mali-coup")["date_text"] in first.text
        and COLLECTION.event("mali-coup")["quote"] in first.text
    )
    assert "Kept in this browser only." in browser.text(".lesson-kept")

    # By button: JNIM up one.
    slide(browser, "jnim-formed", '[data-action="move-up"]').click()
    assert slide_ids(browser) == ["jnim-formed", "mali-coup", "aqim-founded"]
    assert announced(browser) == f"“{titles(['jnim-formed'])[0]}” is now 1 of 3."
    assert browser.js("return document.activeElement.getAttribute('data-action')") == "move-up"
    # By keyboard: Alt+↑ on the focused slide.
    browser.js("arguments[0].focus();", slide(browser, "aqim-founded"))
    ActionChains(browser.driver).key_down(Keys.ALT).send_keys(Keys.ARROW_UP).key_up(Keys.ALT).perform()
    assert slide_ids(browser) == ["jnim-formed", "aqim-founded", "mali-coup"]
    assert announced(browser) == f"“{titles(['aqim-founded'])[0]}” is now 2 of 3."
    # By touch: press the handle of the last slide, hold, drag it above the first.
    browser.js("document.querySelector('.lesson-slides').scrollIntoView({block: 'center'});")
    top = browser.js(
        "var r = document.querySelector('[data-slide-event=\"jnim-formed\"]').getBoundingClientRect();"
        "return [r.left + 30, r.top + 60];"
    )
    with touch_screen(browser):
        touch_drag(browser, middle(browser, '[data-slide-event="mali-coup"] .lesson-grip'), tuple(top))
    order = ["mali-coup", "jnim-formed", "aqim-founded"]
    browser.wait(lambda: slide_ids(browser) == order, message="the touch drag")
    assert announced(browser) == f"“{titles(['mali-coup'])[0]}” is now 1 of 3."

    # A title, and a note that holds markup: it stays text.
    browser.driver.find_element(By.CSS_SELECTOR, 'input[name="lesson-title"]').send_keys(TITLE)
    slide(browser, "mali-coup", 'textarea[name="notes"]').send_keys(NOTE)
    slide(browser, "jnim-formed", '[data-action="show-lineage"]').click()
    browser.wait(lambda: (stored(browser) or {}).get("title") == TITLE, message="kept")
    assert browser.js("return window.ran === undefined && document.querySelectorAll('img').length === 0")

    browser.driver.refresh()
    browser.wait(lambda: slide_ids(browser) == order, message="the draft after a reload")
    assert browser.js("return document.querySelector('input[name=\"lesson-title\"]').value") == TITLE
    assert slide(browser, "mali-coup", 'textarea[name="notes"]').get_attribute("value") == NOTE
    assert slide(browser, "jnim-formed", '[data-action="show-lineage"]').is_selected()
    assert stored(browser)["slides"] == [
        {"event": "mali-coup", "notes": NOTE},
        {"event": "jnim-formed", "show": "lineage"},
        {"event": "aqim-founded"},
    ]
    browser.wait(lambda: browser.text(".lesson-problems") == "", message="no problem left")


def make_links(browser) -> dict[str, str]:
    browser.driver.find_element(By.CSS_SELECTOR, '[data-action="share-link"]').click()
    browser.wait(lambda: browser.js("return !document.querySelector('.lesson-share').hidden"), message="the links")
    return browser.js(
        "var found = {};"
        "document.querySelectorAll('[data-share-url]').forEach(function (e) {"
        "  found[e.getAttribute('data-share-for')] = e.getAttribute('data-share-url'); });"
        "return found;"
    )


def shown_slides(browser) -> list[str]:
    return browser.js(
        "return Array.from(document.querySelectorAll('#react-entry-point .present-slide[data-event]'))"
        ".map(function (s) { return s.dataset.event; });"
    )


def test_the_link_opens_the_lesson_in_a_fresh_browser_and_the_note_is_text(browser, fresh_browser, server):
    order = ["radisson-blu-attack", "mali-coup", "jnim-formed"]
    seed(
        browser,
        server,
        [{"event": "radisson-blu-attack"}, {"event": "mali-coup", "notes": NOTE}, {"event": "jnim-formed"}],
    )
    links = make_links(browser)
    assert set(links) == {"class", "speaker"}
    assert links["speaker"].startswith(f"{server.url}/present?shared=1&speaker=1#lesson=v1.")
    assert links["class"].startswith(f"{server.url}/present?shared=1#lesson=v1.")
    # The class's link carries no notes at all; the speaker's has them, as typed.
    assert "notes" not in str(decode(unquote(links["class"].split("#lesson=")[1])))
    assert decode(unquote(links["speaker"].split("#lesson=")[1]))["slides"][1]["notes"] == NOTE
    browser.driver.find_element(By.CSS_SELECTOR, '[data-action="copy-link"]').click()
    browser.wait(lambda: browser.text(".lesson-said") == "Copied.", message="copied")

    # Another browser, another profile: nothing of the draft, only the link.
    fresh_browser.open(links["speaker"])
    fresh_browser.wait(lambda: shown_slides(fresh_browser) == order, message="the slides in the built order")
    assert fresh_browser.text(".present-title") == TITLE
    notes = fresh_browser.js(
        "return Array.from(document.querySelectorAll('.speaker-note .speaker-text')).map(n => n.textContent)"
    )
    assert notes[2] == "Notes: " + NOTE
    assert fresh_browser.js("return window.ran === undefined && document.querySelectorAll('img').length === 0")
    # The class's link: the slides, and no teacher's notes anywhere.
    fresh_browser.open(links["class"])
    fresh_browser.wait(lambda: shown_slides(fresh_browser) == order, message="the class's slides")
    assert not fresh_browser.js("return !!document.querySelector('.speaker-panel')")
    assert "Ask: who pledged" not in fresh_browser.js("return document.documentElement.outerHTML")
    # ... and its quiz, on the same events.
    fresh_browser.driver.find_element(By.LINK_TEXT, "Quiz").click()
    fresh_browser.wait(lambda: fresh_browser.js("return !!document.querySelector('.quiz[data-ready]')"), message="quiz")
    cards = fresh_browser.js("return Array.from(document.querySelectorAll('.quiz-card')).map(c => c.dataset.event)")
    assert sorted(cards) == sorted(order)
    fresh_browser.screenshot("lesson-link-quiz")


def test_the_yaml_download_validates_in_a_copy_of_the_collection(browser, server, tmp_path):
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    seed(browser, server, [{"event": "jnim-formed", "notes": NOTE, "show": "lineage"}, {"event": "mali-coup"}])
    browser.driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    browser.driver.find_element(By.CSS_SELECTOR, '[data-action="download-yaml"]').click()
    name = "the-sahel-2007-2017.yaml"
    browser.wait(lambda: (downloads / name).is_file(), message="the YAML downloaded")
    text = (downloads / name).read_text(encoding="utf-8")
    folder = copy_collection(tmp_path)
    (folder / "lessons" / name).write_text(text, encoding="utf-8")
    run = run_timeline("validate", folder)
    assert run.returncode == 0, run.stderr
    lesson = load_collection(folder).lessons["the-sahel-2007-2017"]
    assert (lesson.title, lesson.event_ids, lesson.slides[0].notes) == (TITLE, ["jnim-formed", "mali-coup"], NOTE)
    assert lesson.slides[0].show == "lineage"
    assert browser.js("return document.querySelectorAll('[data-slide-event]').length") == 2  # still building


def test_a_cut_link_is_said_in_the_readers_language(browser, server):
    payload = encode({"collection": "aqim", "title": "T", "slides": ["mali-coup"]})
    browser.open(f"{server.url}/present?shared=1&lang=fr#lesson={payload[:-6]}")
    browser.wait(lambda: browser.js("return !!document.querySelector('#react-entry-point .problems')"), message="says")
    said = browser.text("#react-entry-point .not-found")
    assert "La leçon de ce lien ne peut pas être ouverte" in said
    assert "tronqué" in said or "abîmé" in said
    browser.open(f"{server.url}/present?shared=1#lesson=%E0%A4%A")  # not even percent-encoding: no script error
    browser.wait(lambda: browser.js("return !!document.querySelector('#react-entry-point .problems')"), message="says")
    assert "the link holds no lesson" in browser.text("#react-entry-point .problems")
    browser.open(f"{server.url}/quiz?shared=1#lesson={encode({'title': 'T', 'slides': ['no-such-event']})}")
    browser.wait(lambda: browser.js("return !!document.querySelector('#react-entry-point .problems')"), message="says")
    assert "unknown event id 'no-such-event'" in browser.text("#react-entry-point .problems")


def test_a_lesson_file_dropped_on_the_builder_opens_again_and_a_wrong_file_changes_nothing(browser, server, tmp_path):
    seed(browser, server, [{"event": "mali-coup", "notes": "Mine."}], title="Mine")
    not_a_lesson = tmp_path / "events.csv"
    not_a_lesson.write_text("id,title\nx,y\n", encoding="utf-8")
    choose = browser.driver.find_element(By.CSS_SELECTOR, '#react-entry-point input[type="file"]')
    choose.send_keys(str(not_a_lesson))
    browser.wait(lambda: "events.csv" in browser.text(".lesson-problems"), message="the file's problem")
    assert "this is not a lesson" in browser.text(".lesson-problems")
    assert slide_ids(browser) == ["mali-coup"] and stored(browser)["title"] == "Mine"

    lesson_file = tmp_path / "gspc-to-jnim.html"
    lesson_file.write_text(bundle_html(COLLECTION, "gspc-to-jnim"), encoding="utf-8")
    choose.send_keys(str(lesson_file))
    wanted = COLLECTION.lessons["gspc-to-jnim"].event_ids
    browser.wait(lambda: slide_ids(browser) == wanted, message="the lesson file's lesson")
    assert (
        browser.js("return document.querySelector('input[name=\"lesson-title\"]').value")
        == "From GSPC to JNIM: 2007–2020"
    )
    assert stored(browser)["slides"][0]["notes"].startswith("Start from the name change")
    # What was there before comes back with Undo.
    browser.driver.find_element(By.CSS_SELECTOR, ".lesson-said button").click()
    browser.wait(lambda: slide_ids(browser) == ["mali-coup"], message="undone")
    assert stored(browser)["title"] == "Mine"


@pytest.mark.parametrize("lang", ["", "?lang=ar"])
def test_no_serious_axe_finding_on_the_builder(browser, server, axe_source, lang):  # noqa: F811
    seed(browser, server, [{"event": "mali-coup", "notes": "ملاحظة"}, {"event": "jnim-formed"}], lang=lang)
    browser.wait(browser.settled, message="no callback in flight")
    violations = run_axe(browser, axe_source)
    blocking = [v for v in violations if v["impact"] in ("critical", "serious")]
    assert not blocking, [(v["id"], v["nodes"][0]["target"]) for v in blocking]


def test_the_arabic_builder_mirrors_and_notes_take_either_direction(browser, server):
    seed(browser, server, [{"event": "mali-coup"}, {"event": "jnim-formed"}], lang="?lang=ar")
    assert browser.js("return document.documentElement.dir") == "rtl"
    # Right to left: the handle is right of the slide's text, the ↑ ↓ buttons left of it.
    grip, body, tools = browser.js(
        "var s = document.querySelector('[data-slide-event=\"mali-coup\"]');"
        "return ['.lesson-grip', '.lesson-slide-body', '.lesson-slide-tools']"
        ".map(function (c) { return s.querySelector(c).getBoundingClientRect().left; });"
    )
    assert grip > body > tools
    notes = slide(browser, "mali-coup", 'textarea[name="notes"]')
    assert notes.get_attribute("dir") == "auto"
    notes.send_keys("Ask the class, then: اسأل القسم")
    assert browser.js("return document.querySelector('[data-action=\"move-up\"] .sr-only').textContent") == "إلى الأعلى"


@pytest.mark.parametrize("width", [320, 390])
def test_the_builder_on_a_phone_has_no_sideways_scroll_and_big_enough_targets(sized_browser, server, width):
    browser = sized_browser(width, 664)
    browser.driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": width, "height": 664, "deviceScaleFactor": 2, "mobile": True}
    )
    seed(browser, server, [{"event": "mali-coup"}, {"event": "jnim-formed"}, {"event": "aqim-founded"}])
    assert browser.js("return document.documentElement.scrollWidth") <= width
    small = browser.js(
        "return Array.from(document.querySelectorAll('#react-entry-point .lesson-builder button,"
        " #react-entry-point .lesson-builder a, #react-entry-point .lesson-grip'))"
        ".filter(function (e) { return e.getClientRects().length; })"
        ".map(function (e) { var r = e.getBoundingClientRect(); return [e.className + ' ' + e.textContent, r.width, r.height]; })"
        ".filter(function (s) { return s[1] < 24 || s[2] < 24; });"
    )
    assert small == []
    browser.screenshot(f"lesson-builder-{width}")


def test_the_events_listed_go_in_at_once_and_the_lesson_can_be_cleared_and_brought_back(browser, server):
    fresh_start(browser, server, "/")
    browser.open(server.url + "/?q=Mali")
    browser.wait(browser.settled, message="explorer settled")
    listed = browser.js("return Array.from(document.querySelectorAll('.event-item')).map(e => e.dataset.event)")
    assert 1 < len(listed) < len(COLLECTION.events)
    browser.driver.find_element(By.CSS_SELECTOR, '[data-action="add-shown-to-lesson"]').click()
    assert (
        browser.text(".lesson-add-shown-box .lesson-said")
        == f"Added: {len(listed)}. Slides in your lesson: {len(listed)}."
    )
    assert browser.text(".lesson-counter") == f"My lesson: {len(listed)}"
    assert [slide["event"] for slide in stored(browser)["slides"]] == listed  # the list's order: by date
    open_builder(browser, server, len(listed))
    browser.driver.find_element(By.CSS_SELECTOR, '[data-action="clear-lesson"]').click()
    assert slide_ids(browser) == [] and stored(browser)["slides"] == []
    assert browser.js("return !document.querySelector('.lesson-empty').hidden")
    browser.driver.find_element(By.CSS_SELECTOR, ".lesson-said button").click()
    assert slide_ids(browser) == listed and len(stored(browser)["slides"]) == len(listed)


def test_a_yaml_dropped_on_the_builder_opens_for_editing(browser, server):
    seed(browser, server, [{"event": "mali-coup"}], title="Before")
    yaml_text = "title: Dropped\nslides:\n  - event: droukdel-killed\n    notes: Last.\n  - annabi-appointed\n"
    browser.js(
        "var data = new DataTransfer();"
        "data.items.add(new File([arguments[0]], 'dropped.yaml', {type: 'application/yaml'}));"
        "var target = document.querySelector('#react-entry-point .lesson-slides');"
        "target.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: data}));"
        "target.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: data}));",
        yaml_text,
    )
    browser.wait(lambda: slide_ids(browser) == ["droukdel-killed", "annabi-appointed"], message="the dropped lesson")
    assert stored(browser)["title"] == "Dropped" and stored(browser)["slides"][0]["notes"] == "Last."
    assert browser.text(".lesson-said").startswith("Opened “Dropped”.")


def test_a_lesson_too_long_for_a_link_says_so_and_offers_the_file(browser, server):
    import random

    rng = random.Random(23)
    noise = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789 ") for _ in range(4000)) for _ in range(3)]
    seed(browser, server, [{"event": e, "notes": n} for e, n in zip(THREE, noise, strict=True)])
    links = make_links(browser)
    assert links["class"] and len(links["class"]) <= 8000  # the class's link has no notes: it fits
    assert links["speaker"] == ""
    warning = browser.text(".lesson-too-long")
    assert "too long for a link" in warning and "Download the lesson file instead" in warning
    assert not browser.js(
        "return document.querySelector('[data-share-for=\"speaker\"]').closest('.lesson-share-item').hidden === false"
    )
