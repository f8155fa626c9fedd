"""A phone's screen, as the server learns it: which width the explorer's timeline is laid out for.

The first response is rendered before any script knows the screen, so the plain copy in it carries the
timeline's height for every width class (static_html, as CSS variables a media query of style_sheet() picks),
and a line of script in the page's head, run before Dash's scripts ask for the layout, says the class in a
cookie. The layout, and every callback request after it (their fetches send the cookie too), are then built
for that class: a phone's first live draw is already its compact timeline, with no second request and no
redraw. A class, not the exact width: the figures and pages built per class stay few (CLASSES), and a class's
plot is never wider than the screens in it, so a title fitted to it is never cut.

Only under PHONE_MAX px (style.css's one-column layout) is the timeline compact; wider screens get the
desktop's figure, as before.
"""

from __future__ import annotations

import json

import flask

PHONE_MAX = 650  # style.css: @media (max-width: 650px)
# The narrowest screen of each class, in CSS pixels: the usual phones (320, 360, 375, 390, 412, 430) and steps
# up to PHONE_MAX. A screen under 320 px gets the first class.
CLASSES = (320, 360, 375, 390, 412, 430, 480, 540, 600)
# What a phone's screen keeps from the timeline's plot: the page's padding (10 px each side), the panel's border
# and padding (7 px each side, style.css) and the figure's margins (8 px left, 10 right: timeline_compact.py).
SIDES_PX = 2 * 10 + 2 * 7 + 8 + 10
COOKIE = "timeline-screen"


def plot_width(screen: int) -> int:
    """The timeline's plot width, in pixels, on the narrowest screen of class `screen`: 338 at 390."""
    return screen - SIDES_PX


def parse(value: object) -> int | None:
    """A class as the browser sends it (cookie text or a store's number); None for a wide screen or anything else."""
    try:
        screen = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return screen if screen in CLASSES else None


def current() -> int | None:
    """The class of the screen the request comes from; None outside a request or for a wide screen."""
    if not flask.has_request_context():
        return None
    return parse(flask.request.cookies.get(COOKIE))


def head_script() -> str:
    """Run in the page's head, before Dash's scripts ask for the layout: the screen's class in a cookie.

    window.timelineScreen() is the same choice for assets/touch.js, which tells the page when a turned phone
    changes class. innerWidth is the width CSS media queries see (after the meta viewport)."""
    return (
        "(function () {"
        f"var classes = {json.dumps(list(CLASSES))}, phone = {PHONE_MAX};"
        "window.timelineScreen = function () {"
        "  var width = window.innerWidth, chosen = null;"
        "  if (width > phone) { return null; }"
        "  classes.forEach(function (c) { if (width >= c) { chosen = c; } });"
        "  return chosen || classes[0];"
        "};"
        "window.timelineScreen.keep = function (screen) {"
        f"  document.cookie = '{COOKIE}=' + (screen || '') + '; path=/; SameSite=Lax' + (screen ? '' : '; max-age=0');"
        "};"
        "window.timelineScreen.keep(window.timelineScreen());"
        "})();"
    )


def style_sheet() -> str:
    """The plain copy's timeline takes the height of its screen's class (static_html writes --timeline-<class>
    on it): the live page that replaces it is drawn at that height, so nothing below it moves."""
    rules = []
    for screen in CLASSES:
        low = f"(min-width: {screen}px) and " if screen != CLASSES[0] else ""
        rules.append(
            f"@media {low}(max-width: {PHONE_MAX}px) {{ .graph-placeholder.timeline-graph "
            f"{{ height: var(--timeline-{screen}) !important; min-width: 0 !important; }} }}"
        )
    return "\n".join(rules)


def height_variables(heights: dict[int, int]) -> dict[str, str]:
    """{class: height} as the CSS variables style_sheet() reads."""
    return {f"--timeline-{screen}": f"{height}px" for screen, height in heights.items()}
