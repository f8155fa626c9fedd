"""What the browser tests of slides share: the bundled lesson, pressing keys, and whether a slide's map is drawn.

/present (test_present.py) and the lesson file (test_bundle.py) draw the same slides with the same script.
"""

from __future__ import annotations

from selenium.webdriver.common.action_chains import ActionChains

from timeline.formats.deck import build_deck
from timeline.load.collection import load_collection

COLLECTION = load_collection()
LESSON = "gspc-to-jnim"
DECK = build_deck(COLLECTION, LESSON)


def press(browser, *keys: str) -> None:
    for key in keys:
        ActionChains(browser.driver).send_keys(key).perform()


def map_drawn(browser, slide: int) -> int:
    """Shaded countries on the map of `slide` (lineage lanes on a lineage slide), counted only while
    that slide is the one shown."""
    selector = " .scatterlayer .trace" if DECK.show(slide - 1) == "lineage" else " .choroplethlocation"
    return browser.js(
        "var s = document.querySelector('.present-slide.current');"
        "if (!s || s.dataset.slide !== arguments[0]) { return 0; }"
        "return s.querySelectorAll('#present-map-' + arguments[0] + arguments[1]).length;",
        str(slide),
        selector,
    )
