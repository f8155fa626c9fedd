"""A finger on the page: Chromium's touch emulation and real touch sequences (Input.dispatchTouchEvent).

The events go through Chromium's input pipeline as a touch screen's do, so the page gets touch and pointer
events (pointerType 'touch'), and a swipe the page does not take scrolls it. Shared by the quiz's and the
lesson builder's tests (assets/reorder.js).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator


@contextlib.contextmanager
def touch_screen(browser) -> Iterator[None]:
    """The browser reports a touch screen inside the block (and a mouse again after it)."""
    browser.driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 1})
    try:
        yield
    finally:
        browser.driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": False})


def touch_drag(browser, start: tuple[float, float], end: tuple[float, float], hold: float = 0.4) -> None:
    """A finger pressed at `start` (viewport pixels), held `hold` seconds, moved to `end` in steps, lifted."""

    def touch(kind: str, x: float, y: float) -> None:
        points = [] if kind == "touchEnd" else [{"x": x, "y": y, "id": 1}]
        browser.driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    touch("touchStart", *start)
    time.sleep(hold)
    for step in range(1, 9):
        touch("touchMove", start[0] + (end[0] - start[0]) * step / 8, start[1] + (end[1] - start[1]) * step / 8)
        time.sleep(0.03)
    touch("touchEnd", *end)


def middle(browser, css: str) -> tuple[float, float]:
    """The viewport position of the middle of the first element `css` finds."""
    return tuple(
        browser.js(
            "var r = document.querySelector(arguments[0]).getBoundingClientRect();"
            "return [r.left + r.width / 2, r.top + r.height / 2];",
            css,
        )
    )
